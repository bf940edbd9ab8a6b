/**
 * Staff id matching "the way a spreadsheet lookup would" (SPEC §1): surrounding
 * spaces (incl. full-width U+3000) trimmed, full-width letters and digits folded
 * to half-width, letter case ignored. Output always shows the id as written in Staff.
 */

/** Fold full-width ASCII variants (U+FF01–U+FF5E) to half-width and U+3000 to a space. */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

/** The lookup key of a staff id. */
export function staffKey(id: string): string {
  return foldWidth(String(id)).trim().toLowerCase();
}
