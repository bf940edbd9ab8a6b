/**
 * Native charts of an output tab (OutputTab.charts, core/explain/charts) in Google
 * Sheets: one EmbeddedChartBuilder bar chart per chart over the tab's own cells
 * (categories, then each value column), placed right of the table. Drawn on the
 * sheet the tab is written to, so they are replaced with the tab. A fixed number
 * of calls per chart, whatever the row count.
 */
import type { OutputTab } from '../core/types';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function writeSheetCharts(sheet: Sheet, tab: OutputTab): void {
  for (const c of tab.charts ?? []) {
    const rows = c.toRow - c.fromRow;
    if (rows <= 0) continue;
    let b = sheet.newChart().setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange(c.fromRow + 1, c.categoryCol + 1, rows, 1));
    for (const col of c.valueCols) b = b.addRange(sheet.getRange(c.fromRow + 1, col + 1, rows, 1));
    b = b.setPosition(c.anchorRow + 1, c.anchorCol + 1, 0, 0).setOption('title', c.title);
    if (c.valueCols.length === 1) b = b.setOption('legend', { position: 'none' });
    sheet.insertChart(b.build());
  }
}
