/**
 * The score (SPEC §3): weighted components normalised to 0–100, blends of parts,
 * fallbacks, components without data left out and the rest rescaled, deductions
 * per unit, floor and cap; and the star bands on top of it. Weights are used as
 * Σ wᵢ·cᵢ / Σ wᵢ, which is the "rescaled to 100" figure without rounding the weights.
 */
import type { Component, LeafComponent } from '../scheme/model';
import type { Period } from '../periods';
import { toFen } from '../money';
import { newVec, round2, type Ctx, type Vec } from './context';
import { evalMeasure } from './measures';

export interface ScoreResult {
  /** Total, rounded to 2 decimals; NaN when no component has data. */
  total: Vec;
  /** Each component (top level and parts) 0–100, full precision; NaN = no data. */
  components: Map<string, Vec>;
  /** Component ids left out for a person (no data), by person index. */
  missing: Map<number, string[]>;
  /** Component ids where a fallback was used, by person index. */
  fallback: Map<number, string[]>;
  /** Deducted points per person (0 when none). */
  deducted: Vec;
}

export interface StarsResult {
  /** Stars 1–5, NaN when no band applies. */
  stars: Vec;
  bonusFen: Float64Array;
  /** The figure banded (score or the stars measure). */
  value: Vec;
}

function normalise(v: number, n: { min: number; max: number } | undefined): number {
  if (Number.isNaN(v)) return NaN;
  const x = n ? ((v - n.min) / (n.max - n.min)) * 100 : v;
  return Math.min(100, Math.max(0, x));
}

function leafVec(ctx: Ctx, c: LeafComponent | Component, w: Period, used: Map<number, string[]>): Vec {
  const base = evalMeasure(ctx, c.measure!, w);
  const fb = c.fallback ? evalMeasure(ctx, c.fallback.measure, w) : null;
  const out = newVec(ctx.n);
  for (let i = 0; i < ctx.n; i++) {
    let v = normalise(base[i], c.normalize);
    if (Number.isNaN(v) && fb && c.fallback) {
      v = normalise(fb[i], c.fallback.normalize);
      if (!Number.isNaN(v)) push(used, i, c.id);
    }
    out[i] = v;
  }
  return out;
}

function push(map: Map<number, string[]>, i: number, id: string): void {
  const l = map.get(i);
  if (l) l.push(id);
  else map.set(i, [id]);
}

/** The score of every person in window `w` (cached per window). */
export function scoreOf(ctx: Ctx, w: Period): ScoreResult {
  const key = `score@${w.id}`;
  const hit = ctx.memo.get(key) as ScoreResult | undefined;
  if (hit) return hit;
  const sc = ctx.scheme.score;
  const n = ctx.n;
  const res: ScoreResult = { total: newVec(n), components: new Map(), missing: new Map(), fallback: new Map(), deducted: new Float64Array(n) };
  ctx.memo.set(key, res);
  if (!sc) return res;
  const rescale = sc.missing === 'rescale';
  const top: Vec[] = [];
  for (const c of sc.components) {
    let v: Vec;
    if (c.parts) {
      const parts = c.parts.map((p) => {
        const pv = leafVec(ctx, p, w, res.fallback);
        res.components.set(p.id, pv);
        return pv;
      });
      v = newVec(n);
      const totalW = c.parts.reduce((a, p) => a + p.weight, 0);
      for (let i = 0; i < n; i++) {
        let acc = 0;
        let ws = 0;
        c.parts.forEach((p, j) => {
          const x = parts[j][i];
          if (Number.isNaN(x)) {
            if (!rescale) ws += p.weight;
            return;
          }
          acc += p.weight * x;
          ws += p.weight;
        });
        const any = c.parts.some((_, j) => !Number.isNaN(parts[j][i]));
        v[i] = any && ws > 0 ? acc / (rescale ? ws : totalW) : NaN;
      }
    } else {
      v = leafVec(ctx, c, w, res.fallback);
    }
    res.components.set(c.id, v);
    top.push(v);
  }
  const totalW = sc.components.reduce((a, c) => a + c.weight, 0);
  const ded = sc.deductions.map((d) => ({ v: evalMeasure(ctx, d.measure, w), points: d.points }));
  for (let i = 0; i < n; i++) {
    let acc = 0;
    let ws = 0;
    let any = false;
    sc.components.forEach((c, j) => {
      const x = top[j][i];
      if (Number.isNaN(x)) {
        if (c.weight > 0) push(res.missing, i, c.id);
        return;
      }
      any = true;
      acc += c.weight * x;
      ws += c.weight;
    });
    if (!any) {
      res.missing.delete(i);
      continue;
    }
    const denom = rescale ? ws : totalW;
    let t = denom > 0 ? acc / denom : 0;
    let d = 0;
    for (const x of ded) {
      const u = x.v[i];
      if (!Number.isNaN(u)) d += u * x.points;
    }
    t -= d;
    res.deducted[i] = d;
    if (sc.floor !== undefined) t = Math.max(sc.floor, t);
    if (sc.cap !== undefined) t = Math.min(sc.cap, t);
    res.total[i] = round2(t);
  }
  return res;
}

/** One component's values (for `component` measures). */
export function componentOf(ctx: Ctx, w: Period, id: string): Vec {
  return scoreOf(ctx, w).components.get(id) ?? newVec(ctx.n);
}

/** Stars and their bonus for every person in window `w`. */
export function starsOf(ctx: Ctx, w: Period): StarsResult {
  const key = `stars@${w.id}`;
  const hit = ctx.memo.get(key) as StarsResult | undefined;
  if (hit) return hit;
  const st = ctx.scheme.stars;
  const n = ctx.n;
  const res: StarsResult = { stars: newVec(n), bonusFen: new Float64Array(n), value: newVec(n) };
  ctx.memo.set(key, res);
  if (!st) return res;
  const value = st.measure ? evalMeasure(ctx, st.measure, w) : scoreOf(ctx, w).total;
  const bands = [...st.bands].sort((a, b) => b.min - a.min);
  for (let i = 0; i < n; i++) {
    const v = value[i];
    res.value[i] = v;
    if (Number.isNaN(v)) continue;
    const band = bands.find((b) => v >= b.min);
    if (!band) continue;
    res.stars[i] = band.stars;
    res.bonusFen[i] = toFen(band.bonus);
  }
  return res;
}
