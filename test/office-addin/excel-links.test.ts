/**
 * Cell links and page breaks in Excel (issue 15): the Statements tab computed from
 * a workbook is written through the Excel host onto the recording fake; every row
 * reference is a range hyperlink to `'Tab'!A<row>` (never a formula), page breaks
 * sit above each person's block, and syncs do not grow with the number of links.
 */
import { cellLinkList } from '../../core/output/cell-links';
import { computeWorkbook } from '../../core/orchestrator';
import type { OutputTab, RawTab } from '../../core/types';
import { createExcelHost } from '../../office-addin/excel-host';
import { fixture } from '../core/engine/helpers';
import { FakeWorkbook } from './fake-excel';

function statementsOf(tabs: RawTab[]): OutputTab {
  const out = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang: 'en', now: '2026-12-31T00:00:00Z' });
  return out.outputs.find((o) => o.kind === 'statements')!;
}

/** The fixture with its Feedback rows repeated `times` times (same people, more rows behind each figure). */
function bigger(tabs: RawTab[], times: number): RawTab[] {
  return tabs.map((t) => (t.name !== 'Feedback' ? t : { ...t, rows: [t.rows[0], ...Array.from({ length: times }, () => t.rows.slice(1)).flat()] }));
}

async function write(tabs: RawTab[]): Promise<{ wb: FakeWorkbook; tab: OutputTab }> {
  const tab = statementsOf(tabs);
  const wb = new FakeWorkbook(Object.fromEntries(tabs.map((t) => [t.name, t.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : c)))])));
  await createExcelHost({ run: wb.run }).writeTabs([tab]);
  return { wb, tab };
}

function tabsOf(tabs: RawTab[]): OutputTab[] {
  const out = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang: 'en', now: '2026-12-31T00:00:00Z' });
  return out.outputs.filter((o) => o.kind === 'ranking' || o.kind === 'bonus');
}

describe('Charts in Excel (issue 15)', () => {
  async function draw(tabs: RawTab[]): Promise<{ wb: FakeWorkbook; outs: OutputTab[] }> {
    const outs = tabsOf(tabs);
    const wb = new FakeWorkbook({});
    await createExcelHost({ run: wb.run }).writeTabs(outs);
    return { wb, outs };
  }

  test('one chart per chart of the tab: bars of the ranking measure per scope, paid against budget per award', async () => {
    const { wb, outs } = await draw(fixture('smile-cards'));
    for (const tab of outs) {
      const charts = wb.find(tab.name)!.charts ?? [];
      expect(charts).toHaveLength(tab.charts!.length);
      charts.forEach((c, k) => {
        const spec = tab.charts![k];
        const rows = spec.toRow - spec.fromRow;
        expect(c).toMatchObject({ type: 'BarClustered', title: spec.title, source: `${spec.fromRow},${spec.valueCols[0]},${rows},1`, categories: `${spec.fromRow},${spec.categoryCol},${rows},1` });
        expect(c.series.map((s) => s.name)).toEqual(spec.valueCols.map((col) => String(tab.rows[0][col])));
      });
    }
    const commands = wb.syncs.flatMap((s) => s.commands).filter((c) => c.startsWith('chart:'));
    expect(commands).toHaveLength(outs.reduce((n, t) => n + t.charts!.length, 0));
  });

  test('charts and syncs do not grow with the rows', async () => {
    const small = await draw(fixture('smile-cards'));
    const large = await draw(bigger(fixture('smile-cards'), 20));
    expect(large.wb.syncs.length).toBe(small.wb.syncs.length);
    const count = (wb: FakeWorkbook) => wb.syncs.flatMap((s) => s.commands).filter((c) => c.startsWith('chart')).length;
    expect(count(large.wb)).toBe(count(small.wb));
  });
});

describe('Statements in Excel', () => {
  test('row references are range hyperlinks to the input row, not formulas; page breaks above each block', async () => {
    const { wb, tab } = await write(fixture('smile-cards'));
    const sheet = wb.find(tab.name)!;
    expect(sheet.formulas.size).toBe(0);
    expect(sheet.links!.size).toBe(tab.links!.count);
    for (const l of cellLinkList(tab.links)) {
      const link = sheet.links!.get(`${l.row},${l.col}`)!;
      expect(link.documentReference).toBe(`'${l.tab}'!A${l.at}`);
      expect(link.textToDisplay).toBe(String(tab.rows[l.row][l.col]));
      expect(link.textToDisplay).toContain(`${l.tab} row ${l.at}`);
    }
    expect(sheet.pageBreaks).toEqual(tab.pageBreaks);
  });

  test('syncs do not grow with the rows behind the figures', async () => {
    const small = await write(fixture('smile-cards'));
    const large = await write(bigger(fixture('smile-cards'), 20));
    expect(large.tab.links!.count).toBeGreaterThan(small.tab.links!.count);
    expect(large.wb.syncs.length).toBe(small.wb.syncs.length);
  });
});
