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
import type { PersonRows } from './person-rows';

/** Excel's per-cell limit is 32,767 characters; keep a margin. */
export const MAX_SNAPSHOT_CHARS = 32000;

export interface SnapAward { award: string; staffId: string; amountFen: number }
export interface SnapStar { staffId: string; stars: number; bonusFen: number }
export interface SnapPenalty { staffId: string; action: string; window: string; amountFen: number }

/** What is at stake in a pending appeal: [award, staff id, wins|loses, fen]. */
export type SnapStake = [string, string, 'wins' | 'loses', number];

/**
 * An Appeals row as recorded with a run (SPEC §10): so finalizing can refuse while
 * pending appeals have stakes (and, forced, record both results), and the next run's
 * Changes can name the appeal that moved a result. `alt` is the alternative in words.
 */
export interface SnapAppeal {
  row: number;
  staffId: string;
  tab: string;
  targetRow: number;
  status: 'pending' | 'rejected' | 'accepted';
  stakes: SnapStake[];
  alt: { zh: string; en: string } | null;
}

export interface FullSnapshot {
  kind: 'full';
  awards: SnapAward[];
  stars: SnapStar[];
  penalties: SnapPenalty[];
  /** Present only when the workbook had appeals. */
  appeals?: SnapAppeal[];
  /** Per person and input tab, short row hashes (core/runs/person-rows): kept when they fit in the cell. */
  rows?: PersonRows;
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

/**
 * The parts of a result the Changes view compares, in a canonical order.
 * `alternatives`: appeal row → the alternative in words, for pending appeals with stakes.
 */
export function snapshotOf(result: ResultJson, alternatives?: ReadonlyMap<number, { zh: string; en: string }>): FullSnapshot {
  const awards = result.awards.map((a) => ({ award: a.award, staffId: a.staff_id, amountFen: toFen(a.amount) }))
    .sort((x, y) => byCodeUnit(x.award, y.award) || cmpKey(x.staffId, y.staffId) || x.amountFen - y.amountFen);
  const stars = result.stars.map((s) => ({ staffId: s.staff_id, stars: s.stars, bonusFen: toFen(s.bonus) }))
    .sort((x, y) => cmpKey(x.staffId, y.staffId) || x.stars - y.stars || x.bonusFen - y.bonusFen);
  const penalties = result.penalties
    .map((p) => ({ staffId: p.staff_id, action: p.action, window: p.window, amountFen: toFen(p.amount) }))
    .sort((x, y) => byCodeUnit(x.action, y.action) || byCodeUnit(x.window, y.window) ||
      cmpKey(x.staffId, y.staffId) || x.amountFen - y.amountFen);
  const out: FullSnapshot = { kind: 'full', awards, stars, penalties };
  if (result.appeals?.length) {
    out.appeals = result.appeals.map((a) => ({
      row: a.row, staffId: a.staff_id, tab: a.target.tab, targetRow: a.target.row, status: a.status,
      stakes: a.stakes.map((x): SnapStake => [x.award, x.staff_id, x.if_accepted, toFen(x.amount)]),
      alt: alternatives?.get(a.row) ?? null,
    }));
  }
  return out;
}

function fullJson(s: FullSnapshot): string {
  const data: Record<string, unknown> = {
    v: 1,
    a: s.awards.map((a) => [a.award, a.staffId, a.amountFen]),
    s: s.stars.map((x) => [x.staffId, x.stars, x.bonusFen]),
    p: s.penalties.map((p) => [p.staffId, p.action, p.window, p.amountFen]),
  };
  // Appeals only when there were any, so runs without them keep their encoding and digest.
  if (s.appeals?.length) {
    data.q = s.appeals.map((a) => [a.row, a.staffId, a.tab, a.targetRow, a.status, a.stakes, a.alt ? [a.alt.zh, a.alt.en] : null]);
  }
  return canonicalJson(data);
}

/** Pending appeals of a snapshot that put something at stake (finalizing is refused while there are any). */
export function pendingWithStakes(s: ResultSnapshot | null): SnapAppeal[] {
  return s && s.kind === 'full' ? (s.appeals ?? []).filter((a) => a.status === 'pending' && a.stakes.length > 0) : [];
}

const STATUSES = new Set(['pending', 'rejected', 'accepted']);

function decodeAppeals(x: unknown): SnapAppeal[] | null {
  if (!Array.isArray(x)) return null;
  const out: SnapAppeal[] = [];
  for (const t of x) {
    if (!Array.isArray(t) || t.length !== 7) return null;
    const [row, staffId, tab, targetRow, status, stakes, alt] = t as unknown[];
    if (!isInt(row) || !isStr(staffId) || !isStr(tab) || !isInt(targetRow) || !isStr(status) || !STATUSES.has(status)) return null;
    if (!Array.isArray(stakes) || !stakes.every((k) => Array.isArray(k) && k.length === 4 && isStr(k[0]) && isStr(k[1]) &&
      (k[2] === 'wins' || k[2] === 'loses') && isInt(k[3]))) return null;
    if (alt !== null && !(Array.isArray(alt) && alt.length === 2 && isStr(alt[0]) && isStr(alt[1]))) return null;
    out.push({
      row, staffId, tab, targetRow, status: status as SnapAppeal['status'], stakes: stakes as SnapStake[],
      alt: alt ? { zh: (alt as string[])[0], en: (alt as string[])[1] } : null,
    });
  }
  return out;
}

export function digestOf(s: FullSnapshot): string {
  return fnv1a64(fullJson(s));
}

/** The text of the snapshot cell: full when it fits, else a digest with counts. */
export function encodeSnapshot(s: ResultSnapshot, maxChars: number = MAX_SNAPSHOT_CHARS): string {
  if (s.kind === 'full') {
    const text = fullJson(s);
    // The row hashes go along only when they fit: the result itself always comes first.
    if (s.rows && Object.keys(s.rows).length) {
      const withRows = `${text.slice(0, -1)},"r":${canonicalJson(s.rows)}}`;
      if (withRows.length <= maxChars) return withRows;
    }
    if (text.length <= maxChars) return text;
    return encodeSnapshot({
      kind: 'digest', digest: fnv1a64(text),
      counts: { awards: s.awards.length, stars: s.stars.length, penalties: s.penalties.length },
    });
  }
  return canonicalJson({ v: 1, d: s.digest, n: [s.counts.awards, s.counts.stars, s.counts.penalties] });
}

const isStr = (x: unknown): x is string => typeof x === 'string';

/** The row hashes of a snapshot, or undefined when absent or not well formed (they only explain changes). */
function decodeRows(x: unknown): PersonRows | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined;
  for (const tabs of Object.values(x as Record<string, unknown>)) {
    if (typeof tabs !== 'object' || tabs === null || Array.isArray(tabs)) return undefined;
    for (const list of Object.values(tabs as Record<string, unknown>)) if (!Array.isArray(list) || !list.every(isStr)) return undefined;
  }
  return x as PersonRows;
}
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
  const q = o.q === undefined ? undefined : decodeAppeals(o.q);
  if (q === null) return null;
  const r = decodeRows(o.r);
  return {
    ...(q ? { appeals: q } : {}),
    ...(r ? { rows: r } : {}),
    kind: 'full',
    awards: a.map((t) => ({ award: t[0] as string, staffId: t[1] as string, amountFen: t[2] as number })),
    stars: s.map((t) => ({ staffId: t[0] as string, stars: t[1] as number, bonusFen: t[2] as number })),
    penalties: p.map((t) => ({
      staffId: t[0] as string, action: t[1] as string, window: t[2] as string, amountFen: t[3] as number,
    })),
  };
}
