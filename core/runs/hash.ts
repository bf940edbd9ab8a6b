/**
 * Small pure hashes for the Runs log, written without BigInt, TextEncoder or
 * crypto so they give the same values in Node, Apps Script V8 and browsers:
 * - FNV-1a 64 over UTF-8 bytes, plus a canonical JSON form (sorted keys), for
 *   result snapshot digests and the first fingerprint format;
 * - Lanes64, a two-lane 32-bit hash fed straight from values (strings as their
 *   UTF-16 code units), for input fingerprints of a million rows (format 2).
 * Not cryptographic: they detect edits, they do not resist forgery, which is
 * all a Runs log needs.
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

  /**
   * Feed a string as UTF-8 (lone surrogates become U+FFFD, as TextEncoder does).
   * The bytes are produced and hashed in one pass (the same bytes as utf8()):
   * no buffer per call, which at a row hash per input row was most of the cost.
   */
  update(text: string): this {
    let h0 = this.h0, h1 = this.h1, h2 = this.h2, h3 = this.h3;
    const n = text.length;
    // One FNV-1a step per byte; `pending` holds up to 4 bytes of the current character (low byte first).
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      let pending: number;
      let count: number;
      if (c < 0x80) {
        pending = c;
        count = 1;
      } else {
        c = scalarAt(text, i);
        if (c > 0xffff) i++;
        if (c < 0x800) {
          pending = (0xc0 | (c >> 6)) | ((0x80 | (c & 0x3f)) << 8);
          count = 2;
        } else if (c < 0x10000) {
          pending = (0xe0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
          count = 3;
        } else {
          pending = ((0xf0 | (c >> 18)) | ((0x80 | ((c >> 12) & 0x3f)) << 8) | ((0x80 | ((c >> 6) & 0x3f)) << 16) | ((0x80 | (c & 0x3f)) << 24)) >>> 0;
          count = 4;
        }
      }
      for (; count > 0; count--) {
        h0 ^= pending & 0xff;
        pending >>>= 8;
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

  /** The first 8 of hex()'s digits (the high 32 bits), without making the other 8 (by table: Number#toString(16) is slow). */
  hex8(): string {
    const h3 = this.h3, h2 = this.h2;
    return HEX2[h3 >> 8] + HEX2[h3 & 0xff] + HEX2[h2 >> 8] + HEX2[h2 & 0xff];
  }

  /** The high 32 bits as a number: hex8() is hex8Of(high32()), and numbers sort as those digits do. */
  high32(): number {
    return this.h3 * 0x10000 + this.h2;
  }

  /** Back to the FNV-1a 64 offset basis, so one state can hash many rows. */
  reset(): this {
    this.h0 = 0x2325;
    this.h1 = 0x8422;
    this.h2 = 0x9ce4;
    this.h3 = 0xcbf2;
    return this;
  }
}

/** Two lower-case hex digits per byte value. */
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 8 lower-case hex digits of a number in [0, 2^32). */
export function hex8Of(n: number): string {
  return HEX2[(n >>> 24) & 0xff] + HEX2[(n >>> 16) & 0xff] + HEX2[(n >>> 8) & 0xff] + HEX2[n & 0xff];
}

/**
 * The character at `i` as UTF-8 encodes it: a surrogate pair as one code point (over 0xffff: two code
 * units), a lone surrogate as U+FFFD, as TextEncoder does.
 */
function scalarAt(text: string, i: number): number {
  const c = text.codePointAt(i)!;
  return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
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
    c = scalarAt(text, i);
    if (c > 0xffff) i++;
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
 * Feed canonicalJson(value, omitKeys) into `hash` without building that string:
 * the same bytes, but a flat object's fields are hashed piece by piece (a row hash
 * per input row made and dropped a few hundred thousand strings per run).
 */
export function updateCanonicalJson(hash: Fnv64, value: unknown, omitKeys: ReadonlySet<string> = EMPTY): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
    hash.update(canonicalJson(value, omitKeys));
    return;
  }
  const obj = value as Record<string, unknown>;
  let first = true;
  hash.update('{');
  for (const entry of sortedKeys(Object.keys(obj), omitKeys)) {
    const v = obj[entry[0]];
    if (v === undefined) continue;
    if (first) first = false;
    else hash.update(',');
    hash.update(entry[2]);
    if (typeof v === 'string') {
      if (jsonPlain(v)) hash.update('"').update(v).update('"');
      else hash.update(JSON.stringify(v));
    } else if (typeof v === 'number') hash.update(Number.isFinite(v) ? String(v) : 'null'); // JSON.stringify of a finite number is String()
    else if (v === null) hash.update('null');
    else if (typeof v === 'boolean') hash.update(v ? 'true' : 'false');
    else hash.update(canonicalJson(v));
  }
  hash.update('}');
}

/** Whether JSON.stringify(s) is s in quotes: no quote, backslash, control character or surrogate to escape. */
function jsonPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/**
 * Sorted, quoted keys for an object's key list, cached by shape: the rows of one
 * tab share their keys, so a large tab sorts its keys once, not once per row.
 */
const omitSigs = new WeakMap<ReadonlySet<string>, string>();
/** Per key: the key, the key as JSON, the key as JSON followed by a colon. */
type SortedKey = [string, string, string];
const keyCache = new Map<string, SortedKey[]>();
let lastKeys: string[] = [];
let lastOmit: ReadonlySet<string> | null = null;
let lastHit: SortedKey[] = [];
function sortedKeys(keys: string[], omit: ReadonlySet<string>): SortedKey[] {
  // Rows of one tab come one after another with the same keys: compare with the last list
  // (key strings are interned, so this is a pointer compare per key) before building its signature.
  if (omit === lastOmit && keys.length === lastKeys.length) {
    let same = true;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== lastKeys[i]) { same = false; break; }
    if (same) return lastHit;
  }
  const hit = sortedKeysBySignature(keys, omit);
  lastKeys = keys;
  lastOmit = omit;
  lastHit = hit;
  return hit;
}

function sortedKeysBySignature(keys: string[], omit: ReadonlySet<string>): SortedKey[] {
  let omitSig = omitSigs.get(omit);
  if (omitSig === undefined) {
    omitSig = [...omit].join('\u0001');
    omitSigs.set(omit, omitSig);
  }
  const sig = `${omitSig}\u0002${keys.join('\u0001')}`;
  let hit = keyCache.get(sig);
  if (!hit) {
    hit = keys.filter((k) => !omit.has(k)).sort(byCodeUnit).map((k): SortedKey => [k, JSON.stringify(k), `${JSON.stringify(k)}:`]);
    // Schemes and odd objects could have many shapes; keep the cache bounded.
    if (keyCache.size > 1000) keyCache.clear();
    keyCache.set(sig, hit);
  }
  return hit;
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- Lanes64: the fast value hash of input fingerprints (format 2) ----

/** Type tags: each value fed starts with one, so a value can never read as another type or run into the next field. */
const TAG_NULL = 1;
const TAG_FALSE = 2;
const TAG_TRUE = 3;
const TAG_INT = 4;
const TAG_FLOAT = 5;
/** A string's tag word also holds its length (tag in the low 3 bits): the fields are prefix-free. */
const TAG_STRING = 6;
const TAG_JSON = 7;

const SEED_A = 0x9747b28c;
const SEED_B = 0x165667b1;

const F64 = new DataView(new ArrayBuffer(8));

/**
 * Two independent 32-bit lanes fed with 32-bit words: lane A is MurmurHash3's
 * block step, lane B is xxHash32's round, each with its own finaliser. Values
 * go in without building any string or byte array (a string is its UTF-16 code
 * units, two per word), so hashing a row costs a few multiplications per
 * field. Every step is `Math.imul`, shifts and `| 0`, exact in every engine.
 * One instance is reused row after row: `reset`, feed the fields, `finish`,
 * then read `a` and `b`.
 */
export class Lanes64 {
  a = SEED_A;
  b = SEED_B;

  reset(): this {
    this.a = SEED_A;
    this.b = SEED_B;
    return this;
  }

  /** Feed one 32-bit word to both lanes. */
  word(w: number): void {
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    let a = this.a ^ Math.imul(k, 0x1b873593);
    a = (a << 13) | (a >>> 19);
    this.a = (Math.imul(a, 5) + 0xe6546b64) | 0;
    let b = (this.b + Math.imul(w, 0x85ebca77)) | 0;
    b = (b << 13) | (b >>> 19);
    this.b = Math.imul(b, 0x9e3779b1);
  }

  /** A string: tag and length, then its code units two per word (lone surrogates are code units like any other). */
  str(s: string): void {
    const n = s.length;
    let a = this.a;
    let b = this.b;
    let i = 0;
    let w = (n << 3) | TAG_STRING;
    for (;;) {
      let k = Math.imul(w, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      a ^= Math.imul(k, 0x1b873593);
      a = (a << 13) | (a >>> 19);
      a = (Math.imul(a, 5) + 0xe6546b64) | 0;
      b = (b + Math.imul(w, 0x85ebca77)) | 0;
      b = (b << 13) | (b >>> 19);
      b = Math.imul(b, 0x9e3779b1);
      if (i + 1 < n) {
        w = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
        i += 2;
      } else if (i < n) {
        w = s.charCodeAt(i);
        i++;
      } else break;
    }
    this.a = a;
    this.b = b;
  }

  /**
   * A number: integers in one word, others as their IEEE-754 bits (little-endian,
   * fixed so every host agrees). −0 is 0 and non-finite numbers are null, as in
   * the canonical JSON form.
   */
  num(x: number): void {
    if ((x | 0) === x) {
      this.word(TAG_INT);
      this.word(x | 0);
    } else if (x - x !== 0) {
      this.word(TAG_NULL);
    } else {
      F64.setFloat64(0, x, true);
      this.word(TAG_FLOAT);
      this.word(F64.getInt32(0, true));
      this.word(F64.getInt32(4, true));
    }
  }

  /** Any value a record field may hold; objects (never in normalised records) go in as canonical JSON. */
  value(v: unknown): void {
    if (typeof v === 'string') this.str(v);
    else if (typeof v === 'number') this.num(v);
    else if (v === null || v === undefined) this.word(TAG_NULL);
    else if (typeof v === 'boolean') this.word(v ? TAG_TRUE : TAG_FALSE);
    else {
      this.word(TAG_JSON);
      this.str(canonicalJson(v));
    }
  }

  /** Finalise both lanes (each lane's own avalanche); read the result from `a` and `b`. */
  finish(): this {
    let a = this.a;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    a = Math.imul(a, 0xc2b2ae35);
    this.a = a ^ (a >>> 16);
    let b = this.b;
    b ^= b >>> 15;
    b = Math.imul(b, 0x85ebca77);
    b ^= b >>> 13;
    b = Math.imul(b, 0xc2b2ae3d);
    this.b = b ^ (b >>> 16);
    return this;
  }

  /** The finished lanes as 16 lower-case hex digits (lane A first). */
  hex(): string {
    return hex32(this.a) + hex32(this.b);
  }
}

function hex32(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}

/** Lanes64 of one string, as 16 hex digits. */
export function lanes64(text: string): string {
  const h = new Lanes64();
  h.str(text);
  return h.finish().hex();
}
