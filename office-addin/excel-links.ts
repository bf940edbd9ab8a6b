/**
 * Cell links and page breaks of an output tab (OutputTab.links / pageBreaks,
 * e.g. the Statements tab) in Excel: each link a range hyperlink to the sheet
 * address (`'Feedback'!A12`, never a formula built from user text), each break a
 * horizontal page break above its row. Queued with the chunk that writes their
 * rows, so they travel in the syncs the values need anyway (no sync of their own).
 */
import type { OutputTab } from '../core/types';
import { cellLinkAt } from '../core/output/cell-links';


/** The sheet address of a link target (row `at`'s first cell), quoted as Excel wants (`'O''Brien'!A12`). */
export function linkAddress(tab: string, at: number): string {
  return `'${tab.replace(/'/g, "''")}'!A${at}`;
}

const encoder = new TextEncoder();

/** Bytes the links of each row add to a write request (for chunk planning). */
export function linkBytesByRow(tab: OutputTab): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = 0; k < (tab.links?.count ?? 0); k++) {
    const l = cellLinkAt(tab.links!, k);
    const text = String(tab.rows[l.row]?.[l.col] ?? '');
    const bytes = encoder.encode(linkAddress(l.tab, l.at) + text).length + 64;
    out.set(l.row, (out.get(l.row) ?? 0) + bytes);
  }
  return out;
}

/** Queue the hyperlinks and page breaks of rows [start, end) on `ws`. */
export function queueLinks(ws: Excel.Worksheet, tab: OutputTab, start: number, end: number): void {
  for (let k = 0; k < (tab.links?.count ?? 0); k++) {
    if (tab.links!.row[k] < start || tab.links!.row[k] >= end) continue;
    const l = cellLinkAt(tab.links!, k);
    const text = String(tab.rows[l.row]?.[l.col] ?? '');
    ws.getRangeByIndexes(l.row, l.col, 1, 1).hyperlink = { documentReference: linkAddress(l.tab, l.at), textToDisplay: text };
  }
  for (const r of tab.pageBreaks ?? []) {
    if (r > 0 && r >= start && r < end) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, 0, 1, 1));
  }
}
