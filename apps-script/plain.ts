/**
 * google.script.run passes only plain values: a Date in a return value makes the
 * whole call fail, and undefined is silently dropped. Every server function
 * returns through `plain()` so the sidebar always receives what the types say.
 */

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** Deep copy with Date → `YYYY-MM-DD`, undefined → null, NaN/Infinity → null, functions dropped. */
export function plain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out: { [key: string]: Plain } = {};
    for (const key of Object.keys(value as object)) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v === 'function') continue;
      out[key] = plain(v);
    }
    return out;
  }
  return null;
}
