/**
 * The compact result snapshot kept in each Runs row, so the next run of the same
 * period can list what changed (awards gained or lost, amounts that moved, stars,
 * penalties). A cell must stay under Excel's 32,767-character limit (Sheets allows
 * 50,000); a larger snapshot is stored as a digest with counts, and the Changes
 * view then reports only whether and how much changed.
 */
import type { ResultJson } from '../types';
import { staffKey } from '../ids';
import { byCodeUnit, canonicalJson, fnv1a64 } from './hash';

/** Excel's per-cell limit is 32,767 characters; keep a margin. */
export const MAX_SNAPSHOT_CHARS = 32000;

export interface SnapAward { award: string; staffId: string; amountFen: number }
export interface SnapStar { staffId: string; stars: number; bonusFen: number }
export interface SnapPenalty { staffId: string; action: string; window: string; amountFen: number }

export interface FullSnapshot {
  kind: 'full';
  awards: SnapAward[];
  stars: SnapStar[];
  penalties: SnapPenalty[];
}

export interface DigestSnapshot {
  kind: 'digest';
  /** Digest of the full snapshot's encoding. */
  digest: string;
  counts: { awards: number; stars: number; penalties: number };
}

export type ResultSnapshot = FullSnapshot | DigestSnapshot;

/** Yuan with 2 decimals (the --json form) → integer fen. */
export function toFen(yuan: number): number {
  return Math.round(yuan * 100);
}

function cmpKey(a: string, b: string): number {
  return byCodeUnit(staffKey(a), staffKey(b)) || byCodeUnit(a, b);
}

/** The parts of a result the Changes view compares, in a canonical order. */
export function snapshotOf(result: ResultJson): FullSnapshot {
  const awards = result.awards.map((a) => ({ award: a.award, staffId: a.staff_id, amountFen: toFen(a.amount) }))
    .sort((x, y) => byCodeUnit(x.award, y.award) || cmpKey(x.staffId, y.staffId) || x.amountFen - y.amountFen);
  const stars = result.stars.map((s) => ({ staffId: s.staff_id, stars: s.stars, bonusFen: toFen(s.bonus) }))
    .sort((x, y) => cmpKey(x.staffId, y.staffId) || x.stars - y.stars || x.bonusFen - y.bonusFen);
  const penalties = result.penalties
    .map((p) => ({ staffId: p.staff_id, action: p.action, window: p.window, amountFen: toFen(p.amount) }))
    .sort((x, y) => byCodeUnit(x.action, y.action) || byCodeUnit(x.window, y.window) ||
      cmpKey(x.staffId, y.staffId) || x.amountFen - y.amountFen);
  return { kind: 'full', awards, stars, penalties };
}

function fullJson(s: FullSnapshot): string {
  return canonicalJson({
    v: 1,
    a: s.awards.map((a) => [a.award, a.staffId, a.amountFen]),
    s: s.stars.map((x) => [x.staffId, x.stars, x.bonusFen]),
    p: s.penalties.map((p) => [p.staffId, p.action, p.window, p.amountFen]),
  });
}

export function digestOf(s: FullSnapshot): string {
  return fnv1a64(fullJson(s));
}

/** The text of the snapshot cell: full when it fits, else a digest with counts. */
export function encodeSnapshot(s: ResultSnapshot, maxChars: number = MAX_SNAPSHOT_CHARS): string {
  if (s.kind === 'full') {
    const text = fullJson(s);
    if (text.length <= maxChars) return text;
    return encodeSnapshot({
      kind: 'digest', digest: fnv1a64(text),
      counts: { awards: s.awards.length, stars: s.stars.length, penalties: s.penalties.length },
    });
  }
  return canonicalJson({ v: 1, d: s.digest, n: [s.counts.awards, s.counts.stars, s.counts.penalties] });
}

const isStr = (x: unknown): x is string => typeof x === 'string';
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);

/** Parse a snapshot cell; null when it is not one (damaged or hand-edited). */
export function decodeSnapshot(text: string): ResultSnapshot | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const o = data as Record<string, unknown>;
  if (o.v !== 1) return null;
  if (isStr(o.d)) {
    const n = o.n;
    if (!Array.isArray(n) || n.length !== 3 || !n.every(isInt) || !/^[0-9a-f]{16}$/.test(o.d)) return null;
    return { kind: 'digest', digest: o.d, counts: { awards: n[0], stars: n[1], penalties: n[2] } };
  }
  const tuples = (x: unknown, shape: ((v: unknown) => boolean)[]): unknown[][] | null => {
    if (!Array.isArray(x)) return null;
    for (const t of x) {
      if (!Array.isArray(t) || t.length !== shape.length || !shape.every((f, i) => f(t[i]))) return null;
    }
    return x as unknown[][];
  };
  const a = tuples(o.a, [isStr, isStr, isInt]);
  const s = tuples(o.s, [isStr, isInt, isInt]);
  const p = tuples(o.p, [isStr, isStr, isStr, isInt]);
  if (!a || !s || !p) return null;
  return {
    kind: 'full',
    awards: a.map((t) => ({ award: t[0] as string, staffId: t[1] as string, amountFen: t[2] as number })),
    stars: s.map((t) => ({ staffId: t[0] as string, stars: t[1] as number, bonusFen: t[2] as number })),
    penalties: p.map((t) => ({
      staffId: t[0] as string, action: t[1] as string, window: t[2] as string, amountFen: t[3] as number,
    })),
  };
}
