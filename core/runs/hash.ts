/**
 * A small pure hash for input fingerprints: FNV-1a 64-bit over UTF-8 bytes,
 * plus a canonical JSON form (sorted keys) so equal data always hashes equal.
 * Not cryptographic: it detects edits, it does not resist forgery, which is all
 * a Runs log needs. Written without BigInt or TextEncoder so it runs the same
 * in Node, Apps Script V8 and Office.js.
 */

/**
 * An incremental FNV-1a 64 state in four 16-bit limbs: every intermediate stays a
 * small integer, which V8 keeps fast (a 1,000,000-row tab must hash in seconds).
 * The FNV 64-bit prime is 2^40 + 0x1b3: multiply by 0x1b3, then add h << 40.
 */
export class Fnv64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  /** Feed a string as UTF-8 (lone surrogates become U+FFFD, as TextEncoder does). */
  update(text: string): this {
    const bytes = utf8(text);
    let h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3;
    for (let k = 0; k < bytes.length; k++) {
      h0 ^= bytes[k];
      const t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3;
      let t2 = h2 * 0x1b3 + (h0 << 8);
      const t3 = h3 * 0x1b3 + (h1 << 8);
      t1 += t0 >>> 16;
      t2 += t1 >>> 16;
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h3 = (t3 + (t2 >>> 16)) & 0xffff;
      h2 = t2 & 0xffff;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    return this;
  }

  /** 16 lower-case hex digits. */
  hex(): string {
    const x = (v: number): string => v.toString(16).padStart(4, '0');
    return x(this.h3) + x(this.h2) + x(this.h1) + x(this.h0);
  }
}

/** UTF-8 bytes of a string, written out by hand (TextEncoder is not in every host). */
export function utf8(text: string): Uint8Array {
  const n = text.length;
  const out = new Uint8Array(n * 3);
  let j = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[j++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    } else {
      // A surrogate pair is two UTF-16 units and four UTF-8 bytes: within n * 3.
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 0x3f);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
  return out.subarray(0, j);
}

/** FNV-1a 64 of a string's UTF-8 bytes, as 16 hex digits. */
export function fnv1a64(text: string): string {
  return new Fnv64().update(text).hex();
}

/**
 * JSON with object keys sorted (code-unit order, not locale order, so every host
 * agrees). Keys whose value is undefined are left out, as JSON.stringify does;
 * non-finite numbers become null; a Date becomes its ISO text.
 */
export function canonicalJson(value: unknown, omitKeys: ReadonlySet<string> = EMPTY): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'null' : JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    let out = '{';
    for (const [k, quoted] of sortedKeys(Object.keys(obj), omitKeys)) {
      const v = obj[k];
      if (v === undefined) continue;
      if (out.length > 1) out += ',';
      out += quoted + ':' + (typeof v === 'string' ? JSON.stringify(v) : canonicalJson(v));
    }
    return out + '}';
  }
  return 'null'; // functions, symbols, bigints: not data
}

const EMPTY: ReadonlySet<string> = new Set();

/**
 * Sorted, quoted keys for an object's key list, cached by shape: the rows of one
 * tab share their keys, so a large tab sorts its keys once, not once per row.
 */
const omitSigs = new WeakMap<ReadonlySet<string>, string>();
const keyCache = new Map<string, [string, string][]>();
function sortedKeys(keys: string[], omit: ReadonlySet<string>): [string, string][] {
  let omitSig = omitSigs.get(omit);
  if (omitSig === undefined) {
    omitSig = [...omit].join('\u0001');
    omitSigs.set(omit, omitSig);
  }
  const sig = `${omitSig}\u0002${keys.join('\u0001')}`;
  let hit = keyCache.get(sig);
  if (!hit) {
    hit = keys.filter((k) => !omit.has(k)).sort(byCodeUnit).map((k) => [k, JSON.stringify(k)]);
    // Schemes and odd objects could have many shapes; keep the cache bounded.
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(sig, hit);
  }
  return hit;
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
