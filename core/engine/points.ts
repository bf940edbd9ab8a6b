/**
 * The points ledger (SPEC §3, seed 000 积分): points earned row by row on the
 * rows' dates, point penalties on their window's last day, less Redemptions in
 * date order. A redemption that would make a balance negative is an error row
 * and is not applied. Balance at the period end = everything up to then.
 */
import type { Diagnostic, Day } from '../types';
import type { Measure, RowsMeasure } from '../scheme/model';
import type { Period } from '../periods';
import { diag } from '../diagnostics';
import { windowRange, type Ctx } from './context';
import { rowValueFn } from './measures';
import { pointPenaltiesBefore, type PenaltyHit } from './penalties';

export interface LedgerLine {
  idx: number;
  /** Points earned in the period (rules and penalties). */
  earned: number;
  /** Points earned per rule id in the period (penalties under `penalty:<id>`). */
  byRule: Map<string, number>;
  /** Points redeemed in the period (applied only). */
  redeemed: number;
  /** Balance at the period's last day. */
  balance: number;
}

export interface Ledger {
  lines: LedgerLine[];
  diagnostics: Diagnostic[];
}

interface Event { day: Day; points: number; rule: string }

function leaves(ctx: Ctx, m: Measure, seen = new Set<string>()): RowsMeasure[] {
  if (seen.has(m.id)) return [];
  seen.add(m.id);
  if (m.kind === 'rows') return [m];
  if (m.kind === 'combine' && m.op === 'sum') {
    return m.of.flatMap((id) => {
      const inner = ctx.measures.get(id);
      return inner ? leaves(ctx, inner, seen) : [];
    });
  }
  return [];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function computeLedger(ctx: Ctx, p: Period, periodPenalties: PenaltyHit[]): Ledger | null {
  const pts = ctx.scheme.points;
  if (!pts) return null;
  const events: Event[][] = Array.from({ length: ctx.n }, () => []);
  const all: Period = { ...p, id: `..${p.end}`, start: '0000-01-01' };
  let earliest: string | null = null;
  for (const rule of pts.rules) {
    const m = ctx.measures.get(rule.measure);
    if (!m) continue;
    for (const leaf of leaves(ctx, m)) {
      const t = ctx.tabs[leaf.tab];
      const valueOf = rowValueFn(leaf);
      const [lo, hi] = windowRange(t, all);
      for (let i = lo; i < hi; i++) {
        const s = t.staff[i];
        if (s < 0) continue;
        const v = valueOf(t.rows[i]);
        if (v === null || typeof v !== 'number') continue;
        events[s].push({ day: t.from[i], points: v * leaf.scale * rule.points, rule: rule.id });
      }
    }
  }
  for (const t of Object.values(ctx.tabs)) if (t.from.length && (earliest === null || t.from[0] < earliest)) earliest = t.from[0];
  const penaltyHits = [...pointPenaltiesBefore(ctx, p, earliest), ...periodPenalties.filter((h) => h.points !== 0)];
  for (const h of penaltyHits) {
    if (h.points === 0) continue;
    events[h.idx].push({ day: h.window.end, points: h.points, rule: `penalty:${h.penalty.id}` });
  }

  // Redemptions in date order (the index is sorted by date, stable by row).
  const red = ctx.tabs.redemptions;
  const byPerson = new Map<number, number[]>();
  if (pts.redemptions) {
    const [lo, hi] = windowRange(red, all);
    for (let i = lo; i < hi; i++) {
      const s = red.staff[i];
      if (s < 0) continue;
      const l = byPerson.get(s);
      if (l) l.push(i);
      else byPerson.set(s, [i]);
    }
  }

  const diagnostics: Diagnostic[] = [];
  const lines: LedgerLine[] = [];
  for (let s = 0; s < ctx.n; s++) {
    const ev = events[s];
    const reds = byPerson.get(s) ?? [];
    if (ev.length === 0 && reds.length === 0) continue;
    ev.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    let earned = 0;
    const byRule = new Map<string, number>();
    let total = 0;
    for (const e of ev) {
      total += e.points;
      if (e.day >= p.start) {
        earned += e.points;
        byRule.set(e.rule, r6((byRule.get(e.rule) ?? 0) + e.points));
      }
    }
    // Walk redemptions against the running balance.
    let k = 0;
    let running = 0;
    let spent = 0;
    let redeemed = 0;
    for (const ri of reds) {
      const r = red.rows[ri] as { date: Day; points: number; tab: string; row: number };
      while (k < ev.length && ev[k].day <= r.date) running += ev[k++].points;
      const balance = r6(running - spent);
      if (r.points > balance + 1e-9) {
        diagnostics.push(diag({
          severity: 'error', code: 'redemption_exceeds_balance', tab: r.tab, row: r.row, column: 'points', value: String(r.points),
          zh: `兑换 ${r6(r.points)} 积分后余额将为负：${r.date} 时余额只有 ${balance}，未予兑换`,
          en: `Redeeming ${r6(r.points)} points would make the balance negative: on ${r.date} the balance is only ${balance}; not applied`,
        }));
        continue;
      }
      spent += r.points;
      if (r.date >= p.start) redeemed += r.points;
    }
    lines.push({ idx: s, earned: r6(earned), byRule, redeemed: r6(redeemed), balance: r6(total - spent) });
  }
  return { lines, diagnostics };
}
