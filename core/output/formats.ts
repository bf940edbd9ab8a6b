/**
 * Which number format a measure's column gets (issue 13): counts are integers
 * (`0`), ratios percents, everything else two decimals — chosen from what the
 * measure is, so Excel never shows a count as "32." and 满意率 reads as a percent.
 * The adapters map these column formats to their own format codes.
 */
import type { ColumnFormat } from '../types';
import type { Measure } from '../scheme/model';

/**
 * Excel number format codes of the column formats, for both writers of Excel
 * files (the CLI's .xlsx and the Excel add-in). Two decimals for numbers, never
 * '0.####' (Excel shows a whole number in it as "32." with a stray point).
 */
export const EXCEL_NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  text: '@',
  money: '#,##0.00',
  percent: '0.00%',
  number: '0.00',
  integer: '0',
  date: 'yyyy-mm-dd',
  stars: '0',
};

/** The column format of a measure's values. */
export function measureFormat(measures: ReadonlyMap<string, Measure>, id: string, seen: Set<string> = new Set()): ColumnFormat {
  const m = measures.get(id);
  if (!m || seen.has(id)) return 'number';
  seen.add(id);
  const all = (ids: string[]): boolean => ids.every((x) => measureFormat(measures, x, seen) === 'integer');
  switch (m.kind) {
    case 'rows': {
      if (m.agg === 'count' || m.agg === 'distinct') return Number.isInteger(m.scale) ? 'integer' : 'number';
      if (m.agg === 'sum' && m.map && Object.values(m.map).every(Number.isInteger) && Number.isInteger(m.scale)) return 'integer';
      return 'number';
    }
    case 'combine':
      if (m.op === 'ratio') return 'percent';
      if (m.op === 'mean') return 'number';
      return all(m.of) ? 'integer' : 'number';
    case 'wins':
    case 'stars':
      return 'integer';
    case 'turnover':
      return 'percent';
    case 'over':
      return m.agg === 'count' || (m.agg !== 'mean' && all([m.measure])) ? 'integer' : 'number';
    default:
      return 'number';
  }
}

/** A value as the Ranking tab writes it: rounded to what its format shows (percents keep two decimals of the percent). */
export function roundFor(format: ColumnFormat, v: number): number | null {
  if (Number.isNaN(v)) return null;
  const k = format === 'percent' ? 10000 : 100;
  return Math.round(v * k) / k;
}
