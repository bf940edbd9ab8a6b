/**
 * Golden test: surprise-points (SPEC §4, seed 000 惊喜服务积分) for 2026-08 on
 * test/fixtures/presets/surprise-points.json, worked out by hand. Each feedback
 * scored ≥ 4 earns 5 points on its date; ≤ 3 earns none. Balance at 2026-08-31 =
 * points earned up to then − redemptions up to then, applied in date order; a
 * redemption larger than the balance on its date is an error row and not applied.
 * (No award in this preset, so no ranking ties to break.)
 *
 * P01 earns 07-10 (5) +5, 07-20 (3) 0, 08-01 (4, first day) +5, 08-31 (5, last day) +5,
 *     09-01 (after the period) not yet. Earned in August = 10.
 *     Redemptions in date order: 07-15 10 → balance then 5 → error (Redemptions row 3), not applied;
 *     08-31 15 → balance 15 → applied; 09-02 5 → after the period. Balance 15 − 15 = 0.
 * P02 06-30 (4) +5 (before August: in the balance, not in earned), 08-15 (4) +5 → earned 5.
 *     08-15 redeem 10 → balance that day 10 (same-day points count) → applied;
 *     08-20 redeem 1 → balance 0 → error (row 6). Balance 0.
 * P03 left 2026-07-31: 07-01 +5 → earned 0, balance 5 (the ledger keeps it).
 * P04 no feedback → no ledger line.
 * P05 hired 2026-08-10 (probation): 08-12 +5 → earned 5, balance 5; row 11 score "abc" is a bad row.
 * Redemptions row 7 (staff Q99) is a bad row.
 */
import { fixture, records, run, tab } from './helpers';

describe('golden: surprise-points 2026-08', () => {
  const out = run(fixture('surprise-points'), 'surprise-points', '2026-08');
  const r = out.result!;
  test('earned and balance per person', () => {
    expect(r.points).toEqual([
      { staff_id: 'P01', earned: 10, balance: 0 },
      { staff_id: 'P02', earned: 5, balance: 0 },
      { staff_id: 'P03', earned: 0, balance: 5 },
      { staff_id: 'P05', earned: 5, balance: 5 },
    ]);
    expect(r.totals).toEqual({ paid: 0, by_award: {} });
    expect(r.awards).toEqual([]);
  });
  test('redemptions that would go negative are error rows', () => {
    expect(r.diagnostics.map((d) => [d.severity, d.tab, d.row, d.column, d.code, d.value])).toEqual([
      ['error', 'Feedback', 11, 'score', 'not_a_number', 'abc'],
      ['error', 'Redemptions', 3, 'points', 'redemption_exceeds_balance', '10'],
      ['error', 'Redemptions', 6, 'points', 'redemption_exceeds_balance', '1'],
      ['error', 'Redemptions', 7, 'staff_id', 'unknown_staff', 'Q99'],
    ]);
    expect(r.diagnostics[1].message).toContain('on 2026-07-15 the balance is only 5');
  });
  test('Points tab', () => {
    const t = tab(out, 'points');
    expect(t.name).toBe('Points 2026-08');
    expect(records(t).map((x) => [x['Staff ID'], x.Earned, x.Redeemed, x.Balance])).toEqual([
      ['P01', 10, 15, 0], ['P02', 5, 10, 0], ['P03', 0, 0, 5], ['P05', 5, 0, 5],
    ]);
    expect(run(fixture('surprise-points'), 'surprise-points', '2026-08', 'zh').outputs.map((o) => o.name)).toContain('积分 2026-08');
  });
  test('the balance carries over: September sees the 09-01 points and the 09-02 redemption', () => {
    const sep = run(fixture('surprise-points'), 'surprise-points', '2026-09').result!;
    // P01: 15 earned by 08-31 + 5 on 09-01 = 20; redeemed 15 + 5 = 20 → 0; earned in September 5.
    expect(sep.points.find((p) => p.staff_id === 'P01')).toEqual({ staff_id: 'P01', earned: 5, balance: 0 });
  });
});

describe('engine diagnostics name the column as the user wrote it', () => {
  test('a Chinese Redemptions header 积分 is named 积分, not the field id', () => {
    const tabs = fixture('surprise-points').map((t) =>
      t.name === 'Redemptions' ? { name: '积分兑换', rows: [['日期', '工号', '积分'], ...t.rows.slice(1)] } : t);
    const d = run(tabs, 'surprise-points', '2026-08').result!.diagnostics
      .filter((x) => x.code === 'redemption_exceeds_balance').map((x) => [x.tab, x.row, x.column]);
    expect(d).toEqual([['积分兑换', 3, '积分'], ['积分兑换', 6, '积分']]);
  });
});
