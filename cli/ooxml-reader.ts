/**
 * Reading the values of an .xlsx (Office Open XML) workbook, from any program
 * that writes one: Excel, WPS, LibreOffice, Google Sheets and Numbers exports,
 * openpyxl and other scripts. Only what a run needs is read — the workbook's
 * sheet list and 1904 flag, shared strings, the number formats that make a
 * number a date, and each worksheet's cell values — so parts a reader does not
 * need (notes, drawings, charts, wherever a producer stores them) cannot stop
 * it. Worksheets are inflated and scanned as bytes, a chunk of rows at a time:
 * time and memory stay proportional to the values (measured in docs/PERFORMANCE.md).
 */
import type { Cell, RawTab } from '../core/types';
import { isDateFormat, rectangular, serialToDate } from './cells';
import type { RowsReadFn } from './file-host';
import { entryBytes, entryBytesAsync, entryChunks, zipEntries, ZipFormatError, type ZipEntry } from './zip-entries';


const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

/** Read every worksheet's values, in workbook order. @throws ZipFormatError or zlib's error */
export async function readOoxml(buf: Buffer, onRows?: RowsReadFn): Promise<RawTab[]> {
  const book = openOoxml(buf);
  const tabs: RawTab[] = [];
  const names: string[] = [];
  let total = 0;
  for (let i = 0; i < book.names.length; i++) {
    names.push(book.names[i]);
    tabs.push(await book.readAt(i, (n) => {
      total += n;
      if (onRows && n > 0) onRows(total, names);
    }));
  }
  onRows?.(total, names);
  return tabs;
}

/** A workbook whose sheet list is known and whose worksheets are read one by one, when asked. */
export interface OoxmlBook {
  /** The worksheets' names, in workbook order (chart and dialog sheets, which hold no table, left out). */
  readonly names: readonly string[];
  /** The values of the worksheet at `index` of `names`; `onRows` gets the rows read since its last call. @throws ZipFormatError or zlib's error */
  readAt(index: number, onRows?: (rows: number) => void): Promise<RawTab>;
}

/**
 * The workbook's sheet list, read from its small parts only; the shared strings
 * inflate in the background from now on and are searched, with the styles, when a
 * first worksheet is read, and each worksheet when asked for — so a run reads only
 * the tabs it uses.
 * @throws ZipFormatError
 */
export function openOoxml(buf: Buffer): OoxmlBook {
  const entries = zipEntries(buf);
  const text = (name: string): string | null => {
    const e = entries.get(name) ?? caseInsensitive(entries, name);
    return e ? entryBytes(buf, e).toString('utf8') : null;
  };
  const rootRels = parseRels(text('_rels/.rels') ?? '', '');
  const workbookPath = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbookXml = text(workbookPath);
  if (workbookXml === null) throw new ZipFormatError('it has no workbook part (xl/workbook.xml)', '缺少工作簿部分（xl/workbook.xml）');
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = parseRels(text(`${dir}_rels/${workbookPath.slice(dir.length)}.rels`) ?? '', dir);
  const relById = new Map(rels.map((r) => [r.id, r] as const));
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbookXml);

  const sheets: ZipEntry[] = [];
  const names: string[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const attrs = m[1];
    const name = decodeXml(attr(attrs, 'name') ?? '');
    const rid = /\b[\w.-]+:id="([^"]*)"/.exec(attrs)?.[1] ?? attr(attrs, 'id');
    const rel = rid === undefined ? undefined : relById.get(rid);
    if (!rel || !/\/worksheet$/.test(rel.type)) continue; // chart sheets and dialog sheets hold no table
    const entry = entries.get(rel.target) ?? caseInsensitive(entries, rel.target);
    if (!entry) throw new ZipFormatError(`the sheet “${name}” has no part ${rel.target}`, `工作表“${name}”缺少 ${rel.target}`);
    sheets.push(entry);
    names.push(name);
  }
  // The shared strings part (10 MB in the benchmark's M workbook) inflates on the thread pool from
  // the moment the workbook is opened, while the run plans what to read; its errors wait for a first read.
  const sstPath = rels.find((r) => /\/sharedStrings$/.test(r.type))?.target ?? `${dir}sharedStrings.xml`;
  const sst = entries.get(sstPath) ?? caseInsensitive(entries, sstPath);
  const sstBytes = sst ? entryBytesAsync(buf, sst) : Promise.resolve(Buffer.alloc(0));
  sstBytes.catch(() => undefined);
  let ctx: Promise<SheetContext> | null = null;
  const context = (): Promise<SheetContext> => {
    ctx ??= sstBytes.then((bytes) => {
      const stylesPath = rels.find((r) => /\/styles$/.test(r.type))?.target ?? `${dir}styles.xml`;
      return { strings: new SharedStrings(bytes), dateStyles: parseDateStyles(text(stylesPath) ?? ''), date1904, dates: new Map() };
    });
    return ctx;
  };
  return {
    names,
    async readAt(index, onRows) {
      const rows = await readSheet(buf, sheets[index], await context(), onRows ?? (() => undefined));
      return { name: names[index], rows: rectangular(rows) };
    },
  };
}

function caseInsensitive(entries: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
  const low = name.toLowerCase();
  for (const [k, e] of entries) if (k.toLowerCase() === low) return e;
  return undefined;
}

interface Rel { id: string; type: string; target: string }

/** Relationships of a part; targets resolved to zip entry names (absolute `/xl/…` as openpyxl writes, or relative to `dir`). */
function parseRels(xml: string, dir: string): Rel[] {
  const out: Rel[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = m[1];
    if (attr(a, 'TargetMode') === 'External') continue;
    const target = decodeXml(attr(a, 'Target') ?? '');
    out.push({ id: attr(a, 'Id') ?? '', type: attr(a, 'Type') ?? '', target: resolvePart(dir, target) });
  }
  return out;
}

/** A relationship's target as a part name of the package, from the folder of the part that points at it. */
export function resolvePart(dir: string, target: string): string {
  const full = target.startsWith('/') ? target.slice(1) : dir + target;
  const parts: string[] = [];
  for (const p of full.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** XML entities and OOXML's `_xHHHH_` escapes (how a CR or a control character is stored). */
export function decodeXml(s: string): string {
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
      switch (e) {
        case 'amp': return '&';
        case 'lt': return '<';
        case 'gt': return '>';
        case 'quot': return '"';
        case 'apos': return "'";
        default: return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      }
    });
  }
  if (s.includes('_x')) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** The text of each `<si>`: its `<t>` runs, leaving out phonetic guides (`<rPh>`). */
function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) {
    out.push(runText(m[1] ?? ''));
  }
  return out;
}

/**
 * The shared strings table, each `<si>` decoded when a cell first refers to it.
 * The table holds the strings of every tab, and a run reads only some tabs: in
 * the benchmark's M workbook the tabs a run reads use 0.2 MB of a 10 MB table (the
 * rest is case texts and reviews), so only the `<si>` positions are found up front
 * (a byte search) and the inflated bytes kept instead of one 20 MB string.
 * A table whose items the byte search cannot find (an `<si>` under another
 * prefix than the root's) is parsed whole, as text.
 */
export class SharedStrings {
  /** Where each item's content starts and ends in `bytes`; an empty `<si/>` has start = end. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly decoded: (string | undefined)[];
  private readonly parsed: string[] | null = null;

  constructor(private readonly bytes: Buffer) {
    const head = bytes.toString('latin1', 0, Math.min(bytes.length, 4096));
    const prefix = /<([A-Za-z_][\w.-]*:)?sst\b/.exec(head)?.[1] ?? '';
    const open = Buffer.from(`<${prefix}si`, 'latin1');
    const close = Buffer.from(`</${prefix}si>`, 'latin1');
    let i = bytes.indexOf(open);
    while (i >= 0) {
      const after = i + open.length;
      const d = bytes[after];
      if (d === GT || d === SLASH || d === 32 || d === 9 || d === 10 || d === 13) {
        const gt = tagEnd(bytes, after, bytes.length);
        if (gt >= bytes.length) break;
        if (bytes[gt - 1] === SLASH) {
          this.starts.push(gt + 1);
          this.ends.push(gt + 1);
          i = bytes.indexOf(open, gt + 1);
          continue;
        }
        const z = bytes.indexOf(close, gt + 1);
        if (z < 0) break;
        this.starts.push(gt + 1);
        this.ends.push(z);
        i = bytes.indexOf(open, z + close.length);
        continue;
      }
      i = bytes.indexOf(open, after);
    }
    if (this.starts.length === 0 && bytes.length > 0) this.parsed = parseSharedStrings(bytes.toString('utf8'));
    this.decoded = new Array(this.parsed ? 0 : this.starts.length);
  }

  /** The text of item n, or undefined when the table has no such item. */
  get(n: number): string | undefined {
    if (this.parsed) return this.parsed[n];
    let s = this.decoded[n];
    if (s === undefined && n < this.starts.length) {
      const a = this.starts[n];
      const z = this.ends[n];
      s = a === z ? '' : runText(this.bytes.toString('utf8', a, z));
      this.decoded[n] = s;
    }
    return s;
  }
}

function runText(inner: string): string {
  if (inner.includes('rPh')) inner = inner.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let text = '';
  for (const t of inner.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([^<]*)<\/(?:\w+:)?t>)/g)) text += t[1] ?? '';
  return decodeXml(text);
}

/**
 * Built-in number formats that show a date or time: 14–22 and 45–47 everywhere,
 * 27–36 and 50–58 the East Asian date formats (年月日) WPS and Chinese Excel use.
 */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cell style (`s` index), whether its number format is a date or time. */
function parseDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const id = Number(attr(m[1], 'numFmtId'));
    if (Number.isFinite(id)) custom.set(id, decodeXml(attr(m[1], 'formatCode') ?? ''));
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: boolean[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) {
    const id = Number(attr(m[1], 'numFmtId') ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

interface SheetContext {
  strings: SharedStrings;
  dateStyles: boolean[];
  date1904: boolean;
  /**
   * Date cells by serial number: a tab of 300,000 rows holds a few hundred distinct
   * days, so each is one Date shared by its cells (nothing changes a Date cell),
   * not one object per cell kept for the whole run.
   */
  dates: Map<number, Date>;
}

/** Distinct serials remembered per workbook; past this (timestamps) each cell gets its own Date. */
const DATE_CACHE_LIMIT = 20_000;

const LT = 60, GT = 62, SLASH = 47, QUOT = 34, APOS = 39, EQ = 61, AMP = 38, UNDERSCORE = 95;

/**
 * One worksheet's rows. The inflated XML arrives in chunks; each is scanned up to
 * its last `</row>` (which cannot occur inside text, where `<` is escaped) and the
 * rest carried into the next chunk.
 */
async function readSheet(buf: Buffer, entry: ZipEntry, ctx: SheetContext, onRows: (n: number) => void): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  const state: ScanState = { prefix: null, rowEnd: null, nextRow: 0, rows, ctx, tail: '', width: 0, filled: 0 };
  let carry: Buffer | null = null;
  for await (const chunk of entryChunks(buf, entry, 4 << 20)) {
    let data: Buffer = chunk;
    let from = 0;
    if (carry && state.prefix !== null) {
      // Finish the row cut at the end of the previous chunk on a small joined piece, then scan this chunk in place.
      const first = chunk.indexOf(state.rowEnd!);
      if (first < 0) { carry = Buffer.concat([carry, chunk]); continue; }
      const joined = Buffer.concat([carry, chunk.subarray(0, first + state.rowEnd!.length)]);
      const before = rows.length;
      scanRows(joined, 0, joined.length, state);
      onRows(countNew(rows, before));
      carry = null;
      from = first + state.rowEnd!.length;
    } else if (carry) {
      data = Buffer.concat([carry, chunk]);
      carry = null;
    }
    if (state.prefix === null) {
      const root = rootPrefix(data);
      if (root === null) { carry = data; continue; }
      state.prefix = root;
      state.rowEnd = Buffer.from(`</${root}row>`, 'latin1');
    }
    const cut = data.lastIndexOf(state.rowEnd!);
    if (cut < from) { carry = Buffer.from(data.subarray(from)); continue; }
    const end = cut + state.rowEnd!.length;
    const before = rows.length;
    scanRows(data, from, end, state);
    onRows(countNew(rows, before));
    carry = end < data.length ? Buffer.from(data.subarray(end)) : null;
  }
  if (carry) {
    if (state.prefix === null) {
      state.prefix = rootPrefix(carry) ?? '';
      state.rowEnd = Buffer.from(`</${state.prefix}row>`, 'latin1');
    }
    const before = rows.length;
    scanRows(carry, 0, carry.length, state);
    onRows(countNew(rows, before));
    state.tail = carry.toString('utf8');
  }
  applyMerges(rows, state.tail);
  // Rows with no value are holes here: rectangular() makes them blank rows of the tab's width.
  return rows;
}

function countNew(rows: Cell[][], before: number): number {
  return Math.max(0, rows.length - before);
}

/** Namespace prefix of the root element (`x:` for `<x:worksheet`), '' for none; null until the root is in the data. */
function rootPrefix(data: Buffer): string | null {
  const head = data.toString('latin1', 0, Math.min(data.length, 4096));
  const m = /<([A-Za-z_][\w.-]*:)?worksheet\b/.exec(head);
  if (m) return m[1] ?? '';
  return data.length > 65536 ? '' : null;
}

interface ScanState {
  prefix: string | null;
  rowEnd: Buffer | null;
  /** 0-based index the next row without an `r` gets. */
  nextRow: number;
  rows: Cell[][];
  ctx: SheetContext;
  /** What follows the last row (merged ranges), as text. */
  tail: string;
  /**
   * Columns up to the last value of the last row that had one: the next row's
   * array is made this long at once. Rows of a table are mostly as wide as the one
   * before, and an array grown cell by cell holds more than twice the slots, all of
   * which the garbage collector copies while the tab is read (never wider than the
   * tab: a value in a column makes the tab at least that wide).
   */
  width: number;
  /** Columns up to the last value scanCells stored in its row (0: none). */
  filled: number;
}

/** Whether `b[i..]` holds `<prefix` + `name` followed by a delimiter. Returns the index after the name, or -1. */
function tagAt(b: Buffer, i: number, end: number, prefix: string, name: string): number {
  let j = i + 1;
  if (b[j] === SLASH) return -1;
  for (let k = 0; k < prefix.length; k++, j++) if (b[j] !== prefix.charCodeAt(k)) return -1;
  for (let k = 0; k < name.length; k++, j++) if (b[j] !== name.charCodeAt(k)) return -1;
  if (j >= end) return -1;
  const d = b[j];
  return d === GT || d === SLASH || d === 32 || d === 9 || d === 10 || d === 13 ? j : -1;
}

/**
 * `b.indexOf(c, from)` for a byte that is usually a few bytes away (a closing
 * quote, the next `<`): a loop over the next 64 bytes first, as a native call
 * costs more than the bytes it would skip, then the native search.
 */
function indexOfByte(b: Buffer, c: number, from: number): number {
  const stop = Math.min(b.length, from + 64);
  for (let i = from; i < stop; i++) if (b[i] === c) return i;
  return stop >= b.length ? -1 : b.indexOf(c, stop);
}

/** Index of the `>` closing the tag whose attributes start at i, skipping quoted values. */
function tagEnd(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c === GT) return i;
    if (c === QUOT || c === APOS) {
      const q = indexOfByte(b, c, i + 1);
      i = q < 0 ? end : q + 1;
      continue;
    }
    i++;
  }
  return end;
}

/** Text content bytes [a, z) decoded. */
function textOf(b: Buffer, a: number, z: number): string {
  let plain = true;
  for (let i = a; i < z; i++) {
    const c = b[i];
    if (c === AMP || c === UNDERSCORE) { plain = false; break; }
  }
  const s = b.toString('utf8', a, z);
  return plain ? s : decodeXml(s);
}

/** Column number (1-based) from a reference's letters at [a, z); 0 when there are none. */
function columnOf(b: Buffer, a: number, z: number): number {
  let col = 0;
  for (let i = a; i < z; i++) {
    const c = b[i];
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

/** Non-negative integer at [a, z), or -1 when the bytes are not one. */
function intOf(b: Buffer, a: number, z: number): number {
  if (z <= a || z - a > 15) return -1;
  let n = 0;
  for (let i = a; i < z; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function numberOf(b: Buffer, a: number, z: number): number | null {
  const n = intOf(b, a, z);
  if (n >= 0) return n;
  const s = b.toString('latin1', a, z).trim();
  if (s === '') return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function scanRows(b: Buffer, from: number, end: number, st: ScanState): void {
  const p = st.prefix!;
  let i = from;
  while (i < end) {
    i = indexOfByte(b, LT, i);
    if (i < 0 || i >= end) return;
    const after = tagAt(b, i, end, p, 'row');
    if (after < 0) { i++; continue; }
    // Row attributes: only r matters.
    const close = tagEnd(b, after, end);
    let rowIndex = st.nextRow;
    const rAt = findAttr(b, after, close, 114 /* r */);
    if (rAt >= 0) {
      const q = b[rAt];
      const z = indexOfByte(b, q, rAt + 1);
      const n = intOf(b, rAt + 1, z);
      if (n > 0) rowIndex = n - 1;
    }
    st.nextRow = rowIndex + 1;
    if (b[close - 1] === SLASH) { i = close + 1; continue; } // <row …/>: an empty row
    const line: Cell[] = new Array(st.width);
    i = scanCells(b, close + 1, end, st, line);
    if (st.filled > 0) {
      st.rows[rowIndex] = line;
      st.width = st.filled;
    } else if (st.rows.length <= rowIndex) st.rows.length = rowIndex + 1;
  }
}

/** Position of the quote opening the value of the one-letter attribute `letter` in [a, z), or -1. */
function findAttr(b: Buffer, a: number, z: number, letter: number): number {
  let i = a;
  while (i < z) {
    const c = b[i];
    if (c === QUOT || c === APOS) {
      const q = indexOfByte(b, c, i + 1);
      i = q < 0 ? z : q + 1;
      continue;
    }
    if (c === letter && (b[i - 1] === 32 || b[i - 1] === 9 || b[i - 1] === 10 || b[i - 1] === 13)) {
      let j = i + 1;
      while (b[j] === 32) j++;
      if (b[j] === EQ) {
        j++;
        while (b[j] === 32) j++;
        if (b[j] === QUOT || b[j] === APOS) return j;
      }
    }
    i++;
  }
  return -1;
}

function isDelim(c: number): boolean {
  return c === GT || c === SLASH || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Start of an element's local name after the `<` (or `</`) at i, the prefix skipped. */
function nameStart(b: Buffer, i: number, prefixLength: number): number {
  return i + 1 + (b[i + 1] === SLASH ? 1 : 0) + prefixLength;
}

const T_NUMBER = 0, T_SHARED = 1, T_INLINE = 2, T_STR = 3, T_BOOL = 4, T_ERROR = 5, T_DATE = 6;

/** The cell type attribute's value at [a, z) as a code. */
function typeCode(b: Buffer, a: number, z: number): number {
  const len = z - a;
  switch (b[a]) {
    case 115: return len === 1 ? T_SHARED : T_STR; // s, str
    case 105: return T_INLINE; // inlineStr
    case 98: return T_BOOL;
    case 101: return T_ERROR;
    case 100: return T_DATE;
    default: return T_NUMBER;
  }
}

/** Index of the next `<` at or after i, or `end`: a byte loop (cells are a few dozen bytes apart, shorter than Buffer.indexOf's call). */
function nextLt(b: Buffer, i: number, end: number): number {
  while (i < end && b[i] !== LT) i++;
  return i;
}

/** Index of the quote `q` closing a value that starts at i, or `end`. */
function closingQuote(b: Buffer, i: number, end: number, q: number): number {
  while (i < end && b[i] !== q) i++;
  return i;
}

/** Scan the cells of one row from i; returns the index after `</row>`. */
function scanCells(b: Buffer, i: number, end: number, st: ScanState, line: Cell[]): number {
  const p = st.prefix!;
  const pl = p.length;
  const ctx = st.ctx;
  let nextCol = 0;
  let filled = 0;
  st.filled = 0;
  while (i < end) {
    i = nextLt(b, i, end);
    if (i >= end) { st.filled = filled; return end; }
    const n = nameStart(b, i, pl);
    if (b[i + 1] === SLASH) {
      i = tagEnd(b, n, end) + 1;
      if (b[n] === 114 && b[n + 1] === 111 && b[n + 2] === 119 && isDelim(b[n + 3])) { st.filled = filled; return i; } // </row>
      continue;
    }
    if (!(b[n] === 99 && isDelim(b[n + 1]))) { i = tagEnd(b, n, end) + 1; continue; } // not <c
    // Attributes r (reference), s (style), t (type), in one pass up to the tag's `>`.
    let col = nextCol;
    let style = 0;
    let type = T_NUMBER;
    let j = n + 1;
    let close = end;
    while (j < end) {
      const c = b[j];
      if (c === GT) { close = j; break; }
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === SLASH) { j++; continue; }
      // An attribute: its name up to `=`, then a quoted value.
      const nameAt = j;
      while (j < end && b[j] !== EQ && b[j] !== GT && b[j] !== 32 && b[j] !== 9 && b[j] !== 10 && b[j] !== 13) j++;
      const nameEnd = j;
      while (j < end && (b[j] === 32 || b[j] === 9 || b[j] === 10 || b[j] === 13)) j++;
      if (b[j] !== EQ) continue; // a name without a value: not well-formed, skipped
      j++;
      while (j < end && (b[j] === 32 || b[j] === 9 || b[j] === 10 || b[j] === 13)) j++;
      const q = b[j];
      if (q !== QUOT && q !== APOS) continue;
      const vA = j + 1;
      const vZ = closingQuote(b, vA, end, q);
      j = vZ + 1;
      if (nameEnd - nameAt !== 1) continue;
      const letter = b[nameAt];
      if (letter === 114 /* r */) {
        const c1 = columnOf(b, vA, vZ);
        if (c1 > 0) col = c1 - 1;
      } else if (letter === 115 /* s */) style = Math.max(0, intOf(b, vA, vZ));
      else if (letter === 116 /* t */) type = typeCode(b, vA, vZ);
    }
    nextCol = col + 1;
    i = close + 1;
    if (b[close - 1] === SLASH) continue; // <c …/>: no value
    // Children: <f>, <v>, <is>; up to </c>.
    let vA = -1, vZ = -1;
    let inline: string | null = null;
    // Most cells are exactly <v>…</v></c> (with the root's prefix): read those without the general loop.
    if (pl === 0 && b[i] === LT && b[i + 1] === 118 /* v */ && b[i + 2] === GT) {
      const z = nextLt(b, i + 3, end);
      if (z + 8 <= end && b[z + 1] === SLASH && b[z + 2] === 118 && b[z + 3] === GT && b[z + 4] === LT && b[z + 5] === SLASH && b[z + 6] === 99 && b[z + 7] === GT) {
        const value = cellValue(b, type, i + 3, z, null, style, ctx);
        if (value !== null) {
          line[col] = value;
          if (col >= filled) filled = col + 1;
        }
        i = z + 8;
        continue;
      }
    }
    while (i < end) {
      i = nextLt(b, i, end);
      if (i >= end) break;
      const cn = nameStart(b, i, pl);
      if (b[i + 1] === SLASH) {
        i = tagEnd(b, cn, end) + 1;
        if (b[cn] === 99 && isDelim(b[cn + 1])) break; // </c>
        continue;
      }
      const childClose = tagEnd(b, cn, end);
      if (b[cn] === 118 && isDelim(b[cn + 1])) { // <v>
        if (b[childClose - 1] === SLASH) { i = childClose + 1; continue; }
        vA = childClose + 1;
        vZ = nextLt(b, vA, end);
        i = vZ;
        continue;
      }
      if (b[cn] === 105 && b[cn + 1] === 115 && isDelim(b[cn + 2])) { // <is>
        const closeIs = b.indexOf(`</${p}is>`, childClose + 1, 'latin1');
        const z = closeIs < 0 || closeIs > end ? end : closeIs;
        inline = runText(b.toString('utf8', childClose + 1, z));
        i = z;
        continue;
      }
      i = childClose + 1; // <f …>, extLst and the like
    }
    const value = cellValue(b, type, vA, vZ, inline, style, ctx);
    if (value !== null) {
      line[col] = value;
      if (col >= filled) filled = col + 1;
    }
  }
  st.filled = filled;
  return end;
}

function cellValue(b: Buffer, type: number, vA: number, vZ: number, inline: string | null, style: number, ctx: SheetContext): Cell {
  switch (type) {
    case T_SHARED: {
      if (vA < 0) return null;
      const n = intOf(b, vA, vZ);
      const s = n >= 0 ? ctx.strings.get(n) : undefined;
      return s === undefined || s === '' ? null : s;
    }
    case T_INLINE: {
      const s = inline ?? (vA >= 0 ? textOf(b, vA, vZ) : null);
      return s === null || s === '' ? null : s;
    }
    case T_STR: {
      if (vA < 0) return null;
      const s = textOf(b, vA, vZ);
      return s === '' ? null : s;
    }
    case T_BOOL:
      return vA < 0 ? null : b[vA] === 49 /* 1 */ || b.toString('latin1', vA, vZ).trim() === 'true';
    case T_ERROR:
      return vA < 0 ? null : textOf(b, vA, vZ);
    case T_DATE: {
      if (vA < 0) return null;
      const s = b.toString('latin1', vA, vZ).trim();
      const d = new Date(/T.*(Z|[+-]\d\d:?\d\d)$/.test(s) || !s.includes('T') ? s : `${s}Z`);
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default: {
      if (vA < 0) return null;
      const n = numberOf(b, vA, vZ);
      if (n === null) return null;
      if (!ctx.dateStyles[style]) return n;
      let d = ctx.dates.get(n);
      if (d === undefined) {
        d = serialToDate(n, ctx.date1904);
        if (ctx.dates.size < DATE_CACHE_LIMIT) ctx.dates.set(n, d);
      }
      return d;
    }
  }
}

/** Merged ranges read as in Sheets and Excel: the top-left cell's value, the other cells blank. */
function applyMerges(rows: Cell[][], tail: string): void {
  for (const m of tail.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)"/g)) {
    const c1 = colNumber(m[1]), r1 = Number(m[2]), c2 = colNumber(m[3]), r2 = Number(m[4]);
    for (let r = r1; r <= r2; r++) {
      const row = rows[r - 1];
      if (!row) continue;
      for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) delete row[c - 1];
    }
  }
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

