/** exceljs values → plain cells, rectangular tabs, sheet and file names, CSV output text. */
import { fromExcelValue, isDateFormat, rectangular, serialToDate, toExcelValue } from '../../cli/cells';
import { csvFileName, toCsv } from '../../cli/csv-writer';
import { safeSheetNames } from '../../cli/xlsx-writer';

describe('fromExcelValue', () => {
  test('plain values pass through', () => {
    expect(fromExcelValue('abc')).toBe('abc');
    expect(fromExcelValue(4.5)).toBe(4.5);
    expect(fromExcelValue(true)).toBe(true);
    expect(fromExcelValue(null)).toBeNull();
    expect(fromExcelValue(undefined)).toBeNull();
  });
  test('a date stays the same UTC calendar day', () => {
    const d = fromExcelValue(new Date(Date.UTC(2026, 6, 1))) as Date;
    expect(d.toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });
  test('formula cells give their cached result', () => {
    expect(fromExcelValue({ formula: 'A1+1', result: 7 })).toBe(7);
    expect(fromExcelValue({ sharedFormula: 'B2', result: 'x' })).toBe('x');
    expect(fromExcelValue({ formula: 'NA()', result: { error: '#N/A' } })).toBe('#N/A');
    expect(fromExcelValue({ formula: 'A1' })).toBeNull();
  });
  test('a numeric formula result with a date format becomes that day (serial 46204 = 2026-07-01)', () => {
    const d = fromExcelValue({ formula: 'TODAY()', result: 46204 }, 'yyyy-mm-dd') as Date;
    expect(d.toISOString().slice(0, 10)).toBe('2026-07-01');
    expect(fromExcelValue({ formula: 'A1', result: 46204 }, '0.00')).toBe(46204);
  });
  test('rich text, hyperlinks and errors become text', () => {
    expect(fromExcelValue({ richText: [{ text: '张' }, { text: '三', font: { bold: true } }] })).toBe('张三');
    expect(fromExcelValue({ text: '官网', hyperlink: 'http://example.invalid' })).toBe('官网');
    expect(fromExcelValue({ text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' })).toBe('ab');
    expect(fromExcelValue({ error: '#REF!' })).toBe('#REF!');
  });
  test('non-finite numbers and invalid dates read as blank', () => {
    expect(fromExcelValue(NaN)).toBeNull();
    expect(fromExcelValue(new Date(NaN))).toBeNull();
  });
});

describe('dates', () => {
  test('date formats are recognised outside quotes and brackets', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(isDateFormat('"days"0')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });
  test('serials convert like exceljs: 25569 = 1970-01-01, 46022 = 2025-12-31, 1904 system 0 = 1904-01-01', () => {
    expect(serialToDate(25569).toISOString().slice(0, 10)).toBe('1970-01-01');
    expect(serialToDate(46022).toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(serialToDate(0, true).toISOString().slice(0, 10)).toBe('1904-01-01');
  });
});

describe('rectangular', () => {
  test('pads rows, trims trailing blank rows and columns, blank text becomes null', () => {
    const rows = [['a', 'b', null], ['1'], [], ['', null, ''], [null]];
    expect(rectangular(rows)).toEqual([['a', 'b'], ['1', null]]);
  });
  test('keeps blank rows between data (row numbers stay as the user sees them)', () => {
    expect(rectangular([['h'], [], ['x']])).toEqual([['h'], [null], ['x']]);
  });
  test('sparse rows from exceljs', () => {
    const row: (string | null)[] = [];
    row[2] = 'c';
    expect(rectangular([row])).toEqual([[null, null, 'c']]);
  });
});

describe('toExcelValue', () => {
  test('strings stay strings even when they look like formulas; over-long text is cut at 32767', () => {
    expect(toExcelValue('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect((toExcelValue('字'.repeat(40000)) as string).length).toBe(32767);
    expect(toExcelValue(Infinity)).toBeNull();
  });
});

describe('names', () => {
  test('sheet names follow Excel rules and stay unique ignoring case', () => {
    expect(safeSheetNames(['a/b', 'A/B', '[x]', '', "'q'", '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三'])).toEqual([
      'a_b', 'A_B (2)', '_x_', 'Sheet', 'q', '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一',
    ]);
  });
  test('csv file names replace characters file systems refuse', () => {
    expect(csvFileName('排名 2026-Q3')).toBe('排名 2026-Q3.csv');
    expect(csvFileName('a/b:c*?')).toBe('a_b_c__.csv');
  });
});

describe('toCsv', () => {
  test('a leading tab or carriage return is guarded too (some spreadsheets strip them, then see a formula)', () => {
    const text = toCsv({ name: 'x', kind: 'bonus', formats: ['text'], rows: [['n'], ['\t=1+1'], ['\r=1+1'], ['ok']] });
    expect(text).toBe('\ufeffn\r\n\'\t=1+1\r\n"\'\r=1+1"\r\nok\r\n');
  });
  test('BOM, CRLF, quoting, money with two decimals, dates as days, formula-like text prefixed', () => {
    const text = toCsv({
      name: 'Bonus 2026-Q3', kind: 'bonus', formats: ['text', 'money', 'date', 'text'],
      rows: [
        ['name', 'amount', 'day', 'note'],
        ['=HYPERLINK("x")', 800, new Date(Date.UTC(2026, 8, 30)), 'a,b'],
        ['+1', 1333.5, null, 'say "hi"\nbye'],
        ['@me', -5, null, ' padded'],
      ],
    });
    expect(text).toBe(
      '\ufeffname,amount,day,note\r\n' +
      '"\'=HYPERLINK(""x"")",800.00,2026-09-30,"a,b"\r\n' +
      "'+1,1333.50,,\"say \"\"hi\"\"\nbye\"\r\n" +
      "'@me,-5.00,,\" padded\"\r\n");
  });
});
