/**
 * Golden test: itsm-quarterly (SPEC §4 second wave, seed 002 华东ITSM部 季度"服务之星")
 * for 2026-Q3 on test/fixtures/presets/itsm-quarterly.json, worked out by hand.
 * Candidates: only people nominated for 2026-Q3 (Nominations period inside the
 * quarter). Gates: regular at 2026-09-30; no major_error / violation in the quarter.
 * Award itsm_star: company-wide, 2 winners by the mean committee Review score of the
 * quarter; tie-breaks more praise, then more suggestion_adopted; prize 0.00.
 *
 * Committee means (only source committee; a review of 2026-07 lies inside Q3):
 *   I01 (90 + 86) / 2 = 88; I02 88 (its supervisor 100 is not a committee score);
 *   I03 95 but major_error 2026-08-05 → gate major_error_or_violation;
 *   I04 99 but not nominated → not_nominated;
 *   I05 97, hired 2026-07-01, regular from 07-01 + 3 months = 2026-10-01 > 09-30 → not_regular;
 *   I06 (85 + 85) / 2 = 85; its violation of 2026-06-30 is in Q2 → eligible;
 *   I07 98 but nominated for 2026-Q2 only → not_nominated;
 *   I08 nominated, committee review only in 2026-Q2 → no_data for Q3;
 *   I10, I11 (team leads) not nominated → not_nominated.
 *   Nominations row 9 names I99, not in Staff → error row, left out.
 * Ranking of the eligible: I01 88 and I02 88 level → praise in Q3: I01 07-10, 08-10 (客户表扬)
 *   = 2; I02 07-15, 09-30 = 2 (06-30 is Q2) → suggestions adopted: I01 1, I02 0 → I01 1st,
 *   I02 2nd; I06 85 3rd, outside the quota of 2. No tie at the last place.
 */
import { fixture, run } from './helpers';

describe('golden: itsm-quarterly 2026-Q3', () => {
  const out = run(fixture('itsm-quarterly'), 'itsm-quarterly', '2026-Q3');
  const r = out.result!;
  test('two winners, the tie on the committee score broken by praise then suggestions', () => {
    expect(r.awards.map((a) => [a.award, a.staff_id, a.rank, a.amount, a.tie])).toEqual([
      ['itsm_star', 'I01', 1, 0, false],
      ['itsm_star', 'I02', 2, 0, false],
    ]);
  });
  test('only the nominated of the quarter are candidates; gates and no data', () => {
    const byId = Object.fromEntries(r.ineligible.map((x) => [x.staff_id, x.reasons]));
    expect(byId).toEqual({
      I03: ['major_error_or_violation'], I04: ['not_nominated'], I05: ['not_regular'],
      I07: ['not_nominated'], I08: ['no_data'], I10: ['not_nominated'], I11: ['not_nominated'],
    });
  });
  test('a nomination of someone not in Staff is an error row', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.tab, d.row, d.code, d.value]))
      .toEqual([['Nominations', 9, 'unknown_staff', 'I99']]);
  });
  test('the why names the missing nomination in both languages', () => {
    const zh = run(fixture('itsm-quarterly'), 'itsm-quarterly', '2026-Q3', 'zh');
    const rankingZh = JSON.stringify(zh.outputs.find((o) => o.kind === 'ranking')!.rows);
    expect(rankingZh).toContain('季度服务之星：不符合条件——本期（2026-Q3）未获提名');
    const rankingEn = JSON.stringify(out.outputs.find((o) => o.kind === 'ranking')!.rows);
    expect(rankingEn).toContain('not nominated for 2026-Q3');
  });
});
