/**
 * The Google Sheets host adapter (SyncWorkbookHost) over SpreadsheetApp.
 *
 * Every host call is batched so the number of calls does not grow with the data:
 * one `getDataRange().getValues()` per input tab; per output tab a fixed handful
 * of calls (one `setNumberFormats`, one `setValues`, frozen header, bold header,
 * column widths). Dates become calendar days in the spreadsheet's time zone
 * through `Utilities.formatDate`, memoised per distinct instant so a tab of
 * 100,000 rows over one quarter costs at most ~92 calls, not 100,000.
 *
 * Writes are atomic across the whole run: every output tab is first written to a
 * temporary sheet; only when all of them are written are the old tabs deleted and
 * the temporary ones renamed, so a failure leaves the previous results intact.
 * Templates use `addTabs`, which only adds: a tab whose name exists is skipped.
 */
import type { SyncWorkbookHost } from '../core/host';
import type { Cell, ColumnFormat, OutputTab, RawTab } from '../core/types';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Number formats per column format (Sheets pattern syntax). '@' = plain text. */
export const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  text: '@',
  money: '#,##0.00',
  percent: '0.00%',
  number: 'General',
  integer: '0',
  date: 'yyyy-mm-dd',
  stars: '@',
};

/** Width in pixels of every output column (one call per tab). */
export const COLUMN_WIDTH = 120;

/** Prefix of the temporary sheets written before the swap. */
export const TEMP_PREFIX = '~ServiceStar tmp ';

/** True when Sheets would read the text as a formula or a signed number. */
export function needsTextFormat(value: unknown): boolean {
  return typeof value === 'string' && /^[=+\-@]/.test(value);
}

/** A cell as Sheets should receive it: null/undefined → '', Dates never appear in outputs. */
function outputValue(value: Cell): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return value;
}

/** A star count shown as ★★★ (numbers 0–10); anything else as written. */
export function starText(value: Cell): string | number | boolean {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) return '★'.repeat(value);
  return outputValue(value);
}

/** Rectangular values and formats for one output tab (pure; exported for tests). */
export function layoutOutput(tab: OutputTab): { values: (string | number | boolean)[][]; formats: string[][]; width: number } {
  const width = Math.max(1, tab.formats.length, ...tab.rows.map((r) => r.length));
  const values: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  tab.rows.forEach((row, r) => {
    const v: (string | number | boolean)[] = [];
    const f: string[] = [];
    for (let c = 0; c < width; c++) {
      const format = tab.formats[c] ?? 'text';
      const cell = r > 0 && format === 'stars' ? starText(row[c]) : outputValue(row[c]);
      v.push(cell);
      // The header row, injection-like strings and text columns are plain text.
      f.push(r === 0 || needsTextFormat(cell) ? '@' : NUMBER_FORMATS[format]);
    }
    values.push(v);
    formats.push(f);
  });
  if (values.length === 0) {
    values.push(new Array<string>(width).fill(''));
    formats.push(new Array<string>(width).fill('@'));
  }
  return { values, formats, width };
}

export class SheetsHost implements SyncWorkbookHost {
  /** The tabs read by the last `readTabs`, for the summary's staff names. */
  lastRead: RawTab[] = [];
  private readonly dayCache = new Map<number, string>();
  private readonly read = new Map<string, RawTab>();
  private timeZone: string | null = null;

  constructor(private readonly ss: Spreadsheet) {}

  listTabs(): string[] {
    return this.ss.getSheets().map((s) => s.getName());
  }

  /** Tabs are read once per host instance (one server call): a second request is served from memory. */
  readTabs(names: string[]): RawTab[] {
    const out: RawTab[] = [];
    for (const name of names) {
      let tab = this.read.get(name);
      if (!tab) {
        const sheet = this.ss.getSheetByName(name);
        if (!sheet) continue;
        const rows = sheet.getDataRange().getValues() as unknown[][];
        tab = { name, rows: rows.map((row) => row.map((c) => this.cell(c))) };
        this.read.set(name, tab);
      }
      out.push(tab);
    }
    this.lastRead = out;
    return out;
  }

  /** Sheets returns '' for empty cells and Date objects for dates. */
  private cell(value: unknown): Cell {
    if (value === '' || value === null || value === undefined) return null;
    if (value instanceof Date || Object.prototype.toString.call(value) === '[object Date]') return this.day(value as Date);
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return String(value);
  }

  /** Calendar day of a Sheets date in the spreadsheet's time zone, `YYYY-MM-DD`. */
  private day(date: Date): string {
    const t = date.getTime();
    if (Number.isNaN(t)) return '';
    const hit = this.dayCache.get(t);
    if (hit !== undefined) return hit;
    if (this.timeZone === null) this.timeZone = this.ss.getSpreadsheetTimeZone();
    const day = Utilities.formatDate(date, this.timeZone, 'yyyy-MM-dd');
    this.dayCache.set(t, day);
    return day;
  }

  /**
   * Replace every tab in `tabs` whole.
   * @throws the host's error when a write fails; the previous tabs are then intact
   *   and the temporary sheets removed.
   */
  writeTabs(tabs: OutputTab[]): void {
    const written: { tab: OutputTab; temp: Sheet }[] = [];
    try {
      for (const tab of tabs) written.push({ tab, temp: this.writeTemp(tab, written.length) });
    } catch (error) {
      for (const { temp } of written) this.ss.deleteSheet(temp);
      const partial = this.ss.getSheets().filter((s) => s.getName().startsWith(TEMP_PREFIX));
      for (const s of partial) this.ss.deleteSheet(s);
      throw error;
    }
    for (const { tab, temp } of written) {
      const old = this.ss.getSheetByName(tab.name);
      if (old) this.ss.deleteSheet(old);
      temp.setName(tab.name);
    }
  }

  /**
   * Add new tabs (templates, issue 7): a tab whose name is already taken is left
   * alone and reported, never written over. Header notes, when the tab has them,
   * go on the header row in one `setNotes` call.
   * @returns the names of the tabs skipped because they exist
   * @throws the host's error when a write fails, after removing the tabs this call added
   */
  addTabs(tabs: OutputTab[]): string[] {
    const added: Sheet[] = [];
    const skipped: string[] = [];
    try {
      for (const tab of tabs) {
        if (this.ss.getSheetByName(tab.name)) {
          skipped.push(tab.name);
          continue;
        }
        const sheet = this.ss.insertSheet(tab.name, this.ss.getNumSheets());
        added.push(sheet);
        // An input tab keeps Sheets' default grid below its rows: the user types there.
        const width = this.fill(sheet, tab, false);
        const notes = tab.notes;
        if (notes && notes.some((n) => n)) {
          sheet.getRange(1, 1, 1, width).setNotes([Array.from({ length: width }, (_, c) => notes[c] ?? '')]);
        }
      }
    } catch (error) {
      for (const sheet of added) this.ss.deleteSheet(sheet);
      throw error;
    }
    return skipped;
  }

  /** Write one tab to a temporary sheet placed where the old tab is (or at the end). */
  private writeTemp(tab: OutputTab, n: number): Sheet {
    const old = this.ss.getSheetByName(tab.name);
    const index = old ? old.getIndex() - 1 : this.ss.getNumSheets();
    let name = `${TEMP_PREFIX}${n + 1}`;
    for (let k = 2; this.ss.getSheetByName(name); k++) name = `${TEMP_PREFIX}${n + 1}.${k}`;
    const sheet = this.ss.insertSheet(name, index);
    this.fill(sheet, tab, true);
    return sheet;
  }

  /**
   * Size a new sheet to the tab (`trim`: also drop the grid beyond it, as output
   * tabs do) and write values, formats and the header style; returns the width.
   */
  private fill(sheet: Sheet, tab: OutputTab, trim: boolean): number {
    const { values, formats, width } = layoutOutput(tab);
    const rows = values.length;
    // Sheets refuses to freeze every row of a sheet: a header-only tab keeps one empty row.
    const gridRows = Math.max(rows, 2);
    const maxRows = sheet.getMaxRows();
    const maxCols = sheet.getMaxColumns();
    if (maxRows < gridRows) sheet.insertRowsAfter(maxRows, gridRows - maxRows);
    else if (trim && maxRows > gridRows) sheet.deleteRows(gridRows + 1, maxRows - gridRows);
    if (maxCols < width) sheet.insertColumnsAfter(maxCols, width - maxCols);
    else if (trim && maxCols > width) sheet.deleteColumns(width + 1, maxCols - width);
    const range = sheet.getRange(1, 1, rows, width);
    // Formats first: a cell formatted '@' keeps "=HYPERLINK(…)" as text.
    range.setNumberFormats(formats);
    range.setValues(values);
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    sheet.setColumnWidths(1, width, COLUMN_WIDTH);
    return width;
  }
}
