/**
 * The readable summary printed without `--json`: winners per award, paid against
 * budget, penalties, diagnostic counts and the output tabs, in the chosen language.
 * Built from core/summary's ComputeSummary so the CLI and the sidebar say the same.
 */
import { ACTIONS, labelOf, scopeLabel } from '../core/output/labels';
import { leftOutLines, type ComputeSummary } from '../core/summary';
import { outputTabTitle } from '../core/summary-lines';
import type { Lang, ResultJson } from '../core/types';

function money(n: number): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const LIST_LIMIT = 30;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The summary text; `names` maps staff ids to names for the penalty lines. */
export function renderSummary(s: ComputeSummary, result: ResultJson | null, lang: Lang, saved: string[], names: Record<string, string> = {}): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  const flagNames = s.names?.flags ?? {};
  const actionNames = s.names?.actions ?? ACTIONS;
  const scheme = s.schemeName?.[lang] ? `${s.schemeName[lang]}${s.scheme ? (zh ? `（${s.scheme}）` : ` (${s.scheme})`) : ''}` : s.scheme || '—';
  out.push(zh ? `服务之星 ${s.period} · 方案 ${scheme}` : `Service Star ${s.period} · scheme ${scheme}`);
  out.push('');

  // Rows left out could change results: the summary opens with them (SPEC §8).
  if (s.leftOut) {
    const l = leftOutLines(s.leftOut, lang);
    out.push(l.headline);
    for (const d of l.details) out.push(`  ${d}`);
    out.push('');
  }

  // A period with no data in a tab the scheme reads explains "no winners" before it is printed (SPEC §8).
  if (s.emptyWindows?.length) {
    for (const e of s.emptyWindows) out.push(e[lang]);
    out.push('');
  }

  // Pending appeals could change results: they come before the results (SPEC §8, §10).
  const disputes = s.disputes ?? [];
  if (disputes.length) {
    out.push(zh ? `待处理申诉 ${disputes.length} 项：裁决后结果可能改变` : `Pending appeals: ${disputes.length}; results may change once decided`);
    for (const d of disputes.slice(0, LIST_LIMIT)) {
      out.push(zh
        ? `  申诉第 ${d.row} 行（${d.staffId}，针对「${d.target.tab}」第 ${d.target.row} 行）：${d.alternative.zh}`
        : `  Appeal row ${d.row} (${d.staffId}, on ${d.target.tab} row ${d.target.row}): ${d.alternative.en}`);
    }
    if (disputes.length > LIST_LIMIT) out.push(zh ? `  …… 另有 ${disputes.length - LIST_LIMIT} 项` : `  … ${disputes.length - LIST_LIMIT} more`);
    out.push('');
  }

  out.push(zh ? '获奖' : 'Awards');
  if (s.winners.length === 0) out.push(zh ? '  （本期无人获奖）' : '  (no winners this period)');
  for (const w of s.winners.slice(0, LIST_LIMIT)) {
    const who = w.name ? `${w.staffId} ${w.name}` : w.staffId;
    const scope = w.scope ? ` · ${w.scopeName?.[lang] ?? scopeLabel(w.scope, lang)}` : '';
    const tie = w.tie ? (zh ? '（并列）' : ' (tie)') : '';
    const amount = w.amount ? `  ${money(w.amount)}` : '';
    const pending = w.pending ? (zh ? '（申诉待处理）' : ' (pending appeal)') : '';
    const f = w.forWinner;
    const forWho = f ? (zh ? `（${f.name ? `${f.name} ${f.staffId}` : f.staffId} 的上级）` : ` (superior of ${f.name ? `${f.name} ${f.staffId}` : f.staffId})`) : '';
    out.push(`  ${w.awardName[lang]}${scope}  ${who}${tie}${amount}${forWho}${pending}`);
  }
  if (s.winners.length > LIST_LIMIT) out.push(zh ? `  …… 另有 ${s.winners.length - LIST_LIMIT} 条` : `  … ${s.winners.length - LIST_LIMIT} more`);
  out.push('');

  out.push(zh ? `奖金：合计发放 ${money(s.totalPaid)}` : `Bonus: ${money(s.totalPaid)} paid in total`);
  for (const a of s.awards) {
    const people = zh ? `${a.winners} 人` : `${a.winners} ${a.winners === 1 ? 'winner' : 'winners'}`;
    const budget = a.budget === null ? '' : zh
      ? ` / 预算 ${money(a.budget)}（未用 ${money(Math.max(0, a.budget - a.paid))}）`
      : ` / budget ${money(a.budget)} (unspent ${money(Math.max(0, a.budget - a.paid))})`;
    out.push(zh ? `  ${a.name[lang]}：${people}，${money(a.paid)}${budget}` : `  ${a.name[lang]}: ${people}, ${money(a.paid)}${budget}`);
  }

  const stars = result?.stars ?? [];
  if (stars.length) {
    const byLevel = new Map<number, number>();
    for (const st of stars) byLevel.set(st.stars, (byLevel.get(st.stars) ?? 0) + 1);
    const levels = [...byLevel.keys()].sort((a, b) => b - a).map((k) => `${k}★ ${byLevel.get(k)}${zh ? ' 人' : ''}`);
    // The star bonus itself is an award line above (core/summary); here only how the stars fell.
    out.push(zh ? `  星级分布：${levels.join(' · ')}` : `  Stars given: ${levels.join(' · ')}`);
  }
  const flags = result?.flags ?? [];
  if (flags.length) {
    const byFlag = new Map<string, number>();
    for (const f of flags) byFlag.set(f.flag, (byFlag.get(f.flag) ?? 0) + 1);
    const list = [...byFlag].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([f, n]) => `${labelOf(flagNames, f, lang)} ${n}`);
    out.push(zh ? `  标记：${list.join(' · ')}` : `  Flags: ${list.join(' · ')}`);
  }
  const points = result?.points ?? [];
  if (points.length) {
    const earned = points.reduce((a, p) => a + p.earned, 0);
    out.push(zh ? `  积分：${points.length} 人本期共得 ${earned} 分` : `  Points: ${points.length} people earned ${earned} points`);
  }
  const departments = result?.departments ?? [];
  if (departments.length) {
    out.push('');
    out.push(zh ? '部门' : 'Departments');
    for (const d of departments.slice(0, LIST_LIMIT)) {
      const actions = d.actions.length ? `  ${d.actions.map((a) => labelOf(actionNames, a, lang)).join(zh ? '、' : ', ')}` : '';
      out.push(`  ${d.rank}. ${d.department}  ${d.score.toFixed(2)}${actions}`);
    }
  }

  const penalties = result?.penalties ?? [];
  if (penalties.length) {
    out.push('');
    out.push(zh ? `处罚 ${penalties.length} 项` : `Penalties: ${penalties.length}`);
    for (const p of penalties.slice(0, LIST_LIMIT)) {
      const amount = p.amount ? `  ${money(p.amount)}` : '';
      const who = names[p.staff_id] ? `${p.staff_id} ${names[p.staff_id]}` : p.staff_id;
      out.push(`  ${p.window}  ${who}  ${labelOf(actionNames, p.action, lang)}${amount}`);
    }
    if (penalties.length > LIST_LIMIT) out.push(zh ? `  …… 另有 ${penalties.length - LIST_LIMIT} 项` : `  … ${penalties.length - LIST_LIMIT} more`);
  }

  if (s.dataChanges?.length) {
    out.push('');
    out.push(zh ? '与上次计算相比，数据变化：' : 'Since the previous run, the data that changed:');
    for (const c of s.dataChanges.slice(0, LIST_LIMIT)) out.push(`  ${c}`);
  }

  const near = s.nearMisses ?? [];
  if (near.length) {
    out.push('');
    out.push(zh ? '差一点：' : 'Near misses:');
    for (const n of near) out.push(`  ${n.text[lang]}`);
  }

  out.push('');
  const d = s.diagnostics;
  out.push(zh
    ? `数据检查：错误 ${d.error} · 警告 ${d.warning} · 提示 ${d.info}`
    : `Data check: ${plural(d.error, 'error')} · ${plural(d.warning, 'warning')} · ${d.info} info`);
  for (const w of s.warnings) out.push(`  ${w.text[lang]}`);

  if (s.outputs.length) {
    out.push('');
    out.push((zh ? '结果工作表：' : 'Output tabs: ') + s.outputs.map((o) => outputTabTitle(o, lang)).join(zh ? '、' : ', '));
  }
  for (const path of saved) out.push((zh ? '已保存：' : 'Saved: ') + path);
  return `${out.join('\n')}\n`;
}
