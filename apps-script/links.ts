/**
 * Cell links of an output tab (OutputTab.links, e.g. the Statements tab's row
 * references) written as Sheets rich-text links to `#gid=<sheet id>&range=A12`:
 * a link, never a formula built from user text. One `setRichTextValues` call
 * over the block of columns that hold links, and one `getSheetId` per linked tab,
 * whatever the row count (rich-text builders are local objects, not host calls).
 */
import type { Cell, OutputTab } from '../core/types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function text(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Write the tab's links onto `sheet`, which already holds its values (rows from row 1). */
export function writeSheetLinks(ss: Spreadsheet, sheet: Sheet, tab: OutputTab): void {
  const links = tab.links;
  if (!links || links.count === 0) return;
  let first = Infinity;
  let last = -1;
  for (let k = 0; k < links.count; k++) {
    first = Math.min(first, links.col[k]);
    last = Math.max(last, links.col[k]);
  }
  const gids = new Map<string, number | null>();
  const gidOf = (name: string): number | null => {
    if (!gids.has(name)) gids.set(name, ss.getSheetByName(name)?.getSheetId() ?? null);
    return gids.get(name)!;
  };
  const byCell = new Map<string, string>();
  for (let k = 0; k < links.count; k++) {
    const gid = gidOf(links.tabs[links.tab[k]]);
    // A link to a tab that is not there (renamed since) stays plain text.
    if (gid !== null) byCell.set(`${links.row[k]},${links.col[k]}`, `#gid=${gid}&range=A${links.at[k]}`);
  }
  const rows = tab.rows.length;
  const values: GoogleAppsScript.Spreadsheet.RichTextValue[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: GoogleAppsScript.Spreadsheet.RichTextValue[] = [];
    for (let c = first; c <= last; c++) {
      const t = text(tab.rows[r][c]);
      const url = byCell.get(`${r},${c}`);
      const b = SpreadsheetApp.newRichTextValue().setText(t);
      line.push((url && t ? b.setLinkUrl(url) : b).build());
    }
    values.push(line);
  }
  sheet.getRange(1, first + 1, rows, last - first + 1).setRichTextValues(values);
}
