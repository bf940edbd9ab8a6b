/**
 * Golden test: annual-star (SPEC §4, seed 002 年度服务之星) on
 * test/fixtures/presets/annual-star.json, worked out by hand. The quarterly award is
 * quarter_star (weighted-quarterly rules: (40·P + 40·A + 30·V)/110, regular, staff level, no
 * violation/warning/criticism, one per department, tie-break vote). In this fixture every review
 * of a person in a quarter has the same figure X, so the quarterly score is X, except Y07 in Q2.
 *
 *            Q1          Q2            Q3            Q4          sum
 *   客服部 Y01 90 (wins)  80            90            85          345
 *         Y02 92 *       95 (wins)     73            85          345
 *         Y03 85         80            95 (wins)     85          345
 *         Y04 —          — (not hired)  99 **         99 (wins)   198
 *         Y05 88 (2026-03 review) left 2026-06-30 → not a candidate for the year
 *   工程部 Y06 70 (wins)  75            80 (wins)     65 (co-win) 290
 *         Y07 60         75 (wins) ***  70            65 (co-win) 270
 *   *   Y02 has a warning on 2026-03-31 (last day of Q1) → not eligible in Q1, so Y01 wins Q1.
 *   **  Y04 hired 2026-08-01: regular only from 2026-11-01 → not eligible in Q3 (on probation),
 *       eligible in Q4 (regular by 12-31).
 *   *** Y07 Q2: P 67, A (66 + 67)/2 = 66.5, V 97 → 2680 + 2660 + 2910 = 8250/110 = 75 = Y06's 75;
 *       tie-break vote 97 vs 75 → Y07 wins.
 *   Q4 工程部: Y06 and Y07 level on every key → co-winners. Reviews for 2025-Q4 and 2027-Q1 are
 *   outside the year; Reviews row 103 (score "N/A") is a bad row.
 * Candidates: Y01, Y02, Y03, Y04, Y06, Y07. Top 2 by the sum of the four quarterly scores:
 *   Y01, Y02, Y03 all 345 → three tied for two places → all three win, tie: true (certificate, 0.00).
 */
import { fixture, rankingById, run } from './helpers';

const tabs = fixture('annual-star');

describe('golden: annual-star', () => {
  test('quarterly winners (the candidates), one quarter at a time', () => {
    const winners = (p: string) => run(tabs, 'annual-star', p).result!.awards.map((a) => [a.staff_id, a.scope, a.tie]);
    // Scopes in code-unit order of their names: 客 (U+5BA2) before 工 (U+5DE5).
    expect(winners('2026-Q1')).toEqual([['Y01', '客服部', false], ['Y06', '工程部', false]]);
    expect(winners('2026-Q2')).toEqual([['Y02', '客服部', false], ['Y07', '工程部', false]]);
    expect(winners('2026-Q3')).toEqual([['Y03', '客服部', false], ['Y06', '工程部', false]]);
    expect(winners('2026-Q4')).toEqual([['Y04', '客服部', false], ['Y06', '工程部', true], ['Y07', '工程部', true]]);
  });

  test('2026: top two by the sum of quarterly scores; three tied for two places all win', () => {
    const out = run(tabs, 'annual-star', '2026');
    const r = out.result!;
    expect(r.awards).toEqual([
      { award: 'annual_star', staff_id: 'Y01', scope: 'company', rank: 1, amount: 0, tie: true },
      { award: 'annual_star', staff_id: 'Y02', scope: 'company', rank: 1, amount: 0, tie: true },
      { award: 'annual_star', staff_id: 'Y03', scope: 'company', rank: 1, amount: 0, tie: true },
    ]);
    expect(r.ineligible).toEqual([{ staff_id: 'Y05', award: 'annual_star', reasons: ['left'] }]);
    const rk = rankingById(out);
    const sum = (id: string) => rk[id]['Sum of the quarterly scores'];
    expect(['Y01', 'Y02', 'Y03', 'Y04', 'Y06', 'Y07'].map(sum)).toEqual([345, 345, 345, 198, 290, 270]);
    expect(rk.Y06.Why).toContain('rank 4 of 6 eligible in the company, quota 2, outside the quota');
    expect(r.diagnostics.map((d) => [d.severity, d.tab, d.row, d.code])).toEqual([
      ['error', 'Reviews', 103, 'missing_value'],
      ['warning', '', null, 'weights_rescaled'],
      ['info', '', null, 'award_not_run'],
    ]);
  });

  test('the Q2 tie decided by the vote is explained', () => {
    const rk = rankingById(run(tabs, 'annual-star', '2026-Q2'));
    expect(rk.Y07.Why).toContain('decided by Staff vote (97 vs 75)');
    expect(rk.Y04.Why).toContain('Hired on 2026-08-01, after the period');
  });
});
