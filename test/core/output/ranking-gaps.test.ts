/**
 * SPEC §8 "Rank" and "gap", issue 12 acceptance: for every preset not covered by
 * ranking-trust.test.ts (smile-cards, weighted-quarterly), one scope whose Ranking
 * rank and `Result / gap` (`获奖 / 差距`) cells are worked out BY HAND from the
 * hand-built fixture (test/fixtures/presets/<preset>.json; the arithmetic of the
 * measures is in the header of test/core/engine/<preset>.golden.test.ts). For each
 * eligible non-winner: its rank-by value, the value at the last winning place, and
 * the difference. Where a preset cannot show a gap, a test says why and asserts
 * there is none. Small in-test variations of a fixture show what the fixture
 * alone does not: a gap in the rank-by measure for smile-cards, a gap on the
 * second tie-break key (itsm-quarterly), and that ranks and gaps are taken on the
 * figures as the columns show them (revisit: 4.35 vs 4.3478…).
 */
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { parseCsvText } from '../../../cli/csv-host';
import type { ComputeOutcome } from '../../../core/orchestrator';
import type { Cell, Lang, RawTab } from '../../../core/types';
import { fixture, rankingById, run, tab } from '../engine/helpers';

const ROOT = join(__dirname, '..', '..', '..');

/** The Ranking tab's rows as [staff id, rank, result / gap] in tab order. */
function standings(out: ComputeOutcome, lang: Lang = 'en'): [string, Cell, Cell][] {
  const t = tab(out, 'ranking');
  const header = t.rows[0].map(String);
  const id = header.indexOf(lang === 'zh' ? '工号' : 'Staff ID');
  const gap = header.indexOf(lang === 'zh' ? '获奖 / 差距' : 'Result / gap');
  expect(gap).toBeGreaterThan(0);
  return t.rows.slice(1).map((r) => [String(r[id]), r[0], r[gap] ?? null]);
}

/** Only the rows of the given people, in tab order. */
function of(out: ComputeOutcome, ids: string[], lang: Lang = 'en'): [string, Cell, Cell][] {
  return standings(out, lang).filter(([id]) => ids.includes(id));
}

/**
 * Check one scope: its eligible rows first, in this order, with these ranks and
 * result / gap cells; then its ineligible rows (any order), with neither rank nor gap.
 * `whole`: the scope is the company, so these are all the tab's rows.
 */
function expectScope(out: ComputeOutcome, eligible: [string, number, string][], ineligible: string[], opts: { lang?: Lang; whole?: boolean } = {}): void {
  const lang = opts.lang ?? 'en';
  const ids = [...eligible.map(([id]) => id), ...ineligible];
  const rows = of(out, ids, lang);
  expect(rows.slice(0, eligible.length)).toEqual(eligible);
  expect(rows.slice(eligible.length).map(([id]) => id).sort()).toEqual([...ineligible].sort());
  for (const [id, rank, gap] of rows.slice(eligible.length)) expect([id, rank, gap]).toEqual([id, null, null]);
  if (opts.whole) expect(standings(out, lang).length).toBe(ids.length);
}

function demoTabs(dir: 'csv-en' | 'csv-zh'): RawTab[] {
  const d = join(ROOT, 'examples', dir);
  return readdirSync(d).filter((f) => f.endsWith('.csv')).map((f) => ({
    name: f.replace(/\.csv$/, ''), rows: parseCsvText(readFileSync(join(d, f), 'utf8'), f),
  }));
}

describe('gaps worked out by hand, one scope per preset (SPEC §8)', () => {
  test('service-star-budget 2026-Q3, company (referral, 5 places by Recommendations)', () => {
    // Incidents of type recommendation dated in Q3 (2026-07-01 … 2026-09-30):
    //   B01 5 (all 09-30), B02 4, B03 3, B04 2, B05 2, B06 2, B07 1 (07-01; 06-30 and 10-01 are out);
    //   B09 3 but a violation on 07-31 → not eligible; B08 (only 10-01), B10, B11 0 → no_recommendation;
    //   B12 left → not eligible.
    // Eligible ranks: B01 1, B02 2, B03 3, B04 = B05 = B06 4 (three tied for the last two places:
    //   co-winners), B07 7. Last winning place value = 2.
    //   B07: 2 − 1 = 1 short.
    const out = run(fixture('service-star-budget'), 'service-star-budget', '2026-Q3');
    expectScope(out, [
      ['B01', 1, 'Winner'], ['B02', 2, 'Winner'], ['B03', 3, 'Winner'],
      ['B04', 4, 'Winner (tie)'], ['B05', 4, 'Winner (tie)'], ['B06', 4, 'Winner (tie)'],
      ['B07', 7, '1 short (Recommendations)'],
    ], ['B08', 'B09', 'B10', 'B11', 'B12'], { whole: true });
    const zh = run(fixture('service-star-budget'), 'service-star-budget', '2026-Q3', 'zh');
    expect(of(zh, ['B06', 'B07'], 'zh')).toEqual([['B06', 4, '并列获奖'], ['B07', 7, '差 1（推荐次数）']]);
  });

  test('revisit 2026-09, company (revisit_excellence, top 10 % by Mean feedback score)', () => {
    // September feedback (golden header): R01 5.0; R02 48/10 = 4.8; R03, R04 24/5 = 4.8; R06 five 4s = 4.0;
    //   fillers R10–R26 five 3s each = 3.0. Eligible (≥ 5 rows): those 22 → quota ⌈2.2⌉ = 3.
    //   R01 1, R02 2 (4.8, 10 rows vs 5), R03 = R04 3 (level on both keys at the last place → co-winners),
    //   R06 5, R10–R26 6 (17 tied). Last winning place value 4.8 (R03 / R04).
    //   R06: 4.8 − 4.0 = 0.8 short; each filler: 4.8 − 3.0 = 1.8 short.
    // Not eligible: R05 left 09-20; R30 and R31 3 rows each < 5; R40–R42 no feedback.
    const out = run(fixture('revisit'), 'revisit', '2026-09');
    const fillers = Array.from({ length: 17 }, (_, k) => `R${10 + k}`);
    expectScope(out, [
      ['R01', 1, 'Winner'], ['R02', 2, 'Winner'], ['R03', 3, 'Winner (tie)'], ['R04', 3, 'Winner (tie)'],
      ['R06', 5, '0.8 short (Mean feedback score)'],
      ...fillers.map((id): [string, number, string] => [id, 6, '1.8 short (Mean feedback score)']),
    ], ['R05', 'R30', 'R31', 'R40', 'R41', 'R42'], { whole: true });
    const zh = run(fixture('revisit'), 'revisit', '2026-09', 'zh');
    expect(of(zh, ['R06', 'R10'], 'zh')).toEqual([['R06', 5, '差 0.8（客户反馈平均分）'], ['R10', 6, '差 1.8（客户反馈平均分）']]);
  });

  test('likes 2026-08, company (most_likes, 1 place by Likes, tie-break Feedback scored 4 or more)', () => {
    // August likes: L01 3 + 2 = 5 (07-28 is July); L02 4 + 1 = 5. Level on 5 likes →
    //   tie-break feedback scored ≥ 4: L01 2 (08-03 5, 08-20 4), L02 1 (08-05 5; 08-06 is a 3).
    //   L01 wins (rank 1); L02 rank 2, level on likes: 2 − 1 = 1 short on the tie-break.
    // Not eligible: L03 0 likes, L05 0 in August (no_likes), L04 left 08-15.
    const out = run(fixture('likes'), 'likes', '2026-08');
    expectScope(out, [
      ['L01', 1, 'Winner'], ['L02', 2, 'level on Likes, 1 short (Feedback scored 4 or more)'],
    ], ['L03', 'L04', 'L05'], { whole: true });
    const zh = run(fixture('likes'), 'likes', '2026-08', 'zh');
    expect(of(zh, ['L02'], 'zh')).toEqual([['L02', 2, '“点赞数”相同，差 1（4 分及以上反馈）']]);
  });

  test('itsm-quarterly 2026-Q3, company (itsm_star, 2 places by Committee score)', () => {
    // Committee means in Q3: I01 (90 + 86) / 2 = 88; I02 88 (its supervisor 100 is not a committee
    //   score); I06 (85 + 85) / 2 = 85. I01 and I02 level on 88 → praise 2 vs 2 → suggestions 1 vs 0
    //   → I01 1, I02 2: both inside the 2 places. I06 rank 3. Last winning place value 88 (I02).
    //   I06: 88 − 85 = 3 short.
    // Not eligible: I03 major error, I04 / I07 / I10 / I11 not nominated, I05 on probation, I08 no Q3 data.
    const out = run(fixture('itsm-quarterly'), 'itsm-quarterly', '2026-Q3');
    expectScope(out, [
      ['I01', 1, 'Winner'], ['I02', 2, 'Winner'], ['I06', 3, '3 short (Committee score)'],
    ], ['I03', 'I04', 'I05', 'I07', 'I08', 'I10', 'I11'], { whole: true });
    const zh = run(fixture('itsm-quarterly'), 'itsm-quarterly', '2026-Q3', 'zh');
    expect(of(zh, ['I06'], 'zh')).toEqual([['I06', 3, '差 3（评委平均分）']]);
  });

  test('itsm-quarterly 2026-Q3 variation: level on the score and on praise, short on the second tie-break', () => {
    // Small changes to the fixture: I06's two Q3 committee reviews 85 → 88 (mean 88); I06 praised on
    //   08-01 and 08-02 (2 praise); I02 gets a suggestion adopted on 09-02 (1).
    //   I01 88 / praise 2 / suggestions 1; I02 88 / 2 / 1; I06 88 / 2 / 0.
    //   I01 and I02 level on every key → rank 1 and 1, both inside the 2 places (no tie for a place).
    //   I06 rank 3: level on Committee score (88 = 88) and Praise (2 = 2); Suggestions adopted 1 − 0 = 1 short.
    const tabs = fixture('itsm-quarterly').map((t) => {
      if (t.name === 'Reviews') return { ...t, rows: t.rows.map((r) => (r[1] === 'I06' ? [r[0], r[1], r[2], 88, r[4]] : r)) };
      if (t.name === 'Incidents') {
        return { ...t, rows: [...t.rows, ['2026-08-01', 'I06', 'praise'], ['2026-08-02', 'I06', 'praise'], ['2026-09-02', 'I02', 'suggestion_adopted']] };
      }
      return t;
    });
    const out = run(tabs, 'itsm-quarterly', '2026-Q3');
    expectScope(out, [
      ['I01', 1, 'Winner'], ['I02', 1, 'Winner'], ['I06', 3, 'level on Committee score, 1 short (Suggestions adopted)'],
    ], ['I03', 'I04', 'I05', 'I07', 'I08', 'I10', 'I11'], { whole: true });
    const zh = run(tabs, 'itsm-quarterly', '2026-Q3', 'zh');
    expect(of(zh, ['I06'], 'zh')).toEqual([['I06', 3, '“评委平均分”相同，差 1（建议采纳次数）']]);
  });

  test('committee-quarterly 2026-Q3, company (quarter_service_star, 2 places by Committee score)', () => {
    // Committee means in Q3 of the eligible: C02 4 × 95 = 95; C01 (90 + 92 + 94 + 96 + 98) / 5 = 94;
    //   C07 4 × 91 = 91; C09 4 × 89 = 89 → ranks 1, 2, 3, 4; C02 and C01 win. Last winning place 94 (C01).
    //   C07: 94 − 91 = 3 short; C09: 94 − 89 = 5 short.
    // Not eligible: C03, C08 no quorum; C04, C10, M1–M3 not nominated; C05 criticism this year; C06 under investigation.
    const out = run(fixture('committee-quarterly'), 'committee-quarterly', '2026-Q3');
    expectScope(out, [
      ['C02', 1, 'Winner'], ['C01', 2, 'Winner'],
      ['C07', 3, '3 short (Committee score)'], ['C09', 4, '5 short (Committee score)'],
    ], ['C03', 'C04', 'C05', 'C06', 'C08', 'C10', 'M1', 'M2', 'M3'], { whole: true });
    const zh = run(fixture('committee-quarterly'), 'committee-quarterly', '2026-Q3', 'zh');
    expect(of(zh, ['C07', 'C09'], 'zh')).toEqual([['C07', 3, '差 3（评委平均分）'], ['C09', 4, '差 5（评委平均分）']]);
  });

  test('annual-star 2026, company (annual_star, 2 places by the Sum of the quarterly scores)', () => {
    // Sums of the four quarterly scores (golden header table): Y01 90 + 80 + 90 + 85 = 345;
    //   Y02 92 + 95 + 73 + 85 = 345; Y03 85 + 80 + 95 + 85 = 345; Y06 70 + 75 + 80 + 65 = 290;
    //   Y07 60 + 75 + 70 + 65 = 270; Y04 99 + 99 = 198 (hired 08-01).
    //   Y01, Y02, Y03 tied at 345 for two places → all three co-winners, rank 1. Y06 4, Y07 5, Y04 6.
    //   Last winning place value 345: Y06 345 − 290 = 55; Y07 345 − 270 = 75; Y04 345 − 198 = 147.
    // Not eligible: Y05 left 2026-06-30.
    const out = run(fixture('annual-star'), 'annual-star', '2026');
    expectScope(out, [
      ['Y01', 1, 'Winner (tie)'], ['Y02', 1, 'Winner (tie)'], ['Y03', 1, 'Winner (tie)'],
      ['Y06', 4, '55 short (Sum of the quarterly scores)'],
      ['Y07', 5, '75 short (Sum of the quarterly scores)'],
      ['Y04', 6, '147 short (Sum of the quarterly scores)'],
    ], ['Y05'], { whole: true });
    const zh = run(fixture('annual-star'), 'annual-star', '2026', 'zh');
    expect(of(zh, ['Y04'], 'zh')).toEqual([['Y04', 6, '差 147（四个季度得分之和）']]);
  });

  test('property-stars 2026-Q3, 物业二部 (quarter_star, 1 place by Mean review score)', () => {
    // Q3 Reviews of 物业二部: B03 89 (self; every source counts), praise 07-20 → rank 1, wins;
    //   B06 80 (supervisor), hired 05-01 → regular from 08-01 ≤ 09-30, praise 09-15 → eligible, rank 2.
    //   Last winning place 89: B06 89 − 80 = 9 short.
    // Not eligible: B01, B02, B04 — no praise and no review in Q3.
    const out = run(fixture('property-stars'), 'property-stars', '2026-Q3');
    expectScope(out, [['B03', 1, 'Winner'], ['B06', 2, '9 short (Mean review score)']], ['B01', 'B02', 'B04']);
    // 物业一部: A05 91 wins and is the only eligible person there (A06 major error, A08 no praise, the rest no Q3 data).
    expectScope(out, [['A05', 1, 'Winner']], ['A01', 'A02', 'A03', 'A04', 'A06', 'A07', 'A08']);
    const zh = run(fixture('property-stars'), 'property-stars', '2026-Q3', 'zh');
    expect(of(zh, ['B06'], 'zh')).toEqual([['B06', 2, '差 9（考核平均分）']]);
  });

  test('annual-best 2026, 开发体系 and 客服体系 (best_employee by Best employee review; 开发体系 2 places from Quotas)', () => {
    // Best employee review = the committee mean, else the supervisor mean (2026 only):
    //   开发体系: D02 no committee → supervisor 95; D01 committee 90 (supervisor 70 unused); D04 committee 80
    //   (the 2025 review of 100 is outside). Ranks D02 1, D01 2 (both win: 2 places), D04 3.
    //   Last winning place 90 (D01): D04 90 − 80 = 10 short.
    //   Not eligible: D03 tenure 4 months < 6, D05 2 early leaves, D06 left.
    //   客服体系: C02 committee 96 wins (1 place); C01 committee 95, rank 2: 96 − 95 = 1 short.
    const out = run(fixture('annual-best'), 'annual-best', '2026');
    expectScope(out, [
      ['D02', 1, 'Winner'], ['D01', 2, 'Winner'], ['D04', 3, '10 short (Best employee review)'],
    ], ['D03', 'D05', 'D06']);
    expectScope(out, [['C02', 1, 'Winner'], ['C01', 2, '1 short (Best employee review)']], []);
    const zh = run(fixture('annual-best'), 'annual-best', '2026', 'zh');
    expect(of(zh, ['D04', 'C01'], 'zh')).toEqual([['C01', 2, '差 1（最佳员工考评分）'], ['D04', 3, '差 10（最佳员工考评分）']]);
  });
});

/** The Ranking tab has no result / gap column, in either language, and no row says won or short. */
function expectNoGapColumn(tabs: RawTab[], preset: string, period: string): void {
  for (const lang of ['en', 'zh'] as Lang[]) {
    const out = run(tabs, preset, period, lang);
    expect(out.status).toBe('computed');
    const t = tab(out, 'ranking');
    expect(t.rows.length).toBeGreaterThan(1);
    expect(t.rows[0]).not.toContain(lang === 'zh' ? '获奖 / 差距' : 'Result / gap');
    const cells = t.rows.slice(1).flat().map((c) => String(c ?? ''));
    expect(cells.filter((c) => (lang === 'zh' ? /^(并列)?获奖$|^差 \d/ : /^Winner|\d short \(/).test(c))).toEqual([]);
  }
}

describe('the two presets ranking-trust.test.ts checks cell by cell, here scope by scope', () => {
  test('smile-cards 2026-Q3, A组 (service_star, 1 place per group by Smile cards, tie-break Exceeded ratings)', () => {
    // Smile cards = 2 per exceeded + 1 per met, Q3 only (golden header):
    //   S01 07-01 exceeded 2 + 08-10 met 1 + 09-30 exceeded 2 = 5 (06-30, 10-01 out), exceeded 2;
    //   S02 07-05 exceeded 2 + three met 3 = 5, exceeded 1; S03 8 but a below rating = 2 anger cards → not eligible.
    //   S01 and S02 level on 5 → exceeded 2 vs 1 → S01 rank 1 wins; S02 rank 2: 2 − 1 = 1 short on the tie-break.
    const out = run(fixture('smile-cards'), 'smile-cards', '2026-Q3');
    expectScope(out, [['S01', 1, 'Winner'], ['S02', 2, 'level on Smile cards, 1 short (Exceeded ratings)']], ['S03']);
    // Variation: without S02's met rating of 09-06 (Feedback row 10), S02 has 2 + 1 + 1 = 4 smile cards:
    //   no longer level; the gap is in the rank-by measure: 5 − 4 = 1 smile card short.
    const tabs = fixture('smile-cards').map((t) => t.name === 'Feedback'
      ? { ...t, rows: t.rows.filter((r) => !(r[0] === '2026-09-06' && r[1] === 'S02')) } : t);
    const fewer = run(tabs, 'smile-cards', '2026-Q3');
    expectScope(fewer, [['S01', 1, 'Winner'], ['S02', 2, '1 short (Smile cards)']], ['S03']);
    const zh = run(tabs, 'smile-cards', '2026-Q3', 'zh');
    expect(of(zh, ['S01', 'S02', 'S03'], 'zh')).toEqual([['S01', 1, '获奖'], ['S02', 2, '差 1（微笑卡）'], ['S03', null, null]]);
  });

  test('weighted-quarterly 2026-Q3, 工程部 (quarter_star, 2 places from Quotas, by Score)', () => {
    // Score = (40·P + 40·A + 30·V) / 110, P = 20 % self + 80 % supervisor (golden header):
    //   E01 P 0.2·70 + 0.8·90 = 86, A 80, V 70 → (3440 + 3200 + 2100) / 110 = 8740 / 110 = 79.45;
    //   E02 no performance → (40·90 + 30·60) / 70 = 5400 / 70 = 77.14;
    //   E03 P 60 (self only), A 70, V 70 → (2400 + 2800 + 2100) / 110 = 7300 / 110 = 66.36.
    //   Ranks 1, 2, 3; 2 places → E01, E02 win. Last winning place 77.14: E03 77.14 − 66.36 = 10.78 short.
    const out = run(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3');
    expectScope(out, [['E01', 1, 'Winner'], ['E02', 2, 'Winner'], ['E03', 3, '10.78 short (Score)']], []);
    // 秩序部 (its Quotas row "two" is a bad row → 1 place): G01 = G02 = 80 on every key → co-winners;
    //   G03 70: 80 − 70 = 10 short.
    expectScope(out, [['G01', 1, 'Winner (tie)'], ['G02', 1, 'Winner (tie)'], ['G03', 3, '10 short (Score)']], []);
    const zh = run(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3', 'zh');
    expect(of(zh, ['E03', 'G03'], 'zh')).toEqual([['E03', 3, '差 10.78（总分）'], ['G03', 3, '差 10（总分）']]);
  });
});

describe('ranks and gaps are on the figures as the columns show them (two decimals)', () => {
  test('revisit: 4.35 and 4.3478… both read 4.35, so they are level and the tie-break decides; never "0 short"', () => {
    // A small hand-built workbook for the revisit preset, September 2026:
    //   X1 20 rows: 7 × 5 + 13 × 4 = 87 → 87 / 20 = 4.35.
    //   X2 23 rows: 8 × 5 + 15 × 4 = 100 → 100 / 23 = 4.3478… → shown 4.35.
    //   X3 5 rows of 4 → 4.00.
    //   3 eligible (≥ 5 rows each) → quota ⌈3 × 10 %⌉ = 1.
    //   On the figures shown, X1 and X2 are level on 4.35 → tie-break Feedback rows 23 vs 20 → X2 rank 1,
    //   wins; X1 rank 2, level on the mean, 23 − 20 = 3 short (Feedback rows); X3 rank 3, 4.35 − 4.00 = 0.35 short.
    //   (Ranked on the unrounded means X1 would win by 0.0022, which the Ranking tab would show as
    //   "0 short" beside two cells of 4.35 — a rank its own row cannot explain.)
    const feedback: Cell[][] = [['date', 'staff_id', 'score']];
    const add = (id: string, fives: number, fours: number): void => {
      for (let k = 0; k < fives + fours; k++) feedback.push([`2026-09-${String(1 + (k % 28)).padStart(2, '0')}`, id, k < fives ? 5 : 4]);
    };
    add('X1', 7, 13);
    add('X2', 8, 15);
    add('X3', 0, 5);
    const tabs: RawTab[] = [
      { name: 'Staff', rows: [['staff_id', 'name', 'department', 'hire_date'], ['X1', '许一', '客服部', '2020-01-01'], ['X2', '许二', '客服部', '2020-01-01'], ['X3', '许三', '客服部', '2020-01-01']] },
      { name: 'Feedback', rows: feedback },
    ];
    const out = run(tabs, 'revisit', '2026-09');
    expectScope(out, [
      ['X2', 1, 'Winner'], ['X1', 2, 'level on Mean feedback score, 3 short (Feedback rows)'], ['X3', 3, '0.35 short (Mean feedback score)'],
    ], [], { whole: true });
    expect(out.result!.awards.map((a) => [a.staff_id, a.rank, a.tie])).toEqual([['X2', 1, false]]);
    const rk = rankingById(out);
    expect([rk.X1['Mean feedback score'], rk.X2['Mean feedback score'], rk.X3['Mean feedback score']]).toEqual([4.35, 4.35, 4]);
    expect(rk.X1.Why).toContain('decided by Feedback rows (20 vs 23)');
    const zh = run(tabs, 'revisit', '2026-09', 'zh');
    expect(of(zh, ['X1', 'X3'], 'zh')).toEqual([['X1', 2, '“客户反馈平均分”相同，差 3（客户反馈条数）'], ['X3', 3, '差 0.35（客户反馈平均分）']]);
  });
});

describe('presets that cannot show a gap say so (SPEC §8: a gap is to the last winning place)', () => {
  test('star-rating: the certificate has no quota — every eligible person wins, so nobody is short', () => {
    // service_star quota {} = all the eligible (SPEC §4: five stars + tenure + full attendance + no
    // violation earns the certificate; nobody competes for a place). 2026-08 on the fixture: only A01
    // is eligible (golden header) → rank 1, Winner; every other row has neither rank nor gap.
    const out = run(fixture('star-rating'), 'star-rating', '2026-08');
    expectScope(out, [['A01', 1, 'Winner']], ['A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11'], { whole: true });
    // Without A04's violation (Incidents row 5), A04 100 → 5★, 22 days full attendance, tenure since
    // 2020 → eligible too: A04 100 rank 1, A01 90.5 rank 2 — and both win (quota = the 2 eligible),
    // so A01 is not "9.5 short" of anything.
    const tabs = fixture('star-rating').map((t) => t.name === 'Incidents'
      ? { ...t, rows: t.rows.filter((r) => !(r[1] === 'A04' && r[2] === 'violation')) } : t);
    const clean = run(tabs, 'star-rating', '2026-08');
    expectScope(clean, [['A04', 1, 'Winner'], ['A01', 2, 'Winner']], ['A02', 'A03', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11'], { whole: true });
  });

  test('surprise-points: no award at all (points only), so no winning place and no gap column', () => {
    // SPEC §4: feedback scored ≥ 4 earns 5 points; no award in the scheme (golden: awards []).
    // The Ranking tab ranks by Feedback scored 4 or more but nobody wins, so there is nothing to be short of.
    expect(run(fixture('surprise-points'), 'surprise-points', '2026-08').result!.awards).toEqual([]);
    expectNoGapColumn(fixture('surprise-points'), 'surprise-points', '2026-08');
  });

  test('case-collection: no award (cases are counted, not awarded), so no gap column', () => {
    // The preset has no award; the Ranking tab ranks by Original cases rated 2+ per department.
    // No hand-built fixture for it: the demo CSV folders, both languages.
    expect(run(demoTabs('csv-en'), 'case-collection', '2026-08').result!.awards).toEqual([]);
    expectNoGapColumn(demoTabs('csv-en'), 'case-collection', '2026-08');
    expectNoGapColumn(demoTabs('csv-zh'), 'case-collection', '2026-08');
  });

  test('team-star: the only award ranks teams, not people, so the people\'s Ranking has no gap column', () => {
    // team_star is a team award (README "Ranking tab": team awards rank teams, not people); the Ranking
    // tab's rank is then the scheme's ranking key within each group, where nobody holds a winning place.
    // The team's own standing is in the why (test/core/engine/teams.test.ts: Team C rank 3 of 3 teams).
    const tabs = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'departments', 'team-star.json'), 'utf8')) as RawTab[];
    expect(run(tabs, 'team-star', '2026-Q3').result!.awards.map((a) => a.scope)).toEqual(['Team A', 'Team A', 'Team B', 'Team B']);
    expectNoGapColumn(tabs, 'team-star', '2026-Q3');
  });
});

