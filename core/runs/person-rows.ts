/**
 * Why a result changed (SPEC §8): per person and input tab, a multiset of short
 * row hashes kept in the Runs snapshot, so the next run of the period can say
 * which tabs changed for a person whose result moved ("客户反馈：2 行新增、1 行修改").
 * A row's hash covers its values, not its row number, so inserting rows above
 * it does not count as an edit; an edit is a removed and an added row paired up.
 */
import type { Dataset, Lang } from '../types';
import { Fnv64, updateCanonicalJson } from './hash';

/** staff key → tab id → sorted short hashes of that person's rows. */
export type PersonRows = Record<string, Record<string, string[]>>;

const TABS = ['feedback', 'incidents', 'attendance', 'reviews', 'cases', 'redemptions'] as const;
const POSITION = new Set(['row', 'tab']);

export function personRowsOf(data: Dataset): PersonRows {
  const out: PersonRows = {};
  const hash = new Fnv64();
  for (const tab of TABS) {
    for (const r of data[tab] as unknown as { staffKey: string }[]) {
      const key = r.staffKey;
      if (!key) continue;
      // fnv1a64(canonicalJson(r, POSITION)).slice(0, 8), without the JSON text or the other 8 digits.
      updateCanonicalJson(hash.reset(), r, POSITION);
      const h = hash.hex8();
      ((out[key] ??= {})[tab] ??= []).push(h);
    }
  }
  for (const k of Object.keys(out)) for (const t of Object.keys(out[k])) out[k][t].sort();
  return out;
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
