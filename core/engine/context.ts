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
import { dayKey, rowFacts, type RowFacts } from '../input/tabs';

/** One figure per person (index = position in Staff); NaN = no data. */
export type Vec = Float64Array;

/** A numeric column: the field's number per row, NaN when blank or not a number (booleans 1/0). */
export interface NumColumn {
  kind: 'num';
  v: Float64Array;
  /** Whether every row holds exactly `v[row]` as a finite number, or nothing (null or absent) where it is NaN (core/explain/rows.ts row texts). */
  exact: boolean;
}
/** A categorical column: each row's folded text (trimmed, lower case) as a code into `values`; −1 when blank. */
export interface CatColumn {
  kind: 'cat';
  codes: Int32Array;
  values: string[];
  /**
   * Whether every row holds exactly `values[code]` (a string that folding leaves as it is),
   * or nothing (null or absent) where the code is −1: then a row's value as written is
   * read from the column (core/explain/rows.ts row texts).
   */
  exact: boolean;
}

/**
 * A tab's rows in tab order with, per row, the staff index and the span of days
 * it belongs to as order-preserving integers (see dayKey); field columns are
 * extracted on first use. Measures then run over typed arrays, never records.
 */
export interface TabIndex {
  rows: Record<string, unknown>[];
  /** Staff index of each row (−1 when the id is not in Staff or the row has no usable day). */
  staff: Int32Array;
  /** First and last day each row belongs to (a day, a month, or a review period), as day keys. */
  from: Int32Array;
  to: Int32Array;
  /**
   * Range of the month slots of `from` over rows with a person: a day key's month
   * slot is `(key / 31) | 0` (year × 12 + month − 1), worked out where needed
   * rather than kept per row.
   */
  monthLo: number;
  monthHi: number;
  num: Map<string, NumColumn>;
  cat: Map<string, CatColumn>;
}

export type RowTab = 'feedback' | 'incidents' | 'attendance' | 'reviews' | 'cases' | 'redemptions' | 'nominations';

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
  /** Measure id → window id → values. */
  cache: Map<string, Map<string, Vec>>;
  /** `staffIndex|YYYY-MM` → attendance rows (built on first use: see attendanceRows). */
  attendance: Map<string, number[]> | null;
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

/** `YYYY-MM-DD` (readDataset guarantees it; checked cheaply so a bad record cannot disorder the index). */
function isDay(d: string): boolean {
  return d.length === 10 && d.charCodeAt(4) === 45 && d.charCodeAt(7) === 45;
}

/** An order-preserving integer for a `YYYY-MM-DD` day (defined with readDataset's row facts, core/input/tabs.ts). */
export { dayKey };

/** Stable order of positions by day (counting sort over day keys, or a comparison sort for wide spans). */
export function orderByDay(days: Day[]): Int32Array {
  const n = days.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  const keys = new Int32Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = isDay(days[i]) ? dayKey(days[i]) : 0;
    keys[i] = k;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  const range = max - min + 1;
  if (range > 4_000_000) {
    const idx = Array.from({ length: n }, (_, i) => i);
    idx.sort((a, b) => keys[a] - keys[b] || a - b);
    out.set(idx);
    return out;
  }
  const counts = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) counts[keys[i] - min + 1]++;
  for (let k = 1; k <= range; k++) counts[k] += counts[k - 1];
  for (let i = 0; i < n; i++) out[counts[keys[i] - min]++] = i;
  return out;
}

type Span = (r: Record<string, unknown>) => Day | null;

/**
 * What readDataset already worked out for these rows (core/input/tabs.ts rowFacts):
 * each row's staff position and, for dated tabs, its day key — when `rows` is
 * the very array it returned alongside these Staff records; otherwise null and
 * the index works them out itself. Both give the same figures: readDataset's
 * positions are those in its Staff records, whose keys are unique (keyIndex maps
 * each key to its first position), and every record it keeps has a valid day.
 */
function knownFacts(rows: readonly object[], staff: readonly StaffRecord[]): RowFacts | null {
  const f = rowFacts(rows);
  return f && f.staff.length === rows.length && f.staffRecords === staff && f.staffCount === staff.length ? f : null;
}

/** The index of a dated tab from readDataset's facts: no record is read (the arrays are shared, never written). */
function indexFromFacts(rows: Record<string, unknown>[], staff: Int32Array, from: Int32Array): TabIndex {
  const n = rows.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (staff[i] < 0) continue;
    const k = from[i];
    if (k < lo) lo = k;
    if (k > hi) hi = k;
  }
  const monthLo = lo === Infinity ? Infinity : (lo / 31) | 0;
  const monthHi = hi === -Infinity ? -Infinity : (hi / 31) | 0;
  return { rows, staff, from, to: from, monthLo, monthHi, num: new Map(), cat: new Map() };
}

function buildIndex(rows: Record<string, unknown>[], keyIndex: Map<string, number>, fromOf: Span, toOf: Span | null, facts: RowFacts | null): TabIndex {
  if (facts && facts.day && !toOf) return indexFromFacts(rows, facts.staff, facts.day);
  const known = facts ? facts.staff : null;
  const n = rows.length;
  const staff = new Int32Array(n);
  const from = new Int32Array(n);
  const to = toOf ? new Int32Array(n) : from;
  let monthLo = Infinity;
  let monthHi = -Infinity;
  let lastKey: unknown = undefined;
  let lastIdx = -1;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const f = fromOf(r);
    const t = f === null ? null : toOf ? toOf(r) : f;
    if (f === null || t === null || !isDay(f) || !isDay(t)) {
      staff[i] = -1;
      continue;
    }
    const fk = dayKey(f);
    from[i] = fk;
    if (toOf) to[i] = dayKey(t);
    const mo = (fk / 31) | 0;
    if (known) lastIdx = known[i];
    else {
      const key = r.staffKey;
      if (key !== lastKey) {
        const s = keyIndex.get(key as string);
        lastKey = key;
        lastIdx = s === undefined ? -1 : s;
      }
    }
    staff[i] = lastIdx;
    if (lastIdx >= 0) {
      if (mo < monthLo) monthLo = mo;
      if (mo > monthHi) monthHi = mo;
    }
  }
  return { rows, staff, from, to, monthLo, monthHi, num: new Map(), cat: new Map() };
}

function fold(v: unknown): string {
  return String(v ?? '').trim().toLowerCase();
}

/**
 * The record key of a field as a scheme names it: the record's own key, or the data
 * contract's column id (`absent_days`, `sick_leave_days`) for the camel-case key the
 * reader stores (`absentDays`, `sickLeaveDays`).
 */
export function recordKey(t: TabIndex, field: string): string {
  if (t.rows.length === 0 || field in t.rows[0] || !field.includes('_')) return field;
  const camel = field.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  return camel in t.rows[0] ? camel : field;
}

/** The numeric column of a field (built once per tab and field). */
export function numColumn(t: TabIndex, field: string): NumColumn {
  let c = t.num.get(field);
  if (c) return c;
  const v = new Float64Array(t.rows.length);
  const key = recordKey(t, field);
  let exact = true;
  for (let i = 0; i < v.length; i++) {
    const x = t.rows[i][key];
    if (typeof x === 'number' && Number.isFinite(x)) v[i] = x;
    else {
      v[i] = typeof x === 'boolean' ? (x ? 1 : 0) : NaN;
      if (x !== null && x !== undefined) exact = false;
    }
  }
  c = { kind: 'num', v, exact };
  t.num.set(field, c);
  return c;
}

/** The categorical column of a field (built once per tab and field). */
export function catColumn(t: TabIndex, field: string): CatColumn {
  let c = t.cat.get(field);
  if (c) return c;
  const rows = t.rows;
  const codes = new Int32Array(rows.length);
  const values: string[] = [];
  const byRaw = new Map<unknown, number>();
  const byFolded = new Map<string, number>();
  // A coded field repeats a handful of values (ratings, types), mostly the very same
  // strings: the first few raw values seen are compared directly, the rest looked up.
  const recent: unknown[] = [];
  const recentCode: number[] = [];
  let exact = true;
  const miss = (x: unknown): number => {
    let code = byRaw.get(x);
    if (code !== undefined) return code;
    const f = x === null || x === undefined ? '' : fold(x);
    // Every distinct raw value comes here once (those compared directly were first seen here).
    if (x !== null && x !== undefined && (f === '' || f !== x)) exact = false;
    if (f === '') code = -1;
    else {
      code = byFolded.get(f);
      if (code === undefined) {
        code = values.length;
        values.push(f);
        byFolded.set(f, code);
      }
    }
    if (recent.length < 8) {
      recent.push(x);
      recentCode.push(code);
    } else if (byRaw.size < 100_000) byRaw.set(x, code);
    return code;
  };
  const key = recordKey(t, field);
  for (let i = 0; i < codes.length; i++) {
    const x = rows[i][key];
    let k = 0;
    while (k < recent.length && recent[k] !== x) k++;
    codes[i] = k < recent.length ? recentCode[k] : miss(x);
  }
  c = { kind: 'cat', codes, values, exact };
  t.cat.set(field, c);
  return c;
}

/** Day keys of a period (inclusive). */
export function windowKeys(w: Period): [number, number] {
  return [dayKey(w.start), dayKey(w.end)];
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

/**
 * The tab indexes, each built on first use: a scheme that never reads a tab
 * (smile-cards and Reviews, say) never pays for indexing it, whatever the caller
 * passed in the dataset.
 */
function lazyTabs(build: Record<RowTab, () => TabIndex>): Record<RowTab, TabIndex> {
  const out = {} as Record<RowTab, TabIndex>;
  for (const id of Object.keys(build) as RowTab[]) {
    Object.defineProperty(out, id, {
      configurable: true,
      enumerable: true,
      get(): TabIndex {
        const index = build[id]();
        Object.defineProperty(out, id, { value: index, writable: true, enumerable: true, configurable: true });
        return index;
      },
    });
  }
  return out;
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
  const index = (rows: object[], fromOf: Span, toOf: Span | null): TabIndex =>
    buildIndex(rec(rows), keyIndex, fromOf, toOf, knownFacts(rows, staff));
  const date: Span = (r) => (typeof r.date === 'string' ? r.date : null);
  const monthFrom: Span = (r) => (typeof r.month === 'string' && /^\d{4}-\d{2}$/.test(r.month) ? `${r.month}-01` : null);
  const monthTo: Span = (r) => lastDayOfMonth(r.month as string);
  const periodFrom: Span = (r) => (typeof r.period === 'string' ? reviewSpan(r.period)?.[0] ?? null : null);
  const periodTo: Span = (r) => reviewSpan(r.period as string)?.[1] ?? null;
  const tabs = lazyTabs({
    feedback: () => index(data.feedback, date, null),
    incidents: () => index(data.incidents, date, null),
    cases: () => index(data.cases, date, null),
    redemptions: () => index(data.redemptions, date, null),
    attendance: () => index(data.attendance, monthFrom, monthTo),
    reviews: () => index(data.reviews, periodFrom, periodTo),
    nominations: () => index(data.nominations ?? [], periodFrom, periodTo),
  });
  return {
    scheme, data, staff, n, keyIndex,
    deptOf, depts: [...deptNames.keys()], groupOf, groups: [...groupNames.keys()],
    tabs,
    measures: new Map(scheme.measures.map((m) => [m.id, m])),
    cache: new Map(), attendance: null, diagnostics: [], memo: new Map(),
  };
}

/** Attendance rows of a person in a month (`YYYY-MM`), as indices into data.attendance. */
export function attendanceRows(ctx: Ctx, person: number, month: string): number[] | undefined {
  if (!ctx.attendance) {
    const map = new Map<string, number[]>();
    ctx.data.attendance.forEach((a, i) => {
      const s = ctx.keyIndex.get(a.staffKey);
      if (s === undefined) return;
      const k = `${s}|${a.month}`;
      const list = map.get(k);
      if (list) list.push(i);
      else map.set(k, [i]);
    });
    ctx.attendance = map;
  }
  return ctx.attendance.get(`${person}|${month}`);
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
