/**
 * What the sidebar / task pane shows before Compute: the tabs recognised and their
 * row counts, the scheme in force and its validation state, the presets, the
 * default period and the diagnostic counts. Pure: the host reads the tabs and
 * passes today's date in. The result is plain JSON (no Date, no undefined) because
 * it crosses `google.script.run` and the Office task-pane boundary as is.
 */
import type { Diagnostic, Lang, RawTab, Severity, TabId } from './types';
import type { PeriodKind } from './periods';
import { lastCompletedPeriod } from './periods';
import { formatDiagnostic, sortDiagnostics } from './diagnostics';
import { readDataset, recognizeTab } from './input/tabs';
import { detectLang } from './orchestrator';
import { resolveScheme, type ResolvedScheme } from './scheme/resolve';
import { listPresets } from './presets/index';
import { parseRunsTab, runsOf } from './runs/log';

export interface Bilingual { zh: string; en: string }

export interface SeverityCounts { error: number; warning: number; info: number }

export interface TabSummary {
  /** Name as written in the workbook. */
  name: string;
  /** Recognised input tab, or null (outputs and the user's own tabs). */
  kind: TabId | null;
  /** Data rows below the header (trailing blank rows not counted). */
  rows: number;
}

/** A diagnostic rendered for a person, in both languages (tab, row, column, message). */
export interface DiagnosticBrief {
  severity: Severity;
  code: string;
  tab: string;
  row: number | null;
  column: string;
  text: Bilingual;
}

export interface SchemeState {
  /** `tab`: the workbook's Scheme tab; `preset`: a shipped preset. */
  source: 'tab' | 'preset';
  /** The Scheme tab's name as written (null for a preset). */
  tab: string | null;
  /** Scheme or preset id. */
  id: string;
  name: Bilingual;
  cadence: PeriodKind;
  /** False when the scheme has errors: Compute is not offered. */
  valid: boolean;
  /** Located problems (errors first), at most a handful. */
  problems: DiagnosticBrief[];
}

export interface PresetSummary {
  id: string;
  name: Bilingual;
  cadence: PeriodKind;
}

export interface WorkbookState {
  /** UI language (from the spreadsheet locale, else the tab names). */
  lang: Lang;
  /** Today's calendar day in the workbook's time zone, `YYYY-MM-DD`. */
  today: string;
  tabs: TabSummary[];
  /** The one clear reason Compute cannot start (e.g. the Staff tab is missing), else null. */
  blocking: Bilingual | null;
  /** The scheme in force, or null when neither a Scheme tab nor a preset is available. */
  scheme: SchemeState | null;
  presets: PresetSummary[];
  /** Last completed period of the scheme's cadence before today. */
  defaultPeriod: string;
  /** Diagnostics of the input tabs as they are now. */
  diagnostics: SeverityCounts;
  /** The first few diagnostics (errors first). */
  topDiagnostics: DiagnosticBrief[];
  /** An existing Data check tab to link to (the newest by period), else null. */
  dataCheckTab: string | null;
  /** Periods marked final (issue 9), ascending. */
  finalPeriods: string[];
}

export interface InspectOptions {
  /** Today, `YYYY-MM-DD` (core never reads the clock). */
  today: string;
  /** Preset chosen when the workbook has no Scheme tab. */
  preset?: string | null;
  /** UI language; detected from the tab names when absent. */
  lang?: Lang | null;
}

/** How many diagnostics the state lists one by one. */
const BRIEF_LIMIT = 5;

const DATA_CHECK = /^(?:data check|数据检查)\s+(\S+)$/i;

/** Data rows below the header, trailing blank rows left out. */
export function dataRowCount(tab: RawTab): number {
  let last = tab.rows.length - 1;
  while (last >= 1 && tab.rows[last].every((c) => c === null || c === undefined || String(c).trim() === '')) last -= 1;
  return Math.max(0, last);
}

function counts(list: Diagnostic[]): SeverityCounts {
  const out: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const d of list) out[d.severity] += 1;
  return out;
}

export function briefDiagnostic(d: Diagnostic): DiagnosticBrief {
  return {
    severity: d.severity, code: d.code, tab: d.tab, row: d.row, column: d.column,
    text: { zh: formatDiagnostic(d, 'zh'), en: formatDiagnostic(d, 'en') },
  };
}

/** The newest existing Data check tab, preferring the default period's. */
export function pickDataCheckTab(names: string[], preferredPeriod: string): string | null {
  let best: string | null = null;
  let bestKey = '';
  for (const name of names) {
    const m = DATA_CHECK.exec(name.trim());
    if (!m) continue;
    if (m[1].toUpperCase() === preferredPeriod.toUpperCase()) return name;
    const key = m[1].toUpperCase();
    if (best === null || key > bestKey) {
      best = name;
      bestKey = key;
    }
  }
  return best;
}

/**
 * A scheme problem for the sidebar. The Scheme tab reader writes its own location
 * into every message ("Awards, row 24, column Quota: …", block included), so the
 * tab/row/column prefix of formatDiagnostic would only say it twice.
 */
function schemeBrief(d: Diagnostic, tabName: string | null): DiagnosticBrief {
  const brief = briefDiagnostic(d);
  return tabName !== null && d.tab === tabName ? { ...brief, text: { zh: d.message.zh, en: d.message.en } } : brief;
}

/** The scheme in force as the sidebar shows it. */
export function schemeState(resolved: ResolvedScheme, presetId: string | null): SchemeState | null {
  // The fatal "scheme has errors" only repeats the first located error: list it only when nothing else says where.
  const located = resolved.diagnostics.some((d) => d.severity === 'error');
  const problems = sortDiagnostics([...(resolved.fatal && !located ? [resolved.fatal] : []), ...resolved.diagnostics])
    .filter((d) => d.severity !== 'info')
    .filter((d, i, all) => all.findIndex((o) => o.code === d.code && o.column === d.column && o.message.en === d.message.en) === i)
    .slice(0, BRIEF_LIMIT)
    .map((d) => schemeBrief(d, resolved.tabName));
  const scheme = resolved.scheme;
  if (scheme) {
    return {
      source: resolved.source ?? 'preset', tab: resolved.tabName, id: scheme.id,
      name: { zh: scheme.name.zh, en: scheme.name.en }, cadence: scheme.cadence, valid: true, problems,
    };
  }
  if (resolved.source === null && presetId === null) return null;
  const label = resolved.tabName ?? presetId ?? '';
  return {
    source: resolved.source ?? 'preset', tab: resolved.tabName, id: label,
    name: { zh: label, en: label }, cadence: 'quarter', valid: false, problems,
  };
}

/**
 * Build the sidebar's state from the workbook's tabs.
 * @param tabs the recognised input tabs (Scheme and Runs included), read whole, header row first
 * @param names every tab name in workbook order (defaults to the names of `tabs`)
 */
export function inspectWorkbook(tabs: RawTab[], options: InspectOptions, names: string[] = tabs.map((t) => t.name)): WorkbookState {
  const lang: Lang = options.lang ?? detectLang(names);
  const presets: PresetSummary[] = listPresets().map((p) => ({ id: p.id, name: { zh: p.name.zh, en: p.name.en }, cadence: p.cadence }));
  const presetId = options.preset && presets.some((p) => p.id === options.preset) ? options.preset : defaultPresetId(tabs);
  const resolved = resolveScheme(tabs, presetId);
  const scheme = schemeState(resolved, presetId);

  const inputs = tabs.filter((t) => {
    const kind = recognizeTab(t.name);
    return kind !== null && kind !== 'scheme' && kind !== 'runs';
  });
  const summaries: TabSummary[] = inputs.map((t) => ({ name: t.name, kind: recognizeTab(t.name), rows: dataRowCount(t) }));
  const read = readDataset(inputs, resolved.scheme
    ? { probationMonths: resolved.scheme.probationMonths, feedbackScale: resolved.scheme.feedbackScale }
    : {});
  const diagnostics = sortDiagnostics(read.fatal ? [read.fatal, ...read.diagnostics] : read.diagnostics);
  const cadence: PeriodKind = scheme?.cadence ?? 'quarter';
  const defaultPeriod = lastCompletedPeriod(cadence, options.today).id;
  return {
    lang,
    today: options.today,
    tabs: summaries,
    blocking: read.fatal ? { zh: read.fatal.message.zh, en: read.fatal.message.en } : null,
    scheme,
    presets,
    defaultPeriod,
    diagnostics: counts(diagnostics),
    topDiagnostics: diagnostics.filter((d) => d.severity !== 'info').slice(0, BRIEF_LIMIT).map(briefDiagnostic),
    dataCheckTab: pickDataCheckTab(names, defaultPeriod),
    finalPeriods: finalPeriods(tabs),
  };
}

/** Periods with a run marked final in the Runs tab, ascending. */
export function finalPeriods(tabs: RawTab[]): string[] {
  const runs = tabs.find((t) => recognizeTab(t.name) === 'runs');
  if (!runs) return [];
  const set = new Set(runsOf(parseRunsTab(runs)).filter((r) => r.status === 'final').map((r) => r.period));
  return [...set].sort();
}

/**
 * The preset offered when none was chosen: the scheme of the workbook's latest
 * run when it is a preset (the Runs tab remembers the user's choice), else the first preset.
 */
export function defaultPresetId(tabs: RawTab[]): string | null {
  const ids = listPresets().map((p) => p.id);
  const runs = tabs.find((t) => recognizeTab(t.name) === 'runs');
  if (runs) {
    const all = runsOf(parseRunsTab(runs));
    for (let i = all.length - 1; i >= 0; i--) if (ids.includes(all[i].scheme)) return all[i].scheme;
  }
  return ids[0] ?? null;
}
