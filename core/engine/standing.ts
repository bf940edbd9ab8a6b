/**
 * Where each person stands in an award (SPEC §8 "Rank"): the rank among the
 * eligible people of their scope (standard competition rank, the rank the why
 * states), whether they won, and for an eligible person who did not win the gap
 * to the last winning place — in the rank-by measure, or, when level on it, in
 * the tie-break key that decided. One definition shared by the Ranking tab, the
 * summary lists of the sidebar and task pane, and core/explain (near misses):
 * read it from here, never recompute it.
 */
import type { AwardEntry, AwardOutcome } from './awards';
import type { EngineResult } from './compute';

export interface Gap {
  /** Measure id the gap is counted in: the award's rank-by measure, or the deciding tie-break key's. */
  measure: string;
  /** null: counted in the rank-by measure; else the index into `award.tieBreak` that decided. */
  tieBreak: number | null;
  /** How far from the last winning place, ≥ 0, in the measure's unit; NaN when a tie-break value is unknown. */
  amount: number;
  /** The last winning place's value of that measure (what it took to win). */
  needed: number;
  /** The person's own value of that measure. */
  mine: number;
}

export interface Standing {
  award: string;
  /** Scope value ('' = company; for a team award, the team). */
  scope: string;
  eligible: boolean;
  /** Rank among the eligible of the scope; null when not eligible (and for an unranked team). */
  rank: number | null;
  won: boolean;
  tie: boolean;
  /** Eligible non-winners only, when their scope has a winning place to measure against. */
  gap: Gap | null;
}

/** The entry at the last winning place of each scope (any one of a tie: they share the same values). */
function lastWinners(o: AwardOutcome): Map<string, AwardEntry> {
  const out = new Map<string, AwardEntry>();
  for (const e of o.entries) {
    if (!e.won || e.rank === null) continue;
    const cur = out.get(e.scope);
    if (!cur || (cur.rank ?? 0) < e.rank) out.set(e.scope, e);
  }
  return out;
}

function gapBetween(o: AwardOutcome, e: AwardEntry, last: AwardEntry): Gap | null {
  const a = o.award;
  if (e.value !== last.value && !Number.isNaN(e.value) && !Number.isNaN(last.value)) {
    return { measure: a.rankBy.measure, tieBreak: null, amount: Math.abs(e.value - last.value), needed: last.value, mine: e.value };
  }
  for (let t = 0; t < a.tieBreak.length; t++) {
    const mine = e.keys[t];
    const needed = last.keys[t];
    if (Object.is(mine, needed) || mine === needed) continue;
    const amount = Number.isNaN(mine) || Number.isNaN(needed) ? NaN : Math.abs(mine - needed);
    return { measure: a.tieBreak[t].measure, tieBreak: t, amount, needed, mine };
  }
  return null;
}

/**
 * One standing per person (Staff order) for award outcome `o`. Team awards rank
 * teams: their standing carries the team's rank for eligible members and no gap.
 */
export function standingsOf(o: AwardOutcome): Standing[] {
  const last = o.award.team ? new Map<string, AwardEntry>() : lastWinners(o);
  return o.entries.map((e) => {
    const l = last.get(e.scope);
    const gap = e.eligible && !e.won && l && !o.award.team ? gapBetween(o, e, l) : null;
    return { award: o.award.id, scope: e.scope, eligible: e.eligible, rank: e.eligible ? e.rank : null, won: e.won, tie: e.tie, gap };
  });
}

/**
 * The award the Ranking tab orders by: among the awards that ran for the period
 * (teams aside), the one ranked by the scheme's ranking measure, else the first.
 * null when no individual award ran (the tab then ranks by the scheme's ranking key).
 */
export function primaryAward(res: EngineResult): AwardOutcome | null {
  const individual = res.awards.filter((o) => !o.award.team);
  if (!individual.length) return null;
  const by = res.ctx.scheme.ranking.by?.measure;
  return individual.find((o) => o.award.rankBy.measure === by) ?? individual[0];
}
