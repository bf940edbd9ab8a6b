/**
 * The points ledger (SPEC §3, seed 000 积分): points earned row by row on the
 * rows' dates, point penalties on their window's last day, less Redemptions in
 * date order. A redemption that would make a balance negative is an error row
 * and is not applied. Balance at the period end = everything up to then.
 */
import type { Diagnostic, Day } from '../types';
import type { Measure, RowsMeasure } from '../scheme/model';
import type { Period } from '../periods';
import { columnAsWritten, diag } from '../diagnostics';
import { dayKey, orderByDay, type Ctx } from './context';
import { rowValues } from './measures';
import { pointPenaltiesBefore, type PenaltyHit } from './penalties';
import { departmentPointEvents, headOnKey } from './departments';

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

interface Event { day: number; points: number; rule: string }

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
  const n = ctx.n;
  const endKey = dayKey(p.end);
  const startKey = dayKey(p.start);

  // Redemptions in date order (the index is sorted by date, stable by row).
  const red = ctx.tabs.redemptions;
  const byPerson = new Map<number, number[]>();
  if (pts.redemptions) {
    const days = (red.rows as { date: Day }[]).map((r) => r.date);
    for (const i of orderByDay(days)) {
      const s = red.staff[i];
      if (s < 0 || red.from[i] > endKey) continue;
      const l = byPerson.get(s);
      if (l) l.push(i);
      else byPerson.set(s, [i]);
    }
  }
  // Totals for everyone; dated events only for the people who redeem.
  const total = new Float64Array(n);
  const earned = new Float64Array(n);
  const active = new Uint8Array(n);
  const ruleIds: string[] = [];
  const byRule: Float64Array[] = [];
  const ruleSlot = (id: string): Float64Array => {
    let k = ruleIds.indexOf(id);
    if (k < 0) {
      ruleIds.push(id);
      byRule.push(new Float64Array(n));
      k = ruleIds.length - 1;
    }
    return byRule[k];
  };
  const events = new Map<number, Event[]>();
  for (const s of byPerson.keys()) events.set(s, []);
  const post = (s: number, day: number, points: number, rule: string, slot: Float64Array) => {
    active[s] = 1;
    total[s] += points;
    if (day >= startKey) {
      earned[s] += points;
      slot[s] += points;
    }
    const ev = events.get(s);
    if (ev) ev.push({ day, points, rule });
  };
  let earliest: string | null = null;
  for (const rule of pts.rules) {
    const m = ctx.measures.get(rule.measure);
    if (!m) continue;
    const slot = ruleSlot(rule.id);
    for (const leaf of leaves(ctx, m)) {
      const t = ctx.tabs[leaf.tab];
      const vals = rowValues(ctx, leaf);
      const factor = leaf.scale * rule.points;
      const toHead = rule.to === 'department_head';
      for (let i = 0; i < vals.length; i++) {
        const w = t.staff[i];
        if (w < 0 || t.from[i] > endKey) continue;
        const v = vals[i];
        if (v !== v) continue;
        // `to: department_head` rules credit the head of the writer's department (issue 4).
        const s = toHead ? headOnKey(ctx, w, t.from[i]) : w;
        if (s < 0) continue;
        post(s, t.from[i], v * factor, rule.id, slot);
      }
    }
  }
  const pointPenalties = ctx.scheme.penalties.some((pe) => pe.points !== 0 || (pe.perUnit && pe.perUnit.points !== 0));
  if (pointPenalties) for (const t of [ctx.data.feedback, ctx.data.incidents, ctx.data.cases] as { date: Day }[][]) {
    for (const r of t) if (earliest === null || r.date < earliest) earliest = r.date;
  }
  if (pointPenalties) for (const r of ctx.data.attendance) if (earliest === null || `${r.month}-01` < earliest) earliest = `${r.month}-01`;
  const penaltyHits = [...pointPenaltiesBefore(ctx, p, earliest), ...periodPenalties.filter((h) => h.points !== 0)];
  for (const h of penaltyHits) {
    if (h.points === 0) continue;
    const id = `penalty:${h.penalty.id}`;
    post(h.idx, dayKey(h.window.end), h.points, id, ruleSlot(id));
  }
  for (const h of departmentPointEvents(ctx, p)) post(h.idx, dayKey(h.day), h.points, h.rule, ruleSlot(h.rule));

  const diagnostics: Diagnostic[] = [];
  const spent = new Float64Array(n);
  const redeemed = new Float64Array(n);
  for (const [s, reds] of byPerson) {
    active[s] = 1;
    const ev = events.get(s)!;
    ev.sort((a, b) => a.day - b.day);
    let k = 0;
    let running = 0;
    for (const ri of reds) {
      const r = red.rows[ri] as { date: Day; points: number; tab: string; row: number };
      const rk = dayKey(r.date);
      while (k < ev.length && ev[k].day <= rk) running += ev[k++].points;
      const balance = r6(running - spent[s]);
      if (r.points > balance + 1e-9) {
        diagnostics.push(diag({
          severity: 'error', code: 'redemption_exceeds_balance', tab: r.tab, row: r.row, column: columnAsWritten(ctx.data.columnNames, 'redemptions', 'points'), value: String(r.points),
          zh: `兑换 ${r6(r.points)} 积分后余额将为负：${r.date} 时余额只有 ${balance}，未予兑换`,
          en: `Redeeming ${r6(r.points)} point${r.points === 1 ? '' : 's'} would make the balance negative: on ${r.date} the balance is only ${balance}; not applied`,
        }));
        continue;
      }
      spent[s] += r.points;
      if (r.date >= p.start) redeemed[s] += r.points;
    }
  }
  const lines: LedgerLine[] = [];
  for (let s = 0; s < n; s++) {
    if (!active[s]) continue;
    const rules = new Map<string, number>();
    ruleIds.forEach((id, k) => {
      if (byRule[k][s] !== 0) rules.set(id, r6(byRule[k][s]));
    });
    lines.push({ idx: s, earned: r6(earned[s]), byRule: rules, redeemed: r6(redeemed[s]), balance: r6(total[s] - spent[s]) });
  }
  return { lines, diagnostics };
}
