/** Server-side texts of the Sheets add-on (menu, dialog titles, the menu-compute report), zh-CN / en. */
import type { Lang } from '../core/types';
import type { ComputeSummary } from '../core/summary';

export const MENU: Record<Lang, { open: string; insertTemplate: string; computeLastQuarter: string }> = {
  zh: { open: '打开服务之星', insertTemplate: '插入模板…', computeLastQuarter: '计算上一季度' },
  en: { open: 'Open Service Star', insertTemplate: 'Insert template…', computeLastQuarter: 'Compute last quarter' },
};

export const SIDEBAR_TITLE: Record<Lang, string> = { zh: '服务之星', en: 'Service Star' };

export const NO_LOCK: Record<Lang, string> = {
  zh: '无法锁定此表格，请从表格的“扩展程序”菜单打开服务之星。',
  en: 'This spreadsheet cannot be locked; open Service Star from the spreadsheet’s Extensions menu.',
};

/** *Insert template* with a preset id the add-on does not ship. */
export function unknownPreset(id: string): { zh: string; en: string } {
  return { zh: `没有名为“${id}”的预设方案，未插入任何内容`, en: `There is no preset "${id}"; nothing was inserted` };
}

/** *Insert template* stopped by a host failure (the tabs it had added are removed again). */
export function templateFailed(reason: string): { zh: string; en: string } {
  return { zh: `模板未插入，表格未被修改：${reason}`, en: `The template was not inserted and nothing was changed: ${reason}` };
}

function money(n: number): string {
  const [int, dec] = n.toFixed(2).split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

/** The plain-text report of *Compute last quarter* (a dialog cannot show the sidebar's links). */
export function computeAlertText(s: ComputeSummary): string {
  const zh = s.lang === 'zh';
  if (s.status !== 'computed') return s.message ? s.message[s.lang] : '';
  const lines: string[] = [];
  lines.push(zh ? `已计算 ${s.period}：获奖 ${s.winners.length} 人次，合计发放 ${money(s.totalPaid)}。`
    : `Computed ${s.period}: ${s.winners.length} award(s), ${money(s.totalPaid)} paid in total.`);
  const d = s.diagnostics;
  if (d.error + d.warning > 0) {
    lines.push(zh ? `数据检查：错误 ${d.error}，警告 ${d.warning}。` : `Data check: ${d.error} error(s), ${d.warning} warning(s).`);
  }
  if (s.outputs.length) lines.push((zh ? '已写入：' : 'Written: ') + s.outputs.map((o) => o.name).join(zh ? '、' : ', '));
  return lines.join('\n');
}

/** Compute stopped before replacing the result tabs: Apps Script's 6-minute limit was near (issue 19). */
export function swapTimeTooShort(): { zh: string; en: string } {
  return {
    zh: '本次运行剩余时间不足（表格脚本每次最多运行 6 分钟），为避免结果只更新一半，已停止并保留原有结果。请再次点击“计算”。',
    en: 'Too little of Apps Script’s 6-minute run time was left to replace the result tabs safely, so the run stopped and the previous results were kept. Click Compute again.',
  };
}

function count(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Compute refused before writing: the spreadsheet would pass Google Sheets' cell limit (issue 19). */
export function tooManyCells(existing: number, needed: number, limit: number): { zh: string; en: string } {
  return {
    zh: `写入结果需要约 ${count(needed)} 个单元格，表格现有 ${count(existing)} 个，将超过表格 ${count(limit)} 个单元格的上限（新结果写好前旧结果仍保留）。请删除不用的工作表、旧期间的结果表或多余的空行空列后再计算。`,
    en: `Writing the results needs about ${count(needed)} cells on top of the spreadsheet’s ${count(existing)}, which would pass Google Sheets’ limit of ${count(limit)} cells (the old results stay until the new ones are written). Delete unused sheets, old periods’ result tabs or empty rows and columns, and compute again.`,
  };
}
