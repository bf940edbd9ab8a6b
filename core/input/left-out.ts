/**
 * Rows left out of a computation (SPEC §8 "Problems that change results come
 * first"): how many input rows were not used, the known people they belong to,
 * and the same problems grouped by tab, column and kind with their row ranges
 * (`客户反馈 第 12–51 行（40 行）日期…`). Built after reading from the
 * diagnostics and the raw rows, so the reader stays as it is; the summaries of
 * every front end and `--json` `left_out` read this one report.
 */
import type { Diagnostic, Lang, RawTab, StaffRecord } from '../types';
import { staffKey } from '../ids';
import { columnOf } from './aliases';
import { recognizeTab } from './tabs';

/** Problems with a cell's value: the reader leaves the row out (core/input/tabs.ts `fail`). */
const CELL_CODES = new Set([
  'missing_value', 'error_value', 'bad_date', 'bad_month', 'bad_period', 'not_a_number', 'not_an_integer',
  'bad_boolean', 'bad_level', 'bad_rating', 'bad_status', 'negative_value', 'out_of_range', 'ambiguous_date', 'mixed_date',
]);

const LEFT_OUT_WORDS = /本行未使用|未使用|未计入|未执行|不予|left out|not used|not applied|not counted/;

/** Input-tab row problems that do not say yet that the row was left out, with that said (SPEC §8). */
export function sayRowsLeftOut(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => {
    if (d.severity !== 'error' || d.row === null || !CELL_CODES.has(d.code) || LEFT_OUT_WORDS.test(d.message.en)) return d;
    return { ...d, message: { zh: `${d.message.zh}，本行未使用`, en: `${d.message.en}; this row is left out` } };
  });
}

export interface LeftOutGroup {
  tab: string;
  column: string;
  code: string;
  /** Row numbers as the user sees them, ascending. */
  rows: number[];
  /** The first row's message: the kind of problem in words. */
  message: { zh: string; en: string };
}

export interface LeftOutReport {
  /** Distinct input rows left out. */
  rows: number;
  /** Known people (in Staff) with a row left out: ids as written in Staff, in staff id order. */
  staffIds: string[];
  /** Problems of the same tab, column and kind, in order of their first row. */
  groups: LeftOutGroup[];
}

/** A row of an input tab is left out when it has an error (the reader and engine never use such a row). */
function isLeftOut(d: Diagnostic): boolean {
  if (d.row === null || d.row < 2 || !d.tab) return false;
  if (d.severity === 'error') return true;
  return d.code === 'staff_left_out';
}

/** The rows left out, the known people they belong to, and the grouped problems. */
export function leftOutReport(tabs: RawTab[], diagnostics: Diagnostic[], staff: StaffRecord[]): LeftOutReport {
  const byName = new Map(tabs.map((t) => [t.name, t]));
  const known = new Map(staff.map((s) => [s.key, s]));
  const rows = new Map<string, Set<number>>();
  const groups = new Map<string, LeftOutGroup>();
  const people = new Set<StaffRecord>();
  const staffColumn = new Map<string, number>();
  const columnOfStaff = (t: RawTab): number => {
    let j = staffColumn.get(t.name);
    if (j === undefined) {
      const id = recognizeTab(t.name);
      j = id ? (t.rows[0] ?? []).findIndex((h) => columnOf(id, String(h ?? ''))?.id === 'staff_id') : -1;
      staffColumn.set(t.name, j);
    }
    return j;
  };
  const add = (t: RawTab, row: number): void => {
    let set = rows.get(t.name);
    if (!set) rows.set(t.name, (set = new Set()));
    set.add(row);
    if (recognizeTab(t.name) === 'staff') return; // a Staff row left out is not a known person
    const j = columnOfStaff(t);
    const cell = j >= 0 ? t.rows[row - 1]?.[j] : undefined;
    const s = cell === null || cell === undefined ? undefined : known.get(staffKey(String(cell)));
    if (s) people.add(s);
  };
  for (const d of diagnostics) {
    if (!isLeftOut(d)) continue;
    const t = byName.get(d.tab);
    const id = t ? recognizeTab(t.name) : null;
    if (!t || id === null || id === 'scheme' || id === 'runs') continue;
    if (d.code === 'staff_left_out') {
      // Every row of that person in this tab: their Staff row has errors.
      const j = columnOfStaff(t);
      const key = staffKey(d.value);
      for (let r = 1; r < t.rows.length; r++) if (j >= 0 && staffKey(String(t.rows[r]?.[j] ?? '')) === key) add(t, r + 1);
    } else {
      add(t, d.row!);
    }
    const gk = `${d.tab}\u0000${d.column}\u0000${d.code}`;
    const g = groups.get(gk);
    if (g) g.rows.push(d.row!);
    else groups.set(gk, { tab: d.tab, column: d.column, code: d.code, rows: [d.row!], message: d.message });
  }
  let count = 0;
  for (const s of rows.values()) count += s.size;
  const list = [...groups.values()];
  for (const g of list) g.rows = [...new Set(g.rows)].sort((a, b) => a - b);
  list.sort((a, b) => (a.tab === b.tab ? a.rows[0] - b.rows[0] : a.tab < b.tab ? -1 : 1));
  const ids = [...people].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((s) => s.id);
  return { rows: count, staffIds: ids, groups: list };
}

/** `12–51、60` / `12–51, 60`: consecutive rows as ranges. */
export function rowRanges(rows: number[], lang: Lang): string {
  const parts: string[] = [];
  for (let k = 0; k < rows.length;) {
    let e = k;
    while (e + 1 < rows.length && rows[e + 1] === rows[e] + 1) e++;
    parts.push(e > k ? `${rows[k]}–${rows[e]}` : String(rows[k]));
    k = e + 1;
  }
  return parts.join(lang === 'zh' ? '、' : ', ');
}

/** One group as a line: `客户反馈 第 12–51 行（40 行）日期：…` / `Feedback rows 12–51 (40 rows) date: …`. */
export function leftOutGroupLine(g: LeftOutGroup, lang: Lang): string {
  const n = g.rows.length;
  const ranges = rowRanges(g.rows, lang);
  const more = n > 1 ? (lang === 'zh' ? `（${n} 行）` : ` (${n} rows)`) : '';
  if (lang === 'zh') return `${g.tab} 第 ${ranges} 行${more}${g.column ? ` ${g.column}` : ''}：${g.message.zh}`;
  return `${g.tab} row${n > 1 ? 's' : ''} ${ranges}${more}${g.column ? ` ${g.column}` : ''}: ${g.message.en}`;
}
