/**
 * The host interface: the only thing the orchestrator knows about Google Sheets,
 * Excel or files. Adapters implement it with batched I/O — one read per input
 * tab, one (chunked) write per output tab, never a per-cell call in a loop.
 */
import type { OutputTab, RawTab } from './types';

/** An asynchronous host (Excel, files). */
export interface WorkbookHost {
  /** Names of every tab in the workbook, in workbook order. */
  listTabs(): Promise<string[]>;
  /** Read whole tabs (header row first); one host read per tab. */
  readTabs(names: string[]): Promise<RawTab[]>;
  /**
   * Replace each tab whole (create when absent). Must be atomic per tab:
   * a failure leaves the previous content of that tab intact.
   */
  writeTabs(tabs: OutputTab[]): Promise<void>;
}

/** The same interface for synchronous hosts (Apps Script runs synchronously). */
export interface SyncWorkbookHost {
  listTabs(): string[];
  readTabs(names: string[]): RawTab[];
  writeTabs(tabs: OutputTab[]): void;
}

/** Progress callback: a short step id (`read`, `validate`, `compute`, `write`) and 0..1. */
export type ProgressFn = (step: string, fraction: number) => void;
