/**
 * Scheme → Scheme tab (2D array) → scheme, exactly: every preset in both
 * languages, as validated and as written, with cells as a spreadsheet keeps them
 * and as text (CSV); and a scheme that uses every part of the model, including
 * values whose friendly form would be ambiguous.
 */
import { getPreset, getPresetInput, listPresets } from '../../../core/presets/index';
import { validateScheme } from '../../../core/scheme/validate';
import { buildSchemeTab, readSchemeTab, renderSchemeRows } from '../../../core/scheme-tab/index';
import type { Lang } from '../../../core/types';
import { asText, blockIndex, cellAt } from './helpers';

const LANGS: Lang[] = ['zh', 'en'];
const presets = listPresets().map((p) => p.id);

describe('every preset round-trips through the Scheme tab', () => {
  test('the registry has the presets of SPEC §4', () => {
    expect(presets).toEqual(expect.arrayContaining(['smile-cards', 'star-rating', 'weighted-quarterly', 'service-star-budget', 'surprise-points', 'revisit', 'annual-star']));
  });

  describe.each(LANGS)('%s', (lang) => {
    test.each(presets)('%s: validated preset → tab → the same scheme, no problem but the preset\'s own warnings', (id) => {
      const preset = getPreset(id)!;
      const read = readSchemeTab({ name: lang === 'zh' ? '方案' : 'Scheme', rows: renderSchemeRows(preset, lang) });
      expect(read.scheme).toEqual(preset);
      expect(read.input).toEqual(JSON.parse(JSON.stringify(read.input))); // plain JSON data
      expect(validateScheme(read.input).scheme).toEqual(preset);
      const own = validateScheme(getPresetInput(id)).diagnostics.map((d) => d.code);
      expect(read.diagnostics.map((d) => d.code)).toEqual(own);
      expect(read.lang).toBe(lang);
    });

    test.each(presets)('%s: the preset as written (defaults left out) gives the same scheme', (id) => {
      const read = readSchemeTab({ name: 'Scheme', rows: renderSchemeRows(getPresetInput(id), lang) });
      expect(read.scheme).toEqual(getPreset(id));
    });

    test.each(presets)('%s: every cell as text (a CSV folder) still gives the same scheme', (id) => {
      const read = readSchemeTab({ name: 'Scheme', rows: asText(renderSchemeRows(getPreset(id), lang)) });
      expect(read.scheme).toEqual(getPreset(id));
    });
  });

  test('the tab is written in the chosen language: titles, headers and coded values', () => {
    const zh = renderSchemeRows(getPreset('smile-cards'), 'zh');
    const en = renderSchemeRows(getPreset('smile-cards'), 'en');
    const zhAward = cellAt(zh, '奖项', 'service_star', '周期');
    expect(zh[zhAward.r][zhAward.c]).toBe('季度');
    const enAward = cellAt(en, 'Awards', 'service_star', 'Cadence');
    expect(en[enAward.r][enAward.c]).toBe('quarter');
    const amount = cellAt(en, 'Awards', 'service_star', 'Amount each');
    expect(en[amount.r][amount.c]).toBe(800);
    const payUp = cellAt(zh, '奖项', 'service_star', '上级奖金（元，逐级）');
    expect(zh[payUp.r][payUp.c]).toBe('400; 400');
    const map = cellAt(zh, '指标', 'smile_cards', '取值换算');
    // Value map keys in Chinese in a Chinese tab (issue 13); an English tab keeps the ids.
    expect(zh[map.r][map.c]).toBe('超越→2；达到→1');
    const enMap = cellAt(en, 'Measures', 'smile_cards', 'Value map');
    expect(en[enMap.r][enMap.c]).toBe('exceeded→2; met→1');
    const filter = cellAt(zh, '指标筛选条件', 'anger_from_incidents', '值');
    // Incident types in Chinese in a Chinese tab (issue 13); an English tab keeps the ids.
    expect(zh[filter.r][filter.c]).toBe('作业未达标, 愤怒卡');
    const enFilter = cellAt(en, 'Measure filters', 'anger_from_incidents', 'Value');
    expect(en[enFilter.r][enFilter.c]).toBe('task_missed, anger_card');
    const op = cellAt(zh, '指标筛选条件', 'anger_from_incidents', '比较');
    expect(zh[op.r][op.c]).toBe('属于');
  });

  test('one row per gate with an Enabled column: turning a gate off is one cell', () => {
    const en = renderSchemeRows(getPreset('weighted-quarterly'), 'en');
    const at = cellAt(en, 'Gates', 'not_regular', 'Enabled');
    expect(en[at.r][at.c]).toBe('yes');
    en[at.r][at.c] = 'no';
    const read = readSchemeTab({ name: 'Scheme', rows: en });
    expect(read.scheme!.gates.find((g) => g.id === 'not_regular')!.enabled).toBe(false);
    expect(read.scheme!.gates.filter((g) => g.id !== 'not_regular').every((g) => g.enabled)).toBe(true);
  });

  test('operators and coded values as people type them: words, symbols, either language', () => {
    const rows = renderSchemeRows(getPreset('smile-cards'), 'en');
    const op = cellAt(rows, 'Award requirements', 'service_star', 'Operator');
    rows[op.r][op.c] = '等于';
    const op2 = cellAt(rows, 'Award requirements', 'service_star', 'Operator', 1);
    rows[op2.r][op2.c] = '≥';
    const cadence = cellAt(rows, 'Awards', 'service_star', 'Cadence');
    rows[cadence.r][cadence.c] = '季度';
    const certificate = cellAt(rows, 'Awards', 'service_star', 'Trophy');
    rows[certificate.r][certificate.c] = '✓';
    const read = readSchemeTab({ name: 'Scheme', rows });
    expect(read.diagnostics).toEqual([]);
    expect(read.scheme).toEqual(getPreset('smile-cards'));
  });

  test('buildSchemeTab: name in the language, kind scheme, one format per column of the widest row', () => {
    const t = buildSchemeTab(getPreset('revisit'), 'zh');
    expect(t.name).toBe('方案');
    expect(t.kind).toBe('scheme');
    expect(t.formats.length).toBe(Math.max(...t.rows.map((r) => r.length)));
    expect(buildSchemeTab(getPreset('revisit'), 'en').name).toBe('Scheme');
  });

  test('a preset without a section leaves its blocks out; a present section keeps even empty tables', () => {
    const rows = renderSchemeRows(getPreset('smile-cards'), 'en');
    expect(() => blockIndex(rows, 'Score components')).toThrow(); // no score section
    expect(() => blockIndex(rows, 'Star bands')).toThrow();
    expect(blockIndex(rows, 'Flags')).toBeGreaterThan(0); // a root list, empty: shown so rows can be added
  });
});

/** A scheme that uses every part of the model, with values whose plain form would read back differently. */
const EVERYTHING = {
  id: 'everything',
  version: 1,
  name: { zh: '全功能方案', en: 'Everything' },
  description: { zh: '测试用', en: 'For tests' },
  cadence: 'quarter',
  currency: 'USD',
  probationMonths: 2,
  feedbackScale: { min: 1, max: 10 },
  requiredTabs: ['staff', 'feedback', 'incidents'],
  measures: [
    // A label that looks like a number, and one that reads as blank (无).
    { id: 'fb_mean', label: { zh: '123', en: '无' }, kind: 'rows', tab: 'feedback', agg: 'mean', field: 'score', where: [{ field: 'channel', op: '=', value: '4' }], scale: 20, offset: 0, of: 'staff' },
    { id: 'fb_prev', label: { zh: '上期', en: 'Previous' }, kind: 'rows', tab: 'feedback', agg: 'mean', field: 'score', where: [], scale: 1, offset: -1, of: 'staff' },
    { id: 'smiles', label: { zh: '微笑', en: 'Smiles' }, kind: 'rows', tab: 'feedback', agg: 'sum', field: 'rating', map: { exceeded: 2, met: 1.5, 'a b': -1 }, where: [{ field: 'channel', op: 'in', value: ['x'] }], scale: 1, offset: 0, of: 'staff' },
    {
      id: 'likes_big', label: { zh: '点赞', en: 'Likes' }, kind: 'rows', tab: 'feedback', agg: 'count', scale: 1, offset: 0, of: 'staff',
      where: [
        { field: 'likes', op: '>=', value: 3 }, { field: 'regional_excellent', op: '=', value: true },
        { field: 'comment', op: '=', value: 'good, thanks' }, { field: 'customer', op: 'not_in', value: ['a', 7] },
        { field: 'channel', op: '!=', value: 'yes' },
      ],
    },
    { id: 'complaints', label: { zh: '投诉', en: 'Complaints' }, kind: 'rows', tab: 'incidents', agg: 'count', where: [{ field: 'type', op: '=', value: 'complaint' }], scale: 1, offset: 0, of: 'staff' },
    { id: 'depts', label: { zh: '案例', en: 'Cases' }, kind: 'rows', tab: 'cases', agg: 'distinct', field: 'title', where: [], scale: 1, offset: 0, of: 'department' },
    { id: 'combo', label: { zh: '提升', en: 'Rise' }, kind: 'combine', op: 'difference', of: ['fb_mean', 'fb_prev'] },
    { id: 'score', label: { zh: '总分', en: 'Score' }, kind: 'score' },
    { id: 'stars', label: { zh: '星级', en: 'Stars' }, kind: 'stars' },
    { id: 'comp', label: { zh: '客户项', en: 'Customer part' }, kind: 'component', component: 'customer' },
    { id: 'monthly', label: { zh: '月最低', en: 'Monthly min' }, kind: 'over', measure: 'fb_mean', each: 'month', agg: 'min' },
    { id: 'wins', label: { zh: '获奖次数', en: 'Wins' }, kind: 'wins', award: 'star', each: 'month' },
    { id: 'dept_mean', label: { zh: '部门平均', en: 'Department mean' }, kind: 'scope_mean', measure: 'fb_mean', scope: 'department' },
  ],
  score: {
    components: [
      { id: 'customer', label: { zh: '客户', en: 'Customer' }, weight: 60, measure: 'fb_mean', normalize: { min: 0, max: 10 }, fallback: { measure: 'fb_prev', normalize: { min: 1, max: 5 } } },
      {
        id: 'blend', label: { zh: '组合', en: 'Blend' }, weight: 40.5, parts: [
          { id: 'p1', label: { zh: '一', en: 'One' }, weight: 1, measure: 'smiles' },
          { id: 'p2', label: { zh: '二', en: 'Two' }, weight: 2, measure: 'likes_big', fallback: { measure: 'fb_mean' } },
        ],
      },
    ],
    deductions: [{ measure: 'complaints', points: 2.5, label: { zh: '投诉', en: 'Complaints' } }],
    floor: -10,
    cap: 100,
    missing: 'zero',
  },
  gates: [
    { id: 'tenure', label: { zh: '司龄', en: 'Tenure' }, enabled: true, kind: 'tenure', minMonths: 0 },
    { id: 'regular', label: { zh: '转正', en: 'Regular' }, enabled: false, kind: 'regular' },
    { id: 'active', label: { zh: '在职', en: 'Active' }, enabled: true, kind: 'active' },
    { id: 'level', label: { zh: '职级', en: 'Level' }, enabled: true, kind: 'level', notIn: ['manager', 'supervisor'] },
    { id: 'clean', label: { zh: '无违纪', en: 'Clean' }, enabled: true, kind: 'no_incident', types: ['violation', 'warning'] },
    { id: 'attend', label: { zh: '全勤', en: 'Attendance' }, enabled: true, kind: 'full_attendance' },
    { id: 'above_mean', label: { zh: '高于部门平均', en: 'Above mean' }, enabled: true, kind: 'measure', measure: 'fb_mean', op: '>', value: { measure: 'dept_mean' } },
    { id: 'some_smiles', label: { zh: '有微笑', en: 'Some smiles' }, enabled: true, kind: 'measure', measure: 'smiles', op: '>=', value: 0.5 },
  ],
  stars: { measure: 'score', bands: [{ min: 90, stars: 5, bonus: 1000.5 }, { min: -5, stars: 1, bonus: 0 }] },
  awards: [
    {
      id: 'star', name: { zh: '之星', en: 'Star' }, cadence: 'month', scope: 'group',
      rankBy: { measure: 'score', order: 'asc' },
      tieBreak: [{ measure: 'smiles', order: 'desc' }, { measure: 'fb_mean', order: 'asc' }],
      quota: { percent: 12.5, fromTab: false },
      requirements: [
        { measure: 'smiles', op: '>=', value: 1, each: 'month', consecutive: 2, reason: 'few', label: { zh: '至少一张', en: 'At least one' } },
        { measure: 'fb_mean', op: '>', value: { measure: 'dept_mean' } },
      ],
      gates: ['tenure', 'regular'],
      prize: { kind: 'pool', budget: 0.01 },
      extras: { certificate: false, trophy: true, honourLeaveDays: 1.5, title: { zh: '星', en: 'Star' } },
      payUp: { award: 'star_manager', name: { zh: '上级', en: 'Manager' }, amounts: [1000.25, 0, 12] },
      team: { unit: 'department', minMembers: 3 },
    },
    {
      id: 'yearly', name: { zh: '年度', en: 'Yearly' }, cadence: 'year', scope: 'company',
      candidates: { winnersOf: ['star'], each: 'quarter' },
      rankBy: { measure: 'wins', order: 'desc' }, tieBreak: [], quota: { count: 0, fromTab: true }, requirements: [], gates: [],
      prize: { kind: 'fixed', amount: 0 }, extras: {},
    },
  ],
  penalties: [
    {
      id: 'pen', label: { zh: '处罚', en: 'Penalty' }, window: 'month',
      when: { measure: 'complaints', op: '>=', value: 3, reason: 'too_many', label: { zh: '三次', en: 'Three' } },
      action: 'standby_training', amount: 12.34, points: -1.5,
      perUnit: { measure: 'complaints', amount: 1, points: -0.5 }, fund: { zh: '基金', en: 'Fund' },
    },
  ],
  points: { name: { zh: '积分', en: 'Points' }, rules: [{ id: 'r1', label: { zh: '投诉', en: 'Complaint' }, measure: 'complaints', points: -3, to: 'department_head' }], redemptions: false },
  flags: [{ id: 'f1', label: { zh: '晋升', en: 'Promotion' }, window: 'month', when: { measure: 'stars', op: '=', value: 5, consecutive: 3 } }],
  ranking: { by: { measure: 'score', order: 'desc' }, scope: 'department', columns: ['fb_mean', 'smiles'] },
  departments: {
    criteria: [{ id: 'c1', label: { zh: '数量', en: 'Quantity' }, max: 3, measure: 'depts', normalize: { min: 0, max: 3 }, quota: { award: 'case_collection', aliases: ['案例'], default: 5, per: 'month' } }],
    window: 'quarter',
    first: { actions: ['red_flag'] },
    last: { below: 8, actions: ['criticism'], headPoints: -1 },
    headLevels: ['manager'],
    copyThreshold: 0.9,
    // Departments keep keys the model does not know (passthrough): they survive as JSON.
    extraKey: { nested: [1, 'a'] },
  },
};

describe('a scheme using every part of the model', () => {
  const valid = validateScheme(EVERYTHING);

  test('is a valid scheme (only the weight warnings)', () => {
    expect(valid.diagnostics.map((d) => d.code)).toEqual(['weights_rescaled', 'weights_rescaled']);
    expect(valid.scheme).not.toBeNull();
  });

  test.each(LANGS)('%s: round-trips exactly, also as text', (lang) => {
    const rows = renderSchemeRows(valid.scheme, lang);
    const read = readSchemeTab({ name: 'Scheme', rows });
    // Blank cells stand for defaults ([] and {}): the scheme, once validated, is the same.
    expect(validateScheme(read.input).scheme).toEqual(valid.scheme);
    expect(read.scheme).toEqual(valid.scheme);
    expect(readSchemeTab({ name: 'Scheme', rows: asText(rows) }).scheme).toEqual(valid.scheme);
  });

  test('ambiguous values are written as JSON text, plain ones as people write them', () => {
    const rows = renderSchemeRows(valid.scheme, 'en');
    const v = (title: string, key: string, col: string, n = 0) => {
      const at = cellAt(rows, title, key, col, n);
      return rows[at.r][at.c];
    };
    expect(v('Measure filters', 'fb_mean', 'Value')).toBe('"4"'); // the text 4, not the number
    expect(v('Measures', 'fb_mean', 'Name (English)')).toBe('"无"'); // 无 alone would read as blank
    expect(v('Measures', 'fb_mean', 'Name (Chinese)')).toBe('123');
    expect(v('Measure filters', 'smiles', 'Value')).toBe('x'); // op "in": a list of one
    expect(v('Measure filters', 'likes_big', 'Value', 2)).toBe('good, thanks'); // op "=": one text with a comma
    expect(v('Measure filters', 'likes_big', 'Value', 3)).toBe('a, 7');
    expect(v('Measure filters', 'likes_big', 'Value', 1)).toBe('yes');
    expect(v('Measure filters', 'likes_big', 'Value', 4)).toBe('"yes"'); // the text yes, not the boolean
    expect(v('Gates', 'above_mean', 'Value')).toBe('dept_mean');
    expect(v('Awards', 'star', 'Manager amounts (by level)')).toBe('1000.25; 0; 12');
    const ex = blockIndex(rows, 'Departments');
    expect(rows.slice(ex).find((r) => r[0] === 'extraKey')).toEqual(['extraKey', '{"nested":[1,"a"]}']);
  });
});
