/**
 * One tab per kind (SPEC §8): two or more tabs recognised as the same input tab
 * (`Staff` and `员工`) stop the run with one message naming them all — unless
 * all but one are empty (header only), in which case the empty ones are set
 * aside and an info diagnostic says so. Reading silently the first of two
 * non-empty tabs is how a stale `Staff` tab changed who won.
 */
import type { Diagnostic, RawTab, TabId } from '../types';
import { diag } from '../diagnostics';
import { isBlank } from './cells';
import { recognizeTab } from './tabs';
import { TAB_SPECS } from './aliases';

/** A tab with no non-blank cell below its header row. */
function isEmptyTab(t: RawTab): boolean {
  for (let r = 1; r < t.rows.length; r++) {
    for (const c of t.rows[r] ?? []) if (!isBlank(c)) return false;
  }
  return true;
}

export interface OneTabPerKind {
  /** The tabs to use: one per input kind (empty duplicates set aside). */
  tabs: RawTab[];
  /** The run-stopping problem when two or more tabs of a kind hold rows. */
  fatal: Diagnostic | null;
  /** Info notes about empty duplicates set aside. */
  diagnostics: Diagnostic[];
}

export function oneTabPerKind(tabs: RawTab[]): OneTabPerKind {
  const byKind = new Map<TabId, RawTab[]>();
  for (const t of tabs) {
    const id = recognizeTab(t.name);
    if (id === null || id === 'scheme' || id === 'runs') continue;
    const l = byKind.get(id);
    if (l) l.push(t);
    else byKind.set(id, [t]);
  }
  const dropped = new Set<RawTab>();
  const diagnostics: Diagnostic[] = [];
  const clashes: { id: TabId; tabs: RawTab[] }[] = [];
  for (const [id, list] of byKind) {
    if (list.length < 2) continue;
    const filled = list.filter((t) => !isEmptyTab(t));
    if (filled.length > 1) {
      clashes.push({ id, tabs: list });
      continue;
    }
    const keep = filled[0] ?? list[0];
    for (const t of list) {
      if (t === keep) continue;
      dropped.add(t);
      diagnostics.push(diag({
        severity: 'info', code: 'duplicate_tab_empty', tab: t.name,
        zh: `“${t.name}”与“${keep.name}”都是${TAB_SPECS[id].zh}表；“${t.name}”没有数据，未使用`,
        en: `"${t.name}" and "${keep.name}" are both the ${TAB_SPECS[id].en} tab; "${t.name}" is empty and not used`,
      }));
    }
  }
  if (clashes.length) {
    const zh = clashes.map((c) => `${c.tabs.map((t) => `“${t.name}”`).join('、')}都是${TAB_SPECS[c.id].zh}表`).join('；');
    const en = clashes.map((c) => `${c.tabs.map((t) => `"${t.name}"`).join(', ')} are all the ${TAB_SPECS[c.id].en} tab`).join('; ');
    const fatal = diag({
      severity: 'error', code: 'duplicate_tab', tab: clashes[0].tabs[0].name, value: clashes.flatMap((c) => c.tabs.map((t) => t.name)).join(', '),
      zh: `${zh}：请删除或改名，只保留一个后再计算`,
      en: `${en}: delete or rename all but one, then compute again`,
    });
    return { tabs, fatal, diagnostics };
  }
  return { tabs: tabs.filter((t) => !dropped.has(t)), fatal: null, diagnostics };
}
