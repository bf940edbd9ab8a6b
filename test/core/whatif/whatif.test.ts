/**
 * What-if (SPEC §11, issue 17): hand-worked differences on the smile-cards and
 * weighted-quarterly fixtures (test/fixtures/presets, worked out in the golden
 * tests' headers), keys by dotted path and by the Scheme tab's labels, and the
 * located, bilingual errors of a key that names nothing or a bad value.
 */
import { readDataset } from '../../../core/input/tabs';
import { resolveScheme } from '../../../core/scheme/resolve';
import { parsePeriod } from '../../../core/periods';
import { commonEdits, parseEditArg, renderWhatIf, whatIf, WhatIfSession, type WhatIfOutcome } from '../../../core/whatif/index';
import type { RawTab } from '../../../core/types';
import { fixture } from '../engine/helpers';
import { buildResultJson } from '../../../core/output/result-json';
import { computeScheme } from '../../../core/engine/compute';

function preview(tabs: RawTab[], preset: string, period: string, ...sets: string[]): WhatIfOutcome {
  const scheme = resolveScheme(tabs, preset).scheme!;
  const data = readDataset(tabs, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale }).dataset;
  return whatIf(scheme, sets.map((s) => parseEditArg(s)!), data, parsePeriod(period)!);
}

describe('smile-cards 2026-Q3', () => {
  test('prize 800 → 1,000: every winner gets 200 more, nobody gained or lost', () => {
    // Winners S01 (A组), S04 and S05 (B组, co-winners), S08 (C组): 4 × 200 = 800 more.
    const o = preview(fixture('smile-cards'), 'smile-cards', '2026-Q3', 'awards.service_star.prize.amount=1000');
    const j = o.json!;
    expect(j.changes).toEqual([{ key: 'awards.service_star.prize.amount', from: 800, to: 1000 }]);
    expect(j.gained).toEqual([]);
    expect(j.lost).toEqual([]);
    expect(j.changed).toEqual(['S01', 'S04', 'S05', 'S08'].map((id) => ({ award: 'service_star', staff_id: id, from: 800, to: 1000 })));
    expect(j.paid.before).toBe(6000);
    expect(j.paid.after - j.paid.before).toBe(200 * 4);
    expect(j.paid.by_award).toEqual({ service_star: { before: 3200, after: 4000 }, service_star_manager: { before: 2800, after: 2800 } });
  });

  test('quota 1 → 2: the second places win, people level at second place all win', () => {
    // Add S09 to A组 with S02's figures (exceeded + three met = 5 smile cards, 1 exceeded):
    // S01 5 cards / 2 exceeded stays first; S02 and S09 are level on every key at place 2.
    const tabs = fixture('smile-cards').map((t) => ({ ...t, rows: [...t.rows] }));
    const staff = tabs.find((t) => t.name === 'Staff')!;
    staff.rows.push(['S09', '钱多', '客服部', 'A组', 'staff', '2024-01-01', null, null, 'M01']);
    const fb = tabs.find((t) => t.name === 'Feedback')!;
    const width = fb.rows[0].length;
    const row = (date: string, rating: string) => Object.assign(new Array(width).fill(null), { 0: date, 1: 'S09', 2: 5, 3: rating });
    fb.rows.push(row('2026-07-06', 'exceeded'), row('2026-07-07', 'met'), row('2026-07-08', 'met'), row('2026-07-09', 'met'));
    const o = preview(tabs, 'smile-cards', '2026-Q3', 'awards.service_star.quota.count=2');
    const j = o.json!;
    // B组: S04 and S05 already both win; C组: S08 is the only eligible person.
    expect(j.gained).toEqual([
      { award: 'service_star', staff_id: 'S02', amount: 800 },
      { award: 'service_star', staff_id: 'S09', amount: 800 },
    ]);
    expect(j.lost).toEqual([]);
    // Both report to M01 (→ D01): M01 400 → 1,200, D01 1,200 → 2,000.
    expect(j.changed).toEqual([
      { award: 'service_star_manager', staff_id: 'M01', from: 400, to: 1200 },
      { award: 'service_star_manager', staff_id: 'D01', from: 1200, to: 2000 },
    ]);
    expect(j.paid).toEqual({
      before: 6000, after: 6000 + 2 * 800 + 4 * 400,
      by_award: { service_star: { before: 3200, after: 4800 }, service_star_manager: { before: 2800, after: 4400 } },
    });
  });

  test('a penalty threshold: 3 anger cards → 5 removes S07’s July standby training', () => {
    // S07 had 4 anger cards in July (SPEC golden): with a threshold of 5 no standby training.
    const j = preview(fixture('smile-cards'), 'smile-cards', '2026-Q3', 'penalties.standby_training.when.value=5').json!;
    expect(j.penalties).toEqual({ gained: [], lost: [{ staff_id: 'S07', action: 'standby_training', window: '2026-07', amount: 0 }] });
    expect(j.gained).toEqual([]);
  });
});

describe('weighted-quarterly 2026-Q3', () => {
  test('attitude weight 40 → 50 swaps W01 and W02 in 物业部', () => {
    // W01: P 82, A 85, V 90 → (40·82 + 50·85 + 30·90) / 120 = 10230 / 120 = 85.25
    // W02: P 87, A 87.5, V 80 → (40·87 + 50·87.5 + 30·80) / 120 = 10255 / 120 = 85.46 → W02 first.
    // 工程部 E01 79.5 > E02 78.75 > E03 66.67 (quota 2, unchanged); 秩序部 G01 = G02 = 80 (unchanged).
    const j = preview(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3', 'score.components.attitude.weight=50').json!;
    expect(j.gained).toEqual([{ award: 'quarter_star', staff_id: 'W02', amount: 0 }]);
    expect(j.lost).toEqual([{ award: 'quarter_star', staff_id: 'W01', amount: 0 }]);
    expect(j.paid).toEqual({ before: 0, after: 0, by_award: { quarter_star: { before: 0, after: 0 } } });
  });

  test('the regular-staff gate switched off lets W04 (on probation) in', () => {
    // W04 hired 2026-07-15, regular from 2026-10-15: not_regular before. Reviews all 99 → 99 > W01's 85.27.
    const j = preview(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3', 'gates.not_regular.enabled=false').json!;
    expect(j.changes).toEqual([{ key: 'gates.not_regular.enabled', from: true, to: false }]);
    expect(j.gained).toEqual([{ award: 'quarter_star', staff_id: 'W04', amount: 0 }]);
    expect(j.lost).toEqual([{ award: 'quarter_star', staff_id: 'W01', amount: 0 }]);
  });

  test('keys by the Scheme tab labels in either language, values as the tab reads them', () => {
    const tabs = fixture('weighted-quarterly');
    const byLabel = preview(tabs, 'weighted-quarterly', '2026-Q3', '评分项与权重.服务态度.权重=50', 'Gates › Regular (probation over) › Enabled=是');
    expect(byLabel.json!.changes).toEqual([
      { key: 'score.components.attitude.weight', from: 40, to: 50 },
    ]);
    const off = preview(tabs, 'weighted-quarterly', '2026-Q3', '参评资格 › 已转正 › 启用=否');
    expect(off.json!.changes).toEqual([{ key: 'gates.not_regular.enabled', from: true, to: false }]);
    const quota = preview(tabs, 'weighted-quarterly', '2026-Q3', 'Awards.Quarterly service star.Quota=2');
    expect(quota.json!.changes).toEqual([{ key: 'awards.quarter_star.quota.count', from: 1, to: 2 }]);
    // 物业部: W02 (85.27, second on the vote tie-break) now wins too; 工程部 has its own Quotas row (2).
    expect(quota.json!.gained).toEqual([{ award: 'quarter_star', staff_id: 'W02', amount: 0 }]);
    // ... and the words say which scopes the Quotas tab keeps (工程部, 秩序部 with its bad row, 不存在部).
    const note = quota.diagnostics.find((d) => d.code === 'whatif_quota_from_tab')!;
    expect(note.message.en).toMatch(/^The Quotas tab sets the places of "Quarterly service star" for \d scopes \(工程部/);
    expect(renderWhatIf(quota, 'zh').map((x) => x.title)).toContain('注意');
  });

  test('a key that names nothing: located, bilingual, the nearest valid keys first', () => {
    const o = preview(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3', 'awards.quarter_star.prize.amout=3');
    expect(o.json).toBeNull();
    expect(o.nearest[0]).toBe('awards.quarter_star.prize.amount');
    const d = o.diagnostics[0];
    expect([d.severity, d.code, d.column, d.value]).toEqual(['error', 'whatif_unknown_key', 'awards.quarter_star.prize.amout', '3']);
    expect(d.message.zh).toContain('awards.quarter_star.prize.amount（奖项 › 季度服务明星 › 每人奖金（元））');
    expect(d.message.en).toContain('awards.quarter_star.prize.amount (Awards › Quarterly service star › Amount each)');
    const gate = preview(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3', 'gates.not_regulr.enabled=no');
    expect(gate.nearest[0]).toBe('gates.not_regular.enabled');
  });

  test('a bad value is refused by the Scheme tab reading and the scheme schema', () => {
    const tabs = fixture('weighted-quarterly');
    const word = preview(tabs, 'weighted-quarterly', '2026-Q3', 'awards.quarter_star.quota.count=two');
    expect(word.json).toBeNull();
    expect(word.diagnostics[0].code).toBe('whatif_bad_value');
    expect(word.diagnostics[0].message.en).toMatch(/^awards\.quarter_star\.quota\.count \(Awards › Quarterly service star › Quota\): /);
    const negative = preview(tabs, 'weighted-quarterly', '2026-Q3', 'score.components.vote.weight=-5');
    expect(negative.json).toBeNull();
    const e = negative.diagnostics.find((d) => d.severity === 'error')!;
    expect(e.column).toBe('score.components.vote.weight');
    expect(e.message.zh).toContain('员工选举');
  });
});

describe('sessions, common edits and words', () => {
  test('a session computes the unedited result once and previews on the same data', () => {
    const tabs = fixture('smile-cards');
    const scheme = resolveScheme(tabs, 'smile-cards').scheme!;
    const data = readDataset(tabs, {}).dataset;
    const s = new WhatIfSession(scheme, data, parsePeriod('2026-Q3')!);
    const base = s.baseResult();
    expect(s.preview([{ key: 'awards.service_star.prize.amount', value: 1000 }]).json!.paid.after).toBe(6800);
    expect(s.baseResult()).toBe(base);
    expect(s.preview([]).json!.paid).toEqual({ before: 6000, after: 6000, by_award: expect.any(Object) });
    // A preview compares winners, amounts, stars and penalties: near misses (a ranking per person kept out) are not made.
    expect(base.near_misses).toBeUndefined();
    expect(buildResultJson(computeScheme(scheme, data, parsePeriod('2026-Q3')!), scheme.id, [], 'en').near_misses!.length).toBeGreaterThan(0);
  });

  test('Try a change lists prizes, quotas, weights, thresholds and gates with current values', () => {
    const wq = resolveScheme([], 'weighted-quarterly').scheme!;
    const keys = commonEdits(wq).map((c) => `${c.key}=${c.value.en}`);
    expect(keys).toEqual(expect.arrayContaining([
      'awards.quarter_star.quota.count=1', 'awards.quarter_star.prize.amount=0',
      'score.components.attitude.weight=40', 'score.components.performance.parts.performance_self_part.weight=20',
      'gates.not_regular.enabled=yes', 'gates.level_excluded.enabled=yes',
    ]));
    const sc = commonEdits(resolveScheme([], 'smile-cards').scheme!);
    const req = sc.find((c) => c.key === 'awards.service_star.requirements.anger_cards.value')!;
    // A requirement row is shown by its measure's name, not its code.
    expect(req.label).toEqual({ zh: '获奖条件 › 服务之星 › 愤怒卡 › 值', en: 'Award requirements › Service Star › Anger cards › Value' });
    expect(sc.find((c) => c.key === 'awards.service_star.prize.amount')!.value.zh).toBe('800');
  });

  test('the difference in words: one language each, names with staff ids, money with two decimals', () => {
    const o = preview(fixture('smile-cards'), 'smile-cards', '2026-Q3', 'awards.service_star.prize.amount=1000');
    const zh = renderWhatIf(o, 'zh').map((s) => [s.title, ...s.lines].join('\n')).join('\n');
    const en = renderWhatIf(o, 'en').map((s) => [s.title, ...s.lines].join('\n')).join('\n');
    expect(zh).toContain('奖项 › 服务之星 › 每人奖金（元）：800 → 1,000');
    expect(zh).toContain('服务之星：张伟（S01） 800.00 → 1,000.00');
    expect(zh).toContain('合计：6,000.00 → 6,800.00（+800.00）');
    expect(en).toContain('Awards › Service Star › Amount each: 800 → 1,000');
    expect(en).toContain('In all: 6,000.00 → 6,800.00 (+800.00)');
    expect(zh).not.toMatch(/[A-Za-z]{4,}/);
    // Staff names are data (Chinese in this fixture); no Chinese words of ours in English.
    expect(en).not.toMatch(/奖|合计|改动|金额/);
    expect(zh).not.toContain('service_star');
    expect(en).not.toContain('service_star');
  });
});

describe('no codes in what people see (issue 13)', () => {
  const presets = ['smile-cards', 'weighted-quarterly', 'star-rating', 'service-star-budget', 'surprise-points', 'revisit', 'annual-star'];
  test.each(presets)('%s: Try a change labels and the difference words carry no snake_case id', (preset) => {
    const tabs = fixture(preset);
    const scheme = resolveScheme(tabs, preset).scheme!;
    const common = commonEdits(scheme);
    const data = readDataset(tabs, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale }).dataset;
    const edits = common.filter((c) => c.input !== 'text').slice(0, 6).map((c) => ({
      key: c.key, value: c.input === 'boolean' ? 'no' : String(Number(c.value.en.replace(/,/g, '')) * 2 || 1),
    }));
    const period = scheme.cadence === 'month' ? '2026-07' : scheme.cadence === 'year' ? '2026' : '2026-Q3';
    const o = whatIf(scheme, edits, data, parsePeriod(period)!);
    expect(o.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(o.json!.changes.length).toBeGreaterThan(0);
    const snake = /\b[a-z]+_[a-z0-9_]+\b/;
    for (const lang of ['zh', 'en'] as const) {
      for (const c of common) expect([c.key, c.label[lang]]).toEqual([c.key, expect.not.stringMatching(snake)]);
      for (const sec of renderWhatIf(o, lang)) for (const line of sec.lines) expect(line).not.toMatch(snake);
    }
  });
});
