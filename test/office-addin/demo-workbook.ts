/**
 * The demo data (examples/csv-zh, examples/csv-en, read with the CLI's CSV parser) as
 * Excel returns it once the files are opened in Excel: numbers as numbers, calendar
 * dates as serial numbers, everything else (months, ids, a misspelt date such as
 * 2026-09-31, "五分") as the text it is. The task pane's README screenshots and its
 * left-out banner test run on it (Node side; the page gets it as window.__workbook).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvText } from '../../cli/csv-host';
import type { Value } from './fake-excel';
import { serial } from './fixture';

const root = join(__dirname, '..', '..');

/** What Excel makes of one CSV field. */
function excelValue(text: string): Value {
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return Number(text);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const t = new Date(Date.UTC(y, m - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d) return serial(text);
  }
  return text;
}

/** Tab name → rows of the demo folder in that language, tabs in file-name order. */
export function demoWorkbook(lang: 'zh' | 'en'): Record<string, Value[][]> {
  const dir = join(root, 'examples', lang === 'zh' ? 'csv-zh' : 'csv-en');
  const tabs: Record<string, Value[][]> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
    const rows = parseCsvText(readFileSync(join(dir, f), 'utf8'), f);
    tabs[f.replace(/\.csv$/, '')] = rows.map((r) => r.map((c) => (typeof c === 'string' ? excelValue(c) : c === null || c === undefined ? '' : (c as Value))));
  }
  return tabs;
}
