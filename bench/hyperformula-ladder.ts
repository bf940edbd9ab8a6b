/**
 * The HyperFormula ladder's arithmetic (no HyperFormula import, so the report
 * and its tests stay light): which fractions of size S are evaluated, the growth
 * exponent they show, and the prediction that skips a size over the time limit.
 */
import type { HyperFormulaRun } from './hyperformula';
import type { SizeName } from './engine-run';
import { SIZES } from './generate';

/**
 * Fractions of size S the ladder evaluates (100, 200 and 400 staff with 5,000–20,000
 * feedback rows). A step runs only when the steps before predict it within the time
 * limit; each doubling costs HyperFormula about 4.5× (measured).
 */
export const HF_LADDER = [0.1, 0.2, 0.4] as const;

/**
 * HyperFormula's time for `size`, extrapolated from the last two runs done
 * (ladder or sizes) by the power law they show (t ∝ scale^e); null with fewer
 * than two runs. Used only to skip a size that would hit the time limit, and
 * said as a prediction, never reported as a measurement.
 */
export function predictHyperFormulaMs(done: HyperFormulaRun[], size: SizeName, fraction = 1): number | null {
  const scale = (h: HyperFormulaRun) => (SIZES[h.size].feedback * (h.fraction ?? 1));
  const pts = done.filter((h) => h.evaluateMs > 0).sort((a, b) => scale(a) - scale(b));
  if (pts.length < 2) return null;
  const [a, b] = pts.slice(-2);
  if (scale(b) <= scale(a)) return null;
  const e = Math.log(b.evaluateMs / a.evaluateMs) / Math.log(scale(b) / scale(a));
  return b.evaluateMs * Math.pow((SIZES[size].feedback * fraction) / scale(b), e);
}

/** The growth exponent the ladder shows (t ∝ rows^e), for the report; null with fewer than two runs. */
export function ladderExponent(done: HyperFormulaRun[]): number | null {
  const pts = done.filter((h) => h.fraction !== undefined && h.evaluateMs > 0).sort((x, y) => (x.fraction ?? 0) - (y.fraction ?? 0));
  if (pts.length < 2) return null;
  const a = pts[0];
  const b = pts[pts.length - 1];
  return Math.log(b.evaluateMs / a.evaluateMs) / Math.log((b.fraction ?? 1) / (a.fraction ?? 1));
}
