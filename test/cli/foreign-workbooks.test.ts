/**
 * Workbooks from other programs (SPEC §7): openpyxl with notes, LibreOffice
 * .xlsx / .xls / .ods, exceljs, and a hand-written .xlsx the way other producers
 * write one. Each computes, through the built command line, to the same JSON as
 * the CSV folder it was made from; a file that cannot be read is one line in the
 * user's language. Fixtures: scripts/make-foreign-fixtures.py (committed output).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { readXlsx } from '../../cli/xlsx-host';
import { zipEntries } from '../../cli/zip-entries';
import { ZipWriter } from '../../cli/zip-writer';
import { ensureBuilt, EXAMPLES, lines, ROOT, runCli, tempDir } from './helpers';

const FOREIGN = join(ROOT, 'test', 'fixtures', 'foreign');
const CSV = join(EXAMPLES, 'csv-zh');
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** The CSV folder as exceljs writes it: numbers as numbers, dates as date cells. */
async function exceljsWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const file of readdirSync(CSV).filter((f) => f.endsWith('.csv')).sort()) {
    const ws = wb.addWorksheet(file.slice(0, -4));
    const text = readFileSync(join(CSV, file), 'utf8').replace(/^\ufeff/, '');
    text.split(/\r?\n/).filter((l) => l !== '').forEach((line, r) => {
      // The example files have no quoted commas (checked: the column counts below match the header).
      const cells = line.split(',').map((t): string | number | Date | null => {
        if (r === 0 || t === '') return t === '' ? null : t;
        const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
        if (d) {
          const date = utc(Number(d[1]), Number(d[2]), Number(d[3]));
          return date.getUTCDate() === Number(d[3]) ? date : t;
        }
        return /^-?(0|[1-9]\d*)(\.\d+)?$/.test(t) ? Number(t) : t;
      });
      const row = ws.addRow(cells);
      cells.forEach((c, i) => { if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd'; });
    });
  }
  await wb.xlsx.writeFile(path);
}

describe('workbooks written by other programs compute like the CSV folder', () => {
  let exceljsFile: string;
  const want: Record<string, string> = {};
  beforeAll(async () => {
    ensureBuilt();
    exceljsFile = join(tempDir(), 'exceljs.xlsx');
    await exceljsWorkbook(exceljsFile);
    for (const [preset, period] of [['smile-cards', '2026-Q3'], ['star-rating', '2026-07']]) {
      const r = runCli(['compute', CSV, '--period', period, '--preset', preset, '--json']);
      expect(r.status).toBe(0);
      want[preset] = r.stdout;
    }
  });

  const files = ['openpyxl-notes.xlsx', 'libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods', 'exceljs'];
  test.each(files)('%s → the same --json as the CSV folder (smile-cards 2026-Q3, star-rating 2026-07)', (file) => {
    const path = file === 'exceljs' ? exceljsFile : join(FOREIGN, file);
    for (const [preset, period] of [['smile-cards', '2026-Q3'], ['star-rating', '2026-07']]) {
      const r = runCli(['compute', path, '--period', period, '--preset', preset, '--json']);
      expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('service-star: '))).toEqual([]);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(want[preset]));
      const json = JSON.parse(r.stdout) as { awards: unknown[]; stars?: unknown[] };
      expect(json.awards.length + (json.stars?.length ?? 0)).toBeGreaterThan(0);
    }
  });

  test('the openpyxl file with notes (which exceljs cannot load) is also saved with --out: its parts copied as they are, notes and all', () => {
    const out = join(tempDir(), 'result.xlsx');
    const r = runCli(['compute', join(FOREIGN, 'openpyxl-notes.xlsx'), '--period', '2026-Q3', '--preset', 'smile-cards', '--out', out, '--lang', 'en']);
    expect(r.status).toBe(0);
    // The copy part by part (cli/xlsx-copy-writer.ts) keeps every input tab whole: no remark (a slow run may print progress lines).
    expect(r.stderr).not.toMatch(/values only|leaves out/);
    const src = zipEntries(readFileSync(join(FOREIGN, 'openpyxl-notes.xlsx')));
    const copied = zipEntries(readFileSync(out));
    for (const name of ['xl/comments/comment1.xml', 'xl/drawings/commentsDrawing1.vml', 'xl/worksheets/sheet1.xml']) expect(copied.get(name)?.crc).toBe(src.get(name)!.crc);
    const again = runCli(['compute', out, '--period', '2026-Q3', '--preset', 'smile-cards', '--json']);
    expect(JSON.parse(again.stdout).awards).toEqual(JSON.parse(want['smile-cards']).awards);
  });

  test('an .xls or .ods source saved with --out x.xlsx: a new workbook with the input tabs as values', () => {
    const out = join(tempDir(), 'from-ods.xlsx');
    const r = runCli(['compute', join(FOREIGN, 'libreoffice.ods'), '--period', '2026-Q3', '--preset', 'smile-cards', '--out', out]);
    expect(r.status).toBe(0);
    const again = runCli(['compute', out, '--period', '2026-Q3', '--preset', 'smile-cards', '--json']);
    expect(JSON.parse(again.stdout).awards).toEqual(JSON.parse(want['smile-cards']).awards);
  });
});

describe('the .xlsx reader on what other producers write', () => {
  test('inline strings, shared formulas (cached results), prefixed elements, cells without references, phonetic runs, escapes', async () => {
    const [tab, ...rest] = await readXlsx(join(FOREIGN, 'handmade.xlsx'));
    expect(rest).toEqual([]);
    expect(tab.name).toBe('数据 & 备注');
    expect(tab.rows).toEqual([
      ['工号', '分数', '姓名', '备注', '日期'],
      ['S01', 4, 8, 'a&b', utc(2026, 7, 1)],
      ['S02', 5.5, 11, '第一行\r\n第二行', utc(2026, 7, 2)],
      [null, null, null, null, null],
      [' S03 ', null, 0, true, '#N/A'],
    ]);
  });

  test('cell attributes in any order, quoting and spacing; a prefixed r/s/t is not the cell\'s; dates read once per serial', async () => {
    const path = join(tempDir(), 'attributes.xlsx');
    const zip = new ZipWriter(path);
    const part = async (name: string, xml: string) => { const e = zip.entry(name); await e.write(xml); await e.end(); };
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    await part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    await part('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
    await part('xl/workbook.xml', `<workbook xmlns="${main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="T" sheetId="1" r:id="rId1"/></sheets></workbook>`);
    await part('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
    await part('xl/sharedStrings.xml', `<sst xmlns="${main}"><si><t>a</t></si><si><t>b</t></si></sst>`);
    await part('xl/styles.xml', `<styleSheet xmlns="${main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`);
    await part('xl/worksheets/sheet1.xml', `<worksheet xmlns="${main}" xmlns:x="urn:x"><sheetData>`
      + '<row r="1"><c t=\'s\' r=\'B1\'><v>1</v></c><c  r = "A1"   t = "s" ><v>0</v></c><c x:r="Z9" r="C1" title="a>b" x:t="s"><v>7</v></c></row>'
      + '<row r="2"><c r="A2" s="1"><v>46204</v></c><c s="1" r="B2" x:s="0"><v>46204</v></c><c r="C2"\n\tt="s"/></row>'
      + '</sheetData></worksheet>');
    zip.finish();
    const [tab] = await readXlsx(path);
    expect(tab.rows).toEqual([['a', 'b', 7], [utc(2026, 7, 1), utc(2026, 7, 1), null]]);
    expect(tab.rows[1][0]).toBe(tab.rows[1][1]);
  });

  test('1904 date system (the openpyxl fixture) reads the same calendar days', async () => {
    const tabs = await readXlsx(join(FOREIGN, 'openpyxl-notes.xlsx'));
    const staff = tabs.find((t) => t.name === '员工')!;
    expect(staff.rows[1].slice(0, 2)).toEqual(['S001', '王丽娜']);
    expect(staff.rows[1][6]).toEqual(utc(2018, 11, 26));
  });
});

describe('a file that cannot be read: one line in the user\'s language', () => {
  beforeAll(() => ensureBuilt());

  test.each([
    ['damaged.ods', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(26), Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'), Buffer.alloc(200, 7)]), /^service-star: 无法读取“damaged\.ods”：文件已损坏或不是有效的 \.ods 文件/, /^service-star: Cannot read damaged\.ods: the file is damaged or not a valid \.ods file \(/],
    ['damaged.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600, 3)]), /^service-star: 无法读取“damaged\.xls”：文件已损坏或不是有效的 \.xls 文件/, /^service-star: Cannot read damaged\.xls: the file is damaged or not a valid \.xls file \(/],
    ['notes.txt', Buffer.from('just text, not a workbook\n'), /^service-star: “notes\.txt”不是工作簿文件（内容无法识别；可读取 \.xlsx、\.xls、\.ods）$/, /^service-star: notes\.txt is not a workbook file \(unrecognised content; \.xlsx, \.xls and \.ods can be read\)$/],
  ])('%s', (name, bytes, zh, en) => {
    const path = join(tempDir(), name);
    writeFileSync(path, bytes);
    const inZh = runCli(['compute', path, '--period', '2026-Q3', '--lang', 'zh']);
    expect(inZh.status).toBe(2);
    expect(lines(inZh.stderr)).toHaveLength(1);
    expect(lines(inZh.stderr)[0]).toMatch(zh);
    // No English word in a Chinese line (the program and file names and format extensions aside).
    expect(inZh.stderr.replace('service-star', '').replace(name, '').replace(/\.(xlsx|xls|ods)\b/g, '')).not.toMatch(/[A-Za-z]{3,}/);
    const inEn = runCli(['compute', path, '--period', '2026-Q3', '--lang', 'en']);
    expect(inEn.status).toBe(2);
    expect(lines(inEn.stderr)).toHaveLength(1);
    expect(lines(inEn.stderr)[0]).toMatch(en);
    expect(inEn.stderr).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
