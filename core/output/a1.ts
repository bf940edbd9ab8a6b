/**
 * A1 notation shared by every writer of cell references (the .xlsx writers' cell
 * and data-bar refs, Excel chart positions and notes): column letters of a
 * column index.
 */

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let out = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}
