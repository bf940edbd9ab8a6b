/**
 * The one orchestrator used by every front end: read tabs → validate → compute →
 * write tabs. `computeWorkbook` is the pure middle (tables in, tables out);
 * `runCompute` / `runComputeSync` add the host reads and writes around it.
 */
import type { Diagnostic, Lang, OutputTab, RawTab, ResultJson } from './types';
import type { ProgressFn, SyncWorkbookHost, WorkbookHost } from './host';
import { parsePeriod } from './periods';
import { diag, sortDiagnostics } from './diagnostics';
import { readDataset, recognizeTab } from './tabs';
import { buildDataCheckTab } from './output/datacheck';
import { resolveScheme } from './scheme/resolve';
import { computeScheme } from './engine/compute';
import { buildRankingTab } from './output/ranking';
import { buildBonusTab } from './output/bonus';
import { buildPointsTab } from './output/points';
import { buildDepartmentsTab } from './output/departments';
import { buildResultJson } from './output/result-json';
import { gateCompute, recordCompute, schemeVersionLabel } from './runs';

export interface ComputeRequest {
  /** Period id, e.g. `2026-Q3`. */
  period: string;
  /** Preset id used when the workbook has no Scheme tab. */
  preset?: string;
  /** Output language; detected from the tab names when absent. */
  lang?: Lang;
  /** The time of the run (ISO 8601), passed in: core never reads the clock. */
  now: string;
  /** Recompute a period marked final. */
  force?: boolean;
  onProgress?: ProgressFn;
}

export type ComputeStatus = 'computed' | 'fatal' | 'refused';

export interface ComputeOutcome {
  status: ComputeStatus;
  /** The one clear message when the run could not start or was refused. */
  message: { zh: string; en: string } | null;
  lang: Lang;
  /** Every diagnostic, stably sorted. */
  diagnostics: Diagnostic[];
  /** The `--json` object (null when the run could not start). */
  result: ResultJson | null;
  /** Tabs to write, each replaced whole. */
  outputs: OutputTab[];
}

/** Tabs the orchestrator reads: every recognised input tab plus Scheme and Runs. */
export function planInputTabs(names: string[]): string[] {
  return names.filter((n) => recognizeTab(n) !== null);
}

/** Chinese tab names → Chinese outputs, otherwise English. */
export function detectLang(names: string[]): Lang {
  const staff = names.find((n) => recognizeTab(n) === 'staff');
  const probe = staff ?? names.join('');
  return /[\u4e00-\u9fff]/.test(probe) ? 'zh' : 'en';
}

function fatal(lang: Lang, d: Diagnostic, diagnostics: Diagnostic[] = [d]): ComputeOutcome {
  return { status: 'fatal', message: d.message, lang, diagnostics: sortDiagnostics(diagnostics), result: null, outputs: [] };
}

/** The pure middle: validated tables in, output tables and the result object out. */
export function computeWorkbook(tabs: RawTab[], request: ComputeRequest): ComputeOutcome {
  const lang = request.lang ?? detectLang(tabs.map((t) => t.name));
  const progress = request.onProgress ?? (() => undefined);
  const period = parsePeriod(request.period);
  if (!period) {
    return fatal(lang, diag({
      severity: 'error', code: 'bad_period', value: request.period,
      zh: `期间“${request.period}”无效：应为 2026-07、2026-Q3、2026-H2 或 2026`,
      en: `Period "${request.period}" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026`,
    }));
  }
  progress('validate', 0);
  const resolved = resolveScheme(tabs, request.preset);
  if (!resolved.scheme) {
    const f = resolved.fatal ?? diag({ severity: 'error', code: 'no_scheme', zh: '没有可用的方案', en: 'No scheme is available' });
    return fatal(lang, f, [f, ...resolved.diagnostics.filter((d) => d !== f)]);
  }
  const scheme = resolved.scheme;
  const read = readDataset(tabs, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale });
  if (read.fatal) return fatal(lang, read.fatal, [read.fatal, ...read.diagnostics, ...resolved.diagnostics]);
  const missing = scheme.requiredTabs.filter((t) => read.dataset.tabNames[t] === undefined);
  if (missing.length) {
    const names = missing.map((t) => REQUIRED_TAB_NAMES[t] ?? { zh: t, en: t });
    const f = diag({
      severity: 'error', code: 'missing_tab', tab: names[0].en, value: missing.join(', '),
      zh: `方案“${scheme.name.zh}”需要“${names.map((n) => n.zh).join('”“')}”表，工作簿中没有`,
      en: `The scheme "${scheme.name.en}" needs the ${names.map((n) => n.en).join(', ')} tab${names.length > 1 ? 's' : ''}, which the workbook does not have`,
    });
    return fatal(lang, f, [f, ...read.diagnostics, ...resolved.diagnostics]);
  }
  // Runs log: a period marked final is not recomputed without request.force (SPEC §5).
  const gate = gateCompute(tabs.find((t) => recognizeTab(t.name) === 'runs'), read.dataset, scheme, period.id, request.force);
  if (!gate.allowed) {
    return { status: 'refused', message: gate.message, lang, diagnostics: sortDiagnostics([...resolved.diagnostics, ...read.diagnostics, ...gate.diagnostics]), result: null, outputs: [] };
  }
  progress('compute', 0);
  const engine = computeScheme(scheme, read.dataset, period);
  progress('output', 0);
  const diagnostics = sortDiagnostics([...resolved.diagnostics, ...read.diagnostics, ...engine.diagnostics, ...gate.diagnostics]);
  const result = buildResultJson(engine, scheme.id, diagnostics, lang);
  const outputs: OutputTab[] = [buildRankingTab(engine, lang), buildBonusTab(engine, lang)];
  const departments = buildDepartmentsTab(engine, lang);
  if (departments) outputs.push(departments);
  const points = buildPointsTab(engine, lang);
  if (points) outputs.push(points);
  outputs.push(buildDataCheckTab(diagnostics, period.id, lang));
  const recorded = recordCompute(gate, result, {
    now: request.now, scheme: scheme.id, schemeVersion: schemeVersionLabel(scheme.version, gate.fingerprint), lang,
    names: new Map(read.dataset.staff.map((s) => [s.key, s.name])),
  });
  outputs.push(recorded.changes, recorded.runs);
  return { status: 'computed', message: null, lang, diagnostics, result, outputs };
}

/** Names of the input tabs a scheme may require, for the one-line message. */
const REQUIRED_TAB_NAMES: Record<string, { zh: string; en: string }> = {
  staff: { zh: '员工', en: 'Staff' }, feedback: { zh: '客户反馈', en: 'Feedback' }, incidents: { zh: '奖惩记录', en: 'Incidents' },
  attendance: { zh: '考勤', en: 'Attendance' }, reviews: { zh: '考评', en: 'Reviews' }, cases: { zh: '服务案例', en: 'Cases' },
  quotas: { zh: '名额', en: 'Quotas' }, redemptions: { zh: '积分兑换', en: 'Redemptions' },
};

/** Read → validate → compute → write on an asynchronous host. */
export async function runCompute(host: WorkbookHost, request: ComputeRequest): Promise<ComputeOutcome> {
  const progress = request.onProgress ?? (() => undefined);
  progress('read', 0);
  const tabs = await host.readTabs(planInputTabs(await host.listTabs()));
  const outcome = computeWorkbook(tabs, request);
  if (outcome.status === 'computed') {
    progress('write', 0);
    await host.writeTabs(outcome.outputs);
  }
  progress('done', 1);
  return outcome;
}

/** The same sequence for synchronous hosts (Apps Script). */
export function runComputeSync(host: SyncWorkbookHost, request: ComputeRequest): ComputeOutcome {
  const progress = request.onProgress ?? (() => undefined);
  progress('read', 0);
  const tabs = host.readTabs(planInputTabs(host.listTabs()));
  const outcome = computeWorkbook(tabs, request);
  if (outcome.status === 'computed') {
    progress('write', 0);
    host.writeTabs(outcome.outputs);
  }
  progress('done', 1);
  return outcome;
}
