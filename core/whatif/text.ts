/**
 * A what-if difference in words (the command line without --json, the sidebar and
 * task pane): the changes by the Scheme tab's labels, people by name and staff id,
 * awards by name, money with two decimals. One language per run, no ids alone.
 */
import type { Lang } from '../types';
import { actionLabel } from '../output/labels';
import { formatFen } from '../money';
import type { WhatIfOutcome } from './index';

const money = (yuan: number) => formatFen(Math.round(yuan * 100));

export interface WhatIfSection {
  /** Section title (e.g. 新增获奖 / Winners gained). */
  title: string;
  lines: string[];
}

/** The difference as titled sections of lines (empty sections left out). */
export function renderWhatIf(outcome: WhatIfOutcome, lang: Lang): WhatIfSection[] {
  const zh = lang === 'zh';
  const json = outcome.json;
  const out: WhatIfSection[] = [];
  const who = (id: string) => (outcome.names.staff[id] ? `${outcome.names.staff[id]}（${id}）` : id);
  const whoEn = (id: string) => (outcome.names.staff[id] ? `${outcome.names.staff[id]} (${id})` : id);
  const person = zh ? who : whoEn;
  const award = (id: string) => outcome.names.awards[id]?.[lang] ?? id;

  out.push({
    title: zh ? '改动' : 'Changes',
    lines: outcome.changes.length
      ? outcome.changes.map((c) => `${c.label[lang]}${zh ? '：' : ': '}${c.shown.from[lang]} → ${c.shown.to[lang]}`)
      : [zh ? '（没有改动）' : '(nothing changed)'],
  });
  if (!json) return out;

  if (json.gained.length) {
    out.push({ title: zh ? '新增获奖' : 'Winners gained', lines: json.gained.map((w) => `${award(w.award)}${zh ? '：' : ': '}${person(w.staff_id)} ${money(w.amount)}`) });
  }
  if (json.lost.length) {
    out.push({ title: zh ? '不再获奖' : 'Winners lost', lines: json.lost.map((w) => `${award(w.award)}${zh ? '：' : ': '}${person(w.staff_id)} ${money(w.amount)}`) });
  }
  if (json.changed.length) {
    out.push({ title: zh ? '金额变化' : 'Amounts that change', lines: json.changed.map((c) => `${award(c.award)}${zh ? '：' : ': '}${person(c.staff_id)} ${money(c.from)} → ${money(c.to)}`) });
  }
  const delta = Math.round((json.paid.after - json.paid.before) * 100);
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const total = `${money(json.paid.before)} → ${money(json.paid.after)}`;
  const change = `${sign}${formatFen(Math.abs(delta))}`;
  const paidLines = [zh ? `合计：${total}（${change}）` : `In all: ${total} (${change})`];
  for (const [id, p] of Object.entries(json.paid.by_award)) {
    if (p.before !== p.after) paidLines.push(`${award(id)}${zh ? '：' : ': '}${money(p.before)} → ${money(p.after)}`);
  }
  out.push({ title: zh ? '发放金额' : 'Paid', lines: paidLines });

  if (json.stars.length) {
    const st = (s: { stars: number; bonus: number } | null) => (s ? (zh ? `${s.stars} 星（奖金 ${money(s.bonus)}）` : `${s.stars} star${s.stars === 1 ? '' : 's'} (bonus ${money(s.bonus)})`) : (zh ? '无星级' : 'no stars'));
    out.push({ title: zh ? '星级变化' : 'Stars that change', lines: json.stars.map((s) => `${person(s.staff_id)}${zh ? '：' : ': '}${st(s.from)} → ${st(s.to)}`) });
  }
  const pen = (p: { staff_id: string; action: string; window: string; amount: number }) =>
    `${person(p.staff_id)} ${outcome.names.actions[p.action]?.[lang] ?? actionLabel(p.action, lang)} ${p.window}${p.amount ? ` ${money(p.amount)}` : ''}`;
  if (json.penalties.gained.length) out.push({ title: zh ? '新增处罚' : 'Penalties added', lines: json.penalties.gained.map(pen) });
  if (json.penalties.lost.length) out.push({ title: zh ? '取消处罚' : 'Penalties removed', lines: json.penalties.lost.map(pen) });
  const notes = outcome.diagnostics.filter((d) => d.code.startsWith('whatif_') && d.severity !== 'error');
  if (notes.length) out.push({ title: zh ? '注意' : 'Note', lines: notes.map((d) => d.message[lang]) });
  if (!json.gained.length && !json.lost.length && !json.changed.length && !json.stars.length && !json.penalties.gained.length && !json.penalties.lost.length) {
    out.push({ title: zh ? '结果' : 'Result', lines: [zh ? '获奖名单、金额、星级和处罚都不变' : 'Winners, amounts, stars and penalties stay the same'] });
  }
  // Long lists are cut in the words (the JSON has every line).
  for (const sec of out) {
    if (sec.lines.length > LINES_SHOWN) {
      const more = sec.lines.length - LINES_SHOWN;
      sec.lines = [...sec.lines.slice(0, LINES_SHOWN), zh ? `…… 另有 ${more} 条` : `… and ${more} more`];
    }
  }
  return out;
}

/** Lines shown per section. */
export const LINES_SHOWN = 30;
