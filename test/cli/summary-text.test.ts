/** The readable summary, from a hand-made ComputeSummary and result. */
import type { ComputeSummary } from '../../core/summary';
import type { ResultJson } from '../../core/types';
import { renderSummary } from '../../cli/summary-text';

const summary: ComputeSummary = {
  status: 'computed', message: null, lang: 'en', period: '2026-07', scheme: 'service-star-budget',
  winners: [
    { award: 'service_star', awardName: { zh: '服务之星', en: 'Service Star' }, staffId: 'S01', name: '张三', scope: '', rank: 1, amount: 1666.67, tie: true },
    { award: 'service_star', awardName: { zh: '服务之星', en: 'Service Star' }, staffId: 'S02', name: '', scope: '', rank: 1, amount: 1666.66, tie: true },
  ],
  awards: [{ award: 'service_star', name: { zh: '服务之星', en: 'Service Star' }, winners: 2, paid: 3333.33, budget: 5000 }],
  totalPaid: 3433.33,
  diagnostics: { error: 1, warning: 0, info: 2 },
  warnings: [{ severity: 'error', code: 'not_a_number', tab: 'Feedback', row: 4, column: 'score', text: { zh: '「Feedback」 第 4 行：不是数字', en: 'Feedback, row 4: not a number' } }],
  outputs: [{ name: 'Ranking 2026-07', kind: 'ranking' }, { name: 'Bonus 2026-07', kind: 'bonus' }],
};
const result: ResultJson = {
  period: '2026-07', scheme: 'service-star-budget', awards: [], departments: [], points: [], ineligible: [], diagnostics: [],
  stars: [{ staff_id: 'S01', score: 91, stars: 5, bonus: 100 }, { staff_id: 'S02', score: 50, stars: 1, bonus: 0 }],
  penalties: [{ staff_id: 'S02', action: 'standby_training', window: '2026-07', amount: 50 }],
  flags: [], totals: { paid: 3433.33, by_award: { service_star: 3333.33 } },
};

test('English: winners with ties, paid against budget with unspent, star distribution, penalties with names, counts, outputs', () => {
  expect(renderSummary(summary, result, 'en', ['out/x.xlsx'], { S02: '李四' })).toBe([
    'Service Star 2026-07 · scheme service-star-budget',
    '',
    'Awards',
    '  Service Star  S01 张三 (tie)  1,666.67',
    '  Service Star  S02 (tie)  1,666.66',
    '',
    'Bonus: 3,433.33 paid in total',
    '  Service Star: 2 winners, 3,333.33 / budget 5,000.00 (unspent 1,666.67)',
    '  Stars given: 5★ 1 · 1★ 1',
    '',
    'Penalties: 1',
    '  2026-07  S02 李四  standby training  50.00',
    '',
    'Data check: 1 error · 0 warnings · 2 info',
    '  Feedback, row 4: not a number',
    '',
    'Output tabs: Ranking 2026-07, Bonus 2026-07',
    'Saved: out/x.xlsx',
    '',
  ].join('\n'));
});

test('Chinese: the same facts in Chinese, no winners line when there are none', () => {
  const text = renderSummary({ ...summary, winners: [], lang: 'zh' }, { ...result, stars: [], penalties: [] }, 'zh', []);
  expect(text).toContain('获奖\n  （本期无人获奖）\n');
  expect(text).toContain('  服务之星：2 人，3,333.33 / 预算 5,000.00（未用 1,666.67）');
  expect(text).toContain('数据检查：错误 1 · 警告 0 · 提示 2');
  expect(text).toContain('结果工作表：Ranking 2026-07、Bonus 2026-07');
});

test('a Runs tab made by a run in the other language is listed by its name with what it is, in the summary language', () => {
  const outputs = [{ name: '排名 2026-07', kind: 'ranking' as const }, { name: 'Runs', kind: 'runs' as const }];
  const zh = renderSummary({ ...summary, outputs, lang: 'zh' }, result, 'zh', []);
  expect(zh).toContain('结果工作表：排名 2026-07、Runs（运行记录）');
  const own = renderSummary({ ...summary, outputs: [{ name: '运行记录', kind: 'runs' as const }], lang: 'zh' }, result, 'zh', []);
  expect(own).toContain('结果工作表：运行记录\n');
  const en = renderSummary({ ...summary, outputs: [{ name: '运行记录', kind: 'runs' as const }] }, result, 'en', []);
  expect(en).toContain('Output tabs: 运行记录 (Runs)');
});
