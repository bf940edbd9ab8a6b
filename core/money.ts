/**
 * Money in integer fen (minor units) inside the engine; yuan only at the edges
 * (scheme amounts in, result JSON and output cells out). Shares use the largest
 * remainder so that a pool is never exceeded and nothing is lost (SPEC §3).
 */

/** Yuan (≤ 2 decimals, as validated by the scheme) → integer fen. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/** Integer fen → yuan as a number with at most 2 decimals (133334 → 1333.34). */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** 1333.34-style text with thousands separators, for messages (`1,333.34`). */
export function formatFen(fen: number): string {
  const neg = fen < 0;
  const abs = Math.abs(Math.round(fen));
  const whole = Math.floor(abs / 100);
  const cents = abs % 100;
  const w = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${w}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Split `totalFen` into `n` equal shares by largest remainder: every share gets
 * ⌊total / n⌋ and the leftover fen go one each to the first shares (callers order
 * the recipients by staff id). 200000 × 2 over 3 → 133334, 133333, 133333.
 */
export function splitEvenly(totalFen: number, n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(totalFen / n);
  const left = totalFen - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < left ? 1 : 0));
}

/** Each place of a pool: ⌊budget ÷ quota⌋ fen (what cannot be split stays unspent). */
export function perPlace(budgetFen: number, quota: number): number {
  return quota > 0 ? Math.floor(budgetFen / quota) : 0;
}
