/**
 * The one orchestrator used by every front end: read tabs → validate → compute →
 * write tabs. `computeWorkbook` is the pure middle (tables in, tables out);
 * `runCompute` / `runComputeSync` add the host reads and writes around it.
 *
 * Only what the scheme uses is read, validated, fingerprinted and computed on:
 * the hosts list the tab names, read the Scheme tab when there is one, then read
 * Staff, Runs, the Scheme tab and the input tabs the scheme in force uses
 * (core/engine/uses.ts). Two reads at most (three if the Scheme tab is edited
 * between them so that it needs another tab), whatever the row count. A tab the
 * scheme does not use is never validated: its problems are not the run's.
 */
import type { Dataset, Diagnostic, Lang, OutputTab, RawTab, ResultJson } from './types';
import type { ProgressFn, SyncWorkbookHost, WorkbookHost } from './host';
import { parsePeriod } from './periods';
import { diag, sortDiagnostics } from './diagnostics';
import { readDataset, recognizeTab } from './input/tabs';
import { TAB_SPECS } from './input/aliases';
import { oneTabPerKind } from './input/duplicates';
import { personRowsOf } from './runs/person-rows';
import { emptyWindowWarnings } from './input/empty-window';
import { leftOutReport, sayRowsLeftOut, type LeftOutReport } from './input/left-out';
import { buildDataCheckTab } from './output/datacheck';
import { resolveScheme } from './scheme/resolve';
import { computeScheme, type EngineResult } from './engine/compute';
import { awardBudgetFen } from './engine/awards';
import { fenToYuan } from './money';
import { inputTabsOf, requiredTabsFor } from './engine/uses';
import type { InputTab, Scheme } from './scheme/model';
import { buildRankingTab } from './output/ranking';
import { runnersUp, type RunnerUpLine } from './output/standing';
import { buildBonusTab, payments } from './output/bonus';
import { buildPointsTab } from './output/points';
import { buildDepartmentsTab } from './output/departments';
import { buildResultJson } from './output/result-json';
import { gateCompute, recordCompute, rowHashesWanted, schemeVersionLabel, type RunsGate } from './runs';
import { applyEdits, type WhatIfEdit } from './whatif/index';
import { previewSession, readSchemeTabLang, type PreviewOutcome } from './whatif/workbook';
import { buildSchemeTab } from './scheme-tab/index';

export type { PreviewOutcome } from './whatif/workbook';
import { markOutputs, markResult, personAppeals, planAppeals, weighAppeals, type Dispute } from './appeals';
import { schemeLabels, type SchemeLabels } from './output/scheme-labels';
import { withReplaces } from './output/tab-names';
import { attachCharts, buildStatementsTab, closestNearMisses, eachStatement, type NearMissBrief, type PersonAppeals } from './explain';

export interface ComputeRequest {
  /** Period id, e.g. `2026-Q3`. */
  period: string;
  /** Preset id used when the workbook has no Scheme tab. */
  preset?: string;
  /** Output language; detected from the tab names when absent. */
  lang?: Lang;
  /**
   * The time of the run, passed in (core never reads the clock): ISO 8601 with the
   * offset of the time zone the user reads times in (core/time.ts localIso), so the
   * Runs and Changes tabs show `2026-12-02 10:25` in that zone.
   */
  now: string;
  /** Recompute a period marked final. */
  force?: boolean;
  /**
   * Build the result object and the summary's data only, no output tabs (and so no
   * statements, charts or Runs row): for a front end that writes nothing — the
   * command line's `--json` without `--out`. The result object is the same.
   */
  resultOnly?: boolean;
  /**
   * Whether the result object lists `near_misses` with every row behind each (the
   * default). Only `--json` prints them (the summary, the sidebar and the tabs take
   * their near misses from the engine), so the command line asks for them only then:
   * at size M they were most of a 4.9 MB object made on every run.
   */
  nearMissLines?: boolean;
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
  /** Pending appeals with what they put at stake and the alternative in words (SPEC §10); absent when nothing was computed. */
  disputes?: DisputeNote[];
  /** Pool budget in yuan per award that ran with a pool (fixed prizes have none); absent when nothing was computed. */
  budgets?: Record<string, number>;
  /** Labels of the scheme's ids (name, awards, flags, actions) for summaries; absent when no scheme resolved. */
  labels?: SchemeLabels;
  /**
   * The engine's result of a computed run (awards with ranks, standings via
   * core/engine/standing), for core callers such as core/explain. Non-enumerable:
   * it never crosses a worker or JSON boundary with the outcome.
   */
  readonly engine?: EngineResult;
  /** A person's appeals in words for their statement (core/appeals personAppeals); non-enumerable like `engine`. */
  readonly appealWords?: PersonAppeals;
  /** Rows left out, the known people they belong to, grouped problems (SPEC §8); absent when nothing was computed. */
  leftOut?: LeftOutReport;
  /** Eligible non-winners nearest the last winning place, with rank and gap in words (SPEC §8); absent when nothing was computed. */
  runnersUp?: RunnerUpLine[];
  /** Parallel to `result.awards`: for a manager payment the winner it is for (id as in Staff), else ''. */
  awardFor?: string[];
  /** The closest near misses per award, in both languages (core/explain), for the summary; absent when nothing was computed. */
  nearMisses?: NearMissBrief[];
}

/** A pending appeal as the summaries show it (plain JSON). */
export interface DisputeNote {
  /** Appeals row as the user sees it, and the appellant's id as written in Staff. */
  row: number;
  staffId: string;
  /** The disputed row. */
  target: { tab: string; row: number };
  stakes: { award: string; awardName: { zh: string; en: string }; staffId: string; ifAccepted: 'wins' | 'loses'; amount: number }[];
  /** "申诉成立则 …" / "if the appeal is accepted, …" ('' when nothing is at stake). */
  alternative: { zh: string; en: string };
}

function disputeNotes(disputes: readonly Dispute[]): DisputeNote[] {
  return disputes.map((d) => ({
    row: d.appeal.record.row, staffId: d.appeal.record.staffId,
    target: { tab: d.appeal.targetName, row: d.appeal.record.targetRow },
    stakes: d.stakes.map((s) => ({ award: s.award, awardName: s.awardName, staffId: s.staffId, ifAccepted: s.ifAccepted, amount: fenToYuan(s.amountFen) })),
    alternative: d.alternative,
  }));
}

/** Every recognised input tab plus Scheme and Runs: what a run reads when it cannot tell what the scheme uses. */
export function planInputTabs(names: string[]): string[] {
  return names.filter((n) => recognizeTab(n) !== null);
}

/**
 * Is a tab one a computation with this scheme reads (Scheme, Runs, Appeals and
 * Investigations — always, SPEC §10 — or an input tab the scheme uses)?
 */
function readByScheme(name: string, used: ReadonlySet<InputTab>): boolean {
  const id = recognizeTab(name);
  return id !== null && (id === 'scheme' || id === 'runs' || id === 'appeals' || id === 'investigations' || used.has(id as InputTab));
}

/** The tabs a computation with this scheme reads, in workbook order. */
export function planSchemeTabs(names: string[], scheme: Scheme): string[] {
  const used = inputTabsOf(scheme);
  return names.filter((n) => readByScheme(n, used));
}

/**
 * What a computation with this scheme reads out of the tabs given (others are
 * left out before validation). Without a Staff tab every tab is kept, so the
 * one clear "no Staff tab" message lists what the workbook has.
 */
export function schemeInputs(tabs: RawTab[], scheme: Scheme): RawTab[] {
  if (!tabs.some((t) => recognizeTab(t.name) === 'staff')) return tabs;
  const used = inputTabsOf(scheme);
  return tabs.filter((t) => readByScheme(t.name, used));
}

/**
 * The tabs to read once the Scheme tab (if any) is read: those of the scheme in
 * force, or every recognised tab when the run is going to stop anyway (no Staff
 * tab, no usable scheme), so its one message is the same as ever.
 */
function planAfterScheme(names: string[], schemeTabs: RawTab[], preset: string | undefined, also?: AlsoReads): string[] {
  if (!names.some((n) => recognizeTab(n) === 'staff')) return planInputTabs(names);
  const resolved = resolveScheme(schemeTabs, preset);
  if (!resolved.scheme) return planInputTabs(names);
  const plan = planSchemeTabs(names, resolved.scheme);
  // A what-if preview also reads the tabs its edited scheme uses (an edit may point a measure at another tab).
  const other = also?.(resolved.scheme);
  return other ? names.filter((n) => plan.includes(n) || planSchemeTabs(names, other).includes(n)) : plan;
}

/** Another scheme derived from the one in force whose tabs are read too (what-if), or null. */
type AlsoReads = (scheme: Scheme) => Scheme | null;

function isSchemeTab(name: string): boolean {
  return recognizeTab(name) === 'scheme';
}

/**
 * Read what a computation needs, given a host's listing and its read function:
 * the Scheme tab first (when the workbook has one), then the planned tabs — the
 * last read holds everything the run uses (Staff and the Scheme tab included),
 * which is what the adapters' summaries look at.
 */
function* readSteps(names: string[], preset: string | undefined, also?: AlsoReads): Generator<string[], RawTab[], RawTab[]> {
  const schemeNames = names.filter(isSchemeTab);
  const first = schemeNames.length ? yield schemeNames : [];
  const plan = planAfterScheme(names, first, preset, also);
  const tabs = yield plan;
  if (schemeNames.length === 0) return tabs;
  // The Scheme tab was read again with the rest: if it changed in between so that it uses a tab not read, read them all.
  const again = planAfterScheme(names, tabs.filter((t) => isSchemeTab(t.name)), preset, also);
  return again.every((n) => plan.includes(n)) ? tabs : yield planInputTabs(names);
}

async function readPlanned(host: WorkbookHost, names: string[], preset: string | undefined, also?: AlsoReads): Promise<RawTab[]> {
  const steps = readSteps(names, preset, also);
  let step = steps.next([]);
  while (!step.done) step = steps.next(await host.readTabs(step.value));
  return step.value;
}

function readPlannedSync(host: SyncWorkbookHost, names: string[], preset: string | undefined, also?: AlsoReads): RawTab[] {
  const steps = readSteps(names, preset, also);
  let step = steps.next([]);
  while (!step.done) step = steps.next(host.readTabs(step.value));
  return step.value;
}

/** Chinese tab names → Chinese outputs, otherwise English. */
export function detectLang(names: string[]): Lang {
  // Every Staff tab counts: with a stale `Staff` beside `员工`, the message stays Chinese.
  const staff = names.filter((n) => recognizeTab(n) === 'staff');
  const probe = staff.length ? staff.join('') : names.join('');
  return /[\u4e00-\u9fff]/.test(probe) ? 'zh' : 'en';
}

function fatal(lang: Lang, d: Diagnostic, diagnostics: Diagnostic[] = [d]): ComputeOutcome {
  return { status: 'fatal', message: d.message, lang, diagnostics: sortDiagnostics(diagnostics), result: null, outputs: [] };
}

interface TabsInput {
  engine: EngineResult; lang: Lang; disputes: Dispute[]; appealWords: PersonAppeals; diagnostics: Diagnostic[]; periodId: string;
  gate: RunsGate; result: ResultJson; alternatives: ReadonlyMap<number, { zh: string; en: string }>; labels: SchemeLabels;
  request: ComputeRequest; dataset: Dataset; scheme: Scheme;
}

/** The tabs a computed run writes: results, statements, Data check, Changes and Runs. */
function outputTabs(t: TabsInput): OutputTab[] {
  const { engine, lang, disputes, appealWords, diagnostics, result, gate, request, labels, alternatives, scheme } = t;
  const outputs: OutputTab[] = [buildRankingTab(engine, lang), buildBonusTab(engine, lang)];
  markOutputs(outputs, disputes, lang);
  const departments = buildDepartmentsTab(engine, lang);
  if (departments) outputs.push(departments);
  const points = buildPointsTab(engine, lang);
  if (points) outputs.push(points);
  attachCharts(outputs, engine, lang);
  // One statement at a time: the tab keeps only its rows.
  outputs.push(buildStatementsTab(engine, lang, eachStatement(engine, lang, appealWords)));
  outputs.push(buildDataCheckTab(diagnostics, t.periodId, lang));
  const recorded = recordCompute(gate, result, {
    now: request.now, scheme: scheme.id, schemeVersion: schemeVersionLabel(scheme.version, gate.fingerprint), lang,
    names: new Map(t.dataset.staff.map((s) => [s.key, s.name])),
    alternatives,
    labels,
    rows: rowHashesWanted(gate, t.dataset) ? personRowsOf(t.dataset) : undefined,
  });
  outputs.push(recorded.changes, recorded.runs);
  return outputs;
}

/** The pure middle: validated tables in, output tables and the result object out. */
export function computeWorkbook(allTabs: RawTab[], request: ComputeRequest): ComputeOutcome {
  // One tab per kind (SPEC §8): two non-empty Staff tabs stop the run; empty duplicates are set aside.
  const single = oneTabPerKind(allTabs);
  const tabs = single.tabs;
  const lang = request.lang ?? detectLang(tabs.map((t) => t.name));
  if (single.fatal) return fatal(lang, single.fatal);
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
  const readOptions = { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale };
  const inputs = schemeInputs(tabs, scheme);
  const asWritten = readDataset(inputs, readOptions);
  if (asWritten.fatal) return fatal(lang, asWritten.fatal, [asWritten.fatal, ...asWritten.diagnostics, ...resolved.diagnostics]);
  // Appeals (SPEC §10): rows of accepted appeals are voided (read as if deleted); the fingerprint covers the tabs as written.
  const appeals = planAppeals(inputs, asWritten.dataset, period, scheme.appealDays);
  const read = appeals.voided ? readDataset(appeals.tabs, readOptions) : asWritten;
  // Only what runs for this period decides which tabs are needed (SPEC §7).
  const missing = requiredTabsFor(scheme, period.kind).filter((t) => read.dataset.tabNames[t] === undefined);
  if (missing.length) {
    const names = missing.map((t) => TAB_SPECS[t]);
    const f = diag({
      severity: 'error', code: 'missing_tab', tab: names[0].en, value: missing.join(', '),
      zh: `方案“${scheme.name.zh}”需要“${names.map((n) => n.zh).join('”“')}”表，工作簿中没有`,
      en: `The scheme "${scheme.name.en}" needs the ${names.map((n) => n.en).join(', ')} tab${names.length > 1 ? 's' : ''}, which the workbook does not have`,
    });
    return fatal(lang, f, [f, ...read.diagnostics, ...resolved.diagnostics]);
  }
  // Runs log: a period marked final is not recomputed without request.force (SPEC §5).
  const gate = gateCompute(tabs.find((t) => recognizeTab(t.name) === 'runs'), asWritten.dataset, scheme, period.id, request.force);
  if (!gate.allowed) {
    return { status: 'refused', message: gate.message, lang, diagnostics: sortDiagnostics([...resolved.diagnostics, ...read.diagnostics, ...gate.diagnostics]), result: null, outputs: [] };
  }
  progress('compute', 0);
  const engine = computeScheme(scheme, read.dataset, period);
  // Each pending appeal: the whole scheme again with its row voided too, compared with this result.
  const disputes: Dispute[] = weighAppeals(appeals, engine, (voided) => {
    const r = readDataset(voided, readOptions);
    return r.fatal ? null : computeScheme(scheme, r.dataset, period);
  });
  progress('output', 0);
  const empty = emptyWindowWarnings(read.dataset, inputTabsOf(scheme), period);
  const diagnostics = sortDiagnostics(sayRowsLeftOut([...single.diagnostics, ...resolved.diagnostics, ...read.diagnostics, ...appeals.diagnostics, ...engine.diagnostics, ...empty, ...gate.diagnostics]));
  const result = buildResultJson(engine, scheme.id, diagnostics, lang, { nearMisses: request.nearMissLines !== false });
  markResult(result, appeals, disputes);
  // Rows left out come first in every summary (SPEC §8).
  const leftOut = leftOutReport(tabs, diagnostics, read.dataset.staff);
  result.left_out = { rows: leftOut.rows, staff_ids: leftOut.staffIds };
  const alternatives = new Map(disputes.filter((d) => d.stakes.length).map((d) => [d.appeal.record.row, d.alternative]));
  // Each statement lists the person's appeals (filed by them, or putting their result at stake) with the alternative.
  const appealWords: PersonAppeals = (staffId) => personAppeals(result.appeals ?? [], staffId, lang, alternatives);
  const labels = schemeLabels(scheme);
  const outputs = request.resultOnly ? [] : outputTabs({ engine, lang, disputes, appealWords, diagnostics, periodId: period.id, gate, result, alternatives, labels, request, dataset: read.dataset, scheme });
  const budgets: Record<string, number> = {};
  for (const o of engine.awards) {
    const fen = awardBudgetFen(o);
    if (fen !== null) budgets[o.award.id] = fenToYuan(fen);
  }
  // Each period tab replaces its other-language twin, so a --lang switch leaves one of each (issue 13).
  const outcome: ComputeOutcome = { status: 'computed', message: null, lang, diagnostics, result, outputs: outputs.length ? withReplaces(outputs, period.id, lang) : [], budgets, disputes: disputeNotes(disputes), labels, leftOut, runnersUp: runnersUp(engine), nearMisses: closestNearMisses(engine),
    awardFor: payments(engine).filter((p) => p.kind !== 'stars').map((p) => (p.kind === 'payup' ? engine.ctx.staff[p.winner!].id : '')) };
  Object.defineProperty(outcome, 'engine', { value: engine, enumerable: false });
  Object.defineProperty(outcome, 'appealWords', { value: appealWords, enumerable: false });
  return outcome;
}

/** Read → validate → compute → write on an asynchronous host. */
export async function runCompute(host: WorkbookHost, request: ComputeRequest): Promise<ComputeOutcome> {
  const progress = request.onProgress ?? (() => undefined);
  progress('read', 0);
  const names = await host.listTabs();
  const tabs = await readPlanned(host, names, request.preset);
  const outcome = computeWorkbook(tabs, request);
  if (outcome.status === 'computed' && !request.resultOnly) {
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
  const names = host.listTabs();
  const tabs = readPlannedSync(host, names, request.preset);
  const outcome = computeWorkbook(tabs, request);
  if (outcome.status === 'computed' && !request.resultOnly) {
    progress('write', 0);
    host.writeTabs(outcome.outputs);
  }
  progress('done', 1);
  return outcome;
}

// ---- What-if (SPEC §11): preview reads as Compute does and writes nothing; Apply writes only the Scheme tab. ----

export interface PreviewRequest {
  period: string;
  preset?: string;
  lang?: Lang;
  edits: WhatIfEdit[];
}

/** The edited scheme a what-if request reads the tabs of (null when the edits do not apply). */
const editedBy = (edits: WhatIfEdit[]): AlsoReads => (scheme) => (edits.length ? applyEdits(scheme, edits).scheme : null);

/** Preview on tabs already read (the pure middle of runPreview; the CLI keeps a session instead for more previews). */
export function previewWorkbook(tabs: RawTab[], request: PreviewRequest): PreviewOutcome {
  return previewSession(tabs, request, detectLang(tabs.map((t) => t.name))).preview(request.edits);
}

/** Read → compute with and without the edits → the difference; nothing is written. */
export async function runPreview(host: WorkbookHost, request: PreviewRequest): Promise<PreviewOutcome> {
  const names = await host.listTabs();
  return previewWorkbook(await readPlanned(host, names, request.preset, editedBy(request.edits)), request);
}

/** The same for synchronous hosts (Apps Script): the host calls of a Compute, without its writes. */
export function runPreviewSync(host: SyncWorkbookHost, request: PreviewRequest): PreviewOutcome {
  const names = host.listTabs();
  return previewWorkbook(readPlannedSync(host, names, request.preset, editedBy(request.edits)), request);
}

/** Read the tabs a preview needs (for a front end that keeps them between previews: the Excel worker). */
export async function readForPreview(host: WorkbookHost, request: PreviewRequest): Promise<RawTab[]> {
  return readPlanned(host, await host.listTabs(), request.preset, editedBy(request.edits));
}

export interface ApplyOutcome {
  status: 'applied' | 'fatal' | 'invalid';
  message: { zh: string; en: string } | null;
  lang: Lang;
  diagnostics: Diagnostic[];
  /** The Scheme tab written (null when nothing was written). */
  written: OutputTab | null;
}

/** The Scheme tab to write for the edits (the tab in force, or the preset when there is none), without host calls. */
export function applyToSchemeTab(tabs: RawTab[], names: string[], request: PreviewRequest): ApplyOutcome {
  const resolved = resolveScheme(tabs, request.preset);
  const lang = request.lang ?? detectLang(names);
  if (!resolved.scheme) {
    const f = resolved.fatal ?? diag({ severity: 'error', code: 'no_scheme', zh: '没有可用的方案', en: 'No scheme is available' });
    return { status: 'fatal', message: f.message, lang, diagnostics: [f], written: null };
  }
  const e = applyEdits(resolved.scheme, request.edits);
  if (!e.scheme) {
    const first = e.diagnostics.find((d) => d.severity === 'error');
    return { status: 'invalid', message: first?.message ?? null, lang, diagnostics: e.diagnostics, written: null };
  }
  // The tab keeps its name and its language; a new one is named and worded in the run's language.
  const existing = tabs.find((t) => isSchemeTab(t.name));
  const tabLang = existing ? readSchemeTabLang(existing) ?? lang : lang;
  const tab = buildSchemeTab(e.scheme, tabLang);
  return { status: 'applied', message: null, lang, diagnostics: e.diagnostics, written: existing ? { ...tab, name: existing.name } : tab };
}

/** Apply: write the edited scheme into the Scheme tab (created from the preset when absent); no other tab is touched. */
export async function runApplyEdits(host: WorkbookHost, request: PreviewRequest): Promise<ApplyOutcome> {
  const names = await host.listTabs();
  const schemeNames = names.filter(isSchemeTab);
  const out = applyToSchemeTab(schemeNames.length ? await host.readTabs(schemeNames) : [], names, request);
  if (out.written) await host.writeTabs([out.written]);
  return out;
}

export function runApplyEditsSync(host: SyncWorkbookHost, request: PreviewRequest): ApplyOutcome {
  const names = host.listTabs();
  const schemeNames = names.filter(isSchemeTab);
  const out = applyToSchemeTab(schemeNames.length ? host.readTabs(schemeNames) : [], names, request);
  if (out.written) host.writeTabs([out.written]);
  return out;
}
