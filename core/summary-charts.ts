/**
 * The sidebar's ranking picture data (SPEC §9 Pictures), taken from the chart specs
 * core/explain/charts.ts already put on the Ranking tab for the native charts: per
 * scope chart its title and the first few bars (name, value). Compact (at most
 * CHART_SCOPES × SIDEBAR_BARS bars) whatever the number of people.
 */
import type { OutputTab } from './types';

/** Bars per scope the sidebar draws (the Ranking tab's native chart has up to 20). */
export const SIDEBAR_BARS = 8;

export interface RankingChartSummary {
  /** `微笑卡（售后A组）` / `Smile cards (After-sales A)`, in the run's language (the measure is a Ranking column header). */
  title: string;
  bars: { staffId: string; name: string; value: number }[];
}

export function rankingChartsOf(outputs: OutputTab[]): RankingChartSummary[] {
  const tab = outputs.find((t) => t.kind === 'ranking');
  if (!tab?.charts) return [];
  return tab.charts.map((c) => {
    const bars: RankingChartSummary['bars'] = [];
    for (let r = c.fromRow; r < c.toRow && bars.length < SIDEBAR_BARS; r++) {
      const row = tab.rows[r] ?? [];
      const value = row[c.valueCols[0]];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      bars.push({ staffId: String(row[1] ?? ''), name: String(row[c.categoryCol] ?? ''), value });
    }
    return { title: c.title, bars };
  }).filter((c) => c.bars.length > 0);
}
