/**
 * Copied-case detection and case-text helpers (seed 000, 感动顾客优秀服务案例:
 * 不摘抄、不重复利用相同案例; SPEC §4 case-collection).
 *
 * What "the same" means here, precisely:
 *
 * 1. Normalisation: the text is NFKC-normalised (full-width letters and digits fold
 *    to half-width), lower-cased, and every code point that is not a letter (L), a
 *    combining mark (M) or a number (N) is dropped: white space, ASCII and CJK
 *    punctuation (，。、；：？！“”（）《》…), symbols (★ ￥ emoji) and control
 *    characters. Only the first 2^20 code points are used (a spreadsheet cell
 *    holds at most 50,000 characters).
 * 2. Shingles: the SET of overlapping 5-code-point substrings of the normalised
 *    text (a CJK character is one code point). A text with fewer than 5 code points
 *    after normalisation has no shingles: it is never a copy and never a source.
 * 3. Containment of B in A: |S(B) ∩ S(A)| / |S(B)|, i.e. the share of B's shingles
 *    that also occur in A. Changing one character breaks at most 5 shingles, so a
 *    400-character case with ~8 characters changed keeps ≥ 90 % containment.
 * 4. Case B is a copy of case A (threshold θ = 0.80) when
 *    - A was submitted in an earlier calendar month and containment(B in A) ≥ θ:
 *      the later case is judged by how much of it is old text (a later case that
 *      quotes an old one but adds ≥ 20 % of its own is not a copy); or
 *    - A and B were submitted in the same month and containment(B in A) ≥ θ OR
 *      containment(A in B) ≥ θ: cases of one month arrive together (deadline the
 *      25th), so the pair counts in both directions and the copier is the one
 *      submitted later, then the later row (then the later tab name); the other
 *      is the source. Its similarity is the larger of the two containments.
 *    A case of a later month never makes an earlier case a copy, and the earlier
 *    case of a same-month pair is never the copier.
 *    For each copy the reported source is the best match: highest similarity,
 *    then the earliest case (date, row, tab).
 *
 * Scaling: cases are never compared pairwise. Every case's shingles are hashed
 * (seeded FNV-1a over code points + a 32-bit finaliser; deterministic) into one
 * inverted index (a radix-sorted (hash, case) array → posting lists). For each
 * case B, the posting lists of its rare shingles (in ≤ 16 cases) are walked,
 * counting shared shingles per candidate; the middle ones (≤ `commonLimit`, default
 * 200 cases) only when the rare ones cannot decide. Shingles not walked are
 * counted, not ignored: a case A can reach ⌈θ·|S(B)|⌉ shared shingles only if
 * walkedShared(A) + notWalked(B) + collisions(B) ≥ ⌈θ·|S(B)|⌉, a necessary
 * condition, so no copy is lost. Candidates then pass a hashed-overlap merge and
 * an exact check on the shingle strings, so the result never depends on hash
 * collisions. 20,000 cases of ~400 characters take about 1.5 s (bench/copies.ts).
 *
 * Template-dominated cases: when ≥ 80 % of B's shingles are common (B is mostly
 * the uniform template or stock phrases) the bound above decides nothing and
 * exactness means walking the long posting lists of B's common shingles. That is
 * done when the total walk over all such cases stays within `fallbackBudget`
 * postings (default 20,000,000, a few hundred ms). Beyond it (a workbook where
 * thousands of cases are collages of the same stock sentences) those cases are
 * compared only with cases sharing at least one of their rare shingles (in ≤ 16 cases) —
 * which still finds a copy that kept any of its source's own wording — and are
 * listed in `approximate` so the caller can say so. The decision is taken once
 * for the whole input, so it does not depend on the order of the cases.
 */
import type { Day } from '../types';

/** What copy detection needs of a case (CaseRecord satisfies it). */
export interface CopyCandidate {
  date: Day;
  tab: string;
  row: number;
  text: string;
}

export interface CopyMatch {
  /** Index (in the input array) of the case that is a copy. */
  index: number;
  /** Index of the case it matches (the source). */
  source: number;
  /** Where the source is, for the user: its tab and row. */
  sourceTab: string;
  sourceRow: number;
  /** Containment of the copy in the source (same month: the larger of both directions), 0..1. */
  similarity: number;
}

export interface CopyReport {
  /** Every copy with its best source, in input order. */
  copies: CopyMatch[];
  /** Template-dominated cases checked only against cases sharing rare text (see header). */
  approximate: number[];
}

export interface CopyOptions {
  /** Containment at or above which a case is a copy (default 0.8). */
  threshold?: number;
  /** Shingles in more cases than this are not walked in the index (default 200). */
  commonLimit?: number;
  /** Postings the exact walk for template-dominated cases may visit in total (default 20,000,000). */
  fallbackBudget?: number;
}

export const SHINGLE = 5;
export const DEFAULT_COPY_THRESHOLD = 0.8;
export const DEFAULT_COMMON_LIMIT = 200;
export const DEFAULT_FALLBACK_BUDGET = 20_000_000;
/** Shingles in at most this many cases are always walked; rarer ones decide most cases alone. */
const RARE_DF = 16;
const MAX_CODE_POINTS = 1 << 20;
const HASH_SEED = 0x9e3779b9;

const DROP = /[^\p{L}\p{M}\p{N}]/gu;
const NOT_COUNTED = /[\s\p{Z}\p{Cc}\p{Cf}]/u;

/** The normalised text used for comparison (see the file header, step 1). */
export function normalizeCaseText(text: string): string {
  return String(text ?? '').normalize('NFKC').toLowerCase().replace(DROP, '');
}

/**
 * Characters of a case for the 300-character template rule: code points, with
 * white space (incl. the full-width space) and control/format characters left
 * out. A CJK character counts 1, punctuation counts (as Word's 字数 does).
 */
export function countChars(text: string): number {
  let n = 0;
  for (const ch of String(text ?? '')) if (!NOT_COUNTED.test(ch)) n++;
  return n;
}

function codePoints(normalized: string): Int32Array {
  const out = new Int32Array(Math.min(normalized.length, MAX_CODE_POINTS));
  let n = 0;
  for (const ch of normalized) {
    if (n === MAX_CODE_POINTS) break;
    out[n++] = ch.codePointAt(0)!;
  }
  return out.subarray(0, n);
}

function shingleHash(cps: Int32Array, at: number): number {
  let h = HASH_SEED;
  for (let k = 0; k < SHINGLE; k++) h = Math.imul(h ^ cps[at + k], 0x01000193);
  // fmix32 (MurmurHash3 finaliser): spreads FNV's weak low bits over the whole word.
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function shingleString(cps: Int32Array, at: number): string {
  return String.fromCodePoint(cps[at], cps[at + 1], cps[at + 2], cps[at + 3], cps[at + 4]);
}

/** The shingle set of a text (for tests and explanations; detection uses hashes). */
export function shingleSet(text: string): Set<string> {
  const cps = codePoints(normalizeCaseText(text));
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= cps.length; i++) out.add(shingleString(cps, i));
  return out;
}

/** Containment of `b` in `a`: share of b's shingles that occur in a (0 when b has none). */
export function containment(b: string, a: string): number {
  return containmentOfSets(shingleSet(b), shingleSet(a));
}

function containmentOfSets(b: Set<string>, a: Set<string>): number {
  if (b.size === 0) return 0;
  let shared = 0;
  for (const s of b) if (a.has(s)) shared++;
  return shared / b.size;
}

interface Prepared {
  cps: Int32Array;
  /** Distinct shingle hashes, in first-seen order. */
  hashes: Uint32Array;
  /** Distinct shingle strings (≥ hashes.length; more only on an in-case collision). */
  trueSize: number;
  month: string;
}

/** Reusable open-addressing table for de-duplicating one case's shingles. */
class ShingleTable {
  stamp = new Int32Array(0);
  hash = new Uint32Array(0);
  pos = new Int32Array(0);
  mask = 0;
  private current = 0;

  reset(count: number): void {
    let size = 16;
    while (size < count * 2) size *= 2;
    if (size > this.stamp.length) {
      this.stamp = new Int32Array(size);
      this.hash = new Uint32Array(size);
      this.pos = new Int32Array(size);
      this.current = 0;
    }
    this.mask = Math.min(size, this.stamp.length) - 1;
    this.current++;
  }

  /** 0 = new hash, 1 = same shingle seen before, 2 = new shingle whose hash was already seen. */
  add(cps: Int32Array, at: number, h: number): 0 | 1 | 2 {
    let slot = h & this.mask;
    let hashSeen = false;
    while (this.stamp[slot] === this.current) {
      if (this.hash[slot] === h) {
        if (sameShingle(cps, this.pos[slot], at)) return 1;
        hashSeen = true;
      }
      slot = (slot + 1) & this.mask;
    }
    this.stamp[slot] = this.current;
    this.hash[slot] = h;
    this.pos[slot] = at;
    return hashSeen ? 2 : 0;
  }
}

function sameShingle(cps: Int32Array, i: number, j: number): boolean {
  for (let k = 0; k < SHINGLE; k++) if (cps[i + k] !== cps[j + k]) return false;
  return true;
}

function prepare(c: CopyCandidate, table: ShingleTable): Prepared {
  const cps = codePoints(normalizeCaseText(c.text));
  const month = String(c.date).slice(0, 7);
  const count = Math.max(0, cps.length - SHINGLE + 1);
  const hashes = new Uint32Array(count);
  let distinct = 0;
  let trueSize = 0;
  table.reset(count);
  for (let i = 0; i < count; i++) {
    const h = shingleHash(cps, i);
    const seen = table.add(cps, i, h);
    if (seen === 0) { hashes[distinct++] = h; trueSize++; } else if (seen === 2) trueSize++;
  }
  return { cps, hashes: hashes.slice(0, distinct), trueSize, month };
}

function exactSet(p: Prepared): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= p.cps.length; i++) out.add(shingleString(p.cps, i));
  return out;
}

/** Order of submission: date, then row, then tab, then input position. */
function later(cases: readonly CopyCandidate[], x: number, y: number): boolean {
  const a = cases[x], b = cases[y];
  if (a.date !== b.date) return a.date > b.date;
  if (a.row !== b.row) return a.row > b.row;
  if (a.tab !== b.tab) return a.tab > b.tab;
  return x > y;
}

/**
 * Every case that is a copy (see the file header), with its best source, in input
 * order. Deterministic: the same input gives the same output.
 */
export function findCopies(cases: readonly CopyCandidate[], options: CopyOptions = {}): CopyReport {
  const theta = options.threshold ?? DEFAULT_COPY_THRESHOLD;
  const commonLimit = options.commonLimit ?? DEFAULT_COMMON_LIMIT;
  const budget = options.fallbackBudget ?? DEFAULT_FALLBACK_BUDGET;
  const rareLimit = Math.min(RARE_DF, commonLimit);
  const n = cases.length;
  if (n < 2) return { copies: [], approximate: [] };
  const table = new ShingleTable();
  const prep = cases.map((c) => prepare(c, table));
  const offsets = new Int32Array(n + 1);
  for (let b = 0; b < n; b++) offsets[b + 1] = offsets[b] + prep[b].hashes.length;
  const total = offsets[n];

  // Inverted index: (hash, case) pairs sorted by hash with a stable two-pass radix
  // sort (16 bits a pass), so each posting list is in case order.
  let hs = new Uint32Array(total);
  let cs = new Int32Array(total);
  for (let b = 0; b < n; b++) {
    hs.set(prep[b].hashes, offsets[b]);
    cs.fill(b, offsets[b], offsets[b + 1]);
  }
  let hs2 = new Uint32Array(total);
  let cs2 = new Int32Array(total);
  const bucket = new Int32Array(65537);
  for (const shift of [0, 16]) {
    bucket.fill(0);
    for (let k = 0; k < total; k++) bucket[((hs[k] >>> shift) & 0xffff) + 1]++;
    for (let d = 1; d <= 65536; d++) bucket[d] += bucket[d - 1];
    for (let k = 0; k < total; k++) {
      const at = bucket[(hs[k] >>> shift) & 0xffff]++;
      hs2[at] = hs[k];
      cs2[at] = cs[k];
    }
    [hs, hs2] = [hs2, hs];
    [cs, cs2] = [cs2, cs];
  }
  const postings = cs;
  hs2 = new Uint32Array(0);
  cs2 = new Int32Array(0);

  // Group boundaries; then, per case, its SHARED groups (df ≥ 2) in ascending order:
  // a shingle no other case has can never be shared, so it is never walked or merged.
  const groupStart = new Int32Array(total + 1);
  let groups = 0;
  for (let k = 0; k < total; k++) if (k === 0 || hs[k] !== hs[k - 1]) groupStart[groups++] = k;
  groupStart[groups] = total;
  const shared = new Int32Array(n + 1);
  for (let g = 0; g < groups; g++) {
    if (groupStart[g + 1] - groupStart[g] < 2) continue;
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) shared[postings[p] + 1]++;
  }
  for (let b = 0; b < n; b++) shared[b + 1] += shared[b];
  const caseGroups = new Int32Array(shared[n]);
  const cursor = shared.slice(0, n);
  for (let g = 0; g < groups; g++) {
    if (groupStart[g + 1] - groupStart[g] < 2) continue;
    for (let p = groupStart[g]; p < groupStart[g + 1]; p++) caseGroups[cursor[postings[p]]++] = g;
  }
  const df = (g: number): number => groupStart[g + 1] - groupStart[g];

  // Per case: the exact threshold, the shingles lost to in-case collisions (they may
  // still be shared: allowed for), and its shared groups by tier of frequency:
  // rare (walked), middle (walked only when the rare ones cannot decide), common.
  const needExact = new Int32Array(n);
  const slack = new Int32Array(n);
  const tierMid = new Int32Array(n);
  const tierCommon = new Int32Array(n);
  // Even with the middle shingles walked, the common ones alone could make a copy.
  const templateDominated = (b: number): boolean => tierCommon[b] >= needExact[b] - slack[b];
  let fallbackCost = 0;
  for (let b = 0; b < n; b++) {
    const pb = prep[b];
    if (pb.trueSize === 0) continue;
    needExact[b] = Math.ceil(theta * pb.trueSize - 1e-9);
    slack[b] = pb.trueSize - pb.hashes.length;
    let walkAll = 0;
    for (let k = shared[b]; k < shared[b + 1]; k++) {
      const d = df(caseGroups[k]);
      walkAll += d;
      if (d > commonLimit) tierCommon[b]++; else if (d > rareLimit) tierMid[b]++;
    }
    if (templateDominated(b)) fallbackCost += walkAll;
  }
  const exactFallback = fallbackCost <= budget;
  const approximate: number[] = [];

  const counts = new Int32Array(n);
  const touched: number[] = [];
  const exactCache = new Map<number, Set<string>>();
  const exact = (i: number): Set<string> => {
    let s = exactCache.get(i);
    if (!s) { s = exactSet(prep[i]); exactCache.set(i, s); }
    return s;
  };
  const best = new Map<number, { source: number; similarity: number }>();
  const offer = (copy: number, source: number, similarity: number): void => {
    const cur = best.get(copy);
    if (!cur || similarity > cur.similarity ||
      (similarity === cur.similarity && later(cases, cur.source, source))) {
      best.set(copy, { source, similarity });
    }
  };
  const walk = (b: number, lo: number, hi: number): void => {
    for (let k = shared[b]; k < shared[b + 1]; k++) {
      const g = caseGroups[k];
      const d = df(g);
      if (d <= lo || d > hi) continue;
      for (let p = groupStart[g]; p < groupStart[g + 1]; p++) {
        const a = postings[p];
        if (a === b) continue;
        if (counts[a] === 0) touched.push(a);
        counts[a]++;
      }
    }
  };

  for (let b = 0; b < n; b++) {
    const pb = prep[b];
    if (pb.trueSize === 0) continue;
    const hashedNeed = needExact[b] - slack[b];
    // `unseen`: B's shared groups not walked. A case never touched shares at most
    // `unseen` of B's hashes, so it is ruled out as long as unseen < hashedNeed.
    let floor: number;
    if (!templateDominated(b)) {
      walk(b, 0, rareLimit);
      let unseen = tierMid[b] + tierCommon[b];
      if (unseen >= hashedNeed) { walk(b, rareLimit, commonLimit); unseen = tierCommon[b]; }
      floor = hashedNeed - unseen;
    } else if (exactFallback) {
      walk(b, 0, Infinity);
      floor = hashedNeed;
    } else {
      approximate.push(b);
      walk(b, 0, rareLimit);
      floor = 1; // compared only with cases sharing at least one of its rare shingles
    }
    for (const a of touched) {
      const ok = counts[a] >= floor;
      counts[a] = 0;
      if (!ok) continue;
      const pa = prep[a];
      if (pa.month > pb.month) continue;
      if (mergeCount(caseGroups, shared[b], shared[b + 1], shared[a], shared[a + 1]) < hashedNeed) continue;
      const sb = exact(b), sa = exact(a);
      const cBinA = containmentOfSets(sb, sa);
      if (cBinA < theta) continue;
      if (pa.month < pb.month) offer(b, a, cBinA);
      else {
        // Same month: the pair counts in either direction and the later one is the copier.
        const similarity = Math.max(cBinA, containmentOfSets(sa, sb));
        if (later(cases, b, a)) offer(b, a, similarity); else offer(a, b, similarity);
      }
    }
    touched.length = 0;
    // Exact sets are only reused while neighbours are processed; keep memory flat.
    if (exactCache.size > 256) exactCache.clear();
  }

  const copies = [...best.entries()]
    .sort((x, y) => x[0] - y[0])
    .map(([index, m]) => ({
      index, source: m.source, sourceTab: cases[m.source].tab, sourceRow: cases[m.source].row, similarity: m.similarity,
    }));
  return { copies, approximate };
}

/** Size of the intersection of two ascending runs of caseGroups. */
function mergeCount(arr: Int32Array, i: number, iEnd: number, j: number, jEnd: number): number {
  let shared = 0;
  while (i < iEnd && j < jEnd) {
    if (arr[i] === arr[j]) { shared++; i++; j++; } else if (arr[i] < arr[j]) i++; else j++;
  }
  return shared;
}
