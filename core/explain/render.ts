/**
 * A statement rendered for people outside the workbook: plain text (`service-star
 * explain`, the sidebar's selectable text), a JSON object (`explain --json`) and a
 * self-contained printable HTML page (`service-star statements`): inline CSS, no
 * script, no link to anything outside the page, every text escaped.
 */
import type { Lang } from '../types';
import { fill } from '../output/labels';
import { STATEMENT } from './labels';
import { STATEMENT_ROWS, type Statement } from './statement';
import { statementHeading } from './statements-tab';
import { canonicalTab } from './rows';

/** The first rows of a line as text, then "and N more". */
function rowsLine(rows: Statement['lines'][number]['rows'], lang: Lang): string {
  if (rows.length === 0) return '';
  const shown = rows.texts(STATEMENT_ROWS, lang).join(lang === 'zh' ? '、' : ', ');
  const more = rows.length > STATEMENT_ROWS ? (lang === 'zh' ? '；' : '; ') + fill(STATEMENT.more_rows[lang], { n: rows.length - STATEMENT_ROWS }) : '';
  return shown + more;
}

/** A statement as plain text, one line per item, rows indented under it. */
export function statementText(st: Statement, lang: Lang): string {
  const out: string[] = [statementHeading(st, lang)];
  if (st.lines.length === 0) out.push(`  ${STATEMENT.none[lang]}`);
  for (const l of st.lines) {
    out.push(`  ${l.label}：${l.value}${l.detail ? `  ${l.detail}` : ''}`.replace('：', lang === 'zh' ? '：' : ': '));
    const rows = rowsLine(l.rows, lang);
    if (rows) out.push(`      ${STATEMENT.rows[lang]}${lang === 'zh' ? '：' : ': '}${rows}`);
  }
  return `${out.join('\n')}\n`;
}

/** A statement as the JSON of `explain --json`: every row behind each line (tab, row). */
export function statementJson(st: Statement): Record<string, unknown> {
  return {
    period: st.period,
    staff_id: st.staffId,
    name: st.name,
    department: st.department,
    group: st.group,
    lines: st.lines.map((l) => ({
      section: l.section, label: l.label, value: l.value, detail: l.detail,
      rows: l.rows.all().map((r) => ({ tab: canonicalTab(r), row: r.row })),
    })),
  };
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = [
  'body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",Arial,sans-serif;margin:2em;color:#222}',
  'h1{font-size:1.3em;margin:0 0 .8em}',
  'table{border-collapse:collapse;width:100%}',
  'th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}',
  'th{background:#f3f3f3}',
  'td.v{white-space:nowrap}',
  'td.r{font-size:.85em;color:#555}',
  '@media print{body{margin:1cm}h1{page-break-before:auto}tr{page-break-inside:avoid}}',
].join('');

/** One self-contained printable page for a statement. */
export function statementHtml(st: Statement, lang: Lang): string {
  const e = escapeHtml;
  const rows = st.lines.map((l) => `<tr><td>${e(l.label)}</td><td class="v">${e(l.value)}</td><td>${e(l.detail)}</td><td class="r">${e(rowsLine(l.rows, lang))}</td></tr>`);
  const empty = st.lines.length === 0 ? `<p>${e(STATEMENT.none[lang])}</p>` : '';
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">`,
    `<title>${e(`${STATEMENT.tab[lang]} ${st.period} · ${st.title}`)}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<h1>${e(statementHeading(st, lang))}</h1>`,
    empty,
    st.lines.length ? `<table><thead><tr><th>${e(STATEMENT.item[lang])}</th><th>${e(STATEMENT.value[lang])}</th><th>${e(STATEMENT.detail[lang])}</th><th>${e(STATEMENT.rows[lang])}</th></tr></thead><tbody>${rows.join('')}</tbody></table>` : '',
    '</body></html>',
    '',
  ].join('\n');
}

/**
 * A file name from a staff id: letters, digits (any script), `-` and `_` kept,
 * anything else `_`; no leading dot, no Windows device name; names that end up
 * equal get `-2`, `-3`, … in the order given.
 */
export function safeFileNames(ids: string[], ext = '.html'): string[] {
  const used = new Set<string>();
  return ids.map((id) => {
    let base = id.normalize('NFC').replace(/[^\p{L}\p{N}_-]/gu, '_').slice(0, 80) || '_';
    if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = `_${base}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}-${k}`;
    used.add(name.toLowerCase());
    return name + ext;
  });
}
