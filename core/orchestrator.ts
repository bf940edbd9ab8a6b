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
  const read = readDataset(tabs, {});
  if (read.fatal) return fatal(lang, read.fatal, [read.fatal, ...read.diagnostics]);
  progress('compute', 0);
  const diagnostics = sortDiagnostics(read.diagnostics);
  const result: ResultJson = {
    period: period.id, scheme: request.preset ?? '',
    awards: [], stars: [], penalties: [], departments: [], points: [], flags: [], ineligible: [],
    diagnostics: diagnostics.map((d) => ({ severity: d.severity, tab: d.tab, row: d.row, column: d.column, code: d.code, value: d.value, message: d.message[lang] })),
    totals: { paid: 0, by_award: {} },
  };
  progress('output', 0);
  return { status: 'computed', message: null, lang, diagnostics, result, outputs: [buildDataCheckTab(diagnostics, period.id, lang)] };
}

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
