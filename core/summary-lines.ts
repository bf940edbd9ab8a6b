/**
 * Words of the summary that every front end shows the same way, with no
 * dependency beyond types (the sidebar bundle imports it): the opening lines
 * about rows left out (SPEC §8), and how the list of output tabs names a tab.
 */
import type { Lang } from './types';

type Bilingual = { zh: string; en: string };

/** Rows left out as the summaries show them first (SPEC §8). */
export interface LeftOutSummary {
  rows: number;
  /** How many known people the rows belong to. */
  peopleCount: number;
  /** The first ten of them, in staff id order. */
  people: { staffId: string; name: string }[];
  /** Same tab, column and kind grouped with row ranges, one line each (the first GROUP_LIMIT). */
  groups: Bilingual[];
  groupCount: number;
}

/**
 * The opening lines of a summary when rows were left out (SPEC §8): how many
 * rows, the people they belong to (named, up to ten), that results may change
 * once fixed, then the grouped problems. Shared by the CLI text, the sidebar and
 * the task pane.
 */
export function leftOutLines(l: LeftOutSummary, lang: Lang): { headline: string; details: string[] } {
  const zh = lang === 'zh';
  const who = l.people.map((p) => (p.name ? (zh ? `${p.name}（${p.staffId}）` : `${p.name} (${p.staffId})`) : p.staffId));
  const more = l.peopleCount > l.people.length ? (zh ? ` 等 ${l.peopleCount} 人` : ` and ${l.peopleCount - l.people.length} more`) : '';
  let headline: string;
  if (zh) {
    headline = l.peopleCount
      ? `有 ${l.rows} 行数据未使用，涉及 ${l.peopleCount} 人：${who.join('、')}${more}。修正后结果可能改变。`
      : `有 ${l.rows} 行数据未使用（不属于员工表中的任何人）。修正后结果可能改变。`;
  } else {
    const rows = `${l.rows} row${l.rows === 1 ? ' was' : 's were'} left out`;
    headline = l.peopleCount
      ? `${rows}, belonging to ${l.peopleCount} ${l.peopleCount === 1 ? 'person' : 'people'}: ${who.join(', ')}${more}. Results may change once they are fixed.`
      : `${rows} (none belongs to a person in Staff). Results may change once they are fixed.`;
  }
  const details = l.groups.map((g) => g[lang]);
  if (l.groupCount > l.groups.length) details.push(zh ? `…… 另有 ${l.groupCount - l.groups.length} 类问题，见“数据检查”表` : `… ${l.groupCount - l.groups.length} more kinds of problem in the Data check tab`);
  return { headline, details };
}

/** The Runs tab's name in each language (a new log is made with the run's language). */
export const RUNS_TAB_NAME: Record<Lang, string> = { en: 'Runs', zh: '运行记录' };

/**
 * An output tab as the summaries list it in `lang`: its name, which is what the user
 * finds in the workbook. A Runs tab keeps the name and language it was made with
 * (it is the user's log), so when that name is another language's, what the tab is
 * follows in brackets — `Runs（运行记录）` in a Chinese summary — rather than an
 * English word alone in a Chinese line.
 */
export function outputTabTitle(tab: { name: string; kind: string }, lang: Lang): string {
  if (tab.kind !== 'runs' || tab.name === RUNS_TAB_NAME[lang]) return tab.name;
  return lang === 'zh' ? `${tab.name}（${RUNS_TAB_NAME.zh}）` : `${tab.name} (${RUNS_TAB_NAME.en})`;
}
