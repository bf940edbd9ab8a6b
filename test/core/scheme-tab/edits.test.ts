/**
 * An edit in the Scheme tab changes the result (issue 7 acceptance): the
 * workbook is a template (core/templates) whose Scheme tab is edited in one
 * cell, then computed with computeWorkbook — the tab, not the preset, is in force.
 *
 * The template's example company (core/templates/examples.ts): in every group
 * the best person is clearly ahead — 客服一组 王芳 K003, 客服二组 杨磊 K007,
 * 售后一组 马超 K012 — and the Quotas tab gives 客服一组 one more place (张伟
 * K004 is second there). 刘洋 K005 collects the negative records (in the first
 * month: a "below" rating = 2 anger cards, one task missed, one anger card = 4
 * anger cards); 黄丽 K009 has the gate's incident (a violation); 胡斌 K014 is new.
 */
import { buildTemplate, templatePeriod } from '../../../core/templates/index';
import { computeWorkbook, type ComputeOutcome } from '../../../core/orchestrator';
import type { Cell, Lang, OutputTab, RawTab } from '../../../core/types';
import { copyRows, setCell, type Rows } from './helpers';

const NOW = '2026-07-02T08:00:00.000Z';

function workbook(preset: string, lang: Lang, edit?: (scheme: Rows) => void): { tabs: RawTab[]; period: string } {
  const tabs = buildTemplate(preset, lang).map((t) => ({ name: t.name, rows: copyRows(t.rows) }));
  const scheme = tabs.find((t) => t.name === (lang === 'zh' ? '方案' : 'Scheme'))!;
  edit?.(scheme.rows);
  return { tabs, period: templatePeriod(preset)!.id };
}

function compute(preset: string, lang: Lang, edit?: (scheme: Rows) => void): ComputeOutcome {
  const { tabs, period } = workbook(preset, lang, edit);
  // The preset named here is not the one in force: the Scheme tab is.
  const out = computeWorkbook(tabs, { period, preset: 'star-rating', now: NOW });
  expect(out.status).toBe('computed');
  expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return out;
}

function winners(out: ComputeOutcome, award: string): string[] {
  return out.result!.awards.filter((a) => a.award === award).map((a) => a.staff_id).sort();
}

function bonusRows(out: ComputeOutcome): Cell[][] {
  const tab = out.outputs.find((t: OutputTab) => t.kind === 'bonus')!;
  return tab.rows;
}

describe('an edit in the Scheme tab changes the result', () => {
  test('raising the smile-cards prize to 1,000.00 changes the Bonus tab and the JSON amounts', () => {
    const before = compute('smile-cards', 'zh');
    const after = compute('smile-cards', 'zh', (rows) => { setCell(rows, '奖项', 'service_star', '每人奖金（元）', '1,000.00'); });
    expect(before.result!.scheme).toBe('smile-cards');
    const amounts = (out: ComputeOutcome) => out.result!.awards.filter((a) => a.award === 'service_star').map((a) => [a.staff_id, a.amount]).sort();
    expect(amounts(before)).toEqual([['K003', 800], ['K004', 800], ['K007', 800], ['K012', 800]]);
    expect(amounts(after)).toEqual([['K003', 1000], ['K004', 1000], ['K007', 1000], ['K012', 1000]]);
    expect(before.result!.totals.by_award.service_star).toBe(3200);
    expect(after.result!.totals.by_award.service_star).toBe(4000);
    // Managers' amounts are a different cell: unchanged.
    expect(after.result!.totals.by_award.service_star_manager).toBe(before.result!.totals.by_award.service_star_manager);
    const k003 = (out: ComputeOutcome) => bonusRows(out).find((r) => r[1] === 'K003' && r[0] === '奖项')!;
    const amountCol = bonusRows(before)[0].indexOf('金额');
    expect(k003(before)[amountCol]).toBe(800);
    expect(k003(after)[amountCol]).toBe(1000);
  });

  test('lowering a quota changes the winners (service-star-budget: 10 → 3, the pool is shared by fewer)', () => {
    const before = compute('service-star-budget', 'en');
    const after = compute('service-star-budget', 'en', (rows) => { setCell(rows, 'Awards', 'service_star', 'Quota', 3); });
    expect(winners(before, 'service_star')).toHaveLength(10);
    expect(winners(after, 'service_star')).toEqual(['K003', 'K007', 'K012']);
    for (const a of after.result!.awards.filter((x) => x.award === 'service_star')) {
      expect(a.amount).toBeGreaterThan(1666);
      expect(a.amount).toBeLessThanOrEqual(1666.67);
    }
    expect(after.result!.totals.by_award.service_star).toBeLessThanOrEqual(5000);
  });

  test('lowering the smile-cards quota to 0 in one cell leaves no service star (and no manager bonus)', () => {
    const after = compute('smile-cards', 'en', (rows) => {
      setCell(rows, 'Awards', 'service_star', 'Quota', 0);
      setCell(rows, 'Awards', 'service_star', 'Quotas tab overrides', 'no');
    });
    expect(winners(after, 'service_star')).toEqual([]);
    expect(winners(after, 'service_star_manager')).toEqual([]);
  });

  test('turning a gate off lets its people in (service-star-budget: the violation gate)', () => {
    const before = compute('service-star-budget', 'zh');
    const after = compute('service-star-budget', 'zh', (rows) => { setCell(rows, '参评资格', 'violation', '启用', '否'); });
    expect(winners(before, 'service_star')).not.toContain('K009');
    expect(winners(before, 'service_star')).toContain('K014');
    expect(winners(after, 'service_star')).toContain('K009');
    expect(winners(after, 'service_star')).not.toContain('K014');
    expect(before.result!.ineligible.find((i) => i.staff_id === 'K009' && i.award === 'service_star')!.reasons).toContain('violation');
  });

  test('raising a penalty threshold (3 → 5 anger cards in a month) removes the standby training', () => {
    const before = compute('smile-cards', 'en');
    const after = compute('smile-cards', 'en', (rows) => { setCell(rows, 'Penalties', 'standby_training', 'Threshold', 5); });
    expect(before.result!.penalties.filter((p) => p.action === 'standby_training').map((p) => p.staff_id)).toEqual(['K005']);
    expect(after.result!.penalties.filter((p) => p.action === 'standby_training')).toEqual([]);
  });

  test('weights that sum to 100 after an edit: no rescaling warning (weighted-quarterly vote 30 → 20)', () => {
    const before = compute('weighted-quarterly', 'en');
    const after = compute('weighted-quarterly', 'en', (rows) => { setCell(rows, 'Score components', 'vote', 'Weight', 20); });
    expect(before.diagnostics.map((d) => d.code)).toContain('weights_rescaled');
    expect(after.diagnostics.map((d) => d.code)).not.toContain('weights_rescaled');
  });

  test('a broken edit stops the run with the located message, never the preset instead', () => {
    let row = 0;
    const { tabs, period } = workbook('smile-cards', 'en', (rows) => { row = setCell(rows, 'Awards', 'service_star', 'Quota', 'ten'); });
    const out = computeWorkbook(tabs, { period, preset: 'smile-cards', now: NOW });
    expect(out.status).toBe('fatal');
    expect(out.result).toBeNull();
    expect(out.message!.en).toContain(`Awards, row ${row}, column Quota: “ten” is not a number`);
    expect(out.diagnostics.find((d) => d.code === 'not_a_number')).toMatchObject({ tab: 'Scheme', row, column: 'Quota', value: 'ten' });
  });
});
