/** The Data check output tab: every diagnostic with tab, row, column, value and message. */
import type { Diagnostic, Lang, OutputTab } from '../types';

const HEADERS: Record<Lang, string[]> = {
  zh: ['级别', '工作表', '行', '列', '值', '代码', '说明'],
  en: ['Severity', 'Tab', 'Row', 'Column', 'Value', 'Code', 'Message'],
};
const SEVERITY: Record<Lang, Record<string, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

export function dataCheckTabName(periodId: string, lang: Lang): string {
  return lang === 'zh' ? `数据检查 ${periodId}` : `Data check ${periodId}`;
}

export function buildDataCheckTab(diagnostics: Diagnostic[], periodId: string, lang: Lang): OutputTab {
  const rows = [HEADERS[lang] as (string | number | null)[]];
  for (const d of diagnostics) {
    rows.push([SEVERITY[lang][d.severity], d.tab, d.row, d.column, d.value, d.code, d.message[lang]]);
  }
  return {
    name: dataCheckTabName(periodId, lang),
    kind: 'datacheck',
    rows,
    formats: ['text', 'text', 'integer', 'text', 'text', 'text', 'text'],
  };
}
