/**
 * Department scoring (preset case-collection, seed 000 感动顾客优秀服务案例征集):
 * a hand-built month with four departments, every figure worked out by hand below,
 * plus the edge rules (quota 0, no head, quarters, text-less cases) and the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture as presetFixture, records, run, tab } from './helpers';
import type { Cell, DepartmentLine, RawTab } from '../../../core/types';
import { ensureBuilt, runCli, csvFolder } from '../../cli/helpers';

function fixture(): RawTab[] {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'departments', 'case-collection.json'), 'utf8')) as RawTab[];
}

/*
 * The fixture (test/fixtures/departments/case-collection.json), July 2026.
 * Quotas: 家具部 3 (award case_collection), 建材部 4 (alias 案例征集), 物业部 2; 客服部 none → default 5.
 * Texts: every case has ≥ 300 characters except 物业部 P02's (106). B02's July case is the
 * June case of F01 (row 2) with ASCII punctuation and 5 characters changed (家具→建材,
 * 四→二, 六→五, 五→六): a copy from an earlier month. Late (after the 25th): rows 10, 11, 12.
 *
 * row  date        who  dept   quality  regional  note
 *  2   2026-06-10  F01  家具部  3                  June (source of the copy)
 *  3   2026-07-02  C01  客服部  1
 *  4   2026-07-03  F01  家具部  3
 *  5   2026-07-05  P01  物业部  3        是
 *  6   2026-07-08  F02  家具部  2
 *  7   2026-07-14  B01  建材部  2
 *  8   2026-07-19  P02  物业部  2                  106 characters
 *  9   2026-07-20  C01  客服部  2
 * 10   2026-07-26  F03  家具部  2                  late
 * 11   2026-07-27  B02  建材部  3                  late, copy of row 2
 * 12   2026-07-28  C02  客服部  (blank)            late
 *
 * Department points, July (quantity 3 × min(1, cases ÷ quota); originality 2 × original
 * share; value 3 × mean quality ÷ 3 = the mean quality; template 1 × share ≥ 300 chars;
 * on time 1 × share by the 25th):
 *   家具部 3 cases: 3×3/3 = 3; 2×3/3 = 2; (3+2+2)/3 = 2.333…; 3/3 = 1; 2/3 = 0.666… → 9.00
 *   物业部 2 cases: 3×2/2 = 3; 2×2/2 = 2; (3+2)/2 = 2.5;      1/2 = 0.5; 2/2 = 1   → 9.00
 *   客服部 3 cases: 3×3/5 = 1.8; 2×3/3 = 2; (1+2)/2 = 1.5 (blank left out); 3/3 = 1; 2/3 → 6.9666… → 6.97
 *   建材部 2 cases: 3×2/4 = 1.5; 2×1/2 = 1; (2+3)/2 = 2.5;    2/2 = 1;  1/2 = 0.5  → 6.50
 * Ranks (1, 1, 3, 4): 家具部 and 物业部 tie first → both red flag; 建材部 last and 6.50 < 8 →
 * criticism and its head −1. Heads: 家具部 F00 (manager), 建材部 B00 (supervisor; B03 is
 * only a team lead), 客服部 C00 (manager outranks supervisor C09), 物业部 P00 (manager).
 *
 * Individual points earned in July:
 *   F01 +1 (rated 3), F02 +1, F03 +1 (late does not matter), B01 +1, C01 +1 (only the case rated 2),
 *   P01 +1 +1 regional = 2, P02 +1, P00 +1 (regional case in the department),
 *   B02 −5 (copied; its rating 3 does not count), B00 −2 (copy in the department) −1 (last) = −3.
 *   C02 (unrated) and F00 earn nothing.
 * Balances add June: F01's June case +1 → F01 2. In June only 家具部 had a case
 * (1 ÷ 3 × 3 = 1 + 2 + 3 + 1 + 1 = 8.00, rank 1); the three others scored 0, tied last,
 * below 8 → criticised: heads B00, C00, P00 −1 on 2026-06-30 → B00 −4, C00 −1, P00 0.
 */
describe('case-collection: the hand-built month', () => {
  const out = run(fixture(), 'case-collection', '2026-07', 'zh');

  test('computes with no diagnostics', () => {
    expect(out.status).toBe('computed');
    expect(out.diagnostics).toEqual([]);
  });

  test('--json departments: scores, competition ranks and actions', () => {
    expect(out.result!.departments).toEqual([
      { department: '家具部', score: 9, rank: 1, actions: ['red_flag'] },
      { department: '物业部', score: 9, rank: 1, actions: ['red_flag'] },
      { department: '客服部', score: 6.97, rank: 3, actions: [] },
      { department: '建材部', score: 6.5, rank: 4, actions: ['criticism'] },
    ]);
  });

  test('--json points: net points of the month for writers and heads, and balances', () => {
    expect(out.result!.points).toEqual([
      { staff_id: 'B00', earned: -3, balance: -4 },
      { staff_id: 'B01', earned: 1, balance: 1 },
      { staff_id: 'B02', earned: -5, balance: -5 },
      { staff_id: 'C00', earned: 0, balance: -1 },
      { staff_id: 'C01', earned: 1, balance: 1 },
      { staff_id: 'F01', earned: 1, balance: 2 },
      { staff_id: 'F02', earned: 1, balance: 1 },
      { staff_id: 'F03', earned: 1, balance: 1 },
      { staff_id: 'P00', earned: 1, balance: 0 },
      { staff_id: 'P01', earned: 2, balance: 2 },
      { staff_id: 'P02', earned: 1, balance: 1 },
    ]);
  });

  test('Departments tab: criterion points, head named with level, actions, head points', () => {
    const t = tab(out, 'departments');
    expect(t.name).toBe('部门 2026-07');
    expect(t.rows[0]).toEqual(['期间', '名次', '部门', '部门负责人', '在岗人数', '数量（满分 3）', '原创（满分 2）', '价值（满分 3）',
      '模板字数（满分 1）', '按时提交（满分 1）', '总分', '处理', '负责人加减分', '说明']);
    const cut = (r: Cell[]) => r.slice(0, 13);
    expect(t.rows.slice(1, 5).map(cut)).toEqual([
      ['2026-07', 1, '家具部', '张建国（F00） 经理', 4, 3, 2, 2.33, 1, 0.67, 9, '流动红旗', null],
      ['2026-07', 1, '物业部', '马强（P00） 经理', 3, 3, 2, 2.5, 0.5, 1, 9, '流动红旗', null],
      ['2026-07', 3, '客服部', '周敏（C00） 经理', 4, 1.8, 2, 1.5, 1, 0.67, 6.97, '', null],
      ['2026-07', 4, '建材部', '陈刚（B00） 主管', 4, 1.5, 1, 2.5, 1, 0.5, 6.5, '通报批评', -1],
    ]);
    expect(String(t.rows[4][13])).toContain('数量：部门案例数 2 ÷ 名额 4 → 50% × 3 = 1.5');
    expect(t.formats).toHaveLength(t.rows[0].length);
  });

  test('the copied case is listed with the earlier case it matches (tab and row)', () => {
    const t = tab(out, 'departments');
    const copyRows = t.rows.filter((r) => r[11] === '抄袭案例');
    expect(copyRows).toHaveLength(1);
    const [row] = copyRows;
    expect(row.slice(0, 4)).toEqual(['2026-07', null, '建材部', '孙悦（B02）']);
    expect(String(row[13])).toMatch(/^服务案例 第 11 行（2026-07-27，“老人的餐桌椅”）与 服务案例 第 2 行（李娜（F01），2026-06-10）相同 (\d+(\.\d+)?)%$/);
    const pct = Number(/相同 ([\d.]+)%/.exec(String(row[13]))![1]);
    // 5 changed characters break at most 25 of ~300 shingles: between 80 % and 100 %.
    expect(pct).toBeGreaterThanOrEqual(80);
    expect(pct).toBeLessThan(100);
  });

  test('Points tab details the rules, including the head rules', () => {
    const byId = Object.fromEntries(records(tab(out, 'points')).map((r) => [r['工号'], r]));
    expect(byId.B00['明细']).toBe('本部门抄袭案例（负责人）: -2; 部门排名最后（负责人）: -1');
    expect(byId.P00['明细']).toBe('本部门区域优秀案例（负责人）: 1');
    expect(byId.P01['明细']).toBe('评分 ≥ 2 的案例: 1; 区域优秀案例: 1');
  });

  test('English output names the tab and actions in English', () => {
    const en = run(fixture(), 'case-collection', '2026-07', 'en');
    const t = tab(en, 'departments');
    expect(t.name).toBe('Departments 2026-07');
    expect(t.rows[1][11]).toBe('rotating red flag');
    expect(t.rows[4][11]).toBe('criticism');
    expect(String(t.rows[5][13])).toMatch(/^服务案例 row 11 \(2026-07-27, "老人的餐桌椅"\) is [\d.]+% the same as 服务案例 row 2 \(李娜 \(F01\), 2026-06-10\)$/);
    expect(en.result!.departments).toEqual(out.result!.departments);
  });
});

describe('case-collection: edge rules', () => {
  function withTabs(change: (tabs: RawTab[]) => void): RawTab[] {
    const tabs = fixture();
    change(tabs);
    return tabs;
  }
  const rowsOf = (tabs: RawTab[], name: string) => tabs.find((t) => t.name === name)!.rows;

  test('a quota of 0 leaves the department unranked; the others are ranked without it', () => {
    const tabs = withTabs((t) => rowsOf(t, '名额').push(['case_collection', '客服部', 0]));
    const out = run(tabs, 'case-collection', '2026-07', 'zh');
    // 客服部 drops out: 家具部 9, 物业部 9 (rank 1), 建材部 6.5 → rank 3, last, criticised.
    expect(out.result!.departments).toEqual([
      { department: '家具部', score: 9, rank: 1, actions: ['red_flag'] },
      { department: '物业部', score: 9, rank: 1, actions: ['red_flag'] },
      { department: '建材部', score: 6.5, rank: 3, actions: ['criticism'] },
    ]);
    const row = tab(out, 'departments').rows.find((r) => r[2] === '客服部' && r[4] !== null)!;
    expect(row[1]).toBeNull();
    expect(String(row[13])).toContain('名额为 0：不参加排名');
  });

  test('a department without a manager or supervisor: warning, and its head points are not applied', () => {
    // 建材部's supervisor B00 becomes plain staff: no head (B03 is a team lead).
    const tabs = withTabs((t) => { rowsOf(t, '员工').find((r) => r[0] === 'B00')![4] = '员工'; });
    const out = run(tabs, 'case-collection', '2026-07', 'en');
    const w = out.diagnostics.filter((d) => d.code === 'department_no_head');
    expect(w.map((d) => [d.severity, d.value])).toEqual([['warning', '建材部']]);
    // B00 now only wrote nothing: no points line; B02 still −5.
    const ids = out.result!.points.map((p) => p.staff_id);
    expect(ids).not.toContain('B00');
    expect(out.result!.points.find((p) => p.staff_id === 'B02')).toEqual({ staff_id: 'B02', earned: -5, balance: -5 });
    expect(tab(out, 'departments').rows[4][3]).toBe('');
  });

  test('the submission day is a scheme setting (day ≤ 25 filter): the 25th is on time, the 26th late', () => {
    const tabs = withTabs((t) => { rowsOf(t, '服务案例')[9][0] = '2026-07-25'; }); // F03: 26th → 25th
    const out = run(tabs, 'case-collection', '2026-07', 'zh');
    // 家具部 on time 3/3: 3 + 2 + 2.333… + 1 + 1 = 9.33 → alone first.
    expect(out.result!.departments.slice(0, 2)).toEqual([
      { department: '家具部', score: 9.33, rank: 1, actions: ['red_flag'] },
      { department: '物业部', score: 9, rank: 2, actions: [] },
    ]);
  });

  test('a quarter runs each month: departments lines carry the window', () => {
    const out = run(fixture(), 'case-collection', '2026-Q3', 'en');
    const lines = out.result!.departments as (DepartmentLine & { window?: string })[];
    // July as above; August and September have no cases: every department 0, all rank 1, no action.
    expect(lines.filter((l) => l.window === '2026-07').map((l) => [l.department, l.score, l.rank])).toEqual([
      ['家具部', 9, 1], ['物业部', 9, 1], ['客服部', 6.97, 3], ['建材部', 6.5, 4],
    ]);
    expect(lines.filter((l) => l.window === '2026-08').map((l) => [l.score, l.rank, l.actions])).toEqual([
      [0, 1, []], [0, 1, []], [0, 1, []], [0, 1, []],
    ]);
    expect(lines).toHaveLength(12);
  });

  test('cases with only a length count as original and are reported once', () => {
    const tabs = withTabs((t) => {
      const rows = rowsOf(t, '服务案例');
      rows[0].push('字数');
      for (const r of rows.slice(1)) r.push(null);
      rows.push(['2026-07-21', 'C02', '只有字数', null, 2, '否', 320]);
    });
    const out = run(tabs, 'case-collection', '2026-07', 'en');
    expect(out.diagnostics.filter((d) => d.code === 'case_no_text').map((d) => [d.severity, d.value])).toEqual([['info', '1']]);
    // 客服部 now 4 cases: 3×4/5 = 2.4; 2×4/4 = 2; (1+2+2)/3 = 1.666…; 4/4 = 1; 3/4 = 0.75 → 7.8166… → 7.82
    expect(out.result!.departments.find((d) => d.department === '客服部')).toEqual({ department: '客服部', score: 7.82, rank: 3, actions: [] });
  });

  test('schemes without department criteria are untouched (no Departments tab, no departments lines)', () => {
    const out = run(presetFixture('smile-cards'), 'smile-cards', '2026-Q3', 'en');
    expect(out.status).toBe('computed');
    expect(out.outputs.map((t) => t.kind)).not.toContain('departments');
    expect(out.result!.departments).toEqual([]);
  });
});

describe('command line', () => {
  function csv(rows: Cell[][]): string {
    const cell = (c: Cell) => (c === null || c === undefined ? '' : `"${String(c).replace(/"/g, '""')}"`);
    return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  }
  test('npx service-star compute <folder> --preset case-collection --period 2026-07 --json', () => {
    ensureBuilt();
    const files: Record<string, string> = {};
    for (const t of fixture()) files[`${t.name}.csv`] = csv(t.rows);
    const dir = csvFolder(files);
    const r = runCli(['compute', dir, '--preset', 'case-collection', '--period', '2026-07', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.scheme).toBe('case-collection');
    expect(json.departments).toEqual(run(fixture(), 'case-collection', '2026-07', 'zh').result!.departments);
    expect(json.points.find((p: { staff_id: string }) => p.staff_id === 'B00')).toEqual({ staff_id: 'B00', earned: -3, balance: -4 });
  });
});
