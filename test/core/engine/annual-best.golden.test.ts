/**
 * Golden test: annual-best (SPEC §4 second wave, seed 002 服务之星评选方案1) for 2026 on
 * test/fixtures/presets/annual-best.json, worked out by hand.
 *
 * Gates for every award:
 *   tenure ≥ 6 months at 2026-12-31: D03 hired 2026-08-01 → 4 months → tenure_under_6_months.
 *   no absence (Attendance absent_days and Incidents absence, the larger of the two per
 *     month): P03 absence incident 2026-02-02 → 1 → absent.
 *   fewer than 2 early leaves (the same rule): D04 Attendance 2026-05 early_leave 1 and an
 *     early_leave incident 2026-05-10 — one month, counted once → 1 < 2 → passes;
 *     D05 incident 2026-03-03 (March 1) + Attendance 2026-04 early_leave 1 (April 1) = 2 → early_leaves.
 *   no warning / criticism: P02 warning 2026-06-01 → warning_or_criticism.
 *   sick + personal leave < 20 days: P04 12 (03) + 8 (09) = 20 → leave_days.
 *   D06, P05, P06 left during 2026 → left.
 * best_employee (per department; Quotas: 开发体系 2) by committee mean, else supervisor mean:
 *   开发体系: D01 committee 90 (its supervisor 70 unused); D02 no committee → supervisor 95;
 *     D04 80 (the 2025 review of 100 is outside 2026) → D02 95, D01 90 win (2 places).
 *   物业体系: only P01 (85) passes the gates → P01. 客服体系: C02 96 > C01 95 → C02.
 * best_service (3) by the mean 2026 feedback score with ≥ 10 rows:
 *   P01 10 × 5 = 5.0; D01 (9 × 5 + 4) / 10 = 4.9; D04 12 × 4 = 4.0; D02 10 × 3 = 3.0 (rank 4);
 *   C01 9 rows in 2026 (its 2025-12-20 row is outside) → few_feedback; P02 → gate.
 *   → P01, D01, D04.
 * best_innovation (1) by innovation + suggestion_adopted count (≥ 1): D01 2, P01 1; D05 3 but
 *   early_leaves → D01.
 * best_image (1) by the mean review of dimension 职业形象 / image: P01 92, D02 91, P03 99 but
 *   absent → P01.
 * benchmark_team (1 department; members present at 2026-12-31 with a review; ≥ 3 of them):
 *   开发体系 members' means: D01 (90 + 70) / 2 = 80, D02 (95 + 91) / 2 = 93, D03 99, D04 80,
 *     D05 98 → 450 / 5 = 90.
 *   物业体系: P01 (85 + 92) / 2 = 88.5, P02 88, P03 (87 + 99) / 2 = 93, P04 90.5 → 360 / 4 = 90.
 *   客服体系: C01, C02 only 2 members with a score → not ranked.
 *   Tie at 90 → lower turnover: 开发体系 on Staff at 2026-01-01: D01 D02 D04 D05 D06 (D03 hired
 *   later) = 5, left in 2026: D06 → 1 / 5 = 0.2; 物业体系 P01–P06 = 6, left P05, P06 → 2 / 6 =
 *   0.33 → 开发体系 wins. Its eligible members share the award (certificate, 0.00):
 *   D01, D02, D04 (D03 tenure, D05 early leaves are not).
 */
import { fixture, run } from './helpers';

describe('golden: annual-best 2026', () => {
  const out = run(fixture('annual-best'), 'annual-best', '2026');
  const r = out.result!;
  const lines = (award: string) => r.awards.filter((a) => a.award === award).map((a) => [a.staff_id, a.scope, a.rank, a.tie]);
  const reasons = (award: string) => Object.fromEntries(r.ineligible.filter((x) => x.award === award).map((x) => [x.staff_id, x.reasons]));

  test('best_employee: committee score, else the supervisor score; Quotas tab gives 开发体系 two places', () => {
    expect(lines('best_employee')).toEqual([
      // scopes in code-point order: 客服体系, 开发体系, 物业体系
      ['C02', '客服体系', 1, false],
      ['D02', '开发体系', 1, false], ['D01', '开发体系', 2, false],
      ['P01', '物业体系', 1, false],
    ]);
  });
  test('each annual gate keeps one person out', () => {
    const g = reasons('best_employee');
    expect({ D03: g.D03, D05: g.D05, P02: g.P02, P03: g.P03, P04: g.P04 }).toEqual({
      D03: ['tenure_under_6_months'], D05: ['early_leaves'], P02: ['warning_or_criticism'], P03: ['absent'], P04: ['leave_days'],
    });
    expect(g.D04).toBeUndefined();
    expect(g.D06).toEqual(['left']);
  });
  test('best_service: three by the mean feedback score, at least 10 rows', () => {
    expect(lines('best_service')).toEqual([['P01', 'company', 1, false], ['D01', 'company', 2, false], ['D04', 'company', 3, false]]);
    expect(reasons('best_service').C01).toEqual(['few_feedback']);
  });
  test('best_innovation and best_image', () => {
    expect(lines('best_innovation')).toEqual([['D01', 'company', 1, false]]);
    expect(reasons('best_innovation').D05).toEqual(['early_leaves']);
    expect(lines('best_image')).toEqual([['P01', 'company', 1, false]]);
    expect(reasons('best_image').P03).toEqual(['absent']);
  });
  test('benchmark_team: a tie on the members\' mean review broken by the lower turnover', () => {
    expect(lines('benchmark_team')).toEqual([['D01', '开发体系', 1, false], ['D02', '开发体系', 1, false], ['D04', '开发体系', 1, false]]);
  });
  test('no error diagnostics', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
