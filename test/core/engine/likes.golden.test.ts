/**
 * Golden test: likes (SPEC §4 second wave, seed 000 服务点赞有奖) for 2026-08 on
 * test/fixtures/presets/likes.json, worked out by hand. 1 point per like on the
 * feedback row's date; balance = points earned up to the period end − redemptions
 * up to then (a redemption above the balance on its date is an error row, not
 * applied). Award most_likes: monthly, company-wide, 1 winner, most likes in the
 * month (≥ 1); tie-break more feedback rows scored ≥ 4; certificate, 0.00.
 *
 * Likes in August: L01 3 + 2 = 5 (07-28's 4 likes are July's); L02 4 + 1 = 5;
 * L03 0; L04 9 but left on 2026-08-15, before the month's last day → `left`;
 * L05 only 09-01 → 0 in August.
 * Ranking among eligible: L01 5, L02 5 tied → tie-break scores ≥ 4: L01 08-03 (5),
 * 08-20 (4) = 2; L02 08-05 (5) = 1 (08-06 is a 3) → L01 wins alone, L02 rank 2.
 * L03 likes 0 < 1 → requirement no_likes; L05 likes 0 → no_likes.
 * Points: L01 earned in August 5; balance by 08-25 = 4 (07-28) + 3 + 2 = 9 → the
 * redemption of 6 is applied → balance 9 − 6 = 3.
 * L02 earned 5; on 08-06 the balance is 4 + 1 = 5 < 10 → error on Redemptions row 3,
 * not applied → balance 5.
 * L04 earned 9 (the ledger keeps a leaver's points), balance 9.
 * L03 has one August row with 0 likes → a ledger line earning 0, balance 0.
 * L05 has no row up to 08-31 → no ledger line.
 */
import { fixture, run } from './helpers';

describe('golden: likes 2026-08', () => {
  const out = run(fixture('likes'), 'likes', '2026-08');
  const r = out.result!;
  test('most_likes: the tie on likes is broken by feedback scored 4 or more', () => {
    expect(r.awards).toEqual([{ award: 'most_likes', staff_id: 'L01', scope: expect.anything(), rank: 1, amount: 0, tie: false }]);
    expect(r.totals).toEqual({ paid: 0, by_award: { most_likes: 0 } });
  });
  test('ineligible: the leaver and the people without a like', () => {
    const byId = Object.fromEntries(r.ineligible.map((x) => [x.staff_id, x.reasons]));
    expect(byId).toEqual({ L03: ['no_likes'], L04: ['left'], L05: ['no_likes'] });
  });
  test('points: 1 per like, less redemptions; an overdraw is an error row', () => {
    expect(r.points).toEqual([
      { staff_id: 'L01', earned: 5, balance: 3 },
      { staff_id: 'L02', earned: 5, balance: 5 },
      { staff_id: 'L03', earned: 0, balance: 0 },
      { staff_id: 'L04', earned: 9, balance: 9 },
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.tab, d.row, d.code, d.value]))
      .toEqual([['Redemptions', 3, 'redemption_exceeds_balance', '10']]);
  });
});
