/**
 * A minimal recording fake of the SpreadsheetApp surface the Sheets adapter
 * (apps-script/adapter.ts) uses, sized for the benchmark. The test fake
 * (test/apps-script/fake-gas.ts) keeps every cell in a Map keyed "row,col",
 * which is right for checking behaviour but takes minutes and gigabytes at a
 * million rows; this one keeps each sheet as a 2D array and only counts calls
 * (with the test fake's CallLog) and the cells each call carries.
 */
import { CallLog } from '../test/apps-script/fake-gas';

type Value = string | number | boolean | Date;

export interface CallSize {
  method: string;
  cells: number;
}

export class BenchSpreadsheet {
  readonly log = new CallLog();
  /** Cells moved by each getValues / setValues / setNumberFormats call. */
  readonly sizes: CallSize[] = [];
  sheets: BenchSheet[] = [];
  active: BenchSheet | null = null;

  constructor(readonly timeZone = 'Asia/Shanghai') {}

  add(name: string, rows: Value[][]): void {
    this.sheets.push(new BenchSheet(this, name, rows));
  }

  getSheets(): BenchSheet[] { this.log.record('Spreadsheet.getSheets', []); return [...this.sheets]; }
  getNumSheets(): number { this.log.record('Spreadsheet.getNumSheets', []); return this.sheets.length; }
  getSpreadsheetTimeZone(): string { this.log.record('Spreadsheet.getSpreadsheetTimeZone', []); return this.timeZone; }
  getSheetByName(name: string): BenchSheet | null {
    this.log.record('Spreadsheet.getSheetByName', []);
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  getActiveSheet(): BenchSheet | null {
    this.log.record('Spreadsheet.getActiveSheet', []);
    return this.active ?? this.sheets[0] ?? null;
  }

  insertSheet(name: string, index?: number): BenchSheet {
    this.log.record('Spreadsheet.insertSheet', []);
    if (this.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`A sheet with the name "${name}" already exists`);
    const s = new BenchSheet(this, name, []);
    this.sheets.splice(index ?? this.sheets.length, 0, s);
    this.active = s;
    return s;
  }

  deleteSheet(sheet: BenchSheet): void {
    this.log.record('Spreadsheet.deleteSheet', []);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
  }
}

export class BenchSheet {
  maxRows: number;
  maxCols: number;

  constructor(private readonly ss: BenchSpreadsheet, public name: string, public rows: Value[][]) {
    // An input tab as imported (CSV / paste): as many columns as its data, at least Sheets' 1000 rows.
    // A new sheet (an output's temporary sheet) starts at Sheets' 1000×26.
    this.maxRows = Math.max(1000, rows.length);
    this.maxCols = rows.length > 0 ? Math.max(1, ...rows.slice(0, 1).map((r) => r.length)) : 26;
  }

  private rec(method: string): void {
    this.ss.log.record(method, []);
  }

  getName(): string { this.rec('Sheet.getName'); return this.name; }
  getSheetId(): number { this.rec('Sheet.getSheetId'); return this.ss.sheets.indexOf(this) + 1000; }
  setName(name: string): BenchSheet { this.rec('Sheet.setName'); this.name = name; return this; }
  getIndex(): number { this.rec('Sheet.getIndex'); return this.ss.sheets.indexOf(this) + 1; }
  getMaxRows(): number { this.rec('Sheet.getMaxRows'); return this.maxRows; }
  getMaxColumns(): number { this.rec('Sheet.getMaxColumns'); return this.maxCols; }
  insertRowsAfter(_after: number, n: number): BenchSheet { this.rec('Sheet.insertRowsAfter'); this.maxRows += n; return this; }
  deleteRows(_start: number, n: number): void { this.rec('Sheet.deleteRows'); this.maxRows -= n; }
  insertColumnsAfter(_after: number, n: number): BenchSheet { this.rec('Sheet.insertColumnsAfter'); this.maxCols += n; return this; }
  deleteColumns(_start: number, n: number): void { this.rec('Sheet.deleteColumns'); this.maxCols -= n; }
  setFrozenRows(_n: number): void { this.rec('Sheet.setFrozenRows'); }
  setColumnWidths(_start: number, _n: number, _w: number): BenchSheet { this.rec('Sheet.setColumnWidths'); return this; }
  activate(): BenchSheet { this.rec('Sheet.activate'); this.ss.active = this; return this; }
  /** Charts (issue 15): the builder is local, as in Apps Script; only insertChart reaches the host. */
  newChart(): BenchChartBuilder { return new BenchChartBuilder(); }
  insertChart(_chart: unknown): void { this.rec('Sheet.insertChart'); }

  getDataRange(): BenchRange {
    this.rec('Sheet.getDataRange');
    const width = this.rows.reduce((w, r) => Math.max(w, r.length), 0);
    return new BenchRange(this.ss, this, 1, 1, Math.max(1, this.rows.length), Math.max(1, width));
  }

  getRange(row: number, col: number, numRows = 1, numCols = 1): BenchRange {
    this.rec('Sheet.getRange');
    if (row + numRows - 1 > this.maxRows || col + numCols - 1 > this.maxCols) throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return new BenchRange(this.ss, this, row, col, numRows, numCols);
  }
}

/** Sheet.newChart()'s builder: calls on it stay in the script (no host call) until insertChart. */
export class BenchChartBuilder {
  setChartType(_t: unknown): BenchChartBuilder { return this; }
  addRange(_r: unknown): BenchChartBuilder { return this; }
  setPosition(_row: number, _col: number, _dx: number, _dy: number): BenchChartBuilder { return this; }
  setOption(_k: string, _v: unknown): BenchChartBuilder { return this; }
  build(): unknown { return {}; }
}

export class BenchRange {
  constructor(private readonly ss: BenchSpreadsheet, private readonly sheet: BenchSheet, readonly row: number, readonly col: number, readonly numRows: number, readonly numCols: number) {}

  getValues(): Value[][] {
    this.ss.log.record('Range.getValues', []);
    this.ss.sizes.push({ method: 'Range.getValues', cells: this.numRows * this.numCols });
    const out: Value[][] = new Array(this.numRows);
    for (let r = 0; r < this.numRows; r++) {
      const src = this.sheet.rows[this.row - 1 + r] ?? [];
      const row: Value[] = new Array(this.numCols);
      for (let c = 0; c < this.numCols; c++) row[c] = src[this.col - 1 + c] ?? '';
      out[r] = row;
    }
    return out;
  }

  setValues(values: Value[][]): BenchRange {
    this.ss.log.record('Range.setValues', []);
    this.ss.sizes.push({ method: 'Range.setValues', cells: values.length * (values[0]?.length ?? 0) });
    if (values.length !== this.numRows || values.some((r) => r.length !== this.numCols)) throw new Error('The number of rows or columns in the data does not match the range');
    this.sheet.rows = values.map((r) => r.slice());
    return this;
  }

  setNumberFormats(formats: string[][]): BenchRange {
    this.ss.log.record('Range.setNumberFormats', []);
    this.ss.sizes.push({ method: 'Range.setNumberFormats', cells: formats.length * (formats[0]?.length ?? 0) });
    return this;
  }

  /** Cell links (issue 15): one call per linked block, counted with its cells like setValues. */
  setRichTextValues(values: unknown[][]): BenchRange {
    this.ss.log.record('Range.setRichTextValues', []);
    this.ss.sizes.push({ method: 'Range.setRichTextValues', cells: values.length * (values[0]?.length ?? 0) });
    return this;
  }

  setFontWeight(_w: string): BenchRange {
    this.ss.log.record('Range.setFontWeight', []);
    return this;
  }
}

const SHANGHAI_MS = 8 * 3600_000;

/** `Utilities` global with the one method the adapter uses, counted in `log`. */
export function installUtilities(log: CallLog): void {
  (globalThis as Record<string, unknown>).Charts = { ChartType: { BAR: 'BAR', COLUMN: 'COLUMN' } };
  // Rich-text builders are local objects in Apps Script (no host call until setRichTextValues).
  const richText = () => { const b = { setText: () => b, setLinkUrl: () => b, build: () => ({}) }; return b; };
  const app = ((globalThis as Record<string, unknown>).SpreadsheetApp ?? {}) as Record<string, unknown>;
  (globalThis as Record<string, unknown>).SpreadsheetApp = { ...app, newRichTextValue: richText };
  (globalThis as Record<string, unknown>).Utilities = {
    formatDate(date: Date, tz: string, pattern: string): string {
      log.record('Utilities.formatDate', []);
      if (tz !== 'Asia/Shanghai' || pattern !== 'yyyy-MM-dd') throw new Error('bench fake: Asia/Shanghai yyyy-MM-dd only');
      return new Date(date.getTime() + SHANGHAI_MS).toISOString().slice(0, 10);
    },
  };
}

/** Midnight of a `YYYY-MM-DD` day in Asia/Shanghai, as Sheets' getValues returns a date cell. */
export function shanghaiDate(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - SHANGHAI_MS);
}
