/**
 * One person's statement as plain text, cut from the Statements tab the last
 * Compute wrote (SPEC §9): the sidebar's "pick a person" asks its host for it
 * (one read of that tab), so no summary has to carry 10,000 statements.
 * Blocks are separated by an empty row; a block's heading starts with
 * `Name (S01)` / `Name（S01）`, or the bare id when the name is unknown.
 */
import type { Cell } from '../types';

function cellText(c: Cell | undefined): string {
  return c === null || c === undefined ? '' : String(c);
}

/** The block of `staffId` as text lines (cells of a row joined by " · "), or null when the tab has none. */
export function statementFromRows(rows: Cell[][], staffId: string): string | null {
  const id = staffId.trim();
  if (!id) return null;
  const heads = [`(${id})`, `（${id}）`];
  let r = 1;
  while (r < rows.length) {
    let end = r;
    while (end < rows.length && (rows[end] ?? []).some((c) => cellText(c) !== '')) end++;
    const heading = cellText(rows[r]?.[0]);
    const who = heading.split(' · ')[0];
    if (end > r && (who === id || heads.some((h) => who.endsWith(h)))) {
      return rows.slice(r, end).map((row) => row.map(cellText).filter((t) => t !== '').join(' · ')).join('\n');
    }
    r = end + 1;
  }
  return null;
}
