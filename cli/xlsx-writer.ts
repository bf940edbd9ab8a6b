/**
 * Writing `--out result.xlsx`, two ways.
 *  - `updateXlsx`, when the source is an .xlsx: the source workbook is loaded whole
 *    with exceljs and only the output tabs are replaced or added, so the user's tabs
 *    keep their formulas, formatting, comments, merges, widths, validation and names.
 *  - `writeXlsx`, for a template (header notes become cell comments): the input
 *    tabs with their values as read, in the same order, then the output tabs (an
 *    output replaces an input tab of the same name in place, as a re-run replaces
 *    the period's tabs), with exceljs's streaming writer. A CSV folder or a source
 *    too large to load whole gets the same workbook from the direct writer
 *    (cli/xlsx-values-writer.ts), many times faster; see writeValuesWorkbook in cli/hosts.ts.
 * Both write to a temporary file in the target's folder renamed at the end, so a
 * failure or a crash leaves the old file intact. Strings are always written as
 * strings, never as formulas: a name like `=HYPERLINK("x")` stays text.
 */
import { promises as fsp } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Cell, CellLink, ColumnFormat, OutputTab, RawTab } from '../core/types';
import { cellLinkList } from '../core/output/cell-links';
import { toExcelValue } from './cells';
import { CliError, fsCode } from './errors';
import { writeDataBars } from './xlsx-charts';
import { arrange, cannotWrite, columnWidth, FORMULA_LIKE, hasTime, NUM_FMT, replaceWith, safeSheetNames, xlsxLinkTarget } from './xlsx-sheets';

export { FORMULA_LIKE, NUM_FMT, safeSheetNames } from './xlsx-sheets';

export interface XlsxWriteOptions {
  /** Creation time stamped in the file's properties (passed in for reproducible files). */
  now?: Date;
  /** Called after each tab with the rows written so far. */
  onRows?: (rows: number) => void;
}

/**
 * Write inputs (values as read) and outputs to one .xlsx file.
 * @throws CliError when the file cannot be written (folder missing, no permission, file open elsewhere).
 */
export async function writeXlsx(path: string, inputs: RawTab[], outputs: OutputTab[], options: XlsxWriteOptions = {}): Promise<void> {
  const sheets = arrange(inputs, outputs);
  const names = safeSheetNames(sheets.map((s) => s.tab.name));
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
    const when = options.now ?? new Date(0);
    wb.created = when;
    wb.modified = when;
    wb.creator = 'Service Star';
    let total = 0;
    for (let i = 0; i < sheets.length; i++) {
      const sheet = sheets[i];
      const ws = sheet.kind === 'input' ? writeInput(wb, names[i], sheet.tab) : writeOutput(wb, names[i], sheet.tab);
      ws.commit();
      total += sheet.tab.rows.length;
      options.onRows?.(total);
    }
    await wb.commit();
    await replaceWith(tmp, path);
  } catch (err) {
    await fsp.unlink(tmp).catch(() => undefined);
    throw cannotWrite(path, err);
  }
}

export interface XlsxUpdateOptions {
  /** Called after each output tab with the output rows written so far. */
  onRows?: (rows: number) => void;
}

/** exceljs could not load the source workbook whole (the caller may fall back to copying values). */
export class SourceLoadError extends CliError {}

/**
 * Write `source` with its output tabs replaced or added to `path` (which may be
 * `source` itself). Every other sheet goes through exceljs's full reader and writer
 * untouched. An output whose name matches an existing sheet (ignoring case) takes
 * that sheet's place; new outputs follow the existing sheets, in the order given.
 * @throws CliError when the source cannot be read or the target cannot be written.
 */
export async function updateXlsx(source: string, path: string, outputs: OutputTab[], options: XlsxUpdateOptions = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(source);
  } catch (err) {
    const why = fsCode(err) || (err instanceof Error ? err.message.split('\n')[0] : String(err));
    throw new SourceLoadError(`无法载入“${source}”以保留其格式`, `Cannot read ${source} (${why})`);
  }
  const names = safeSheetNames(outputs.map((o) => o.name));
  let total = 0;
  outputs.forEach((tab, i) => {
    const own = names[i].toLowerCase();
    const replaced = new Set((tab.replaces ?? []).map((n) => n.toLowerCase()));
    const old = wb.worksheets.find((w) => w.name.toLowerCase() === own) ?? wb.worksheets.find((w) => replaced.has(w.name.toLowerCase()));
    // The old sheet goes first: exceljs names must stay unique. Its other-language twin goes too (issue 13).
    const orderNo = old ? (old as unknown as { orderNo: number }).orderNo : undefined;
    for (const w of [...wb.worksheets]) if (w.name.toLowerCase() === own || replaced.has(w.name.toLowerCase())) wb.removeWorksheet(w.id);
    const ws = writeOutput(wb, names[i], tab);
    if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;
    total += tab.rows.length;
    options.onRows?.(total);
  });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
    await replaceWith(tmp, path);
  } catch (err) {
    await fsp.unlink(tmp).catch(() => undefined);
    throw cannotWrite(path, err);
  }
}

// exceljs resolves a cell's style per cell unless the very same style object is
// seen again (it caches by identity): shared, never-mutated style objects keep
// writing big tabs fast. Never set cell.numFmt / row.font: those mutate the style.
type CellStyle = Partial<ExcelJS.Style>;
const PLAIN: CellStyle = {};
const TEXT: CellStyle = { numFmt: '@' };
const DAY: CellStyle = { numFmt: 'yyyy-mm-dd' };
const DAY_TIME: CellStyle = { numFmt: 'yyyy-mm-dd hh:mm:ss' };
const HEADER: CellStyle = { font: { bold: true } };
const FORMAT_STYLE = Object.fromEntries(
  (Object.keys(NUM_FMT) as ColumnFormat[]).map((f) => [f, { numFmt: NUM_FMT[f] } as CellStyle]),
) as Record<ColumnFormat, CellStyle>;

/** Style of an input cell: dates get a date format; formula-like text gets the Text format. */
function inputStyle(c: Cell): CellStyle {
  if (c instanceof Date) return hasTime(c) ? DAY_TIME : DAY;
  // Text format keeps Excel from turning the cell into a formula when someone edits it.
  if (typeof c === 'string' && FORMULA_LIKE.test(c)) return TEXT;
  return PLAIN;
}

/** Style of an output cell from its column format. */
function outputStyle(c: Cell, format: ColumnFormat): CellStyle {
  if (c === null || c === undefined || typeof c === 'boolean') return PLAIN;
  if (c instanceof Date) return DAY;
  if (typeof c === 'string') return TEXT;
  return format === 'text' ? PLAIN : FORMAT_STYLE[format];
}

function writeRow(ws: ExcelJS.Worksheet, cells: Cell[], style: (c: Cell, i: number) => CellStyle, notes?: (string | null)[], finish?: (row: ExcelJS.Row) => void): void {
  const row = ws.addRow(cells.map(toExcelValue));
  for (let i = 0; i < cells.length; i++) row.getCell(i + 1).style = style(cells[i], i);
  // Header notes (templates: what goes in each column) become cell comments.
  notes?.forEach((n, i) => { if (n) row.getCell(i + 1).note = n; });
  finish?.(row);
  row.commit();
}

/** The streaming writer's sheets must be committed by the caller once filled. */
function writeInput(wb: ExcelJS.Workbook, name: string, tab: RawTab): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  for (const cells of tab.rows) writeRow(ws, cells, inputStyle);
  return ws;
}

/** An output tab as a new sheet of either writer (the streaming one needs `commit()` after). */
function writeOutput(wb: ExcelJS.Workbook, name: string, tab: OutputTab): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  const width = tab.rows.reduce((w, r) => Math.max(w, r.length), 0);
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: columnWidth(tab.rows, i) }));
  const linksByRow = new Map<number, CellLink[]>();
  for (const l of cellLinkList(tab.links)) {
    const list = linksByRow.get(l.row);
    if (list) list.push(l);
    else linksByRow.set(l.row, [l]);
  }
  const breaks = new Set(tab.pageBreaks ?? []);
  tab.rows.forEach((cells, r) => {
    // Before the row is committed: its links, and a page break below it when the next row starts a page.
    const links = linksByRow.get(r);
    const finish = links || breaks.has(r + 1)
      ? (row: ExcelJS.Row) => {
        for (const l of links ?? []) row.getCell(l.col + 1).value = xlsxLink(cells[l.col], l);
        if (breaks.has(r + 1)) row.addPageBreak();
      }
      : undefined;
    writeRow(ws, cells, r === 0 ? () => HEADER : (c, i) => outputStyle(c, tab.formats[i] ?? 'text'), r === 0 ? tab.notes : undefined, finish);
  });
  writeDataBars(ws, tab);
  return ws;
}

/** A cell link as exceljs writes it: a hyperlink to a place in this workbook (`#'Tab'!A12`), never a formula. */
export function xlsxLink(text: Cell, l: CellLink): ExcelJS.CellHyperlinkValue {
  return { text: String(text ?? ''), hyperlink: xlsxLinkTarget(l) };
}
