/**
 * Building diagnostics (SPEC §6) and rendering them for people and for `--json`.
 */
import type { Cell, Diagnostic, DiagnosticLine, Lang, Severity } from './types';

/** Render any cell value as the text a user would recognise. */
export function cellText(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString().slice(0, 10);
  }
  const s = String(value);
  // Keep diagnostics readable when a cell holds a novel.
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

export interface DiagnosticInput {
  severity: Severity;
  code: string;
  tab?: string;
  row?: number | null;
  column?: string;
  value?: Cell;
  zh: string;
  en: string;
}

export function diag(d: DiagnosticInput): Diagnostic {
  return {
    severity: d.severity,
    code: d.code,
    tab: d.tab ?? '',
    row: d.row ?? null,
    column: d.column ?? '',
    value: cellText(d.value),
    message: { zh: d.zh, en: d.en },
  };
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: severity, tab, row, column, code — so output is byte-identical run to run. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    cmp(a.tab, b.tab) || (a.row ?? 0) - (b.row ?? 0) || cmp(a.column, b.column) ||
    cmp(a.code, b.code) || cmp(a.value, b.value) || cmp(a.message.en, b.message.en));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function toDiagnosticLine(d: Diagnostic, lang: Lang): DiagnosticLine {
  return { severity: d.severity, tab: d.tab, row: d.row, column: d.column, code: d.code, value: d.value, message: d.message[lang] };
}

/** One line for a person: `Feedback, row 12, column score: "abc" is not a number`. */
export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  const parts: string[] = [];
  if (lang === 'zh') {
    if (d.tab) parts.push(`「${d.tab}」`);
    if (d.row !== null) parts.push(`第 ${d.row} 行`);
    if (d.column) parts.push(`「${d.column}」列`);
    return parts.length ? `${parts.join(' ')}：${d.message.zh}` : d.message.zh;
  }
  if (d.tab) parts.push(d.tab);
  if (d.row !== null) parts.push(`row ${d.row}`);
  if (d.column) parts.push(`column ${d.column}`);
  return parts.length ? `${parts.join(', ')}: ${d.message.en}` : d.message.en;
}

/** The header the user wrote for a field of a tab, falling back to the field id. */
export function columnAsWritten(
  columnNames: Partial<Record<string, Record<string, string>>> | undefined, tab: string, field: string,
): string {
  return columnNames?.[tab]?.[field] ?? field;
}
