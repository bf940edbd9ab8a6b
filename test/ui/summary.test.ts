/** core/summary: the result summary from a ComputeOutcome (hand-built outcomes, hand-worked expectations). */
import type { ComputeOutcome } from '../../core/orchestrator';
import { busySummary, failureSummary, staffNamesFromTabs, summarizeOutcome } from '../../core/summary';
import { diag } from '../../core/diagnostics';
import type { ResultJson } from '../../core/types';

function result(overrides: Partial<ResultJson> = {}): ResultJson {
  return {
    period: '2026-Q3', scheme: 'smile-cards',
    awards: [
      { award: 'service_star', staff_id: 'S01', scope: 'A', rank: 1, amount: 800, tie: false },
      { award: 'service_star', staff_id: 's04', scope: 'B', rank: 1, amount: 800, tie: true },
      { award: 'service_star_manager', staff_id: 'S06', scope: 'A', rank: 1, amount: 400, tie: false },
    ],
    stars: [], penalties: [], departments: [], points: [], flags: [], ineligible: [], diagnostics: [],
    totals: { paid: 2000, by_award: { service_star: 1600, service_star_manager: 400 } },
    ...overrides,
  };
}

function outcome(overrides: Partial<ComputeOutcome> = {}): ComputeOutcome {
  return {
    status: 'computed', message: null, lang: 'en',
    diagnostics: [
      diag({ severity: 'error', code: 'not_a_number', tab: 'Feedback', row: 4, column: 'score', value: 'abc', zh: '“abc”不是数字', en: '"abc" is not a number' }),
      diag({ severity: 'warning', code: 'w', tab: 'Scheme', zh: '权重已换算', en: 'Weights rescaled' }),
      diag({ severity: 'info', code: 'i', zh: '提示', en: 'Note' }),
      diag({ severity: 'info', code: 'i2', zh: '提示2', en: 'Note 2' }),
    ],
    result: result(),
    outputs: [
      { name: 'Ranking 2026-Q3', kind: 'ranking', rows: [['h']], formats: ['text'] },
      { name: 'Data check 2026-Q3', kind: 'datacheck', rows: [['h']], formats: ['text'] },
    ],
    ...overrides,
  };
}

describe('summarizeOutcome', () => {
  test('winners with names (ids matched like a lookup), award lines, totals, counts, outputs', () => {
    const names = staffNamesFromTabs([{ name: '员工', rows: [['工号', '姓名'], ['S01', 'Alice'], ['S04', '<b>Bo</b>'], ['S06', 'Erin']] }]);
    const s = summarizeOutcome(outcome(), {
      staffNames: names,
      awardNames: { service_star: { zh: '服务之星', en: 'Service star' } },
      budgets: { service_star: null, referral: 10000 },
    });
    expect(s.status).toBe('computed');
    expect(s.message).toBeNull();
    expect(s.period).toBe('2026-Q3');
    expect(s.winners.map((w) => [w.staffId, w.name, w.awardName.en, w.amount, w.tie])).toEqual([
      ['S01', 'Alice', 'Service star', 800, false],
      ['s04', '<b>Bo</b>', 'Service star', 800, true],
      ['S06', 'Erin', 'service_star_manager', 400, false],
    ]);
    expect(s.awards).toEqual([
      { award: 'service_star', name: { zh: '服务之星', en: 'Service star' }, winners: 2, paid: 1600, budget: null },
      { award: 'service_star_manager', name: { zh: 'service_star_manager', en: 'service_star_manager' }, winners: 1, paid: 400, budget: null },
      // A pool with no winner this period still shows its budget (all unspent).
      { award: 'referral', name: { zh: 'referral', en: 'referral' }, winners: 0, paid: 0, budget: 10000 },
    ]);
    expect(s.totalPaid).toBe(2000);
    expect(s.diagnostics).toEqual({ error: 1, warning: 1, info: 2 });
    expect(s.warnings.map((w) => w.text.en)).toEqual(['Feedback, row 4, column score: "abc" is not a number', 'Scheme: Weights rescaled']);
    expect(s.outputs).toEqual([{ name: 'Ranking 2026-Q3', kind: 'ranking' }, { name: 'Data check 2026-Q3', kind: 'datacheck' }]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  test('rankingCharts: the Ranking tab chart specs become per-scope bars (first 8, numbers only); absent without charts', () => {
    const rows: (string | number | null)[][] = [['Rank', 'Staff ID', 'Name', 'Department', 'Group', 'Smile cards']];
    for (let k = 1; k <= 10; k++) rows.push([k, `S${k}`, `P${k}`, 'D', 'A', 20 - k]);
    rows.push([null, 'S99', 'Late', 'D', 'A', 'n/a']);
    const ranking = { name: 'Ranking 2026-Q3', kind: 'ranking' as const, rows, formats: ['integer', 'text', 'text', 'text', 'text', 'integer'] as never,
      charts: [{ title: 'Smile cards (A)', fromRow: 1, toRow: 12, categoryCol: 2, valueCols: [5], anchorRow: 0, anchorCol: 7 }] };
    const s = summarizeOutcome(outcome({ outputs: [ranking] }));
    expect(s.rankingCharts).toEqual([{ title: 'Smile cards (A)', bars: [1, 2, 3, 4, 5, 6, 7, 8].map((k) => ({ staffId: `S${k}`, name: `P${k}`, value: 20 - k })) }]);
    expect(summarizeOutcome(outcome()).rankingCharts).toBeUndefined();
  });

  test('a run that could not start: the one message, nothing else', () => {
    const message = { zh: '缺少“员工”工作表', en: 'The Staff tab is missing' };
    const s = summarizeOutcome(outcome({ status: 'fatal', message, result: null, outputs: [] }));
    expect(s).toMatchObject({ status: 'fatal', message, winners: [], awards: [], totalPaid: 0, outputs: [], period: '' });
  });

  test('star bonuses get their own line so the lines add up to the total', () => {
    const s = summarizeOutcome(outcome({ result: result({
      awards: [],
      stars: [
        { staff_id: 'S01', score: 91.5, stars: 5, bonus: 1000 },
        { staff_id: 'S02', score: 82, stars: 4, bonus: 600 },
        { staff_id: 'S03', score: 40, stars: 1, bonus: 0 },
      ],
      totals: { paid: 1600, by_award: { service_star: 0 } },
    }) }));
    expect(s.awards).toEqual([
      { award: 'service_star', name: { zh: 'service_star', en: 'service_star' }, winners: 0, paid: 0, budget: null },
      { award: 'stars', name: { zh: '星级奖金', en: 'Star bonus' }, winners: 2, paid: 1600, budget: null },
    ]);
    expect(s.totalPaid).toBe(1600);
  });

  test('money is rounded to fen without floating noise', () => {
    const s = summarizeOutcome(outcome({ result: result({ awards: [], totals: { paid: 0.1 + 0.2, by_award: { x: 1333.3300000001 } } }) }));
    expect(s.totalPaid).toBe(0.3);
    expect(s.awards[0].paid).toBe(1333.33);
  });

  test('busy and failure summaries carry a bilingual message', () => {
    expect(busySummary('zh', '2026-Q3')).toMatchObject({ status: 'busy', lang: 'zh', period: '2026-Q3' });
    expect(busySummary('en', '2026-Q3').message!.en).toMatch(/already running/);
    const f = failureSummary('en', '2026-Q3', 'Service unavailable');
    expect(f.status).toBe('fatal');
    expect(f.message!.en).toBe('The computation did not finish and nothing was changed: Service unavailable');
  });
});

describe('staffNamesFromTabs', () => {
  test('English and Chinese headers, ids by their lookup key; first row of a duplicate id wins', () => {
    const names = staffNamesFromTabs([
      { name: 'Feedback', rows: [['staff_id', 'name'], ['S09', 'not staff']] },
      { name: 'Staff', rows: [['Staff ID', 'Name'], [' Ｓ01 ', 'Alice'], ['S01', 'Again'], [null, 'nobody']] },
    ]);
    expect(names['S01']).toBe('Again');
    expect(names['s01']).toBe('Alice');
    expect(names['S09']).toBeUndefined();
  });
});
