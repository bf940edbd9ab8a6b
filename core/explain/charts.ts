/**
 * Pictures (SPEC §9): which charts the output tabs carry, as data (OutputTab.charts)
 * each adapter draws natively — Sheets EmbeddedChartBuilder, Excel worksheet
 * charts — and the command line's .xlsx as in-cell data bars on the same columns.
 *  - Ranking: the ranking measure (the first figure column, SPEC §8) per scope, one
 *    bar chart per scope over its ranked rows (the first 20; at most 10 scopes, so
 *    the number of charts never grows with the rows);
 *  - Bonus: paid against budget per award, over the award-total rows.
 * Charts sit right of the table, so they never cover a cell, and are replaced with the tab.
 */
import type { ChartSpec, Lang, OutputTab } from '../types';
import type { EngineResult } from '../engine/compute';
import { primaryAward } from '../engine/standing';
import { BONUS_KIND, H, SCOPE_COMPANY } from '../output/labels';

/** Ranked rows shown per scope chart, and scope charts per tab. */
export const CHART_ROWS = 20;
export const CHART_SCOPES = 10;
/** Sheet rows a chart takes (the next one goes below it). */
const CHART_HEIGHT = 20;

/** Ranking columns: rank, staff id, name, department, group, then the ranking measure. */
const RANK_COL = 0;
const ID_COL = 1;
const NAME_COL = 2;
const FIGURE_COL = 5;

const TITLES = {
  ranking: { zh: '{measure}（{scope}）', en: '{measure} ({scope})' },
  bonus: { zh: '各奖项发放与预算', en: 'Paid against budget per award' },
};

function rankingCharts(res: EngineResult, tab: OutputTab, lang: Lang): ChartSpec[] {
  const header = tab.rows[0] ?? [];
  const numeric: readonly string[] = ['number', 'integer', 'money', 'percent'];
  if (header.length <= FIGURE_COL || !numeric.includes(tab.formats[FIGURE_COL])) return [];
  const index = new Map(res.ctx.staff.map((s, i) => [s.id, i]));
  const primary = primaryAward(res);
  const scopeOf = (i: number): string => {
    if (primary) return primary.entries[i].scope;
    const s = res.ctx.staff[i];
    return res.ranking.scope === 'company' ? '' : res.ranking.scope === 'department' ? s.department : s.group || s.department;
  };
  const width = Math.max(...tab.rows.map((r) => r.length));
  const charts: ChartSpec[] = [];
  let r = 1;
  while (r < tab.rows.length && charts.length < CHART_SCOPES) {
    const i = index.get(String(tab.rows[r][ID_COL] ?? ''));
    if (i === undefined) { r++; continue; }
    const scope = scopeOf(i);
    let end = r;
    while (end < tab.rows.length) {
      const j = index.get(String(tab.rows[end][ID_COL] ?? ''));
      if (j === undefined || scopeOf(j) !== scope) break;
      end++;
    }
    // The scope's ranked rows come first (SPEC §8): chart those, up to CHART_ROWS.
    let last = r;
    while (last < end && last - r < CHART_ROWS && typeof tab.rows[last][RANK_COL] === 'number') last++;
    if (last > r) {
      const title = TITLES.ranking[lang].replace('{measure}', String(header[FIGURE_COL])).replace('{scope}', scope === '' ? SCOPE_COMPANY[lang] : scope);
      charts.push({ title, fromRow: r, toRow: last, categoryCol: NAME_COL, valueCols: [FIGURE_COL], anchorRow: charts.length * CHART_HEIGHT, anchorCol: width + 1 });
    }
    r = end;
  }
  return charts;
}

function bonusCharts(tab: OutputTab, lang: Lang): ChartSpec[] {
  const header = tab.rows[0] ?? [];
  const amount = header.indexOf(H.amount[lang]);
  const budget = header.indexOf(H.budget[lang]);
  const item = header.indexOf(H.item[lang]);
  if (amount < 0 || budget < 0 || item < 0) return [];
  const total = BONUS_KIND.total[lang];
  const first = tab.rows.findIndex((row, k) => k > 0 && row[0] === total);
  if (first < 0) return [];
  let end = first;
  while (end < tab.rows.length && tab.rows[end][0] === total) end++;
  const width = Math.max(...tab.rows.map((r) => r.length));
  return [{ title: TITLES.bonus[lang], fromRow: first, toRow: end, categoryCol: item, valueCols: [amount, budget], anchorRow: 0, anchorCol: width + 1 }];
}

/** Put the charts on the Ranking and Bonus tabs of a run's outputs. */
export function attachCharts(outputs: OutputTab[], res: EngineResult, lang: Lang): void {
  for (const tab of outputs) {
    if (tab.kind === 'ranking') tab.charts = rankingCharts(res, tab, lang);
    else if (tab.kind === 'bonus') tab.charts = bonusCharts(tab, lang);
  }
}
