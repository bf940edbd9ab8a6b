/**
 * Choosing the file host for a path (a folder of CSV files or an .xlsx file) and
 * saving the outputs where `--out` says (an .xlsx with the input tabs, or a folder
 * of CSV files with the output tabs).
 */
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import type { OutputTab, RawTab } from '../core/types';
import { CsvFolderHost } from './csv-host';
import { writeCsvFolder } from './csv-writer';
import { CliError } from './errors';
import type { FileHost, RowsReadFn } from './file-host';
import { notFound, XlsxHost } from './xlsx-host';
import { writeXlsx } from './xlsx-writer';

/**
 * Open `path` as a workbook: a folder → CSV host, `.xlsx`/`.xlsm` → xlsx host.
 * @throws CliError when the path does not exist or is neither.
 */
export async function openHost(path: string, onRows?: RowsReadFn): Promise<FileHost> {
  const st = await stat(path).catch((err: unknown) => {
    throw notFound(path, err);
  });
  if (st.isDirectory()) return new CsvFolderHost(path, { onRows });
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') {
    throw new CliError(`请传入包含 CSV 文件的文件夹，而不是单个 CSV 文件（${basename(path)}）`,
      `Pass the folder that holds the CSV files, not a single CSV file (${basename(path)})`);
  }
  if (ext === '.xls' || ext === '.et' || ext === '.ods' || ext === '.numbers') {
    throw new CliError(`不支持“${ext}”格式：请另存为 .xlsx`, `${ext} files are not supported: save the workbook as .xlsx`);
  }
  // Any other name is tried as .xlsx: the reader refuses non-zip content with one line.
  return new XlsxHost(path, { onRows });
}

export function isXlsxPath(path: string): boolean {
  return /\.xls[xm]$/i.test(path);
}

/**
 * Save outputs to `out`: an .xlsx path gets the input tabs untouched plus the outputs;
 * anything else is a folder that receives one CSV per output tab.
 * @throws CliError when the target cannot be written.
 */
export async function saveOutputs(out: string, inputs: () => Promise<RawTab[]>, outputs: OutputTab[], options: { now?: Date; onRows?: RowsReadFn } = {}): Promise<string[]> {
  if (isXlsxPath(out)) {
    await mkdir(dirname(out), { recursive: true }).catch(() => undefined);
    await writeXlsx(out, await inputs(), outputs, options);
    return [out];
  }
  if (/\.(csv|json|xls)$/i.test(out)) {
    throw new CliError(`--out 应为 .xlsx 文件或文件夹：${out}`, `--out must be an .xlsx file or a folder: ${out}`);
  }
  const st = await stat(out).catch(() => null);
  if (st && !st.isDirectory()) {
    throw new CliError(`--out“${out}”已存在且不是文件夹`, `--out ${out} exists and is not a folder`);
  }
  return writeCsvFolder(out, outputs);
}
