/** The CSV folder host: encodings, line endings, quoting, tab names, refusals. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CsvFolderHost, decodeCsvText, parseCsvRecords, parseCsvText } from '../../cli/csv-host';
import { CliError } from '../../cli/errors';
import { csvFolder, garbageBytes, tempDir } from './helpers';

const STAFF = [['工号', '姓名'], ['S01', '张三'], ['S02', '李四']];

function refusal(fn: () => unknown): CliError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

async function refusalAsync(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('decodeCsvText', () => {
  const text = '工号,姓名\r\nS01,张三\r\n';
  test('UTF-8 with and without BOM read the same text', () => {
    expect(decodeCsvText(Buffer.from(`\ufeff${text}`, 'utf8'), 'a.csv')).toBe(text);
    expect(decodeCsvText(Buffer.from(text, 'utf8'), 'a.csv')).toBe(text);
  });
  test('UTF-16 LE with BOM (Excel "Unicode text")', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeCsvText(buf, 'a.csv')).toBe(text);
  });
  test('GB18030 / GBK (Excel "CSV" on Chinese Windows): 员工 = D4 B1 B9 A4', () => {
    const buf = Buffer.from([0xd4, 0xb1, 0xb9, 0xa4, 0x2c, 0x31, 0x0d, 0x0a]);
    expect(decodeCsvText(buf, 'a.csv')).toBe('员工,1\r\n');
  });
  test('binary garbage is refused in one line naming the file', () => {
    const err = refusal(() => decodeCsvText(garbageBytes(2000), '员工.csv'));
    expect(err.en).toBe('员工.csv is not a readable CSV text file (binary content)');
    expect(err.zh).toContain('员工.csv');
    expect(err.exitCode).toBe(2);
  });
  test('NUL bytes in otherwise valid UTF-8 are refused', () => {
    expect(refusal(() => decodeCsvText(Buffer.from('a,b\n\u0000\u0000,c\n'), 'x.csv')).en).toContain('binary content');
  });
  test('an xlsx renamed to .csv is named as such', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbageBytes(100)]);
    expect(refusal(() => decodeCsvText(zip, 'Staff.csv')).en).toBe('Staff.csv is an .xlsx/zip file, not CSV: pass the .xlsx file itself');
  });
});

describe('parseCsvText', () => {
  test('CRLF, LF, CR and mixed line endings give the same rows', () => {
    const want = [['a', 'b'], ['1', '2'], ['3', '4']];
    expect(parseCsvText('a,b\r\n1,2\r\n3,4\r\n', 'x.csv')).toEqual(want);
    expect(parseCsvText('a,b\n1,2\n3,4', 'x.csv')).toEqual(want);
    expect(parseCsvText('a,b\r1,2\r3,4\r', 'x.csv')).toEqual(want);
    expect(parseCsvText('a,b\r\n1,2\n3,4\r\n', 'x.csv')).toEqual(want);
  });
  test('quoted fields keep commas, doubled quotes and embedded newlines; stray quotes in unquoted text are kept', () => {
    expect(parseCsvText('note,n\r\n"a, b",1\r\n"say ""hi""",2\r\n"line1\r\nline2",3\r\n他说"好",4\r\n', 'x.csv')).toEqual([
      ['note', 'n'], ['a, b', '1'], ['say "hi"', '2'], ['line1\r\nline2', '3'], ['他说"好"', '4'],
    ]);
  });
  test('blank lines stay as blank rows so row numbers match the spreadsheet; ragged rows are padded', () => {
    expect(parseCsvText('a,b,c\n\n1\n2,3,4\n\n\n', 'x.csv')).toEqual([['a', 'b', 'c'], [null, null, null], ['1', null, null], ['2', '3', '4']]);
  });
  test('a leading BOM left in the text is dropped', () => {
    expect(parseCsvText('\ufeff工号\nS01\n', 'x.csv')).toEqual([['工号'], ['S01']]);
  });
  test('tab-separated text is read when the header has tabs and no commas', () => {
    expect(parseCsvText('工号\t姓名\nS01\t张三\n', 'x.csv')).toEqual([['工号', '姓名'], ['S01', '张三']]);
  });
  test('an unclosed quote is refused with the row where it opened (blank lines count as rows)', () => {
    const err = refusal(() => parseCsvText('a,b\n1,2\n3,"oops\n4,5\n', '客户反馈.csv'));
    expect(err.en).toBe('客户反馈.csv: the quote opened on row 3 is never closed; cannot read the file');
    expect(refusal(() => parseCsvText('a,b\n\n"x\n', 'f.csv')).en).toBe('f.csv: the quote opened on row 3 is never closed; cannot read the file');
  });
});

describe('CsvFolderHost', () => {
  test('tab names are file names without .csv, sorted; lock files, dotfiles, other files and folders are skipped', async () => {
    const dir = csvFolder({
      '员工.csv': '工号,姓名\nS01,张三\n', 'Feedback.CSV': 'date,staff_id\n', '~$员工.csv': 'x', '._员工.csv': 'x', 'notes.txt': 'x',
    });
    const host = new CsvFolderHost(dir);
    expect(await host.listTabs()).toEqual(['Feedback', '员工']);
    const [staff] = await host.readTabs(['员工']);
    expect(staff).toEqual({ name: '员工', rows: [['工号', '姓名'], ['S01', '张三']] });
  });
  test('BOM + CRLF and plain LF files read to identical tabs', async () => {
    const lf = STAFF.map((r) => r.join(',')).join('\n');
    const crlf = `\ufeff${STAFF.map((r) => r.join(',')).join('\r\n')}\r\n`;
    const a = await new CsvFolderHost(csvFolder({ '员工.csv': lf })).allTabs();
    const b = await new CsvFolderHost(csvFolder({ '员工.csv': crlf })).allTabs();
    expect(a).toEqual(b);
    expect(a[0].rows).toEqual(STAFF);
  });
  test('readTabs skips names that are not files and reads each file once', async () => {
    const dir = csvFolder({ 'Staff.csv': 'staff_id\nS01\n' });
    const host = new CsvFolderHost(dir);
    const first = await host.readTabs(['Staff', 'Nope']);
    expect(first.map((t) => t.name)).toEqual(['Staff']);
    writeFileSync(join(dir, 'Staff.csv'), 'changed\n');
    expect((await host.readTabs(['Staff']))[0].rows).toEqual([['staff_id'], ['S01']]);
  });
  test('a folder without CSV files, a missing folder and a garbage file are refused', async () => {
    expect((await refusalAsync(new CsvFolderHost(tempDir()).listTabs())).en).toMatch(/contains no \.csv file$/);
    expect((await refusalAsync(new CsvFolderHost('/no/such/folder').listTabs())).en).toBe('/no/such/folder does not exist');
    const dir = csvFolder({ 'Staff.csv': 'staff_id\nS01\n', 'Feedback.csv': garbageBytes(500) });
    expect((await refusalAsync(new CsvFolderHost(dir).allTabs())).en).toBe('Feedback.csv is not a readable CSV text file (binary content)');
  });
  test('outputs are kept in memory, a later tab replacing one of the same name', async () => {
    const host = new CsvFolderHost(tempDir());
    await host.writeTabs([{ name: 'Data check 2026-Q3', kind: 'datacheck', rows: [['a']], formats: ['text'] }]);
    await host.writeTabs([{ name: 'data check 2026-q3', kind: 'datacheck', rows: [['b']], formats: ['text'] }]);
    expect(host.outputs()).toEqual([{ name: 'data check 2026-q3', kind: 'datacheck', rows: [['b']], formats: ['text'] }]);
  });
});

describe('the CSV parser', () => {
  test('any records written as CSV (quoted where needed, any line ends) parse back to themselves', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', '中', ' ', ',', '"', '\n', '\r', '\t'), maxLength: 6 });
    const records = fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(records, fc.constantFrom('\r\n', '\n', '\r'), (recs, eol) => {
      const quote = (f: string) => (/[",\r\n]/.test(f) || f.startsWith('"') ? `"${f.replace(/"/g, '""')}"` : f);
      const text = recs.map((r) => r.map(quote).join(',')).join(eol) + eol;
      expect(parseCsvRecords(text, ',')).toEqual(recs);
    }));
  });

  test('text after a closing quote is kept, as Excel reads it; a delimiter at the end is an empty last field', () => {
    expect(parseCsvRecords('"ab"c,d\n', ',')).toEqual([['abc', 'd']]);
    expect(parseCsvRecords('a,', ',')).toEqual([['a', '']]);
    expect(parseCsvRecords('', ',')).toEqual([]);
    expect(parseCsvRecords('a,"b', ',')).toEqual({ openQuoteRow: 1 });
  });
});
