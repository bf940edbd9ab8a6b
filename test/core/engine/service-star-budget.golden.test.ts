/**
 * Golden test: service-star-budget (SPEC §4, seed 000 惊喜服务奖励方案模板) on
 * test/fixtures/presets/service-star-budget.json, worked out by hand:
 *
 * Score = customer (mean July feedback × 20) 50 % + attitude review 25 % + skill review 25 %.
 * B01–B09 have supervisor reviews attitude 80 and skill 8/10 (= 80) for 2026-07.
 *
 * 2026-07, service_star (top 10, pool 5,000.00 → 500.00 a place, no violation in July):
 *   B01 [5,5,5] → 100 → 0.5·100 + 0.25·80 + 0.25·80 = 90; B04 [5,5,5] 90; B08 [5,5,5] 90
 *   (level on score and on the tie-break, 3 feedback rows each → rank 1, 1, 1; inside the quota, so tie: false);
 *   B02 [5,5,4] 4.6667 → 93.33 → 86.67 rank 4; B03, B05, B07 [4,4,4] → 80, and B11 [4,4,4]
 *   (hired 2026-06-15, on probation — no probation rule here) with no reviews → attitude and skill
 *   left out, rescaled: 80 → ranks 5, 5, 5, 5; B06 [3,3,3] → 70 rank 9 (its 2026-08-01 row is OUT;
 *   Feedback row 60, score 7 on the 1–5 scale, is a bad row and left out).
 *   B09 90 but a violation on 2026-07-31 (last day) → not eligible. B10 no data. B12 left 2026-07-20.
 *   B05's violation on 2026-06-30 (day before) does not count.
 *   → 9 winners × 500.00 = 4,500.00; 500.00 unspent (fewer winners than the quota).
 * 2026-07, satisfaction_improvement (top 5 by July mean − June mean, ≥ 3 rows in each month,
 *   improvement > 0, tie-break July mean; pool 3,000.00 → 600.00):
 *   B01 5−3 = +2 (mean 5) rank 1; B03 4−2 = +2 (mean 4) rank 2 — level on improvement, decided by the mean;
 *   B02 4.6667−3 = +1.6667 rank 3; B04 5−4 = +1 (mean 5) rank 4; B05 4−3 = +1 (mean 4) rank 5;
 *   B06 3−2 = +1 (mean 3) rank 6 → outside the quota: the tie-break decides at the last place.
 *   B07 4−4 = 0 → no_improvement; B08 only 2 June rows; B11 only 1 June row.
 *   → 5 × 600.00 = 3,000.00, nothing unspent. July paid 7,500.00.
 * 2026-Q3, referral (top 5 by recommendations ≥ 1, pool 10,000.00 → 2,000.00 a place):
 *   B01 5 (one dated 2026-09-30, last day), B02 4, B03 3 → 2,000.00 each;
 *   B04, B05, B06 2 each → tied for the last 2 places: 2 × 2,000.00 = 4,000.00 shared by three:
 *   400000 fen ÷ 3 = 133333 r 1 → B04 1,333.34, B05 1,333.33, B06 1,333.33 (leftover fen by staff id), tie: true.
 *   B07 1 (2026-07-01 first day in; 2026-06-30 and 2026-10-01 out) rank 7; B09 3 but violation in Q3.
 *   Paid 10,000.00 = budget.
 * 2026-H2, surprise_service (top 10, pool 10,000.00 → 1,000.00): B01 2 (11-01, 12-31), B02 1 (09-01;
 *   2027-01-01 out) → 2 winners, 2,000.00 paid, 8,000.00 unspent.
 */
import { fixture, rankingById, records, run, tab } from './helpers';

const tabs = fixture('service-star-budget');

describe('golden: service-star-budget', () => {
  describe('2026-07 (monthly awards)', () => {
    const out = run(tabs, 'service-star-budget', '2026-07');
    const r = out.result!;
    test('service_star pool: 500.00 a place, fewer winners leave the rest unspent', () => {
      const ss = r.awards.filter((a) => a.award === 'service_star').map((a) => [a.staff_id, a.rank, a.amount, a.tie]);
      expect(ss).toEqual([
        ['B01', 1, 500, false], ['B04', 1, 500, false], ['B08', 1, 500, false], ['B02', 4, 500, false],
        ['B03', 5, 500, false], ['B05', 5, 500, false], ['B07', 5, 500, false], ['B11', 5, 500, false], ['B06', 9, 500, false],
      ]);
      const total = records(tab(out, 'bonus')).find((x) => x.Kind === 'award total' && x.Item === 'Service Star')!;
      expect([total.Amount, total.Budget, total.Unspent]).toEqual([4500, 5000, 500]);
    });
    test('satisfaction_improvement: tie-break decides the last place', () => {
      const si = r.awards.filter((a) => a.award === 'satisfaction_improvement').map((a) => [a.staff_id, a.rank, a.amount, a.tie]);
      expect(si).toEqual([['B01', 1, 600, false], ['B03', 2, 600, false], ['B02', 3, 600, false], ['B04', 4, 600, false], ['B05', 5, 600, false]]);
      const rk = rankingById(out);
      expect(rk.B06.Why).toContain('rank 6 of 6 eligible in the company, quota 5, outside the quota');
      expect(rk.B06.Why).toContain('decided by Mean feedback score (3 vs 4)');
      expect(rk.B05.Why).toContain('decided by Mean feedback score (4 vs 3)');
      expect(rk.B03.Why).toContain('decided by Mean feedback score (4 vs 5)');
    });
    test('reasons and totals', () => {
      const inel = Object.fromEntries(r.ineligible.map((x) => [`${x.award}:${x.staff_id}`, x.reasons]));
      expect(inel['service_star:B09']).toEqual(['violation']);
      expect(inel['service_star:B10']).toEqual(['no_data']);
      expect(inel['service_star:B12']).toEqual(['left']);
      expect(inel['satisfaction_improvement:B07']).toEqual(['no_improvement']);
      expect(inel['satisfaction_improvement:B08']).toEqual(['too_few_feedback_previous']);
      expect(inel['satisfaction_improvement:B11']).toEqual(['too_few_feedback_previous']);
      expect(inel['service_star:B05']).toBeUndefined();
      expect(r.totals).toEqual({ paid: 7500, by_award: { service_star: 4500, satisfaction_improvement: 3000 } });
    });
    test('bad rows and the rescaling warning', () => {
      expect(r.diagnostics.map((d) => [d.severity, d.tab, d.row, d.column, d.code])).toEqual([
        ['error', 'Feedback', 60, 'score', 'out_of_range'],
        ['error', 'Feedback', 61, 'staff_id', 'unknown_staff'],
        ['warning', '', null, '', 'component_missing'],
        ['warning', '', null, '', 'component_missing'],
        ['info', '', null, '', 'award_not_run'],
      ]);
      const rk = rankingById(out);
      expect(rk.B11.Score).toBe(80);
      expect(rk.B02.Score).toBe(86.67);
    });
  });

  describe('2026-Q3 (referral)', () => {
    const out = run(tabs, 'service-star-budget', '2026-Q3');
    const r = out.result!;
    test('co-winners share the two last places with the fen remainder', () => {
      expect(r.awards).toEqual([
        { award: 'referral', staff_id: 'B01', scope: 'company', rank: 1, amount: 2000, tie: false },
        { award: 'referral', staff_id: 'B02', scope: 'company', rank: 2, amount: 2000, tie: false },
        { award: 'referral', staff_id: 'B03', scope: 'company', rank: 3, amount: 2000, tie: false },
        { award: 'referral', staff_id: 'B04', scope: 'company', rank: 4, amount: 1333.34, tie: true },
        { award: 'referral', staff_id: 'B05', scope: 'company', rank: 4, amount: 1333.33, tie: true },
        { award: 'referral', staff_id: 'B06', scope: 'company', rank: 4, amount: 1333.33, tie: true },
      ]);
      expect(r.totals).toEqual({ paid: 10000, by_award: { referral: 10000 } });
      const total = records(tab(out, 'bonus')).find((x) => x.Kind === 'award total')!;
      expect([total.Amount, total.Budget, total.Unspent]).toEqual([10000, 10000, 0]);
      expect(rankingById(out).B04.Why).toContain('2 places shared by 3 co-winners');
    });
    test('only the quarterly award runs', () => {
      expect(new Set(r.ineligible.map((x) => x.award))).toEqual(new Set(['referral']));
      expect(Object.fromEntries(r.ineligible.map((x) => [x.staff_id, x.reasons]))).toEqual({
        B08: ['no_recommendation'], B09: ['violation'], B10: ['no_recommendation'], B11: ['no_recommendation'], B12: ['left'],
      });
    });
  });

  describe('2026-H2 (surprise_service)', () => {
    const out = run(tabs, 'service-star-budget', '2026-H2');
    test('two winners, the rest of the pool unspent', () => {
      expect(out.result!.awards).toEqual([
        { award: 'surprise_service', staff_id: 'B01', scope: 'company', rank: 1, amount: 1000, tie: false },
        { award: 'surprise_service', staff_id: 'B02', scope: 'company', rank: 2, amount: 1000, tie: false },
      ]);
      const total = records(tab(out, 'bonus')).find((x) => x.Kind === 'award total')!;
      expect([total.Amount, total.Budget, total.Unspent]).toEqual([2000, 10000, 8000]);
    });
  });
});
