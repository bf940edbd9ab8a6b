/**
 * The fast paths of the .xlsx reader (cli/ooxml-reader.ts), each with the case
 * that takes the other way: shared strings found by a byte search and decoded
 * when first used (or parsed whole when the search cannot find them), and row
 * arrays made as wide as the row before (rows narrower, wider, sparse or empty
 * still read as they are written).
 */
import { join } from 'node:path';
import { CliError } from '../../cli/errors';
import { readXlsx, XlsxHost } from '../../cli/xlsx-host';
import { SharedStrings } from '../../cli/ooxml-reader';
import { entryBytes, zipEntries } from '../../cli/zip-entries';
import { ZipWriter } from '../../cli/zip-writer';
import { readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from './helpers';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A one-tab .xlsx with the given shared strings part and sheet data (and styles part, when given). */
async function workbook(sst: string | null, sheetData: string, styles: string | null = null): Promise<string> {
  const path = join(tempDir(), 'book.xlsx');
  const zip = new ZipWriter(path);
  const part = async (name: string, xml: string) => { const e = zip.entry(name); await e.write(xml); await e.end(); };
  await part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  await part('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  await part('xl/workbook.xml', `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="T" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  await part('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    + (styles === null ? '' : '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>')
    + '</Relationships>');
  if (sst !== null) await part('xl/sharedStrings.xml', sst);
  if (styles !== null) await part('xl/styles.xml', styles);
  await part('xl/worksheets/sheet1.xml', `<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`);
  zip.finish();
  return path;
}

const ITEMS = '<si><t>a</t></si>'
  + '<si/>'
  + '<si><t></t></si>'
  + '<si><r><rPr><b/></rPr><t>富</t></r><r><t xml:space="preserve"> 文本</t></r></si>'
  + '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>'
  + '<si ><t>x &amp; y_x000D_</t></si>'
  + '<si><t>张三</t></si>';
const WANT = ['a', '', '', '富 文本', '東京', 'x & y\r', '张三'];

describe('shared strings', () => {
  const all = (sst: SharedStrings, n: number) => Array.from({ length: n + 1 }, (_, i) => sst.get(i));

  test('found by a byte search and decoded on first use: runs joined, phonetic guides and escapes handled, empty items kept in place', () => {
    const sst = new SharedStrings(Buffer.from(`<?xml version="1.0"?><sst xmlns="${MAIN}" count="7">${ITEMS}</sst>`));
    expect(all(sst, WANT.length)).toEqual([...WANT, undefined]);
    // Asked again (and out of order), the same text.
    expect(sst.get(6)).toBe('张三');
    expect(sst.get(3)).toBe('富 文本');
  });

  test('a prefixed table (x:sst, x:si) is searched with its prefix', () => {
    const xml = `<x:sst xmlns:x="${MAIN}">${ITEMS.replace(/<(\/?)(si|t|r|rPr|b|rPh)\b/g, '<$1x:$2')}</x:sst>`;
    expect(all(new SharedStrings(Buffer.from(xml)), WANT.length)).toEqual([...WANT, undefined]);
  });

  test('items under another prefix than the root\'s are parsed whole, as text (the other way)', () => {
    const xml = `<sst xmlns="${MAIN}" xmlns:x="${MAIN}">${ITEMS.replace(/<(\/?)(si|t|r|rPr|b|rPh)\b/g, '<$1x:$2')}</sst>`;
    expect(all(new SharedStrings(Buffer.from(xml)), WANT.length)).toEqual([...WANT, undefined]);
  });

  test('no table: every index is missing', () => {
    expect(new SharedStrings(Buffer.alloc(0)).get(0)).toBeUndefined();
  });

  test('through a workbook: an empty shared string is a blank cell, an index past the table too', async () => {
    const sst = `<sst xmlns="${MAIN}">${ITEMS}</sst>`;
    const path = await workbook(sst, '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v>99</v></c><c r="E1" t="s"><v>6</v></c></row>');
    const [tab] = await readXlsx(path);
    expect(tab.rows).toEqual([['a', null, '富 文本', null, '张三']]);
  });
});

describe('row arrays made as wide as the row before', () => {
  test('narrower, wider, sparse, blank-only and empty rows read as written', async () => {
    const v = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;
    const sheet = [
      `<row r="1">${v('A1', 1)}${v('B1', 2)}${v('C1', 3)}${v('D1', 4)}</row>`,
      `<row r="2">${v('A2', 5)}</row>`, // narrower than the row before
      `<row r="3">${v('A3', 6)}${v('F3', 7)}</row>`, // wider, with a gap
      '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="B4"/></row>', // only blanks: no row
      '<row r="5"/>',
      `<row r="7">${v('B7', 8)}</row>`, // a row skipped, a leading gap
      `<row r="8">${v('A8', 9)}${v('B8', 10)}${v('C8', 11)}${v('D8', 12)}${v('E8', 13)}${v('F8', 14)}</row>`,
      '<row r="9"><c r="A9" t="s"><v>1</v></c></row>', // blank last rows are dropped
    ].join('');
    const [tab] = await readXlsx(await workbook(`<sst xmlns="${MAIN}">${ITEMS}</sst>`, sheet));
    const _ = null;
    expect(tab.rows).toEqual([
      [1, 2, 3, 4, _, _],
      [5, _, _, _, _, _],
      [6, _, _, _, _, 7],
      [_, _, _, _, _, _],
      [_, _, _, _, _, _],
      [_, _, _, _, _, _],
      [_, 8, _, _, _, _],
      [9, 10, 11, 12, 13, 14],
    ]);
    // Every row a dense array of the tab's width (no holes left for the validator to meet).
    for (const row of tab.rows) {
      expect(row).toHaveLength(6);
      for (let c = 0; c < row.length; c++) expect(c in row).toBe(true);
    }
  });

  test('a far column in one row: the narrower rows after it read as written', async () => {
    const sheet = '<row r="1"><c r="A1"><v>1</v></c><c r="Z1"><v>2</v></c></row>'
      + '<row r="2"><c r="A2"><v>3</v></c><c r="B2"><v>4</v></c></row>'
      + '<row r="3"><c r="A3"><v>5</v></c></row>';
    const [tab] = await readXlsx(await workbook(null, sheet));
    expect(tab.rows.map((r) => r.length)).toEqual([26, 26, 26]);
    expect(tab.rows[1].slice(0, 3)).toEqual([3, 4, null]);
    expect(tab.rows[2].slice(0, 2)).toEqual([5, null]);
  });
});

describe('quoted attribute values, near and far', () => {
  test('a closing quote past the byte loop\'s 64 bytes is found by the native search; a > inside quotes is not the tag\'s end', async () => {
    const long = 'x>'.repeat(50);
    const sheet = `<row r="1" note="${long}" spans="1:2"><c r="A1" note='${long}'><v>1</v></c><c note="${long}" r="B1"><v>2</v></c></row>`
      + `<row note="${long}" r="3"><c r="B3" t="s"><v>0</v></c></row>`
      + `<row r="4"><c r="A4" note="short>"><v>4</v></c></row>`;
    const [tab] = await readXlsx(await workbook(`<sst xmlns="${MAIN}">${ITEMS}</sst>`, sheet));
    expect(tab.rows).toEqual([[1, 2], [null, null], [null, 'a'], [4, null]]);
  });
});

describe('cells written <v>…</v></c> (read without the general child loop) and every other way', () => {
  test('each kind of value reads the same in the short form and in the general one', async () => {
    const styles = `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    // The same values twice: row 1 in the short form, row 2 with white space, a formula first, an extra child.
    const short = '<row r="1"><c r="A1" t="s"><v>6</v></c><c r="B1"><v>4.5</v></c><c r="C1" s="1"><v>46204</v></c>'
      + '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1" t="s"><v>1</v></c><c r="G1" t="str"><v>a&amp;b</v></c></row>';
    const general = '<row r="2"><c r="A2" t="s"> <v>6</v> </c><c r="B2"><f>9/2</f><v>4.5</v></c><c r="C2" s="1"><v>46204</v><extLst/></c>'
      + '<c r="D2" t="b"><v>1</v>\n</c><c r="E2" t="e"><f>NA()</f><v>#N/A</v></c><c r="F2" t="s"><v>1</v></c><c r="G2" t="str"><v>a&amp;b</v><!-- --></c></row>';
    const path = await workbook(`<sst xmlns="${MAIN}">${ITEMS}</sst>`, `${short}${general}`, styles);
    const [tab] = await readXlsx(path);
    const want = ['张三', 4.5, new Date(Date.UTC(2026, 6, 1)), true, '#N/A', null, 'a&b'];
    expect(tab.rows).toEqual([want, want]);
  });
});

describe('the shared strings inflate in the background from the moment the workbook is opened', () => {
  /** The workbook with the compressed bytes of its shared strings part overwritten (an invalid deflate block). */
  async function damagedStrings(): Promise<string> {
    const path = await workbook(`<sst xmlns="${MAIN}">${ITEMS}</sst>`, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    const buf = readFileSync(path);
    const e = zipEntries(buf).get('xl/sharedStrings.xml')!;
    const at = e.headerOffset + 30 + buf.readUInt16LE(e.headerOffset + 26) + buf.readUInt16LE(e.headerOffset + 28);
    buf.fill(0xff, at, at + 4);
    writeFileSync(path, buf);
    return path;
  }

  test('a damaged part: the tabs are still listed, and reading one is refused in one line saying what failed', async () => {
    const host = new XlsxHost(await damagedStrings());
    expect(await host.listTabs()).toEqual(['T']);
    const err = await host.readTabs(['T']).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).zh).toBe('无法读取“book.xlsx”：文件已损坏或不是有效的 .xlsx 文件');
    // zlib's error comes from Node's own realm, which under jest is not this realm's Error: its text then starts "Error: ".
    expect((err as CliError).en).toMatch(/^Cannot read book\.xlsx: the file is damaged or not a valid \.xlsx file \((Error: )?invalid block type\)$/);
  });

  test('a damaged part of a workbook opened but never read is no unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const note = (r: unknown) => rejections.push(r);
    process.on('unhandledRejection', note);
    try {
      const host = new XlsxHost(await damagedStrings());
      expect(await host.listTabs()).toEqual(['T']);
      await new Promise((r) => setTimeout(r, 50));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});

describe('zip entries', () => {
  test('a part inflated in one chunk of its directory size is the same bytes as the part', () => {
    const buf = readFileSync(join(__dirname, '..', 'fixtures', 'foreign', 'libreoffice.xlsx'));
    const entries = zipEntries(buf);
    const sst = entries.get('xl/sharedStrings.xml')!;
    const bytes = entryBytes(buf, sst);
    expect(bytes.length).toBe(sst.size);
    expect(bytes.toString('utf8')).toMatch(/^<\?xml[\s\S]*<\/sst>$/);
    // A directory size that is wrong (too small) still gives every byte.
    expect(entryBytes(buf, { ...sst, size: 10 }).equals(bytes)).toBe(true);
  });
});
