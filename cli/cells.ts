/**
 * Converting exceljs cell values to the plain `Cell` every host returns, and back.
 * Dates stay `Date`s read by their UTC fields (exceljs builds them at UTC), so a
 * calendar day is never shifted by the machine's time zone.
 */
import type { Cell } from '../core/types';

/** Same rule as exceljs: a number format with date/time letters outside quotes and brackets. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** Excel serial day (1900 system, or 1904) → Date at UTC, the way exceljs converts. */
export function serialToDate(serial: number, date1904 = false): Date {
  const offset = date1904 ? 24107 : 25569;
  return new Date(Math.round((serial - offset) * 86400000));
}

function richTextOf(v: unknown): string | null {
  if (typeof v === 'object' && v !== null && Array.isArray((v as { richText?: unknown }).richText)) {
    return ((v as { richText: { text?: unknown }[] }).richText).map((r) => (r.text == null ? '' : String(r.text))).join('');
  }
  return null;
}

/**
 * Any exceljs value → Cell: formulas give their cached result, rich text and
 * hyperlinks their plain text, error values their text (`#N/A`).
 * `numFmt` lets a numeric formula result with a date format become a date
 * (the streaming reader leaves those as serial numbers).
 */
export function fromExcelValue(value: unknown, numFmt?: string, date1904 = false): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'object') return String(value);
  const o = value as Record<string, unknown>;
  const rich = richTextOf(o);
  if (rich !== null) return rich;
  if ('formula' in o || 'sharedFormula' in o) {
    const result = o.result;
    if (typeof result === 'number' && Number.isFinite(result) && isDateFormat(numFmt)) return serialToDate(result, date1904);
    return fromExcelValue(result, undefined, date1904);
  }
  if ('error' in o) return String(o.error);
  if ('text' in o) {
    const t = o.text;
    const r = richTextOf(t);
    return r !== null ? r : t == null ? null : String(t);
  }
  return null;
}

/** Excel refuses cells longer than this. */
export const MAX_CELL_CHARS = 32767;

/** Cell → what exceljs should write: strings stay strings (never formulas). */
export function toExcelValue(cell: Cell): string | number | boolean | Date | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell;
  if (typeof cell === 'string') return cell.length > MAX_CELL_CHARS ? cell.slice(0, MAX_CELL_CHARS) : cell;
  return cell;
}

/**
 * Pad rows to one width, drop trailing empty rows and columns (what a data range
 * returns). The rows are a reader's own fresh arrays: one already of the width is
 * reused in place (blank text and holes set to null) rather than copied, which at
 * a million rows saves as much allocation as the reading itself.
 */
export function rectangular(rows: Cell[][]): Cell[][] {
  const empty = (c: Cell) => c === null || c === undefined || c === '';
  let height = rows.length;
  while (height > 0 && (rows[height - 1] ?? []).every(empty)) height--;
  let width = 0;
  for (let r = 0; r < height; r++) {
    const row = rows[r] ?? [];
    for (let c = row.length - 1; c >= width; c--) {
      if (!empty(row[c])) { width = c + 1; break; }
    }
  }
  const out: Cell[][] = new Array(height);
  for (let r = 0; r < height; r++) {
    const row = rows[r] ?? [];
    if (row.length === width) {
      for (let c = 0; c < width; c++) {
        const v = row[c];
        if (v === undefined || v === '') row[c] = null;
      }
      out[r] = row;
      continue;
    }
    const line: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = row[c];
      line[c] = v === undefined || v === '' ? null : v;
    }
    out[r] = line;
  }
  return out;
}
