/**
 * A WorkbookHost over a workbook file: `.xlsx` (from Excel, WPS, LibreOffice,
 * Google Sheets, Numbers, openpyxl…) read by our own Office Open XML reader
 * (cli/ooxml-reader.ts), `.xls` (Excel 97–2003) and `.ods` read by SheetJS
 * (cli/sheetjs-reader.ts), loaded only for those. An .xlsx's worksheets are read
 * to plain cells when first asked for, so a run reads only the tabs it uses
 * (`--out` copies the others as they are, cli/xlsx-copy-writer.ts); outputs stay
 * in memory until `--out` saves them.
 */
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
import type { OutputTab, RawTab } from '../core/types';
import { CliError, fsCode } from './errors';
import { OutputBuffer, type FileHost, type RowsReadFn } from './file-host';
import { openOoxml } from './ooxml-reader';
import { zipEntries, ZipFormatError } from './zip-entries';

export interface XlsxHostOptions {
  onRows?: RowsReadFn;
  /** Told the format found in the file. */
  onKind?: (kind: WorkbookKind) => void;
}

export class XlsxHost implements FileHost {
  readonly source: string;
  private readonly options: XlsxHostOptions;
  private opened: Promise<OpenWorkbook> | null = null;
  private readonly out = new OutputBuffer();

  constructor(path: string, options: XlsxHostOptions = {}) {
    this.source = path;
    this.options = options;
  }

  /** @throws CliError when the file is missing, not a workbook, or cannot be read. */
  private open(): Promise<OpenWorkbook> {
    this.opened ??= openWorkbook(this.source, this.options);
    return this.opened;
  }

  /** Every tab, in workbook order (each read once, however often asked). @throws CliError (see open). */
  async allTabs(): Promise<RawTab[]> {
    const book = await this.open();
    const tabs: RawTab[] = [];
    for (let i = 0; i < book.names.length; i++) tabs.push(await book.readAt(i));
    return tabs;
  }

  /** Whether the source is an Office Open XML workbook (what exceljs can rewrite keeping its formatting). @throws CliError */
  async isOoxml(): Promise<boolean> {
    return (await this.open()).kind === 'xlsx';
  }

  /** The tab names, from the workbook's sheet list (no worksheet read). @throws CliError (see open). */
  async listTabs(): Promise<string[]> {
    return [...(await this.open()).names];
  }

  /** The tabs asked for, read now if not yet (an .xlsx's other worksheets are never read). @throws CliError (see open). */
  async readTabs(names: string[]): Promise<RawTab[]> {
    const book = await this.open();
    const out: RawTab[] = [];
    for (const n of names) {
      const i = book.names.indexOf(n);
      if (i >= 0) out.push(await book.readAt(i));
    }
    return out;
  }

  async writeTabs(tabs: OutputTab[]): Promise<void> {
    this.out.add(tabs);
  }

  outputs(): OutputTab[] {
    return this.out.list();
  }
}

/**
 * Read every worksheet of a workbook file (.xlsx, .xlsm, .xls, .ods), in workbook
 * order, to plain cells. The format is told by the content, not the name.
 * @throws CliError when the file is missing or cannot be read, with what failed.
 */
export async function readXlsx(path: string, options: XlsxHostOptions = {}): Promise<RawTab[]> {
  return new XlsxHost(path, options).allTabs();
}

/** A workbook file whose tab names are known and whose tabs are read when asked for (each once). */
interface OpenWorkbook {
  kind: Exclude<WorkbookKind, 'unknown'>;
  names: readonly string[];
  readAt(index: number): Promise<RawTab>;
}

/**
 * Open a workbook file: an .xlsx's sheet list only (cli/ooxml-reader.ts openOoxml;
 * each worksheet is read on first use), an .xls or .ods whole (SheetJS).
 * @throws CliError when the file is missing or cannot be read, with what failed.
 */
async function openWorkbook(path: string, options: XlsxHostOptions): Promise<OpenWorkbook> {
  const name = basename(path);
  let buf: Buffer;
  try {
    const st = await fsp.stat(path);
    if (!st.isFile()) throw new CliError(`“${name}”不是文件`, `${name} is not a file`);
    buf = await fsp.readFile(path);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw notFound(path, err);
  }
  const kind = workbookKind(buf);
  if (kind === 'unknown') {
    throw new CliError(`“${name}”不是工作簿文件（内容无法识别；可读取 .xlsx、.xls、.ods）`,
      `${name} is not a workbook file (unrecognised content; .xlsx, .xls and .ods can be read)`);
  }
  options.onKind?.(kind);
  const failed = (err: unknown): never => {
    if (err instanceof CliError) throw err;
    throw unreadable(name, kind, err);
  };
  try {
    if (kind === 'xlsx') {
      const book = openOoxml(buf);
      const onRows = options.onRows;
      const read = new Map<number, Promise<RawTab>>();
      let total = 0;
      return {
        kind,
        names: book.names,
        readAt(i) {
          let tab = read.get(i);
          if (!tab) {
            tab = book.readAt(i, (n) => {
              total += n;
              if (onRows && n > 0) onRows(total, book.names);
            }).then((t) => {
              onRows?.(total, book.names);
              return t;
            }, failed);
            read.set(i, tab);
          }
          return tab;
        },
      };
    }
    const { readWithSheetJs } = await import('./sheetjs-reader');
    const tabs = await readWithSheetJs(buf, options.onRows);
    return { kind, names: tabs.map((t) => t.name), readAt: async (i) => tabs[i] };
  } catch (err) {
    return failed(err);
  }
}

export type WorkbookKind = 'xlsx' | 'ods' | 'xls' | 'unknown';

/** What the bytes are: an OOXML or OpenDocument zip, a Compound File (.xls, or an encrypted .xlsx), or neither. */
function workbookKind(buf: Buffer): WorkbookKind {
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    // The mimetype entry comes first in an OpenDocument file and is stored uncompressed.
    if (buf.toString('latin1', 30, 38) === 'mimetype' && buf.includes('application/vnd.oasis.opendocument.spreadsheet', 38, 'latin1')) return 'ods';
    try {
      const entries = zipEntries(buf);
      if (entries.has('content.xml') && !entries.has('[Content_Types].xml')) return 'ods';
    } catch {
      // A damaged zip: the OOXML reader says what is wrong with it.
    }
    return 'xlsx';
  }
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  return 'unknown';
}

const KIND_LABEL: Record<Exclude<WorkbookKind, 'unknown'>, string> = { xlsx: '.xlsx', ods: '.ods', xls: '.xls' };

/** One line saying what failed, in both languages; the cause (from the reader) is kept as it was said. */
function unreadable(name: string, kind: Exclude<WorkbookKind, 'unknown'>, err: unknown): CliError {
  const why = (err instanceof Error ? err.message : String(err)).split('\n')[0].trim();
  if (/password|encrypt/i.test(why)) {
    return new CliError(`“${name}”设有密码或已加密，无法读取：请在 Excel 中去掉密码后另存一份`,
      `${name} is password-protected or encrypted and cannot be read: remove the password in Excel and save a copy`);
  }
  const label = KIND_LABEL[kind];
  // A library's own wording is English: a Chinese line names what failed only when the reader said it in Chinese too.
  const zhWhy = err instanceof ZipFormatError ? `（${err.zh}）` : '';
  return new CliError(`无法读取“${name}”：文件已损坏或不是有效的 ${label} 文件${zhWhy}`,
    `Cannot read ${name}: the file is damaged or not a valid ${label} file (${why})`);
}

export function notFound(path: string, err: unknown): CliError {
  const code = fsCode(err);
  if (code === 'ENOENT') return new CliError(`找不到“${path}”`, `${path} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(`没有权限读取“${path}”`, `No permission to read ${path}`);
  return new CliError(`无法读取“${path}”（${code || String(err)}）`, `Cannot read ${path} (${code || String(err)})`);
}

