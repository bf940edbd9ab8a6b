/**
 * Templates: for every preset and both languages, the input tabs the scheme
 * reads (headers from the data contract, a note per column, example rows) plus
 * its Scheme tab; computing the template gives winners and not one error.
 * planTemplateInsert never replaces a tab the workbook already has.
 */
import { TAB_SPECS, tabIdOf } from '../../../core/input/aliases';
import { getPreset, listPresets } from '../../../core/presets/index';
import { computeWorkbook } from '../../../core/orchestrator';
import { readSchemeTab } from '../../../core/scheme-tab/index';
import { buildTemplate, planTemplateInsert, tabsUsed, templatePeriod, incidentTypes, templateInsertResult } from '../../../core/templates/index';
import { caseText } from '../../../core/templates/cases';
import { parsePeriod } from '../../../core/periods';
import type { Lang, OutputTab, TabId } from '../../../core/types';

const LANGS: Lang[] = ['zh', 'en'];
const presets = listPresets().map((p) => p.id);
const NOW = '2026-10-08T09:00:00.000Z';

function tab(tabs: OutputTab[], id: TabId, lang: Lang): OutputTab | undefined {
  return tabs.find((t) => t.name === TAB_SPECS[id][lang]);
}

/** Rows of a tab as objects keyed by column id. */
function records(t: OutputTab, id: TabId): Record<string, unknown>[] {
  const cols = TAB_SPECS[id].columns;
  return t.rows.slice(1).map((r) => Object.fromEntries(cols.map((c, i) => [c.id, r[i]])));
}

describe.each(LANGS)('templates (%s)', (lang) => {
  describe.each(presets)('%s', (id) => {
    const tabs = buildTemplate(id, lang, { now: NOW });
    const period = templatePeriod(id, { now: NOW })!;
    const scheme = getPreset(id)!;

    test('Staff first, the Scheme tab last, the tabs the scheme reads in between, then Appeals and Investigations', () => {
      expect(tabs[0].name).toBe(TAB_SPECS.staff[lang]);
      expect(tabs.at(-1)!.name).toBe(lang === 'zh' ? '方案' : 'Scheme');
      expect(tabs.at(-1)!.kind).toBe('scheme');
      const ids = tabs.slice(0, -1).map((t) => tabIdOf(t.name));
      expect(ids).toEqual([...tabsUsed(scheme), 'appeals', 'investigations']);
      for (const req of scheme.requiredTabs) expect(ids).toContain(req);
    });

    test('headers from the data contract in the language, one note per column saying what goes there', () => {
      for (const t of tabs.slice(0, -1)) {
        const spec = TAB_SPECS[tabIdOf(t.name)!];
        expect(t.kind).toBe('template');
        expect(t.rows[0]).toEqual(spec.columns.map((c) => c[lang]));
        expect(t.formats).toHaveLength(spec.columns.length);
        expect(t.notes).toHaveLength(spec.columns.length);
        t.notes!.forEach((n, i) => {
          expect(typeof n).toBe('string');
          expect(n!.length).toBeGreaterThan(1);
          if (spec.columns[i].required) expect(n).toMatch(lang === 'zh' ? /必填/ : /required/);
        });
        for (const r of t.rows.slice(1)) expect(r).toHaveLength(spec.columns.length);
      }
    });

    test('example rows: fourteen people with Chinese names, and rows in every data tab', () => {
      const staff = records(tab(tabs, 'staff', lang)!, 'staff');
      expect(staff).toHaveLength(14);
      for (const s of staff) expect(s.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      const ids = new Set(staff.map((s) => s.staff_id));
      for (const s of staff) if (s.manager_id !== null) expect(ids.has(s.manager_id)).toBe(true);
      // Appeals and Investigations are headers and notes only (SPEC §10: none unless someone appeals).
      for (const t of tabs.slice(1, -3)) expect(t.rows.length).toBeGreaterThan(1);
      for (const t of tabs.slice(-3, -1)) expect(t.rows).toHaveLength(1);
    });

    test('dated rows fall in the example period (or the period before, for schemes that look back)', () => {
      const lookBack = scheme.measures.some((m) => m.kind === 'rows' && m.offset < 0);
      const first = lookBack ? parsePeriod(shiftBack(period.id))! : period;
      for (const idTab of ['feedback', 'incidents', 'cases', 'redemptions'] as TabId[]) {
        const t = tab(tabs, idTab, lang);
        if (!t) continue;
        for (const r of records(t, idTab)) {
          expect(String(r.date) >= first.start && String(r.date) <= period.end).toBe(true);
        }
      }
    });

    test('its Scheme tab reads back as the preset', () => {
      const read = readSchemeTab({ name: tabs.at(-1)!.name, rows: tabs.at(-1)!.rows });
      expect(read.scheme).toEqual(scheme);
      expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });

    test('computing the example period gives results and not a single error', () => {
      const out = computeWorkbook(tabs.map((t) => ({ name: t.name, rows: t.rows })), { period: period.id, now: NOW });
      expect(out.status).toBe('computed');
      expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const r = out.result!;
      const results = r.awards.length + r.stars.length + r.points.filter((p) => p.earned > 0).length + r.departments.length;
      expect(results).toBeGreaterThan(0);
      // The scheme's awards that run this period each have a winner.
      for (const a of scheme.awards.filter((x) => x.cadence === period.kind && !(x.quota.count === 0))) {
        expect(r.awards.some((w) => w.award === a.id)).toBe(true);
      }
    });
  });
});

function shiftBack(id: string): string {
  const p = parsePeriod(id)!;
  if (p.kind === 'month') return p.index === 1 ? `${p.year - 1}-12` : `${p.year}-${String(p.index - 1).padStart(2, '0')}`;
  if (p.kind === 'quarter') return p.index === 1 ? `${p.year - 1}-Q4` : `${p.year}-Q${p.index - 1}`;
  if (p.kind === 'half') return p.index === 1 ? `${p.year - 1}-H2` : `${p.year}-H1`;
  return String(p.year - 1);
}

describe('template options and determinism', () => {
  test('the same call gives the same template', () => {
    expect(buildTemplate('star-rating', 'zh', { now: NOW })).toEqual(buildTemplate('star-rating', 'zh', { now: NOW }));
  });

  test('the example period is the last completed period of the scheme\'s cadence before today', () => {
    expect(templatePeriod('smile-cards', { now: NOW })!.id).toBe('2026-Q3');
    expect(templatePeriod('star-rating', { now: NOW })!.id).toBe('2026-09');
    expect(templatePeriod('annual-star', { now: NOW })!.id).toBe('2025');
    expect(templatePeriod('smile-cards', {})!.id).toBe('2026-Q2'); // no clock given: a fixed default
    expect(templatePeriod('smile-cards', { period: '2025-Q4' })!.id).toBe('2025-Q4');
  });

  test('an explicit period moves every date', () => {
    const tabs = buildTemplate('smile-cards', 'en', { period: '2025-Q4' });
    const fb = records(tab(tabs, 'feedback', 'en')!, 'feedback');
    expect(fb.every((r) => String(r.date) >= '2025-10-01' && String(r.date) <= '2025-12-31')).toBe(true);
  });

  test('an unknown preset or an impossible period gives no tabs', () => {
    expect(buildTemplate('nope', 'en')).toEqual([]);
    expect(buildTemplate('smile-cards', 'en', { period: '2026-Q5' })).toEqual([]);
    expect(templatePeriod('nope')).toBeNull();
  });

  test('Chinese templates write coded values in Chinese, English ones as codes', () => {
    const zh = buildTemplate('smile-cards', 'zh');
    const en = buildTemplate('smile-cards', 'en');
    expect(records(tab(zh, 'staff', 'zh')!, 'staff').map((r) => r.level)).toContain('员工');
    expect(records(tab(en, 'staff', 'en')!, 'staff').map((r) => r.level)).toContain('staff');
    expect(records(tab(zh, 'feedback', 'zh')!, 'feedback').map((r) => r.rating)).toContain('超越');
    expect(records(tab(en, 'feedback', 'en')!, 'feedback').map((r) => r.rating)).toContain('exceeded');
    expect(records(tab(zh, 'incidents', 'zh')!, 'incidents').map((r) => r.type).sort()).toEqual(['作业未达标', '愤怒卡']);
  });

  test('incident types follow how the scheme uses them', () => {
    expect(incidentTypes(getPreset('smile-cards')!)).toEqual({ positive: [], negative: ['task_missed', 'anger_card'], gate: [] });
    expect(incidentTypes(getPreset('star-rating')!)).toEqual({ positive: [], negative: ['error', 'complaint', 'major_error'], gate: ['violation'] });
    expect(incidentTypes(getPreset('service-star-budget')!)).toEqual({ positive: ['recommendation', 'surprise_service'], negative: [], gate: ['violation'] });
  });

  test('redemptions never overdraw: each is at most what the person earned before it', () => {
    const tabs = buildTemplate('surprise-points', 'en', { now: NOW });
    const out = computeWorkbook(tabs.map((t) => ({ name: t.name, rows: t.rows })), { period: '2026-09', now: NOW });
    expect(out.diagnostics).toEqual([]);
    const red = records(tab(tabs, 'redemptions', 'en')!, 'redemptions');
    expect(red.length).toBeGreaterThan(0);
    for (const r of red) {
      const p = out.result!.points.find((x) => x.staff_id === r.staff_id)!;
      expect(p.balance).toBe(p.earned - Number(r.points));
      expect(p.balance).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('example case texts', () => {
  /** Share of B's 5-character shingles (letters and digits only) also in A: how copy detection compares cases. */
  function containment(a: string, b: string): number {
    const shingles = (t: string) => {
      const cps = [...t.normalize('NFKC').toLowerCase()].filter((c) => /[\p{L}\p{M}\p{N}]/u.test(c));
      const out = new Set<string>();
      for (let i = 0; i + 5 <= cps.length; i++) out.add(cps.slice(i, i + 5).join(''));
      return out;
    };
    const sa = shingles(a);
    const sb = shingles(b);
    let shared = 0;
    for (const x of sb) if (sa.has(x)) shared++;
    return shared / sb.size;
  }

  test.each(['zh', 'en'] as Lang[])('%s: no two of 49 cases come near the 80 %% copy threshold', (lang) => {
    const texts = Array.from({ length: 49 }, (_, k) => caseText(k, lang === 'zh' ? '王芳' : 'Wang Fang', lang === 'zh' ? '客户深夜车辆抛锚' : 'a car breakdown at night', 12, lang));
    let worst = 0;
    for (let a = 0; a < texts.length; a++) {
      for (let b = 0; b < texts.length; b++) if (a !== b) worst = Math.max(worst, containment(texts[a], texts[b]));
    }
    expect(worst).toBeLessThan(0.6);
  });

  test('full cases are long enough for the 300-character template rule, even with a short name and scene', () => {
    for (let k = 0; k < 49; k++) {
      expect(caseText(k, '王芳', '小事一桩', 0, 'zh').replace(/\s/g, '').length).toBeGreaterThanOrEqual(300);
    }
  });
});

describe('planTemplateInsert never replaces a user\'s tab', () => {
  test('an empty workbook gets every tab, with examples and their period', () => {
    const plan = planTemplateInsert([], 'smile-cards', 'zh', { now: NOW });
    expect(plan.add.map((t) => t.name)).toEqual(['员工', '客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案']);
    expect(plan.skipped).toEqual([]);
    expect(plan.period).toBe('2026-Q3');
    expect(plan.add[1].rows.length).toBeGreaterThan(1);
  });

  test('tabs found under any accepted name are skipped, in either language', () => {
    const plan = planTemplateInsert(['客户评价', 'SCHEME', 'Sheet1'], 'smile-cards', 'en', { now: NOW });
    expect(plan.skipped).toEqual([{ name: 'Feedback', existing: '客户评价' }, { name: 'Scheme', existing: 'SCHEME' }]);
    expect(plan.add.map((t) => t.name)).toEqual(['Staff', 'Incidents', 'Quotas', 'Appeals', 'Investigations']);
    // The workbook has data of its own: no example rows that would not match it.
    for (const t of plan.add) expect(t.rows).toHaveLength(1);
  });

  test('a workbook with only a Scheme tab still gets the examples', () => {
    const plan = planTemplateInsert(['方案'], 'smile-cards', 'zh', { now: NOW });
    expect(plan.skipped).toEqual([{ name: '方案', existing: '方案' }]);
    expect(plan.add[0].rows.length).toBe(15);
    expect(plan.period).toBe('2026-Q3');
  });

  test('a workbook with its own Staff tab gets headers and notes only (examples would name people it does not have)', () => {
    const plan = planTemplateInsert(['员工名单'], 'star-rating', 'zh', { now: NOW });
    expect(plan.skipped).toEqual([{ name: '员工', existing: '员工名单' }]);
    const inputs = plan.add.filter((t) => t.kind === 'template');
    expect(inputs.map((t) => t.name)).toEqual(['客户反馈', '奖惩记录', '考勤', '考评', '申诉', '调查']);
    for (const t of inputs) {
      expect(t.rows).toHaveLength(1);
      expect(t.notes!.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
    }
    expect(plan.add.at(-1)!.name).toBe('方案');
    expect(readSchemeTab({ name: '方案', rows: plan.add.at(-1)!.rows }).scheme).toEqual(getPreset('star-rating'));
    expect(plan.period).toBe('');
  });

  test('a workbook that has everything gets nothing', () => {
    const names = buildTemplate('revisit', 'en').map((t) => t.name);
    const plan = planTemplateInsert(names, 'revisit', 'zh');
    expect(plan.add).toEqual([]);
    expect(plan.skipped.map((s) => s.existing)).toEqual(names);
    expect(templateInsertResult(plan)).toEqual({
      status: 'exists', added: [], skipped: names,
      message: { zh: '模板中的工作表都已存在，未做任何修改', en: 'Every tab of the template is already there; nothing was changed' },
    });
  });

  test('the host\'s answer names what was added, what was kept and the example period', () => {
    expect(templateInsertResult(planTemplateInsert(['Sheet1'], 'smile-cards', 'en', { now: NOW }))).toEqual({
      status: 'inserted', added: ['Staff', 'Feedback', 'Incidents', 'Quotas', 'Appeals', 'Investigations', 'Scheme'], skipped: [],
      message: {
        zh: '已添加“Staff”“Feedback”“Incidents”“Quotas”“Appeals”“Investigations”“Scheme”。示例数据属于 2026-Q3，计算该期间即可看到结果',
        en: 'Added Staff, Feedback, Incidents, Quotas, Appeals, Investigations, Scheme. The example rows are for 2026-Q3: compute that period to see results',
      },
    });
    expect(templateInsertResult(planTemplateInsert(['客户评价'], 'smile-cards', 'en', { now: NOW }))).toEqual({
      status: 'inserted', added: ['Staff', 'Incidents', 'Quotas', 'Appeals', 'Investigations', 'Scheme'], skipped: ['客户评价'],
      message: {
        zh: '已添加“Staff”“Incidents”“Quotas”“Appeals”“Investigations”“Scheme”；已有的“客户评价”保持不变',
        en: 'Added Staff, Incidents, Quotas, Appeals, Investigations, Scheme; kept as they are: 客户评价',
      },
    });
  });
});
