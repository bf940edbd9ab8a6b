/**
 * Team awards (SPEC §3 awards with `team`; seeds 000 最佳服务团队奖 and 001
 * 团队协作奖 / 季度最佳团队): inside each award scope, teams (departments or groups)
 * are ranked by the mean of their members' rank-by values — members employed at
 * the window end who have data; a team needs `minMembers` of them to be ranked —
 * with the tie-break keys averaged the same way. The quota counts teams. A winning
 * team's prize (the fixed amount, or the pool ÷ quota for its place; co-winning
 * teams at the last place share those places' money) is split equally among its
 * eligible members (presence, gates, requirements) by largest remainder, the
 * leftover fen one each in staff-id order. A member without data still shares
 * the prize if eligible: the award is the team's. Money no eligible member can
 * take stays unspent and is reported.
 *
 * The outcome has the AwardOutcome shape (one entry per person: scope = the team,
 * rank = the team's rank), so Bonus, Ranking and the JSON need nothing special.
 * Not used by team awards: `candidates` (winners of another award) and `payUp`.
 */
import type { Lang } from '../types';
import type { Award } from '../scheme/model';
import type { Period } from '../periods';
import { formatFen, perPlace, splitEvenly, toFen } from '../money';
import { presence, round2, type Ctx } from './context';
import { evalMeasure } from './measures';
import { eligibilityReasons, numText, type Reason } from './gates';
import { nominatedPool } from './nominations';
import type { AwardEntry, AwardOutcome, ScopeOutcome } from './awards';
import { quotaFromTab, rankComparator } from './awards';

export interface TeamResult {
  /** Award scope ('' = company) and the team's name. */
  scope: string;
  team: string;
  /** Members employed at the window end, and those with data. */
  members: number[];
  withData: number;
  /** Mean rank-by value (NaN: not ranked) and mean tie-break values. */
  value: number;
  keys: number[];
  rank: number | null;
  won: boolean;
  tie: boolean;
  /** Money of the team's place(s) and what its eligible members were paid. */
  prizeFen: number;
  paidFen: number;
  eligibleMembers: number;
}

const memoKey = (a: Award, w: Period) => `teams:${a.id}@${w.id}`;

/** The teams of a team award's outcome (computed with it). */
export function teamResults(ctx: Ctx, a: Award, w: Period): TeamResult[] {
  return (ctx.memo.get(memoKey(a, w)) as TeamResult[] | undefined) ?? [];
}

function mean(v: Float64Array, members: number[]): [number, number] {
  let s = 0, k = 0;
  for (const i of members) if (!Number.isNaN(v[i])) { s += v[i]; k++; }
  return [k ? round2(s / k) : NaN, k];
}

export function computeTeamAward(ctx: Ctx, a: Award, w: Period): AwardOutcome {
  const team = a.team!;
  const rank = evalMeasure(ctx, a.rankBy.measure, w);
  const tb = a.tieBreak.map((k) => evalMeasure(ctx, k.measure, w));
  const gates = a.gates.map((id) => ctx.scheme.gates.find((g) => g.id === id)).filter((g) => g !== undefined);
  const unitOf = (i: number) => (team.unit === 'department' ? ctx.staff[i].department : ctx.staff[i].group || ctx.staff[i].department);
  const scopeOf = (i: number) => (a.scope === 'company' ? '' : a.scope === 'department' ? ctx.staff[i].department : ctx.staff[i].group || ctx.staff[i].department);

  const entries: AwardEntry[] = [];
  const teamsBy = new Map<string, TeamResult>();
  for (let i = 0; i < ctx.n; i++) {
    const s = ctx.staff[i];
    const reasons = eligibilityReasons(ctx, a, gates, w, i, null, nominatedPool(ctx, a, w));
    const pres = presence(s, w);
    if (pres === 'ok') {
      const key = `${scopeOf(i)}\u0000${unitOf(i)}`;
      let t = teamsBy.get(key);
      if (!t) {
        t = { scope: scopeOf(i), team: unitOf(i), members: [], withData: 0, value: NaN, keys: [], rank: null, won: false, tie: false, prizeFen: 0, paidFen: 0, eligibleMembers: 0 };
        teamsBy.set(key, t);
      }
      t.members.push(i);
    }
    entries.push({
      idx: i, scope: pres === 'ok' ? unitOf(i) : '', eligible: reasons.length === 0, reasons,
      value: rank[i], keys: tb.map((v) => v[i]), rank: null, won: false, tie: false, amountFen: 0, decided: null, tiedWith: [],
    });
  }

  const byId = (x: number, y: number) => {
    const sx = ctx.staff[x], sy = ctx.staff[y];
    return sx.key < sy.key ? -1 : sx.key > sy.key ? 1 : sx.id < sy.id ? -1 : sx.id > sy.id ? 1 : x - y;
  };
  const teams = [...teamsBy.values()].sort((x, y) => (x.scope < y.scope ? -1 : x.scope > y.scope ? 1 : x.team < y.team ? -1 : x.team > y.team ? 1 : 0));
  for (const t of teams) {
    t.members.sort(byId);
    const [v, k] = mean(rank, t.members);
    t.withData = k;
    t.value = k >= team.minMembers ? v : NaN;
    t.keys = tb.map((vec) => mean(vec, t.members)[0]);
    t.eligibleMembers = t.members.filter((i) => entries[i].eligible).length;
  }
  const cmpTeam: (x: TeamResult, y: TeamResult) => number = rankComparator(a);

  const scopes: ScopeOutcome[] = [];
  for (const scope of [...new Set(teams.map((t) => t.scope))].sort()) {
    const T = teams.filter((t) => t.scope === scope && !Number.isNaN(t.value))
      .sort((x, y) => cmpTeam(x, y) || (x.team < y.team ? -1 : x.team > y.team ? 1 : 0));
    T.forEach((t, k) => { t.rank = k > 0 && cmpTeam(T[k - 1], t) === 0 ? T[k - 1].rank : k + 1; });
    const m = T.length;
    const fromTab = a.quota.fromTab ? quotaFromTab(ctx, a, scope) : null;
    let quota: number;
    let quotaFrom: ScopeOutcome['quotaFrom'];
    if (fromTab !== null) { quota = Math.max(0, Math.floor(fromTab)); quotaFrom = 'tab'; } else if (a.quota.count !== undefined) { quota = a.quota.count; quotaFrom = 'count'; } else if (a.quota.percent !== undefined) { quota = Math.ceil((a.quota.percent * m) / 100 - 1e-9); quotaFrom = 'percent'; } else { quota = m; quotaFrom = 'all'; }
    // Winning teams: the first `quota`, plus every team tied with the last winning place.
    let strict = Math.min(quota, m);
    let tied: TeamResult[] = [];
    if (quota > 0 && m > quota && cmpTeam(T[quota - 1], T[quota]) === 0) {
      let start = quota - 1;
      while (start > 0 && cmpTeam(T[start - 1], T[quota - 1]) === 0) start--;
      let end = quota;
      while (end < m && cmpTeam(T[end], T[quota - 1]) === 0) end++;
      strict = start;
      tied = T.slice(start, end);
    }
    const budgetFen = a.prize.kind === 'pool' ? toFen(a.prize.budget) : null;
    const place = budgetFen !== null ? perPlace(budgetFen, quota) : null;
    const fixed = a.prize.kind === 'fixed' ? toFen(a.prize.amount) : 0;
    for (let k = 0; k < strict; k++) { T[k].won = true; T[k].prizeFen = place ?? fixed; }
    if (tied.length) {
      const shares = place !== null ? splitEvenly(place * (quota - strict), tied.length) : tied.map(() => fixed);
      tied.forEach((t, k) => { t.won = true; t.tie = true; t.prizeFen = shares[k]; });
    }
    let paid = 0;
    let winners = 0;
    for (const t of T) {
      for (const i of t.members) entries[i].rank = t.rank;
      if (!t.won) continue;
      const elig = t.members.filter((i) => entries[i].eligible);
      const shares = splitEvenly(t.prizeFen, elig.length);
      elig.forEach((i, k) => {
        const e = entries[i];
        e.won = true;
        e.tie = t.tie;
        e.amountFen = shares[k];
        paid += shares[k];
        winners++;
      });
      t.paidFen = shares.reduce((x, y) => x + y, 0);
    }
    scopes.push({
      scope, quota, quotaFrom, eligible: m, winners, budgetFen, perPlaceFen: place, paidFen: paid,
      unspentFen: budgetFen !== null ? budgetFen - paid : null,
    });
  }
  ctx.memo.set(memoKey(a, w), teams);
  return { award: a, window: w, entries, scopes, payUps: [], skips: [] };
}

const T = {
  notRanked: { zh: '{award}：团队“{team}”有数据的成员 {k} 人，少于 {min} 人，团队不参加排名', en: '{award}: team {team} has {k} member(s) with data, fewer than {min}, so it is not ranked' },
  ranked: { zh: '{award}：团队“{team}”成员平均“{measure}” {value}（{k} 人有数据），在{scope}的 {m} 个团队中排第 {rank} 名，名额 {quota}', en: '{award}: team {team} averages {value} on {measure} ({k} members with data), rank {rank} of {m} teams in {scope}, quota {quota}' },
  won: { zh: '，团队获奖', en: ', so the team won' },
  lost: { zh: '，团队未进入名额', en: ', outside the quota' },
  tie: { zh: '（与其他团队并列最后一个获奖名次，共同分享）', en: ' (tied at the last winning place with other teams, sharing it)' },
  share: { zh: '；团队奖金 {prize} 由 {g} 位符合条件的成员平分，本人 {amount}', en: '; the team prize {prize} is split equally among {g} eligible members (largest remainder): {amount} to this member' },
  notEligible: { zh: '；本人不符合条件（{reasons}），不参与分配', en: '; not eligible for a share ({reasons})' },
};

function fill(t: string, v: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? `{${k}}`));
}

/** The why of a team award for one person (used by the Ranking tab's explanation). */
export function teamSentence(ctx: Ctx, o: AwardOutcome, e: AwardEntry, lang: Lang, reasonText: (r: Reason) => string): string {
  const a = o.award;
  const name = a.name[lang];
  const t = teamResults(ctx, a, o.window).find((x) => x.members.includes(e.idx));
  const end = lang === 'zh' ? '。' : '.';
  if (!t) return fill(lang === 'zh' ? '{award}：{reasons}' : '{award}: {reasons}', { award: name, reasons: e.reasons.map(reasonText).join('; ') }) + end;
  const team = t.team;
  if (Number.isNaN(t.value)) return fill(T.notRanked[lang], { award: name, team, k: t.withData, min: a.team!.minMembers }) + end;
  const sc = o.scopes.find((s) => s.scope === t.scope);
  const measure = ctx.measures.get(a.rankBy.measure)?.label[lang] ?? a.rankBy.measure;
  const scope = t.scope === '' ? (lang === 'zh' ? '全公司' : 'the company') : lang === 'zh' ? `“${t.scope}”` : t.scope;
  let out = fill(T.ranked[lang], { award: name, team, value: numText(t.value), measure, k: t.withData, scope, m: sc?.eligible ?? 0, rank: t.rank ?? '', quota: sc?.quota ?? 0 });
  out += t.won ? T.won[lang] : T.lost[lang];
  if (t.won && t.tie) out += T.tie[lang];
  if (t.won) {
    if (e.eligible) out += fill(T.share[lang], { prize: formatFen(t.prizeFen), g: t.eligibleMembers, amount: formatFen(e.amountFen) });
    else out += fill(T.notEligible[lang], { reasons: e.reasons.map(reasonText).join(lang === 'zh' ? '；' : '; ') });
  }
  return out + end;
}
