/**
 * The host bridge: the only thing the shared sidebar / task-pane UI knows about
 * its host. Google Sheets implements it over `google.script.run`
 * (apps-script/client-bridge.ts), Excel over Office.js in the task pane.
 *
 * Everything that crosses a bridge is plain JSON: strings, finite numbers,
 * booleans, null, arrays and plain objects — never a Date and never undefined
 * (google.script.run drops undefined and refuses Dates). The payload types are
 * built by pure core functions so both hosts produce identical shapes:
 *   - `inspectWorkbook(tabs, {today, preset, lang})` (core/inspect.ts) → WorkbookState
 *   - `summarizeOutcome(outcome, context)` (core/summary.ts)           → ComputeSummary
 */
import type {
  Bilingual, DiagnosticBrief, PresetSummary, SchemeState, SeverityCounts, TabSummary, WorkbookState,
} from '../core/inspect';
import type { AwardSummary, ComputeStatusJson, ComputeSummary, OutputTabRef, WinnerSummary } from '../core/summary';
import type { WhatIfArgs, WhatIfView } from '../core/whatif/view';

export type { WhatIfArgs, WhatIfView };

export type {
  Bilingual, DiagnosticBrief, PresetSummary, SchemeState, SeverityCounts, TabSummary, WorkbookState,
  AwardSummary, ComputeStatusJson, ComputeSummary, OutputTabRef, WinnerSummary,
};

/** What the UI sends to compute. `preset` is used only when the workbook has no Scheme tab. */
export interface ComputeArgs {
  /** Period id, e.g. `2026-Q3`. */
  period: string;
  /** Preset id, or null to use the Scheme tab / the host's default. */
  preset?: string | null;
  /** Recompute a period marked final (issue 9). */
  force?: boolean;
}

/** Result of *Insert template…* (issue 7). */
export interface TemplateResult {
  /**
   * `inserted`: tabs were added; `exists`: every tab was already there, nothing written;
   * `refused`: another Compute / insert was writing the workbook, nothing written;
   * `fatal`: unknown preset or a host failure (nothing of the template left behind).
   */
  status: 'inserted' | 'exists' | 'refused' | 'fatal';
  message: Bilingual;
  /** Tabs that were added (names as written in the workbook). */
  added: string[];
  /** Tabs that already existed and were left untouched. */
  skipped: string[];
}

/** Result of *Finalize period* (issue 9). */
export interface FinalizeResult {
  status: 'final' | 'refused' | 'fatal';
  message: Bilingual;
}

/** Progress of a running compute: step id (`read`, `validate`, `compute`, `write`, `done`) and 0..1. */
export type BridgeProgress = (step: string, fraction: number) => void;

/**
 * Implemented once per host. Methods reject (Promise rejection with an Error)
 * only for host failures (network lost, script error); domain outcomes such as
 * a missing Staff tab or "already running" are resolved values with a status.
 */
export interface HostBridge {
  /** Read the workbook (tabs, scheme in force, presets, default period, diagnostic counts). */
  getState(): Promise<WorkbookState>;
  /**
   * Run Compute in place and write the output tabs. `onProgress` is local to the
   * page (it never crosses the wire); hosts that cannot stream progress ignore it.
   */
  compute(args: ComputeArgs, onProgress?: BridgeProgress): Promise<ComputeSummary>;
  /** Bring a tab to the front (links in the data summary and the result summary). */
  activateTab(name: string): Promise<void>;
  /** Insert a preset's template tabs without overwriting existing tabs (issue 7). */
  insertTemplate?(preset: string): Promise<TemplateResult>;
  /** Mark a period final (issue 9); `force` finalizes even while pending appeals could change results (SPEC §10). */
  finalize?(period: string, force?: boolean): Promise<FinalizeResult>;
  /** *Try a change* (issue 17): the common edits and, with edits, the difference; writes nothing. */
  previewWhatIf?(args: WhatIfArgs): Promise<WhatIfView>;
  /** *Apply*: write the edited scheme into the Scheme tab (nothing else). */
  applyWhatIf?(args: WhatIfArgs): Promise<WhatIfView>;
  /** One person's statement as text, read from the Statements tab `tab` the last Compute wrote (null: not there). */
  statement?(tab: string, staffId: string): Promise<string | null>;
}
