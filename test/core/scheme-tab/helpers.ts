/** Helpers for Scheme tab tests: find a block, a row and a column as a person would, and change one cell. */
import type { Cell } from '../../../core/types';

export type Rows = Cell[][];

/** A deep copy of the rows (tests edit copies). */
export function copyRows(rows: Rows): Rows {
  return rows.map((r) => [...r]);
}

/** Index (0-based) of the title row of a block, by its title as shown (`Awards`, `奖项`). */
export function blockIndex(rows: Rows, title: string): number {
  const i = rows.findIndex((r) => typeof r[0] === 'string' && r[0].replace(/^■\s*/, '') === title && r.slice(1).every((c) => c === null || c === undefined || c === ''));
  if (i < 0) throw new Error(`no block ${title}`);
  return i;
}

/** Rows (0-based indexes) of a block's data, up to the next block title. */
export function blockRows(rows: Rows, title: string): number[] {
  const t = blockIndex(rows, title);
  const out: number[] = [];
  for (let r = t + 2; r < rows.length; r++) {
    const first = rows[r][0];
    if (typeof first === 'string' && first.startsWith('■')) break;
    if (rows[r].length === 0) continue;
    out.push(r);
  }
  return out;
}

/**
 * Where a cell is: the block, the row whose first cell is `key` (the `n`th such
 * row, for child tables keyed by their parent), and the column whose header is
 * `column` (`null` = the value column of a key/value block).
 * Returns 0-based row and column indexes.
 */
export function cellAt(rows: Rows, title: string, key: Cell, column: string, n = 0): { r: number; c: number } {
  const t = blockIndex(rows, title);
  const header = rows[t + 1].map((h) => String(h ?? ''));
  const c = header.indexOf(column);
  if (c < 0) throw new Error(`no column ${column} in ${title}: ${header.join(' | ')}`);
  const matches = blockRows(rows, title).filter((r) => rows[r][0] === key);
  if (matches.length <= n) throw new Error(`no row ${String(key)} (#${n}) in ${title}`);
  return { r: matches[n], c };
}

/** Change one cell; returns the row number as the user sees it (1-based). */
export function setCell(rows: Rows, title: string, key: Cell, column: string, value: Cell, n = 0): number {
  const { r, c } = cellAt(rows, title, key, column, n);
  while (rows[r].length <= c) rows[r].push(null);
  rows[r][c] = value;
  return r + 1;
}

/** Every cell as text, the way a CSV file gives it back. */
export function asText(rows: Rows): Rows {
  return rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
}
