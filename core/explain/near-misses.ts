/**
 * Near misses (SPEC §9): for every eligible person who did not win, the gap to
 * the last winning place of their scope; for every person kept out by exactly one
 * gate or requirement, a second ranking of the scope with that one condition
 * relaxed for them (they are placed among the eligible by the award's own
 * comparator, the quota recomputed for a percent quota) and, when they would have
 * placed within the quota, what kept them out and the rows behind it.
 *
 * People whose ranking value is zero or missing are not near misses. Team awards
 * (the team is ranked, not the person) have none. Gates that no amount of effort
 * changes — level, and having left — are not near misses either.
 */
import type { CompareOp, Gate } from '../scheme/model';
import { dayNumber, monthOf, subPeriods, type Period } from '../periods';
import { attendanceRows, catColumn, windowKeys, type Ctx } from '../engine/context';
import { rankComparator, type AwardEntry, type AwardOutcome } from '../engine/awards';
import { standingsOf } from '../engine/standing';
import type { EngineResult } from '../engine/compute';
import type { Reason } from '../engine/gates';
import { personRows, rowsBehind, windowById, RowList, type RowNote } from './rows';

export type NearMissKind = 'rank' | 'gate' | 'requirement';

export interface NearMiss {
  /** Staff index. */
  idx: number;
  outcome: AwardOutcome;
  /** Award scope ('' = company). */
  scope: string;
  kind: NearMissKind;
  /** Measure id (a gate without a measure: the gate id). */
  measure: string;
  value: number;
  /** rank: the last winning place's value; gate / requirement: the threshold. */
  target: number;
  /** Distance between value and target, never negative. */
  gap: number;
  rows: RowList;
  /** rank: the person's rank among the eligible of the scope. */
  rank: number | null;
  /** rank: level with the last winner on the rank-by measure, decided by a tie-break key (`measure` is that key). */
  tieBreak: boolean;
  /** gate / requirement: where the relaxed ranking places them. */
  wouldRank: number | null;
  /** The quota they compete for (recomputed with them for a percent quota). */
  quota: number;
  /** gate / requirement: the reason that kept them out. */
  reason: Reason | null;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function gapOf(v: number, op: CompareOp, t: number): number {
  switch (op) {
    case '>=': case '>': return Math.max(0, r6(t - v));
    case '<=': case '<': return Math.max(0, r6(v - t));
    case '=': return Math.abs(r6(v - t));
    case '!=': return 0;
  }
}

/** Matching incidents of an incident gate for person `i` in `w`, as row references (tab order). */
function incidentRows(ctx: Ctx, g: Gate & { kind: 'no_incident' }, w: Period, i: number): RowList {
  const t = ctx.tabs.incidents;
  const types = catColumn(t, 'type');
  const wanted = new Set(g.types.map((x) => x.trim().toLowerCase()));
  const [ks, ke] = windowKeys(w);
  const pr = personRows(ctx, 'incidents');
  const out: number[] = [];
  for (let k = pr.start[i]; k < pr.start[i + 1]; k++) {
    const r = pr.rows[k];
    if (t.from[r] < ks || t.from[r] > ke) continue;
    const c = types.codes[r];
    if (c >= 0 && wanted.has(types.values[c])) out.push(r);
  }
  return RowList.at(ctx, 'incidents', out, 'type', true);
}

interface Failing {
  measure: string;
  value: number;
  target: number;
  gap: number;
  rows: RowList;
}

/** What failed, as figures and rows; null for gates that are not near misses (level, left). */
function failing(ctx: Ctx, o: AwardOutcome, e: AwardEntry, r: Reason): Failing | null {
  const i = e.idx;
  const w = o.window;
  if (r.kind === 'requirement') {
    const c = o.award.requirements[Number(r.ref)];
    const v = Number(r.value);
    const t = Number(r.threshold);
    if (!c || r.value === '' || !Number.isFinite(v) || !Number.isFinite(t)) return null;
    return { measure: c.measure, value: v, target: t, gap: gapOf(v, c.op, t), rows: rowsBehind(ctx, c.measure, windowById(r.window, w), i) };
  }
  const g = ctx.scheme.gates.find((x) => x.id === r.ref);
  if (!g) return null;
  const s = ctx.staff[i];
  const staffRow = RowList.of([{ tab: s.tab, tabId: 'staff', row: s.row, note: g.kind === 'regular' ? { zh: `转正日期 ${s.regularDate}`, en: `regular from ${s.regularDate}` } : { zh: `入职日期 ${s.hireDate}`, en: `hired ${s.hireDate}` } }]);
  switch (g.kind) {
    case 'measure': {
      const v = Number(r.value);
      const t = Number(r.threshold);
      if (r.value === '' || !Number.isFinite(v) || !Number.isFinite(t)) return null;
      return { measure: g.measure, value: v, target: t, gap: gapOf(v, g.op, t), rows: rowsBehind(ctx, g.measure, windowById(r.window, w), i) };
    }
    case 'tenure': {
      const v = Number(r.value);
      return { measure: g.id, value: v, target: g.minMonths, gap: Math.max(0, g.minMonths - v), rows: staffRow };
    }
    case 'regular': {
      // Days of probation left at the window's end.
      const days = Math.max(0, dayNumber(s.regularDate) - dayNumber(w.end));
      return { measure: g.id, value: days, target: 0, gap: days, rows: staffRow };
    }
    case 'no_incident': {
      // Only the incidents inside the window count (the gate's window is the award's).
      const rows = incidentRows(ctx, g, w, i);
      return { measure: g.id, value: rows.length, target: 0, gap: rows.length, rows };
    }
    case 'full_attendance': {
      const rows: RowNote[] = [];
      let bad = 0;
      for (const m of subPeriods(w, 'month')) {
        const list = attendanceRows(ctx, i, monthOf(m.start));
        const recs = (list ?? []).map((k) => ctx.data.attendance[k]);
        const off = recs.length === 0 || recs.some((a) => a.absentDays > 0 || a.late > 0 || a.earlyLeave > 0 || a.sickLeaveDays > 0 || a.personalLeaveDays > 0);
        if (!off) continue;
        bad += 1;
        for (const a of recs) rows.push({ tab: a.tab, tabId: 'attendance', row: a.row });
      }
      return { measure: g.id, value: bad, target: 0, gap: bad, rows: RowList.of(rows) };
    }
    default:
      return null;
  }
}

/**
 * A scope's eligible entries of a person award in rank order, ties in entry order: as
 * sorting them by the award's comparator then rank would (the engine ranked them with
 * that comparator, so rank order is comparator order), by counting ranks — one pass,
 * no comparison of scattered entries (a company-wide scope is 10,000 of them). Sorted
 * by the comparator when a rank is missing or out of range. (A team award's entries carry
 * their team's rank: no near misses are made for it.)
 */
export function inRankOrder(l: AwardEntry[], cmp: (x: AwardEntry, y: AwardEntry) => number): AwardEntry[] {
  const m = l.length;
  const count = new Int32Array(m + 2);
  for (const e of l) {
    const r = e.rank;
    if (r === null || !Number.isInteger(r) || r < 1 || r > m) return l.sort((x, y) => cmp(x, y) || (x.rank ?? 0) - (y.rank ?? 0));
    count[r + 1]++;
  }
  for (let r = 1; r <= m; r++) count[r + 1] += count[r];
  const out = new Array<AwardEntry>(m);
  for (const e of l) out[count[e.rank!]++] = e;
  return out;
}

/** Near misses of one person award, in scope then staff-id order. */
function awardNearMisses(ctx: Ctx, o: AwardOutcome): NearMiss[] {
  const a = o.award;
  if (a.team) return [];
  const cmp = rankComparator(a);
  const eligible = new Map<string, AwardEntry[]>();
  for (const e of o.entries) {
    if (!e.eligible) continue;
    let l = eligible.get(e.scope);
    if (!l) eligible.set(e.scope, (l = []));
    l.push(e);
  }
  for (const [scope, l] of eligible) eligible.set(scope, inRankOrder(l, cmp));
  // Rank and gap of the eligible: core/engine/standing's, the same the Ranking tab shows.
  const standings = standingsOf(o);
  const scopeOf = new Map(o.scopes.map((s) => [s.scope, s]));
  const noValue = (e: AwardEntry) => Number.isNaN(e.value) || e.value === 0;
  const out: NearMiss[] = [];
  for (const e of o.entries) {
    if (noValue(e)) continue;
    const sc = scopeOf.get(e.scope);
    if (!sc) continue;
    if (e.eligible) {
      const st = standings[e.idx];
      const g = st.gap;
      // A gap in a tie-break key nobody has a value for is not a distance: no near miss to state.
      if (e.won || !g || Number.isNaN(g.amount)) continue;
      out.push({
        idx: e.idx, outcome: o, scope: e.scope, kind: 'rank', measure: g.measure, value: g.mine, target: g.needed, gap: r6(g.amount),
        rows: RowList.EMPTY, rank: st.rank, tieBreak: g.tieBreak !== null, wouldRank: null, quota: sc.quota, reason: null,
      });
      continue;
    }
    const blocking = e.reasons;
    if (blocking.length !== 1 || (blocking[0].kind !== 'gate' && blocking[0].kind !== 'requirement')) continue;
    const r = blocking[0];
    const list = eligible.get(e.scope) ?? [];
    // The relaxed ranking: how many eligible people of the scope the award's comparator puts strictly ahead.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(list[mid], e) < 0) lo = mid + 1;
      else hi = mid;
    }
    const wouldRank = lo + 1;
    const m = list.length + 1;
    const quota = sc.quotaFrom === 'percent' && a.quota.percent !== undefined
      ? Math.ceil((a.quota.percent * m) / 100 - 1e-9)
      : sc.quotaFrom === 'all' ? m : sc.quota;
    if (wouldRank > quota) continue;
    const f = failing(ctx, o, e, r);
    if (!f) continue;
    out.push({
      idx: e.idx, outcome: o, scope: e.scope, kind: r.kind === 'gate' ? 'gate' : 'requirement', measure: f.measure, value: f.value, target: f.target, gap: f.gap,
      rows: f.rows, rank: null, tieBreak: false, wouldRank, quota, reason: r,
    });
  }
  return out;
}

/** Every near miss of a computation, awards in scheme order, then scope, then staff id (memoised on the run). */
export function nearMissesOf(res: EngineResult): NearMiss[] {
  const key = 'explain:nearmisses';
  const hit = res.ctx.memo.get(key) as NearMiss[] | undefined;
  if (hit) return hit;
  const ctx = res.ctx;
  const out: NearMiss[] = [];
  for (const o of res.awards) {
    const list = awardNearMisses(ctx, o);
    list.sort((x, y) => {
      if (x.scope !== y.scope) return x.scope < y.scope ? -1 : 1;
      const a = ctx.staff[x.idx];
      const b = ctx.staff[y.idx];
      return a.key < b.key ? -1 : a.key > b.key ? 1 : x.idx - y.idx;
    });
    out.push(...list);
  }
  res.ctx.memo.set(key, out);
  return out;
}

/** Near misses by staff index, for per-person explanations. */
export function nearMissesByPerson(res: EngineResult): Map<number, NearMiss[]> {
  const key = 'explain:nearmisses:byperson';
  const hit = res.ctx.memo.get(key) as Map<number, NearMiss[]> | undefined;
  if (hit) return hit;
  const m = new Map<number, NearMiss[]>();
  for (const nm of nearMissesOf(res)) {
    const l = m.get(nm.idx);
    if (l) l.push(nm);
    else m.set(nm.idx, [nm]);
  }
  res.ctx.memo.set(key, m);
  return m;
}
