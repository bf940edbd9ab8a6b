/**
 * An in-memory fake of the Apps Script surface the add-on uses (SpreadsheetApp,
 * HtmlService, LockService, Utilities, Session), recording every call so tests
 * can count host round trips. It follows the real services where the add-on's
 * correctness depends on them:
 *  - getDataRange() covers A1 to the last non-empty row/column; empty cells read as '';
 *  - getRange() outside the sheet's grid throws, as Sheets does;
 *  - setValues() needs a 2D array of exactly the range's shape;
 *  - a string beginning with '=' written into a cell not formatted '@' becomes a formula;
 *  - a sheet name must be unique, compared case-insensitively, and getSheetByName
 *    ignores case; the last sheet cannot be deleted;
 *  - freezing every row of a sheet is refused;
 *  - a spreadsheet holds at most 10,000,000 cells (every sheet's grid); a new sheet
 *    is 1000×26 and becomes the active sheet.
 * Failures can be injected on the n-th call of any method; `killOn` stops the
 * "execution" there as Apps Script's time limit does: that call and every later
 * one throw, so no catch or finally of the script gets anything done.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';

export type CellValue = string | number | boolean | Date;

export interface CallRecord { method: string; args: unknown[] }

export class CallLog {
  calls: CallRecord[] = [];
  /** method → call number (1-based) on which it throws. */
  failures = new Map<string, { nth: number; message: string }>();
  private counts = new Map<string, number>();
  /** Set by `killOn`: the execution is over, every call throws. */
  killed = false;
  private kill: { method: string; nth: number } | null = null;
  /** Actions run on the n-th call of a method, before it does anything (e.g. move the clock). */
  private hooks: { method: string; nth: number; run: () => void }[] = [];

  record(method: string, args: unknown[]): void {
    if (this.killed) throw new Error('Exceeded maximum execution time');
    this.calls.push({ method, args });
    const n = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, n);
    for (const h of this.hooks) if (h.method === method && h.nth === n) h.run();
    if (this.kill && this.kill.method === method && this.kill.nth === n) {
      this.killed = true;
      throw new Error('Exceeded maximum execution time');
    }
    const f = this.failures.get(method);
    if (f && f.nth === n) throw new Error(f.message);
  }

  /** Stop the execution at the n-th call of `method` (Apps Script's time limit: nothing after runs). */
  killOn(method: string, nth: number): void {
    this.kill = { method, nth };
  }

  /** Run `action` on the n-th call of `method`. */
  on(method: string, nth: number, action: () => void): void {
    this.hooks.push({ method, nth, run: action });
  }

  /** A new execution: the kill and the hooks are cleared (counts restart with `reset`). */
  revive(): void {
    this.killed = false;
    this.kill = null;
    this.hooks = [];
  }

  failOn(method: string, nth: number, message = `injected failure in ${method}`): void {
    this.failures.set(method, { nth, message });
  }

  count(method?: string): number {
    return method ? this.calls.filter((c) => c.method === method).length : this.calls.length;
  }

  reset(): void {
    this.calls = [];
    this.counts.clear();
  }

  /** Calls per method, for comparing two runs. */
  histogram(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.calls) out[c.method] = (out[c.method] ?? 0) + 1;
    return out;
  }
}

export class FakeRange {
  constructor(private readonly sheet: FakeSheet, readonly row: number, readonly col: number, readonly numRows: number, readonly numCols: number) {}

  private check(values: unknown[][], what: string): void {
    if (!Array.isArray(values) || values.length !== this.numRows || values.some((r) => !Array.isArray(r) || r.length !== this.numCols)) {
      throw new Error(`The number of rows or columns in the ${what} does not match the range (${this.numRows}x${this.numCols})`);
    }
  }

  getValues(): CellValue[][] {
    this.sheet.log.record('Range.getValues', []);
    const out: CellValue[][] = [];
    for (let r = 0; r < this.numRows; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c < this.numCols; c++) row.push(this.sheet.cell(this.row + r, this.col + c));
      out.push(row);
    }
    return out;
  }

  setValues(values: unknown[][]): FakeRange {
    this.sheet.log.record('Range.setValues', [values.length]);
    this.check(values, 'data');
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numCols; c++) {
        const v = values[r][c];
        if (v instanceof Date || (v !== null && typeof v === 'object')) {
          if (!(Object.prototype.toString.call(v) === '[object Date]')) throw new Error('Cannot write an object to a cell');
        }
        this.sheet.put(this.row + r, this.col + c, (v ?? '') as CellValue);
      }
    }
    return this;
  }

  setNumberFormats(formats: string[][]): FakeRange {
    this.sheet.log.record('Range.setNumberFormats', [formats.length]);
    this.check(formats, 'number formats');
    for (let r = 0; r < this.numRows; r++) for (let c = 0; c < this.numCols; c++) this.sheet.formats.set(key(this.row + r, this.col + c), formats[r][c]);
    return this;
  }

  setNumberFormat(format: string): FakeRange {
    this.sheet.log.record('Range.setNumberFormat', [format]);
    for (let r = 0; r < this.numRows; r++) for (let c = 0; c < this.numCols; c++) this.sheet.formats.set(key(this.row + r, this.col + c), format);
    return this;
  }

  /** Notes on every cell of the range ('' removes a note), as Range.setNotes. */
  setNotes(notes: string[][]): FakeRange {
    this.sheet.log.record('Range.setNotes', [notes.length]);
    this.check(notes, 'notes');
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numCols; c++) {
        const k = key(this.row + r, this.col + c);
        if (notes[r][c] === '' || notes[r][c] === null) this.sheet.notes.delete(k);
        else this.sheet.notes.set(k, String(notes[r][c]));
      }
    }
    return this;
  }

  /** Rich text (issue 15: cell links) on every cell of the range: the text becomes the value, a link is kept in `links`. */
  setRichTextValues(values: FakeRichText[][]): FakeRange {
    this.sheet.log.record('Range.setRichTextValues', [values.length]);
    this.check(values, 'rich text values');
    for (let r = 0; r < this.numRows; r++) {
      for (let c = 0; c < this.numCols; c++) {
        const v = values[r][c];
        if (!(v instanceof FakeRichText)) throw new Error('Not a RichTextValue');
        const k = key(this.row + r, this.col + c);
        this.sheet.put(this.row + r, this.col + c, v.text);
        if (v.link) this.sheet.links.set(k, v.link);
        else this.sheet.links.delete(k);
      }
    }
    return this;
  }

  setFontWeight(weight: string): FakeRange {
    this.sheet.log.record('Range.setFontWeight', [weight]);
    for (let c = 0; c < this.numCols; c++) this.sheet.bold.add(key(this.row, this.col + c));
    return this;
  }
}

/** Sheet names are unique and looked up regardless of case, as in Google Sheets. */
function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Google Sheets' cell limit per spreadsheet. */
export const FAKE_CELL_LIMIT = 10_000_000;

function key(r: number, c: number): string {
  return `${r},${c}`;
}

/** A RichTextValue: text and at most one link over the whole text (all this add-on writes). */
export class FakeRichText {
  constructor(readonly text: string, readonly link: string | null) {}
}

/** SpreadsheetApp.newRichTextValue(): a local builder, no host call (as in Apps Script, nothing is sent until a Range setter). */
export class FakeRichTextBuilder {
  private text = '';
  private link: string | null = null;
  setText(t: string): FakeRichTextBuilder { this.text = String(t); return this; }
  setLinkUrl(url: string): FakeRichTextBuilder { this.link = url; return this; }
  build(): FakeRichText { return new FakeRichText(this.text, this.link); }
}

/** A chart as the fake keeps it: type, ranges (A1-style "row,col,rows,cols"), position and options. */
export interface FakeChart { type: string; ranges: string[]; position: number[]; options: Record<string, unknown> }

/** Sheet.newChart(): the builder is local (as in Apps Script); `build()` is recorded once per chart. */
export class FakeChartBuilder {
  private readonly chart: FakeChart = { type: '', ranges: [], position: [], options: {} };
  constructor(private readonly log: CallLog) {}
  setChartType(t: string): FakeChartBuilder { this.chart.type = t; return this; }
  addRange(r: FakeRange): FakeChartBuilder { this.chart.ranges.push(`${r.row},${r.col},${r.numRows},${r.numCols}`); return this; }
  setPosition(row: number, col: number, dx: number, dy: number): FakeChartBuilder { this.chart.position = [row, col, dx, dy]; return this; }
  setOption(k: string, v: unknown): FakeChartBuilder { this.chart.options[k] = v; return this; }
  build(): FakeChart { this.log.record('EmbeddedChartBuilder.build', [this.chart.type]); return { ...this.chart }; }
}

let nextSheetId = 1000;

export class FakeSheet {
  /** Stored values by "row,col" (1-based); formulas are kept in `formulas`. */
  private readonly data = new Map<string, CellValue>();
  readonly formulas = new Map<string, string>();
  /** Cell links by "row,col" (rich-text links). */
  readonly links = new Map<string, string>();
  /** Embedded charts, in insertion order. */
  readonly charts: FakeChart[] = [];
  readonly sheetId = nextSheetId++;
  readonly formats = new Map<string, string>();
  readonly bold = new Set<string>();
  /** Cell notes by "row,col" (1-based). */
  readonly notes = new Map<string, string>();
  frozenRows = 0;
  columnWidths: number[] = [];
  maxRows = 1000;
  maxCols = 26;
  activated = 0;

  constructor(readonly log: CallLog, readonly parent: FakeSpreadsheet, public name: string) {}

  cell(r: number, c: number): CellValue {
    return this.data.get(key(r, c)) ?? '';
  }

  put(r: number, c: number, v: CellValue): void {
    const k = key(r, c);
    if (v === '') {
      this.data.delete(k);
      this.formulas.delete(k);
      return;
    }
    if (typeof v === 'string' && v.startsWith('=') && this.formats.get(k) !== '@') {
      this.formulas.set(k, v);
      this.data.set(k, `#FORMULA(${v})`);
      return;
    }
    this.formulas.delete(k);
    this.data.set(k, v);
  }

  /** Test helper: fill from a 2D array without recording calls. */
  load(rows: CellValue[][]): this {
    this.maxRows = Math.max(this.maxRows, rows.length);
    this.maxCols = Math.max(this.maxCols, ...rows.map((r) => r.length));
    rows.forEach((row, r) => row.forEach((v, c) => { if (v !== '' && v !== null && v !== undefined) this.data.set(key(r + 1, c + 1), v); }));
    return this;
  }

  /** Test helper: the used area as a 2D array, without recording calls. */
  dump(): CellValue[][] {
    const { rows, cols } = this.extent();
    const out: CellValue[][] = [];
    for (let r = 1; r <= rows; r++) {
      const row: CellValue[] = [];
      for (let c = 1; c <= cols; c++) row.push(this.cell(r, c));
      out.push(row);
    }
    return out;
  }

  extent(): { rows: number; cols: number } {
    let rows = 0;
    let cols = 0;
    for (const k of this.data.keys()) {
      const [r, c] = k.split(',').map(Number);
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    }
    return { rows, cols };
  }

  getName(): string {
    this.log.record('Sheet.getName', []);
    return this.name;
  }

  setName(name: string): FakeSheet {
    this.log.record('Sheet.setName', [name]);
    if (this.parent.sheets.some((s) => s !== this && sameName(s.name, name))) throw new Error(`A sheet with the name "${name}" already exists`);
    this.name = name;
    return this;
  }

  getIndex(): number {
    this.log.record('Sheet.getIndex', []);
    return this.parent.sheets.indexOf(this) + 1;
  }

  getDataRange(): FakeRange {
    this.log.record('Sheet.getDataRange', []);
    const { rows, cols } = this.extent();
    return new FakeRange(this, 1, 1, Math.max(1, rows), Math.max(1, cols));
  }

  getRange(row: number, col: number, numRows = 1, numCols = 1): FakeRange {
    this.log.record('Sheet.getRange', [row, col, numRows, numCols]);
    if (row < 1 || col < 1 || numRows < 1 || numCols < 1 || row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, row, col, numRows, numCols);
  }

  getSheetId(): number { this.log.record('Sheet.getSheetId', []); return this.sheetId; }
  newChart(): FakeChartBuilder { return new FakeChartBuilder(this.log); }
  insertChart(chart: FakeChart): void { this.log.record('Sheet.insertChart', [chart.type]); this.charts.push(chart); }
  getMaxRows(): number { this.log.record('Sheet.getMaxRows', []); return this.maxRows; }
  getMaxColumns(): number { this.log.record('Sheet.getMaxColumns', []); return this.maxCols; }
  getLastRow(): number { this.log.record('Sheet.getLastRow', []); return this.extent().rows; }
  getLastColumn(): number { this.log.record('Sheet.getLastColumn', []); return this.extent().cols; }

  insertRowsAfter(after: number, n: number): FakeSheet {
    this.log.record('Sheet.insertRowsAfter', [after, n]);
    this.parent.checkCells(n * this.maxCols);
    this.maxRows += n;
    return this;
  }

  insertColumnsAfter(after: number, n: number): FakeSheet {
    this.log.record('Sheet.insertColumnsAfter', [after, n]);
    this.parent.checkCells(n * this.maxRows);
    this.maxCols += n;
    return this;
  }

  deleteRows(start: number, n: number): void {
    this.log.record('Sheet.deleteRows', [start, n]);
    if (start + n - 1 > this.maxRows || n >= this.maxRows) throw new Error('Those rows are out of bounds.');
    this.maxRows -= n;
  }

  deleteColumns(start: number, n: number): void {
    this.log.record('Sheet.deleteColumns', [start, n]);
    if (start + n - 1 > this.maxCols || n >= this.maxCols) throw new Error('Those columns are out of bounds.');
    this.maxCols -= n;
  }

  setFrozenRows(n: number): void {
    this.log.record('Sheet.setFrozenRows', [n]);
    if (n >= this.maxRows) throw new Error('You can\'t freeze all visible rows on the sheet.');
    this.frozenRows = n;
  }

  setColumnWidths(start: number, n: number, width: number): FakeSheet {
    this.log.record('Sheet.setColumnWidths', [start, n, width]);
    for (let c = start; c < start + n; c++) this.columnWidths[c] = width;
    return this;
  }

  activate(): FakeSheet {
    this.log.record('Sheet.activate', []);
    this.activated += 1;
    this.parent.active = this;
    return this;
  }
}

export class FakeSpreadsheet {
  sheets: FakeSheet[] = [];
  active: FakeSheet | null = null;

  constructor(readonly log: CallLog, public timeZone = 'Asia/Shanghai', public locale = 'zh_CN') {}

  /** Test helper: add a sheet with rows, no call recorded. */
  add(name: string, rows: CellValue[][]): FakeSheet {
    const s = new FakeSheet(this.log, this, name).load(rows);
    this.sheets.push(s);
    return s;
  }

  byName(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => sameName(s.name, name));
  }

  /** Every sheet's grid, as the cell limit counts it. */
  cells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }

  /** Refuse growth past the cell limit, as Sheets does. */
  checkCells(more: number): void {
    if (this.cells() + more > FAKE_CELL_LIMIT) {
      throw new Error(`This action would increase the number of cells in the workbook above the limit of ${FAKE_CELL_LIMIT} cells.`);
    }
  }

  getActiveSheet(): FakeSheet | null {
    this.log.record('Spreadsheet.getActiveSheet', []);
    return this.active && this.sheets.includes(this.active) ? this.active : this.sheets[0] ?? null;
  }

  getSheets(): FakeSheet[] { this.log.record('Spreadsheet.getSheets', []); return [...this.sheets]; }
  getNumSheets(): number { this.log.record('Spreadsheet.getNumSheets', []); return this.sheets.length; }
  getSheetByName(name: string): FakeSheet | null { this.log.record('Spreadsheet.getSheetByName', [name]); return this.byName(name) ?? null; }
  getSpreadsheetTimeZone(): string { this.log.record('Spreadsheet.getSpreadsheetTimeZone', []); return this.timeZone; }
  getSpreadsheetLocale(): string { this.log.record('Spreadsheet.getSpreadsheetLocale', []); return this.locale; }

  insertSheet(name: string, index?: number): FakeSheet {
    this.log.record('Spreadsheet.insertSheet', [name, index]);
    if (this.byName(name)) throw new Error(`A sheet with the name "${name}" already exists`);
    this.checkCells(1000 * 26);
    const s = new FakeSheet(this.log, this, name);
    const at = index === undefined ? this.sheets.length : Math.max(0, Math.min(index, this.sheets.length));
    this.sheets.splice(at, 0, s);
    this.active = s;
    return s;
  }

  deleteSheet(sheet: FakeSheet): void {
    this.log.record('Spreadsheet.deleteSheet', [sheet.name]);
    const i = this.sheets.indexOf(sheet);
    if (i < 0) throw new Error('Sheet not found');
    if (this.sheets.length === 1) throw new Error('You can’t remove all the sheets in a document.');
    this.sheets.splice(i, 1);
  }
}

export interface MenuRecord { caption: string; fn: string }

export class FakeUi {
  menus: MenuRecord[][] = [];
  sidebars: { file: string; title: string; content: string }[] = [];
  alerts: { title: string; text: string }[] = [];
  ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO' };
  Button = { OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' };

  constructor(private readonly log: CallLog) {}

  createAddonMenu() {
    this.log.record('Ui.createAddonMenu', []);
    const items: MenuRecord[] = [];
    const menu = {
      addItem: (caption: string, fn: string) => { this.log.record('Menu.addItem', [caption, fn]); items.push({ caption, fn }); return menu; },
      addSeparator: () => { this.log.record('Menu.addSeparator', []); return menu; },
      addToUi: () => { this.log.record('Menu.addToUi', []); this.menus.push(items); },
    };
    return menu;
  }

  showSidebar(html: { file: string; title: string; content: string }): void {
    this.log.record('Ui.showSidebar', [html.file]);
    this.sidebars.push({ file: html.file, title: html.title, content: html.content });
  }

  alert(title: string, text?: string, _buttons?: unknown): string {
    this.log.record('Ui.alert', [title]);
    this.alerts.push({ title, text: text ?? '' });
    return 'OK';
  }
}

/** What createHtmlOutputFromFile('Sidebar') holds in the fake: the root element of the built page. */
export const SIDEBAR_STUB = '<body style="margin:0"><div id="app"></div><script>/* bundle */</script></body>';

export interface FakeEnvOptions {
  timeZone?: string;
  locale?: string;
  userLocale?: string;
  /** The document lock is held by another execution. */
  lockHeld?: boolean;
  /** LockService.getDocumentLock() returns null (not bound to a document). */
  noDocumentLock?: boolean;
}

export interface FakeEnv {
  log: CallLog;
  /** The script's clock (Date.now in the loaded code): real time unless `ms` is set. */
  clock: { ms: number | null };
  ss: FakeSpreadsheet;
  ui: FakeUi;
  lock: { held: boolean; acquired: number; released: number };
  globals: Record<string, unknown>;
}

export function makeEnv(options: FakeEnvOptions = {}): FakeEnv {
  const log = new CallLog();
  const ss = new FakeSpreadsheet(log, options.timeZone ?? 'Asia/Shanghai', options.locale ?? 'zh_CN');
  const ui = new FakeUi(log);
  const lock = { held: options.lockHeld === true, acquired: 0, released: 0 };
  let mine = false;
  const globals: Record<string, unknown> = {
    SpreadsheetApp: {
      getActiveSpreadsheet: () => { log.record('SpreadsheetApp.getActiveSpreadsheet', []); return ss; },
      newRichTextValue: () => new FakeRichTextBuilder(),
      getUi: () => { log.record('SpreadsheetApp.getUi', []); return ui; },
      flush: () => { log.record('SpreadsheetApp.flush', []); },
      openById: () => { throw new Error('openById must never be called'); },
    },
    Charts: {
      ChartType: { BAR: 'BAR', COLUMN: 'COLUMN' },
    },
    HtmlService: {
      createHtmlOutputFromFile: (file: string) => {
        log.record('HtmlService.createHtmlOutputFromFile', [file]);
        const out = {
          file, title: '', content: SIDEBAR_STUB,
          setTitle(t: string) { log.record('HtmlOutput.setTitle', [t]); out.title = t; return out; },
          getContent() { log.record('HtmlOutput.getContent', []); return out.content; },
          setContent(c: string) { log.record('HtmlOutput.setContent', []); out.content = c; return out; },
        };
        return out;
      },
    },
    LockService: {
      getDocumentLock: () => {
        log.record('LockService.getDocumentLock', []);
        if (options.noDocumentLock) return null;
        return {
          tryLock: (ms: number) => {
            log.record('Lock.tryLock', [ms]);
            if (lock.held) return false;
            lock.held = true;
            mine = true;
            lock.acquired += 1;
            return true;
          },
          releaseLock: () => {
            log.record('Lock.releaseLock', []);
            if (mine) { lock.held = false; mine = false; lock.released += 1; }
          },
        };
      },
    },
    Utilities: {
      formatDate: (date: Date, tz: string, pattern: string) => {
        log.record('Utilities.formatDate', [pattern]);
        if (pattern === "yyyy-MM-dd'T'HH:mm:ss.SSSXXX") {
          // The wall clock in tz with its offset, as Apps Script (Java SimpleDateFormat) writes it.
          const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
            timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
          }).formatToParts(date).map((p) => [p.type, p.value]));
          const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
          const offset = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60000);
          const abs = Math.abs(offset);
          const xxx = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const ms = String(date.getTime() % 1000).padStart(3, '0');
          return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${ms}${xxx}`;
        }
        if (pattern !== 'yyyy-MM-dd') throw new Error(`fake formatDate supports yyyy-MM-dd only, got ${pattern}`);
        return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
      },
    },
    Session: {
      getActiveUserLocale: () => { log.record('Session.getActiveUserLocale', []); return options.userLocale ?? 'zh'; },
      getScriptTimeZone: () => { log.record('Session.getScriptTimeZone', []); return ss.timeZone; },
    },
  };
  return { log, ss, ui, lock, globals, clock: { ms: null } };
}

export const CODE_PATH = join(__dirname, '..', '..', 'dist', 'apps-script', 'Code.js');

/** Load the built Code.js into a fresh vm context with the fake services as globals. */
export function loadCode(env: FakeEnv): Record<string, (...args: unknown[]) => unknown> {
  const context = createContext({ ...env.globals, console, __clock: env.clock });
  // Date.now follows env.clock when a test sets it (the time-limit tests); new Date() stays real.
  runInContext('(function (real) { Date.now = function () { return __clock.ms === null ? real() : __clock.ms; }; })(Date.now);', context);
  runInContext(readFileSync(CODE_PATH, 'utf8'), context, { filename: 'Code.js' });
  return context as unknown as Record<string, (...args: unknown[]) => unknown>;
}
