/**
 * The caches and allocation choices of readDataset (core/input/tabs.ts,
 * core/input/records.ts) give what the plain path gives: Date cells cached by
 * UTC day number (times of day and days before 1970 included), staff id cells
 * cached by their text (only ids of accepted people; problems still reported on
 * every row), and Feedback / Incidents records made by constructors with the
 * same fields, in the same order, as the object literals they replace.
 */
import { rowFacts } from '../../../core/input/tabs';
import { read, where } from '../../fixtures/input/helpers';
import type { Cell } from '../../../core/types';

const utc = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) => new Date(Date.UTC(y, m - 1, d, h, min, s, ms));

const STAFF: [string, Cell[][]] = ['Staff', [
  ['staff_id', 'name', 'department', 'hire_date'],
  ['S01', 'Ann', 'Care', '2025-03-10'],
  ['S02', 'Bob', 'Care', '2026-05-20'],
  ['S03', 'Cat', 'Care', 'not a date'],
]];

describe('Date cells read by their UTC day, cached by day number', () => {
  test('times of one day share the day; the last millisecond before midnight is the day before, before 1970 too', () => {
    const dates: Cell[] = [
      utc(2026, 7, 1), utc(2026, 7, 1, 23, 59, 59, 999), utc(2026, 7, 1, 12), utc(2026, 6, 30, 23, 59, 59, 999),
      utc(1970, 1, 1), utc(1969, 12, 31, 23, 59, 59, 999), utc(1969, 12, 31), utc(1969, 12, 30, 12), utc(1970, 1, 1, 0, 0, 0, 1),
      utc(1960, 2, 29, 18), utc(1960, 3, 1),
    ];
    const r = read([STAFF, ['Feedback', [['date', 'staff_id', 'score'], ...dates.map((d) => [d, 'S01', 4])]]]);
    expect(r.dataset.feedback.map((f) => f.date)).toEqual([
      '2026-07-01', '2026-07-01', '2026-07-01', '2026-06-30',
      '1970-01-01', '1969-12-31', '1969-12-31', '1969-12-30', '1970-01-01',
      '1960-02-29', '1960-03-01',
    ]);
    // The engine's day keys (cached with each day) follow the dates.
    const facts = rowFacts(r.dataset.feedback)!;
    expect(new Set(facts.day!.slice(0, 3)).size).toBe(1);
    expect(facts.day![3]).toBeLessThan(facts.day![0]);
    expect(facts.day![5]).toBe(facts.day![6]);
  });

  test('an invalid Date is bad_date on every row it is in, and the valid ones around it are kept', () => {
    const bad = new Date(Number.NaN);
    const r = read([STAFF, ['Feedback', [['date', 'staff_id', 'score'], [bad, 'S01', 4], [utc(2026, 7, 2), 'S01', 4], [bad, 'S02', 3]]]]);
    expect(r.dataset.feedback.map((f) => f.date)).toEqual(['2026-07-02']);
    expect(r.diagnostics.map(where)).toEqual([
      ['error', 'bad_date', 'Staff', 4, 'hire_date'],
      ['error', 'bad_date', 'Feedback', 2, 'date'],
      ['error', 'bad_date', 'Feedback', 4, 'date'],
    ]);
  });
});

describe('staff id cells cached by their text', () => {
  test('the same text on many rows and two tabs finds the same person; spaced and full-width forms too', () => {
    const ids = ['S01', 'S02', ' S01 ', 'S01', 'ｓ０２', 'S02', ' S01 ', 'ｓ０２'];
    const r = read([STAFF,
      ['Feedback', [['date', 'staff_id', 'score'], ...ids.map((id) => ['2026-07-01', id, 4])]],
      ['Incidents', [['date', 'staff_id', 'type'], ...ids.map((id) => ['2026-07-01', id, 'praise'])]],
    ]);
    const want = ['s01', 's02', 's01', 's01', 's02', 's02', 's01', 's02'];
    expect(r.dataset.feedback.map((f) => f.staffKey)).toEqual(want);
    expect(r.dataset.incidents.map((f) => f.staffKey)).toEqual(want);
    expect([...rowFacts(r.dataset.feedback)!.staff]).toEqual([0, 1, 0, 0, 1, 1, 0, 1]);
    expect([...rowFacts(r.dataset.incidents)!.staff]).toEqual([0, 1, 0, 0, 1, 1, 0, 1]);
    expect(r.diagnostics.filter((d) => d.tab !== 'Staff')).toEqual([]);
  });

  test('unknown ids, error values and a person left out of Staff are reported on every row, not cached away', () => {
    const ids = ['S09', 'S01', 'S09', '#N/A', 'S03', 'S01', '#N/A', 'S03', 'S09'];
    const r = read([STAFF, ['Feedback', [['date', 'staff_id', 'score'], ...ids.map((id) => ['2026-07-01', id, 4])]]]);
    expect(r.dataset.feedback.map((f) => f.row)).toEqual([3, 7]);
    expect(r.diagnostics.map(where)).toEqual([
      ['error', 'bad_date', 'Staff', 4, 'hire_date'],
      ['error', 'unknown_staff', 'Feedback', 2, 'staff_id'],
      ['error', 'unknown_staff', 'Feedback', 4, 'staff_id'],
      ['error', 'error_value', 'Feedback', 5, 'staff_id'],
      ['error', 'error_value', 'Feedback', 8, 'staff_id'],
      ['error', 'unknown_staff', 'Feedback', 10, 'staff_id'],
      ['warning', 'staff_left_out', 'Feedback', 6, 'staff_id'],
    ]);
    expect(r.diagnostics.find((d) => d.code === 'staff_left_out')!.message.en).toMatch(/2 rows/);
  });
});

describe('Feedback and Incidents records made by constructors', () => {
  test('same fields in the same order as the object literal, and the same JSON', () => {
    const r = read([STAFF,
      ['Feedback', [['date', 'staff_id', 'score', 'rating', 'likes', 'customer', 'channel', 'comment'], ['2026-07-01', 'S01', 4, '', 2, 'Mr Wu', 'phone', 'ok']]],
      ['Incidents', [['date', 'staff_id', 'type', 'points', 'amount', 'note'], ['2026-07-02', 'S02', 'praise', 2, '12.5', 'n']]],
    ]);
    const f = r.dataset.feedback[0];
    const literal = { tab: 'Feedback', row: 2, date: '2026-07-01', staffKey: 's01', score: 4, rating: null, likes: 2, customer: 'Mr Wu', channel: 'phone', comment: 'ok' };
    expect(Object.keys(f)).toEqual(Object.keys(literal));
    expect(JSON.stringify(f)).toBe(JSON.stringify(literal));
    expect({ ...f }).toEqual(literal);
    const i = r.dataset.incidents[0];
    const incident = { tab: 'Incidents', row: 2, date: '2026-07-02', staffKey: 's02', type: 'praise', points: 2, amount: 1250, note: 'n' };
    expect(Object.keys(i)).toEqual(Object.keys(incident));
    expect(JSON.stringify(i)).toBe(JSON.stringify(incident));
  });
});
