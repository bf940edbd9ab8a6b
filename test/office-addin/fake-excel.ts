/**
 * A recording fake of the part of the Excel JavaScript API the adapter uses.
 * office-addin-mock models load/sync of property trees but not a request queue,
 * so it cannot count what one `context.sync()` carries, apply a batch in order
 * and stop at a failing command, or tell a formula from text. This fake does:
 * every proxy call is queued as a command, `sync()` runs the queue in order
 * (a failing command stops the batch; earlier commands stay applied, as in
 * Excel), records the commands and the JSON payload of each sync, and a string
 * beginning with "=" written to a cell not formatted as text becomes a formula.
 * It also measures each sync's response (the values it loaded, as UTF-8 JSON)
 * and, with `maxResponseBytes`, refuses a larger one as Excel on the web does;
 * with `maxRequestBytes` it refuses a request whose values and formats are larger
 * (RequestPayloadSizeLimitExceeded, nothing of the batch applied), measured as
 * UTF-8 or, with `escapeNonAscii`, as a host that sends `\uXXXX` escapes.
 * Column widths set through `range.format.columnWidth` are kept per sheet.
 */

export type Value = string | number | boolean;

export interface SheetModel {
  name: string;
  values: Value[][];
  formats: string[][];
  /** Cells holding a formula (r,c), i.e. text written without a text format. */
  formulas: Set<string>;
  frozenRows: number;
  boldRows: Set<number>;
  /** Cell notes (worksheet.notes, ExcelApi 1.18) by A1 address. */
  notes: Map<string, string>;
  /** Column widths in points by column index, as set by `format.columnWidth`. */
  columnWidths?: number[];
  /** Range hyperlinks by "r,c" (0-based), as written (issue 15). */
  links?: Map<string, { documentReference?: string; address?: string; textToDisplay?: string }>;
  /** Rows (0-based) with a horizontal page break above them. */
  pageBreaks?: number[];
  /** Charts added (worksheet.charts.add), with what was set on them (issue 15). */
  charts?: FakeChartModel[];
}

export interface FakeChartModel {
  type: string;
  /** The source range and the category-name range, as "row,col,rows,cols" (0-based). */
  source: string;
  categories: string;
  series: { name: string; values: string }[];
  title: string;
  legend: boolean | null;
  position: string;
}

export interface SyncRecord {
  /** Command kinds in order, e.g. `add:~tmp X`, `values:~tmp X`, `delete:X`. */
  commands: string[];
  /** UTF-8 bytes of the values and number formats this sync sent. */
  bytes: number;
  /** UTF-8 bytes of the values this sync loaded (JSON of each loaded grid), counted up to a failure. */
  responseBytes: number;
  /** Code of the error that stopped this sync, or null. */
  error: string | null;
}

interface Command {
  kind: string;
  /** UTF-8 bytes of what the command sends. */
  bytes: number;
  /** The same with non-ASCII as \uXXXX escapes. */
  escapedBytes: number;
  run: () => void;
}

export class FakeExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

function utf8(s: string): number {
  return new TextEncoder().encode(s).length;
}

function escaped(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += s.charCodeAt(i) < 0x80 ? 1 : 6;
  return n;
}

const FORBIDDEN = /[:\\/?*[\]]/;

export class FakeWorkbook {
  sheets: SheetModel[] = [];
  syncs: SyncRecord[] = [];
  activeSheet = '';
  calcSuspensions = 0;
  /** Return true to make this command fail (the batch stops there). */
  failWhen: ((command: string, syncIndex: number) => boolean) | null = null;
  /**
   * Excel on the web's response limit: a sync whose loaded values would exceed it
   * fails with ResponsePayloadSizeLimitExceeded and loads nothing. Null: no limit (desktop).
   */
  maxResponseBytes: number | null = null;
  /** Excel on the web's request limit: a larger sync fails with RequestPayloadSizeLimitExceeded, nothing applied. */
  maxRequestBytes: number | null = null;
  /** Measure requests as a host that escapes every non-ASCII character as \uXXXX (6 bytes). */
  escapeNonAscii = false;

  constructor(tabs: Record<string, Value[][]> = {}) {
    for (const [name, rows] of Object.entries(tabs)) this.sheets.push(newSheet(name, rows));
    this.activeSheet = this.sheets[0]?.name ?? '';
  }

  find(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Values of a sheet as a plain 2D array (what a user would see). */
  tab(name: string): Value[][] | undefined {
    return this.find(name)?.values.map((r) => r.slice());
  }

  names(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** Stand-in for `Excel.run`. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = new FakeContext(this);
    return batch(context as unknown as Excel.RequestContext);
  };
}

function newSheet(name: string, rows: Value[][] = []): SheetModel {
  return {
    name,
    values: rows.map((r) => r.slice()),
    formats: rows.map((r) => r.map(() => 'General')),
    formulas: new Set(),
    frozenRows: 0,
    boldRows: new Set(),
    notes: new Map(),
    columnWidths: [],
  };
}

class FakeContext {
  queue: Command[] = [];
  private current: SyncRecord | null = null;
  readonly workbook: { worksheets: SheetCollection };
  readonly application: { suspendApiCalculationUntilNextSync: () => void };

  constructor(readonly wb: FakeWorkbook) {
    this.workbook = { worksheets: new SheetCollection(this) };
    this.application = {
      suspendApiCalculationUntilNextSync: () => this.enqueue('suspendCalc', 0, () => { wb.calcSuspensions += 1; }),
    };
  }

  enqueue(kind: string, bytes: number, run: () => void, escapedBytes = bytes): void {
    this.queue.push({ kind, bytes, escapedBytes, run });
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const index = this.wb.syncs.length;
    const bytes = batch.reduce((n, c) => n + (this.wb.escapeNonAscii ? c.escapedBytes : c.bytes), 0);
    const record: SyncRecord = { commands: batch.map((c) => c.kind), bytes, responseBytes: 0, error: null };
    this.wb.syncs.push(record);
    this.current = record;
    try {
      const max = this.wb.maxRequestBytes;
      if (max !== null && bytes > max) throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes exceeds ${max}`);
      for (const command of batch) {
        if (this.wb.failWhen?.(command.kind, index)) throw new FakeExcelError('GeneralException', `injected failure at ${command.kind}`);
        command.run();
      }
    } catch (error) {
      record.error = error instanceof FakeExcelError ? error.code : 'Error';
      throw error;
    } finally {
      this.current = null;
    }
  }

  /** Count a loaded grid against this sync's response; over the limit, the sync fails before it is delivered. */
  respond(bytes: number): void {
    const record = this.current;
    if (!record) return;
    record.responseBytes += bytes;
    const max = this.wb.maxResponseBytes;
    if (max !== null && record.responseBytes > max) {
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `response of ${record.responseBytes} bytes exceeds ${max}`);
    }
  }
}

function notLoaded(what: string): never {
  throw new FakeExcelError('PropertyNotLoaded', `${what} was read before load() and sync()`);
}

class SheetCollection {
  private loadedItems: { name: string }[] | null = null;
  constructor(private readonly ctx: FakeContext) {}

  load(props: string): this {
    if (props !== 'items/name') throw new Error(`fake: unsupported load "${props}"`);
    this.ctx.enqueue('load:sheets', 0, () => { this.loadedItems = this.ctx.wb.sheets.map((s) => ({ name: s.name })); });
    return this;
  }

  get items(): { name: string }[] {
    return this.loadedItems ?? notLoaded('worksheets.items');
  }

  getItem(name: string): SheetProxy {
    return new SheetProxy(this.ctx, () => this.ctx.wb.find(name) ?? (() => { throw new FakeExcelError('ItemNotFound', `no sheet ${name}`); })(), false, name);
  }

  getItemOrNullObject(name: string): SheetProxy {
    return new SheetProxy(this.ctx, () => this.ctx.wb.find(name) ?? null, true, name);
  }

  add(name: string): SheetProxy {
    let created: SheetModel | null = null;
    this.ctx.enqueue(`add:${name}`, 0, () => {
      if (this.ctx.wb.find(name)) throw new FakeExcelError('ItemAlreadyExists', `sheet ${name} exists`);
      if (name.length > 31 || FORBIDDEN.test(name)) throw new FakeExcelError('InvalidArgument', `bad sheet name ${name}`);
      created = newSheet(name);
      this.ctx.wb.sheets.push(created);
    });
    return new SheetProxy(this.ctx, () => created, false, name);
  }
}

class SheetProxy {
  private target: SheetModel | null | undefined = undefined;
  private synced = false;
  private loadedPosition: number | null = null;
  private loadedName: string | null = null;
  readonly freezePanes: { freezeRows: (n: number) => void };
  /** worksheet.notes: `add(address, content)` on one cell, refused where a note exists (as Excel does). */
  readonly notes: { add: (address: string, content: string) => void };
  /** worksheet.horizontalPageBreaks.add(range): a break above the range's first row. */
  readonly horizontalPageBreaks: { add: (range: RangeProxy) => void };
  /** worksheet.charts.add(type, source, seriesBy): one `chart` command per chart; its settings are further commands. */
  readonly charts: { add: (type: string, source: RangeProxy, seriesBy: string) => unknown };

  constructor(private readonly ctx: FakeContext, private readonly resolver: () => SheetModel | null, private readonly nullable: boolean, readonly label: string) {
    // Resolution happens in the first batch that carries this object, as in Office.js.
    ctx.enqueue('resolve', 0, () => { this.resolve(); this.synced = true; });
    this.freezePanes = {
      freezeRows: (n: number) => this.command('freeze', () => { this.sheet().frozenRows = n; }),
    };
    this.charts = {
      add: (type: string, source: RangeProxy, _seriesBy: string) => {
        let model: FakeChartModel | null = null;
        this.command('chart', () => {
          model = { type, source: source.where4(), categories: '', series: [{ name: '', values: source.where4() }], title: '', legend: null, position: '' };
          (this.sheet().charts ??= []).push(model);
        });
        const set = (what: string, f: (m: FakeChartModel) => void) => this.command(`chart.${what}`, () => f(model!));
        return {
          title: { set text(t: string) { set('title', (m) => { m.title = t; }); } },
          legend: { set visible(v: boolean) { set('legend', (m) => { m.legend = v; }); } },
          axes: { categoryAxis: { setCategoryNames: (r: RangeProxy) => set('categories', (m) => { m.categories = r.where4(); }) } },
          series: {
            getItemAt: (k: number) => ({ set name(n: string) { set('seriesName', (m) => { m.series[k].name = n; }); } }),
            add: (name: string) => {
              set('seriesAdd', (m) => { m.series.push({ name, values: '' }); });
              return { setValues: (r: RangeProxy) => set('seriesValues', (m) => { m.series[m.series.length - 1].values = r.where4(); }) };
            },
          },
          setPosition: (addr: string) => set('position', (m) => { m.position = addr; }),
        };
      },
    };
    this.horizontalPageBreaks = {
      add: (range: RangeProxy) => this.command('pageBreak', () => {
        const s = this.sheet();
        (s.pageBreaks ??= []).push(range.top());
      }),
    };
    this.notes = {
      add: (address: string, content: string) => this.command('note', () => {
        if (!/^[A-Z]+[1-9]\d*$/.test(address)) throw new FakeExcelError('InvalidArgument', `not one cell: ${address}`);
        const notes = this.sheet().notes;
        if (notes.has(address)) throw new FakeExcelError('InvalidArgument', `a note exists at ${address}`);
        notes.set(address, content);
      }, utf8(content)),
    };
  }

  private resolve(): SheetModel | null {
    if (this.target === undefined) {
      const t = this.resolver();
      this.target = t;
    }
    return this.target ?? null;
  }

  /** The model, or an error for a null object (Excel refuses commands on null objects). */
  sheet(): SheetModel {
    const t = this.resolve();
    if (!t) throw new FakeExcelError('InvalidOperation', 'command on a null object');
    if (!this.ctx.wb.sheets.includes(t)) throw new FakeExcelError('ItemNotFound', `sheet ${t.name} was deleted`);
    return t;
  }

  private command(what: string, run: () => void, bytes = 0): void {
    this.ctx.enqueue(`${what}:${this.describe()}`, bytes, run);
  }

  private describe(): string {
    return this.label;
  }

  get isNullObject(): boolean {
    if (!this.synced) notLoaded('isNullObject');
    if (!this.nullable && this.target === null) throw new FakeExcelError('ItemNotFound', 'not found');
    return this.target === null;
  }

  load(props: string): this {
    const list = props.split(',').map((p) => p.trim());
    this.ctx.enqueue('load:sheet', 0, () => {
      const t = this.resolve();
      if (!t) return; // loads on a null object load nothing
      if (list.includes('position')) this.loadedPosition = this.ctx.wb.sheets.indexOf(t);
      if (list.includes('name')) this.loadedName = t.name;
    });
    return this;
  }

  get position(): number {
    return this.loadedPosition ?? notLoaded('position');
  }

  set position(p: number) {
    this.command('position', () => {
      const t = this.sheet();
      const sheets = this.ctx.wb.sheets;
      sheets.splice(sheets.indexOf(t), 1);
      sheets.splice(Math.min(p, sheets.length), 0, t);
    });
  }

  get name(): string {
    return this.loadedName ?? notLoaded('name');
  }

  set name(n: string) {
    this.ctx.enqueue(`rename:${this.label}->${n}`, 0, () => {
      const t = this.sheet();
      const clash = this.ctx.wb.find(n);
      if (clash && clash !== t) throw new FakeExcelError('ItemAlreadyExists', `sheet ${n} exists`);
      if (n.length > 31 || FORBIDDEN.test(n)) throw new FakeExcelError('InvalidArgument', `bad sheet name ${n}`);
      t.name = n;
    });
  }

  delete(): void {
    this.command('delete', () => {
      const t = this.sheet();
      const sheets = this.ctx.wb.sheets;
      if (sheets.length === 1) throw new FakeExcelError('InvalidOperation', 'cannot delete the only sheet');
      sheets.splice(sheets.indexOf(t), 1);
    });
  }

  activate(): void {
    this.command('activate', () => { this.ctx.wb.activeSheet = this.sheet().name; });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, this, () => usedExtent(this.sheet(), valuesOnly === true), true);
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.ctx, this, () => ({ row, col, rows, cols }), false);
  }
}

interface Extent { row: number; col: number; rows: number; cols: number }

function usedExtent(s: SheetModel, _valuesOnly: boolean): Extent | null {
  let minR = Infinity, minC = Infinity, maxR = -1, maxC = -1;
  s.values.forEach((row, r) => row.forEach((v, c) => {
    if (v === '' || v === undefined || v === null) return;
    minR = Math.min(minR, r); maxR = Math.max(maxR, r);
    minC = Math.min(minC, c); maxC = Math.max(maxC, c);
  }));
  if (maxR < 0) return null;
  return { row: minR, col: minC, rows: maxR - minR + 1, cols: maxC - minC + 1 };
}

function checkShape(what: string, grid: unknown[][], e: Extent): void {
  if (!Array.isArray(grid) || grid.length !== e.rows || grid.some((r) => !Array.isArray(r) || r.length !== e.cols)) {
    throw new FakeExcelError('InvalidArgument', `${what} is not ${e.rows}×${e.cols}`);
  }
}

function checkValue(v: unknown): asserts v is Value {
  const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
  if (!ok) throw new FakeExcelError('InvalidArgument', `value ${String(v)} cannot cross the request`);
}

class RangeProxy {
  private extent: Extent | null | undefined = undefined;
  private synced = false;
  private loaded = new Map<string, unknown>();
  readonly format: { font: { bold: boolean }; autofitColumns: () => void; columnWidth: number };

  constructor(private readonly ctx: FakeContext, private readonly sheet: SheetProxy, private readonly resolver: () => Extent | null, private readonly nullable: boolean) {
    ctx.enqueue('resolve', 0, () => { this.resolve(); this.synced = true; });
    const self = this;
    this.format = {
      font: {
        get bold(): boolean { return notLoaded('bold'); },
        set bold(b: boolean) {
          self.ctx.enqueue(`bold:${self.where()}`, 0, () => {
            const e = self.resolve()!;
            for (let r = e.row; r < e.row + e.rows; r++) if (b) self.sheet.sheet().boldRows.add(r);
          });
        },
      },
      autofitColumns: () => self.ctx.enqueue(`autofit:${self.where()}`, 0, () => { self.sheet.sheet(); }),
      get columnWidth(): number { return notLoaded('columnWidth'); },
      set columnWidth(w: number) {
        self.ctx.enqueue(`width:${self.where()}`, 0, () => {
          const e = self.resolve()!;
          if (!(w >= 0 && w <= 409.5 * 4)) throw new FakeExcelError('InvalidArgument', `column width ${w}`);
          const widths = (self.sheet.sheet().columnWidths ??= []);
          for (let c = e.col; c < e.col + e.cols; c++) widths[c] = w;
        });
      },
    };
  }

  private resolve(): Extent | null {
    if (this.extent === undefined) this.extent = this.resolver();
    if (this.extent === null && !this.nullable) throw new FakeExcelError('ItemNotFound', 'range');
    return this.extent;
  }

  private where(): string {
    return this.sheet.label;
  }

  /** The range as "row,col,rows,cols" (resolved when the command runs). */
  where4(): string {
    const e = this.resolve()!;
    return `${e.row},${e.col},${e.rows},${e.cols}`;
  }

  /** The first row of the range (resolved when the command runs). */
  top(): number {
    return this.resolve()!.row;
  }

  /** range.hyperlink on one cell: kept as a link in the model, never a formula. */
  set hyperlink(link: { documentReference?: string; address?: string; textToDisplay?: string }) {
    const bytes = utf8(JSON.stringify(link));
    this.ctx.enqueue(`hyperlink:${this.where()}`, bytes, () => {
      const e = this.resolve()!;
      if (e.rows !== 1 || e.cols !== 1) throw new FakeExcelError('InvalidArgument', 'a hyperlink goes on one cell');
      const s = this.sheet.sheet();
      (s.links ??= new Map()).set(`${e.row},${e.col}`, { ...link });
      s.values[e.row] ??= [];
      if (link.textToDisplay !== undefined) s.values[e.row][e.col] = link.textToDisplay;
    });
  }

  get isNullObject(): boolean {
    if (!this.synced) notLoaded('isNullObject');
    return this.extent === null;
  }

  load(props: string): this {
    const list = props.split(',').map((p) => p.trim());
    this.ctx.enqueue(`load:range`, 0, () => {
      const e = this.resolve();
      if (!e) return;
      const s = this.sheet.sheet();
      for (const p of list) {
        if (p === 'rowIndex') this.loaded.set(p, e.row);
        else if (p === 'columnIndex') this.loaded.set(p, e.col);
        else if (p === 'rowCount') this.loaded.set(p, e.rows);
        else if (p === 'columnCount') this.loaded.set(p, e.cols);
        else if (p === 'values') {
          const grid: Value[][] = [];
          for (let r = e.row; r < e.row + e.rows; r++) {
            const row: Value[] = [];
            for (let c = e.col; c < e.col + e.cols; c++) row.push(s.values[r]?.[c] ?? '');
            grid.push(row);
          }
          this.ctx.respond(utf8(JSON.stringify(grid)));
          this.loaded.set(p, grid);
        } else throw new Error(`fake: unsupported range load "${p}"`);
      }
    });
    return this;
  }

  private get(p: string): unknown {
    return this.loaded.has(p) ? this.loaded.get(p) : notLoaded(p);
  }

  get rowIndex(): number { return this.get('rowIndex') as number; }
  get columnIndex(): number { return this.get('columnIndex') as number; }
  get rowCount(): number { return this.get('rowCount') as number; }
  get columnCount(): number { return this.get('columnCount') as number; }
  get values(): Value[][] { return this.get('values') as Value[][]; }

  set values(grid: Value[][]) {
    const json = JSON.stringify(grid);
    const bytes = utf8(json);
    this.ctx.enqueue(`values:${this.where()}`, bytes, () => {
      const e = this.resolve()!;
      checkShape('values', grid, e);
      const s = this.sheet.sheet();
      for (let i = 0; i < e.rows; i++) {
        const r = e.row + i;
        s.values[r] ??= [];
        s.formats[r] ??= [];
        for (let j = 0; j < e.cols; j++) {
          const c = e.col + j;
          const v = grid[i][j];
          checkValue(v);
          for (let k = s.values[r].length; k < c; k++) s.values[r][k] = '';
          s.values[r][c] = v;
          const key = `${r},${c}`;
          if (typeof v === 'string' && v.startsWith('=') && (s.formats[r][c] ?? 'General') !== '@') s.formulas.add(key);
          else s.formulas.delete(key);
        }
      }
    }, escaped(json));
  }

  set numberFormat(grid: string[][]) {
    const json = JSON.stringify(grid);
    const bytes = utf8(json);
    this.ctx.enqueue(`numberFormat:${this.where()}`, bytes, () => {
      const e = this.resolve()!;
      checkShape('numberFormat', grid, e);
      const s = this.sheet.sheet();
      for (let i = 0; i < e.rows; i++) {
        s.formats[e.row + i] ??= [];
        for (let j = 0; j < e.cols; j++) s.formats[e.row + i][e.col + j] = grid[i][j];
      }
    }, escaped(json));
  }
}
