/**
 * Issue 13: number formats per column kind — integers `0`, measures with their
 * decimals (`0.00`), ratios as percent (满意率), money `#,##0.00` — in the core's
 * column formats and in the three writers' format tables (CLI .xlsx, Sheets,
 * Excel); no format that shows a trailing point in Excel (`0.##########` → "32.").
 */
import { NUM_FMT } from '../../../cli/xlsx-writer';
import { NUMBER_FORMATS as SHEETS } from '../../../apps-script/adapter';
import { NUMBER_FORMATS as EXCEL } from '../../../office-addin/excel-host';
import { measureFormat } from '../../../core/output/formats';
import { getPreset } from '../../../core/presets';
import { computeWorkbook } from '../../../core/orchestrator';
import { buildTemplate, templatePeriod } from '../../../core/templates';
import type { ColumnFormat, OutputTab } from '../../../core/types';

const TABLES: [string, Record<ColumnFormat, string | undefined>][] = [['CLI .xlsx', NUM_FMT], ['Sheets', SHEETS], ['Excel', EXCEL]];

describe.each(TABLES)('%s format table', (_, table) => {
  test('integer 0, number two decimals, money #,##0.00, percent, date', () => {
    expect(table.integer).toBe('0');
    expect(table.number).toBe('0.00');
    expect(table.money).toBe('#,##0.00');
    expect(table.percent).toBe('0.00%');
    expect(table.date).toBe('yyyy-mm-dd');
  });
  test('no format can show a trailing decimal point', () => {
    for (const f of Object.values(table)) expect(String(f)).not.toMatch(/\.#|General/);
  });
});

function measures(id: string) {
  const s = getPreset(id)!;
  return new Map(s.measures.map((m) => [m.id, m]));
}

test('counts are integers, mapped sums of whole cards are integers, ratios are percents, means two decimals', () => {
  const sc = measures('smile-cards');
  expect(measureFormat(sc, 'smile_cards')).toBe('integer');
  expect(measureFormat(sc, 'anger_cards')).toBe('integer');
  expect(measureFormat(sc, 'exceeded_ratings')).toBe('integer');
  const team = measures('team-star');
  expect(measureFormat(team, 'satisfied_share')).toBe('percent');
  const budget = getPreset('service-star-budget')!;
  const mean = budget.measures.find((m) => m.kind === 'rows' && m.agg === 'mean')!;
  expect(measureFormat(new Map(budget.measures.map((m) => [m.id, m])), mean.id)).toBe('number');
});

function ranking(preset: string): OutputTab {
  const period = templatePeriod(preset)!.id;
  const tabs = buildTemplate(preset, 'zh', { period }).map((t) => ({ name: t.name, rows: t.rows }));
  return computeWorkbook(tabs, { period, now: '2026-12-02T10:25:00+08:00' }).outputs.find((t) => t.kind === 'ranking')!;
}

function formatOf(tab: OutputTab, header: string): ColumnFormat {
  const c = tab.rows[0].indexOf(header);
  expect(c).toBeGreaterThanOrEqual(0);
  return tab.formats[c];
}

test('the Ranking tab formats each column by its kind', () => {
  const sc = ranking('smile-cards');
  expect(formatOf(sc, '名次')).toBe('integer');
  expect(formatOf(sc, '微笑卡')).toBe('integer');
  expect(formatOf(sc, '愤怒卡')).toBe('integer');
  const sr = ranking('star-rating');
  expect(formatOf(sr, '星级奖金')).toBe('money');
  const total = sr.formats[sr.rows[0].findIndex((h) => /总分|得分/.test(String(h)))];
  expect(total).toBe('number');
  // Integer columns hold whole numbers, percent columns fractions.
  for (const tab of [sc, sr, ranking('team-star')]) {
    tab.formats.forEach((f, c) => {
      for (const r of tab.rows.slice(1)) {
        const v = r[c];
        if (typeof v !== 'number') continue;
        if (f === 'integer') expect(Number.isInteger(v)).toBe(true);
        if (f === 'percent') expect(v).toBeLessThanOrEqual(1);
      }
    });
  }
});

test('a ratio shown in the Ranking tab is a percent (team-star 满意率)', () => {
  const tab = ranking('team-star');
  expect(formatOf(tab, '满意率')).toBe('percent');
  expect(formatOf(tab, '反馈条数')).toBe('integer');
});
