/**
 * Input tabs (SPEC §1): recognising tabs and headers by their English/Chinese
 * aliases, coercing cells, and producing the normalised Dataset + diagnostics.
 * PLACEHOLDER — being implemented (data contract).
 */
import type { Dataset, Diagnostic, RawTab, TabId } from './types';

export interface ReadOptions {
  /** Months of probation when regular_date is blank (default 3). */
  probationMonths?: number;
}

export interface ReadResult {
  dataset: Dataset;
  diagnostics: Diagnostic[];
  /** A missing required tab or column: the run cannot start. */
  fatal: Diagnostic | null;
}

export function recognizeTab(_name: string): TabId | null {
  throw new Error('not implemented yet');
}

export function readDataset(_tabs: RawTab[], _options: ReadOptions): ReadResult {
  throw new Error('not implemented yet');
}
