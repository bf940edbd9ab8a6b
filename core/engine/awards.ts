/**
 * Awards (SPEC §3): candidates, gates and requirements with reasons, ranking in
 * each scope with tie-break keys, quotas (count, percent rounded up, Quotas tab),
 * co-winners at the last winning place (`tie: true`), fixed prizes and pools
 * (largest remainder, never exceeded), and payments up the manager chain.
 */
import type { Award } from '../scheme/model';
import { subPeriods, type Period } from '../periods';
import { perPlace, splitEvenly, toFen } from '../money';
import { presence, type Ctx } from './context';
import { evalMeasure } from './measures';
import { eligibilityReasons, type Reason } from './gates';
import { computeTeamAward } from './teams';
import { nominatedPool } from './nominations';
import { measureFormat, roundFor } from '../output/formats';

export interface TieBreakNote {
  /** Index of the tie-break key that separated the two (into award.tieBreak). */
  key: number;
  /** The other person (staff index) with the same rank-by value. */
  other: number;
  mine: number;
  theirs: number;
}

export interface AwardEntry {
  idx: number;
  /** Scope value: '' for company, else the department or group name. */
  scope: string;
  eligible: boolean;
  reasons: Reason[];
  /** Rank-by value (NaN = no data) and tie-break values. */
  value: number;
  keys: number[];
  /** Standard competition rank among the eligible of the scope (1, 2, 2, 4), by rank-by and tie-break keys. */
  rank: number | null;
  won: boolean;
  /** A co-winner at the last winning place. */
  tie: boolean;
  amountFen: number;
  decided: TieBreakNote | null;
  /** Other co-winners of the boundary tie. */
  tiedWith: number[];
}

export interface ScopeOutcome {
  scope: string;
  quota: number;
  quotaFrom: 'count' | 'percent' | 'tab' | 'all';
  eligible: number;
  winners: number;
  /** Pool budget of this scope (null for a fixed prize). */
  budgetFen: number | null;
  perPlaceFen: number | null;
  paidFen: number;
  unspentFen: number | null;
}

export interface PayUp {
  /** The superior paid. */
  idx: number;
  winner: number;
  /** 1 = manager, 2 = manager's manager, … */
  level: number;
  amountFen: number;
}

export interface PayUpSkip {
  winner: number;
  /** The person whose manager_id broke the chain (the winner, or a superior). */
  holder: number;
  level: number;
  reason: 'no_manager' | 'unknown_manager' | 'manager_not_present' | 'manager_is_winner';
  managerId: string;
}

export interface AwardOutcome {
  award: Award;
  window: Period;
  /** One entry per person in Staff order. */
  entries: AwardEntry[];
  scopes: ScopeOutcome[];
  payUps: PayUp[];
  skips: PayUpSkip[];
}

function scopeOf(ctx: Ctx, a: Award, i: number): string {
  const s = ctx.staff[i];
  if (a.scope === 'company') return '';
  if (a.scope === 'department') return s.department;
  return s.group || s.department;
}

const COMPANY_WORDS = new Set(['', 'company', 'all', '全公司', '公司', '全部']);

function norm(s: string): string {
  return s.trim().toLowerCase();
}

/** The Quotas tab's count for this award and scope, or null. The last matching row wins. */
export function quotaFromTab(ctx: Ctx, a: Award, scope: string): number | null {
  const names = new Set([a.id, a.name.zh, a.name.en].map(norm));
  let found: number | null = null;
  for (const q of ctx.data.quotas) {
    if (!names.has(norm(q.award))) continue;
    const sc = norm(q.scope);
    if (scope === '' ? COMPANY_WORDS.has(sc) : sc === norm(scope)) found = q.count;
  }
  return found;
}

function cmpVal(x: number, y: number, order: 'asc' | 'desc'): number {
  const xn = Number.isNaN(x);
  const yn = Number.isNaN(y);
  if (xn || yn) return xn && yn ? 0 : xn ? 1 : -1;
  if (x === y) return 0;
  return order === 'desc' ? (x > y ? -1 : 1) : (x < y ? -1 : 1);
}

/** Rank-by value, then the tie-break keys, each in the award's order; no data sorts last; 0 = still tied. */
export function rankComparator(a: Award): (x: { value: number; keys: number[] }, y: { value: number; keys: number[] }) => number {
  return (x, y) => {
    const c = cmpVal(x.value, y.value, a.rankBy.order);
    if (c) return c;
    for (let j = 0; j < a.tieBreak.length; j++) {
      const d = cmpVal(x.keys[j], y.keys[j], a.tieBreak[j].order);
      if (d) return d;
    }
    return 0;
  };
}

/** An award's pool budget in fen over the scopes that ran; null when any scope has a fixed prize. */
export function awardBudgetFen(o: AwardOutcome): number | null {
  return o.scopes.every((s) => s.budgetFen !== null) ? o.scopes.reduce((a, s) => a + (s.budgetFen ?? 0), 0) : null;
}

/** The outcome of award `awardId` in window `w` (cached); null for an unknown id or a cycle. */
export function awardOutcome(ctx: Ctx, awardId: string, w: Period): AwardOutcome | null {
  const key = `award:${awardId}@${w.id}`;
  if (ctx.memo.has(key)) return ctx.memo.get(key) as AwardOutcome | null;
  const a = ctx.scheme.awards.find((x) => x.id === awardId);
  if (!a) return null;
  ctx.memo.set(key, null); // guards against a candidates/wins cycle
  const out = a.team ? computeTeamAward(ctx, a, w) : computeAward(ctx, a, w);
  ctx.memo.set(key, out);
  return out;
}

/**
 * A ranking key as its Ranking column shows it (two decimals, a percent's two decimals
 * of the percent): people who read level are level, so the tie-break decides, and no
 * rank or gap turns on digits nobody can see ("0 short" beside 4.35 and 4.35). Scores
 * are already rounded this way (score.ts). A new vector: measures are memoised.
 */
function asShown(ctx: Ctx, measure: string, v: Float64Array): Float64Array {
  const format = measureFormat(ctx.measures, measure);
  return v.map((x) => (Number.isNaN(x) ? NaN : roundFor(format, x)!));
}

function computeAward(ctx: Ctx, a: Award, w: Period): AwardOutcome {
  const n = ctx.n;
  let pool: Set<number> | null = null;
  if (a.candidates) {
    pool = new Set();
    for (const sub of subPeriods(w, a.candidates.each)) {
      for (const id of a.candidates.winnersOf) {
        const o = awardOutcome(ctx, id, sub);
        if (o) for (const e of o.entries) if (e.won) pool.add(e.idx);
      }
    }
  }
  const nominated = nominatedPool(ctx, a, w);
  const rank = asShown(ctx, a.rankBy.measure, evalMeasure(ctx, a.rankBy.measure, w));
  const tb = a.tieBreak.map((k) => asShown(ctx, k.measure, evalMeasure(ctx, k.measure, w)));
  const gates = a.gates.map((id) => ctx.scheme.gates.find((g) => g.id === id)).filter((g) => g !== undefined);
  const entries: AwardEntry[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const s = ctx.staff[i];
    const reasons = eligibilityReasons(ctx, a, gates, w, i, pool, nominated);
    if (presence(s, w) === 'ok' && (!pool || pool.has(i)) && (!nominated || nominated.has(i)) && Number.isNaN(rank[i])) {
      reasons.push({ code: 'no_data', value: '', kind: 'rank', ref: a.rankBy.measure });
    }
    entries[i] = {
      idx: i, scope: scopeOf(ctx, a, i), eligible: reasons.length === 0, reasons,
      value: rank[i], keys: tb.map((v) => v[i]), rank: null, won: false, tie: false, amountFen: 0, decided: null, tiedWith: [],
    };
  }

  // Scopes: every scope with someone present in the window, in first-seen order then sorted by name.
  const scopeMembers = new Map<string, AwardEntry[]>();
  for (const e of entries) {
    if (presence(ctx.staff[e.idx], w) !== 'ok') continue;
    let l = scopeMembers.get(e.scope);
    if (!l) scopeMembers.set(e.scope, (l = []));
    if (e.eligible) l.push(e);
  }
  const cmpTuple: (x: AwardEntry, y: AwardEntry) => number = rankComparator(a);
  const byId = (x: AwardEntry, y: AwardEntry): number => {
    const sx = ctx.staff[x.idx];
    const sy = ctx.staff[y.idx];
    return sx.key < sy.key ? -1 : sx.key > sy.key ? 1 : sx.id < sy.id ? -1 : sx.id > sy.id ? 1 : x.idx - y.idx;
  };
  const scopes: ScopeOutcome[] = [];
  const scopeNames = [...scopeMembers.keys()].sort();
  for (const scope of scopeNames) {
    const E = scopeMembers.get(scope)!;
    E.sort((x, y) => cmpTuple(x, y) || byId(x, y));
    for (let k = 0; k < E.length; k++) {
      E[k].rank = k > 0 && cmpTuple(E[k - 1], E[k]) === 0 ? E[k - 1].rank : k + 1;
    }
    const m = E.length;
    let quota: number;
    let quotaFrom: ScopeOutcome['quotaFrom'];
    const fromTab = a.quota.fromTab ? quotaFromTab(ctx, a, scope) : null;
    if (fromTab !== null) {
      quota = Math.max(0, Math.floor(fromTab));
      quotaFrom = 'tab';
    } else if (a.quota.count !== undefined) {
      quota = a.quota.count;
      quotaFrom = 'count';
    } else if (a.quota.percent !== undefined) {
      quota = Math.ceil((a.quota.percent * m) / 100 - 1e-9);
      quotaFrom = 'percent';
    } else {
      quota = m;
      quotaFrom = 'all';
    }
    // Winners: the first `quota`, plus everyone tied with the last winning place.
    let strict = Math.min(quota, m);
    let group: AwardEntry[] = [];
    if (quota > 0 && m > quota && cmpTuple(E[quota - 1], E[quota]) === 0) {
      let start = quota - 1;
      while (start > 0 && cmpTuple(E[start - 1], E[quota - 1]) === 0) start--;
      let end = quota;
      while (end < m && cmpTuple(E[end], E[quota - 1]) === 0) end++;
      strict = start;
      group = E.slice(start, end).sort(byId);
    }
    const budgetFen = a.prize.kind === 'pool' ? toFen(a.prize.budget) : null;
    const place = budgetFen !== null ? perPlace(budgetFen, quota) : null;
    const fixed = a.prize.kind === 'fixed' ? toFen(a.prize.amount) : 0;
    let paid = 0;
    for (let k = 0; k < strict; k++) {
      E[k].won = true;
      E[k].amountFen = place !== null ? place : fixed;
      paid += E[k].amountFen;
    }
    if (group.length) {
      const shares = place !== null ? splitEvenly(place * (quota - strict), group.length) : group.map(() => fixed);
      group.forEach((e, k) => {
        e.won = true;
        e.tie = true;
        e.amountFen = shares[k];
        e.tiedWith = group.filter((x) => x !== e).map((x) => x.idx);
        paid += shares[k];
      });
    }
    noteTieBreaks(E, a, cmpTuple);
    scopes.push({
      scope, quota, quotaFrom, eligible: m, winners: strict + group.length,
      budgetFen, perPlaceFen: place, paidFen: paid, unspentFen: budgetFen !== null ? budgetFen - paid : null,
    });
  }

  const payUps: PayUp[] = [];
  const skips: PayUpSkip[] = [];
  if (a.payUp) {
    const winners = scopeNames.flatMap((sc) => scopeMembers.get(sc)!.filter((e) => e.won));
    for (const e of winners) {
      let cur = e.idx;
      for (let level = 1; level <= a.payUp.amounts.length; level++) {
        const mk = ctx.staff[cur].managerKey;
        if (!mk) {
          skips.push({ winner: e.idx, holder: cur, level, reason: 'no_manager', managerId: '' });
          break;
        }
        const mi = ctx.keyIndex.get(mk);
        if (mi === undefined) {
          skips.push({ winner: e.idx, holder: cur, level, reason: 'unknown_manager', managerId: mk });
          break;
        }
        if (mi === e.idx) {
          skips.push({ winner: e.idx, holder: cur, level, reason: 'manager_is_winner', managerId: ctx.staff[mi].id });
          break;
        }
        const amount = toFen(a.payUp.amounts[level - 1]);
        if (presence(ctx.staff[mi], w) !== 'ok') {
          skips.push({ winner: e.idx, holder: cur, level, reason: 'manager_not_present', managerId: ctx.staff[mi].id });
        } else if (amount > 0) {
          payUps.push({ idx: mi, winner: e.idx, level, amountFen: amount });
        }
        cur = mi;
      }
    }
  }
  return { award: a, window: w, entries, scopes, payUps, skips };
}

/**
 * For people whose rank-by value equals someone else's, say which tie-break key
 * separated them. Linear in the size of each run of equal values: winners are a
 * prefix of the run, and equal tuples are contiguous.
 */
function noteTieBreaks(E: AwardEntry[], a: Award, cmpTuple: (x: AwardEntry, y: AwardEntry) => number): void {
  if (a.tieBreak.length === 0) return;
  let i = 0;
  while (i < E.length) {
    let j = i + 1;
    while (j < E.length && cmpVal(E[i].value, E[j].value, a.rankBy.order) === 0) j++;
    if (j - i > 1) {
      // Group starts: gs[k] = first index of k's tuple group, ge[k] = one past its end.
      const n = j - i;
      const gs = new Int32Array(n);
      const ge = new Int32Array(n);
      for (let k = 1; k < n; k++) gs[k] = cmpTuple(E[i + k - 1], E[i + k]) === 0 ? gs[k - 1] : k;
      ge[n - 1] = n;
      for (let k = n - 2; k >= 0; k--) ge[k] = cmpTuple(E[i + k], E[i + k + 1]) === 0 ? ge[k + 1] : k + 1;
      let firstLoser = -1;
      let lastWinner = -1;
      for (let k = 0; k < n; k++) {
        if (E[i + k].won) lastWinner = k;
        else if (firstLoser < 0) firstLoser = k;
      }
      for (let k = 0; k < n; k++) {
        const e = E[i + k];
        let peer = -1;
        if (e.won && firstLoser >= 0) peer = firstLoser;
        else if (!e.won && lastWinner >= 0) peer = lastWinner;
        else {
          const before = gs[k] - 1;
          const after = ge[k] < n ? ge[k] : -1;
          if (before >= 0 && (after < 0 || k - before <= after - k)) peer = before;
          else peer = after;
        }
        if (peer < 0 || cmpTuple(E[i + peer], e) === 0) continue;
        const p = E[i + peer];
        for (let t = 0; t < a.tieBreak.length; t++) {
          if (cmpVal(e.keys[t], p.keys[t], a.tieBreak[t].order) !== 0) {
            e.decided = { key: t, other: p.idx, mine: e.keys[t], theirs: p.keys[t] };
            break;
          }
        }
      }
    }
    i = j;
  }
}
