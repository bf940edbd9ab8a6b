/**
 * Measures (SPEC §3): per-person figures in a window. A `rows` measure is one
 * pass over the rows of its window (binary-searched in the date-sorted tab index);
 * the result for every person is computed at once and cached by window.
 */
import type { Filter, Measure, RowsMeasure } from '../scheme/model';
import { shiftPeriod, subPeriods, type Period } from '../periods';
import { newVec, q6, windowRange, type Ctx, type Vec } from './context';
import { scoreOf, starsOf, componentOf } from './score';
import { awardOutcome } from './awards';

/** The values of measure `id` for every person in window `w`. */
export function evalMeasure(ctx: Ctx, id: string, w: Period): Vec {
  const key = `${id}@${w.id}`;
  const hit = ctx.cache.get(key);
  if (hit) return hit;
  const m = ctx.measures.get(id);
  // Validation guarantees the reference; an empty vector keeps a bad call harmless.
  const v = m ? compute(ctx, m, w) : newVec(ctx.n);
  ctx.cache.set(key, v);
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
  }
}

type Pred = (r: Record<string, unknown>) => boolean;

function norm(v: unknown): string {
  return String(v ?? '').trim().toLowerCase();
}

/** Compile filters once per measure evaluation. Strings compare case-insensitively. */
export function compileFilters(filters: Filter[]): Pred {
  const preds: Pred[] = filters.map((f) => {
    const field = f.field;
    const val = f.value;
    if (f.op === 'in' || f.op === 'not_in') {
      const set = new Set((Array.isArray(val) ? val : [val]).map(norm));
      const neg = f.op === 'not_in';
      return (r) => set.has(norm(r[field])) !== neg;
    }
    if (typeof val === 'number') {
      return (r) => {
        const x = r[field];
        if (typeof x !== 'number' || Number.isNaN(x)) return f.op === '!=';
        switch (f.op) {
          case '=': return x === val;
          case '!=': return x !== val;
          case '>=': return x >= val;
          case '>': return x > val;
          case '<=': return x <= val;
          case '<': return x < val;
          default: return false;
        }
      };
    }
    const s = norm(val);
    switch (f.op) {
      case '=': return (r) => norm(r[field]) === s;
      case '!=': return (r) => norm(r[field]) !== s;
      case '>=': return (r) => norm(r[field]) >= s;
      case '>': return (r) => norm(r[field]) > s;
      case '<=': return (r) => norm(r[field]) <= s;
      case '<': return (r) => norm(r[field]) < s;
      default: return () => false;
    }
  });
  if (preds.length === 0) return () => true;
  if (preds.length === 1) return preds[0];
  return (r) => preds.every((p) => p(r));
}

/**
 * The value one row contributes to a rows measure, or null when the row is left
 * out (filtered, not in the value map, no number in the field).
 */
export function rowValueFn(m: RowsMeasure): (r: Record<string, unknown>) => number | string | null {
  const pred = compileFilters(m.where);
  const field = m.field;
  if (m.map) {
    const map = new Map(Object.entries(m.map).map(([k, v]) => [norm(k), v]));
    return (r) => {
      if (!pred(r)) return null;
      const v = map.get(norm(r[field!]));
      return v === undefined ? null : v;
    };
  }
  if (m.agg === 'count') return (r) => (pred(r) ? 1 : null);
  if (m.agg === 'distinct') {
    return (r) => {
      if (!pred(r)) return null;
      const x = r[field!];
      return x === null || x === undefined || x === '' ? null : norm(x);
    };
  }
  return (r) => {
    if (!pred(r)) return null;
    const x = r[field!];
    if (typeof x === 'number') return Number.isFinite(x) ? x : null;
    if (typeof x === 'boolean') return x ? 1 : 0;
    return null;
  };
}

function evalRows(ctx: Ctx, m: RowsMeasure, window: Period): Vec {
  const w = m.offset ? shiftPeriod(window, m.offset) : window;
  const t = ctx.tabs[m.tab];
  const [lo, hi] = windowRange(t, w);
  const valueOf = rowValueFn(m);
  const byDept = m.of === 'department';
  const size = byDept ? ctx.depts.length : ctx.n;
  const target = (s: number) => (byDept ? ctx.deptOf[s] : s);
  const sum = new Float64Array(size);
  const cnt = new Float64Array(size);
  const ext = new Float64Array(size).fill(NaN);
  const sets: (Set<string> | undefined)[] = m.agg === 'distinct' ? new Array(size) : [];
  const end = w.end;
  for (let i = lo; i < hi; i++) {
    const s = t.staff[i];
    if (s < 0 || t.to[i] > end) continue;
    const v = valueOf(t.rows[i]);
    if (v === null) continue;
    const k = target(s);
    cnt[k] += 1;
    switch (m.agg) {
      case 'count': break;
      case 'distinct': {
        let set = sets[k];
        if (!set) sets[k] = set = new Set();
        set.add(String(v));
        break;
      }
      case 'min': if (!(ext[k] <= (v as number))) ext[k] = v as number; break;
      case 'max': if (!(ext[k] >= (v as number))) ext[k] = v as number; break;
      default: sum[k] += v as number;
    }
  }
  const res = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    let v: number;
    switch (m.agg) {
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
