/**
 * Measures (SPEC §3): per-person figures in a window. A `rows` measure is one
 * pass over the rows of its window (binary-searched in the date-sorted tab index);
 * the result for every person is computed at once and cached by window.
 */
import type { Filter, Measure, RowsMeasure } from '../scheme/model';
import { shiftPeriod, subPeriods, type Period } from '../periods';
import { catColumn, newVec, numColumn, q6, windowKeys, type CatColumn, type Ctx, type TabIndex, type Vec } from './context';
import { scoreOf, starsOf, componentOf } from './score';
import { awardOutcome } from './awards';

/** The values of measure `id` for every person in window `w`. */
export function evalMeasure(ctx: Ctx, id: string, w: Period): Vec {
  // By measure, then window: explaining asks for a figure once per person, so no key string is made per call.
  let byWindow = ctx.cache.get(id);
  if (!byWindow) ctx.cache.set(id, (byWindow = new Map()));
  const hit = byWindow.get(w.id);
  if (hit) return hit;
  const m = ctx.measures.get(id);
  // Validation guarantees the reference; an empty vector keeps a bad call harmless.
  const v = m ? compute(ctx, m, w) : newVec(ctx.n);
  byWindow.set(w.id, v);
  return v;
}

function compute(ctx: Ctx, m: Measure, w: Period): Vec {
  switch (m.kind) {
    case 'rows': return evalRows(ctx, m, w);
    case 'combine': return evalCombine(ctx, m.op, m.of.map((id) => evalMeasure(ctx, id, w)), ctx.n);
    case 'score': return scoreOf(ctx, w).total;
    case 'stars': return starsOf(ctx, w).stars;
    case 'component': return componentOf(ctx, w, m.component);
    case 'over': return evalOver(ctx, m.measure, m.each, m.agg, w);
    case 'wins': return evalWins(ctx, m.award, m.each, w);
    case 'scope_mean': return evalScopeMean(ctx, evalMeasure(ctx, m.measure, w), m.scope);
    case 'turnover': return evalTurnover(ctx, m.unit, w);
  }
}

function fold(v: unknown): string {
  return String(v ?? '').trim().toLowerCase();
}

function cmpOp(op: string, a: number | string, b: number | string): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '>=': return a >= b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '<': return a < b;
    default: return false;
  }
}

/** Does a filter compare text (its field's categorical column) rather than numbers? */
function isTextFilter(f: Filter): boolean {
  return f.op === 'in' || f.op === 'not_in' || typeof f.value !== 'number';
}

/** For a text filter: which codes of its field's column pass (slot 0 = blank, code −1). */
function passingCodes(c: CatColumn, f: Filter): Uint8Array {
  const val = f.value;
  const ok = new Uint8Array(c.values.length + 1);
  const test = (folded: string): boolean => {
    if (f.op === 'in' || f.op === 'not_in') {
      const set = new Set((Array.isArray(val) ? val : [val]).map(fold));
      return set.has(folded) !== (f.op === 'not_in');
    }
    return cmpOp(f.op, folded, fold(val));
  };
  ok[0] = test('') ? 1 : 0;
  c.values.forEach((v, k) => (ok[k + 1] = test(v) ? 1 : 0));
  return ok;
}

/**
 * Which rows of a tab pass the filters, as a mask over the whole tab (null = all).
 * Text compares case-insensitively after trimming; a number compares with the
 * field's number (a row without one passes only `!=`).
 */
export function filterMask(t: TabIndex, filters: Filter[]): Uint8Array | null {
  if (filters.length === 0) return null;
  const n = t.rows.length;
  const mask = new Uint8Array(n).fill(1);
  for (const f of filters) {
    const val = f.value;
    if (isTextFilter(f)) {
      const c = catColumn(t, f.field);
      const ok = passingCodes(c, f);
      const codes = c.codes;
      for (let i = 0; i < n; i++) if (!ok[codes[i] + 1]) mask[i] = 0;
    } else {
      const c = numColumn(t, f.field);
      for (let i = 0; i < n; i++) {
        const x = c.v[i];
        if (Number.isNaN(x) ? f.op !== '!=' : !cmpOp(f.op, x, val as number)) mask[i] = 0;
      }
    }
  }
  return mask;
}

/**
 * What each row contributes to a rows measure, without one number per row in
 * memory: row i's value is `table[codes[i] + 1]` (a categorical column through
 * a table: a value map, a count, a distinct code), else `num[i]`, else
 * `constant`; NaN, or `mask[i]` = 0, leaves the row out. Text filters on the
 * column the table reads are folded into the table (no mask): a smile-card
 * count over a million feedback rows is then one lookup per row.
 */
export interface RowSource {
  codes: Int32Array | null;
  table: Float64Array | null;
  num: Float64Array | null;
  constant: number;
  mask: Uint8Array | null;
}

export function rowSource(ctx: Ctx, m: RowsMeasure): RowSource {
  const key = `rowsource:${m.id}`;
  const hit = ctx.memo.get(key) as RowSource | undefined;
  if (hit) return hit;
  const t = ctx.tabs[m.tab];
  const field = m.field;
  let column: CatColumn | null = null;
  let columnField = '';
  let table: Float64Array | null = null;
  let num: Float64Array | null = null;
  const text = m.where.filter(isTextFilter);
  if (m.map) {
    column = catColumn(t, field!);
    columnField = field!;
    const mapped = new Map(Object.entries(m.map).map(([k, v]) => [fold(k), v]));
    table = new Float64Array(column.values.length + 1).fill(NaN);
    const tb = table;
    column.values.forEach((v, k) => {
      const x = mapped.get(v);
      if (x !== undefined) tb[k + 1] = x;
    });
    const blank = mapped.get('');
    if (blank !== undefined) table[0] = blank;
  } else if (m.agg === 'distinct') {
    column = catColumn(t, field!);
    columnField = field!;
    table = new Float64Array(column.values.length + 1);
    table[0] = NaN;
    for (let k = 0; k < column.values.length; k++) table[k + 1] = k;
  } else if (m.agg === 'count') {
    // A count filtered on one text field reads that field's codes: the filter becomes the table.
    if (text.length > 0 && text.length === m.where.length && text.every((f) => f.field === text[0].field)) {
      column = catColumn(t, text[0].field);
      columnField = text[0].field;
      table = new Float64Array(column.values.length + 1).fill(1);
    }
  } else {
    num = numColumn(t, field!).v;
  }
  const rest: Filter[] = [];
  for (const f of m.where) {
    if (column && table && isTextFilter(f) && f.field === columnField) {
      const ok = passingCodes(column, f);
      for (let k = 0; k < table.length; k++) if (!ok[k]) table[k] = NaN;
    } else rest.push(f);
  }
  const src: RowSource = { codes: column ? column.codes : null, table, num, constant: 1, mask: filterMask(t, rest) };
  ctx.memo.set(key, src);
  return src;
}

/**
 * What each row of the tab contributes to a rows measure (window aside): NaN when
 * the row is left out (filtered, not in the value map, no number in the field);
 * for `distinct`, the value's category code. Cached per measure.
 */
export function rowValues(ctx: Ctx, m: RowsMeasure): Float64Array {
  const key = `rowvalues:${m.id}`;
  const hit = ctx.memo.get(key) as Float64Array | undefined;
  if (hit) return hit;
  const { codes, table, num, constant, mask } = rowSource(ctx, m);
  const n = ctx.tabs[m.tab].rows.length;
  const out = new Float64Array(n);
  if (codes && table) for (let i = 0; i < n; i++) out[i] = table[codes[i] + 1];
  else if (num) out.set(num);
  else out.fill(constant);
  if (mask) for (let i = 0; i < n; i++) if (!mask[i]) out[i] = NaN;
  ctx.memo.set(key, out);
  return out;
}

/**
 * Per-month partial aggregates of a rows measure over the whole tab (one pass),
 * so that every window made of whole months — the period, each month of it, the
 * previous period — is a sum over a few months instead of another pass over the
 * rows. Used for dated tabs and Attendance (a row never spans two months); not
 * for Reviews (a review period may be a quarter) nor `distinct`.
 */
interface MonthPartials {
  /** Month number (year × 12 + month − 1) of slot 0. */
  first: number;
  months: number;
  size: number;
  cnt: Float64Array;
  acc: Float64Array;
}

/** Above this many (month × person) cells the partials are not worth their memory. */
const PARTIAL_CELLS = 2_000_000;

function monthPartials(ctx: Ctx, m: RowsMeasure, size: number): MonthPartials | null {
  if (m.tab === 'reviews' || m.tab === 'nominations' || m.agg === 'distinct') return null;
  const key = `partials:${m.id}`;
  if (ctx.memo.has(key)) return ctx.memo.get(key) as MonthPartials | null;
  const t = ctx.tabs[m.tab];
  const { codes, table, num, constant, mask } = rowSource(ctx, m);
  const lo = t.monthLo;
  const months = t.monthHi >= lo ? t.monthHi - lo + 1 : 0;
  if (months * size > PARTIAL_CELLS) {
    ctx.memo.set(key, null);
    return null;
  }
  const cnt = new Float64Array(months * size);
  const acc = new Float64Array(months * size);
  const isMin = m.agg === 'min';
  const isMax = m.agg === 'max';
  if (isMin || isMax) acc.fill(NaN);
  const byDept = m.of === 'department';
  const staff = t.staff;
  const from = t.from;
  const deptOf = ctx.deptOf;
  const n = t.rows.length;
  for (let i = 0; i < n; i++) {
    const s = staff[i];
    if (s < 0 || (mask !== null && mask[i] === 0)) continue;
    const v = codes !== null ? table![codes[i] + 1] : num !== null ? num[i] : constant;
    if (v !== v) continue;
    const slot = (((from[i] / 31) | 0) - lo) * size + (byDept ? deptOf[s] : s);
    cnt[slot] += 1;
    if (isMin) { if (!(acc[slot] <= v)) acc[slot] = v; }
    else if (isMax) { if (!(acc[slot] >= v)) acc[slot] = v; }
    else acc[slot] += v;
  }
  const out = { first: lo, months, size, cnt, acc };
  ctx.memo.set(key, out);
  return out;
}

function monthNumber(day: string): number {
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
}

function evalRows(ctx: Ctx, m: RowsMeasure, window: Period): Vec {
  const w = m.offset ? shiftPeriod(window, m.offset) : window;
  const byDept = m.of === 'department';
  const size = byDept ? ctx.depts.length : ctx.n;
  const agg = m.agg;
  const sum = new Float64Array(size);
  const cnt = new Float64Array(size);
  const ext = new Float64Array(size).fill(NaN);
  const sets: (Set<number> | undefined)[] = agg === 'distinct' ? new Array(size) : [];
  const part = monthPartials(ctx, m, size);
  if (part) {
    const from = Math.max(monthNumber(w.start), part.first);
    const to = Math.min(monthNumber(w.end), part.first + part.months - 1);
    for (let mo = from; mo <= to; mo++) {
      const base = (mo - part.first) * size;
      for (let k = 0; k < size; k++) {
        const c = part.cnt[base + k];
        if (c === 0) continue;
        cnt[k] += c;
        const a = part.acc[base + k];
        if (agg === 'min') { if (!(ext[k] <= a)) ext[k] = a; }
        else if (agg === 'max') { if (!(ext[k] >= a)) ext[k] = a; }
        else sum[k] += a;
      }
    }
  } else {
    const t = ctx.tabs[m.tab];
    const vals = rowValues(ctx, m);
    const [ks, ke] = windowKeys(w);
    const staff = t.staff;
    const fromK = t.from;
    const toK = t.to;
    for (let i = 0; i < vals.length; i++) {
      const s = staff[i];
      if (s < 0 || fromK[i] < ks || toK[i] > ke) continue;
      const v = vals[i];
      if (v !== v) continue; // NaN: left out
      const k = byDept ? ctx.deptOf[s] : s;
      cnt[k] += 1;
      if (agg === 'sum' || agg === 'mean') sum[k] += v;
      else if (agg === 'min') { if (!(ext[k] <= v)) ext[k] = v; }
      else if (agg === 'max') { if (!(ext[k] >= v)) ext[k] = v; }
      else if (agg === 'distinct') {
        let set = sets[k];
        if (!set) sets[k] = set = new Set();
        set.add(v);
      }
    }
  }
  const res = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    let v: number;
    switch (agg) {
      case 'count': v = cnt[k]; break;
      case 'sum': v = sum[k]; break;
      case 'mean': v = cnt[k] > 0 ? sum[k] / cnt[k] : NaN; break;
      case 'min': case 'max': v = ext[k]; break;
      case 'distinct': v = sets[k]?.size ?? 0; break;
    }
    res[k] = q6(v * m.scale);
  }
  if (!byDept) return res;
  const out = newVec(ctx.n);
  for (let s = 0; s < ctx.n; s++) out[s] = res[ctx.deptOf[s]];
  return out;
}

/** Department-level values of a `rows` measure with `of: department` (for department criteria). */
export function evalDepartmentRows(ctx: Ctx, id: string, w: Period): Map<string, number> {
  const v = evalMeasure(ctx, id, w);
  const out = new Map<string, number>();
  for (let s = 0; s < ctx.n; s++) {
    const d = ctx.depts[ctx.deptOf[s]];
    if (!out.has(d)) out.set(d, v[s]);
  }
  return out;
}

export function evalCombine(ctx: Ctx, op: string, parts: Vec[], n: number): Vec {
  const out = newVec(n);
  for (let i = 0; i < n; i++) {
    let v = NaN;
    if (op === 'difference' || op === 'ratio') {
      const a = parts[0][i];
      const b = parts[1][i];
      v = op === 'difference' ? a - b : b === 0 ? NaN : a / b;
    } else {
      let acc = NaN;
      let count = 0;
      for (const p of parts) {
        const x = p[i];
        if (Number.isNaN(x)) continue;
        count += 1;
        if (Number.isNaN(acc)) acc = x;
        else if (op === 'first') break;
        else if (op === 'sum' || op === 'mean') acc += x;
        else if (op === 'min') acc = Math.min(acc, x);
        else if (op === 'max') acc = Math.max(acc, x);
      }
      v = op === 'mean' && count > 0 ? acc / count : acc;
    }
    out[i] = q6(v);
  }
  void ctx;
  return out;
}

function evalOver(ctx: Ctx, inner: string, each: Period['kind'], agg: string, w: Period): Vec {
  const subs = subPeriods(w, each);
  const vecs = subs.map((s) => evalMeasure(ctx, inner, s));
  const out = newVec(ctx.n);
  for (let i = 0; i < ctx.n; i++) {
    let acc = NaN;
    let count = 0;
    for (const v of vecs) {
      const x = v[i];
      if (Number.isNaN(x)) continue;
      count += 1;
      if (Number.isNaN(acc)) acc = x;
      else if (agg === 'sum' || agg === 'mean') acc += x;
      else if (agg === 'min') acc = Math.min(acc, x);
      else if (agg === 'max') acc = Math.max(acc, x);
    }
    out[i] = q6(agg === 'count' ? count : agg === 'mean' && count > 0 ? acc / count : acc);
  }
  return out;
}

function evalWins(ctx: Ctx, award: string, each: Period['kind'], w: Period): Vec {
  const out = new Float64Array(ctx.n);
  for (const s of subPeriods(w, each)) {
    const o = awardOutcome(ctx, award, s);
    if (!o) continue;
    for (const e of o.entries) if (e.won) out[e.idx] += 1;
  }
  return out;
}

function evalScopeMean(ctx: Ctx, v: Vec, scope: 'company' | 'department' | 'group'): Vec {
  const of = scope === 'department' ? ctx.deptOf : scope === 'group' ? ctx.groupOf : new Int32Array(ctx.n);
  const size = scope === 'department' ? ctx.depts.length : scope === 'group' ? ctx.groups.length : 1;
  const sum = new Float64Array(size);
  const cnt = new Float64Array(size);
  for (let i = 0; i < ctx.n; i++) {
    if (Number.isNaN(v[i])) continue;
    sum[of[i]] += v[i];
    cnt[of[i]] += 1;
  }
  const out = newVec(ctx.n);
  for (let i = 0; i < ctx.n; i++) out[i] = cnt[of[i]] > 0 ? q6(sum[of[i]] / cnt[of[i]]) : NaN;
  return out;
}

/**
 * Turnover of each person's department or group in window `w`: members whose
 * leave_date lies in the window ÷ members on Staff on the window's first day
 * (hired on or before it and not left before it). NaN when nobody was there.
 */
function evalTurnover(ctx: Ctx, unit: 'department' | 'group', w: Period): Vec {
  const of = unit === 'department' ? ctx.deptOf : ctx.groupOf;
  const size = unit === 'department' ? ctx.depts.length : ctx.groups.length;
  const atStart = new Float64Array(size);
  const left = new Float64Array(size);
  for (let i = 0; i < ctx.n; i++) {
    const s = ctx.staff[i];
    if (s.hireDate <= w.start && (s.leaveDate === null || s.leaveDate >= w.start)) atStart[of[i]] += 1;
    if (s.leaveDate !== null && s.leaveDate >= w.start && s.leaveDate <= w.end) left[of[i]] += 1;
  }
  const out = newVec(ctx.n);
  for (let i = 0; i < ctx.n; i++) out[i] = atStart[of[i]] > 0 ? q6(left[of[i]] / atStart[of[i]]) : NaN;
  return out;
}
