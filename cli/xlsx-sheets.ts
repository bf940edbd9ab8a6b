/**
 * What both .xlsx writers share and that needs no spreadsheet library: which
 * sheets a `--out` workbook holds and in what order, Excel's sheet-name rules,
 * the number formats of output columns, column widths, and replacing the target
 * file only once the new one is complete. Kept free of exceljs so the values
 * writer (cli/xlsx-values-writer.ts) never loads it.
 */
import { promises as fsp } from 'node:fs';
import type { Cell, CellLink, ColumnFormat, OutputTab, RawTab } from '../core/types';
import { EXCEL_NUMBER_FORMATS } from '../core/output/formats';
import { CliError, fsCode, writeHint } from './errors';

/** Excel number formats of the column formats (one table for every Excel writer: core/output/formats.ts). */
export const NUM_FMT: Readonly<Record<ColumnFormat, string | undefined>> = EXCEL_NUMBER_FORMATS;

/** Where a cell link points: a place in this workbook, `#'Tab'!A12` (what exceljs reads back as a cell's `hyperlink`). */
export function xlsxLinkTarget(l: CellLink): string {
  return `#${xlsxLinkLocationPrefix(l.tab)}A${l.at}`;
}

/** The `'Tab'!` of a hyperlink's `location` (a place in this workbook, as Excel writes one). */
export function xlsxLinkLocationPrefix(tab: string): string {
  return `'${tab.replace(/'/g, "''")}'!`;
}

/** Strings a spreadsheet would read as a formula if typed in. */
export const FORMULA_LIKE = /^[=+\-@]/;

export type Sheet = { kind: 'input'; tab: RawTab } | { kind: 'output'; tab: OutputTab };

/** Input tabs in order; an output with the name of an input tab takes its place; other outputs follow. */
export function arrange(inputs: RawTab[], outputs: OutputTab[]): Sheet[] {
  const byName = new Map(outputs.map((o) => [o.name.toLowerCase(), o] as const));
  // A tab's other-language twin (issue 13) is replaced by it too, in its place.
  for (const o of outputs) for (const n of o.replaces ?? []) if (!byName.has(n.toLowerCase())) byName.set(n.toLowerCase(), o);
  const used = new Set<string>();
  const sheets: Sheet[] = [];
  for (const tab of inputs) {
    const replacement = byName.get(tab.name.toLowerCase());
    const key = replacement?.name.toLowerCase();
    if (replacement && key && !used.has(key)) {
      used.add(key);
      sheets.push({ kind: 'output', tab: replacement });
    } else if (!replacement || tab.name.toLowerCase() === key) {
      sheets.push({ kind: 'input', tab });
    }
  }
  for (const o of outputs) if (!used.has(o.name.toLowerCase())) sheets.push({ kind: 'output', tab: o });
  return sheets;
}

/** A date cell with a time of day (written with a date-time format instead of a date one). */
export function hasTime(d: Date): boolean {
  return d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0 || d.getUTCSeconds() !== 0;
}

/** A readable width from the first rows: CJK characters count double. */
export function columnWidth(rows: Cell[][], col: number): number {
  let w = 8;
  const n = Math.min(rows.length, 200);
  for (let r = 0; r < n; r++) {
    const v = rows[r][col];
    if (v === null || v === undefined) continue;
    const s = v instanceof Date ? '2026-01-01' : String(v);
    let len = 0;
    for (const ch of s) len += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
    w = Math.max(w, len + 2);
  }
  return Math.min(w, 60);
}

/**
 * Excel's sheet-name rules: ≤ 31 characters, none of \ / ? * [ ] :, not blank,
 * unique ignoring case. Names from CSV file names may break them.
 */
export function safeSheetNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw) => {
    let base = raw.replace(/[\\/?*[\]:]/g, '_').replace(/^'+|'+$/g, '').trim();
    if (!base) base = 'Sheet';
    base = [...base].slice(0, 31).join('');
    let name = base;
    for (let k = 2; seen.has(name.toLowerCase()); k++) {
      const suffix = ` (${k})`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    seen.add(name.toLowerCase());
    return name;
  });
}

/** Move the finished temporary file over `path`, keeping the permissions of a file it replaces. */
export async function replaceWith(tmp: string, path: string): Promise<void> {
  const old = await fsp.stat(path).catch(() => null);
  if (old?.isFile()) await fsp.chmod(tmp, old.mode & 0o7777).catch(() => undefined);
  await fsp.rename(tmp, path);
}

export function cannotWrite(path: string, err: unknown): CliError {
  if (err instanceof CliError) return err;
  const code = fsCode(err);
  const why = code || (err instanceof Error ? err.message.split('\n')[0] : String(err));
  const hint = writeHint(code);
  return new CliError(`无法写入“${path}”（${why}）${hint.zh}`, `Cannot write ${path} (${why})${hint.en}`);
}
