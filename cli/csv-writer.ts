/**
 * Writing output tabs as `<name>.csv` into a folder: UTF-8 with a BOM and CRLF, so
 * Excel opens Chinese text correctly by double-click. CSV has no cell types, so a
 * text beginning with = + - @ (or a tab / carriage return, which some spreadsheets
 * strip before looking for a formula) is prefixed with an apostrophe (the usual guard
 * against formula injection): a spreadsheet shows it as text, never runs it.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Cell, ColumnFormat, OutputTab } from '../core/types';
import { CliError, fsCode, writeHint } from './errors';

/** CSV has no cell types: also guard a leading tab or CR (OWASP CSV-injection advice). */
const CSV_FORMULA_LIKE = /^[=+\-@\t\r]/;

/** A file name from a tab name: characters no file system accepts become `_`. */
export function csvFileName(tabName: string): string {
  const base = tabName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'tab';
  return `${base}.csv`;
}

function field(c: Cell, format: ColumnFormat | undefined): string {
  if (c === null || c === undefined) return '';
  let s: string;
  if (c instanceof Date) s = Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  else if (typeof c === 'number') s = !Number.isFinite(c) ? '' : format === 'money' ? c.toFixed(2) : String(c);
  else if (typeof c === 'boolean') s = c ? 'TRUE' : 'FALSE';
  else s = CSV_FORMULA_LIKE.test(c) ? `'${c}` : c;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV text of one tab (BOM, CRLF, RFC 4180 quoting). */
export function toCsv(tab: OutputTab): string {
  const lines = tab.rows.map((row, r) => row.map((c, i) => field(c, r === 0 ? 'text' : tab.formats[i])).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * Write each output tab to `<folder>/<name>.csv` (folder created when missing).
 * @throws CliError when the folder or a file cannot be written.
 */
export async function writeCsvFolder(folder: string, tabs: OutputTab[]): Promise<string[]> {
  const written: string[] = [];
  try {
    await fsp.mkdir(folder, { recursive: true });
    for (const tab of tabs) {
      const path = join(folder, csvFileName(tab.name));
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        await fsp.writeFile(tmp, toCsv(tab), 'utf8');
        await fsp.rename(tmp, path);
      } catch (err) {
        await fsp.unlink(tmp).catch(() => undefined);
        throw err;
      }
      written.push(path);
      // The same period's tab in the other language is replaced, not left beside it (issue 13).
      for (const other of tab.replaces ?? []) {
        const stale = join(folder, csvFileName(other));
        if (stale !== path) await fsp.unlink(stale).catch(() => undefined);
      }
    }
  } catch (err) {
    const code = fsCode(err);
    const why = code || (err instanceof Error ? err.message : String(err));
    const hint = writeHint(code);
    throw new CliError(`无法写入文件夹“${folder}”（${why}）${hint.zh}`, `Cannot write to folder ${folder} (${why})${hint.en}`);
  }
  return written;
}
