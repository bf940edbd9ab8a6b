/**
 * Checks of the money invariants on one computed outcome (issue 9): every pool's
 * paid + unspent = budget and paid ≤ budget, totals that add up, and nobody paid
 * twice for one award. Each check returns a list of violations (empty = fine), so a
 * failing property prints what broke rather than a bare `false`.
 */
import type { ComputeOutcome } from '../../core/orchestrator';
import type { Scheme } from '../../core/scheme/model';
import type { Cell, Lang, OutputTab } from '../../core/types';

/** Yuan as written in outputs (two decimals) → integer fen. */
export function fen(yuan: Cell): number {
  return Math.round(Number(yuan) * 100);
}

const TOTAL = { zh: '奖项合计', en: 'award total' };
const PAYUP = { zh: '上级奖', en: 'manager award' };
const AWARD = { zh: '奖项', en: 'award' };

/** Bonus tab columns (core/output/bonus.ts): kind, staff id, name, department, item, window, rank, amount, budget, unspent, extras, note. */
const C = { kind: 0, staff: 1, item: 4, amount: 7, budget: 8, unspent: 9, note: 11 };

export function bonusTab(o: ComputeOutcome): OutputTab | undefined {
  return o.outputs.find((t) => t.kind === 'bonus');
}

/** Pools: for every award total row with a budget, paid + unspent = budget, 0 ≤ paid ≤ budget; every running pool award has such a row. */
export function poolViolations(o: ComputeOutcome, scheme: Scheme, periodKind: string): string[] {
  const out: string[] = [];
  const lang: Lang = o.lang;
  const bonus = bonusTab(o);
  if (!bonus || !o.result) return ['no Bonus tab or result'];
  const totals = bonus.rows.filter((r) => r[C.kind] === TOTAL[lang]);
  const byName = new Map(totals.map((r) => [String(r[C.item]), r]));
  for (const a of scheme.awards) {
    if (a.cadence !== periodKind) continue;
    const row = byName.get(a.name[lang]);
    if (!row) {
      out.push(`award ${a.id}: no total row in the Bonus tab`);
      continue;
    }
    const paid = fen(row[C.amount]);
    const jsonPaid = fen(o.result.totals.by_award[a.id]);
    if (paid !== jsonPaid) out.push(`award ${a.id}: Bonus total ${paid} fen ≠ --json by_award ${jsonPaid} fen`);
    const lines = o.result.awards.filter((l) => l.award === a.id).reduce((s, l) => s + fen(l.amount), 0);
    if (lines !== jsonPaid) out.push(`award ${a.id}: award lines add to ${lines} fen ≠ by_award ${jsonPaid} fen`);
    if (a.prize.kind !== 'pool') continue;
    if (row[C.budget] === null || row[C.unspent] === null) {
      out.push(`pool award ${a.id}: budget or unspent not reported`);
      continue;
    }
    const budget = fen(row[C.budget]);
    const unspent = fen(row[C.unspent]);
    const per = fen(a.prize.budget);
    if (paid + unspent !== budget) out.push(`pool ${a.id}: paid ${paid} + unspent ${unspent} ≠ budget ${budget}`);
    if (paid > budget || unspent < 0 || paid < 0) out.push(`pool ${a.id}: paid ${paid} exceeds budget ${budget}`);
    // The budget is the pool per scope times the scopes computed.
    if (per > 0 && budget % per !== 0) out.push(`pool ${a.id}: budget ${budget} is not a multiple of the pool ${per}`);
  }
  // Totals add up: paid = every award line + every star bonus.
  const sum = o.result.awards.reduce((s, l) => s + fen(l.amount), 0) + o.result.stars.reduce((s, l) => s + fen(l.bonus), 0);
  if (sum !== fen(o.result.totals.paid)) out.push(`totals.paid ${fen(o.result.totals.paid)} ≠ lines ${sum}`);
  return out;
}

/** The winner id in a manager-award note: the last bracketed id (`… (S01)` / `…（S01）…`). */
function winnerOfNote(note: string): string | null {
  const m = /[（(]([^（()）]*)[)）][^（()）]*$/.exec(note);
  return m ? m[1] : null;
}

/** Nobody paid twice for one award; manager awards once per (manager, winner); stars and points once per person. */
export function doublePayViolations(o: ComputeOutcome, scheme: Scheme): string[] {
  const out: string[] = [];
  if (!o.result) return out;
  const payUpIds = new Map(scheme.awards.filter((a) => a.payUp).map((a) => [a.payUp!.award, a]));
  const seen = new Set<string>();
  const perAward = new Map<string, number>();
  for (const l of o.result.awards) {
    perAward.set(l.award, (perAward.get(l.award) ?? 0) + 1);
    if (payUpIds.has(l.award)) continue;
    const k = `${l.award}\u0000${l.staff_id}`;
    if (seen.has(k)) out.push(`${l.staff_id} paid twice for ${l.award}`);
    seen.add(k);
  }
  // A manager award: at most `levels` rows per winner of the award it belongs to.
  for (const [id, a] of payUpIds) {
    const winners = perAward.get(a.id) ?? 0;
    const rows = perAward.get(id) ?? 0;
    if (rows > winners * a.payUp!.amounts.length) out.push(`${id}: ${rows} rows for ${winners} winners × ${a.payUp!.amounts.length} levels`);
  }
  const bonus = bonusTab(o);
  if (bonus) {
    const lang = o.lang;
    const pairs = new Set<string>();
    for (const r of bonus.rows) {
      if (r[C.kind] !== PAYUP[lang]) continue;
      const winner = winnerOfNote(String(r[C.note]));
      if (winner === null) { out.push(`manager award row without a winner: ${String(r[C.note])}`); continue; }
      const k = `${String(r[C.item])}\u0000${String(r[C.staff])}\u0000${winner}`;
      if (pairs.has(k)) out.push(`${String(r[C.staff])} paid twice as a superior of winner ${winner}`);
      if (String(r[C.staff]) === winner) out.push(`${winner} paid as their own superior`);
      pairs.add(k);
    }
    const awardRows = bonus.rows.filter((r) => r[C.kind] === AWARD[lang]).length;
    const payable = o.result.awards.filter((l) => !payUpIds.has(l.award)).length;
    if (awardRows !== payable) out.push(`Bonus has ${awardRows} award rows, --json ${payable}`);
  }
  const once = (list: { staff_id: string }[], what: string) => {
    const ids = new Set<string>();
    for (const l of list) {
      if (ids.has(l.staff_id)) out.push(`${l.staff_id} has two ${what} lines`);
      ids.add(l.staff_id);
    }
  };
  once(o.result.stars, 'stars');
  once(o.result.points, 'points');
  // Penalties: once per person per window per rule, so at most (rules with that action) per person, action and window.
  const rules = new Map<string, number>();
  for (const p of scheme.penalties ?? []) rules.set(p.action, (rules.get(p.action) ?? 0) + 1);
  const hits = new Map<string, number>();
  for (const p of o.result.penalties) {
    const k = `${p.staff_id}\u0000${p.action}\u0000${p.window}`;
    hits.set(k, (hits.get(k) ?? 0) + 1);
    if (hits.get(k)! > (rules.get(p.action) ?? 0)) out.push(`${p.staff_id}: ${p.action} in ${p.window} more often than the scheme has rules for it`);
  }
  return out;
}
