/**
 * The charts of an output tab (OutputTab.charts, core/explain/charts) in the
 * command line's .xlsx: exceljs cannot write native charts, so each chart's value
 * columns get in-cell bars over the chart's rows (conditional-format data bars,
 * SPEC §9), one rule per column range.
 */
import type ExcelJS from 'exceljs';
import { columnLetters } from '../core/output/a1';
import type { OutputTab } from '../core/types';


/** One data-bar rule per chart value column, over the chart's rows (A1 refs: row index + 1). */
export function dataBarRanges(tab: OutputTab): string[] {
  const refs: string[] = [];
  for (const c of tab.charts ?? []) {
    if (c.toRow <= c.fromRow) continue;
    for (const col of c.valueCols) refs.push(`${columnLetters(col)}${c.fromRow + 1}:${columnLetters(col)}${c.toRow}`);
  }
  return refs;
}

export function writeDataBars(ws: ExcelJS.Worksheet, tab: OutputTab): void {
  dataBarRanges(tab).forEach((ref, k) => {
    ws.addConditionalFormatting({
      ref,
      rules: [{
        type: 'dataBar', priority: k + 1, gradient: true,
        cfvo: [{ type: 'num', value: 0 }, { type: 'max' }],
        color: { argb: 'FF5B9BD5' },
      } as unknown as ExcelJS.ConditionalFormattingRule],
    });
  });
}
