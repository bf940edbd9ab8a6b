/**
 * The name a period's output tab has in each language, so a run in one language
 * replaces the tabs a run in the other wrote (issue 13: `Ranking 2026-Q3` and
 * `排名 2026-Q3` never side by side). A new per-period output kind adds one line.
 */
import type { Lang, OutputTab } from '../types';
import type { L } from './labels';
import { STATEMENT } from '../explain/labels';

const PERIOD_TAB_BASE: Partial<Record<OutputTab['kind'], L>> = {
  ranking: { zh: '排名', en: 'Ranking' },
  bonus: { zh: '奖金', en: 'Bonus' },
  points: { zh: '积分', en: 'Points' },
  departments: { zh: '部门', en: 'Departments' },
  datacheck: { zh: '数据检查', en: 'Data check' },
  changes: { zh: '变更', en: 'Changes' },
  statements: STATEMENT.tab,
};

/** Every name of `tab` in the other languages, for a period's output tab written in `lang`. */
export function otherLanguageNames(tab: OutputTab, periodId: string, lang: Lang): string[] {
  const base = PERIOD_TAB_BASE[tab.kind];
  if (!base) return [];
  const out: string[] = [];
  for (const other of ['zh', 'en'] as Lang[]) {
    const name = `${base[other]} ${periodId}`;
    if (other !== lang && name !== tab.name) out.push(name);
  }
  return out;
}

/** The outputs with `replaces` set to their other-language names. */
export function withReplaces(outputs: OutputTab[], periodId: string, lang: Lang): OutputTab[] {
  return outputs.map((t) => {
    const names = otherLanguageNames(t, periodId, lang);
    return names.length ? { ...t, replaces: [...(t.replaces ?? []), ...names] } : t;
  });
}
