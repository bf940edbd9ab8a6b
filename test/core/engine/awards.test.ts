/**
 * Awards, money and measures on small hand-built cases with custom schemes (expected
 * values worked out in the comments), plus row-order independence of the goldens.
 */
import { recognizeTab } from '../../../core/input/tabs';
import { readDataset } from '../../../core/input/tabs';
import { computeScheme } from '../../../core/engine/compute';
import { evalMeasure } from '../../../core/engine/measures';
import { validateScheme } from '../../../core/scheme/validate';
import { parsePeriod } from '../../../core/periods';
import { buildResultJson } from '../../../core/output/result-json';
import { fenToYuan, formatFen, perPlace, splitEvenly, toFen } from '../../../core/money';
import type { Cell, RawTab } from '../../../core/types';
import { fixture, run } from './helpers';

const T = (name: string, rows: Cell[][]): RawTab => ({ name, rows });

function staffTab(rows: [string, string?, string?][]): RawTab {
  return T('Staff', [['staff_id', 'name', 'department', 'hire_date', 'manager_id'],
    ...rows.map(([id, dept, mgr]) => [id, id, dept ?? 'D', '2020-01-01', mgr ?? null])]);
}

/** Feedback: `n` rows of score 5 on 2026-07-10 for each [id, n]. */
function countsTab(counts: [string, number][]): RawTab {
  const rows: Cell[][] = [['date', 'staff_id', 'score', 'customer']];
  for (const [id, n] of counts) for (let k = 0; k < n; k++) rows.push(['2026-07-10', id, 5, `c${k % 2}`]);
  return T('Feedback', rows);
}

function scheme(award: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const v = validateScheme({
    id: 'test', name: { zh: '测试', en: 'Test' }, cadence: 'month',
    measures: [{ id: 'n', label: { zh: '条数', en: 'Rows' }, kind: 'rows', tab: 'feedback', agg: 'count' }],
    awards: [{ id: 'a', name: { zh: '奖', en: 'Award' }, cadence: 'month', scope: 'company', rankBy: { measure: 'n' },
      requirements: [{ measure: 'n', op: '>=', value: 1, reason: 'none' }], ...award }],
    ...extra,
  });
  if (!v.scheme) throw new Error(JSON.stringify(v.diagnostics));
  return v.scheme;
}

function compute(tabs: RawTab[], s: ReturnType<typeof scheme>, period = '2026-07') {
  const read = readDataset(tabs, {});
  const res = computeScheme(s, read.dataset, parsePeriod(period)!);
  return { res, json: buildResultJson(res, s.id, res.diagnostics, 'en') };
}

describe('money', () => {
  test('largest remainder: 2 × 2,000.00 over three → 1,333.34 + 1,333.33 + 1,333.33', () => {
    expect(splitEvenly(400000, 3)).toEqual([133334, 133333, 133333]);
    expect(splitEvenly(100, 3)).toEqual([34, 33, 33]);
    expect(splitEvenly(5, 0)).toEqual([]);
  });
  test('a place of a pool is budget ÷ quota, rounded down to the fen', () => {
    expect(perPlace(500000, 10)).toBe(50000);
    expect(perPlace(100000, 3)).toBe(33333);
    expect(perPlace(100000, 0)).toBe(0);
  });
  test('conversions', () => {
    expect(toFen(1333.34)).toBe(133334);
    expect(toFen(0.29)).toBe(29);
    expect(fenToYuan(133334)).toBe(1333.34);
    expect(formatFen(123456789)).toBe('1,234,567.89');
    expect(formatFen(-5)).toBe('-0.05');
  });
});

describe('awards', () => {
  test('people tied inside the quota are not marked; at the boundary they are', () => {
    // A 3, B 3, C 1 with quota 2: A and B share rank 1 inside the quota → tie false.
    const s = scheme({ quota: { count: 2 }, prize: { kind: 'fixed', amount: 100 } });
    const a = compute([staffTab([['A'], ['B'], ['C']]), countsTab([['A', 3], ['B', 3], ['C', 1]])], s).json.awards;
    expect(a.map((x) => [x.staff_id, x.rank, x.amount, x.tie])).toEqual([['A', 1, 100, false], ['B', 1, 100, false]]);
    // A 5, B 3, C 3 with quota 2: B and C tie at the last place → both win in full, tie true; A not marked.
    const b = compute([staffTab([['A'], ['B'], ['C']]), countsTab([['A', 5], ['B', 3], ['C', 3]])], s).json.awards;
    expect(b.map((x) => [x.staff_id, x.rank, x.amount, x.tie])).toEqual([['A', 1, 100, false], ['B', 2, 100, true], ['C', 2, 100, true]]);
  });

  test('percent quota rounded up; a pool place is budget ÷ quota; the odd fen stays unspent', () => {
    // 7 eligible × 30 % = 2.1 → 3 places; 1,000.00 ÷ 3 = 333.33 a place; paid 999.99, unspent 0.01.
    const s = scheme({ quota: { percent: 30 }, prize: { kind: 'pool', budget: 1000 } });
    const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const { res, json } = compute([staffTab(ids.map((i) => [i])), countsTab(ids.map((i, k) => [i, 10 - k]))], s);
    expect(json.awards.map((x) => [x.staff_id, x.amount])).toEqual([['A', 333.33], ['B', 333.33], ['C', 333.33]]);
    const sc = res.awards[0].scopes[0];
    expect([sc.quota, sc.paidFen, sc.unspentFen]).toEqual([3, 99999, 1]);
  });

  test('a pool with co-winners beyond the quota never exceeds the budget', () => {
    // quota 2, pool 100.00: A 5 alone, then B, C, D tied at 3 → 1 place (50.00) shared by three:
    // 5000 fen ÷ 3 = 1666 r 2 → B 16.67, C 16.67, D 16.66 (leftover fen by staff id).
    const s = scheme({ quota: { count: 2 }, prize: { kind: 'pool', budget: 100 } });
    const { res, json } = compute([staffTab([['D'], ['C'], ['B'], ['A']]), countsTab([['A', 5], ['B', 3], ['C', 3], ['D', 3]])], s);
    expect(json.awards.map((x) => [x.staff_id, x.amount, x.tie])).toEqual([['A', 50, false], ['B', 16.67, true], ['C', 16.67, true], ['D', 16.66, true]]);
    expect(res.awards[0].scopes[0].unspentFen).toBe(0);
  });

  test('a quota of 0 from the Quotas tab (company scope written 全公司): nobody wins, the pool is unspent', () => {
    const s = scheme({ quota: { count: 2 }, prize: { kind: 'pool', budget: 100 } });
    const quotas = T('Quotas', [['award', 'scope', 'count'], ['a', '全公司', 0]]);
    const { res, json } = compute([staffTab([['A']]), countsTab([['A', 5]]), quotas], s);
    expect(json.awards).toEqual([]);
    expect(res.awards[0].scopes[0].unspentFen).toBe(10000);
  });

  test('pay-ups stop at a chain that loops back to the winner', () => {
    // A (manager B) wins; B's manager is A → level 1 B paid, level 2 would be the winner: not paid, warned.
    const s = scheme({ quota: { count: 1 }, prize: { kind: 'fixed', amount: 10 },
      payUp: { award: 'a_up', name: { zh: '上级', en: 'Up' }, amounts: [4, 4] } });
    const { res, json } = compute([staffTab([['A', 'D', 'B'], ['B', 'D', 'A']]), countsTab([['A', 2]])], s);
    expect(json.awards.map((x) => [x.award, x.staff_id, x.amount])).toEqual([['a', 'A', 10], ['a_up', 'B', 4]]);
    expect(res.diagnostics.map((d) => d.code)).toContain('payup_manager_is_winner');
  });

  test('measure kinds: distinct, min, max, ratio, over', () => {
    const s = scheme({ quota: { count: 1 }, prize: { kind: 'fixed', amount: 0 } }, {
      measures: [
        { id: 'n', label: { zh: 'n', en: 'n' }, kind: 'rows', tab: 'feedback', agg: 'count' },
        { id: 'customers', label: { zh: 'c', en: 'c' }, kind: 'rows', tab: 'feedback', agg: 'distinct', field: 'customer' },
        { id: 'lo', label: { zh: 'lo', en: 'lo' }, kind: 'rows', tab: 'feedback', agg: 'min', field: 'score' },
        { id: 'hi', label: { zh: 'hi', en: 'hi' }, kind: 'rows', tab: 'feedback', agg: 'max', field: 'score' },
        { id: 'per_customer', label: { zh: 'r', en: 'r' }, kind: 'combine', op: 'ratio', of: ['n', 'customers'] },
        { id: 'monthly_mean_n', label: { zh: 'm', en: 'm' }, kind: 'over', measure: 'n', each: 'month', agg: 'mean' },
      ],
      ranking: { columns: ['customers', 'lo', 'hi', 'per_customer', 'monthly_mean_n'] },
    });
    const fb = T('Feedback', [['date', 'staff_id', 'score', 'customer'],
      ['2026-07-01', 'A', 3, '王'], ['2026-07-02', 'A', 5, ' 王 '], ['2026-08-03', 'A', 4, '李'], ['2026-09-04', 'A', 1, '']]);
    const { res } = compute([staffTab([['A']]), fb], s, '2026-Q3');
    // customers: '王' and ' 王 ' fold to one, '李', blank left out → 2; min 1; max 5; 4 rows / 2 customers = 2;
    // rows per month: July 2, August 1, September 1 → mean 4/3 = 1.333333.
    const q = parsePeriod('2026-Q3')!;
    expect([evalMeasure(res.ctx, 'customers', q)[0], evalMeasure(res.ctx, 'lo', q)[0], evalMeasure(res.ctx, 'hi', q)[0],
      evalMeasure(res.ctx, 'per_customer', q)[0], evalMeasure(res.ctx, 'monthly_mean_n', q)[0]]).toEqual([2, 1, 5, 2, 1.333333]);
  });
});

describe('row order does not matter (goldens with their rows reversed)', () => {
  const cases: [string, string][] = [
    ['smile-cards', '2026-Q3'], ['star-rating', '2026-08'], ['weighted-quarterly', '2026-Q3'],
    ['service-star-budget', '2026-Q3'], ['surprise-points', '2026-08'], ['revisit', '2026-09'], ['annual-star', '2026'],
    ['likes', '2026-08'], ['itsm-quarterly', '2026-Q3'],
    ['property-stars', '2026'], ['property-stars', '2026-Q3'], ['annual-best', '2026'],
    // committee-quarterly is left out on purpose: a nominator's nominees beyond the limit are the later rows.
  ];
  test.each(cases)('%s %s', (preset, period) => {
    const tabs = fixture(preset);
    const reversed = tabs.map((t) => ({ name: t.name, rows: [t.rows[0], ...t.rows.slice(1).reverse()] })).reverse();
    // Near misses name rows as the user sees them (reversed on purpose): map them back (row r of a tab of L rows was row L + 2 − r).
    const length = new Map(tabs.map((t) => [recognizeTab(t.name), t.rows.length]));
    const strip = (r: ReturnType<typeof run>, back: (tab: string, row: number) => number) => ({
      ...r.result!, diagnostics: r.result!.diagnostics.map((d) => d.code).sort(),
      near_misses: r.result!.near_misses!.map((n) => ({ ...n, rows: n.rows.map((x) => `${x.tab}:${back(x.tab, x.row)}`).sort() })),
    });
    expect(strip(run(reversed, preset, period), (t, row) => length.get(recognizeTab(t))! + 2 - row)).toEqual(strip(run(tabs, preset, period), (_t, row) => row));
  });
});

describe('measure gates', () => {
  test('a measure gate fails with its id and value, and is evaluated once for everyone', () => {
    // Gate "enough": n ≥ 2. A has 3 rows (passes), B has 1 (fails with value 1).
    const s = scheme({ quota: { count: 5 }, prize: { kind: 'fixed', amount: 1 }, gates: ['enough'] }, {
      gates: [{ id: 'enough', label: { zh: '够', en: 'Enough rows' }, kind: 'measure', measure: 'n', op: '>=', value: 2 }],
    });
    const { res, json } = compute([staffTab([['A'], ['B']]), countsTab([['A', 3], ['B', 1]])], s);
    expect(json.awards.map((a) => a.staff_id)).toEqual(['A']);
    expect(json.ineligible).toEqual([{ staff_id: 'B', award: 'a', reasons: ['enough'] }]);
    expect(res.awards[0].entries[1].reasons[0]).toMatchObject({ code: 'enough', value: '1', op: '>=', threshold: '2' });
  });
});
