/**
 * The engine's working state for one computation: the scheme, the dataset
 * indexed once (staff by key, every input tab sorted by the day it belongs to,
 * with each row's staff index precomputed) and the caches that make each measure
 * a single pass over the rows of its window. Nothing here scans a whole tab per
 * person.
 */
import type { Dataset, Diagnostic, Day, StaffRecord } from '../types';
import type { Measure, Scheme } from '../scheme/model';
import { daysInMonth, makeDay, parsePeriod, type Period } from '../periods';

/** One figure per person (index = position in Staff); NaN = no data. */
export type Vec = Float64Array;

/** A tab's rows sorted by the first day they belong to, for binary-searched windows. */
export interface TabIndex {
  rows: Record<string, unknown>[];
  /** Staff index of each sorted row (−1 when the id is not in Staff). */
  staff: Int32Array;
  /** First and last day each row belongs to (a day, a month, or a review period). */
  from: Day[];
  to: Day[];
}

export type RowTab = 'feedback' | 'incidents' | 'attendance' | 'reviews' | 'cases' | 'redemptions';

export interface Ctx {
  scheme: Scheme;
  data: Dataset;
  staff: StaffRecord[];
  n: number;
  keyIndex: Map<string, number>;
  /** Department / group index of each person, and the names. */
  deptOf: Int32Array;
  depts: string[];
  groupOf: Int32Array;
  groups: string[];
  tabs: Record<RowTab, TabIndex>;
  measures: Map<string, Measure>;
  /** `measure@window` → values. */
  cache: Map<string, Vec>;
  /** Per-person incident rows (indices into data.incidents) in date order, for gates. */
  incidentsByStaff: number[][];
  /** `staffIndex|YYYY-MM` → attendance rows. */
  attendance: Map<string, number[]>;
  /** Engine diagnostics (scheme-data mismatches, missing components, …). */
  diagnostics: Diagnostic[];
  /** Anything the steps memoise (scores, awards), keyed by `kind:id@window`. */
  memo: Map<string, unknown>;
}

function lastDayOfMonth(month: string): Day {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return makeDay(y, m, daysInMonth(y, m));
}

function buildIndex(rows: Record<string, unknown>[], keyIndex: Map<string, number>, span: (r: Record<string, unknown>) => [Day, Day] | null): TabIndex {
  const items: { r: Record<string, unknown>; from: Day; to: Day; s: number }[] = [];
  for (const r of rows) {
    const sp = span(r);
    if (!sp) continue;
    const s = keyIndex.get(String(r.staffKey ?? ''));
    items.push({ r, from: sp[0], to: sp[1], s: s === undefined ? -1 : s });
  }
  // Stable: equal days keep the tab's order (rows are already in row order).
  items.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const staff = new Int32Array(items.length);
  const from: Day[] = new Array(items.length);
  const to: Day[] = new Array(items.length);
  const out: Record<string, unknown>[] = new Array(items.length);
  items.forEach((it, i) => {
    out[i] = it.r;
    staff[i] = it.s;
    from[i] = it.from;
    to[i] = it.to;
  });
  return { rows: out, staff, from, to };
}

const periodSpan = new Map<string, [Day, Day] | null>();
function reviewSpan(period: string): [Day, Day] | null {
  let s = periodSpan.get(period);
  if (s === undefined) {
    const p = parsePeriod(period);
    s = p ? [p.start, p.end] : null;
    periodSpan.set(period, s);
  }
  return s;
}

export function createContext(scheme: Scheme, data: Dataset): Ctx {
  const staff = data.staff;
  const n = staff.length;
  const keyIndex = new Map<string, number>();
  staff.forEach((s, i) => {
    if (!keyIndex.has(s.key)) keyIndex.set(s.key, i);
  });
  const deptNames = new Map<string, number>();
  const groupNames = new Map<string, number>();
  const deptOf = new Int32Array(n);
  const groupOf = new Int32Array(n);
  staff.forEach((s, i) => {
    if (!deptNames.has(s.department)) deptNames.set(s.department, deptNames.size);
    const g = s.group || s.department;
    if (!groupNames.has(g)) groupNames.set(g, groupNames.size);
    deptOf[i] = deptNames.get(s.department)!;
    groupOf[i] = groupNames.get(g)!;
  });
  const rec = (a: unknown[]) => a as Record<string, unknown>[];
  const dated = (r: Record<string, unknown>): [Day, Day] | null => (typeof r.date === 'string' ? [r.date, r.date] : null);
  const tabs: Record<RowTab, TabIndex> = {
    feedback: buildIndex(rec(data.feedback), keyIndex, dated),
    incidents: buildIndex(rec(data.incidents), keyIndex, dated),
    cases: buildIndex(rec(data.cases), keyIndex, dated),
    redemptions: buildIndex(rec(data.redemptions), keyIndex, dated),
    attendance: buildIndex(rec(data.attendance), keyIndex, (r) =>
      typeof r.month === 'string' && /^\d{4}-\d{2}$/.test(r.month) ? [`${r.month}-01`, lastDayOfMonth(r.month)] : null),
    reviews: buildIndex(rec(data.reviews), keyIndex, (r) => (typeof r.period === 'string' ? reviewSpan(r.period) : null)),
  };
  const incidentsByStaff: number[][] = Array.from({ length: n }, () => []);
  const incOrder = data.incidents.map((_, i) => i).sort((a, b) => {
    const da = data.incidents[a].date;
    const db = data.incidents[b].date;
    return da < db ? -1 : da > db ? 1 : a - b;
  });
  for (const i of incOrder) {
    const s = keyIndex.get(data.incidents[i].staffKey);
    if (s !== undefined) incidentsByStaff[s].push(i);
  }
  const attendance = new Map<string, number[]>();
  data.attendance.forEach((a, i) => {
    const s = keyIndex.get(a.staffKey);
    if (s === undefined) return;
    const k = `${s}|${a.month}`;
    const list = attendance.get(k);
    if (list) list.push(i);
    else attendance.set(k, [i]);
  });
  return {
    scheme, data, staff, n, keyIndex,
    deptOf, depts: [...deptNames.keys()], groupOf, groups: [...groupNames.keys()],
    tabs,
    measures: new Map(scheme.measures.map((m) => [m.id, m])),
    cache: new Map(), incidentsByStaff, attendance, diagnostics: [], memo: new Map(),
  };
}

/** Rows of a tab inside a window: [lo, hi) positions whose first day is inside it (check `to` too). */
export function windowRange(t: TabIndex, w: Period): [number, number] {
  const lo = lowerBound(t.from, w.start);
  const hi = upperBound(t.from, w.end);
  return [lo, hi];
}

function lowerBound(a: Day[], x: Day): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Day[], x: Day): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A person is a candidate in a window: hired by its last day and not left before it (SPEC §2). */
export function presence(s: StaffRecord, w: Period): 'ok' | 'left' | 'not_hired' {
  if (s.hireDate > w.end) return 'not_hired';
  if (s.leaveDate !== null && s.leaveDate < w.end) return 'left';
  return 'ok';
}

export function newVec(n: number): Vec {
  return new Float64Array(n).fill(NaN);
}

/** Quantise a figure so that equal values computed two ways compare equal (1e-6). */
export function q6(v: number): number {
  return Number.isFinite(v) ? Math.round(v * 1e6) / 1e6 : v;
}

/** Round half up to 2 decimals (scores as the user sees them). */
export function round2(v: number): number {
  if (!Number.isFinite(v)) return v;
  const s = v < 0 ? -1 : 1;
  return (s * Math.round(Math.abs(v) * 100 + 1e-7)) / 100;
}
