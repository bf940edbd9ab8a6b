/**
 * Golden test: weighted-quarterly (SPEC §4, seed 002 物业季度服务明星) for 2026-Q3
 * on test/fixtures/presets/weighted-quarterly.json, worked out by hand:
 *
 * total = (40·performance + 40·attitude + 30·vote) / 110 (weights 40+40+30 = 110 rescaled
 * to 100: 36.36 / 36.36 / 27.27, with a warning); performance = 20 % self + 80 % supervisor
 * (a missing part is left out and the other rescaled); attitude = mean of non-self, non-vote
 * attitude reviews; vote = mean of vote reviews; reviews count when their period lies in the quarter.
 *
 * 物业部 (quota 1): W01 P = 0.2·90 + 0.8·80 = 82, A 85, V 45/50 = 90 → 9380/110 = 85.2727 → 85.27.
 *   W02 P = 0.2·95 + 0.8·85 = 87, A (87 + 88)/2 = 87.5, V 80 → 3480 + 3500 + 2400 = 9380 → 85.27.
 *   Level on the score; tie-break vote 90 vs 80 → W01 wins, W02 rank 2.
 *   W01's criticism on 2026-06-30 and W02's violation on 2026-10-01 are outside the quarter.
 *   W03 team_lead → level_excluded; W04 hired 2026-07-15, regular_date blank → 2026-10-15 > 09-30
 *   → not_regular (probation); W05 warning on 2026-09-30 (last day) → disciplinary_record;
 *   W06 left 2026-09-01 → left; W07 reviews only for 2026-Q2 → no_data.
 * 工程部 (Quotas tab: 2): E01 P = 0.2·70 + 0.8·90 = 86, A 80, V 70 → 8740/110 = 79.45 rank 1;
 *   E02 no performance → (40·90 + 30·60)/70 = 5400/70 = 77.14 rank 2 (warning component_missing);
 *   E03 P = self 60 only → 60, A 70, V 70 → 7300/110 = 66.36 rank 3 → outside the quota of 2.
 * 秩序部 (Quotas row says "two": a bad row, left out → default 1): G01 80/80/80/80 → 80;
 *   G02 the same (its vote from a 2026-08 review) → level on every key → co-winners, tie: true.
 *   G03 70 (its 2026-Q4 vote is outside; the 2026-Q5 row is a bad period) → rank 3.
 * Prize: certificate, cash 0. Quotas row 4 names a department that does not exist → warning.
 */
import { fixture, rankingById, run } from './helpers';

describe('golden: weighted-quarterly 2026-Q3', () => {
  const out = run(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3');
  const r = out.result!;

  test('winners per department with the Quotas tab, tie-break and co-winners', () => {
    expect(r.awards).toEqual([
      { award: 'quarter_star', staff_id: 'E01', scope: '工程部', rank: 1, amount: 0, tie: false },
      { award: 'quarter_star', staff_id: 'E02', scope: '工程部', rank: 2, amount: 0, tie: false },
      { award: 'quarter_star', staff_id: 'W01', scope: '物业部', rank: 1, amount: 0, tie: false },
      { award: 'quarter_star', staff_id: 'G01', scope: '秩序部', rank: 1, amount: 0, tie: true },
      { award: 'quarter_star', staff_id: 'G02', scope: '秩序部', rank: 1, amount: 0, tie: true },
    ]);
    expect(r.totals).toEqual({ paid: 0, by_award: { quarter_star: 0 } });
  });

  test('gates give reason codes and values', () => {
    expect(r.ineligible).toEqual([
      { staff_id: 'W03', award: 'quarter_star', reasons: ['level_excluded'] },
      { staff_id: 'W04', award: 'quarter_star', reasons: ['not_regular'] },
      { staff_id: 'W05', award: 'quarter_star', reasons: ['disciplinary_record'] },
      { staff_id: 'W06', award: 'quarter_star', reasons: ['left'] },
      { staff_id: 'W07', award: 'quarter_star', reasons: ['no_data'] },
    ]);
    const rk = rankingById(out);
    expect(rk.W04.Reasons).toBe('Regular (probation over): regular only from 2026-10-15');
    expect(rk.W03.Reasons).toBe('Front-line staff only (team leads and above excluded): level is team lead');
    expect(rk.W05.Reasons).toBe('No violation, warning or criticism in the quarter: warning 2026-09-30 recorded (Incidents row 2)');
    expect(rk.W04.Why).toContain('regular only from 2026-10-15');
    expect(rk.W05.Why).toContain('(Incidents row 2)');
  });

  test('scores: blend, rescaling, components shown', () => {
    const rk = rankingById(out);
    expect([rk.W01.Performance, rk.W01['Performance·Self'], rk.W01['Performance·Supervisor'], rk.W01.Attitude, rk.W01['Staff vote'], rk.W01.Score])
      .toEqual([82, 90, 80, 85, 90, 85.27]);
    expect(rk.W02.Score).toBe(85.27);
    expect(rk.E02.Score).toBe(77.14);
    expect(rk.E03.Score).toBe(66.36);
    expect(rk.E01.Score).toBe(79.45);
    expect([rk.W01.Rank, rk.W02.Rank]).toEqual([1, 2]); // among the eligible, by score then vote (SPEC §8)
    expect(rk.W01.Why).toContain('decided by Staff vote (90 vs 80)');
    expect(rk.E03.Why).toContain('rank 3 of 3 eligible in 工程部, quota 2, outside the quota');
    expect(rk.G01.Why).toContain('tied with 韩二 (G02)');
  });

  test('diagnostics: bad rows with row numbers, unknown quota scope, missing component, weights rescaled', () => {
    expect(r.diagnostics.map((d) => [d.severity, d.tab, d.row, d.column, d.code, d.value])).toEqual([
      ['error', 'Quotas', 3, 'count', 'not_a_number', 'two'],
      ['error', 'Reviews', 53, 'period', 'bad_period', '2026-Q5'],
      ['warning', '', null, '', 'component_missing', ''],
      ['warning', '', null, '', 'weights_rescaled', '110'],
      ['warning', 'Quotas', 4, 'scope', 'quota_unknown_scope', '不存在部'],
    ]);
    expect(r.diagnostics[3].message).toContain('Performance 40 → 36.36, Attitude 40 → 36.36, Staff vote 30 → 27.27');
  });

  test('lowering a quota in the Quotas tab changes the winners', () => {
    const tabs = fixture('weighted-quarterly');
    const q = tabs.find((t) => t.name === 'Quotas')!;
    q.rows[1][2] = 1; // 工程部: 2 → 1
    const again = run(tabs, 'weighted-quarterly', '2026-Q3').result!;
    expect(again.awards.filter((a) => a.scope === '工程部').map((a) => a.staff_id)).toEqual(['E01']);
  });
});
