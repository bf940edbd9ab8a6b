/**
 * A WorkbookHost over a folder of `<Tab>.csv` files: the tab name is the file name
 * without `.csv` (`员工.csv` → `员工`). Text is UTF-8 with or without BOM; UTF-16
 * with a BOM and GB18030 (what Excel on Chinese Windows saves as plain "CSV") are
 * decoded too, so a Chinese office's files read as they look. Binary content is
 * refused with one line, never parsed into garbage rows.
 */
import { promises as fsp, readdirSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename, join } from 'node:path';
import type { Cell, OutputTab, RawTab } from '../core/types';
import { rectangular } from './cells';
import { CliError } from './errors';
import { OutputBuffer, type FileHost, type RowsReadFn } from './file-host';
import { notFound } from './xlsx-host';

export interface CsvHostOptions {
  onRows?: RowsReadFn;
}

export class CsvFolderHost implements FileHost {
  readonly source: string;
  private readonly options: CsvHostOptions;
  private files: Promise<Map<string, string>> | null = null;
  private readonly cache = new Map<string, Promise<RawTab>>();
  private readonly out = new OutputBuffer();
  private rowsRead = 0;

  constructor(folder: string, options: CsvHostOptions = {}) {
    this.source = folder;
    this.options = options;
  }

  /** Tab name → file path, tabs sorted by name (a folder has no tab order). @throws CliError */
  private fileMap(): Promise<Map<string, string>> {
    this.files ??= listCsvFiles(this.source);
    return this.files;
  }

  /** @throws CliError when the folder cannot be listed or holds no .csv file. */
  async listTabs(): Promise<string[]> {
    return [...(await this.fileMap()).keys()];
  }

  /** @throws CliError when a file is unreadable, binary, or not valid CSV. */
  async readTabs(names: string[]): Promise<RawTab[]> {
    const files = await this.fileMap();
    const tabs: RawTab[] = [];
    for (const name of names) {
      const file = files.get(name);
      if (file === undefined) continue;
      let pending = this.cache.get(name);
      if (!pending) {
        pending = readCsvTab(file, name).then((tab) => {
          this.rowsRead += tab.rows.length;
          this.options.onRows?.(this.rowsRead, [...this.cache.keys()]);
          return tab;
        });
        this.cache.set(name, pending);
      }
      tabs.push(await pending);
    }
    return tabs;
  }

  /** @throws CliError (see readTabs). */
  async allTabs(): Promise<RawTab[]> {
    return this.readTabs(await this.listTabs());
  }

  async writeTabs(tabs: OutputTab[]): Promise<void> {
    this.out.add(tabs);
  }

  outputs(): OutputTab[] {
    return this.out.list();
  }
}

/**
 * @throws CliError when the folder cannot be read or has no .csv file.
 * Synchronous calls (a listing and a stat per .csv file): a command's first progress line
 * waits for this list (its language comes from the tab names), and each round trip through
 * the thread pool cost more than the call itself.
 */
async function listCsvFiles(folder: string): Promise<Map<string, string>> {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch (err) {
    throw notFound(folder, err);
  }
  const found: [string, string][] = [];
  for (const entry of entries) {
    // Skip editor lock files (~$x.csv) and macOS resource forks (._x.csv).
    if (!/\.csv$/i.test(entry) || entry.startsWith('.') || entry.startsWith('~$')) continue;
    const path = join(folder, entry);
    let st: Stats | null;
    try {
      st = statSync(path);
    } catch {
      st = null;
    }
    if (!st?.isFile()) continue;
    found.push([entry.slice(0, -4).normalize('NFC'), path]);
  }
  if (found.length === 0) {
    throw new CliError(`文件夹“${folder}”中没有 .csv 文件`, `Folder ${folder} contains no .csv file`);
  }
  found.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(found);
}

/**
 * Read one CSV file as a tab (header row first, row i = spreadsheet row i + 1).
 * @throws CliError when the file is unreadable, binary, or has an unclosed quote.
 */
export async function readCsvTab(path: string, name: string): Promise<RawTab> {
  let buf: Buffer;
  try {
    buf = await fsp.readFile(path);
  } catch (err) {
    throw notFound(path, err);
  }
  const file = basename(path);
  const text = decodeCsvText(buf, file);
  return { name, rows: parseCsvText(text, file) };
}

/** @throws CliError for binary content (zip/xlsx, NUL bytes, undecodable bytes). */
export function decodeCsvText(buf: Buffer, file: string): string {
  const binary = () => new CliError(
    `“${file}”不是可读的 CSV 文本文件（内容是二进制数据）`,
    `${file} is not a readable CSV text file (binary content)`);
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    throw new CliError(`“${file}”是 .xlsx/zip 文件，不是 CSV：请直接传入 .xlsx 文件`,
      `${file} is an .xlsx/zip file, not CSV: pass the .xlsx file itself`);
  }
  let text: string | null = null;
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) text = tryDecode('utf-16le', buf.subarray(2));
  else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) text = tryDecode('utf-16be', buf.subarray(2));
  else if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) text = utf8(buf.subarray(3));
  else text = utf8(buf) ?? tryDecode('gb18030', buf);
  if (text === null || looksBinary(text)) throw binary();
  return text;
}

/** Valid UTF-8 → its text (checked natively, then decoded by Buffer: several times TextDecoder's speed); else null. */
function utf8(bytes: Buffer): string | null {
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}

function tryDecode(encoding: string, bytes: Buffer): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** NUL or other control characters (tab, CR, LF, FF aside) do not occur in a text table. */
function looksBinary(text: string): boolean {
  if (text.includes('\0')) return true;
  // Most files have no control character at all: one native scan settles it.
  if (!/[\x01-\x08\x0b\x0e-\x1f]/.test(text)) return false;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control > 0 && control * 100 > text.length;
}

/**
 * Parse CSV text: quoted fields, embedded newlines, CRLF/LF/CR (even mixed), stray
 * quotes inside unquoted fields (as Excel accepts them). Tab-separated text is
 * accepted when the header has tabs and no commas (Excel's "Unicode text").
 * @throws CliError on an unclosed quote, with the row where it opened.
 */
export function parseCsvText(text: string, file: string): Cell[][] {
  if (text.startsWith('\ufeff')) text = text.slice(1);
  const nl = text.search(/\r|\n/);
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records = parseCsvRecords(text, delimiter);
  if (!Array.isArray(records)) {
    const row = records.openQuoteRow;
    throw new CliError(`“${file}”第 ${row} 行的引号没有闭合，无法读取`,
      `${file}: the quote opened on row ${row} is never closed; cannot read the file`);
  }
  return rectangular(records);
}

const QUOTE = 34, CR = 13, LF = 10;

/**
 * From `i` on, each line with no quote and no CR (LF- or CRLF-ended; a blank line is one empty field) as one
 * record split natively, appended to `records`. Returns where it stopped: the end of the text, or the start of
 * a line the character loop must read. Looks at one line at a time: nothing is kept across lines (see below).
 */
function plainLines(text: string, delimiter: string, from: number, records: string[][]): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    let nl = text.indexOf('\n', i);
    if (nl < 0) nl = n;
    const lineEnd = nl > i && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
    const line = text.slice(i, lineEnd);
    if (line.indexOf('"') >= 0 || line.indexOf('\r') >= 0) return i;
    records.push(line.split(delimiter));
    i = nl + 1;
  }
  return i;
}

/**
 * The records of CSV text, one pass over its characters. Measured against
 * csv-parse (the previous parser) and papaparse on the benchmark's 300,000-row
 * feedback file: see docs/PERFORMANCE.md. A hand-written loop because neither
 * library reads mixed CR / LF / CRLF line ends, which files pasted together
 * from different programs have. A field that opens with a quote ends at the
 * quote before a delimiter or line end; text after such a closing quote is kept
 * (`"ab"c` → `abc`, as Excel reads it). Blank lines are records of one empty
 * field, so row numbers match the spreadsheet's.
 */
export function parseCsvRecords(text: string, delimiter: string): string[][] | { openQuoteRow: number } {
  const delim = delimiter.charCodeAt(0);
  const records: string[][] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Fast path: lines with no quote and no CR are split natively, line by line. No "next quote" position is
    // kept across lines: with one, once V8 (Node 20) had optimised the loop on the small tabs read first, the
    // 300,000-row feedback file took 80–100 s instead of 0.5 s.
    i = plainLines(text, delimiter, i, records);
    if (i >= n) break;
    // Slow path: one record character by character (quoted fields may span lines).
    const record: string[] = [];
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        let start = i + 1;
        let parts = '';
        for (;;) {
          const q = text.indexOf('"', start);
          if (q < 0) return { openQuoteRow: records.length + 1 };
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(start, q + 1);
            start = q + 2;
            continue;
          }
          parts += text.slice(start, q);
          i = q + 1;
          break;
        }
        // Text after the closing quote, up to the delimiter or line end, is kept as written.
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        value = j > i ? parts + text.slice(i, j) : parts;
        i = j;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === delim || c === LF || c === CR) break;
          j++;
        }
        value = text.slice(i, j);
        i = j;
      }
      record.push(value);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i >= n) { record.push(''); break; }
        continue;
      }
      // A line end: CRLF, LF or CR.
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      break;
    }
    records.push(record);
  }
  return records;
}
