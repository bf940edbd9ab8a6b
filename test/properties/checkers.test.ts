/**
 * The money checkers used by the property tests can fail: on two hand-worked
 * workbooks they find nothing, and each tampered copy of the outcome is caught.
 */
import { computeWorkbook, type ComputeOutcome } from '../../core/orchestrator';
import { getPreset } from '../../core/presets';
import type { RawTab } from '../../core/types';
import { doublePayViolations, poolViolations } from './money';

const NOW = '2026-10-08T09:00:00.000Z';

const STAFF: RawTab = {
  name: 'Staff',
  rows: [
    ['staff_id', 'name', 'department', 'group', 'level', 'hire_date', 'manager_id'],
    ['S01', 'Ann', 'Care', 'A', 'staff', '2024-01-01', 'S03'],
    ['S02', 'Bob', 'Care', 'A', 'staff', '2024-01-01', 'S03'],
    ['S03', 'Cai', 'Care', 'A', 'manager', '2020-01-01', 'S04'],
    ['S04', 'Dee', 'Head office', 'H', 'manager', '2018-01-01', ''],
  ],
};

function clone(o: ComputeOutcome): ComputeOutcome {
  return JSON.parse(JSON.stringify(o)) as ComputeOutcome;
}

describe('smile-cards: S01 wins group A, S03 and S04 are paid up the chain', () => {
  // Hand-worked (SPEC §4): S01 has 2 exceeded = 4 smile cards, 0 anger; S02 1 met = 1 card.
  // Group A winner S01: 800.00; manager S03 400.00; S03's manager S04 400.00. Group H: nobody has a card.
  const tabs: RawTab[] = [STAFF, {
    name: 'Feedback',
    rows: [['date', 'staff_id', 'rating'], ['2026-07-03', 'S01', 'exceeded'], ['2026-08-03', 'S01', 'exceeded'], ['2026-08-05', 'S02', 'met']],
  }];
  const scheme = getPreset('smile-cards')!;
  const o = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', now: NOW });

  test('the outcome is as worked by hand and the checkers find nothing', () => {
    expect(o.status).toBe('computed');
    expect(o.result!.awards.map((a) => [a.award, a.staff_id, a.amount])).toEqual([
      ['service_star', 'S01', 800], ['service_star_manager', 'S03', 400], ['service_star_manager', 'S04', 400],
    ]);
    expect(poolViolations(o, scheme, 'quarter')).toEqual([]);
    expect(doublePayViolations(o, scheme)).toEqual([]);
  });

  test('a winner listed twice is caught', () => {
    const t = clone(o);
    t.result!.awards.push({ ...t.result!.awards[0] });
    expect(doublePayViolations(t, scheme)).toContain('S01 paid twice for service_star');
  });

  test('a superior paid twice for the same winner is caught', () => {
    const t = clone(o);
    const bonus = t.outputs.find((x) => x.kind === 'bonus')!;
    const up = bonus.rows.find((r) => r[0] === 'manager award')!;
    bonus.rows.push([...up]);
    expect(doublePayViolations(t, scheme)).toContain('S03 paid twice as a superior of winner S01');
  });

  test('totals that do not add up are caught', () => {
    const t = clone(o);
    t.result!.totals.paid = 1200;
    expect(poolViolations(t, scheme, 'quarter')).toContain('totals.paid 120000 ≠ lines 160000');
  });
});

describe('service-star-budget: one referral winner out of a 5-place pool', () => {
  // Hand-worked: referral pool 10,000.00 for 5 places = 2,000.00 a place; S01 alone has a
  // recommendation in 2026-Q3 → paid 2,000.00, unspent 8,000.00.
  const tabs: RawTab[] = [STAFF, { name: 'Feedback', rows: [['date', 'staff_id', 'score']] }, {
    name: 'Incidents', rows: [['date', 'staff_id', 'type'], ['2026-08-01', 'S01', 'recommendation']],
  }];
  const scheme = getPreset('service-star-budget')!;
  const o = computeWorkbook(tabs, { period: '2026-Q3', preset: 'service-star-budget', now: NOW });
  const total = (t: ComputeOutcome) => t.outputs.find((x) => x.kind === 'bonus')!.rows.find((r) => r[0] === 'award total')!;

  test('paid 2,000.00 of 10,000.00, 8,000.00 unspent; the checkers find nothing', () => {
    expect(o.status).toBe('computed');
    expect(o.result!.awards.map((a) => [a.award, a.staff_id, a.amount])).toEqual([['referral', 'S01', 2000]]);
    expect([total(o)[7], total(o)[8], total(o)[9]]).toEqual([2000, 10000, 8000]);
    expect(poolViolations(o, scheme, 'quarter')).toEqual([]);
  });

  test('an unspent amount one fen off is caught', () => {
    const t = clone(o);
    total(t)[9] = 7999.99;
    expect(poolViolations(t, scheme, 'quarter')).toContain('pool referral: paid 200000 + unspent 799999 ≠ budget 1000000');
  });

  test('a pool paid beyond its budget is caught', () => {
    const t = clone(o);
    total(t)[7] = 12000;
    total(t)[9] = -2000;
    t.result!.totals.by_award.referral = 12000;
    t.result!.awards[0].amount = 12000;
    t.result!.totals.paid = 12000;
    expect(poolViolations(t, scheme, 'quarter')).toContain('pool referral: paid 1200000 exceeds budget 1000000');
  });

  test('a pool award without its total row is caught', () => {
    const t = clone(o);
    const bonus = t.outputs.find((x) => x.kind === 'bonus')!;
    bonus.rows = bonus.rows.filter((r) => r[0] !== 'award total');
    expect(poolViolations(t, scheme, 'quarter')).toContain('award referral: no total row in the Bonus tab');
  });
});
