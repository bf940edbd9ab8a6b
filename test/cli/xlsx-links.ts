/**
 * The cell links of a written .xlsx, as a spreadsheet program follows them: per
 * sheet name, cell address → the place in the workbook (`'Tab'!A12`). Reads both
 * forms a place can take: `location="'Tab'!A12"` (as Excel writes one, and our
 * .xlsx writers do) and a relationship to `#'Tab'!A12` (as exceljs writes one).
 * exceljs reading a workbook follows only the second, so tests use this instead.
 */
import { readFileSync } from 'node:fs';
import { decodeXml, resolvePart } from '../../cli/ooxml-reader';
import { entryBytes, zipEntries } from '../../cli/zip-entries';

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]) : undefined;
}

function relsOf(parts: Map<string, string>, part: string): Map<string, string> {
  const slash = part.lastIndexOf('/');
  const xml = parts.get(`${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`) ?? '';
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) out.set(attr(m[0], 'Id') ?? '', attr(m[0], 'Target') ?? '');
  return out;
}

export function xlsxLinks(path: string): Map<string, Map<string, string>> {
  const buf = readFileSync(path);
  const parts = new Map<string, string>();
  for (const [name, e] of zipEntries(buf)) if (/\.(xml|rels)$/.test(name)) parts.set(name, entryBytes(buf, e).toString('utf8'));
  const workbookRels = relsOf(parts, 'xl/workbook.xml');
  const out = new Map<string, Map<string, string>>();
  for (const m of (parts.get('xl/workbook.xml') ?? '').matchAll(/<sheet\b[^>]*>/g)) {
    const part = resolvePart('xl/', workbookRels.get(attr(m[0], 'r:id') ?? '') ?? '');
    const sheetRels = relsOf(parts, part);
    const links = new Map<string, string>();
    for (const h of (parts.get(part) ?? '').matchAll(/<hyperlink\b[^>]*>/g)) {
      const location = attr(h[0], 'location');
      const rid = attr(h[0], 'r:id');
      const target = location ?? (rid !== undefined ? sheetRels.get(rid)?.replace(/^#/, '') : undefined);
      if (target !== undefined) links.set(attr(h[0], 'ref') ?? '', target);
    }
    out.set(attr(m[0], 'name') ?? '', links);
  }
  return out;
}
