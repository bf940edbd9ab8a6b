/**
 * Reading `.xls` (Excel 97–2003, still common in Chinese offices) and `.ods`
 * (LibreOffice, WPS) with SheetJS (npm `@e965/xlsx`, the SheetJS 0.20 release
 * republished on the npm registry: the `xlsx` name there stopped at 0.18.5,
 * which has known flaws reading crafted files). Loaded only when such a file is
 * read (cli/xlsx-host.ts imports this module dynamically). Cells become the same
 * plain values the .xlsx reader gives: dates from the number format, read at UTC.
 */
import * as XLSX from '@e965/xlsx';
import type { Cell, RawTab } from '../core/types';
import { isDateFormat, rectangular, serialToDate } from './cells';
import type { RowsReadFn } from './file-host';

/** Every sheet of the workbook in `buf`, in workbook order. @throws SheetJS's error for a file it cannot read */
export function readWithSheetJs(buf: Buffer, onRows?: RowsReadFn): RawTab[] {
  const wb = quietly(() => XLSX.read(buf, { type: 'buffer', dense: true, cellDates: false, cellNF: true, cellFormula: false, cellHTML: false, cellText: false, cellStyles: false }));
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const tabs: RawTab[] = [];
  let total = 0;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] as XLSX.WorkSheet & { '!data'?: XLSX.CellObject[][] };
    if (ws['!type'] === 'chart') continue;
    const data = ws['!data'] ?? [];
    const rows: Cell[][] = new Array(data.length);
    for (let r = 0; r < data.length; r++) {
      const src = data[r] ?? [];
      const line: Cell[] = new Array(src.length);
      for (let c = 0; c < src.length; c++) line[c] = cellOf(src[c], date1904);
      rows[r] = line;
    }
    for (const m of ws['!merges'] ?? []) {
      for (let r = m.s.r; r <= m.e.r; r++) {
        for (let c = m.s.c; c <= m.e.c; c++) if ((r !== m.s.r || c !== m.s.c) && rows[r]) rows[r][c] = null;
      }
    }
    total += rows.length;
    tabs.push({ name, rows: rectangular(rows) });
    onRows?.(total, tabs.map((t) => t.name));
  }
  return tabs;
}

/**
 * SheetJS prints remarks about formats it only half understands (e.g. an .ods
 * conditional number format) with console.error; they are not the user's concern
 * and would break the one-line contract of stderr, so they are silenced while it reads.
 */
function quietly<T>(read: () => T): T {
  const { error, warn } = console;
  console.error = () => undefined;
  console.warn = () => undefined;
  try {
    return read();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

function cellOf(cell: XLSX.CellObject | undefined, date1904: boolean): Cell {
  if (!cell) return null;
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (!Number.isFinite(v)) return null;
      return typeof cell.z === 'string' && isDateFormat(cell.z) ? serialToDate(v, date1904) : v;
    }
    case 's': return cell.v === '' || cell.v == null ? null : String(cell.v);
    case 'b': return Boolean(cell.v);
    case 'd': return cell.v instanceof Date && !Number.isNaN(cell.v.getTime()) ? cell.v : null;
    case 'e': return cell.w ?? XLSX.SSF?.format?.('General', cell.v) ?? '#N/A';
    default: return null;
  }
}
