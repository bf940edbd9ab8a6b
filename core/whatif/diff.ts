/**
 * The difference between two results of the same data (SPEC §11): winners gained
 * and lost per award with their amounts, winners whose amount changed, money paid
 * before → after (in all and per award), stars and penalties that change. Works on
 * the `--json` result objects, so a preview says exactly what a Compute would.
 */
import type { AwardLine, PenaltyLine, ResultJson, StarLine } from '../types';

export interface WinnerLine { award: string; staff_id: string; amount: number }
export interface AmountChange { award: string; staff_id: string; from: number; to: number }
export interface StarChange { staff_id: string; from: { stars: number; bonus: number } | null; to: { stars: number; bonus: number } | null }
export interface PenaltyChangeLine { staff_id: string; action: string; window: string; amount: number }

export interface ResultDiff {
  gained: WinnerLine[];
  lost: WinnerLine[];
  /** People who win the same award before and after, with a different amount. */
  changed: AmountChange[];
  paid: { before: number; after: number; by_award: Record<string, { before: number; after: number }> };
  stars: StarChange[];
  penalties: { gained: PenaltyChangeLine[]; lost: PenaltyChangeLine[] };
}

const yuan = (fen: number) => Math.round(fen) / 100;
const fen = (y: number) => Math.round(y * 100);

/** Per award and person: the sum of their lines (a manager paid for two winners has two lines), in first-seen order. */
function winners(lines: AwardLine[]): Map<string, WinnerLine & { fen: number }> {
  const out = new Map<string, WinnerLine & { fen: number }>();
  for (const l of lines) {
    const k = `${l.award}\u0000${l.staff_id}`;
    const hit = out.get(k);
    if (hit) hit.fen += fen(l.amount);
    else out.set(k, { award: l.award, staff_id: l.staff_id, amount: 0, fen: fen(l.amount) });
  }
  for (const w of out.values()) w.amount = yuan(w.fen);
  return out;
}

function starKey(s: StarLine): { stars: number; bonus: number } {
  return { stars: s.stars, bonus: s.bonus };
}

const penaltyKey = (p: PenaltyLine) => `${p.staff_id}\u0000${p.action}\u0000${p.window}\u0000${p.amount}`;

/** What changes from `before` to `after` (same data, same period). */
export function diffResults(before: ResultJson, after: ResultJson): ResultDiff {
  const b = winners(before.awards);
  const a = winners(after.awards);
  const strip = (w: WinnerLine & { fen: number }): WinnerLine => ({ award: w.award, staff_id: w.staff_id, amount: w.amount });
  const gained = [...a.entries()].filter(([k]) => !b.has(k)).map(([, w]) => strip(w));
  const lost = [...b.entries()].filter(([k]) => !a.has(k)).map(([, w]) => strip(w));
  const changed: AmountChange[] = [];
  for (const [k, w] of a) {
    const was = b.get(k);
    if (was && was.fen !== w.fen) changed.push({ award: w.award, staff_id: w.staff_id, from: was.amount, to: w.amount });
  }

  const byAward: Record<string, { before: number; after: number }> = {};
  for (const id of [...Object.keys(before.totals.by_award), ...Object.keys(after.totals.by_award)]) {
    byAward[id] ??= { before: before.totals.by_award[id] ?? 0, after: after.totals.by_award[id] ?? 0 };
  }

  const sb = new Map(before.stars.map((s) => [s.staff_id, starKey(s)]));
  const sa = new Map(after.stars.map((s) => [s.staff_id, starKey(s)]));
  const stars: StarChange[] = [];
  const seen = new Set<string>();
  for (const s of [...after.stars, ...before.stars]) {
    if (seen.has(s.staff_id)) continue;
    seen.add(s.staff_id);
    const from = sb.get(s.staff_id) ?? null;
    const to = sa.get(s.staff_id) ?? null;
    if (from?.stars !== to?.stars || from?.bonus !== to?.bonus) stars.push({ staff_id: s.staff_id, from, to });
  }

  const pb = multiset(before.penalties);
  const pa = multiset(after.penalties);
  const penalties = { gained: minus(after.penalties, pb), lost: minus(before.penalties, pa) };
  return {
    gained, lost, changed,
    paid: { before: before.totals.paid, after: after.totals.paid, by_award: byAward },
    stars, penalties,
  };
}

function multiset(list: PenaltyLine[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of list) m.set(penaltyKey(p), (m.get(penaltyKey(p)) ?? 0) + 1);
  return m;
}

/** Lines of `list` not matched one for one in `other`. */
function minus(list: PenaltyLine[], other: Map<string, number>): PenaltyChangeLine[] {
  const left = new Map(other);
  const out: PenaltyChangeLine[] = [];
  for (const p of list) {
    const k = penaltyKey(p);
    const n = left.get(k) ?? 0;
    if (n > 0) left.set(k, n - 1);
    else out.push({ staff_id: p.staff_id, action: p.action, window: p.window, amount: p.amount });
  }
  return out;
}

/** Nothing changes at all. */
export function isEmptyDiff(d: ResultDiff): boolean {
  return !d.gained.length && !d.lost.length && !d.changed.length && !d.stars.length
    && !d.penalties.gained.length && !d.penalties.lost.length && d.paid.before === d.paid.after;
}
