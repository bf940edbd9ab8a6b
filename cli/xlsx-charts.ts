/**
 * The charts of an output tab (OutputTab.charts, core/explain/charts) in the
 * command line's .xlsx: exceljs cannot write native charts, so each chart's value
 * columns get in-cell bars over the chart's rows (conditional-format data bars,
 * SPEC §9), one rule per column range.
 */
import type ExcelJS from 'exceljs';
import type { OutputTab } from '../core/types';

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
function letters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** One data-bar rule per chart value column, over the chart's rows (A1 refs: row index + 1). */
export function dataBarRanges(tab: OutputTab): string[] {
  const refs: string[] = [];
  for (const c of tab.charts ?? []) {
    if (c.toRow <= c.fromRow) continue;
    for (const col of c.valueCols) refs.push(`${letters(col)}${c.fromRow + 1}:${letters(col)}${c.toRow}`);
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
