/**
 * Native charts of an output tab (OutputTab.charts, core/explain/charts) in Excel:
 * one clustered bar chart per chart (worksheet.charts.add) over the tab's own cells
 * — the first value column as the source, further value columns as added series,
 * the category column as the category names — placed right of the table. Queued
 * with the tab's last batch, on the sheet that replaces the old tab, so charts are
 * replaced with it; a fixed number of commands per chart, whatever the row count.
 */
import type { OutputTab } from '../core/types';
import { columnLetters } from '../core/output/a1';

export function queueCharts(ws: Excel.Worksheet, tab: OutputTab): void {
  for (const c of tab.charts ?? []) {
    const rows = c.toRow - c.fromRow;
    if (rows <= 0 || c.valueCols.length === 0) continue;
    const values = (col: number) => ws.getRangeByIndexes(c.fromRow, col, rows, 1);
    const chart = ws.charts.add('BarClustered', values(c.valueCols[0]), 'Columns');
    chart.title.text = c.title;
    chart.axes.categoryAxis.setCategoryNames(ws.getRangeByIndexes(c.fromRow, c.categoryCol, rows, 1));
    chart.series.getItemAt(0).name = String(tab.rows[0]?.[c.valueCols[0]] ?? '');
    for (const col of c.valueCols.slice(1)) chart.series.add(String(tab.rows[0]?.[col] ?? '')).setValues(values(col));
    chart.legend.visible = c.valueCols.length > 1;
    chart.setPosition(`${columnLetters(c.anchorCol)}${c.anchorRow + 1}`);
  }
}
