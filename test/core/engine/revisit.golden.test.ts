/**
 * Golden test: revisit (SPEC §4, seed 001 客服回访奖罚) on test/fixtures/presets/revisit.json,
 * worked out by hand.
 *
 * 2026-09, revisit_excellence: staff with ≥ 5 feedback rows in September, top 10 % rounded up
 * by mean score, tie-break more rows, 300.00 each.
 *   Eligible: R01, R02, R03, R04, R06 (hired 2026-08-15, on probation — no probation rule) and the
 *   17 fillers R10–R26 (five 3s each) = 22 → quota ⌈22 × 10 %⌉ = ⌈2.2⌉ = 3.
 *   R01 five 5s (09-01 first day and 09-30 last day in; 08-31 and 10-01 scores of 1 out) → 5.0 rank 1.
 *   R02 eight 5s + two 4s = 48/10 = 4.8; R03 and R04 5,5,5,5,4 = 24/5 = 4.8.
 *   Level on 4.8: tie-break rows 10 vs 5 → R02 rank 2; R03 and R04 level on both keys at the
 *   last place → co-winners, rank 3, tie: true, 300.00 each (fixed prize in full). Paid 1,200.00.
 *   R05 left 2026-09-20 → not a candidate. R06 4.0 rank 5, outside.
 *   Row 142, date 2026-09-31, is a bad row.
 * Penalties, September (once per person per window):
 *   R40 late_revisit on 09-01 and 09-30 → point_deduction, −2 × 2 = −4 (08-31 one is August).
 *   R41 incomplete_record → point_deduction −2 and retraining. R42 major_error → warning.
 *   R30 (回访中心) mean 2 in July, August and September vs the department mean (R30 2, R31 4) = 3
 *   → below three months running → retraining for 2026-09. R31 (4) is above.
 *   The fillers have only September data → not three months running → nothing.
 * Performance points ledger: R40 earned −4 in September, balance −6 (August −2 too); R41 −2 / −2.
 * 2026 (year), outstanding_contribution: candidates are the monthly winners of the year
 *   (July and August have nobody with 5 rows): R01, R02, R03, R04 with 1 win each. Tie-break
 *   the year's mean: R01 (5·5 + 1 + 1)/7 = 3.857 → 3.86; R02, R03, R04 4.8 → level on every key
 *   → all three co-winners (quota 1), certificate, amount 0, tie: true; R01 rank 4.
 */
import { fixture, rankingById, records, run, tab } from './helpers';

const tabs = fixture('revisit');

describe('golden: revisit', () => {
  describe('2026-09', () => {
    const out = run(tabs, 'revisit', '2026-09');
    const r = out.result!;
    test('top 10 % rounded up, tie-break, co-winners at the last place', () => {
      expect(r.awards).toEqual([
        { award: 'revisit_excellence', staff_id: 'R01', scope: 'company', rank: 1, amount: 300, tie: false },
        { award: 'revisit_excellence', staff_id: 'R02', scope: 'company', rank: 2, amount: 300, tie: false },
        { award: 'revisit_excellence', staff_id: 'R03', scope: 'company', rank: 3, amount: 300, tie: true },
        { award: 'revisit_excellence', staff_id: 'R04', scope: 'company', rank: 3, amount: 300, tie: true },
      ]);
      expect(r.totals).toEqual({ paid: 1200, by_award: { revisit_excellence: 1200 } });
      const rk = rankingById(out);
      expect(rk.R02.Why).toContain('rank 2 of 22 eligible in the company, quota 3, so won');
      expect(rk.R02.Why).toContain('decided by Feedback rows (10 vs 5)');
      expect(rk.R05.Why).toContain('Left on 2026-09-20');
    });
    test('penalties once per person per month, with points into the ledger', () => {
      expect(r.penalties).toEqual([
        { staff_id: 'R30', action: 'retraining', window: '2026-09', amount: 0 },
        { staff_id: 'R40', action: 'point_deduction', window: '2026-09', amount: 0 },
        { staff_id: 'R41', action: 'point_deduction', window: '2026-09', amount: 0 },
        { staff_id: 'R41', action: 'retraining', window: '2026-09', amount: 0 },
        { staff_id: 'R42', action: 'warning', window: '2026-09', amount: 0 },
      ]);
      expect(r.points).toEqual([
        { staff_id: 'R40', earned: -4, balance: -6 },
        { staff_id: 'R41', earned: -2, balance: -2 },
      ]);
      expect(rankingById(out)['R30']['Department mean score']).toBe(3);
    });
    test('bad rows and unknown incident types', () => {
      expect(r.diagnostics.map((d) => [d.severity, d.tab, d.row, d.column, d.code])).toEqual([
        ['error', 'Feedback', 142, 'date', 'bad_date'],
        ['info', '', null, '', 'award_not_run'],
        ['info', 'Incidents', 7, 'type', 'unknown_type'],
      ]);
      expect(records(tab(out, 'points')).map((x) => x['Staff ID'])).toEqual(['R40', 'R41']);
    });
  });

  describe('2026 (year)', () => {
    const out = run(tabs, 'revisit', '2026');
    const r = out.result!;
    test('most monthly wins; tie-break by the year mean; co-winners', () => {
      expect(r.awards).toEqual([
        { award: 'outstanding_contribution', staff_id: 'R02', scope: 'company', rank: 1, amount: 0, tie: true },
        { award: 'outstanding_contribution', staff_id: 'R03', scope: 'company', rank: 1, amount: 0, tie: true },
        { award: 'outstanding_contribution', staff_id: 'R04', scope: 'company', rank: 1, amount: 0, tie: true },
      ]);
      const rk = rankingById(out);
      expect(rk.R01.Why).toContain('rank 4 of 4 eligible in the company, quota 1, outside the quota');
      expect(rk.R01.Why).toContain('decided by Mean feedback score (3.86 vs 4.8)');
      expect(rk.R06.Reasons).toBe('not a winner of Follow-up excellence award in any month');
      expect(r.ineligible.find((x) => x.staff_id === 'R06')!.reasons).toEqual(['not_candidate']);
    });
  });
});
