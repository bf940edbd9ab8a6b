/**
 * An empty window is not silent (SPEC §8): when a dated tab the scheme reads
 * has no row in the period asked, a warning says so with the dates the tab
 * does hold (`客户反馈 在 2025-Q3 没有数据：该表的日期为 2026-06-17 至 2026-10-01`),
 * so "no winners" on the wrong year is never the only thing a user sees.
 */
import type { Dataset, Diagnostic, TabId } from '../types';
import type { InputTab } from '../scheme/model';
import { parsePeriod, type Period } from '../periods';
import { diag } from '../diagnostics';
import { TAB_SPECS } from './aliases';

/** A row's place in time as a [first day, last day] span: a date, a month, or a review period. */
function spans(data: Dataset, tab: TabId): [string, string][] {
  switch (tab) {
    case 'feedback': return data.feedback.map((r) => [r.date, r.date]);
    case 'incidents': return data.incidents.map((r) => [r.date, r.date]);
    case 'cases': return data.cases.map((r) => [r.date, r.date]);
    case 'redemptions': return data.redemptions.map((r) => [r.date, r.date]);
    case 'attendance': return data.attendance.map((r) => [`${r.month}-01`, `${r.month}-31`]);
    case 'reviews': return data.reviews.flatMap((r) => {
      const p = parsePeriod(r.period);
      return p ? [[p.start, p.end] as [string, string]] : [];
    });
    default: return [];
  }
}

/**
 * Whether some row of the tab falls in the period (the test on spans(), without a
 * span per row: at 300,000 rows that was as many small arrays made and dropped).
 * Reviews count when their period lies inside it; dated rows when their day does.
 */
function anyInside(data: Dataset, tab: TabId, period: Period): boolean {
  const dated = (rows: readonly { date: string }[]): boolean => {
    for (const r of rows) if (r.date <= period.end && r.date >= period.start) return true;
    return false;
  };
  switch (tab) {
    case 'feedback': return dated(data.feedback);
    case 'incidents': return dated(data.incidents);
    case 'cases': return dated(data.cases);
    case 'redemptions': return dated(data.redemptions);
    case 'attendance': return data.attendance.some((r) => `${r.month}-01` <= period.end && `${r.month}-31` >= period.start);
    case 'reviews': return data.reviews.some((r) => {
      const p = parsePeriod(r.period);
      return p ? p.start >= period.start && p.end <= period.end : false;
    });
    default: return false;
  }
}

const DATED: readonly TabId[] = ['feedback', 'incidents', 'attendance', 'reviews', 'cases', 'redemptions'];

export function emptyWindowWarnings(data: Dataset, used: ReadonlySet<InputTab>, period: Period): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const tab of DATED) {
    const name = data.tabNames[tab];
    if (name === undefined || !used.has(tab as InputTab)) continue;
    if (anyInside(data, tab, period)) continue;
    const all = spans(data, tab);
    const spec = TAB_SPECS[tab];
    if (all.length === 0) {
      out.push(diag({
        severity: 'warning', code: 'empty_window', tab: name, value: period.id,
        zh: `没有可用的数据行：${period.id} 的结果不含${spec.zh}数据`,
        en: `no usable rows: the ${period.id} results have no ${spec.en} data`,
      }));
      continue;
    }
    let first = all[0][0];
    let last = all[0][1];
    for (const [a, b] of all) {
      if (a < first) first = a;
      if (b > last) last = b;
    }
    if (tab === 'attendance') {
      first = first.slice(0, 7);
      last = last.slice(0, 7);
    }
    out.push(diag({
      severity: 'warning', code: 'empty_window', tab: name, value: period.id,
      zh: `在 ${period.id} 没有数据：该表的日期为 ${first} 至 ${last}，请核对期间`,
      en: `no rows in ${period.id}: the tab's dates run from ${first} to ${last}; check the period`,
    }));
  }
  return out;
}
