/**
 * Why a result changed (SPEC §8): per person and input tab, a multiset of short
 * row hashes kept in the Runs snapshot, so the next run of the period can say
 * which tabs changed for a person whose result moved ("客户反馈：2 行新增、1 行修改").
 * A row's hash covers its values, not its row number, so inserting rows above
 * it does not count as an edit; an edit is a removed and an added row paired up.
 */
import type { Dataset, Lang } from '../types';
import { Fnv64, hex8Of, updateCanonicalJson } from './hash';

/** staff key → tab id → sorted short hashes of that person's rows. */
export type PersonRows = Record<string, Record<string, string[]>>;

const TABS = ['feedback', 'incidents', 'attendance', 'reviews', 'cases', 'redemptions'] as const;
const POSITION = new Set(['row', 'tab']);

export function personRowsOf(data: Dataset): PersonRows {
  // Each hash is kept as its number first: fixed-width lower-case hex sorts as the number does,
  // so a numeric sort then one string per hash gives the sorted digit lists.
  const byPerson = new Map<string, Map<string, number[]>>();
  const hash = new Fnv64();
  for (const tab of TABS) {
    for (const r of data[tab] as unknown as { staffKey: string }[]) {
      const key = r.staffKey;
      if (!key) continue;
      // fnv1a64(canonicalJson(r, POSITION)).slice(0, 8), without the JSON text.
      updateCanonicalJson(hash.reset(), r, POSITION);
      let tabs = byPerson.get(key);
      if (tabs === undefined) byPerson.set(key, tabs = new Map());
      let list = tabs.get(tab);
      if (list === undefined) tabs.set(tab, list = []);
      list.push(hash.high32());
    }
  }
  const out: PersonRows = {};
  for (const [key, tabs] of byPerson) {
    const person: Record<string, string[]> = (out[key] = {});
    for (const [tab, list] of tabs) {
      const sorted = Float64Array.from(list).sort();
      const hexes: string[] = new Array(sorted.length);
      for (let i = 0; i < sorted.length; i++) hexes[i] = hex8Of(sorted[i]);
      person[tab] = hexes;
    }
  }
  return out;
}

/** How many rows personRowsOf hashes (each a person's row of the tabs it covers). */
export function hashedRowCount(data: Dataset): number {
  let n = 0;
  for (const tab of TABS) for (const r of data[tab] as unknown as { staffKey: string }[]) if (r.staffKey) n++;
  return n;
}

export interface TabChange { tab: string; added: number; edited: number; removed: number }

/** Per tab, rows added, edited (a removal paired with an addition) and removed for one person. */
export function tabChanges(before: Record<string, string[]> | undefined, after: Record<string, string[]> | undefined): TabChange[] {
  const out: TabChange[] = [];
  const tabs = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  for (const tab of tabs) {
    const count = new Map<string, number>();
    for (const h of before?.[tab] ?? []) count.set(h, (count.get(h) ?? 0) + 1);
    let added = 0;
    for (const h of after?.[tab] ?? []) {
      const n = count.get(h) ?? 0;
      if (n > 0) count.set(h, n - 1);
      else added++;
    }
    let removed = 0;
    for (const n of count.values()) removed += n;
    const edited = Math.min(added, removed);
    if (added || removed) out.push({ tab, added: added - edited, edited, removed: removed - edited });
  }
  return out;
}

const TAB_NAMES: Record<string, { zh: string; en: string }> = {
  feedback: { zh: '客户反馈', en: 'Feedback' }, incidents: { zh: '奖惩记录', en: 'Incidents' },
  attendance: { zh: '考勤', en: 'Attendance' }, reviews: { zh: '考评', en: 'Reviews' },
  cases: { zh: '服务案例', en: 'Cases' }, redemptions: { zh: '积分兑换', en: 'Redemptions' },
};

/** `客户反馈：2 行新增、1 行修改；考勤：1 行删除` / `Feedback: 2 added, 1 edited; Attendance: 1 removed`. */
export function tabChangesText(changes: TabChange[], lang: Lang): string {
  return changes.map((c) => {
    const parts = lang === 'zh'
      ? [c.added && `${c.added} 行新增`, c.edited && `${c.edited} 行修改`, c.removed && `${c.removed} 行删除`]
      : [c.added && `${c.added} added`, c.edited && `${c.edited} edited`, c.removed && `${c.removed} removed`];
    const name = TAB_NAMES[c.tab]?.[lang] ?? c.tab;
    return `${name}${lang === 'zh' ? '：' : ': '}${parts.filter(Boolean).join(lang === 'zh' ? '、' : ', ')}`;
  }).join(lang === 'zh' ? '；' : '; ');
}
