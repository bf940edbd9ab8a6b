/**
 * Penalties (SPEC §3): a condition on a measure in each window of a kind inside
 * the period → an action with money and/or points, once per person per window.
 * A fine or point deduction that comes to nothing is not a penalty and is not listed.
 */
import type { Penalty } from '../scheme/model';
import { periodOf, shiftPeriod, subPeriods, type Period } from '../periods';
import { toFen } from '../money';
import { presence, type Ctx } from './context';
import { evalMeasure } from './measures';
import { checkCondition } from './gates';

export interface PenaltyHit {
  idx: number;
  penalty: Penalty;
  window: Period;
  amountFen: number;
  points: number;
  /** The condition measure's value in the window. */
  value: number;
  /** Units of the per-unit measure (NaN when none). */
  units: number;
}

/** Windows of `kind` inside `p` (or the one containing it when `kind` is longer than the period). */
export function windowsIn(p: Period, kind: Period['kind']): Period[] {
  const subs = subPeriods(p, kind);
  return subs.length ? subs : [];
}

function hitsIn(ctx: Ctx, pe: Penalty, w: Period): PenaltyHit[] {
  const out: PenaltyHit[] = [];
  const unitsVec = pe.perUnit ? evalMeasure(ctx, pe.perUnit.measure, w) : null;
  for (let i = 0; i < ctx.n; i++) {
    if (presence(ctx.staff[i], w) === 'not_hired') continue;
    const chk = checkCondition(ctx, pe.when, w, i);
    if (!chk.ok) continue;
    const units = unitsVec ? unitsVec[i] : NaN;
    const u = Number.isNaN(units) ? 0 : units;
    const amountFen = toFen(pe.amount) + (pe.perUnit ? Math.round(toFen(pe.perUnit.amount) * u) : 0);
    const points = pe.points + (pe.perUnit ? pe.perUnit.points * u : 0);
    const moneyOnly = pe.action === 'fine';
    const pointsOnly = pe.action === 'point_deduction';
    if ((moneyOnly || pointsOnly) && amountFen === 0 && points === 0) continue;
    out.push({ idx: i, penalty: pe, window: w, amountFen, points: Math.round(points * 1e6) / 1e6, value: chk.value, units });
  }
  return out;
}

/** Every penalty in the windows inside period `p`, in scheme order, window order, staff order. */
export function penaltiesIn(ctx: Ctx, p: Period): PenaltyHit[] {
  const out: PenaltyHit[] = [];
  for (const pe of ctx.scheme.penalties) {
    for (const w of windowsIn(p, pe.window)) out.push(...hitsIn(ctx, pe, w));
  }
  return out;
}

/**
 * Point-bearing penalties in the windows before `p` (for ledger balances), from
 * the window holding `earliest` onwards.
 */
export function pointPenaltiesBefore(ctx: Ctx, p: Period, earliest: string | null): PenaltyHit[] {
  if (!earliest || earliest >= p.start) return [];
  const out: PenaltyHit[] = [];
  for (const pe of ctx.scheme.penalties) {
    if (pe.points === 0 && !(pe.perUnit && pe.perUnit.points !== 0)) continue;
    let w = periodOf(pe.window, earliest);
    // A safety bound: a century of months.
    for (let k = 0; k < 1200 && w.end < p.start; k++, w = shiftPeriod(w, 1)) out.push(...hitsIn(ctx, pe, w));
  }
  return out;
}
