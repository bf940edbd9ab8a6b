import {
  addMonths, contains, isActiveAt, isRegularAt, lastCompletedPeriod, parsePeriod, periodOf,
  shiftPeriod, subPeriods, tenureMonths, wholeMonthsBetween,
} from '../../core/periods';

describe('periods', () => {
  test.each([
    ['2026-07', 'month', '2026-07-01', '2026-07-31'],
    ['2026-7', 'month', '2026-07-01', '2026-07-31'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2024-02', 'month', '2024-02-01', '2024-02-29'],
    ['2026-Q3', 'quarter', '2026-07-01', '2026-09-30'],
    ['2026-q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-H2', 'half', '2026-07-01', '2026-12-31'],
    ['2026', 'year', '2026-01-01', '2026-12-31'],
  ])('parses %s', (text, kind, start, end) => {
    const p = parsePeriod(text)!;
    expect(p).not.toBeNull();
    expect([p.kind, p.start, p.end]).toEqual([kind, start, end]);
  });

  test.each(['2026-13', '2026-00', '2026-Q5', '2026-Q0', '2026-H3', '26-Q1', 'Q3', '', 'abc', '2026-07-01'])(
    'rejects %p', (text) => expect(parsePeriod(text)).toBeNull());

  test('membership is inclusive of first and last day only', () => {
    const q = parsePeriod('2026-Q3')!;
    expect(contains(q, '2026-06-30')).toBe(false);
    expect(contains(q, '2026-07-01')).toBe(true);
    expect(contains(q, '2026-09-30')).toBe(true);
    expect(contains(q, '2026-10-01')).toBe(false);
  });

  test('last completed period before a day', () => {
    expect(lastCompletedPeriod('quarter', '2026-11-22').id).toBe('2026-Q3');
    expect(lastCompletedPeriod('quarter', '2026-01-01').id).toBe('2025-Q4');
    expect(lastCompletedPeriod('month', '2026-01-15').id).toBe('2025-12');
    expect(lastCompletedPeriod('half', '2026-11-22').id).toBe('2026-H1');
    expect(lastCompletedPeriod('year', '2026-11-22').id).toBe('2025');
  });

  test('shift, sub-periods, periodOf', () => {
    expect(shiftPeriod(parsePeriod('2026-01')!, -1).id).toBe('2025-12');
    expect(shiftPeriod(parsePeriod('2026-Q4')!, 1).id).toBe('2027-Q1');
    expect(subPeriods(parsePeriod('2026-Q3')!, 'month').map((p) => p.id)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(subPeriods(parsePeriod('2026')!, 'quarter').map((p) => p.id)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(periodOf('half', '2026-06-30').id).toBe('2026-H1');
  });

  test('tenure, regular, active', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(wholeMonthsBetween('2026-06-30', '2026-07-30')).toBe(1);
    expect(wholeMonthsBetween('2026-07-01', '2026-07-31')).toBe(0);
    expect(tenureMonths('2026-06-01', parsePeriod('2026-07')!)).toBe(1);
    expect(tenureMonths('2026-07-02', parsePeriod('2026-07')!)).toBe(0);
    expect(isRegularAt('2026-09-30', parsePeriod('2026-Q3')!)).toBe(true);
    expect(isRegularAt('2026-10-01', parsePeriod('2026-Q3')!)).toBe(false);
    expect(isActiveAt('2026-09-29', parsePeriod('2026-Q3')!)).toBe(false);
    expect(isActiveAt('2026-09-30', parsePeriod('2026-Q3')!)).toBe(true);
    expect(isActiveAt(null, parsePeriod('2026-Q3')!)).toBe(true);
  });
});
