/**
 * What the CLI's file hosts share: a `WorkbookHost` whose inputs come from a file
 * or folder and whose outputs are kept in memory until the command saves them
 * with `--out` (the input file itself is never modified).
 */
import type { WorkbookHost } from '../core/host';
import type { OutputTab, RawTab } from '../core/types';

/**
 * Called while reading, with the rows read so far (for progress on big files) and
 * the names of the tabs met so far, so progress can speak the workbook's language
 * from its first line.
 */
export type RowsReadFn = (rows: number, tabNames: readonly string[]) => void;

export interface FileHost extends WorkbookHost {
  /** The file or folder read. */
  readonly source: string;
  /** Every tab as read, in workbook order (what `--out` keeps: see cli/hosts.ts planXlsxSave). */
  allTabs(): Promise<RawTab[]>;
  /** Output tabs handed over by the orchestrator, in the order given. */
  outputs(): OutputTab[];
}

/** Keeps the orchestrator's output tabs; a later tab of the same name replaces the earlier one. */
export class OutputBuffer {
  private tabs: OutputTab[] = [];

  add(tabs: OutputTab[]): void {
    for (const tab of tabs) {
      const at = this.tabs.findIndex((t) => t.name.toLowerCase() === tab.name.toLowerCase());
      if (at >= 0) this.tabs[at] = tab;
      else this.tabs.push(tab);
    }
  }

  list(): OutputTab[] {
    return [...this.tabs];
  }
}

/** Pick tabs by exact name, in the order asked; unknown names are skipped. */
export function pickTabs(all: RawTab[], names: string[]): RawTab[] {
  const byName = new Map<string, RawTab>();
  for (const t of all) if (!byName.has(t.name)) byName.set(t.name, t);
  const out: RawTab[] = [];
  for (const n of names) {
    const t = byName.get(n);
    if (t) out.push(t);
  }
  return out;
}
