/**
 * Team awards (award `team`, preset team-star; seeds 000 最佳服务团队奖, 001 团队协作奖):
 * teams ranked by the mean of their members' scores, the prize split among the
 * eligible members by largest remainder. Expected figures worked out by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { records, run, tab } from './helpers';
import type { RawTab } from '../../../core/types';
import { readDataset } from '../../../core/input/tabs';
import { parsePeriod } from '../../../core/periods';
import { getPresetInput } from '../../../core/presets/index';
import { validateScheme } from '../../../core/scheme/validate';
import { computeScheme } from '../../../core/engine/compute';
import { buildResultJson } from '../../../core/output/result-json';
import { ensureBuilt, runCli, csvFolder } from '../../cli/helpers';

function fixture(): RawTab[] {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'departments', 'team-star.json'), 'utf8')) as RawTab[];
}

/*
 * test/fixtures/departments/team-star.json, 2026-Q3. Member score = mean feedback score
 * in the quarter scaled 1→0, 5→100: (mean − 1) ÷ 4 × 100.
 *   Team A: A1 (5, 5) → 100; A2 (4, 4) → 75; A9 left on 2026-08-15 → not a member.
 *           mean (100 + 75) ÷ 2 = 87.5; satisfied share (≥ 4) 1, 1 → 1; feedback rows 2, 2 → 2.
 *   Team B: B1 (5, 4) → 87.5; B2 (4, 5) → 87.5; B3 (5, 4) → 87.5 but a violation on 08-20.
 *           mean 87.5; satisfied 1; rows 2 (B3's October row is outside the quarter).
 *   Team C: C1 (5, 5) → 100; C2 (1, 3) → 25 (its June 5 is outside) → mean 62.5.
 *   Team D: D1 (5, 5) → 100; D2 no feedback → 1 member with data < minMembers 2: not ranked.
 *   After-sales (manager M1, no group): no member with data: not ranked.
 * A and B tie on every key → co-winners of the one place: the pool 3,000.00 is shared by
 * the two teams, 1,500.00 each; A splits among A1, A2 → 750.00 each; B among its eligible
 * members B1, B2 (B3 fails the violation gate but still counts in B's mean) → 750.00 each.
 */
describe('team-star: the hand-built quarter', () => {
  const out = run(fixture(), 'team-star', '2026-Q3', 'en');

  test('awards: the tied teams share the pool, each member of each team paid equally', () => {
    expect(out.status).toBe('computed');
    expect(out.result!.awards).toEqual([
      { award: 'team_star', staff_id: 'A1', scope: 'Team A', rank: 1, amount: 750, tie: true },
      { award: 'team_star', staff_id: 'A2', scope: 'Team A', rank: 1, amount: 750, tie: true },
      { award: 'team_star', staff_id: 'B1', scope: 'Team B', rank: 1, amount: 750, tie: true },
      { award: 'team_star', staff_id: 'B2', scope: 'Team B', rank: 1, amount: 750, tie: true },
    ]);
    expect(out.result!.totals).toEqual({ paid: 3000, by_award: { team_star: 3000 } });
    expect(out.result!.ineligible).toEqual([
      { staff_id: 'A9', award: 'team_star', reasons: ['left'] },
      { staff_id: 'B3', award: 'team_star', reasons: ['violation'] },
    ]);
  });

  test('the why explains the team mean, the rank among teams and the split', () => {
    const byId = Object.fromEntries(records(tab(out, 'ranking')).map((r) => [r['Staff ID'], r]));
    expect(byId.A2.Why).toContain('team Team A averages 87.5 on Member score (2 members with data), rank 1 of 3 teams in the company, quota 1, so the team won');
    expect(byId.A2.Why).toContain('the team prize 1,500.00 is split equally among 2 eligible members (largest remainder): 750.00 to this member');
    expect(byId.B3.Why).toContain('not eligible for a share');
    expect(byId.C2.Why).toContain('team Team C averages 62.5 on Member score (2 members with data), rank 3 of 3 teams in the company, quota 1, outside the quota');
    expect(byId.D2.Why).toContain('team Team D has 1 member(s) with data, fewer than 2, so it is not ranked');
  });

  test('Bonus: the award total against the pool', () => {
    const total = records(tab(out, 'bonus')).find((r) => r.Kind === 'award total')!;
    expect([total.Amount, total.Budget, total.Unspent]).toEqual([3000, 3000, 0]);
  });
});

describe('team awards: the split and the team rules', () => {
  function compute(tabs: RawTab[], edit: (s: Record<string, unknown>) => void) {
    const input = getPresetInput('team-star') as unknown as Record<string, unknown>;
    edit(input);
    const v = validateScheme(input);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const read = readDataset(tabs, {});
    const res = computeScheme(v.scheme!, read.dataset, parsePeriod('2026-Q3')!);
    return buildResultJson(res, 'custom', [], 'en');
  }
  const award = (s: Record<string, unknown>) => (s.awards as Record<string, unknown>[])[0];

  test('largest remainder: 1,000.00 among three eligible members → 333.34, 333.33, 333.33 by staff id', () => {
    // Team C wins alone when A and B are dropped; add a third member C3 without feedback:
    // no data, so left out of C's mean (still 62.5), but eligible, so C3 shares the prize.
    const tabs = fixture();
    const staff = tabs.find((t) => t.name === 'Staff')!.rows;
    tabs.find((t) => t.name === 'Staff')!.rows = staff.filter((r) => !/^[AB]/.test(String(r[0])) || r[0] === 'staff_id');
    tabs.find((t) => t.name === 'Staff')!.rows.push(['C3', 'Lin Zo', 'After-sales', 'Team C', 'staff', '2024-01-01', null]);
    const res = compute(tabs, (s) => { award(s).prize = { kind: 'pool', budget: 1000 }; });
    expect(res.awards).toEqual([
      { award: 'team_star', staff_id: 'C1', scope: 'Team C', rank: 1, amount: 333.34, tie: false },
      { award: 'team_star', staff_id: 'C2', scope: 'Team C', rank: 1, amount: 333.33, tie: false },
      { award: 'team_star', staff_id: 'C3', scope: 'Team C', rank: 1, amount: 333.33, tie: false },
    ]);
  });

  test('minMembers 1 lets Team D (one member with data, 100) win alone; a fixed prize goes to the team in full', () => {
    const res = compute(fixture(), (s) => {
      award(s).team = { unit: 'group', minMembers: 1 };
      award(s).prize = { kind: 'fixed', amount: 500 };
    });
    // D: mean over D1 only = 100 > A, B 87.5 → D wins; 500.00 split between D1 and D2 (no data, eligible).
    expect(res.awards).toEqual([
      { award: 'team_star', staff_id: 'D1', scope: 'Team D', rank: 1, amount: 250, tie: false },
      { award: 'team_star', staff_id: 'D2', scope: 'Team D', rank: 1, amount: 250, tie: false },
    ]);
  });

  test('teams by department: Service (A1, A2, B1, B2, B3) vs After-sales (C1, C2, D1; M1 and D2 no data)', () => {
    const res = compute(fixture(), (s) => { award(s).team = { unit: 'department', minMembers: 2 }; });
    // Service: (100 + 75 + 87.5 × 3) ÷ 5 = 87.5; After-sales: (100 + 25 + 100) ÷ 3 = 75 → Service wins;
    // 3,000.00 among its eligible A1, A2, B1, B2 (B3 violation) → 750.00 each.
    expect(res.awards.map((a) => [a.staff_id, a.scope, a.amount])).toEqual([
      ['A1', 'Service', 750], ['A2', 'Service', 750], ['B1', 'Service', 750], ['B2', 'Service', 750],
    ]);
  });
});

describe('command line', () => {
  test('npx service-star compute <folder> --preset team-star --period 2026-Q3 --json', () => {
    ensureBuilt();
    const cell = (c: unknown) => (c === null || c === undefined ? '' : `"${String(c).replace(/"/g, '""')}"`);
    const files: Record<string, string> = {};
    for (const t of fixture()) files[`${t.name}.csv`] = t.rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
    const r = runCli(['compute', csvFolder(files), '--preset', 'team-star', '--period', '2026-Q3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.awards.map((a: { staff_id: string; amount: number }) => [a.staff_id, a.amount])).toEqual([['A1', 750], ['A2', 750], ['B1', 750], ['B2', 750]]);
  });
});
