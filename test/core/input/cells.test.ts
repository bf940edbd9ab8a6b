/** Cell coercion (core/input/cells.ts): every cell form of SPEC §1 "Cell values", worked out by hand. */
import {
  charCount, isBlank, isProblem, problem, toBoolean, toDay, toFen, toInteger, toLevel, toMonth, toNumber,
  toPeriod, toRating, toText, type CellCode,
} from '../../../core/input/cells';
import type { Cell } from '../../../core/types';

const P = (code: CellCode) => problem(code);
const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

describe('toDay', () => {
  test.each<[string, Cell, unknown]>([
    ['Date at UTC midnight', utc(2026, 7, 1), '2026-07-01'],
    ['Date late in the UTC day keeps its day', utc(2026, 7, 1, 23, 30), '2026-07-01'],
    ['invalid Date', new Date(Number.NaN), P('bad_date')],
    ['Excel serial 46204', 46204, '2026-07-01'],
    ['serial with a time fraction', 46204.75, '2026-07-01'],
    ['serial 1 = 1900-01-01', 1, '1900-01-01'],
    ['serial 59 = 1900-02-28', 59, '1900-02-28'],
    ['serial 60 = fictitious 1900-02-29', 60, P('bad_date')],
    ['serial 61 = 1900-03-01', 61, '1900-03-01'],
    ['serial 0', 0, P('bad_date')],
    ['negative serial', -5, P('bad_date')],
    ['serial past 9999-12-31', 2958466, P('bad_date')],
    ['YYYYMMDD number', 20260701, '2026-07-01'],
    ['YYYYMMDD number, impossible day', 20260230, P('bad_date')],
    ['ISO text', '2026-07-01', '2026-07-01'],
    ['ISO text without zero padding', '2026-7-1', '2026-07-01'],
    ['slashes', '2026/7/1', '2026-07-01'],
    ['dots', '2026.7.1', '2026-07-01'],
    ['Chinese', '2026年7月1日', '2026-07-01'],
    ['Chinese with spaces and 号', '2026 年 7 月 1 号', '2026-07-01'],
    ['ISO date-time', '2026-07-01T00:00:00', '2026-07-01'],
    ['ISO date-time in UTC keeps the written day', '2026-07-01T23:59:59Z', '2026-07-01'],
    ['ISO date-time with offset', '2026-07-01T08:00:00+08:00', '2026-07-01'],
    ['date and time with a space', '2026/07/01 08:30', '2026-07-01'],
    ['full-width digits', '２０２６－０７－０１', '2026-07-01'],
    ['compact text', '20260701', '2026-07-01'],
    ['serial written as text', '46204', '2026-07-01'],
    ['surrounding spaces', '  2026-07-01  ', '2026-07-01'],
    ['impossible day 2026-02-30', '2026-02-30', P('bad_date')],
    ['impossible Chinese day', '2026年2月30日', P('bad_date')],
    ['month 13', '2026-13-01', P('bad_date')],
    ['not a leap year', '2025-02-29', P('bad_date')],
    ['leap year', '2024-02-29', '2024-02-29'],
    // SPEC §8: slash dates with the year last; a column decides the order (core/input/tabs.ts), alone a value reads its only way.
    ['slash date that reads two ways', '7/1/2026', P('ambiguous_date')],
    ['slash date that can only be month/day/year', '6/17/2026', '2026-06-17'],
    ['slash date that can only be day/month/year', '17/6/2026', '2026-06-17'],
    ['slash date that is the same day both ways', '7/7/2026', '2026-07-07'],
    ['slash date valid neither way', '13/13/2026', P('bad_date')],
    ['mixed separators', '2026/7-1', P('bad_date')],
    ['year before 1900', '1899-12-31', P('bad_date')],
    ['words', 'yesterday', P('bad_date')],
    ['error value', '#N/A', P('error_value')],
    ['boolean', true, P('bad_date')],
    ['empty text', '', null],
    ['white space', '   ', null],
    ['dash placeholder', '-', null],
    ['null', null, null],
    ['undefined', undefined, null],
  ])('%s', (_label, cell, expected) => {
    expect(toDay(cell)).toEqual(expected);
  });
});

describe('toMonth', () => {
  test.each<[Cell, unknown]>([
    ['2026-07', '2026-07'],
    ['2026-7', '2026-07'],
    ['2026/7', '2026-07'],
    ['2026.07', '2026-07'],
    ['2026年7月', '2026-07'],
    ['2026年07月份', '2026-07'],
    ['202607', '2026-07'],
    [202607, '2026-07'],
    [utc(2026, 7, 15), '2026-07'],
    ['2026-07-15', '2026-07'],
    [46204, '2026-07'],
    ['2026-13', P('bad_month')],
    ['2026-00', P('bad_month')],
    ['July', P('bad_month')],
    ['#REF!', P('error_value')],
    ['', null],
  ])('%p → %p', (cell, expected) => {
    expect(toMonth(cell)).toEqual(expected);
  });
});

describe('toPeriod', () => {
  test.each<[Cell, unknown]>([
    ['2026-Q3', '2026-Q3'],
    ['2026-q3', '2026-Q3'],
    ['2026Q3', '2026-Q3'],
    ['2026 Q3', '2026-Q3'],
    ['2026年第3季度', '2026-Q3'],
    ['2026年第三季度', '2026-Q3'],
    ['2026年Q3', '2026-Q3'],
    ['2026-H2', '2026-H2'],
    ['2026年下半年', '2026-H2'],
    ['2026年上半年', '2026-H1'],
    ['2026', '2026'],
    [2026, '2026'],
    ['2026年', '2026'],
    ['2026年度', '2026'],
    ['2026-07', '2026-07'],
    ['2026-7', '2026-07'],
    ['2026年7月', '2026-07'],
    [utc(2026, 7, 1), '2026-07'],
    ['2026-Q5', P('bad_period')],
    ['2026-H3', P('bad_period')],
    ['2026-13', P('bad_period')],
    ['Q3', P('bad_period')],
    ['#N/A', P('error_value')],
  ])('%p → %p', (cell, expected) => {
    expect(toPeriod(cell)).toEqual(expected);
  });
});

describe('toNumber', () => {
  test.each<[string, Cell, unknown]>([
    ['number', 4, 4],
    ['text', '4', 4],
    ['full-width digit', '４', 4],
    ['full-width digits', '１２３４', 1234],
    ['spaces around', ' 4 ', 4],
    ['decimal', '4.5', 4.5],
    ['negative', '-3', -3],
    ['unicode minus', '−3', -3],
    ['explicit plus', '+2', 2],
    ['percent in a score column keeps the points', '85%', 85],
    ['full-width percent', '８５％', 85],
    ['thousands separator', '1,200', 1200],
    ['full-width comma separator', '1，200', 1200],
    ['space separator', '1 200', 1200],
    ['separator and decimals', '1,200.5', 1200.5],
    ['negative with separator', '-1,200', -1200],
    ['exponent', '1e3', 1000],
    ['leading dot', '.5', 0.5],
    ['trailing dot', '4.', 4],
    ['unit 分', '5分', 5],
    ['unit 次', '3 次', 3],
    ['wrong grouping', '1,20', P('not_a_number')],
    ['decimal comma', '1,2', P('not_a_number')],
    ['two numbers', '4 5', P('not_a_number')],
    ['words', 'abc', P('not_a_number')],
    ['formula as text', '=SUM(A1)', P('not_a_number')],
    ['hex', '0x10', P('not_a_number')],
    ['Infinity text', 'Infinity', P('not_a_number')],
    ['#REF!', '#REF!', P('error_value')],
    ['#DIV/0!', '#DIV/0!', P('error_value')],
    ['#VALUE!', '#VALUE!', P('error_value')],
    ['#N/A lower case', '#n/a', P('error_value')],
    ['NaN', Number.NaN, P('not_a_number')],
    ['Infinity', Number.POSITIVE_INFINITY, P('not_a_number')],
    ['boolean', true, P('not_a_number')],
    ['Date', utc(2026, 7, 1), P('not_a_number')],
    ['overflow', '1e999', P('out_of_range')],
    ['blank', '', null],
    ['none placeholder', '无', null],
  ])('%s', (_label, cell, expected) => {
    expect(toNumber(cell)).toEqual(expected);
  });

  test('"85%" as a ratio is 0.85', () => expect(toNumber('85%', 'ratio')).toBeCloseTo(0.85, 12));
  test('"-0" is 0, not -0', () => expect(Object.is(toNumber('-0'), 0)).toBe(true));

  test.each<[Cell, unknown]>([
    ['4.0', 4],
    [3, 3],
    ['4.5', P('not_an_integer')],
    [2.5, P('not_an_integer')],
    ['x', P('not_a_number')],
  ])('toInteger(%p) → %p', (cell, expected) => {
    expect(toInteger(cell)).toEqual(expected);
  });
});

describe('toFen (exact money)', () => {
  test.each<[string, Cell, unknown]>([
    ['yuan sign, separator, decimals', '¥1,200.50', 120050],
    ['full-width yuan sign', '￥1,200.50', 120050],
    ['plain text', '1200', 120000],
    ['number', 1200.5, 120050],
    ['19.99 (float × 100 is 1998.999…)', 19.99, 1999],
    ['1.15 (float × 100 is 114.999…)', 1.15, 115],
    ['0.1 + 0.2', 0.1 + 0.2, 30],
    ['negative number', -12.34, -1234],
    ['元 suffix', '1,200元', 120000],
    ['accounting negative', '(1,200.00)', -120000],
    ['minus before the sign', '-¥1,200', -120000],
    ['minus after the sign', '¥-5', -500],
    ['RMB prefix', 'RMB 50', 5000],
    ['dollar', '$3.5', 350],
    ['third decimal rounds up at 5', '1.005', 101],
    ['third decimal rounds down below 5', '1.004', 100],
    ['negative rounds away from zero', '-1.005', -101],
    ['exponent', '1e3', 100000],
    ['tiny number', 1e-7, 0],
    ['full-width', '１，２００．５０', 120050],
    ['too large', '99999999999999999', P('out_of_range')],
    ['words', 'abc', P('not_a_number')],
    ['percent is not money', '85%', P('not_a_number')],
    ['wrong grouping', '¥1,2', P('not_a_number')],
    ['error value', '#N/A', P('error_value')],
    ['NaN', Number.NaN, P('not_a_number')],
    ['blank', ' ', null],
  ])('%s', (_label, cell, expected) => {
    expect(toFen(cell)).toEqual(expected);
  });
});

describe('toBoolean', () => {
  test.each<[Cell, unknown]>([
    ['yes', true], ['No', false], ['TRUE', true], ['false', false], ['是', true], ['否', false],
    ['Y', true], ['n', false], ['✓', true], ['✗', false], ['√', true], ['×', false],
    [1, true], [0, false], [true, true], [false, false], ['１', true],
    [2, P('bad_boolean')], ['maybe', P('bad_boolean')], ['也许', P('bad_boolean')], ['#N/A', P('error_value')],
    ['', null], [null, null],
  ])('%p → %p', (cell, expected) => {
    expect(toBoolean(cell)).toEqual(expected);
  });
});

describe('toText', () => {
  test('trims, including full-width spaces', () => expect(toText('\u3000 张三 \u3000')).toBe('张三'));
  test('numbers keep their digits', () => expect(toText(1001)).toBe('1001'));
  test('dates become days', () => expect(toText(utc(2026, 7, 1))).toBe('2026-07-01'));
  test('booleans', () => expect(toText(true)).toBe('TRUE'));
  test('formulas as text stay text', () => expect(toText('=SUM(A1)')).toBe('=SUM(A1)'));
  test('error values', () => {
    expect(toText('#N/A')).toEqual(P('error_value'));
    expect(toText(' #REF! ')).toEqual(P('error_value'));
    expect(toText('＃N/A')).toEqual(P('error_value'));
  });
  test('a 50,000-character cell', () => {
    const big = '服'.repeat(50000);
    expect(toText(big)).toBe(big);
  });
  test('blank', () => expect(toText('  ')).toBeNull());
});

describe('coded values', () => {
  test.each<[Cell, unknown]>([
    ['员工', 'staff'], ['班长', 'team_lead'], ['领班', 'team_lead'], ['主管', 'supervisor'], ['课长', 'supervisor'],
    ['主任', 'supervisor'], ['经理', 'manager'], ['Manager', 'manager'], ['team lead', 'team_lead'], ['TEAM_LEAD', 'team_lead'],
    ['CEO', P('bad_level')], ['', null],
  ])('level %p → %p', (cell, expected) => expect(toLevel(cell)).toEqual(expected));

  test.each<[Cell, unknown]>([
    ['超越', 'exceeded'], ['达到', 'met'], ['低于', 'below'], ['Exceeded', 'exceeded'], ['met', 'met'],
    ['超出期望', 'exceeded'], ['很好', P('bad_rating')], ['#N/A', P('error_value')],
  ])('rating %p → %p', (cell, expected) => expect(toRating(cell)).toEqual(expected));
});

describe('helpers', () => {
  test.each<[string, number]>([
    ['你好 世界', 4],
    ['a b\tc\n', 3],
    ['😀😀', 2],
    ['Hello，世界', 8],
    ['\u3000全角\u3000空格\u3000', 4],
    ['', 0],
  ])('charCount(%p) = %p', (text, n) => expect(charCount(text)).toBe(n));

  test('isBlank', () => {
    expect([null, undefined, '', ' ', '\u3000', '-', '—', '无', 'N/A'].every(isBlank)).toBe(true);
    expect([0, false, 'x', '#N/A', '0'].some(isBlank)).toBe(false);
  });

  test('isBlank: every "none" word in every width and case, trimmed (the first-character screen lets each through)', () => {
    const words = ['-', '--', '—', '——', '–', '无', 'n/a', 'N/A', 'none', 'None', 'NONE', '－', '－－', 'ｎ/ａ', 'Ｎ／Ａ', 'ｎｏｎｅ', 'ＮＯＮＥ', ' none ', '\u3000无\u3000', '\tN/A'];
    for (const w of words) expect([w, isBlank(w)]).toEqual([w, true]);
    for (const w of ['n', 'no', 'n/b', 'nonex', '-5', '—1', '无效', 'a', '张三', '5', 'Ｎ', '#N/A']) expect([w, isBlank(w)]).toEqual([w, false]);
  });

  test('isProblem tells problems from values', () => {
    expect(isProblem(problem('bad_date'))).toBe(true);
    expect([null, '2026-07-01', 0, true, utc(2026, 1, 1)].some(isProblem)).toBe(false);
  });
});

describe('toDay with a column order (SPEC §8)', () => {
  test.each([
    ['7/1/2026', 'mdy', '2026-07-01'], ['7/1/2026', 'dmy', '2026-01-07'], ['6/17/2026', 'dmy', { problem: 'bad_date' }],
    ['7/1/2026', 'mixed', { problem: 'mixed_date' }], ['6/17/2026', 'mixed', '2026-06-17'],
  ] as const)('%s read %s', (cell, order, expected) => {
    expect(toDay(cell, order)).toEqual(expected);
  });
});
