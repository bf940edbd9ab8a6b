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
import { readDataset, recognizeTab } from './tabs';
import { detectLang } from './orchestrator';

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
 * Build the sidebar's state from the workbook's tabs.
 * @param tabs the recognised input tabs, read whole (header row first)
 * @param names every tab name in workbook order (defaults to the names of `tabs`)
 */
export function inspectWorkbook(tabs: RawTab[], options: InspectOptions, names: string[] = tabs.map((t) => t.name)): WorkbookState {
  const lang: Lang = options.lang ?? detectLang(names);
  const inputs = tabs.filter((t) => recognizeTab(t.name) !== null);
  const summaries: TabSummary[] = inputs.map((t) => ({ name: t.name, kind: recognizeTab(t.name), rows: dataRowCount(t) }));
  const read = readDataset(inputs, {});
  const diagnostics = sortDiagnostics(read.fatal ? [read.fatal, ...read.diagnostics] : read.diagnostics);
  const cadence: PeriodKind = 'quarter';
  const defaultPeriod = lastCompletedPeriod(cadence, options.today).id;
  return {
    lang,
    today: options.today,
    tabs: summaries,
    blocking: read.fatal ? { zh: read.fatal.message.zh, en: read.fatal.message.en } : null,
    scheme: null,
    presets: [],
    defaultPeriod,
    diagnostics: counts(diagnostics),
    topDiagnostics: diagnostics.filter((d) => d.severity !== 'info').slice(0, BRIEF_LIMIT).map(briefDiagnostic),
    dataCheckTab: pickDataCheckTab(names, defaultPeriod),
    finalPeriods: [],
  };
}
