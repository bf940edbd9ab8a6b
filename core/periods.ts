/**
 * Calendar periods (SPEC §2): `2026-07`, `2026-Q3`, `2026-H2`, `2026`.
 * Pure calendar arithmetic on `YYYY-MM-DD` days; the clock is always passed in.
 */
import type { Day } from './types';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  /** Canonical id, e.g. `2026-Q3`. */
  id: string;
  kind: PeriodKind;
  year: number;
  /** 1-based index inside the year: month 1–12, quarter 1–4, half 1–2, year 1. */
  index: number;
  /** First day (inclusive). */
  start: Day;
  /** Last day (inclusive). */
  end: Day;
}

const MONTHS_PER: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function makeDay(y: number, m: number, d: number): Day {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/** True when y-m-d is a real calendar day (2026-02-30 is not). */
export function isValidDay(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) &&
    y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function splitDay(day: Day): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

/** Build a period from its kind, year and index. */
export function makePeriod(kind: PeriodKind, year: number, index: number): Period {
  const span = MONTHS_PER[kind];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const id =
    kind === 'month' ? `${year}-${pad2(index)}` :
    kind === 'quarter' ? `${year}-Q${index}` :
    kind === 'half' ? `${year}-H${index}` : String(year);
  return {
    id, kind, year, index,
    start: makeDay(year, firstMonth, 1),
    end: makeDay(year, lastMonth, daysInMonth(year, lastMonth)),
  };
}

/**
 * Parse a period id. Accepts `2026-07`, `2026-7`, `2026-Q3` (q any case), `2026-H2`, `2026`.
 * Returns null for anything else, including periods that do not exist (`2026-13`, `2026-Q5`).
 */
export function parsePeriod(text: string): Period | null {
  const s = canonicalPeriodText(String(text ?? ''));
  let m = /^(\d{4})$/.exec(s);
  if (m) return validYear(+m[1]) ? makePeriod('year', +m[1], 1) : null;
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m) return validYear(+m[1]) && +m[2] >= 1 && +m[2] <= 12 ? makePeriod('month', +m[1], +m[2]) : null;
  m = /^(\d{4})-Q(\d)$/.exec(s);
  if (m) return validYear(+m[1]) && +m[2] >= 1 && +m[2] <= 4 ? makePeriod('quarter', +m[1], +m[2]) : null;
  m = /^(\d{4})-H(\d)$/.exec(s);
  if (m) return validYear(+m[1]) && +m[2] >= 1 && +m[2] <= 2 ? makePeriod('half', +m[1], +m[2]) : null;
  return null;
}

const ZH_DIGIT: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

/**
 * The ways people write a period (SPEC §2), rewritten to `2026-Q3`, `2026-07`,
 * `2026-H2` or `2026`: `2026Q3`, `2026 Q3`, `Q3 2026`, `2026年第三季度`,
 * `2026年三季度`, `2026年Q3`; `2026.07`, `2026/07`, `2026年7月`, `2026年07月`;
 * `2026H2`, `2026年下半年`, `2026年上半年`; `2026年`, `2026年度`. Full-width
 * digits and letters count as their half-width forms. Anything else is returned
 * trimmed and upper-cased (and then refused by parsePeriod).
 */
export function canonicalPeriodText(text: string): string {
  const s = text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trim().toUpperCase();
  let m = /^(\d{4})\s*(?:年\s*)?(?:第\s*)?([1-4一二三四])\s*季度?$/.exec(s) ?? /^(\d{4})\s*(?:年\s*)?[-\s]?Q\s*([1-4])$/.exec(s);
  if (m) return `${m[1]}-Q${ZH_DIGIT[m[2]] ?? m[2]}`;
  m = /^Q\s*([1-4])[\s\-/]*(\d{4})$/.exec(s);
  if (m) return `${m[2]}-Q${m[1]}`;
  m = /^(\d{4})\s*(?:年\s*)?[-\s]?H\s*([12])$/.exec(s);
  if (m) return `${m[1]}-H${m[2]}`;
  m = /^H\s*([12])[\s\-/]*(\d{4})$/.exec(s);
  if (m) return `${m[2]}-H${m[1]}`;
  m = /^(\d{4})\s*年\s*([上下])\s*半\s*年度?$/.exec(s);
  if (m) return `${m[1]}-H${m[2] === '上' ? 1 : 2}`;
  m = /^(\d{4})\s*(?:[./]|年\s*)(\d{1,2})\s*(?:月份?)?$/.exec(s);
  if (m && (/年/.test(s) ? /月/.test(s) : true)) return `${m[1]}-${m[2].padStart(2, '0')}`;
  m = /^(\d{4})\s*年\s*度?$/.exec(s);
  if (m) return m[1];
  return s;
}

function validYear(y: number): boolean {
  return y >= 1900 && y <= 9999;
}

/** The period of `kind` that contains `day`. */
export function periodOf(kind: PeriodKind, day: Day): Period {
  const [y, m] = splitDay(day);
  const index = Math.floor((m - 1) / MONTHS_PER[kind]) + 1;
  return makePeriod(kind, y, index);
}

export function contains(period: Period, day: Day): boolean {
  return day >= period.start && day <= period.end;
}

/** The period of the same kind `offset` steps away (−1 = previous). */
export function shiftPeriod(period: Period, offset: number): Period {
  const perYear = 12 / MONTHS_PER[period.kind];
  const flat = period.year * perYear + (period.index - 1) + offset;
  return makePeriod(period.kind, Math.floor(flat / perYear), (flat % perYear) + 1);
}

/** The last completed period of `kind` strictly before `today` (the sidebar's default). */
export function lastCompletedPeriod(kind: PeriodKind, today: Day): Period {
  return shiftPeriod(periodOf(kind, today), -1);
}

/** The sub-periods of `kind` inside `period`, in order (e.g. the months of a quarter). */
export function subPeriods(period: Period, kind: PeriodKind): Period[] {
  if (MONTHS_PER[kind] > MONTHS_PER[period.kind]) return [];
  const out: Period[] = [];
  let p = periodOf(kind, period.start);
  while (p.start <= period.end) {
    out.push(p);
    p = shiftPeriod(p, 1);
  }
  return out;
}

/**
 * From 1 January of the period's year to the period's last day ("本年度发生…"): a
 * window of kind year that ends early (its id says so, so caches keep it apart).
 */
export function yearToDate(period: Period): Period {
  const start = makeDay(period.year, 1, 1);
  if (period.kind === 'year') return period;
  return { id: `${period.year}-01..${period.id}`, kind: 'year', year: period.year, index: 1, start, end: period.end };
}

/** `YYYY-MM` of a day. */
export function monthOf(day: Day): string {
  return day.slice(0, 7);
}

/** Add whole months to a day, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: Day, months: number): Day {
  const [y, m, d] = splitDay(day);
  const flat = y * 12 + (m - 1) + months;
  const ny = Math.floor(flat / 12);
  const nm = (flat % 12) + 1;
  return makeDay(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Whole months from `from` to `to` (0 when `to` is before `from` + 1 month). */
export function wholeMonthsBetween(from: Day, to: Day): number {
  if (to < from) return 0;
  const [y1, m1] = splitDay(from);
  const [y2, m2] = splitDay(to);
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (addMonths(from, months) > to) months -= 1;
  return Math.max(0, months);
}

/** Tenure at a period = whole months from hire date to the period's last day. */
export function tenureMonths(hireDate: Day, period: Period): number {
  return wholeMonthsBetween(hireDate, period.end);
}

/** Regular at a period: regular_date ≤ the period's last day. */
export function isRegularAt(regularDate: Day, period: Period): boolean {
  return regularDate <= period.end;
}

/** A person who left before the period's last day is not a candidate. */
export function isActiveAt(leaveDate: Day | null, period: Period): boolean {
  return leaveDate === null || leaveDate >= period.end;
}

/** Day as a count of days since 1970-01-01 (for day arithmetic). */
export function dayNumber(day: Day): number {
  const [y, m, d] = splitDay(day);
  return Math.round(Date.UTC(y, m - 1, d) / 86400000);
}

export function dayFromNumber(n: number): Day {
  const dt = new Date(n * 86400000);
  return makeDay(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}
