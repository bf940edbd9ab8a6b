/**
 * Choosing the file host for a path (a folder of CSV files or an .xlsx file) and
 * saving the outputs where `--out` says (an .xlsx with the input tabs, or a folder
 * of CSV files with the output tabs). Input tabs are never modified: an .xlsx
 * source is carried over whole, and is never rewritten when that would lose anything.
 */
// node:fs's `promises` is loaded on first use (a getter), after the first progress line: every
// cli module imported node:fs/promises itself, which loaded it (~2 ms) at the bundle's start.
import { promises as fsp, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { OutputTab, RawTab } from '../core/types';
import { CsvFolderHost } from './csv-host';
import { writeCsvFolder } from './csv-writer';
import { CliError } from './errors';
import type { FileHost, RowsReadFn } from './file-host';
import { notFound, XlsxHost } from './xlsx-host';
import { droppedParts, type Message } from './xlsx-parts';

/**
 * Open `path` as a workbook: a folder → CSV host, a workbook file (.xlsx, .xlsm, .xls, .ods) → xlsx host.
 * @throws CliError when the path does not exist or is neither.
 */
export async function openHost(path: string, onRows?: RowsReadFn): Promise<FileHost> {
  // One stat, synchronous: a command's first progress line waits for it, and a round trip
  // through the thread pool (started for it alone) cost more than the call.
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    throw notFound(path, err);
  }
  if (st.isDirectory()) return new CsvFolderHost(path, { onRows });
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    throw new CliError(`请传入包含 CSV 文件的文件夹，而不是单个 CSV 文件（${basename(path)}）`,
      `Pass the folder that holds the CSV files, not a single CSV file (${basename(path)})`);
  }
  if (ext === '.numbers') {
    throw new CliError(`不支持“${ext}”格式：请在 Numbers 中导出为 .xlsx`, `${ext} files are not supported: export the workbook as .xlsx from Numbers`);
  }
  // .xlsx, .xls, .ods or any other name: the reader tells the format by content and refuses anything else with one line.
  return new XlsxHost(path, { onRows });
}

export function isXlsxPath(path: string): boolean {
  return /\.xls[xm]$/i.test(path);
}

/**
 * An .xlsx source up to this size is rewritten through exceljs's full reader and
 * writer, which keeps everything of the user's tabs. Larger ones would cost too
 * much time and memory that way (measured on the bench's M workbook, 14.3 MB and
 * 420,000 rows: 33–47 s and 3.2–3.3 GB peak RSS; a 7.1 MB one of 210,000 rows
 * takes about 16 s and 1.6–1.9 GB), so their `--out` copies the source's zip
 * entries as they are and writes the outputs new (copyWorkbook; also over the
 * source itself), or, when that copy cannot, the input tabs as values
 * (writeValuesWorkbook; then refused over the source itself).
 */
export const FULL_REWRITE_MAX_BYTES = 8 * 1024 * 1024;

export interface SaveOptions {
  now?: Date;
  /** Rows written so far (progress of a big save). */
  onRows?: (rows: number) => void;
  /** Size limit of the full rewrite (tests lower it). */
  fullRewriteMaxBytes?: number;
  /** A non-fatal remark about what was saved (parts a copy could not keep). */
  warn?: (message: { zh: string; en: string }) => void;
  /** Told whether the part-by-part copy wrote the file (null) or why not (tests, progress). */
  onCopy?: (whyNot: string | null) => void;
}

/**
 * Save outputs to `out`: an .xlsx path gets the source workbook with the outputs
 * replaced or added (an .xlsx source keeps every tab as it is; a CSV folder's tabs
 * are written as values); anything else is a folder that receives one CSV per output tab.
 * @throws CliError when the target cannot be written, or when writing over the
 *   source itself would lose something of it (too large to load whole, or parts exceljs drops).
 */
export async function saveOutputs(out: string, host: FileHost, outputs: OutputTab[], options: SaveOptions = {}): Promise<string[]> {
  if (isXlsxPath(out)) {
    if (host instanceof XlsxHost && (await host.isOoxml())) {
      await saveXlsxFromXlsx(host.source, out, () => host.allTabs(), outputs, options);
    } else {
      await fsp.mkdir(dirname(out), { recursive: true }).catch(() => undefined);
      await writeValuesWorkbook(out, await host.allTabs(), outputs, options);
    }
    return [out];
  }
  if (/\.(csv|json|xls)$/i.test(out)) {
    throw new CliError(`--out 应为 .xlsx 文件或文件夹：${out}`, `--out must be an .xlsx file or a folder: ${out}`);
  }
  const st = await fsp.stat(out).catch(() => null);
  if (st && !st.isDirectory()) {
    throw new CliError(`--out“${out}”已存在且不是文件夹`, `--out ${out} exists and is not a folder`);
  }
  return writeCsvFolder(out, outputs);
}

/** How `--out x.xlsx` is written from an .xlsx source. */
export type XlsxSavePlan =
  /** Source loaded whole, outputs replaced or added; `dropped`: what a copy leaves out. */
  | { kind: 'full'; dropped: Message[] }
  /**
   * Source too large to load whole: its parts copied as they are, outputs written new
   * (cli/xlsx-copy-writer.ts; also over the source itself), or, when the copy cannot,
   * input tabs copied as values (never over the source).
   */
  | { kind: 'copy' };

/**
 * Decide how to write `out` from the .xlsx `source`. Cheap (a stat and the zip
 * directory), so commands call it before computing to refuse at once.
 * @throws CliError when `out` is the source itself and rewriting it would lose
 *   something: too large to load whole and not one the copy part by part handles,
 *   or parts exceljs drops (charts, macros, …).
 */
export async function planXlsxSave(source: string, out: string, maxBytes = FULL_REWRITE_MAX_BYTES): Promise<XlsxSavePlan> {
  const inPlace = await sameFile(source, out);
  const name = basename(source);
  const st = await fsp.stat(source).catch((err: unknown) => {
    throw notFound(source, err);
  });
  if (st.size > maxBytes) {
    // Over the source itself only when the copy part by part can write it (else the values copy would lose its formulas).
    if (!inPlace || (await import('./xlsx-copy-writer')).whyNotCopyable(source, out) === null) return { kind: 'copy' };
    throw tooLargeInPlace(source, out, st.size);
  }
  const dropped = (await droppedParts(source).catch(() => null)) ?? [];
  if (dropped.length > 0 && inPlace) {
    throw new CliError(
      `“${name}”含有本工具无法保留的内容（${dropped.map((d) => d.zh).join('、')}）：为免丢失，请把结果写到另一个文件，例如 --out ${suggestOut(out)}`,
      `${name} holds what this tool cannot keep (${dropped.map((d) => d.en).join(', ')}): so as not to lose it, write the results to another file, e.g. --out ${suggestOut(out)}`);
  }
  return { kind: 'full', dropped };
}

/**
 * Refuse before any work a `--out` that `saveOutputs` would refuse for the source
 * workbook itself (see planXlsxSave); nothing to check for a CSV folder or a folder target.
 * @throws CliError (see planXlsxSave).
 */
export async function checkOutTarget(host: FileHost, out: string, options: Pick<SaveOptions, 'fullRewriteMaxBytes'> = {}): Promise<void> {
  if (isXlsxPath(out) && host instanceof XlsxHost) await planXlsxSave(host.source, out, options.fullRewriteMaxBytes);
}

/** @throws CliError (see saveOutputs). */
async function saveXlsxFromXlsx(source: string, out: string, inputs: () => Promise<RawTab[]>, outputs: OutputTab[], options: SaveOptions): Promise<void> {
  const plan = await planXlsxSave(source, out, options.fullRewriteMaxBytes);
  await fsp.mkdir(dirname(out), { recursive: true }).catch(() => undefined);
  if (plan.kind === 'copy') {
    if (await copyWorkbook(source, out, outputs, options)) return;
    // The values copy never goes over the source (planXlsxSave checked the copy could; this is the safety net).
    if (await sameFile(source, out)) throw tooLargeInPlace(source, out, (await fsp.stat(source)).size);
    await writeValuesWorkbook(out, await inputs(), outputs, options);
    return;
  }
  const { SourceLoadError, updateXlsx } = await import('./xlsx-writer');
  if (plan.dropped.length > 0) {
    const zh = plan.dropped.map((d) => d.zh).join('、');
    const en = plan.dropped.map((d) => d.en).join(', ');
    options.warn?.({ zh: `${basename(out)} 未包含原工作簿中的：${zh}`, en: `${basename(out)} leaves out the source workbook's ${en}` });
  }
  try {
    await updateXlsx(source, out, outputs, { onRows: options.onRows });
  } catch (err) {
    // exceljs cannot load some valid files (e.g. openpyxl's notes under absolute paths, a known exceljs bug):
    // a copy elsewhere then keeps the input tabs as values, with a remark; the source itself is never rewritten that way.
    if (!(err instanceof SourceLoadError) || (await sameFile(source, out))) throw err;
    // The copy part by part keeps the input tabs whole without loading them.
    if (await copyWorkbook(source, out, outputs, options)) return;
    options.warn?.({
      zh: `${basename(out)} 中的输入工作表只保留了数值（原工作簿的格式和公式无法带入）`,
      en: `${basename(out)} keeps the input tabs as values only (the source workbook's formatting and formulas could not be carried over)`,
    });
    await writeValuesWorkbook(out, await inputs(), outputs, options);
  }
}

/**
 * `out` as the .xlsx `source` with its zip entries copied as they are and the outputs
 * written new (cli/xlsx-copy-writer.ts). False, having written nothing, when the
 * source is not one this copy handles (the caller writes the values copy).
 * @throws CliError when the target cannot be written.
 */
async function copyWorkbook(source: string, out: string, outputs: OutputTab[], options: SaveOptions): Promise<boolean> {
  const { writeCopyXlsx } = await import('./xlsx-copy-writer');
  const why = await writeCopyXlsx(source, out, outputs, { onRows: options.onRows });
  options.onCopy?.(why);
  return why === null;
}

/**
 * A new workbook of the input tabs' values and the outputs. Written directly as
 * SpreadsheetML (cli/xlsx-values-writer.ts: a 420,000-row workbook in a few seconds
 * instead of half a minute, without loading exceljs) unless an output has header
 * notes (templates), which only exceljs's writer writes.
 * @throws CliError when the target cannot be written.
 */
async function writeValuesWorkbook(out: string, inputs: RawTab[], outputs: OutputTab[], options: SaveOptions): Promise<void> {
  const { valuesWriterCovers, writeValuesXlsx } = await import('./xlsx-values-writer');
  if (valuesWriterCovers(outputs)) {
    await writeValuesXlsx(out, inputs, outputs, { now: options.now, onRows: options.onRows });
    return;
  }
  // exceljs is loaded only here, for updating an .xlsx source and by `template`: a run without --out .xlsx never loads it.
  const { writeXlsx } = await import('./xlsx-writer');
  await writeXlsx(out, inputs, outputs, options);
}

/** `--out` over a large source the copy part by part cannot write. */
function tooLargeInPlace(source: string, out: string, size: number): CliError {
  const name = basename(source);
  const mb = (size / 1024 / 1024).toFixed(1);
  return new CliError(
    `“${name}”（${mb} MB）太大，无法在保留格式和公式的同时写回原文件：请把结果写到另一个文件，例如 --out ${suggestOut(out)}`,
    `${name} (${mb} MB) is too large to rewrite in place keeping its formulas and formatting: write the results to another file, e.g. --out ${suggestOut(out)}`);
}

/** True when both paths name one file (same path, or the same inode through a link). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (resolve(a) === resolve(b)) return true;
  const [sa, sb] = await Promise.all([fsp.stat(a).catch(() => null), fsp.stat(b).catch(() => null)]);
  return Boolean(sa && sb && sa.dev === sb.dev && sa.ino === sb.ino);
}

/** `book.xlsx` → `book-result.xlsx` next to it. */
function suggestOut(path: string): string {
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}-result${ext || '.xlsx'}`);
}
