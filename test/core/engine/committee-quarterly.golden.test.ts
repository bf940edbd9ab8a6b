/**
 * Golden test: committee-quarterly (SPEC §4 second wave, seed 002 客服中心"季度服务之星"
 * "年度服务之星"; SPEC §10 no_investigation) on test/fixtures/presets/committee-quarterly.json,
 * worked out by hand.
 *
 * quarter_service_star, 2026-Q3 (company, 2, by the mean committee score):
 *   Nominations, per nominator at most 3 distinct nominees per window, in row order:
 *     M1: C01 (row 2), C02 (3), C03 (4) → C04 (row 5) is a 4th → warning nomination_over_limit,
 *     left out; row 6 repeats C01 by M1 → not an extra, no warning. M2: C05, C06, C07.
 *     M3: C08, C09. Rows 12–13 (2026-Q1) are another window.
 *   Quorum: ⌈2/3 × 5⌉ = ⌈10/3⌉ = 4 distinct committee reviewers in the quarter.
 *   C01 J1–J5 (90 + 92 + 94 + 96 + 98) / 5 = 94, 5 reviewers → eligible.
 *   C02 J1–J4 95 → 4 reviewers → eligible, 95.
 *   C03 J1–J3 99 → 3 < 4 → no_quorum (3).
 *   C04 5 × 100 but its nomination is over M1's limit → not_nominated.
 *   C05 97, but criticism 2026-03-15 (Q1): 1 January to 30 September → disciplinary_record_ytd.
 *   C06 93, under investigation from 2026-09-20 (open) → overlaps Q3 → under_investigation.
 *   C07 91 (J1–J4) → eligible.
 *   C08 4 rows but reviewers J1, J1, J2, J3 → 3 distinct → no_quorum (3).
 *   C09 89 (J1–J4); its warning of 2025-12-20 is last year → eligible.
 *   C10, M1–M3 not nominated.
 *   Eligible ranked: C02 95, C01 94, C07 91, C09 89 → C02, C01 win.
 * 2026-Q1: nominated C07 (88, J1–J4) and C09 (85, J1–J4) by M1 → both win (quota 2).
 * annual_service_star, 2026: candidates = quarterly winners of Q1–Q4 = {C07, C09, C02, C01}
 *   (Q2, Q4 have no nominations); by the sum of the quarterly committee scores:
 *   C07 88 + 91 = 179; C09 85 + 89 = 174; C02 95; C01 94 → C07, C09.
 */
import { fixture, rankingById, run } from './helpers';

const tabs = fixture('committee-quarterly');

describe('golden: committee-quarterly 2026-Q3', () => {
  const out = run(tabs, 'committee-quarterly', '2026-Q3');
  const r = out.result!;
  test('two winners by the mean committee score', () => {
    expect(r.awards.map((a) => [a.award, a.staff_id, a.rank, a.tie])).toEqual([
      ['quarter_service_star', 'C02', 1, false], ['quarter_service_star', 'C01', 2, false],
    ]);
  });
  test('quorum, year-to-date record, investigation, nomination limit', () => {
    const byId = Object.fromEntries(r.ineligible.map((x) => [x.staff_id, x.reasons]));
    expect(byId).toEqual({
      C03: ['no_quorum'], C04: ['not_nominated'], C05: ['disciplinary_record_ytd'], C06: ['under_investigation'],
      C08: ['no_quorum'], C10: ['not_nominated'], M1: ['not_nominated'], M2: ['not_nominated'], M3: ['not_nominated'],
    });
  });
  test('the nomination over the limit is reported on its row, once', () => {
    expect(r.diagnostics.filter((d) => d.code === 'nomination_over_limit').map((d) => [d.severity, d.tab, d.row, d.value]))
      .toEqual([['warning', 'Nominations', 5, 'M1']]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  test('the why states the count that failed the quorum', () => {
    const rk = rankingById(out);
    const why = (id: string) => Object.values(rk[id]).map(String).join(' | ');
    expect(why('C03')).toContain('scored by 3 committee members, at least 4 needed');
    expect(why('C08')).toContain('scored by 3 committee members, at least 4 needed');
    const zh = rankingById(run(tabs, 'committee-quarterly', '2026-Q3', 'zh'));
    expect(Object.values(zh.C03).map(String).join(' | ')).toContain('仅 3 位评委评分，需至少 4 位');
  });
});

describe('golden: committee-quarterly 2026-Q1 and 2026', () => {
  test('2026-Q1', () => {
    expect(run(tabs, 'committee-quarterly', '2026-Q1').result!.awards.map((a) => [a.staff_id, a.rank])).toEqual([['C07', 1], ['C09', 2]]);
  });
  test('annual: the sum of the quarterly scores among the quarterly winners', () => {
    const r = run(tabs, 'committee-quarterly', '2026').result!;
    expect(r.awards.map((a) => [a.award, a.staff_id, a.rank, a.tie])).toEqual([
      ['annual_service_star', 'C07', 1, false], ['annual_service_star', 'C09', 2, false],
    ]);
    const byId = Object.fromEntries(r.ineligible.map((x) => [x.staff_id, x.reasons]));
    expect(byId.C02).toBeUndefined();
    expect(byId.C01).toBeUndefined();
    expect(byId.C03).toEqual(['not_candidate']);
  });
});
