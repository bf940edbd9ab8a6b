/**
 * Input fingerprints: one hash per input tab over its normalised rows, and one
 * over all of them. Row order and row numbers are left out because they do not
 * change any result; the tab's name is left out so renaming a tab is not an edit.
 * The per-tab map lets a later run say WHICH tabs changed since a period was closed.
 */
import type { Dataset, Lang, TabId } from '../types';
import { byCodeUnit, canonicalJson, fnv1a64, Fnv64 } from './hash';

/** Tabs whose rows are hashed, in a fixed order; `scheme` is the scheme object in force. */
export type FingerprintTab = Exclude<TabId, 'runs'>;

const DATA_TABS: readonly (keyof Dataset & FingerprintTab)[] = [
  'staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions',
];

/** Where a row sat is not part of what it says. */
const POSITION_KEYS: ReadonlySet<string> = new Set(['tab', 'row']);

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
  scheme: { en: 'Scheme', zh: '方案' },
};

export function isFingerprintTab(id: string): id is FingerprintTab {
  return Object.prototype.hasOwnProperty.call(DEFAULT_TAB_NAMES, id);
}

/**
 * Hash of a list of records as a multiset: each row is hashed on its own
 * (canonical JSON without tab/row), the row hashes are sorted, then hashed together.
 */
export function hashRows(id: string, rows: readonly object[]): string {
  const rowHashes = rows.map((r) => fnv1a64(canonicalJson(r, POSITION_KEYS)));
  rowHashes.sort(byCodeUnit);
  return new Fnv64().update(`${id}\n${rowHashes.length}\n`).update(rowHashes.join('\n')).hex();
}

/** The overall hash is a function of the tab map alone, so it can be re-derived from a Runs row. */
export function overallOf(tabs: Partial<Record<string, string>>): string {
  return fnv1a64(formatTabFingerprints(tabs));
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
    const rows = dataset[id] as object[];
    const name = dataset.tabNames[id];
    if (name === undefined && rows.length === 0) continue;
    tabs[id] = hashRows(id, rows);
    if (name !== undefined) names[id] = name;
  }
  if (scheme !== undefined && scheme !== null) {
    tabs.scheme = fnv1a64(`scheme\n${canonicalJson(scheme)}`);
    if (dataset.tabNames.scheme !== undefined) names.scheme = dataset.tabNames.scheme;
  }
  return { overall: overallOf(tabs), tabs, names };
}

/** `feedback=0123456789abcdef;staff=…`, ids sorted: compact, readable, language-free. */
export function formatTabFingerprints(tabs: Partial<Record<string, string>>): string {
  return Object.keys(tabs).filter((k) => tabs[k] !== undefined).sort(byCodeUnit)
    .map((k) => `${k}=${tabs[k]}`).join(';');
}

/** Inverse of formatTabFingerprints; null when the text is not in that form. */
export function parseTabFingerprints(text: string): Partial<Record<FingerprintTab, string>> | null {
  const s = text.trim();
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

/** Tab ids whose hash differs, or that appeared or disappeared, in a fixed order. */
export function changedTabIds(
  before: Partial<Record<FingerprintTab, string>>,
  after: Partial<Record<FingerprintTab, string>>,
): FingerprintTab[] {
  const order: FingerprintTab[] = [...DATA_TABS, 'scheme'];
  return order.filter((id) => before[id] !== after[id]);
}
