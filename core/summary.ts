/**
 * The result summary the sidebar / task pane shows after Compute, built from the
 * orchestrator's ComputeOutcome. Pure and plain JSON (no Date, no undefined) so
 * it crosses `google.script.run` unchanged and both hosts show the same thing.
 */
import type { ComputeOutcome, DisputeNote } from './orchestrator';
import type { Lang, OutputTab, RawTab } from './types';
import type { Bilingual, DiagnosticBrief, SeverityCounts } from './inspect';
import { briefDiagnostic } from './inspect';
import { recognizeTab } from './input/tabs';
import { columnOf } from './input/aliases';
import { resolveScheme } from './scheme/resolve';
import { ACTIONS, H, scopeLabel } from './output/labels';
import { staffKey } from './ids';
import { leftOutGroupLine, type LeftOutReport } from './input/left-out';
import { DATA_CHANGED, SCHEME_CHANGED } from './runs/changes';
import type { RunnerUpLine } from './output/standing';
import type { LeftOutSummary } from './summary-lines';
export { leftOutLines, type LeftOutSummary } from './summary-lines';
import { rankingChartsOf, type RankingChartSummary } from './summary-charts';
export type { RankingChartSummary } from './summary-charts';

/** `busy` is added by hosts when another Compute holds the lock. */
export type ComputeStatusJson = 'computed' | 'fatal' | 'refused' | 'busy';

export interface WinnerSummary {
  award: string;
  awardName: Bilingual;
  /** Staff id as written in Staff. */
  staffId: string;
  /** Name from Staff ('' when unknown). Rendered as text, never as HTML. */
  name: string;
  scope: string;
  /** The scope as the user reads it (全公司 / company-wide for a company-wide award). */
  scopeName?: Bilingual;
  rank: number;
  /** Yuan, two decimals. */
  amount: number;
  tie: boolean;
  /** Present (true) only when a pending appeal could change this line (SPEC §10). */
  pending?: boolean;
  /** A manager payment: the winner it is paid for (SPEC §8). */
  forWinner?: { staffId: string; name: string };
}

export interface AwardSummary {
  award: string;
  name: Bilingual;
  winners: number;
  /** Yuan paid for this award. */
  paid: number;
  /** Yuan budget (a pool), or null when the prize is a fixed amount per winner. */
  budget: number | null;
}

export interface OutputTabRef {
  name: string;
  kind: OutputTab['kind'];
}

export interface ComputeSummary {
  status: ComputeStatusJson;
  /** The one clear message when the run did not compute (fatal, refused, busy), else null. */
  message: Bilingual | null;
  lang: Lang;
  period: string;
  /** Scheme id (a preset id or the Scheme tab's id). */
  scheme: string;
  /** The scheme's name ('' in both languages when no scheme resolved). */
  schemeName?: Bilingual;
  /** Labels of flag and action ids that the result lists (so no summary shows an id). */
  names?: { flags: Record<string, Bilingual>; actions: Record<string, Bilingual> };
  winners: WinnerSummary[];
  awards: AwardSummary[];
  /** Yuan paid in total. */
  totalPaid: number;
  diagnostics: SeverityCounts;
  /** The first few errors and warnings. */
  warnings: DiagnosticBrief[];
  /** Output tabs written, in the order written. */
  outputs: OutputTabRef[];
  /** Pending appeals that put a result at stake (SPEC §10), with the alternative in words; absent when none. */
  disputes?: DisputeNote[];
  /** Rows left out (SPEC §8): shown before the results; absent when none. */
  leftOut?: LeftOutSummary;
  /** Since the previous run of the period: which data changed for each person whose result moved, and the scheme (SPEC §8), in the run's language; absent when none. */
  dataChanges?: string[];
  /** Dated tabs with no row in the period (SPEC §8), one line each, shown before the results; absent when none. */
  emptyWindows?: Bilingual[];
  /** Eligible people nearest to winning per scope, with their rank and gap (SPEC §8); absent when none. */
  runnersUp?: RunnerUpLine[];
  /** "差一点": the closest near misses per award (SPEC §9), each a sentence in both languages; rendered as text. */
  nearMisses?: NearMissSummary[];
  /** The ranking measure per scope for the sidebar's picture (SPEC §9): the first bars of each Ranking-tab chart; absent when none. */
  rankingCharts?: RankingChartSummary[];
}

export interface NearMissSummary {
  award: string;
  staffId: string;
  text: Bilingual;
}

const PEOPLE_LIMIT = 10;
const GROUP_LIMIT = 5;

function leftOutSummary(report: LeftOutReport | undefined, nameOf: (id: string) => string): LeftOutSummary | null {
  if (!report || report.rows === 0) return null;
  return {
    rows: report.rows,
    peopleCount: report.staffIds.length,
    people: report.staffIds.slice(0, PEOPLE_LIMIT).map((id) => ({ staffId: id, name: nameOf(id) })),
    groups: report.groups.slice(0, GROUP_LIMIT).map((g) => ({ zh: leftOutGroupLine(g, 'zh'), en: leftOutGroupLine(g, 'en') })),
    groupCount: report.groups.length,
  };
}


/** What the outcome alone does not carry: people's and award names (budgets come with the outcome; tests may override). */
export interface SummaryContext {
  /** staff id as written → name (see staffNamesFromTabs). */
  staffNames?: Record<string, string>;
  awardNames?: Record<string, Bilingual>;
  /** award id → pool budget in yuan (null/absent for fixed prizes). */
  budgets?: Record<string, number | null>;
}

/** How many diagnostics a summary lists one by one. */
export const BRIEF_LIMIT = 5;

export function countSeverities(list: { severity: 'error' | 'warning' | 'info' }[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity] += 1;
  return counts;
}

/** Two-decimal yuan without floating noise (0.1 + 0.2 → 0.3). */
function yuan(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Hosts use this for the lock message so both say exactly the same. */
export const ALREADY_RUNNING: Bilingual = {
  zh: '服务之星正在计算中，请等当前计算完成后再试。',
  en: 'Service Star is already running. Please wait for the current computation to finish.',
};

/** A summary for a compute that did not run because another one holds the lock. */
export function busySummary(lang: Lang, period: string): ComputeSummary {
  return {
    status: 'busy', message: ALREADY_RUNNING, lang, period, scheme: '', schemeName: { zh: '', en: '' }, names: { flags: {}, actions: {} },
    winners: [], awards: [], totalPaid: 0, diagnostics: { error: 0, warning: 0, info: 0 }, warnings: [], outputs: [],
  };
}

/** A summary for a host failure caught at the boundary (an unexpected exception). */
export function failureSummary(lang: Lang, period: string, detail: string): ComputeSummary {
  return {
    status: 'fatal',
    message: {
      zh: `计算未完成，工作表未被修改：${detail}`,
      en: `The computation did not finish and nothing was changed: ${detail}`,
    },
    lang, period, scheme: '', schemeName: { zh: '', en: '' }, names: { flags: {}, actions: {} },
    winners: [], awards: [], totalPaid: 0, diagnostics: { error: 0, warning: 0, info: 0 }, warnings: [], outputs: [],
  };
}

/** Build the sidebar's result summary from a compute outcome. */
export function summarizeOutcome(outcome: ComputeOutcome, context: SummaryContext = {}): ComputeSummary {
  const names = context.staffNames ?? {};
  const awardNames = { ...(outcome.labels?.awards ?? {}), ...(context.awardNames ?? {}) };
  const budgets: Record<string, number | null> = context.budgets ?? outcome.budgets ?? {};
  const result = outcome.result;
  const nameOf = (id: string): string => names[id] ?? names[staffKey(id)] ?? '';
  const awardName = (id: string): Bilingual => awardNames[id] ?? { zh: id, en: id };

  const awardFor = outcome.awardFor ?? [];
  const winners: WinnerSummary[] = (result?.awards ?? []).map((a, k) => ({
    ...(awardFor[k] ? { forWinner: { staffId: awardFor[k], name: nameOf(awardFor[k]) } } : {}),
    award: a.award, awardName: awardName(a.award), staffId: a.staff_id, name: nameOf(a.staff_id),
    scope: a.scope, scopeName: { zh: scopeLabel(a.scope, 'zh'), en: scopeLabel(a.scope, 'en') }, rank: a.rank, amount: yuan(a.amount),
    // A payment up the chain is not itself tied: the tie belongs to the winner it is paid for (named in forWinner).
    tie: a.tie && !awardFor[k], ...(a.pending ? { pending: true } : {}),
  }));

  // One line per award that has winners or a budget, in first-appearance order.
  const order: string[] = [];
  // A summary counts people, not rows: a manager paid for two winners is one person (SPEC §8).
  const people = new Map<string, Set<string>>();
  for (const w of winners) {
    if (!people.has(w.award)) order.push(w.award);
    const set = people.get(w.award) ?? new Set<string>();
    set.add(staffKey(w.staffId));
    people.set(w.award, set);
  }
  const count = new Map([...people].map(([k, v]) => [k, v.size]));
  for (const id of Object.keys(result?.totals.by_award ?? {}).sort()) if (!count.has(id)) order.push(id);
  for (const id of Object.keys(budgets).sort()) if (!order.includes(id) && budgets[id] !== null && budgets[id] !== undefined) order.push(id);
  const awards: AwardSummary[] = order.map((id) => {
    const budget = budgets[id];
    return {
      award: id, name: awardName(id), winners: count.get(id) ?? 0,
      paid: yuan(result?.totals.by_award[id] ?? 0),
      budget: budget === undefined || budget === null ? null : yuan(budget),
    };
  });

  // Star bonuses are paid outside any award (SPEC §4 star-rating): one line so the lines add up to the total.
  const starPaid = (result?.stars ?? []).filter((st) => st.bonus > 0);
  if (starPaid.length) {
    awards.push({
      award: 'stars', name: { zh: H.starBonus.zh, en: H.starBonus.en }, winners: starPaid.length,
      paid: yuan(starPaid.reduce((a, st) => a + st.bonus, 0)), budget: null,
    });
  }

  const serious = outcome.diagnostics.filter((d) => d.severity !== 'info').slice(0, BRIEF_LIMIT);
  const disputes = (outcome.disputes ?? []).filter((d) => d.stakes.length > 0);
  const leftOut = leftOutSummary(outcome.leftOut, nameOf);
  // The Changes tab's "data changed" and "scheme changed" rows, as the user reads them.
  const changesTab = outcome.outputs.find((t) => t.kind === 'changes');
  const dataChanges = (changesTab?.rows ?? []).slice(1)
    .filter((r) => r[0] === DATA_CHANGED[outcome.lang] || r[0] === SCHEME_CHANGED[outcome.lang])
    .map((r) => (r[1] ? `${r[2] ? `${String(r[2])} ` : ''}${String(r[1])}${outcome.lang === 'zh' ? '：' : ': '}${String(r[3])}` : `${String(r[0])}${outcome.lang === 'zh' ? '：' : ': '}${String(r[3])}`));
  const empties: Bilingual[] = outcome.diagnostics.filter((d) => d.code === 'empty_window')
    .map((d) => ({ zh: `「${d.tab}」${d.message.zh}`, en: `${d.tab}: ${d.message.en}` }));
  const rankingCharts = rankingChartsOf(outcome.outputs);
  return {
    ...(rankingCharts.length ? { rankingCharts } : {}),
    ...(leftOut ? { leftOut } : {}),
    ...(empties.length ? { emptyWindows: empties } : {}),
    ...(dataChanges.length ? { dataChanges } : {}),
    ...(outcome.runnersUp?.length ? { runnersUp: JSON.parse(JSON.stringify(outcome.runnersUp)) as RunnerUpLine[] } : {}),
    ...(disputes.length ? { disputes: JSON.parse(JSON.stringify(disputes)) as DisputeNote[] } : {}),
    status: outcome.status,
    message: outcome.message ? { zh: outcome.message.zh, en: outcome.message.en } : null,
    lang: outcome.lang,
    period: result?.period ?? '',
    scheme: result?.scheme ?? '',
    schemeName: outcome.labels ? { ...outcome.labels.scheme } : { zh: result?.scheme ?? '', en: result?.scheme ?? '' },
    names: { flags: { ...(outcome.labels?.flags ?? {}) }, actions: { ...(outcome.labels?.actions ?? ACTIONS) } },
    winners,
    awards,
    totalPaid: yuan(result?.totals.paid ?? 0),
    diagnostics: countSeverities(outcome.diagnostics),
    warnings: serious.map(briefDiagnostic),
    outputs: outcome.outputs.map((t) => ({ name: t.name, kind: t.kind })),
    nearMisses: (outcome.nearMisses ?? []).map((n) => ({ award: n.award, staffId: n.staffId, text: { zh: n.text.zh, en: n.text.en } })),
  };
}

/**
 * staff id (as written, and its lookup key) → name, from the Staff tab. Used only
 * to put names on winners in the summary; the engine reads Staff through core/input/tabs.
 */
export function staffNamesFromTabs(tabs: RawTab[]): Record<string, string> {
  const out: Record<string, string> = {};
  const staff = tabs.find((t) => recognizeTab(t.name) === 'staff');
  if (!staff || staff.rows.length === 0) return out;
  const ids = staff.rows[0].map((h) => columnOf('staff', String(h ?? ''))?.id ?? null);
  const idCol = ids.indexOf('staff_id');
  const nameCol = ids.indexOf('name');
  if (idCol < 0 || nameCol < 0) return out;
  for (let r = 1; r < staff.rows.length; r++) {
    const row = staff.rows[r];
    const id = String(row[idCol] ?? '').trim();
    if (!id) continue;
    const name = String(row[nameCol] ?? '');
    if (!(id in out)) out[id] = name;
    const key = staffKey(id);
    if (!(key in out)) out[key] = name;
  }
  return out;
}

/**
 * Award id → display name in the scheme in force (the Scheme tab, else the preset),
 * manager awards (payUp) included. Empty when no scheme resolves: ids are shown then.
 */
export function schemeAwardNames(tabs: RawTab[], preset: string | null | undefined): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  let awards;
  try {
    awards = resolveScheme(tabs, preset ?? null).scheme?.awards ?? [];
  } catch {
    return out; // names are a nicety: the summary falls back to award ids
  }
  for (const a of awards) {
    out[a.id] = { zh: a.name.zh, en: a.name.en };
    if (a.payUp) out[a.payUp.award] = { zh: a.payUp.name.zh, en: a.payUp.name.en };
  }
  return out;
}

/** Staff and award names for a summary, from the tabs the compute read. */
export function summaryContextFor(tabs: RawTab[], preset: string | null | undefined): SummaryContext {
  return { staffNames: staffNamesFromTabs(tabs), awardNames: schemeAwardNames(tabs, preset) };
}
