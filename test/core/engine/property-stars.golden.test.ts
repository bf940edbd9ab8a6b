/**
 * Golden test: property-stars (SPEC §4 second wave, seed 002 XX物业 季度之星、年度优秀员工、
 * 最佳新人) on test/fixtures/presets/property-stars.json, worked out by hand.
 *
 * quarter_star (quarterly, per department, 1): regular at the quarter's end; level staff
 * or team_lead (领班 allowed); position not 客服管家; in the quarter ≥ 1 praise, no
 * major_error, no criticism; ranked by the quarter's mean Review score (all sources).
 *   Q1 物业一部: A01 90 (supervisor), praise 02-10 → wins. A08 hired 03-01, regular from
 *      06-01 > 03-31 → not_regular. 物业二部: B01 88, praise 01-20 → wins; B04 hired 01-05,
 *      regular 04-05 (+3 months) > 03-31 → not_regular.
 *   Q2 物业一部: A02 (level 领班 = team_lead) 92, praise 05-10 → wins; A03 99 but position
 *      客服管家 → position_excluded; A04 98 but supervisor → level_excluded; A08 85, no praise
 *      → no_praise. 物业二部: B02 87, praise 04-20 → wins.
 *   Q3 物业一部: A05 91, praise 08-01 → wins; A06 95 but major_error 09-01 → major_error;
 *      A08 75 (peer), no praise → no_praise. 物业二部: B03 89 rank 1 → wins; B06 (hired
 *      05-01, regular 08-01) 80, praise 09-15 → eligible, rank 2, outside the quota.
 *   Q4 物业一部: A07 93, praise 10-05 → wins. 物业二部: B04 90, praise 11-20 → wins.
 * excellent_employee (2026, per department, 1) among {A01, A02, A05, A07 | B01, B02, B03, B04}:
 *   A01: nothing against → eligible; positive points 5 (02-10; the −2 error is not positive).
 *   A02: early_leave incident 09-09 → early leaves 1 > 0 → early_leave.
 *   A05: criticism 11-15 → criticism.   A07: Attendance 2026-03 absent_days 1 → absence.
 *   B01: absent 1 day in Attendance 2026-01 AND an absence incident 01-25: the same month,
 *        counted once (max per month) → absences 1 → absence.
 *   B02: sick 5 (02) + personal 3 (07) = 8 > 7 → leave_days.
 *   B03: complaint 12-01 → complaint.
 *   B04: sick 4 + personal 3 = 7 ≤ 7 → eligible; positive points 2 (11-20).
 *   → 物业一部 A01, 物业二部 B04.
 * best_newcomer (2026, company, 1): hired in 2026 and not employee of the year; mean of the
 *   supervisor and peer Reviews of the year; tie-break more praise.
 *   A08 (hired 03-01): (85 + 75) / 2 = 80, praise 0. B06 (05-01): 80, praise 1 (09-15).
 *   B04 (01-05): 90 but employee of the year → already_excellent.
 *   A01 90 hired 2020 → not_newcomer, and employee of the year → already_excellent too;
 *   B01 88 hired 2020 → not_newcomer.
 *   → B06 rank 1 wins (tie on 80 broken by praise 1 vs 0); A08 rank 2.
 */
import { fixture, run } from './helpers';

const tabs = fixture('property-stars');
const winners = (period: string) => run(tabs, 'property-stars', period).result!.awards
  .map((a) => [a.award, a.staff_id, a.scope, a.rank, a.tie]);
const reasons = (period: string, award: string) => Object.fromEntries(run(tabs, 'property-stars', period).result!.ineligible
  .filter((x) => x.award === award).map((x) => [x.staff_id, x.reasons]));

describe('golden: property-stars quarter stars', () => {
  test('2026-Q1', () => {
    expect(winners('2026-Q1')).toEqual([['quarter_star', 'A01', '物业一部', 1, false], ['quarter_star', 'B01', '物业二部', 1, false]]);
    const r = reasons('2026-Q1', 'quarter_star');
    expect(r.A08).toEqual(['not_regular', 'no_praise', 'no_data']);
    expect(r.B04).toEqual(['not_regular', 'no_praise', 'no_data']);
  });
  test('2026-Q2: 客服管家 excluded, 领班 allowed', () => {
    expect(winners('2026-Q2')).toEqual([['quarter_star', 'A02', '物业一部', 1, false], ['quarter_star', 'B02', '物业二部', 1, false]]);
    const r = reasons('2026-Q2', 'quarter_star');
    expect(r.A02).toBeUndefined();
    expect(r.A03).toEqual(['position_excluded']);
    expect(r.A04).toEqual(['level_excluded']);
    expect(r.A08).toEqual(['no_praise']);
  });
  test('2026-Q3: a major error and missing praise', () => {
    expect(winners('2026-Q3')).toEqual([['quarter_star', 'A05', '物业一部', 1, false], ['quarter_star', 'B03', '物业二部', 1, false]]);
    const r = reasons('2026-Q3', 'quarter_star');
    expect(r.A06).toEqual(['major_error']);
    expect(r.A08).toEqual(['no_praise']);
    expect(r.B06).toBeUndefined();
  });
  test('2026-Q4', () => {
    expect(winners('2026-Q4')).toEqual([['quarter_star', 'A07', '物业一部', 1, false], ['quarter_star', 'B04', '物业二部', 1, false]]);
  });
});

describe('golden: property-stars 2026', () => {
  test('employee of the year per department and the best newcomer', () => {
    expect(winners('2026')).toEqual([
      ['excellent_employee', 'A01', '物业一部', 1, false],
      ['excellent_employee', 'B04', '物业二部', 1, false],
      ['best_newcomer', 'B06', 'company', 1, false],
    ]);
  });
  test('each annual requirement keeps one quarter star out', () => {
    const r = reasons('2026', 'excellent_employee');
    expect({ A02: r.A02, A05: r.A05, A07: r.A07, B01: r.B01, B02: r.B02, B03: r.B03 }).toEqual({
      A02: ['early_leave'], A05: ['criticism'], A07: ['absence'], B01: ['absence'], B02: ['leave_days'], B03: ['complaint'],
    });
    expect(r.A01).toBeUndefined();
    expect(r.B04).toBeUndefined();
    expect(r.A03).toEqual(['not_candidate']);
  });
  test('best newcomer: hired in the year, not employee of the year', () => {
    const r = reasons('2026', 'best_newcomer');
    expect(r.B04).toEqual(['already_excellent']);
    expect(r.A01).toEqual(['not_newcomer', 'already_excellent']);
    expect(r.B01).toEqual(['not_newcomer']);
    expect(r.A08).toBeUndefined();
    expect(r.B06).toBeUndefined();
  });
});
