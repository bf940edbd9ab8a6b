/**
 * Words of explanations and statements in both languages: coded input values
 * (ratings, incident types, review sources) and the sentence pieces of near
 * misses and statements. Ids never reach the user: an unknown code is shown as
 * written, with underscores as spaces.
 */
import { INCIDENT_TYPES, RATINGS, REVIEW_SOURCES } from '../input/aliases';
import type { Lang } from '../types';

export type Bi = { zh: string; en: string };

const EN_VALUES: Record<string, string> = {
  exceeded: 'exceeded', met: 'met', below: 'below',
  self: 'self', supervisor: 'supervisor', customer: 'customer', peer: 'peer', committee: 'committee', vote: 'vote',
};

function plain(code: string): string {
  return code.replace(/_/g, ' ');
}

/** The label of a coded value of an input field (rating `exceeded` → 超越 / exceeded). */
export function valueLabel(field: string, code: string): Bi {
  if (code === '') return { zh: '（空）', en: '(blank)' };
  const table: Readonly<Record<string, readonly string[]>> | null =
    field === 'rating' ? RATINGS : field === 'type' ? INCIDENT_TYPES : field === 'source' ? REVIEW_SOURCES : null;
  const zh = table?.[code]?.[0];
  return { zh: zh ?? code, en: EN_VALUES[code] ?? plain(code) };
}

/** `客户反馈 第 12 行` / `Feedback row 12`, with the row's note in brackets. */
export function rowText(ref: { tab: string; row: number; note?: Bi }, lang: Lang): string {
  return rowTextOf(ref.tab, ref.row, ref.note ? ref.note[lang] : null, lang);
}

/**
 * rowText from its parts, no object made (the Statements tab writes hundreds of
 * thousands): `prefix row suffix`, made by one join (one flat string, not a chain of
 * pieces: the Statements tab keeps them all until it is written). `more` follows the
 * note after a comma (a row's day, then its value).
 */
export function rowTextOf(tab: string, row: number, note: string | null, lang: Lang, more: string | null = null): string {
  const full = note === null || more === null ? note : note + (lang === 'zh' ? '，' : ', ') + more;
  return joinRowText(rowTextPrefix(tab, lang), row, rowTextSuffix(full, lang));
}

/** What a row text starts with: `客户反馈 第 ` / `Feedback row `. */
export function rowTextPrefix(tab: string, lang: Lang): string {
  return tab + (lang === 'zh' ? ' 第 ' : ' row ');
}

/** What a row text ends with after the row number: ` 行（2026-07-15，达到）` / ` (2026-07-15, met)`, or ` 行` / `` without a note. */
export function rowTextSuffix(note: string | null, lang: Lang): string {
  const zh = lang === 'zh';
  return note === null ? (zh ? ' 行' : '') : zh ? ` 行（${note}）` : ` (${note})`;
}

/** A row text from its prefix and suffix (both often made once and kept: one per tab, one per day and value). */
export function joinRowText(prefix: string, row: number, suffix: string): string {
  const p = ROW_TEXT_PARTS;
  p[0] = prefix;
  p[1] = row;
  p[2] = suffix;
  return p.join('');
}

const ROW_TEXT_PARTS: (string | number)[] = ['', 0, ''];

export const STATEMENT = {
  tab: { zh: '个人说明', en: 'Statements' },
  item: { zh: '项目', en: 'Item' },
  value: { zh: '数值', en: 'Value' },
  detail: { zh: '明细', en: 'Detail' },
  rows: { zh: '依据（输入行）', en: 'Rows behind it' },
  more_rows: { zh: '另有 {n} 行', en: 'and {n} more' },
  section_figure: { zh: '指标', en: 'Figures' },
  heading: { zh: '{who} · {department} · {group} · {period}', en: '{who} · {department} · {group} · {period}' },
  score: { zh: '得分', en: 'Score' },
  component: { zh: '{label} {value}（权重 {weight}）', en: '{label} {value} (weight {weight})' },
  stars: { zh: '星级', en: 'Stars' },
  star_bonus: { zh: '星级奖金 {bonus}', en: 'star bonus {bonus}' },
  passed: { zh: '通过', en: 'passed' },
  failed: { zh: '未通过', en: 'failed' },
  not_checked: { zh: '不参加本期评选', en: 'not a candidate this period' },
  condition: { zh: '{label} {value}，要求 {op} {threshold}', en: '{label} {value}, needs {op} {threshold}' },
  won: { zh: '获奖 {amount}', en: 'won {amount}' },
  not_won: { zh: '未获奖', en: 'not won' },
  not_eligible: { zh: '不符合条件', en: 'not eligible' },
  award_facts: { zh: '名次 {rank}，名额 {quota}。', en: 'Rank {rank}, quota {quota}.' },
  points: { zh: '积分', en: 'Points' },
  appeal: { zh: '申诉', en: 'Appeal' },
  points_detail: { zh: '本期所得 = {parts}；本期兑换 {redeemed}；期末余额 {balance}', en: 'earned = {parts}; redeemed {redeemed}; balance {balance}' },
  none: { zh: '本期没有与此人相关的数据。', en: 'Nothing for this person this period.' },
} satisfies Record<string, Bi>;

export const NEAR = {
  rank: { zh: '距最后一个获奖名次（{target}）差 {gap}（{measure} {value}）', en: '{gap} short of the last winning place on {measure} ({value} vs {target})' },
  rank_tie: { zh: '“{rankMeasure}”与最后一个获奖者相同，按“{measure}”决出，差 {gap}（{value} 比 {target}）', en: 'level with the last winner on {rankMeasure}, decided by {measure}: {gap} short ({value} vs {target})' },
  rank_brief: { zh: '距最后一个获奖名次差 {gap}（{measure} {value} 比 {target}）', en: '{gap} short of the last winning place ({measure} {value} vs {target})' },
  rank_tie_brief: { zh: '“{measure}”差 {gap}', en: '{gap} short on {measure}' },
  relaxed_brief: { zh: '若没有这一条限制，本可在{scope}排第 {rank} 名（名额 {quota}）{rows}', en: 'without this condition would have ranked {rank} in {scope} (quota {quota}){rows}' },
  rows: { zh: '；相关记录：{rows}', en: '; rows: {rows}' },
  relaxed: { zh: '{what}；若没有这一条限制，本可在{scope}排第 {rank} 名（名额 {quota}）{rows}', en: '{what}; without this condition would have ranked {rank} in {scope} (quota {quota}){rows}' },
  more: { zh: '，另有 {n} 行', en: ' and {n} more' },
  summary_head: { zh: '差一点：', en: 'Near misses: ' },
} satisfies Record<string, Bi>;
