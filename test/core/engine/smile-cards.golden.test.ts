/**
 * Golden test: smile-cards (SPEC §4, seed 002 售后团队服务之星) on a hand-built
 * quarter, test/fixtures/presets/smile-cards.json, period 2026-Q3
 * (2026-07-01 … 2026-09-30). Expected figures worked out by hand:
 *
 * Smile cards = 2 per exceeded + 1 per met; anger cards = 2 per below + 1 per
 * task_missed / anger_card incident. Winner per Staff.group (department when
 * blank): most smile cards, zero anger cards, at least one smile card; tie-break
 * more exceeded ratings; then co-winners (fixed 800.00 each, in full).
 *
 * A组 (S01, S02, S03):
 *   S01: 07-01 exceeded (first day, IN) 2 + 08-10 met 1 + 09-30 exceeded (last day, IN) 2 = 5;
 *        06-30 and 10-01 (day before / after) OUT — else 9. exceeded count 2. anger 0.
 *   S02: 07-05 exceeded 2 + three met 3 = 5; exceeded 1; anger 0.
 *   S03: four exceeded = 8, one below = 2 anger cards → not eligible (anger_cards).
 *   → S01 and S02 level on 5 smile cards; tie-break exceeded 2 vs 1 → S01 wins 800.00, rank 1; S02 rank 2.
 *   Ranking tab (SPEC §8: rank among the eligible, the rank the why states): S01 1, S02 2, S03 empty
 *   (not eligible, after the eligible rows); S02's gap: level on smile cards, 1 short on exceeded ratings.
 * B组 (S04, S05, S06):
 *   S04 (hired 2026-08-01, on probation: smile-cards has no probation rule) exceeded + met = 3, exceeded 1.
 *   S05 exceeded + met = 3, exceeded 1. Level on every key → co-winners, tie: true, 800.00 each.
 *   S06 left 2026-09-15 (before 09-30) → not a candidate (left) despite 10 smile cards.
 * C组 (S07, S08):
 *   S07: met 07-20 (1), below 07-21 (2 anger), task_missed 07-22 (1), anger_card 07-23 (1)
 *        → July anger = 4 ≥ 3 → standby_training for 2026-07 (once), amount 0;
 *        August: met (1), below (2 anger) → 2 < 3, no penalty. Smile 2, anger 6 → not eligible.
 *   S08: met 09-01 = 1 smile; anger incidents on 06-30 and 10-01 are OUT → 0 anger → wins 800.00.
 * Groups 客服部 (M01, M02, D01) and 售后部 (M03): no feedback → not eligible (no_smile_cards).
 * Manager payments (400.00 to manager, 400.00 to manager's manager, once per winner):
 *   S01 → M01, D01; S04 → M02, D01; S05 → M02, D01; S08 → M03, and M03 has no manager_id
 *   → the level-2 payment is not made (warning at Staff row 12, column manager_id).
 *   service_star_manager = 7 × 400 = 2,800.00; service_star = 4 × 800 = 3,200.00; paid 6,000.00.
 *   Net: D01 1,200.00; M02 800.00; M01 400.00; M03 400.00.
 * Bad rows (Feedback, header = row 1): row 30 date 2026-13-45 (bad_date), row 31 staff S99
 *   (unknown_staff), row 32 rating "wonderful" (bad_rating): left out and reported.
 * Anger-card fine is 0.00 per card in the preset, so no fine rows.
 */
import { fixture, rankingById, records, run, tab } from './helpers';

describe('golden: smile-cards 2026-Q3', () => {
  const out = run(fixture('smile-cards'), 'smile-cards', '2026-Q3');
  const r = out.result!;

  test('computes', () => {
    expect(out.status).toBe('computed');
    expect(r.period).toBe('2026-Q3');
    expect(r.scheme).toBe('smile-cards');
  });

  test('winners, co-winners and manager payments', () => {
    expect(r.awards).toEqual([
      { award: 'service_star', staff_id: 'S01', scope: 'A组', rank: 1, amount: 800, tie: false },
      { award: 'service_star', staff_id: 'S04', scope: 'B组', rank: 1, amount: 800, tie: true },
      { award: 'service_star', staff_id: 'S05', scope: 'B组', rank: 1, amount: 800, tie: true },
      { award: 'service_star', staff_id: 'S08', scope: 'C组', rank: 1, amount: 800, tie: false },
      { award: 'service_star_manager', staff_id: 'M01', scope: 'A组', rank: 1, amount: 400, tie: false },
      { award: 'service_star_manager', staff_id: 'D01', scope: 'A组', rank: 1, amount: 400, tie: false },
      { award: 'service_star_manager', staff_id: 'M02', scope: 'B组', rank: 1, amount: 400, tie: true },
      { award: 'service_star_manager', staff_id: 'D01', scope: 'B组', rank: 1, amount: 400, tie: true },
      { award: 'service_star_manager', staff_id: 'M02', scope: 'B组', rank: 1, amount: 400, tie: true },
      { award: 'service_star_manager', staff_id: 'D01', scope: 'B组', rank: 1, amount: 400, tie: true },
      { award: 'service_star_manager', staff_id: 'M03', scope: 'C组', rank: 1, amount: 400, tie: false },
    ]);
    expect(r.totals).toEqual({ paid: 6000, by_award: { service_star: 3200, service_star_manager: 2800 } });
  });

  test('penalty once per person per month', () => {
    expect(r.penalties).toEqual([{ staff_id: 'S07', action: 'standby_training', window: '2026-07', amount: 0 }]);
  });

  test('ineligible with reason codes', () => {
    expect(r.ineligible).toEqual([
      { staff_id: 'D01', award: 'service_star', reasons: ['no_smile_cards'] },
      { staff_id: 'M01', award: 'service_star', reasons: ['no_smile_cards'] },
      { staff_id: 'M02', award: 'service_star', reasons: ['no_smile_cards'] },
      { staff_id: 'M03', award: 'service_star', reasons: ['no_smile_cards'] },
      { staff_id: 'S03', award: 'service_star', reasons: ['anger_cards'] },
      { staff_id: 'S06', award: 'service_star', reasons: ['left'] },
      { staff_id: 'S07', award: 'service_star', reasons: ['anger_cards'] },
    ]);
    expect(r.stars).toEqual([]);
    expect(r.points).toEqual([]);
    expect(r.flags).toEqual([]);
    expect(r.departments).toEqual([]);
  });

  test('bad rows reported with their row numbers; missing level-2 manager warned', () => {
    const d = r.diagnostics.map((x) => [x.severity, x.tab, x.row, x.column, x.code]);
    expect(d).toEqual([
      ['error', 'Feedback', 30, 'date', 'bad_date'],
      ['error', 'Feedback', 31, 'staff_id', 'unknown_staff'],
      ['error', 'Feedback', 32, 'rating', 'bad_rating'],
      ['warning', 'Staff', 12, 'manager_id', 'payup_no_manager'],
    ]);
  });

  test('Ranking: competition ranks within the group, every figure, why', () => {
    const rk = rankingById(out);
    expect([rk.S03.Rank, rk.S01.Rank, rk.S02.Rank]).toEqual([null, 1, 2]);
    expect([rk.S04.Rank, rk.S05.Rank, rk.S06.Rank]).toEqual([1, 1, null]);
    expect(rk.S01['Smile cards']).toBe(5);
    expect(rk.S01['Anger cards']).toBe(0);
    expect(rk.S01['Exceeded ratings']).toBe(2);
    expect(rk.S07['Anger cards']).toBe(6);
    expect(rk.S01.Eligible).toBe('yes');
    expect(rk.S03.Eligible).toBe('no');
    expect(rk.S03.Reasons).toBe('Anger cards is 2, needs = 0');
    expect(rk.S01.Why).toContain('rank 1 of 2 eligible in A组, quota 1, so won');
    expect(rk.S01.Why).toContain('decided by Exceeded ratings (2 vs 1)');
    expect(rk.S01.Why).toContain('paid 800.00 (fixed prize)');
    expect(rk.S02.Why).toContain('outside the quota');
    expect(rk.S04.Why).toContain('tied with 刘洋 (S05) at the last winning place');
    expect(rk.S06.Why).toContain('Left on 2026-09-15');
    expect(rk.S03.Why).toContain('Anger cards is 2, needs = 0');
    expect(rk.S07.Why).toContain('2026-07');
    expect(rk.S07.Why).toContain('standby training');
    expect(rk.D01.Awards).toBe('Service Star manager bonus 400.00; Service Star manager bonus 400.00; Service Star manager bonus 400.00');
  });

  test('Bonus: one row per payment, totals, net per person', () => {
    const rows = records(tab(out, 'bonus'));
    const pay = rows.filter((x) => x.Kind === 'award' || x.Kind === 'manager award');
    expect(pay.map((x) => [x['Staff ID'], x.Amount])).toEqual([
      ['S01', 800], ['S04', 800], ['S05', 800], ['S08', 800],
      ['M01', 400], ['D01', 400], ['M02', 400], ['D01', 400], ['M02', 400], ['D01', 400], ['M03', 400],
    ]);
    const totals = rows.filter((x) => x.Kind === 'award total').map((x) => [x.Item, x.Amount]);
    expect(totals).toEqual([['Service Star', 3200], ['Service Star manager bonus', 2800]]);
    const net = Object.fromEntries(rows.filter((x) => x.Kind === 'net').map((x) => [x['Staff ID'], x.Amount]));
    expect(net).toEqual({ D01: 1200, M01: 400, M02: 800, M03: 400, S01: 800, S04: 800, S05: 800, S08: 800 });
    expect(tab(out, 'bonus').name).toBe('Bonus 2026-Q3');
  });

  test('Chinese outputs are named with the period and give the same result', () => {
    const zh = run(fixture('smile-cards'), 'smile-cards', '2026-Q3', 'zh');
    expect(zh.outputs.map((t) => t.name)).toEqual(expect.arrayContaining(['排名 2026-Q3', '奖金 2026-Q3', '数据检查 2026-Q3']));
    expect(zh.result!.awards).toEqual(r.awards);
    const rk = rankingById(zh);
    expect(rk.S01['说明']).toContain('按“超越期望次数”决出（2 比 1）');
  });

  test('the same input gives byte-identical JSON', () => {
    const again = run(fixture('smile-cards'), 'smile-cards', '2026-Q3');
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(r));
  });
});
