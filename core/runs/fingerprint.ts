/**
 * Input fingerprints: one hash per input tab over its normalised rows, and one
 * over all of them. SPEC §5: "a hash over the normalised input rows that the
 * computation used" — the orchestrator passes the dataset of the tabs the scheme
 * reads (core/engine/uses.ts), so editing a tab the scheme never reads does not
 * make a final period look changed. Row order and row numbers are left out
 * because they do not change any result; the tab's name is left out so renaming
 * a tab is not an edit. The per-tab map lets a later run say WHICH tabs changed
 * since a period was closed.
 *
 * Format 2 (stored with a `v2:` prefix): each row is hashed field by field in a
 * fixed order per tab (Lanes64, core/runs/hash.ts) and the row hashes are added
 * up as a multiset — no per-row JSON, no sort. Format 1 (no prefix: canonical
 * JSON per row, FNV-1a 64, sorted) is still recognised in old Runs rows, and
 * reported as a format change rather than compared.
 */
import type { Dataset, Lang, TabId } from '../types';
import { byCodeUnit, canonicalJson, fnv1a64, Lanes64 } from './hash';

/** Tabs whose rows are hashed, in a fixed order; `scheme` is the scheme object in force. */
export type FingerprintTab = Exclude<TabId, 'runs'>;

type DataTab = 'staff' | 'feedback' | 'incidents' | 'attendance' | 'reviews' | 'cases' | 'quotas' | 'redemptions' | 'nominations';

const DATA_TABS: readonly DataTab[] = [
  'staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions', 'nominations',
];

/** The fingerprint format written by this version; older Runs rows are recognised by their prefix (none = 1). */
export const FINGERPRINT_FORMAT = 2;
const PREFIX = `v${FINGERPRINT_FORMAT}:`;

type Fields<T> = Exclude<keyof T, 'tab' | 'row'>;
type RecordOf<K extends DataTab> = NonNullable<Dataset[K]>[number];

/**
 * Every field of each normalised record except where the row sat (`tab`, `row`),
 * in a fixed order: the order is part of format 2, so never reorder; a new
 * record field is appended (and the format bumped). The type check below fails
 * the build when a record gains a field that is not listed here, so no field
 * can be silently left out of the fingerprint.
 */
export const FINGERPRINT_FIELDS = {
  staff: ['id', 'key', 'name', 'department', 'group', 'position', 'level', 'hireDate', 'regularDate', 'leaveDate', 'managerKey'],
  feedback: ['date', 'staffKey', 'score', 'rating', 'likes', 'customer', 'channel', 'comment'],
  incidents: ['date', 'staffKey', 'type', 'points', 'amount', 'note'],
  attendance: ['month', 'staffKey', 'scheduledDays', 'absentDays', 'late', 'earlyLeave', 'sickLeaveDays', 'personalLeaveDays'],
  // reviewer is set only when given, and an absent field is not hashed: rows without one hash as before.
  reviews: ['period', 'staffKey', 'source', 'dimension', 'score', 'reviewer'],
  cases: ['date', 'staffKey', 'title', 'text', 'length', 'quality', 'regionalExcellent'],
  quotas: ['award', 'scope', 'count'],
  redemptions: ['date', 'staffKey', 'points'],
  nominations: ['period', 'staffKey', 'nominatedBy', 'note'],
} as const satisfies { [K in DataTab]: readonly Fields<RecordOf<K>>[] };

type Unlisted<K extends DataTab> = Exclude<Fields<RecordOf<K>>, (typeof FINGERPRINT_FIELDS)[K][number]>;
/** Compile-time: `true` for every tab only when every record field is listed. */
const EVERY_FIELD_LISTED: { [K in DataTab]: [Unlisted<K>] extends [never] ? true : Unlisted<K> } = {
  staff: true, feedback: true, incidents: true, attendance: true, reviews: true, cases: true, quotas: true, redemptions: true, nominations: true,
};
void EVERY_FIELD_LISTED;

export interface InputFingerprint {
  /** Hash over the per-tab hashes. */
  overall: string;
  /** Tab id → hash, for the tabs that were present (or non-empty). */
  tabs: Partial<Record<FingerprintTab, string>>;
  /** Tab id → tab name as written in this workbook. */
  names: Partial<Record<FingerprintTab, string>>;
}

/** Default tab names, for a tab that is no longer in the workbook. */
export const DEFAULT_TAB_NAMES: Record<FingerprintTab, Record<Lang, string>> = {
  staff: { en: 'Staff', zh: '员工' },
  feedback: { en: 'Feedback', zh: '客户反馈' },
  incidents: { en: 'Incidents', zh: '奖惩记录' },
  attendance: { en: 'Attendance', zh: '考勤' },
  reviews: { en: 'Reviews', zh: '考评' },
  cases: { en: 'Cases', zh: '服务案例' },
  quotas: { en: 'Quotas', zh: '名额' },
  redemptions: { en: 'Redemptions', zh: '积分兑换' },
  appeals: { en: 'Appeals', zh: '申诉' },
  investigations: { en: 'Investigations', zh: '调查' },
  nominations: { en: 'Nominations', zh: '提名' },
  scheme: { en: 'Scheme', zh: '方案' },
};

/**
 * Appeals and Investigations (SPEC §10) are hashed like the data tabs, so deciding
 * an appeal after finalizing reads as a change. Present only when the workbook has
 * the tab, so workbooks without them keep their fingerprints.
 */
export const DISPUTE_FINGERPRINT_FIELDS = {
  appeals: ['staffKey', 'staffId', 'targetTab', 'targetRow', 'filed', 'status', 'decided', 'note'],
  investigations: ['staffKey', 'start', 'end', 'note'],
} as const;

export function isFingerprintTab(id: string): id is FingerprintTab {
  return Object.prototype.hasOwnProperty.call(DEFAULT_TAB_NAMES, id);
}

/**
 * Hash of a tab's records as a MULTISET, in one pass and without sorting:
 *
 * - each row is hashed on its own, field by field in `fields` order (every field
 *   with a type tag and, for text, its length), into 64 bits: two 32-bit lanes
 *   with different mixing and finalisers (Lanes64), so each lane is a
 *   well-mixed value of the row;
 * - the row hashes are ADDED lane by lane, mod 2^32: addition is commutative, so
 *   row order (and row numbers, which are not hashed) cannot matter, while a
 *   repeated row counts twice (a duplicated row is a change, as it should be);
 * - the tab id, the row count and the two sums are hashed once more.
 *
 * Collisions: two different multisets of rows give the same sums only if
 * Σ dᵢ·h(rᵢ) = 0 in both lanes, where dᵢ is how many more times row rᵢ occurs
 * in one than in the other. With well-mixed row hashes (a row hash collision is
 * itself ~2⁻⁶⁴ per pair), an edit of any row, an added, removed or duplicated
 * row — some dᵢ = ±1 — goes unseen with probability about 2⁻⁶⁴. A difference in
 * which every dᵢ is a multiple of 2^k loses k bits per lane; since the row
 * count is hashed too, that needs rows repeated in balanced multiples of 2^k,
 * and even 2^10 copies of a row leave ~2⁻⁴⁴. Not cryptographic: built to
 * notice edits, not to resist someone forging a collision on purpose.
 */
export function hashRows(id: string, rows: readonly object[], fields?: readonly string[]): string {
  const h = new Lanes64();
  let sumA = 0;
  let sumB = 0;
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const r = rows[i] as Record<string, unknown>;
    h.reset();
    if (fields) {
      for (let f = 0; f < fields.length; f++) {
        const v = r[fields[f]];
        // An optional field left out (Reviews.reviewer) is not hashed, so older rows keep their hash.
        if (v !== undefined) h.value(v);
      }
    } else {
      h.str(canonicalJson(r, POSITION_KEYS));
    }
    h.finish();
    sumA = (sumA + h.a) | 0;
    sumB = (sumB + h.b) | 0;
  }
  h.reset();
  h.str(id);
  h.word(n | 0);
  h.word(Math.floor(n / 0x100000000) | 0);
  h.word(sumA);
  h.word(sumB);
  return h.finish().hex();
}

/** Where a row sat is not part of what it says (records hashed without a field list). */
const POSITION_KEYS: ReadonlySet<string> = new Set(['tab', 'row']);

/** The overall hash is a function of the tab map alone, so it can be re-derived from a Runs row. */
export function overallOf(tabs: Partial<Record<string, string>>): string {
  const h = new Lanes64();
  h.str(formatTabFingerprints(tabs));
  return PREFIX + h.finish().hex();
}

/**
 * Fingerprint of everything a computation read: the dataset's rows and, when given,
 * the scheme object in force (a preset or the Scheme tab), since editing the
 * scheme changes results as surely as editing the data.
 */
export function fingerprintInputs(dataset: Dataset, scheme?: unknown): InputFingerprint {
  const tabs: Partial<Record<FingerprintTab, string>> = {};
  const names: Partial<Record<FingerprintTab, string>> = {};
  for (const id of DATA_TABS) {
    const rows = (dataset[id] ?? []) as readonly object[];
    const name = dataset.tabNames[id];
    if (name === undefined && rows.length === 0) continue;
    tabs[id] = hashRows(id, rows, FINGERPRINT_FIELDS[id]);
    if (name !== undefined) names[id] = name;
  }
  for (const id of ['appeals', 'investigations'] as const) {
    const name = dataset.tabNames[id];
    const rows = (dataset[id] ?? []) as readonly object[];
    if (name === undefined && rows.length === 0) continue;
    tabs[id] = hashRows(id, rows, DISPUTE_FINGERPRINT_FIELDS[id]);
    if (name !== undefined) names[id] = name;
  }
  if (scheme !== undefined && scheme !== null) {
    const h = new Lanes64();
    h.str('scheme');
    h.str(canonicalJson(scheme));
    tabs.scheme = h.finish().hex();
    if (dataset.tabNames.scheme !== undefined) names.scheme = dataset.tabNames.scheme;
  }
  return { overall: overallOf(tabs), tabs, names };
}

/** `v2:feedback=0123456789abcdef;staff=…`, ids sorted: compact, readable, language-free, with its format. */
export function formatTabFingerprints(tabs: Partial<Record<string, string>>): string {
  return PREFIX + Object.keys(tabs).filter((k) => tabs[k] !== undefined).sort(byCodeUnit)
    .map((k) => `${k}=${tabs[k]}`).join(';');
}

/**
 * The format of a stored fingerprint (tab list or overall hash): the number of
 * its `vN:` prefix, 1 when it has none (Runs rows written before formats were
 * numbered); null for blank text.
 */
export function fingerprintFormatOf(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const m = /^v(\d{1,6}):/i.exec(s);
  return m ? Number(m[1]) : 1;
}

/**
 * Inverse of formatTabFingerprints, for any format whose entries are
 * `tab=16 hex digits` (1 and 2): the tab map, or null when the text is not in
 * that form. Which format it was is fingerprintFormatOf's answer.
 */
export function parseTabFingerprints(text: string): Partial<Record<FingerprintTab, string>> | null {
  let s = text.trim();
  const format = fingerprintFormatOf(s);
  if (format !== null && format !== 1) s = s.slice(s.indexOf(':') + 1).trim();
  if (s === '') return {};
  const out: Partial<Record<FingerprintTab, string>> = {};
  for (const part of s.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^([a-z]+)\s*=\s*([0-9a-fA-F]{16})$/.exec(p);
    if (!m || !isFingerprintTab(m[1]) || out[m[1]] !== undefined) return null;
    out[m[1]] = m[2].toLowerCase();
  }
  return out;
}

/** The overall hash of a tab map read from a Runs row, in the row's own format (null: a format we cannot derive). */
export function overallOfFormat(tabs: Partial<Record<string, string>>, format: number): string | null {
  if (format === FINGERPRINT_FORMAT) return overallOf(tabs);
  if (format === 1) {
    // Format 1: FNV-1a 64 of the unprefixed, sorted `tab=hash` list.
    return fnv1a64(Object.keys(tabs).filter((k) => tabs[k] !== undefined).sort(byCodeUnit).map((k) => `${k}=${tabs[k]}`).join(';'));
  }
  return null;
}

/** Tab ids whose hash differs, or that appeared or disappeared, in a fixed order. */
export function changedTabIds(
  before: Partial<Record<FingerprintTab, string>>,
  after: Partial<Record<FingerprintTab, string>>,
): FingerprintTab[] {
  const order: FingerprintTab[] = [...DATA_TABS, 'appeals', 'investigations', 'scheme'];
  return order.filter((id) => before[id] !== after[id]);
}
