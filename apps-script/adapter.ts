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
 * temporary sheet; only when all of them are written are the old tabs renamed to
 * backups, the temporary ones renamed into place and the backups deleted, so a
 * failure at any point before the swap leaves the previous results intact and a
 * failure during the swap puts back what it had swapped (issue 19).
 *
 * Real-host limits (issue 19): Apps Script stops an execution at 6 minutes
 * without running any catch, so (1) temporary and backup sheets left by a killed
 * run are recovered under the document lock before the next run reads or writes
 * (`recoverInterruptedWrite`), (2) the time left is checked before each tab and
 * before the swap, and a run with too little left stops cleanly (old results
 * kept), (3) the cells the write will need are estimated first, since new sheets
 * start at 1000×26 and old and new outputs coexist until the swap, and a write
 * that would pass the 10,000,000-cell limit is refused before anything is added.
 * `insertSheet` activates the new sheet; the user's active sheet is restored.
 * Templates use `addTabs`, which only adds: a tab whose name exists is skipped.
 */
import type { SyncWorkbookHost } from '../core/host';
import type { Cell, ColumnFormat, OutputTab, RawTab } from '../core/types';
import { swapTimeTooShort, tooManyCells } from './texts';
import { writeSheetLinks } from './links';
import { writeSheetCharts } from './charts';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Number formats per column format (Sheets pattern syntax). '@' = plain text. */
export const NUMBER_FORMATS: Record<ColumnFormat, string> = {
  text: '@',
  money: '#,##0.00',
  percent: '0.00%',
  number: '0.00',
  integer: '0',
  date: 'yyyy-mm-dd',
  stars: '@',
};

/** Width in pixels of every output column (one call per tab). */
export const COLUMN_WIDTH = 120;

/** Prefix of the temporary sheets written before the swap. */
export const TEMP_PREFIX = '~ServiceStar tmp ';

/** Prefix of the old output tabs renamed aside during the swap (followed by the tab's own name). */
export const BACKUP_PREFIX = '~ServiceStar old ';

/** Apps Script stops a run after 6 minutes. */
export const EXECUTION_LIMIT_MS = 6 * 60_000;
/**
 * Time kept for the swap and the cleanup after a clean stop: about three calls per
 * tab plus the deletes, each up to a second or two on a large spreadsheet.
 */
export const SWAP_RESERVE_MS = 45_000;
/** Google Sheets' limit on the cells of one spreadsheet (every sheet's grid, empty or not). */
export const CELL_LIMIT = 10_000_000;
/** The grid of a newly inserted sheet. */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLS = 26;

/** A refusal with a message in both languages (time or cell limit), shown as is by main.ts. */
export class SheetsLimitError extends Error {
  constructor(readonly code: 'time_left' | 'too_many_cells', readonly text: { zh: string; en: string }) {
    super(text.en);
    this.name = 'SheetsLimitError';
  }
}

export interface SheetsHostOptions {
  /** Epoch ms at which Apps Script will stop this execution; no time checks without it. */
  deadline?: number;
  /** The clock (default Date.now). */
  now?: () => number;
}

/** Case-insensitive name comparison, as Sheets applies to sheet names. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function hasPrefix(name: string, prefix: string): boolean {
  return name.toLowerCase().startsWith(prefix.toLowerCase());
}

/** The grid an output tab's sheet ends with: its rows (at least 2, see `fill`) × its width. */
export function outputGrid(tab: OutputTab): { rows: number; cols: number } {
  let width = Math.max(1, tab.formats.length);
  for (const row of tab.rows) if (row.length > width) width = row.length;
  return { rows: Math.max(tab.rows.length, 2), cols: width };
}

/**
 * Cells the spreadsheet can reach while `tabs` are written one after the other:
 * every existing grid (old outputs stay until the swap), the new sheets already
 * written at their final size, and the one being written at the larger of a new
 * sheet's 1000×26 and its final size in each direction (`fill` inserts rows
 * before it trims columns) — the largest of these over the tabs.
 */
export function peakCells(existingCells: number, tabs: OutputTab[]): number {
  let written = existingCells;
  let peak = existingCells;
  for (const tab of tabs) {
    const { rows, cols } = outputGrid(tab);
    peak = Math.max(peak, written + Math.max(rows, NEW_SHEET_ROWS) * Math.max(cols, NEW_SHEET_COLS));
    written += rows * cols;
  }
  return peak;
}

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

  private readonly deadline: number | null;
  private readonly now: () => number;

  constructor(private readonly ss: Spreadsheet, options: SheetsHostOptions = {}) {
    this.deadline = options.deadline ?? null;
    this.now = options.now ?? (() => Date.now());
  }

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
   * Replace every tab in `tabs` whole (see the file header for the order of steps).
   * @throws SheetsLimitError when the write would pass the cell limit (nothing
   *   written) or too little execution time is left (temporary sheets removed,
   *   previous tabs intact)
   * @throws the host's error when a write or the swap fails; the previous tabs are
   *   then intact and the temporary sheets removed
   */
  writeTabs(tabs: OutputTab[]): void {
    this.recoverInterruptedWrite();
    const active = this.activeSheetName();
    this.checkCellLimit(tabs);
    const written: { tab: OutputTab; temp: Sheet }[] = [];
    try {
      for (const tab of tabs) {
        this.checkTimeLeft();
        written.push({ tab, temp: this.writeTemp(tab, written.length) });
      }
      this.checkTimeLeft();
    } catch (error) {
      this.removeTemps(written.map((w) => w.temp));
      throw error;
    }
    this.swap(written);
    this.removeReplaced(tabs);
    this.restoreActive(active);
  }

  /** Delete the other-language twins the written tabs replace (issue 13): one listing, a delete only where one exists. */
  private removeReplaced(tabs: OutputTab[]): void {
    const stale = tabs.flatMap((t) => (t.replaces ?? []).filter((n) => !sameName(n, t.name)));
    if (stale.length === 0) return;
    for (const sheet of this.ss.getSheets()) {
      if (stale.some((n) => sameName(n, sheet.getName()))) this.ss.deleteSheet(sheet);
    }
  }

  /**
   * Put back what a run stopped mid-write (Apps Script's time limit runs no catch)
   * left: a backup whose tab is missing (stopped mid-swap) is renamed back, every
   * other temporary or backup sheet deleted. Call under the document lock, before
   * reading: a missing Runs tab would lose its history.
   */
  recoverInterruptedWrite(): void {
    const sheets = this.ss.getSheets();
    const names = sheets.map((s) => s.getName());
    sheets.forEach((sheet, i) => {
      const name = names[i];
      if (hasPrefix(name, TEMP_PREFIX)) {
        this.ss.deleteSheet(sheet);
      } else if (hasPrefix(name, BACKUP_PREFIX)) {
        const original = name.slice(BACKUP_PREFIX.length);
        if (original && !names.some((n) => sameName(n, original))) {
          sheet.setName(original);
          names[i] = original;
        } else {
          this.ss.deleteSheet(sheet);
        }
      }
    });
  }

  /** The active sheet's name, to bring back after `insertSheet` moved the user's view. */
  private activeSheetName(): string | null {
    const active = this.ss.getActiveSheet();
    return active ? active.getName() : null;
  }

  private restoreActive(name: string | null): void {
    if (name === null) return;
    const sheet = this.ss.getSheetByName(name);
    if (sheet) sheet.activate();
  }

  /** @throws SheetsLimitError `too_many_cells` before anything is written */
  private checkCellLimit(tabs: OutputTab[]): void {
    let existing = 0;
    for (const sheet of this.ss.getSheets()) existing += sheet.getMaxRows() * sheet.getMaxColumns();
    const peak = peakCells(existing, tabs);
    if (peak > CELL_LIMIT) throw new SheetsLimitError('too_many_cells', tooManyCells(existing, peak - existing, CELL_LIMIT));
  }

  /** @throws SheetsLimitError `time_left` when less than SWAP_RESERVE_MS of the execution is left */
  private checkTimeLeft(): void {
    if (this.deadline === null) return;
    const left = this.deadline - this.now();
    if (left < SWAP_RESERVE_MS) throw new SheetsLimitError('time_left', swapTimeTooShort());
  }

  /** Best effort after a failure: the temporary sheets written and any partial one. */
  private removeTemps(temps: Sheet[]): void {
    for (const temp of temps) {
      try { this.ss.deleteSheet(temp); } catch { /* removed below by name, or by the next run's recovery */ }
    }
    try {
      for (const s of this.ss.getSheets()) if (hasPrefix(s.getName(), TEMP_PREFIX)) this.ss.deleteSheet(s);
    } catch {
      // The next run's recoverInterruptedWrite removes what is left; the original error matters more.
    }
  }

  /**
   * Old tabs renamed aside, temporary sheets renamed into place, then the backups
   * deleted. A failing rename (a protected tab, say) puts back every tab already
   * swapped before the error is thrown; a failing delete of a backup after every
   * tab is in place is left to the next run's recovery.
   */
  private swap(written: { tab: OutputTab; temp: Sheet }[]): void {
    const done: { tab: OutputTab; temp: Sheet; tempName: string; backup: Sheet | null; placed: boolean }[] = [];
    try {
      for (const { tab, temp } of written) {
        const old = this.ss.getSheetByName(tab.name);
        const step = { tab, temp, tempName: temp.getName(), backup: null as Sheet | null, placed: false };
        done.push(step);
        if (old) {
          old.setName(BACKUP_PREFIX + tab.name);
          step.backup = old;
        }
        temp.setName(tab.name);
        step.placed = true;
      }
    } catch (error) {
      this.unswap(done);
      this.removeTemps(written.map((w) => w.temp));
      throw error;
    }
    for (const { backup } of done) {
      if (!backup) continue;
      try { this.ss.deleteSheet(backup); } catch { /* the new results are in place; the next run removes it */ }
    }
  }

  /** Undo a partial swap, last step first, restoring as much as the host allows. */
  private unswap(done: { tab: OutputTab; temp: Sheet; tempName: string; backup: Sheet | null; placed: boolean }[]): void {
    for (const step of [...done].reverse()) {
      try {
        if (step.placed) step.temp.setName(step.tempName);
        if (step.backup) step.backup.setName(step.tab.name);
      } catch {
        // Left for the next run's recoverInterruptedWrite (a backup whose tab is missing is renamed back).
      }
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
    // Stale temporary sheets were removed first; a user's own sheet of that name is stepped around.
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
    writeSheetLinks(this.ss, sheet, tab);
    writeSheetCharts(sheet, tab);
    sheet.setFrozenRows(1);
    sheet.getRange(1, 1, 1, width).setFontWeight('bold');
    sheet.setColumnWidths(1, width, COLUMN_WIDTH);
    return width;
  }
}
