/**
 * Runs and closing a period (SPEC §5, issue 9): the Runs log, input fingerprints,
 * finalizing a period, the finality check before a Compute, and the Changes view.
 * The two helpers at the bottom are what the orchestrator and the `finalize`
 * command call, so each front end needs only a couple of lines.
 */
import type { Dataset, Diagnostic, Lang, OutputTab, RawTab, ResultJson } from './types';
import { type InputFingerprint, fingerprintInputs } from './runs/fingerprint';
import {
  type FinalCheck, type RunStatus, type RunsLog, COLUMNS, RUNS_HEADERS, checkFinal, finalizeRun, lastRun, makeRun, parseRunsTab,
  buildRunsTab, withRun,
} from './runs/log';
import { diffResults } from './runs/changes';
import { displayTime } from './time';
import { hashedRowCount, type PersonRows } from './runs/person-rows';
import { MAX_SNAPSHOT_CHARS } from './runs/snapshot';
import type { SchemeLabels } from './output/scheme-labels';
import { diag } from './diagnostics';
import type { SyncWorkbookHost, WorkbookHost } from './host';
import { parsePeriod } from './periods';
import { recognizeTab } from './input/tabs';

export * from './runs/hash';
export * from './runs/fingerprint';
export * from './runs/snapshot';
export * from './runs/log';
export * from './runs/changes';

/** What the orchestrator learns before computing: may it go ahead, and what to record. */
export interface RunsGate extends FinalCheck {
  log: RunsLog;
  fingerprint: InputFingerprint;
  periodId: string;
  forced: boolean;
  /** Problems found in the Runs tab (for the Data check tab). */
  diagnostics: Diagnostic[];
}

/**
 * Before computing: read the Runs tab, fingerprint the inputs, and check whether
 * the period is final. `scheme` is the scheme object in force (part of the fingerprint).
 */
export function gateCompute(
  runsTab: RawTab | undefined, dataset: Dataset, scheme: unknown, periodId: string, force: boolean | undefined,
): RunsGate {
  const log = parseRunsTab(runsTab);
  const fingerprint = fingerprintInputs(dataset, scheme);
  const check = checkFinal(log, periodId, fingerprint, force);
  const forced = !!force && check.finalRun !== null;
  const diagnostics = [...log.diagnostics];
  // Said once, where it matters: the final run compared against has hashes of another format.
  if (check.formatChanged && check.finalRun) {
    const at = log.rows.find((r) => r.run === check.finalRun);
    diagnostics.push(diag({
      severity: 'warning', code: 'runs_fingerprint_format', tab: log.name ?? '', row: at?.row ?? null,
      column: RUNS_HEADERS[log.lang ?? 'en'].tab_fingerprints, value: at?.cells[COLUMNS.indexOf('tab_fingerprints')] ?? '',
      zh: '指纹格式已变更：定稿那次运行的指纹以另一种格式记录，无法判断定稿后哪些工作表有改动',
      en: 'Fingerprint format changed: the final run\'s fingerprints were recorded in a different format, so which tabs changed since it cannot be told',
    }));
  }
  // A confirmed overwrite of a closed period is worth a line in the Data check tab.
  if (forced && check.message) {
    diagnostics.push(diag({ severity: 'info', code: 'final_recomputed', tab: log.name ?? '', ...check.message }));
  }
  return { ...check, log, fingerprint, periodId, forced, diagnostics };
}

/**
 * The scheme version shown in the Runs tab: the scheme format version plus the first
 * 8 digits of the scheme's content hash, so an edited Scheme tab reads as a new version.
 */
export function schemeVersionLabel(formatVersion: number | string, fingerprint: InputFingerprint): string {
  const h = fingerprint.tabs.scheme;
  return h ? `v${formatVersion} ${h.slice(0, 8)}` : `v${formatVersion}`;
}

/**
 * Whether this run's row hashes (core/runs/person-rows) can serve at all: the
 * previous run of the period kept its own to compare with, or this run's may fit
 * in its snapshot cell. Each hash takes at least 11 characters there (`"0123abcd",`),
 * so past the cell's size they are never kept, and a big workbook need not hash
 * every row for nothing.
 */
export function rowHashesWanted(gate: RunsGate, dataset: Dataset): boolean {
  const previous = lastRun(gate.log, gate.periodId);
  if (previous?.snapshot?.kind === 'full' && previous.snapshot.rows) return true;
  return 11 * hashedRowCount(dataset) - 1 <= MAX_SNAPSHOT_CHARS;
}

export interface RecordOptions {
  /** ISO time of the run (passed in: core has no clock). */
  now: string;
  scheme: string;
  schemeVersion: string;
  lang: Lang;
  /** Staff lookup key → name, for the Changes view. */
  names?: ReadonlyMap<string, string>;
  /** Appeal row → the alternative in words, for pending appeals with stakes (kept with the run). */
  alternatives?: ReadonlyMap<number, { zh: string; en: string }>;
  /** The scheme's labels, for the Changes view's items. */
  labels?: SchemeLabels;
  /** Per person and tab row hashes of this run's data (core/runs/person-rows). */
  rows?: PersonRows;
}

/**
 * After computing: the Runs tab with the new row and the Changes tab for the period.
 * A forced recompute of a final period stays final (the period remains closed, now
 * with the confirmed results) and says so in its note.
 */
export function recordCompute(gate: RunsGate, result: ResultJson, options: RecordOptions): { runs: OutputTab; changes: OutputTab } {
  const previous = lastRun(gate.log, gate.periodId);
  const status: RunStatus = gate.forced ? 'final' : 'draft';
  const note = gate.forced
    ? (options.lang === 'zh'
      ? `确认后重新计算已定稿期间${gate.changedTabs.length ? `；改动的工作表：${gate.changedTabs.join('、')}` : ''}`
      : `final period recomputed as confirmed${gate.changedTabs.length ? `; changed tabs: ${gate.changedTabs.join(', ')}` : ''}`)
    : '';
  const run = makeRun({
    now: options.now, period: gate.periodId, scheme: options.scheme, schemeVersion: options.schemeVersion,
    fingerprint: gate.fingerprint, result, status, finalizedAt: gate.forced ? options.now : '', note, alternatives: options.alternatives, rows: options.rows,
  });
  const log = withRun(gate.log, run, options.lang);
  const changes = diffResults(previous ? previous.snapshot : undefined, result, {
    periodId: run.period, lang: options.lang, previousTime: previous ? displayTime(previous.time) : undefined, names: options.names, labels: options.labels,
    rows: options.rows,
    ...(previous && previous.schemeVersion && previous.schemeVersion !== options.schemeVersion ? { schemeChange: { before: previous.schemeVersion, after: options.schemeVersion } } : {}),
  });
  return { runs: buildRunsTab(log, options.lang), changes };
}

/**
 * Finalize a period from the workbook's Runs tab: the tab to write back (null when
 * refused or when nothing changed), with a message for the user.
 */
export function finalizePeriod(
  runsTab: RawTab | undefined, periodId: string, now: string, lang: Lang, force = false,
): { ok: boolean; message: { zh: string; en: string }; tab: OutputTab | null; diagnostics: Diagnostic[] } {
  const log = parseRunsTab(runsTab);
  const out = finalizeRun(log, periodId, now, lang, force);
  return {
    ok: out.ok, message: out.message, diagnostics: log.diagnostics,
    tab: out.changed ? buildRunsTab(out.log, lang) : null,
  };
}

/** What *Finalize period* reports to a front end (the UI's FinalizeResult plus details). */
export interface FinalizeRunOutcome {
  /** `final`: the period is final (now or already); `refused`: never computed; `fatal`: bad period. */
  status: 'final' | 'refused' | 'fatal';
  message: { zh: string; en: string };
  lang: Lang;
  /** Problems found in the Runs tab. */
  diagnostics: Diagnostic[];
  /** The Runs tab written, or null when nothing was written. */
  written: OutputTab | null;
}

function finalizeLang(names: string[], lang: Lang | undefined): Lang {
  if (lang) return lang;
  const probe = names.find((n) => recognizeTab(n) === 'staff') ?? names.join('');
  return /[\u4e00-\u9fff]/.test(probe) ? 'zh' : 'en';
}

function finalizeTabs(names: string[], runsTab: RawTab | undefined, periodId: string, now: string, lang: Lang, force: boolean): FinalizeRunOutcome {
  if (!parsePeriod(periodId)) {
    const out = finalizePeriod(undefined, periodId, now, lang);
    return { status: 'fatal', message: out.message, lang, diagnostics: [], written: null };
  }
  const out = finalizePeriod(runsTab, periodId, now, lang, force);
  return { status: out.ok ? 'final' : 'refused', message: out.message, lang, diagnostics: out.diagnostics, written: out.tab };
}

/** Finalize a period on an asynchronous host (Excel): read the Runs tab, write it back marked. */
export async function runFinalize(host: WorkbookHost, periodId: string, now: string, lang?: Lang, force = false): Promise<FinalizeRunOutcome> {
  const names = await host.listTabs();
  const runsName = names.find((n) => recognizeTab(n) === 'runs');
  const runsTab = runsName === undefined ? undefined : (await host.readTabs([runsName]))[0];
  const outcome = finalizeTabs(names, runsTab, periodId, now, finalizeLang(names, lang), force);
  if (outcome.written) await host.writeTabs([outcome.written]);
  return outcome;
}

/** The same for synchronous hosts (Apps Script; call it under the document lock). */
export function runFinalizeSync(host: SyncWorkbookHost, periodId: string, now: string, lang?: Lang, force = false): FinalizeRunOutcome {
  const names = host.listTabs();
  const runsName = names.find((n) => recognizeTab(n) === 'runs');
  const runsTab = runsName === undefined ? undefined : host.readTabs([runsName])[0];
  const outcome = finalizeTabs(names, runsTab, periodId, now, finalizeLang(names, lang), force);
  if (outcome.written) host.writeTabs([outcome.written]);
  return outcome;
}
