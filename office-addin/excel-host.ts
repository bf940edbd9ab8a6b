/**
 * The Excel adapter: implements core's WorkbookHost with Office.js batches.
 *
 * Reads: one sizing sync for all input tabs (so a workbook the task pane's memory
 * could not hold is refused before its values are pulled: the measured free JS
 * heap against HEAP_BYTES_PER_CELL per input cell, issue 19; there is no fixed
 * cell limit, a tab can have Excel's 1,048,576 rows), then `load('values')`
 * + `sync` in blocks sized by bytes, not cells: Excel on the web refuses a
 * response over 5 MB, and a text-heavy tab (400-character cases) reaches that at
 * a tenth of the cells of a numeric one. Each tab's first block is its first
 * 1,000 rows (all of a tab that has no more), in a sync of its own; its values
 * as UTF-8 JSON give the tab's bytes per row. The rest of every tab is read in
 * shared syncs planned at 80 % of 2 MB: in tab order, each tab takes as many
 * rows as fit the bytes left at the larger of its last block's and its average
 * bytes per row (a block denser than expected shrinks the next ones at once).
 * 2 MB measured as UTF-8 leaves room below 5 MB even if the host escapes every
 * CJK character as \uXXXX (6 bytes for 3). A sync Excel still refuses
 * (ResponsePayloadSizeLimitExceeded) is planned again at half the size.
 * Cost model: read syncs = 1 + one per non-empty tab + about ⌈JSON bytes beyond
 * the first blocks / 1.6 MB⌉ — a function of bytes, not rows or cells (in the
 * tests, 200,000 rows of three numbers are read in 3 blocks, 50,000 rows of an id
 * and a 400-character text in 39). `readTabsInBlocks` hands each block over as it
 * arrives instead of keeping it, so the task pane can pass it to the compute
 * worker and hold no second copy of the workbook.
 * Writes: every output tab goes to a temporary sheet in row chunks, one sync per
 * chunk, each chunk's request kept under ~4 MB (Excel on the web rejects 5 MB)
 * measured on the serialised payload — the JSON of the values and number-format
 * arrays with every non-ASCII character counted as its `\uXXXX` escape (6 bytes),
 * since a host that escapes CJK doubles its UTF-8 size. A chunk Excel still
 * refuses (RequestPayloadSizeLimitExceeded: nothing of it was applied) is sent
 * again as two halves. Each batch starts with
 * `suspendApiCalculationUntilNextSync()`, so no chunk's writes recalculate the
 * workbook; column widths are set explicitly from the text of the first rows
 * (autofit measures whole columns). The last chunk's batch also deletes the old
 * tab and renames the temporary one, so a failure at any point leaves the
 * previous results in place.
 *
 * Templates (`addTabs`) only add: new tabs, renamed from temporary sheets in the
 * last batch, so Excel itself refuses to put one over a tab of the user's.
 *
 * Text: every string cell is written with number format `@`. That keeps text
 * that begins with = + - @ from becoming a formula, and keeps ids such as `007`
 * and labels such as `2026-07` from being turned into numbers or dates.
 */
import type { WorkbookHost } from '../core/host';
import type { Cell, ColumnFormat, OutputTab, RawTab } from '../core/types';
import { columnLetters } from '../core/output/a1';
import { EXCEL_NUMBER_FORMATS } from '../core/output/formats';
import { linkBytesByRow, queueLinks } from './excel-links';

export { columnLetters };
import { queueCharts } from './excel-charts';

/**
 * JS heap one input cell costs while a workbook is read and computed (the
 * worker's rows with interned strings, a block in flight on the page, the
 * engine's tables). Measured in Chromium on the bench's L workbook
 * (bench/taskpane-heap.ts): page + worker peaked at 561 MB for 8.26 M input
 * cells, about 71 bytes a cell; 120 leaves a margin for wider, text-heavier tabs.
 * A workbook needing more than HEAP_SHARE of the free heap is refused before its
 * values are read.
 */
export const HEAP_BYTES_PER_CELL = 120;
/** Share of the free heap (limit − used) a read may plan to use. */
export const HEAP_SHARE = 0.8;
/** Bound on one read response (a block's values as UTF-8 JSON): well under Excel on the web's 5 MB. */
export const READ_MAX_BYTES = 2_000_000;
/** Blocks are planned at this share of READ_MAX_BYTES, so rows a little longer than measured still fit. */
export const READ_AIM = 0.8;
/** A tab of at most this many rows is one load; a longer one is read first in a block of this many rows to measure it. */
export const FIRST_BLOCK_ROWS = 1_000;
/** Budget for one `context.sync()` request (values + number formats as JSON, UTF-8). */
export const MAX_PAYLOAD_BYTES = 4_000_000;
/** Rows whose text sets the column widths (the header and the first rows show what the column holds). */
export const WIDTH_SAMPLE_ROWS = 500;
/** Column widths in points: Excel's default column is 48 pt for 8.43 characters of the default font. */
export const POINTS_PER_CHAR = 5.7;
export const MIN_COLUMN_POINTS = 48;
export const MAX_COLUMN_POINTS = 300;
/** Prefix of the temporary sheet an output tab is written to before it replaces the old one. */
export const TEMP_PREFIX = '~tmp ';

/** A refusal or failure with a message in both languages, for the task pane to show as is. */
export class ExcelHostError extends Error {
  constructor(readonly code: string, readonly text: { zh: string; en: string }) {
    super(text.en);
    this.name = 'ExcelHostError';
  }
}

/** `Excel.run` or a stand-in with the same shape (tests). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface ExcelHostOptions {
  /** Defaults to the global `Excel.run`. */
  run?: ExcelRun;
  /** An explicit cap on input cells (default none: only the heap check applies). */
  maxInputCells?: number;
  /** The JS heap now (default `performance.memory` where the browser has it, else no heap check). */
  heap?: () => HeapInfo | null;
  maxPayloadBytes?: number;
  /** Bound on one read response in bytes (default READ_MAX_BYTES). */
  readMaxBytes?: number;
  /** Rows of the measuring first block (default FIRST_BLOCK_ROWS). */
  firstBlockRows?: number;
}

/** JS heap limit and use in bytes (Chromium's `performance.memory`). */
export interface HeapInfo {
  limit: number;
  used: number;
}

/** `performance.memory` (Chromium, Edge WebView2): null where the browser does not report it (Safari, Node). */
export function browserHeap(): HeapInfo | null {
  const memory = (globalThis as { performance?: { memory?: { jsHeapSizeLimit?: number; usedJSHeapSize?: number } } }).performance?.memory;
  if (!memory || !memory.jsHeapSizeLimit || memory.usedJSHeapSize === undefined) return null;
  return { limit: memory.jsHeapSizeLimit, used: memory.usedJSHeapSize };
}

/** Rows of one read block of the tab at `tab` (index into the names asked for), in order. */
export type BlockSink = (tab: number, rows: Cell[][]) => void;

/** The Excel host with reads that hand over each block instead of holding the tabs (the task pane streams them to its worker). */
export interface StreamingExcelHost extends WorkbookHost {
  /**
   * Read as `readTabs` does, calling `onSize` once with every tab's row count
   * (0 for an empty or missing tab) and then `onBlock` for each block as it
   * arrives; nothing is kept.
   */
  readTabsInBlocks(names: string[], onBlock: BlockSink, onSize?: (rows: number[]) => void): Promise<void>;
}

/** Excel number format codes for the engine's column formats (the table the CLI's .xlsx uses too). */
export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = EXCEL_NUMBER_FORMATS;

/** A chunk of output rows [start, end) and the estimated request size of writing it. */
export interface ChunkPlan {
  start: number;
  end: number;
  bytes: number;
}

/**
 * Length of a JSON text as a host that escapes non-ASCII would send it: ASCII 1
 * byte, any other UTF-16 unit 6 (`\uXXXX`). An upper bound of the UTF-8 length
 * too, so a payload measured this way fits either encoding.
 */
export function escapedJsonLength(json: string): number {
  let n = 0;
  for (let i = 0; i < json.length; i++) n += json.charCodeAt(i) < 0x80 ? 1 : 6;
  return n;
}

/** UTF-8 byte length without allocating (the request body is UTF-8 JSON). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** A Date (read by its UTC calendar fields, see core/types Cell) as an Excel serial day. */
export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / DAY_MS;
}

/** One output row as Excel values and number formats, padded to `width`. */
export function encodeRow(row: Cell[], formats: ColumnFormat[], width: number): { values: (string | number | boolean)[]; formats: string[] } {
  const values: (string | number | boolean)[] = new Array(width);
  const fmts: string[] = new Array(width);
  for (let c = 0; c < width; c++) {
    const cell = c < row.length ? row[c] : null;
    const columnFormat = NUMBER_FORMATS[formats[c] ?? 'text'];
    if (typeof cell === 'string') {
      values[c] = cell;
      fmts[c] = '@';
    } else if (typeof cell === 'number') {
      // NaN / Infinity cannot cross the JSON request; the engine never emits them, but be safe.
      values[c] = Number.isFinite(cell) ? cell : '';
      fmts[c] = Number.isFinite(cell) ? columnFormat : '@';
    } else if (typeof cell === 'boolean') {
      values[c] = cell;
      fmts[c] = 'General';
    } else if (cell instanceof Date) {
      values[c] = dateToSerial(cell);
      fmts[c] = NUMBER_FORMATS.date;
    } else {
      values[c] = '';
      fmts[c] = columnFormat;
    }
  }
  return { values, formats: fmts };
}

/** Request bytes of one encoded row: its values and formats serialised (escaped measure), plus separators. */
function rowBytes(values: unknown[], formats: string[]): number {
  return escapedJsonLength(JSON.stringify(values)) + escapedJsonLength(JSON.stringify(formats)) + 2;
}

/**
 * Split a tab's rows into chunks whose values + formats stay under `budget` bytes.
 * A single row larger than the budget gets a chunk of its own (Excel's cell limit
 * of 32,767 characters keeps such a row far below 5 MB in practice).
 */
export function planChunks(tab: OutputTab, width: number, budget: number): ChunkPlan[] {
  const extra = tab.links?.count ? linkBytesByRow(tab) : null;
  const chunks: ChunkPlan[] = [];
  let start = 0;
  let bytes = 4; // the two enclosing [] of values and formats
  for (let r = 0; r < tab.rows.length; r++) {
    const enc = encodeRow(tab.rows[r], tab.formats, width);
    const b = rowBytes(enc.values, enc.formats) + (extra?.get(r) ?? 0);
    if (r > start && bytes + b > budget) {
      chunks.push({ start, end: r, bytes });
      start = r;
      bytes = 4;
    }
    bytes += b;
  }
  if (tab.rows.length > start) chunks.push({ start, end: tab.rows.length, bytes });
  return chunks;
}

/** What the blocks read so far from one tab measured: all of them, and the last one. */
export interface ReadMeasure {
  rows: number;
  bytes: number;
  lastRows: number;
  lastBytes: number;
}

/**
 * Estimated response bytes per row of a tab: the larger of its last block's and
 * its average. The last block makes a denser stretch shrink the next block at
 * once; the average makes a sparse stretch after a dense one grow blocks
 * gradually rather than in one jump.
 */
export function rowBytesEstimate(m: ReadMeasure): number {
  return Math.max(m.lastBytes / Math.max(1, m.lastRows), m.bytes / Math.max(1, m.rows), 1);
}

/** Rows of a tab's next block when it has a sync to itself: as many as fit `aimBytes` at its estimate, at least one. */
export function nextBlockRows(m: ReadMeasure, aimBytes: number): number {
  return Math.max(1, Math.floor(aimBytes / rowBytesEstimate(m)));
}

/** A tab as the read planner sees it: its row count, the next row to read, what was measured. */
export interface PlanTab {
  rows: number;
  next: number;
  measure: ReadMeasure;
}

/** Rows [start, start + count) of `tabs[tab]`. */
export interface ReadBlock {
  tab: number;
  start: number;
  count: number;
}

/**
 * The blocks of the next read sync. A tab not read yet gets a sync of its own
 * for its first `firstRows` rows (all of a small tab), since nothing is known of
 * its size. After that, tabs share syncs: in tab order, each takes as many rows
 * as fit what is left of `aimBytes` at its estimate, so the rows left over by
 * several tabs travel together. Empty when every tab is read.
 */
export function planReadSync(tabs: PlanTab[], aimBytes: number, firstRows: number): ReadBlock[] {
  const pending = tabs.map((t, i) => i).filter((i) => tabs[i].next < tabs[i].rows);
  const fresh = pending.find((i) => tabs[i].next === 0);
  if (fresh !== undefined) {
    return [{ tab: fresh, start: 0, count: Math.max(1, Math.min(firstRows, tabs[fresh].rows)) }];
  }
  const blocks: ReadBlock[] = [];
  let left = aimBytes;
  for (const i of pending) {
    const t = tabs[i];
    const perRow = rowBytesEstimate(t.measure);
    let count = Math.min(t.rows - t.next, Math.floor(left / perRow));
    if (count < 1) {
      if (blocks.length > 0) continue;
      count = 1;
    }
    blocks.push({ tab: i, start: t.next, count });
    left -= count * perRow;
  }
  return blocks;
}

/**
 * The retry of a sync Excel refused as too large: every block at half its rows;
 * blocks of one row each are retried one at a time. Null when the refused sync
 * was a single row, which no retry can make smaller.
 */
export function halveReadSync(refused: ReadBlock[]): ReadBlock[] | null {
  if (refused.every((b) => b.count === 1)) return refused.length > 1 ? [refused[0]] : null;
  return refused.map((b) => ({ ...b, count: Math.max(1, Math.floor(b.count / 2)) }));
}

/** Display width of a text in characters of the default font: East Asian wide characters count two. */
export function textUnits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) { n += 2; i++; } else n += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)) ? 2 : 1;
  }
  return n;
}

/** Characters a cell shows: text as is, a number with thousands separators and decimals, a date as yyyy-mm-dd. */
function shownUnits(cell: Cell): number {
  if (typeof cell === 'string') return textUnits(cell);
  if (typeof cell === 'number') return Math.trunc(Math.abs(cell)).toString().length * 4 / 3 + 4;
  if (typeof cell === 'boolean') return 5;
  if (cell instanceof Date) return 10;
  return 0;
}

/**
 * Column widths in points for a tab, from its header and first WIDTH_SAMPLE_ROWS
 * rows (what autofit would see at the top, without Excel measuring whole columns):
 * the widest cell plus a margin, within MIN/MAX_COLUMN_POINTS.
 */
export function columnWidths(rows: Cell[][], width: number): number[] {
  const units = new Array<number>(width).fill(0);
  const sample = Math.min(rows.length, WIDTH_SAMPLE_ROWS + 1);
  for (let r = 0; r < sample; r++) {
    const row = rows[r];
    for (let c = 0; c < width && c < row.length; c++) units[c] = Math.max(units[c], shownUnits(row[c]));
  }
  return units.map((u) => Math.min(MAX_COLUMN_POINTS, Math.max(MIN_COLUMN_POINTS, Math.round((u + 2) * POINTS_PER_CHAR))));
}

/** One `format.columnWidth` per run of equal widths (a handful of commands per tab, whatever its rows). */
function setColumnWidths(ws: Excel.Worksheet, widths: number[]): void {
  let start = 0;
  for (let c = 1; c <= widths.length; c++) {
    if (c === widths.length || widths[c] !== widths[start]) {
      ws.getRangeByIndexes(0, start, 1, c - start).format.columnWidth = widths[start];
      start = c;
    }
  }
}

/** Excel on the web's refusal of a request over its size limit (OfficeExtension.ErrorCodes). */
function isRequestTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'RequestPayloadSizeLimitExceeded';
}

/** Excel on the web's refusal of a response over its size limit (OfficeExtension.ErrorCodes). */
function isResponseTooLarge(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ResponsePayloadSizeLimitExceeded';
}

interface TabRead extends PlanTab {
  name: string;
  cols: number;
  /** Receives each block of this tab as it is read. */
  sink: (rows: Cell[][]) => void;
}

/**
 * Read every tab's rows [0, rows) × [0, cols) in blocks sized by bytes (see the
 * file header). A sync Excel refuses as too large is retried with its blocks
 * halved (halveReadSync); the next sync is planned from what was measured.
 * @throws ExcelHostError `response_too_large` when Excel refuses even a single row
 * @throws the Office.js error of any other failed sync
 */
async function readAll(context: Excel.RequestContext, tabs: TabRead[], maxBytes: number, firstRows: number): Promise<void> {
  const aim = maxBytes * READ_AIM;
  let retry: ReadBlock[] | null = null;
  for (;;) {
    const plan: ReadBlock[] = retry ?? planReadSync(tabs, aim, firstRows);
    retry = null;
    if (plan.length === 0) return;
    const ranges = plan.map((b) => {
      const range = context.workbook.worksheets.getItem(tabs[b.tab].name).getRangeByIndexes(b.start, 0, b.count, tabs[b.tab].cols);
      range.load('values');
      return range;
    });
    try {
      await context.sync();
    } catch (error) {
      if (!isResponseTooLarge(error)) throw error;
      retry = halveReadSync(plan);
      if (retry) continue;
      const { name } = tabs[plan[0].tab];
      const row = plan[0].start + 1;
      throw new ExcelHostError('response_too_large', {
        zh: `工作表“${name}”第 ${row} 行的内容超过 Excel 单次可返回的大小，无法读取。请缩短该行的长文本（或拆到多行）后再计算，也可以使用 Excel 桌面版或命令行版本。`,
        en: `Row ${row} of the tab "${name}" holds more than Excel returns in one response, so it cannot be read. Shorten its long texts (or split them over rows) and compute again, or use Excel desktop or the command line.`,
      });
    }
    plan.forEach((b, k) => {
      const t = tabs[b.tab];
      const block = ranges[k].values as Cell[][];
      t.sink(block);
      t.next += b.count;
      if (t.next >= t.rows) return;
      const bytes = utf8Length(JSON.stringify(block));
      t.measure.rows += b.count;
      t.measure.bytes += bytes;
      t.measure.lastRows = b.count;
      t.measure.lastBytes = bytes;
    });
  }
}

function tabWidth(tab: OutputTab): number {
  let w = tab.formats.length;
  for (const row of tab.rows) if (row.length > w) w = row.length;
  return Math.max(w, 1);
}

const FORBIDDEN_NAME = /[:\\/?*[\]]/;

/** Why Excel would refuse this sheet name, or null when it is valid. */
export function badSheetName(name: string): string | null {
  if (name.trim() === '') return 'empty';
  if (name.length > 31) return 'longer than 31 characters';
  if (FORBIDDEN_NAME.test(name)) return 'contains one of : \\ / ? * [ ]';
  if (name.startsWith("'") || name.endsWith("'")) return 'begins or ends with an apostrophe';
  return null;
}

/** The temporary sheet name for an output tab (Excel sheet names are at most 31 characters). */
export function tempName(name: string): string {
  return (TEMP_PREFIX + name).slice(0, 31);
}

function defaultRun(): ExcelRun {
  const excel = (globalThis as { Excel?: { run: ExcelRun } }).Excel;
  if (!excel) {
    throw new ExcelHostError('no_excel', {
      zh: '未检测到 Excel：请在 Excel 中通过“开始”选项卡上的“服务之星”按钮打开本任务窗格。',
      en: 'Excel was not found: open this task pane from the Service Star button on the Home tab in Excel.',
    });
  }
  return excel.run.bind(excel) as ExcelRun;
}

function megabytes(bytes: number): string {
  return Math.ceil(bytes / 1_048_576).toLocaleString('en-US');
}

/** The refusal of a workbook whose input tabs the task pane's memory could not hold. */
function memoryMessage(cells: number, need: number, free: number): { zh: string; en: string } {
  const n = cells.toLocaleString('en-US');
  return {
    zh: `输入工作表共有 ${n} 个单元格，计算约需 ${megabytes(need)} MB 内存，而任务窗格当前可用约 ${megabytes(free)} MB，无法在 Excel 中完成。请关闭其他工作簿或浏览器标签页后重试，或删除多余的行或列（或把历史数据移到另一个工作簿），也可以使用命令行版本。`,
    en: `The input tabs hold ${n} cells; computing them needs about ${megabytes(need)} MB of memory and the task pane has about ${megabytes(free)} MB free, so it cannot be done in Excel. Close other workbooks or browser tabs and try again, or remove unused rows or columns (or move old data to another workbook), or use the command line.`,
  };
}

/**
 * Refuse a read the heap could not hold: HEAP_BYTES_PER_CELL per input cell
 * against HEAP_SHARE of the free heap. Without a heap measure nothing is refused.
 * @throws ExcelHostError `not_enough_memory`
 */
export function checkHeapFor(cells: number, heap: HeapInfo | null): void {
  if (!heap) return;
  const need = cells * HEAP_BYTES_PER_CELL;
  const free = Math.max(0, heap.limit - heap.used);
  if (need > free * HEAP_SHARE) throw new ExcelHostError('not_enough_memory', memoryMessage(cells, need, free));
}

function cellsMessage(total: number, max: number): { zh: string; en: string } {
  const n = total.toLocaleString('en-US');
  const m = max.toLocaleString('en-US');
  return {
    zh: `输入工作表共有 ${n} 个单元格，超过 Excel 加载项一次可读取的 ${m} 个。请删除多余的行或列（或把历史数据移到另一个工作簿）后再计算，也可以使用命令行版本。`,
    en: `The input tabs hold ${n} cells, more than the ${m} the Excel add-in reads at once. Remove unused rows or columns (or move old data to another workbook) and compute again, or use the command line.`,
  };
}

/** Build the Excel WorkbookHost. */
export function createExcelHost(options: ExcelHostOptions = {}): StreamingExcelHost {
  const maxCells = options.maxInputCells ?? Number.POSITIVE_INFINITY;
  const heap = options.heap ?? browserHeap;
  const budget = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  const readMax = options.readMaxBytes ?? READ_MAX_BYTES;
  const firstRows = options.firstBlockRows ?? FIRST_BLOCK_ROWS;
  const run = (): ExcelRun => options.run ?? defaultRun();

  /** See StreamingExcelHost.readTabsInBlocks. */
  async function readInBlocks(names: string[], onBlock: BlockSink, onSize?: (rows: number[]) => void): Promise<void> {
    if (names.length === 0) return;
    await run()(async (context) => {
      const sheets = context.workbook.worksheets;
      const used = names.map((name) => {
        const range = sheets.getItem(name).getUsedRangeOrNullObject(true);
        range.load('rowIndex,columnIndex,rowCount,columnCount');
        return range;
      });
      await context.sync();
      const extents = used.map((r) => (r.isNullObject ? null : { rows: r.rowIndex + r.rowCount, cols: r.columnIndex + r.columnCount }));
      const total = extents.reduce((sum, e) => sum + (e ? e.rows * e.cols : 0), 0);
      if (total > maxCells) throw new ExcelHostError('too_many_cells', cellsMessage(total, maxCells));
      checkHeapFor(total, heap());
      onSize?.(extents.map((e) => e?.rows ?? 0));

      const reads = extents.map((e, i): TabRead | null => (e
        ? { name: names[i], rows: e.rows, cols: e.cols, next: 0, sink: (rows) => onBlock(i, rows), measure: { rows: 0, bytes: 0, lastRows: 0, lastBytes: 0 } }
        : null));
      await readAll(context, reads.filter((r): r is TabRead => r !== null), readMax, firstRows);
    });
  }

  return {
    /** @throws ExcelHostError when Excel is not available */
    async listTabs(): Promise<string[]> {
      return run()(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load('items/name');
        await context.sync();
        return sheets.items.map((s) => s.name);
      });
    },

    /**
     * Each tab from A1 to its last used cell, so row numbers match what the user
     * sees (header = row 1) exactly as on Google Sheets. Excel serial dates stay
     * numbers: core coerces serials in date columns to calendar days.
     * @throws ExcelHostError `not_enough_memory` when the heap could not hold the
     *   tabs, `too_many_cells` above an explicit cap (nothing read either way),
     *   `response_too_large` for a single row Excel cannot return
     */
    async readTabs(names: string[]): Promise<RawTab[]> {
      const tabs: RawTab[] = names.map((name) => ({ name, rows: [] }));
      await readInBlocks(names, (t, rows) => {
        const out = tabs[t].rows;
        for (const row of rows) out.push(row);
      });
      return tabs;
    },

    readTabsInBlocks: readInBlocks,

    /**
     * Replace each output tab: write to a temporary sheet in chunks, then delete
     * the old tab and rename, in the batch of the last chunk.
     * @throws the Office.js error of a failed batch, after removing the temporary sheet
     */
    async writeTabs(tabs: OutputTab[]): Promise<void> {
      if (tabs.length === 0) return;
      // Checked before anything is written: a rename that fails after the old tab was deleted would lose it.
      for (const tab of tabs) {
        const why = badSheetName(tab.name);
        if (why) {
          throw new ExcelHostError('bad_tab_name', {
            zh: `输出工作表名“${tab.name}”在 Excel 中无效（${why}），未写入任何内容。`,
            en: `The output tab name "${tab.name}" is not valid in Excel (${why}); nothing was written.`,
          });
        }
      }
      await run()(async (context) => {
        const sheets = context.workbook.worksheets;
        // One sync finds every old tab (to replace, keeping its position) and any
        // temporary sheet left behind by an interrupted run.
        const probes = tabs.map((tab) => {
          const old = sheets.getItemOrNullObject(tab.name);
          old.load('position');
          const stale = sheets.getItemOrNullObject(tempName(tab.name));
          stale.load('name');
          return { old, stale };
        });
        // The other-language twins the tabs replace (issue 13), found in the same sync.
        const twins = tabs.flatMap((t) => (t.replaces ?? []).filter((n) => n.toLowerCase() !== t.name.toLowerCase()))
          .map((n) => sheets.getItemOrNullObject(n));
        await context.sync();
        for (let t = 0; t < tabs.length; t++) {
          await writeOne(context, tabs[t], probes[t].old, probes[t].stale, budget);
        }
        // Only when one exists: a run in the same language makes no extra sync.
        const found = twins.filter((w) => !w.isNullObject);
        if (found.length) {
          for (const w of found) w.delete();
          await context.sync();
        }
      });
    },
  };
}

async function writeOne(
  context: Excel.RequestContext,
  tab: OutputTab,
  old: Excel.Worksheet,
  stale: Excel.Worksheet,
  budget: number,
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const width = tabWidth(tab);
  // Chunks still to send, first first; a refused one is replaced by its two halves.
  const queue = planChunks(tab, width, budget);
  if (queue.length === 0) queue.push({ start: 0, end: 0, bytes: 0 });
  const tmp = tempName(tab.name);
  // The temporary sheet, once a batch that added it has been applied.
  let sheet: Excel.Worksheet | null = null;
  try {
    while (queue.length > 0) {
      const { start, end } = queue[0];
      const last = queue.length === 1;
      // Before the batch's writes, so none of them recalculates the workbook.
      context.application.suspendApiCalculationUntilNextSync();
      let ws: Excel.Worksheet | null = sheet;
      if (!ws) {
        if (!stale.isNullObject) stale.delete();
        ws = sheets.add(tmp);
      }
      if (end > start) writeRows(ws, tab, width, start, end);
      if (last) finishTab(ws, tab, width, old);
      try {
        await context.sync();
      } catch (error) {
        if (!isRequestTooLarge(error)) throw error;
        // Excel refused the request whole (nothing of it applied, not even an add): send the chunk as two halves.
        queue.splice(0, 1, ...halveChunk(queue[0], tab.name));
        continue;
      }
      sheet = ws;
      queue.shift();
    }
  } catch (error) {
    await removeTemp(context, tmp);
    throw error;
  }
}

/**
 * The two halves of a chunk Excel refused as too large.
 * @throws ExcelHostError `request_too_large` for a single row (no retry can make it smaller)
 */
export function halveChunk(chunk: ChunkPlan, tabName: string): ChunkPlan[] {
  const rows = chunk.end - chunk.start;
  if (rows <= 1) {
    throw new ExcelHostError('request_too_large', {
      zh: `输出工作表“${tabName}”第 ${chunk.start + 1} 行的内容超过 Excel 单次可写入的大小，无法写入，未修改原有结果。可以使用 Excel 桌面版或命令行版本。`,
      en: `Row ${chunk.start + 1} of the output tab "${tabName}" is more than Excel accepts in one request, so it cannot be written; the previous results were kept. Use Excel desktop or the command line.`,
    });
  }
  const mid = chunk.start + Math.floor(rows / 2);
  return [
    { start: chunk.start, end: mid, bytes: Math.ceil(chunk.bytes / 2) },
    { start: mid, end: chunk.end, bytes: Math.ceil(chunk.bytes / 2) },
  ];
}

/** Queue rows [start, end) of a tab: number formats first, so a string lands in a cell already formatted as text. */
function writeRows(ws: Excel.Worksheet, tab: OutputTab, width: number, start: number, end: number): void {
  const values: (string | number | boolean)[][] = [];
  const formats: string[][] = [];
  for (let r = start; r < end; r++) {
    const enc = encodeRow(tab.rows[r], tab.formats, width);
    values.push(enc.values);
    formats.push(enc.formats);
  }
  const range = ws.getRangeByIndexes(start, 0, end - start, width);
  range.numberFormat = formats;
  range.values = values;
  queueLinks(ws, tab, start, end);
}

/** The last batch of a tab: header style, explicit column widths, then the old tab replaced by this one. */
function finishTab(ws: Excel.Worksheet, tab: OutputTab, width: number, old: Excel.Worksheet): void {
  queueCharts(ws, tab);
  if (tab.rows.length > 0) {
    ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
    ws.freezePanes.freezeRows(1);
    setColumnWidths(ws, columnWidths(tab.rows, width));
  }
  if (!old.isNullObject) {
    const position = old.position;
    old.delete();
    ws.name = tab.name;
    ws.position = position;
  } else {
    ws.name = tab.name;
  }
}


const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A template row for Excel: ISO days in date columns become real dates (serials formatted yyyy-mm-dd), not text. */
function withDates(row: Cell[], formats: ColumnFormat[]): Cell[] {
  return row.map((cell, c) => {
    if (formats[c] !== 'date' || typeof cell !== 'string') return cell;
    const m = ISO_DAY.exec(cell);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : cell;
  });
}

export interface AddTabsOptions {
  /** Write header notes (`worksheet.notes`, ExcelApi 1.18); without it notes are left out. */
  notes: boolean;
  maxPayloadBytes?: number;
}

/**
 * Add new tabs (templates, issue 7) in one `Excel.run`: `choose` gets the tab
 * names the workbook has now and says what to add. Each tab is written to a
 * temporary sheet and renamed in the last batch; Excel refuses a rename onto a
 * name that exists, so a tab of the user's is never written over, even one
 * created meanwhile. Syncs: one to list the names, one per ~4 MB of values
 * (a template is one), whatever the number of tabs.
 * @returns what `choose` returned
 * @throws ExcelHostError for a name Excel would refuse (nothing written), else
 *   the Office.js error, after removing the temporary sheets
 */
export async function addTabs<T extends { add: OutputTab[] }>(run: ExcelRun, choose: (existing: string[]) => T, options: AddTabsOptions): Promise<T> {
  const budget = options.maxPayloadBytes ?? MAX_PAYLOAD_BYTES;
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await context.sync();
    const existing = sheets.items.map((s) => s.name);
    const plan = choose(existing);
    for (const tab of plan.add) {
      const why = badSheetName(tab.name);
      if (why) {
        throw new ExcelHostError('bad_tab_name', {
          zh: `工作表名“${tab.name}”在 Excel 中无效（${why}），未写入任何内容。`,
          en: `The tab name "${tab.name}" is not valid in Excel (${why}); nothing was written.`,
        });
      }
    }
    if (plan.add.length === 0) return plan;
    const written: Excel.Worksheet[] = [];
    try {
      let pending = 0;
      // Every batch starts with calculation suspended, so none of its writes recalculates.
      context.application.suspendApiCalculationUntilNextSync();
      for (const tab of plan.add) {
        const width = tabWidth(tab);
        const rows = tab.rows.map((r) => withDates(r, tab.formats));
        // A temporary sheet left by an interrupted run is ours (its prefix says so).
        if (existing.some((n) => n.toLowerCase() === tempName(tab.name).toLowerCase())) sheets.getItem(tempName(tab.name)).delete();
        const ws = sheets.add(tempName(tab.name));
        written.push(ws);
        for (const chunk of planChunks({ ...tab, rows }, width, budget)) {
          if (pending > 0 && pending + chunk.bytes > budget) {
            await context.sync();
            pending = 0;
            context.application.suspendApiCalculationUntilNextSync();
          }
          const values: (string | number | boolean)[][] = [];
          const formats: string[][] = [];
          for (let r = chunk.start; r < chunk.end; r++) {
            const enc = encodeRow(rows[r], tab.formats, width);
            values.push(enc.values);
            formats.push(enc.formats);
          }
          const range = ws.getRangeByIndexes(chunk.start, 0, chunk.end - chunk.start, width);
          range.numberFormat = formats;
          range.values = values;
          pending += chunk.bytes;
        }
        if (tab.rows.length > 0) {
          ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
          ws.freezePanes.freezeRows(1);
          setColumnWidths(ws, columnWidths(rows, width));
        }
        if (options.notes && tab.notes) {
          // One queued command per note (the API adds one cell at a time); they travel in the same sync.
          tab.notes.forEach((note, c) => {
            if (!note) return;
            ws.notes.add(`${columnLetters(c)}1`, note);
            pending += escapedJsonLength(JSON.stringify(note));
          });
        }
      }
      for (let t = 0; t < plan.add.length; t++) written[t].name = plan.add[t].name;
      await context.sync();
    } catch (error) {
      for (const tab of plan.add) await removeTemp(context, tempName(tab.name));
      throw error;
    }
    return plan;
  });
}

/** Best effort: drop a half-written temporary sheet; the old tab was never touched. */
async function removeTemp(context: Excel.RequestContext, tmp: string): Promise<void> {
  try {
    const leftover = context.workbook.worksheets.getItemOrNullObject(tmp);
    leftover.load('name');
    await context.sync();
    if (!leftover.isNullObject) {
      leftover.delete();
      await context.sync();
    }
  } catch {
    // The original error is what the user needs to see; a leftover "~tmp" sheet is harmless.
  }
}
