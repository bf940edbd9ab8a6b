/**
 * Golden test: star-rating (SPEC §4, seed 004 星级服务) for the month 2026-08,
 * test/fixtures/presets/star-rating.json. Expected figures worked out by hand:
 *
 * score = customer 50 % + supervisor 30 % + self 20 % (Reviews of that source, 0–100);
 * customer from the mean Feedback score × 20 when there is no customer review; a
 * missing source is left out and the rest rescaled (warning); error −5,
 * complaint −10, major_error −20; floor 0. Stars ≥90:5 (1000), ≥80:4 (600),
 * ≥70:3 (300), ≥60:2 (100), else 1 (50). Stars and bonus have no gate.
 *
 * A01  0.5·90 + 0.3·95 + 0.2·85 = 45 + 28.5 + 17 = 90.50 → 5★ 1000.00. Errors dated
 *      2026-07-31 and 2026-09-01 (day before / after the month) are OUT (else 80.50).
 *      Certificate: tenure ≥ 1 month, full attendance in 2026-08, no violation → wins
 *      service_star (amount 0, certificate). June 100 → 5★, July 95 → 5★, August 5★
 *      → promotion_priority flag for 2026-08.
 * A02  no customer review → feedback 08-01 score 4 (first day) and 08-31 score 5 (last
 *      day): mean 4.5 × 20 = 90 (07-31 and 09-01 scores of 1 are OUT);
 *      0.5·90 + 0.3·80 + 0.2·70 = 45 + 24 + 14 = 83; complaint −10 → 73.00 → 3★ 300.00.
 * A03  customer 80, supervisor 80, no self → (0.5·80 + 0.3·80) / 0.8 = 80.00 → 4★ 600.00;
 *      warning component_missing (self) naming A03.
 * A04  100 / 100 / 100 = 100.00 → 5★ 1000.00; violation 2026-08-20 → no certificate (violation).
 * A05  hired 2026-08-10 (probation): 95 → 5★ 1000.00; tenure 0 months → no certificate.
 * A06  left 2026-08-20 → not a candidate: no stars, no bonus.
 * A07  95 → 5★ 1000.00; no Attendance row for 2026-08 → unknown → no certificate.
 * A08  95 → 5★ 1000.00; late once in 2026-08 → no certificate.
 * A09  50 / 50 / 50 = 50; two errors −10 → 40.00 → 1★ 50.00. (Reviews row 36, score "abc", is left out.)
 * A10  40 / 40 / 40 = 40; major_error −20, two complaints −20 → 0 (floor) → 1★ 50.00.
 *      (Incidents row 11, date 2026/8/32, is left out: else another −5, still 0.)
 * A11  no data → no score, no stars.
 * Star bonuses: 5 × 1000 + 300 + 600 + 2 × 50 = 6,000.00 = paid. No quota, so no prize tie;
 * The Ranking tab ranks among the eligible of the award (SPEC §8): only A01 qualifies for the
 * certificate, so A01 has rank 1 and every other row an empty rank cell.
 */
import { fixture, rankingById, records, run, tab } from './helpers';

describe('golden: star-rating 2026-08', () => {
  const out = run(fixture('star-rating'), 'star-rating', '2026-08');
  const r = out.result!;

  test('stars and bonuses', () => {
    expect(out.status).toBe('computed');
    expect(r.stars).toEqual([
      { staff_id: 'A01', score: 90.5, stars: 5, bonus: 1000 },
      { staff_id: 'A02', score: 73, stars: 3, bonus: 300 },
      { staff_id: 'A03', score: 80, stars: 4, bonus: 600 },
      { staff_id: 'A04', score: 100, stars: 5, bonus: 1000 },
      { staff_id: 'A05', score: 95, stars: 5, bonus: 1000 },
      { staff_id: 'A07', score: 95, stars: 5, bonus: 1000 },
      { staff_id: 'A08', score: 95, stars: 5, bonus: 1000 },
      { staff_id: 'A09', score: 40, stars: 1, bonus: 50 },
      { staff_id: 'A10', score: 0, stars: 1, bonus: 50 },
    ]);
    expect(r.totals).toEqual({ paid: 6000, by_award: { service_star: 0 } });
  });

  test('certificate only with tenure, full attendance and no violation', () => {
    expect(r.awards).toEqual([{ award: 'service_star', staff_id: 'A01', scope: 'company', rank: 1, amount: 0, tie: false }]);
    expect(Object.fromEntries(r.ineligible.map((x) => [x.staff_id, x.reasons]))).toEqual({
      A02: ['not_five_stars'], A03: ['not_five_stars'], A04: ['violation'], A05: ['tenure_under_1_month'],
      A06: ['left'], A07: ['not_full_attendance'], A08: ['not_full_attendance'],
      A09: ['not_five_stars'], A10: ['not_five_stars'], A11: ['not_full_attendance', 'not_five_stars', 'no_data'],
    });
  });

  test('three months running at five stars → promotion_priority', () => {
    expect(r.flags).toEqual([{ staff_id: 'A01', flag: 'promotion_priority', window: '2026-08' }]);
    expect(r.penalties).toEqual([]);
  });

  test('missing source warned; bad rows reported with row numbers', () => {
    expect(r.diagnostics.map((d) => [d.severity, d.tab, d.row, d.column, d.code, d.value])).toEqual([
      ['error', 'Incidents', 11, 'date', 'bad_date', '2026/8/32'],
      ['error', 'Reviews', 36, 'score', 'not_a_number', 'abc'],
      ['warning', '', null, '', 'component_missing', ''],
    ]);
    expect(r.diagnostics[2].message).toContain('(A03)');
  });

  test('Ranking: components, deductions, competition ranks, why', () => {
    const rk = rankingById(out);
    const ranks = ['A04', 'A05', 'A07', 'A08', 'A01', 'A03', 'A02', 'A09', 'A10', 'A06', 'A11'].map((id) => rk[id].Rank);
    expect(ranks).toEqual([null, null, null, null, 1, null, null, null, null, null, null]);
    expect([rk.A02.Customer, rk.A02.Supervisor, rk.A02.Self, rk.A02.Deductions, rk.A02.Score, rk.A02.Stars]).toEqual([90, 80, 70, 10, 73, 3]);
    expect(rk.A03.Self).toBeNull();
    expect(rk.A06.Stars).toBeNull();
    expect(rk.A02.Why).toContain('Customer from the fallback');
    expect(rk.A03.Why).toContain('no data for Self; the other weights rescaled');
    expect(rk.A04.Why).toContain('violation 2026-08-20 recorded (Incidents row 5)');
    expect(rk.A05.Why).toContain('0 months of tenure, 1 needed');
    expect(rk.A07.Why).toContain('no attendance row for 2026-08');
    expect(rk.A08.Why).toContain('2026-08: late 1');
    expect(rk.A06.Why).not.toContain('star bonus');
    expect(rk.A01.Why).toContain('promotion priority');
  });

  test('Bonus: a row per star bonus and the certificate', () => {
    const rows = records(tab(out, 'bonus'));
    expect(rows.filter((x) => x.Kind === 'star bonus').map((x) => [x['Staff ID'], x.Amount])).toEqual([
      ['A01', 1000], ['A02', 300], ['A03', 600], ['A04', 1000], ['A05', 1000], ['A07', 1000], ['A08', 1000], ['A09', 50], ['A10', 50],
    ]);
    const cert = rows.find((x) => x.Kind === 'award')!;
    expect([cert['Staff ID'], cert.Amount, cert.Extras]).toEqual(['A01', 0, 'certificate, title "Service Star"']);
  });

  test('Chinese why names the incident type in Chinese', () => {
    const zh = rankingById(run(fixture('star-rating'), 'star-rating', '2026-08', 'zh'));
    expect(zh.A04['说明']).toContain('有“违纪 2026-08-20”记录（Incidents 第 5 行）');
    expect(zh.A01['说明']).toContain('总分 90.50，5 星，星级奖金 1,000.00');
  });

  test('a quarter run computes the stars of the quarter but awards nothing monthly', () => {
    const q = run(fixture('star-rating'), 'star-rating', '2026-Q3');
    expect(q.result!.awards).toEqual([]);
    expect(q.diagnostics.some((d) => d.code === 'award_not_run')).toBe(true);
  });
});
