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
