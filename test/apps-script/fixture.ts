/**
 * A small smile-cards workbook for the Sheets adapter tests, with dates as real
 * Date objects (as getValues returns them) at midnight in Asia/Shanghai.
 *
 * Worked by hand for 2026-Q3 under the smile-cards preset (SPEC §4):
 *  group A: S01 Alice 3 × exceeded = 6 smile cards, 0 anger → wins;
 *           S02 Bob 2 × met = 2 smile cards;
 *           S03 Carol 1 × exceeded (2 smiles) + 1 × below (2 anger cards) → not eligible.
 *  group B: S04 "=HYPERLINK(...)" 1 × exceeded = 2 smile cards → wins;
 *           S05 Dan 1 × met = 1 smile card.
 *  S06 Erin (manager of S01, S04) and S07 Frank (Erin's manager) have no feedback.
 */
import type { CellValue, FakeSpreadsheet } from './fake-gas';

/** Midnight of a calendar day in Asia/Shanghai (UTC+8, no DST) as a Date. */
export function shanghai(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export const HYPERLINK_NAME = '=HYPERLINK("http://x","y")';

export const STAFF: CellValue[][] = [
  ['staff_id', 'name', 'department', 'group', 'level', 'hire_date', 'manager_id'],
  ['S01', 'Alice', 'Service', 'A', 'staff', shanghai('2024-01-15'), 'S06'],
  ['S02', 'Bob', 'Service', 'A', 'staff', shanghai('2024-03-01'), 'S06'],
  ['S03', 'Carol', 'Service', 'A', 'staff', shanghai('2025-02-10'), 'S06'],
  ['S04', HYPERLINK_NAME, 'Service', 'B', 'staff', shanghai('2023-11-20'), 'S06'],
  ['S05', 'Dan', 'Service', 'B', 'staff', shanghai('2024-06-01'), 'S06'],
  ['S06', 'Erin', 'Service', '', 'manager', shanghai('2020-05-05'), 'S07'],
  ['S07', 'Frank', 'Head office', '', 'manager', shanghai('2018-01-02'), ''],
];

const BASE_FEEDBACK: [string, string, string][] = [
  ['2026-07-03', 'S01', 'exceeded'],
  ['2026-07-20', 'S01', 'exceeded'],
  ['2026-08-11', 'S01', 'exceeded'],
  ['2026-07-08', 'S02', 'met'],
  ['2026-09-02', 'S02', 'met'],
  ['2026-08-15', 'S03', 'exceeded'],
  ['2026-08-16', 'S03', 'below'],
  ['2026-09-09', 'S04', 'exceeded'],
  ['2026-07-30', 'S05', 'met'],
];

export function feedbackRows(): CellValue[][] {
  return [['date', 'staff_id', 'rating'], ...BASE_FEEDBACK.map(([d, s, r]) => [shanghai(d), s, r] as CellValue[])];
}

/**
 * `n` feedback rows in 2026-Q3 over a fixed set of 30 days, spread over the staff,
 * all rated `met` (so sizes differ only in row count, not in distinct dates).
 */
export function bulkFeedback(n: number): CellValue[][] {
  const days: Date[] = [];
  for (let i = 0; i < 30; i++) days.push(shanghai(`2026-0${7 + (i % 3)}-${String(1 + i).padStart(2, '0')}`));
  const ids = ['S01', 'S02', 'S03', 'S04', 'S05'];
  const rows: CellValue[][] = [['date', 'staff_id', 'rating']];
  for (let i = 0; i < n; i++) rows.push([days[i % days.length], ids[i % ids.length], 'met']);
  return rows;
}

export function buildWorkbook(ss: FakeSpreadsheet, feedback: CellValue[][] = feedbackRows()): void {
  ss.add('Staff', STAFF);
  ss.add('Feedback', feedback);
  ss.add('Incidents', [['date', 'staff_id', 'type'], [shanghai('2026-10-02'), 'S02', 'complaint']]);
}
