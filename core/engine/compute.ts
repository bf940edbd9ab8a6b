/**
 * One computation of a scheme over a dataset for a period (SPEC §3): the awards
 * whose cadence is the period's kind, stars, penalties, flags and the points
 * ledger for the period asked, the Ranking key, and the engine's diagnostics.
 * Pure: the same scheme, data and period always give the same result.
 */
import type { Dataset, Diagnostic } from '../types';
import type { Award, Scheme } from '../scheme/model';
import type { Period } from '../periods';
import { columnAsWritten, diag } from '../diagnostics';
import { actionLabel } from '../output/labels';
import { createContext, presence, type Ctx, type Vec } from './context';
import { evalMeasure } from './measures';
import { scoreOf, starsOf, type ScoreResult, type StarsResult } from './score';
import { awardOutcome, quotaFromTab, type AwardOutcome } from './awards';
import { penaltiesIn, type PenaltyHit } from './penalties';
import { flagsIn, type FlagHit } from './flags';
import { computeLedger, type Ledger } from './points';
import { annotateCases, computeDepartments, type DepartmentsResult } from './departments';

export interface RankingData {
  /** Measure id ranked by (null: the score, or nothing to rank by). */
  measure: string | null;
  hasKey: boolean;
  value: Vec;
  /** Competition rank within the ranking scope (null: not ranked). */
  rank: (number | null)[];
  scope: 'company' | 'department' | 'group';
}

export interface EngineResult {
  period: Period;
  ctx: Ctx;
  /** Awards that ran (cadence = the period's kind), in scheme order. */
  awards: AwardOutcome[];
  /** Awards of other cadences (not run for this period). */
  notRun: Award[];
  score: ScoreResult | null;
  stars: StarsResult | null;
  penalties: PenaltyHit[];
  flags: FlagHit[];
  ledger: Ledger | null;
  /** Department scores (core/engine/departments), when the scheme has `departments`. */
  departments: DepartmentsResult | null;
  ranking: RankingData;
  diagnostics: Diagnostic[];
}

const TAB_LABEL: Record<string, { zh: string; en: string }> = {
  feedback: { zh: '客户反馈', en: 'Feedback' }, incidents: { zh: '奖惩记录', en: 'Incidents' },
  attendance: { zh: '考勤', en: 'Attendance' }, reviews: { zh: '考评', en: 'Reviews' },
  cases: { zh: '服务案例', en: 'Cases' }, redemptions: { zh: '积分兑换', en: 'Redemptions' },
  quotas: { zh: '名额', en: 'Quotas' }, nominations: { zh: '提名', en: 'Nominations' },
};

/** Tabs the scheme reads (beyond Staff), for "no data" notices. */
function tabsUsed(s: Scheme): Set<string> {
  const out = new Set<string>();
  for (const m of s.measures) if (m.kind === 'rows') out.add(m.tab);
  for (const g of s.gates) {
    if (g.kind === 'no_incident') out.add('incidents');
    if (g.kind === 'full_attendance') out.add('attendance');
  }
  if (s.points?.redemptions) out.add('redemptions');
  if (s.awards.some((a) => a.nominations)) out.add('nominations');
  return out;
}

export function computeScheme(scheme: Scheme, data: Dataset, period: Period): EngineResult {
  const ctx = createContext(scheme, data);
  annotateCases(ctx);
  const diagnostics: Diagnostic[] = [];

  for (const t of [...tabsUsed(scheme)].sort()) {
    if (data.tabNames[t as keyof typeof data.tabNames] === undefined) {
      const l = TAB_LABEL[t];
      diagnostics.push(diag({
        severity: 'info', code: 'tab_absent', tab: l.en,
        zh: `没有“${l.zh}”表：方案中用到它的指标按无数据计算`,
        en: `There is no ${l.en} tab: the measures that use it have no data`,
      }));
    }
  }

  const running = scheme.awards.filter((a) => a.cadence === period.kind);
  const notRun = scheme.awards.filter((a) => a.cadence !== period.kind);
  if (notRun.length) {
    diagnostics.push(diag({
      severity: 'info', code: 'award_not_run',
      zh: `本期间（${period.id}）不评选：${notRun.map((a) => `${a.name.zh}（${KIND_ZH[a.cadence]}）`).join('、')}`,
      en: `Not awarded for ${period.id}: ${notRun.map((a) => `${a.name.en} (${KIND_EN[a.cadence]})`).join(', ')}`,
    }));
  }
  const awards = running.map((a) => awardOutcome(ctx, a.id, period)).filter((o): o is AwardOutcome => o !== null);

  const score = scheme.score ? scoreOf(ctx, period) : null;
  const stars = scheme.stars ? starsOf(ctx, period) : null;
  if (score) diagnostics.push(...missingComponentWarnings(ctx, score, period));

  const penalties = penaltiesIn(ctx, period);
  const flags = flagsIn(ctx, period);
  const ledger = computeLedger(ctx, period, penalties);
  if (ledger) diagnostics.push(...ledger.diagnostics);
  const departments = computeDepartments(ctx, period);
  if (departments) diagnostics.push(...departments.diagnostics);

  diagnostics.push(...payUpNotes(ctx, awards));
  diagnostics.push(...payUpPenaltyNotes(ctx, awards, penalties));
  diagnostics.push(...quotaRowNotes(ctx));

  const ranking = rankingData(ctx, period, score, awards);
  diagnostics.push(...ctx.diagnostics);
  return { period, ctx, awards, notRun, score, stars, penalties, flags, ledger, departments, ranking, diagnostics };
}

const KIND_ZH: Record<string, string> = { month: '月度', quarter: '季度', half: '半年度', year: '年度' };
const KIND_EN: Record<string, string> = { month: 'monthly', quarter: 'quarterly', half: 'half-yearly', year: 'yearly' };

function missingComponentWarnings(ctx: Ctx, score: ScoreResult, p: Period): Diagnostic[] {
  const sc = ctx.scheme.score!;
  if (sc.missing !== 'rescale') return [];
  const byComp = new Map<string, number[]>();
  for (const [i, comps] of score.missing) {
    if (presence(ctx.staff[i], p) !== 'ok') continue;
    for (const c of comps) {
      const l = byComp.get(c);
      if (l) l.push(i);
      else byComp.set(c, [i]);
    }
  }
  const out: Diagnostic[] = [];
  for (const c of sc.components) {
    const list = byComp.get(c.id);
    if (!list) continue;
    list.sort((a, b) => (ctx.staff[a].key < ctx.staff[b].key ? -1 : 1));
    const ids = list.slice(0, 5).map((i) => ctx.staff[i].id).join(', ') + (list.length > 5 ? ' …' : '');
    out.push(diag({
      severity: 'warning', code: 'component_missing',
      zh: `${list.length} 人没有“${c.label.zh}”的数据（${ids}）：该项不计，其余各项按比例折算为 100`,
      en: `${list.length} ${list.length === 1 ? 'person has' : 'people have'} no data for "${c.label.en}" (${ids}): it is left out and the other weights rescaled to 100`,
    }));
  }
  return out;
}

function payUpNotes(ctx: Ctx, awards: AwardOutcome[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const o of awards) {
    for (const s of o.skips) {
      const w = ctx.staff[s.winner];
      const h = ctx.staff[s.holder];
      const zhWhy = { no_manager: '没有填写上级工号', unknown_manager: `的上级工号“${s.managerId}”不在员工表中`, manager_not_present: `的上级 ${s.managerId} 在期末已离职或尚未入职`, manager_is_winner: '的上级链回到了获奖者本人' }[s.reason];
      const enWhy = { no_manager: 'has no manager_id', unknown_manager: `has manager_id "${s.managerId}", which is not in Staff`, manager_not_present: `reports to ${s.managerId}, who is not employed at the period end`, manager_is_winner: 'has a manager chain that loops back to the winner' }[s.reason];
      out.push(diag({
        severity: 'warning', code: `payup_${s.reason}`, tab: h.tab, row: h.row, column: columnAsWritten(ctx.data.columnNames, 'staff', 'manager_id'), value: s.managerId,
        zh: `${h.id}${zhWhy}：获奖者 ${w.id} 的第 ${s.level} 级上级奖（${o.award.payUp!.name.zh}）未发放`,
        en: `${h.id} ${enWhy}: the level-${s.level} ${o.award.payUp!.name.en} for winner ${w.id} is not paid`,
      }));
    }
  }
  return out;
}

/**
 * A person paid up the chain for a winner who has a penalty in the same period
 * gets a warning (SPEC §8): the scheme pays them, but an HR office would want to
 * know; a scheme can exclude them with a gate.
 */
function payUpPenaltyNotes(ctx: Ctx, awards: AwardOutcome[], penalties: PenaltyHit[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byPerson = new Map<number, PenaltyHit[]>();
  for (const h of penalties) {
    const l = byPerson.get(h.idx);
    if (l) l.push(h);
    else byPerson.set(h.idx, [h]);
  }
  for (const o of awards) {
    const warned = new Set<number>();
    for (const p of o.payUps) {
      const hits = byPerson.get(p.idx);
      if (!hits || warned.has(p.idx)) continue;
      warned.add(p.idx);
      const s = ctx.staff[p.idx];
      const zhList = hits.map((h) => `${h.window.id} ${actionLabel(h.penalty.action, 'zh')}`).join('、');
      const enList = hits.map((h) => `${h.window.id} ${actionLabel(h.penalty.action, 'en')}`).join(', ');
      out.push(diag({
        severity: 'warning', code: 'payup_with_penalty', tab: s.tab, row: s.row, value: s.id,
        zh: `${s.name}（${s.id}）获“${o.award.payUp!.name.zh}”，但同期有处理：${zhList}；如不应发放，可在方案中加条件排除`,
        en: `${s.name} (${s.id}) is paid the ${o.award.payUp!.name.en} but has a penalty in the same period: ${enList}; a scheme gate can exclude such payments`,
      }));
    }
  }
  return out;
}

function quotaRowNotes(ctx: Ctx): Diagnostic[] {
  const out: Diagnostic[] = [];
  const norm = (s: string) => s.trim().toLowerCase();
  for (const q of ctx.data.quotas) {
    const a = ctx.scheme.awards.find((x) => [x.id, x.name.zh, x.name.en].map(norm).includes(norm(q.award)));
    if (!a) {
      // Other helpers' schemes (department criteria) read Quotas too: only flag names nobody uses.
      if (ctx.scheme.departments) continue;
      out.push(diag({
        severity: 'warning', code: 'quota_unknown_award', tab: q.tab, row: q.row, column: columnAsWritten(ctx.data.columnNames, 'quotas', 'award'), value: q.award,
        zh: `方案中没有奖项“${q.award}”：该行名额不起作用`, en: `The scheme has no award "${q.award}": this quota row has no effect`,
      }));
      continue;
    }
    if (a.scope === 'company' || !a.quota.fromTab) continue;
    const names = a.scope === 'department' ? ctx.depts : ctx.groups;
    if (!names.some((d) => norm(d) === norm(q.scope))) {
      out.push(diag({
        severity: 'warning', code: 'quota_unknown_scope', tab: q.tab, row: q.row, column: columnAsWritten(ctx.data.columnNames, 'quotas', 'scope'), value: q.scope,
        zh: `员工表中没有${a.scope === 'department' ? '部门' : '组别'}“${q.scope}”：该行名额不起作用`,
        en: `Staff has no ${a.scope} "${q.scope}": this quota row has no effect`,
      }));
    }
    void quotaFromTab;
  }
  return out;
}

function rankingData(ctx: Ctx, p: Period, score: ScoreResult | null, awards: AwardOutcome[]): RankingData {
  const r = ctx.scheme.ranking;
  let measure: string | null = null;
  let order: 'asc' | 'desc' = 'desc';
  let value: Vec | null = null;
  if (r.by) {
    measure = r.by.measure;
    order = r.by.order;
    value = evalMeasure(ctx, measure, p);
  } else if (score) {
    value = score.total;
  } else if (awards.length) {
    measure = awards[0].award.rankBy.measure;
    order = awards[0].award.rankBy.order;
    value = evalMeasure(ctx, measure, p);
  }
  const rank: (number | null)[] = new Array(ctx.n).fill(null);
  if (!value) return { measure, hasKey: false, value: new Float64Array(ctx.n).fill(NaN), rank, scope: r.scope };
  const scopeOf = (i: number) => (r.scope === 'company' ? '' : r.scope === 'department' ? ctx.staff[i].department : ctx.staff[i].group || ctx.staff[i].department);
  const groups = new Map<string, number[]>();
  for (let i = 0; i < ctx.n; i++) {
    if (presence(ctx.staff[i], p) !== 'ok' || Number.isNaN(value[i])) continue;
    const k = scopeOf(i);
    const l = groups.get(k);
    if (l) l.push(i);
    else groups.set(k, [i]);
  }
  const v = value;
  for (const list of groups.values()) {
    list.sort((a, b) => (order === 'desc' ? v[b] - v[a] : v[a] - v[b]));
    list.forEach((i, k) => {
      rank[i] = k > 0 && v[list[k - 1]] === v[i] ? rank[list[k - 1]] : k + 1;
    });
  }
  return { measure, hasKey: true, value, rank, scope: r.scope };
}
