/**
 * `--out result.xlsx` from an .xlsx source too large to rewrite whole (see
 * FULL_REWRITE_MAX_BYTES in cli/hosts.ts): the same workbook exceljs's streaming
 * writer gave (cli/xlsx-writer.ts writeXlsx) — the input tabs with their values as
 * read, then the output tabs with their number formats, bold header, frozen first
 * row, column widths, cell links, page breaks and data bars — written directly as
 * SpreadsheetML, a chunk of rows at a time, into a zip deflated by node:zlib.
 * exceljs spent most of a big run's time building a cell object per value and a
 * relationship per link; this writer builds text. Strings are always written as
 * strings (a shared-strings table), never as formulas: text starting with = + - @
 * also gets the Text format, as exceljs's writer does. Header notes (templates
 * only) are not written here: a tab with notes goes through exceljs.
 */
import { promises as fsp } from 'node:fs';
import { columnLetters } from '../core/output/a1';
import type { Cell, CellLinks, ColumnFormat, OutputTab, RawTab } from '../core/types';
import { MAX_CELL_CHARS } from './cells';
import { dataBarRanges } from './xlsx-charts';
import { arrange, cannotWrite, columnWidth, FORMULA_LIKE, hasTime, replaceWith, safeSheetNames, xlsxLinkLocationPrefix } from './xlsx-sheets';
import { type ZipEntryWriter, ZipWriter } from './zip-writer';
import { APP_PROPS_NS, CONTENT_TYPES_NS, CORE_PROPS_NS, CORE_PROPS_REL, DC_NS, DCTERMS_NS, MAIN_NS, PKG_REL_NS, REL_NS, XSI_NS } from './ooxml-names';

export interface ValuesWriteOptions {
  /** Creation time stamped in the file's properties (passed in for reproducible files). */
  now?: Date;
  /** Called after each tab with the rows written so far. */
  onRows?: (rows: number) => void;
  /** zlib level (tests and the bench may compare; default 1: a big sheet's XML deflates 3–4× faster than at 6 for a few % more bytes). */
  level?: number;
}

/** True when this writer writes everything of `outputs` (header notes need exceljs's comment parts). */
export function valuesWriterCovers(outputs: OutputTab[]): boolean {
  return !outputs.some((o) => o.notes?.some((n) => n));
}

// Cell styles: indices into CELL_STYLES below (cellXfs 0 … 8 of a new workbook; appended after a copied one's own).
const S_PLAIN = 0;
const S_DAY = 1;
const S_DAY_TIME = 2;
const S_HEADER = 3;
const S_TEXT = 4;
const FORMAT_STYLE: Record<ColumnFormat, number> = { text: S_TEXT, money: 5, percent: 6, number: 7, integer: 8, date: S_DAY, stars: 8 };

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * The cell styles (cellXfs) both writers use, in the order of S_PLAIN … above: a number format — a built-in
 * id where Excel has one (0.00 → 2, 0 → 1, @ → 49 …), as exceljs's writer gave them, else a code given an id
 * from 164 on — and whether the font is bold (the header row).
 */
export const CELL_STYLES: readonly { numFmt: number | string; bold?: true }[] = [
  { numFmt: 0 }, { numFmt: 'yyyy-mm-dd' }, { numFmt: 'yyyy-mm-dd hh:mm:ss' }, { numFmt: 0, bold: true },
  { numFmt: 49 }, { numFmt: 4 }, { numFmt: 10 }, { numFmt: 2 }, { numFmt: 1 },
];

/** The custom number formats of CELL_STYLES, with the ids they get from `firstId` on. */
export function customNumFmts(firstId: number): Map<string, number> {
  const ids = new Map<string, number>();
  for (const s of CELL_STYLES) if (typeof s.numFmt === 'string' && !ids.has(s.numFmt)) ids.set(s.numFmt, firstId + ids.size);
  return ids;
}

/** The `<xf>` element of each of CELL_STYLES: fonts `plainFont` / `boldFont`, fill and border `0`. */
export function cellStyleXfList(numFmtIds: Map<string, number>, plainFont: number, boldFont: number): string[] {
  return CELL_STYLES.map((st) => {
    const id = typeof st.numFmt === 'string' ? numFmtIds.get(st.numFmt)! : st.numFmt;
    const apply = st.bold ? ' applyFont="1"' : id !== 0 ? ' applyNumberFormat="1"' : '';
    return `<xf numFmtId="${id}" fontId="${st.bold ? boldFont : plainFont}" fillId="0" borderId="0" xfId="0"${apply}/>`;
  });
}

const STYLE_FMT_IDS = customNumFmts(164);

/** The styles part of a new workbook (also of a copied one that had none). */
export const NEW_STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">`
  + `<numFmts count="${STYLE_FMT_IDS.size}">${[...STYLE_FMT_IDS].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${code}"/>`).join('')}</numFmts>`
  // No theme part is written, so the fonts name their face and colour instead of referring to a theme.
  + '<fonts count="2"><font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><b/><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/><family val="2"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + `<cellXfs count="${CELL_STYLES.length}">${cellStyleXfList(STYLE_FMT_IDS, 0, 1).join('')}</cellXfs>`
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
  + '<dxfs count="0"/><tableStyles count="0"/></styleSheet>';

/**
 * What a cell of each style (index S_PLAIN …) gets after its `r="B7` — the closing quote and its ` s="…"` —,
 * so a writer can map the styles to where its styles part put them (the copy of a workbook appends them).
 */
export type StyleAttrs = readonly string[];

/** Style attributes from where each style is in cellXfs (null or 0: a plain cell, no `s`). */
export function styleAttrs(xfOf: (style: number) => number | null): StyleAttrs {
  return CELL_STYLES.map((_, i) => {
    const xf = xfOf(i);
    return xf === null || xf === 0 ? '"' : `" s="${xf}"`;
  });
}

const OWN_STYLE_ATTRS = styleAttrs((i) => i);

/** Characters XML 1.0 cannot hold (dropped, as exceljs does), markup, CR (kept as a reference) and text that reads as an `_xHHHH_` escape. */
const NEEDS_ESCAPE = /[&<>"\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
const ESCAPES = /[&<>"\r\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;

export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPES, (c) => {
    switch (c) {
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      case '"': return '&quot;';
      case '\r': return '&#13;';
      // A literal `_x000D_` in the text stays literal: its underscore is escaped (OOXML's own rule).
      case '_': return '_x005F_';
      default: return '';
    }
  });
}


/** Strings of the whole workbook, each written once (the sheets refer to them by index). */
export class SharedStrings {
  readonly index = new Map<string, number>();
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
    }
    return i;
  }
}

/** Bytes collected before they go to the zip entry (one deflate call per chunk). */
const CHUNK_BYTES = 1 << 20;

/**
 * A zip entry's text, encoded into a byte buffer a row at a time and handed to
 * the deflater a chunk at a time. Encoding each row as it comes keeps V8 from
 * building (and later flattening) one long string of the whole chunk, which cost
 * more than the deflating.
 */
export class ChunkedText {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(private readonly entry: ZipEntryWriter) {}

  /** Append; returns a promise (to await) when the deflater wants to catch up. */
  push(text: string): Promise<void> | undefined {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 <= this.buf.length) {
      this.used += this.buf.write(text, this.used, 'utf8');
      return undefined;
    }
    const waited = this.flush();
    if (text.length * 3 <= this.buf.length) {
      this.used = this.buf.write(text, 0, 'utf8');
      return waited;
    }
    const more = this.entry.write(Buffer.from(text, 'utf8'));
    return waited && more ? waited.then(() => more) : waited ?? more;
  }

  /** Make room for `bytes` more (at most CHUNK_BYTES), flushing the chunk first when it is too full. */
  room(bytes: number): Promise<void> | undefined {
    return this.used + bytes <= this.buf.length ? undefined : this.flush();
  }

  /**
   * Append text whose every code unit is ASCII (below 0x80), byte by byte, into
   * the room made by room(): shorter than a Buffer#write call per piece, and no
   * string per cell or row to build first.
   */
  ascii(text: string): void {
    const buf = this.buf;
    let used = this.used;
    for (let i = 0; i < text.length; i++) buf[used++] = text.charCodeAt(i);
    this.used = used;
  }

  /** Append text of any characters into the room made by room() (at least 3 bytes per code unit). */
  utf8(text: string): void {
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const full = this.buf.subarray(0, this.used);
    // The deflater keeps the chunk until it has read it: the next rows go to a new buffer.
    this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    return this.entry.write(full);
  }

  async end(): Promise<void> {
    await this.flush();
    await this.entry.end();
  }
}

/**
 * Write inputs (values as read) and outputs to one .xlsx file, as writeXlsx does.
 * @throws CliError when the file cannot be written (folder missing, no permission, file open elsewhere).
 */
export async function writeValuesXlsx(path: string, inputs: RawTab[], outputs: OutputTab[], options: ValuesWriteOptions = {}): Promise<void> {
  const sheets = arrange(inputs, outputs);
  const names = safeSheetNames(sheets.map((s) => s.tab.name));
  const tmp = `${path}.${process.pid}.tmp`;
  let zip: ZipWriter | null = null;
  try {
    zip = new ZipWriter(tmp, options.level ?? 1);
    const strings = new SharedStrings();
    let total = 0;
    for (let i = 0; i < sheets.length; i++) {
      const sheet = sheets[i];
      const out = new ChunkedText(zip.entry(`xl/worksheets/sheet${i + 1}.xml`));
      if (sheet.kind === 'input') await writeInputSheet(out, sheet.tab, strings);
      else await writeOutputSheet(out, sheet.tab, strings, OWN_STYLE_ATTRS);
      await out.end();
      total += sheet.tab.rows.length;
      options.onRows?.(total);
    }
    await writeSharedStrings(new ChunkedText(zip.entry('xl/sharedStrings.xml')), strings);
    await zip.add('xl/styles.xml', NEW_STYLES_XML);
    await zip.add('xl/workbook.xml', workbookXml(names));
    await zip.add('xl/_rels/workbook.xml.rels', workbookRels(names.length));
    await zip.add('[Content_Types].xml', contentTypes(names.length));
    await zip.add('_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">`
      + `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>`
      + `<Relationship Id="rId2" Type="${CORE_PROPS_REL}" Target="docProps/core.xml"/>`
      + `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`);
    const when = (options.now ?? new Date(0)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await zip.add('docProps/core.xml', `${XML_HEAD}<cp:coreProperties xmlns:cp="${CORE_PROPS_NS}" `
      + `xmlns:dc="${DC_NS}" xmlns:dcterms="${DCTERMS_NS}" xmlns:xsi="${XSI_NS}">`
      + `<dc:creator>Service Star</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`
      + `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`);
    await zip.add('docProps/app.xml', `${XML_HEAD}<Properties xmlns="${APP_PROPS_NS}"><Application>Service Star</Application></Properties>`);
    zip.finish();
    zip = null;
    await replaceWith(tmp, path);
  } catch (err) {
    zip?.close();
    await fsp.unlink(tmp).catch(() => undefined);
    throw cannotWrite(path, err);
  }
}

/** Style of an input cell: dates get a date format; formula-like text gets the Text format. */
function inputStyle(c: Cell): number {
  if (c instanceof Date) return hasTime(c) ? S_DAY_TIME : S_DAY;
  // Text format keeps Excel from turning the cell into a formula when someone edits it.
  if (typeof c === 'string' && FORMULA_LIKE.test(c)) return S_TEXT;
  return S_PLAIN;
}

/** Style of an output cell from its column format. */
function outputStyle(c: Cell, format: ColumnFormat): number {
  if (c === null || c === undefined || typeof c === 'boolean') return S_PLAIN;
  if (c instanceof Date) return S_DAY;
  if (typeof c === 'string') return S_TEXT;
  return format === 'text' ? S_PLAIN : FORMAT_STYLE[format];
}

const SHEET_OPEN = `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`;

/** Column letters for the widest row of `rows` (index = 0-based column). */
function columnRefs(width: number): string[] {
  return Array.from({ length: width }, (_, i) => columnLetters(i));
}

/** Bytes one cell can take: `<c r="XFD1048576" s="2" t="s"><v>` + a number of at most 25 characters + `</v></c>`. */
const CELL_ROOM = 128;

/** The `<v>` text of the cell valueOf() last looked at (null: no value), and its ` t="…"`. */
let cellValueText: string | null = null;
let cellType = '';
/** The cell's text, escaped, when it is written as an inline string instead (`<is><t>…</t></is>`); else null. */
let cellInlineText: string | null = null;
/** Whether cellInlineText has leading or trailing white space (kept by xml:space="preserve"). */
let cellInlineSpaced = false;

/**
 * Write the cell valueOf() last looked at into row `n` (room made by the caller), opening the row with its
 * first cell: a row with no cell written is left out. Returns true: the row is open.
 */
function rowCell(out: ChunkedText, open: boolean, col: string, n: string, style: number, attrs: StyleAttrs): true {
  if (!open) {
    out.ascii('<row r="');
    out.ascii(n);
    out.ascii('">');
  }
  putCell(out, col, n, style, attrs);
  return true;
}

/** Close a row that a cell opened; a promise to await only when the chunk had to be flushed first. */
function endRow(out: ChunkedText, open: boolean): Promise<void> | undefined {
  if (!open) return undefined;
  const waited = out.room(8);
  if (!waited) {
    out.ascii('</row>');
    return undefined;
  }
  return waited.then(() => out.ascii('</row>'));
}

/**
 * Set cellValueText and cellType for v (strings get their shared-string number here, so in cell order),
 * or, with no shared strings (`strings` null), cellInlineText for a string.
 */
function valueOf(v: Cell, strings: SharedStrings | null): void {
  cellType = '';
  cellInlineText = null;
  if (v === null || v === undefined) cellValueText = null;
  else if (typeof v === 'string' || !(typeof v === 'number' || typeof v === 'boolean' || v instanceof Date)) {
    const s = typeof v === 'string' ? (v.length > MAX_CELL_CHARS ? v.slice(0, MAX_CELL_CHARS) : v) : String(v);
    if (strings) {
      cellValueText = String(strings.id(s));
      cellType = ' t="s"';
    } else {
      cellValueText = '';
      cellInlineText = escapeXml(s);
      cellInlineSpaced = s.length > 0 && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1)));
      cellType = ' t="inlineStr"';
    }
  } else if (typeof v === 'number') cellValueText = Number.isFinite(v) ? String(v) : null;
  else if (typeof v === 'boolean') {
    cellValueText = v ? '1' : '0';
    cellType = ' t="b"';
  } else if (v instanceof Date) {
    const t = v.getTime();
    cellValueText = Number.isNaN(t) ? null : String(25569 + t / 86400000);
  }
}

/** Bytes the cell valueOf() last looked at takes beyond CELL_ROOM (an inline string's text). */
function inlineRoom(): number {
  return cellInlineText === null ? 0 : cellInlineText.length * 3 + 48;
}

/**
 * Write `<c r="B7" s="…" t="…"><v>…</v></c>` (or `<c r="B7" s="…"/>` without a value) for the
 * cell valueOf() last looked at; the caller made room for CELL_ROOM bytes (and inlineRoom()) and
 * opened the row. Every byte is ASCII but an inline string's text.
 */
function putCell(out: ChunkedText, col: string, n: string, style: number, attrs: StyleAttrs): void {
  out.ascii('<c r="');
  out.ascii(col);
  out.ascii(n);
  out.ascii(attrs[style]);
  if (cellValueText === null) {
    out.ascii('/>');
    return;
  }
  out.ascii(cellType);
  if (cellInlineText !== null) {
    out.ascii(cellInlineSpaced ? '><is><t xml:space="preserve">' : '><is><t>');
    out.utf8(cellInlineText);
    out.ascii('</t></is></c>');
    return;
  }
  out.ascii('><v>');
  out.ascii(cellValueText);
  out.ascii('</v></c>');
}

/**
 * An input tab's values.
 * Every byte of it is ASCII (strings are shared-string numbers), so cells go
 * straight into the chunk, with no string per cell or row to build first.
 */
async function writeInputSheet(out: ChunkedText, tab: RawTab, strings: SharedStrings): Promise<void> {
  await out.push(`${SHEET_OPEN}<sheetData>`);
  let cols: string[] = [];
  for (let r = 0; r < tab.rows.length; r++) {
    const cells = tab.rows[r];
    if (cells.length > cols.length) cols = columnRefs(cells.length);
    const n = String(r + 1);
    let open = false; // `<row …>` is written with the row's first cell: a row without one is left out
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === null || v === undefined) continue;
      valueOf(v, strings);
      const style = inputStyle(v);
      if (cellValueText === null && style === S_PLAIN) continue; // empty and unstyled: nothing written
      const waited = out.room(CELL_ROOM + (open ? 0 : n.length + 10));
      if (waited) await waited;
      open = rowCell(out, open, cols[c], n, style, OWN_STYLE_ATTRS);
    }
    const ended = endRow(out, open);
    if (ended) await ended;
  }
  await out.push('</sheetData></worksheet>');
}

/** The order of the links by (row, column), stable (the first link of a cell first); null when they already are. */
function linkOrder(links: CellLinks): Int32Array | null {
  const { row, col } = links;
  for (let k = 1; k < links.count; k++) {
    if (row[k - 1] > row[k] || (row[k - 1] === row[k] && col[k - 1] > col[k])) {
      const order = Array.from({ length: links.count }, (_, j) => j).sort((x, y) => row[x] - row[y] || col[x] - col[y] || x - y);
      return Int32Array.from(order);
    }
  }
  return null;
}

/**
 * An output tab, for both this writer and the copy of a large workbook (cli/xlsx-copy-writer.ts).
 * Strings go to `strings`, or inline when it is null; `attrs` places the styles. Cell links are
 * the sheet's `<hyperlinks>`, each to a place in this workbook.
 */
export async function writeOutputSheet(out: ChunkedText, tab: OutputTab, strings: SharedStrings | null, attrs: StyleAttrs): Promise<void> {
  const width = tab.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const cols = columnRefs(width);
  let head = `${SHEET_OPEN}<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`
    + '<selection pane="bottomLeft"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
  if (width > 0) {
    head += '<cols>';
    for (let i = 0; i < width; i++) head += `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(tab.rows, i)}" customWidth="1"/>`;
    head += '</cols>';
  }
  await out.push(`${head}<sheetData>`);
  // The links in cell order (the Statements tab makes them so; others are sorted), met one by one
  // as the cells are written: no per-row lists for a tab of hundreds of thousands of links.
  const links = tab.links;
  const count = links?.count ?? 0;
  const order = links ? linkOrder(links) : null;
  const lRow = links?.row;
  const lCol = links?.col;
  // Link j in cell order is link at(j).
  const at = (j: number) => (order ? order[j] : j);
  let next = 0;
  // The links written, in cell order (indices into `links`).
  const linked: number[] = [];
  for (let r = 0; r < tab.rows.length; r++) {
    const cells = tab.rows[r];
    const n = String(r + 1);
    while (next < count && lRow![at(next)] < r) next++; // links outside the tab's cells
    let open = false; // as in writeInputSheet: `<row …>` comes with the first cell written
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      const style = r === 0 ? S_HEADER : outputStyle(v, tab.formats[c] ?? 'text');
      while (next < count && lRow![at(next)] === r && lCol![at(next)] < c) next++;
      const link = next < count && lRow![at(next)] === r && lCol![at(next)] === c ? at(next) : -1;
      // A link to a place in this workbook, never a formula; the cell shows its text.
      valueOf(link >= 0 ? String(v ?? '') : v, strings);
      if (link >= 0) {
        // One link per cell: the first given for it (as a per-row lookup found it).
        while (next < count && lRow![at(next)] === r && lCol![at(next)] === c) next++;
        linked.push(link);
      }
      if (cellValueText === null && style === S_PLAIN) continue; // empty and unstyled: nothing written
      const waited = out.room(CELL_ROOM + inlineRoom() + (open ? 0 : n.length + 10));
      if (waited) await waited;
      open = rowCell(out, open, cols[c], n, style, attrs);
    }
    const ended = endRow(out, open);
    if (ended) await ended;
  }
  await out.push('</sheetData>');
  // In-cell bars for the tab's charts (cli/xlsx-charts.ts): the same rules exceljs's writer wrote.
  const bars = dataBarRanges(tab);
  for (let k = 0; k < bars.length; k++) {
    await out.push(`<conditionalFormatting sqref="${bars[k]}"><cfRule type="dataBar" priority="${k + 1}"><dataBar>`
      + '<cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FF5B9BD5"/></dataBar></cfRule></conditionalFormatting>');
  }
  if (links && linked.length > 0) {
    // A place in this workbook, as Excel itself writes one: `<hyperlink ref="B7" location="'Tab'!A12"/>`,
    // no relationship part (a statements tab has hundreds of thousands of links).
    await out.push('<hyperlinks>');
    const prefixes = links.tabs.map((t) => escapeXml(xlsxLinkLocationPrefix(t)));
    for (const k of linked) {
      const prefix = prefixes[links.tab[k]];
      const waited = out.room(64 + prefix.length * 3);
      if (waited) await waited;
      out.ascii('<hyperlink ref="');
      out.ascii(cols[links.col[k]]);
      out.ascii(String(links.row[k] + 1));
      out.ascii('" location="');
      out.utf8(prefix);
      out.ascii('A');
      out.ascii(String(links.at[k]));
      out.ascii('"/>');
    }
    await out.push('</hyperlinks>');
  }
  await out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  // A page break below row r (1-based) when row r + 1 starts a page, as exceljs's addPageBreak on row r.
  const breaks = [...new Set(tab.pageBreaks ?? [])].filter((b) => b >= 1 && b < tab.rows.length).sort((a, b) => a - b);
  if (breaks.length > 0) {
    await out.push(`<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">`);
    for (const b of breaks) {
      const p = out.push(`<brk id="${b}" max="16383" man="1"/>`);
      if (p) await p;
    }
    await out.push('</rowBreaks>');
  }
  await out.push('</worksheet>');
}

async function writeSharedStrings(out: ChunkedText, strings: SharedStrings): Promise<void> {
  await out.push(`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${strings.count}" uniqueCount="${strings.index.size}">`);
  for (const s of strings.index.keys()) {
    const spaced = s.length > 0 && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1)));
    const p = out.push(spaced ? `<si><t xml:space="preserve">${escapeXml(s)}</t></si>` : `<si><t>${escapeXml(s)}</t></si>`);
    if (p) await p;
  }
  await out.push('</sst>');
  await out.end();
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function workbookXml(names: string[]): string {
  const sheets = names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

function workbookRels(n: number): string {
  let rels = '';
  for (let i = 1; i <= n; i++) rels += `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  rels += `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`;
  rels += `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`;
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${rels}</Relationships>`;
}

function contentTypes(n: number): string {
  const ct = 'application/vnd.openxmlformats-officedocument';
  let parts = `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>`;
  for (let i = 1; i <= n; i++) parts += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`;
  parts += `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>`;
  parts += `<Override PartName="/xl/sharedStrings.xml" ContentType="${ct}.spreadsheetml.sharedStrings+xml"/>`;
  parts += '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>';
  parts += `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/>`;
  return `${XML_HEAD}<Types xmlns="${CONTENT_TYPES_NS}">`
    + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + `<Default Extension="xml" ContentType="application/xml"/>${parts}</Types>`;
}

