/**
 * Host cost model (`--child hosts`): the real Sheets and Excel adapters run the
 * real orchestrator on in-memory fakes holding a generated workbook, and we count
 * what a real host would be asked to do — SpreadsheetApp calls, Excel
 * `context.sync()` round trips, and the bytes each sync carries. Nothing is
 * timed here: the fakes are not the hosts; the counts and sizes are what matter.
 *
 * Dates are stored as the hosts hold them: Date objects at midnight in the
 * spreadsheet's time zone for Sheets, serial day numbers for Excel.
 */
import { writeFileSync } from 'node:fs';
import { SheetsHost } from '../apps-script/adapter';
import { runCompute, runComputeSync, runPreviewSync } from '../core/orchestrator';
import type { RawTab } from '../core/types';
import { createExcelHost, ExcelHostError, MAX_PAYLOAD_BYTES, utf8Length, type ExcelRun } from '../office-addin/excel-host';
import { FakeWorkbook, type Value } from '../test/office-addin/fake-excel';
import { generateWorkbook, SIZES } from './generate';
import { BenchSpreadsheet, installUtilities, shanghaiDate } from './fake-sheets';
import type { SizeName } from './engine-run';

const DATE_HEADERS = new Set(['日期', '入职日期', '转正日期', '离职日期', '提交日期']);
const PRESET = 'smile-cards';
const PERIOD = '2026-Q3';
const NOW = '2026-10-01T09:00:00+08:00';

export interface SheetsCost {
  status: string;
  /** SpreadsheetApp calls (sheets, ranges), by method and in all. */
  spreadsheetCalls: number;
  byMethod: Record<string, number>;
  /** Utilities.formatDate calls: one per distinct date instant (memoised), not per row. */
  formatDateCalls: number;
  distinctDates: number;
  largestReadCells: number;
  largestWriteCells: number;
  /**
   * A what-if Preview (issue 17) on the same workbook: its SpreadsheetApp calls, whether
   * they are exactly the Compute's first calls (its reads, before the write phase), the
   * Compute's calls in all, and the preview's writes (none).
   */
  preview?: { calls: number; sameAsComputeReads: boolean; computeCalls: number; writeCalls: number };
  /** Cells of the spreadsheet before the run (every grid), against Sheets' 10,000,000 (issue 19). */
  spreadsheetCells?: number;
}

export interface ExcelCost {
  status: string;
  message: string | null;
  syncs: number;
  /** Syncs that read: the one sizing sync for all tabs, each tab's first block, then the shared syncs of the rows left (sized by bytes). */
  readSyncs: number;
  /** Syncs that write: the one probe sync plus one per chunk of each output tab. */
  writeSyncs: number;
  tabsRead: number;
  outputTabs: number;
  /** Syncs left when the shared read syncs after each tab's first block and the write chunks beyond the first of each tab are taken out. */
  fixedSyncs: number;
  /** Largest request body of one sync (values + number formats, UTF-8 JSON). */
  largestRequestBytes: number;
  /** Largest response of one sync (the values it loaded, as JSON). */
  largestResponseBytes: number;
  /** The tab whose read gave the largest response. */
  largestResponseTab: string;
  /** Response bytes of each sync, in order. */
  responses: number[];
  /** Syncs whose request or response is ≥ 4 MB (Excel on the web refuses 5 MB either way). */
  syncsOver4MB: number;
  inputCells: number;
  outputRows: number;
}

export interface HostCost {
  size: SizeName;
  preset: string;
  period: string;
  inputRows: number;
  sheets: SheetsCost;
  excel: ExcelCost;
}

function isDateColumn(header: unknown): boolean {
  return typeof header === 'string' && DATE_HEADERS.has(header);
}

function convertDates<T>(tabs: RawTab[], convert: (day: string) => T): { name: string; rows: (Value | T)[][] }[] {
  return tabs.map((t) => {
    const header = t.rows[0] ?? [];
    const dateCols = header.map((h, c) => (isDateColumn(h) ? c : -1)).filter((c) => c >= 0);
    const rows = t.rows.map((row, r) => {
      const out = row.map((v) => (v === null || v === undefined ? '' : v)) as (Value | T)[];
      if (r === 0) return out;
      for (const c of dateCols) if (typeof row[c] === 'string' && row[c] !== '') out[c] = convert(row[c] as string);
      return out;
    });
    return { name: t.name, rows };
  });
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
function serial(day: string): number {
  return (Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - EXCEL_EPOCH) / 86_400_000;
}

/** SpreadsheetApp methods that change the spreadsheet. */
const WRITE_METHOD = /set|insert|delete|clear|copy|remove|append|flush|protect|hide|autoResize|activate/i;

/** What a Preview of a prize edit costs in SpreadsheetApp calls, against the Compute's (its methods in order). */
function previewCost(tabs: RawTab[], computeMethods: string[]): SheetsCost['preview'] {
  const ss = new BenchSpreadsheet();
  for (const t of convertDates(tabs, shanghaiDate)) ss.add(t.name, t.rows as (string | number | boolean | Date)[][]);
  installUtilities(ss.log);
  runPreviewSync(new SheetsHost(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet), {
    period: PERIOD, preset: PRESET, edits: [{ key: 'awards.service_star.prize.amount', value: 1000 }],
  });
  const own = (m: string) => m !== 'Utilities.formatDate';
  const calls = ss.log.calls.map((c) => c.method).filter(own);
  const compute = computeMethods.filter(own);
  return {
    calls: calls.length,
    sameAsComputeReads: calls.every((m, i) => compute[i] === m) && WRITE_METHOD.test(compute.slice(calls.length).join(' ')),
    computeCalls: compute.length,
    writeCalls: calls.filter((m) => WRITE_METHOD.test(m)).length,
  };
}

function sheetsCost(tabs: RawTab[]): SheetsCost {
  const ss = new BenchSpreadsheet();
  const distinct = new Set<number>();
  for (const t of convertDates(tabs, shanghaiDate)) {
    for (const row of t.rows) for (const v of row) if (v instanceof Date) distinct.add(v.getTime());
    ss.add(t.name, t.rows as (string | number | boolean | Date)[][]);
  }
  installUtilities(ss.log);
  const spreadsheetCells = ss.sheets.reduce((n, sh) => n + sh.maxRows * sh.maxCols, 0);
  const outcome = runComputeSync(new SheetsHost(ss as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet), { period: PERIOD, preset: PRESET, now: NOW });
  const byMethod = ss.log.histogram();
  const formatDateCalls = byMethod['Utilities.formatDate'] ?? 0;
  const largest = (m: string) => ss.sizes.filter((s) => s.method === m).reduce((a, s) => Math.max(a, s.cells), 0);
  return {
    status: outcome.status,
    spreadsheetCalls: ss.log.count() - formatDateCalls,
    byMethod,
    formatDateCalls,
    distinctDates: distinct.size,
    largestReadCells: largest('Range.getValues'),
    largestWriteCells: Math.max(largest('Range.setValues'), largest('Range.setNumberFormats')),
    preview: previewCost(tabs, ss.log.calls.map((c) => c.method)),
    spreadsheetCells,
  };
}

type Loadable = { load(p: string): unknown; values: unknown };
type Indexable = { getRangeByIndexes(...a: number[]): Loadable };

/**
 * `Excel.run` over the fake, measuring each sync's response: every range whose
 * `values` a batch loads is measured as JSON once that batch's sync returns.
 * One entry per sync, in order, like `wb.syncs`.
 */
function measuringRun(wb: FakeWorkbook, responses: number[], responseTabs: string[]): ExcelRun {
  return (batch) => wb.run(async (context) => {
    const pending: { range: Loadable; tab: string }[] = [];
    const sheets = context.workbook.worksheets as unknown as { getItem(name: string): Indexable };
    const getItem = sheets.getItem.bind(sheets);
    sheets.getItem = (name: string) => {
      const sheet = getItem(name);
      const byIndexes = sheet.getRangeByIndexes.bind(sheet);
      sheet.getRangeByIndexes = (...a: number[]) => {
        const range = byIndexes(...a);
        const load = range.load.bind(range);
        range.load = (p: string) => {
          if (p.split(',').map((x) => x.trim()).includes('values')) pending.push({ range, tab: name });
          return load(p);
        };
        return range;
      };
      return sheet;
    };
    const ctx = context as unknown as { sync(): Promise<void> };
    const sync = ctx.sync.bind(ctx);
    ctx.sync = async () => {
      const loaded = pending.splice(0);
      try {
        await sync();
      } finally {
        let bytes = 0;
        for (const { range } of loaded) {
          try { bytes += utf8Length(JSON.stringify(range.values)); } catch { /* not loaded: the sync failed */ }
        }
        responses.push(bytes);
        responseTabs.push([...new Set(loaded.map((l) => l.tab))].join(', '));
      }
    };
    return batch(context);
  });
}

async function excelCost(tabs: RawTab[]): Promise<ExcelCost> {
  const model: Record<string, Value[][]> = {};
  let inputCells = 0;
  for (const t of convertDates(tabs, serial)) {
    model[t.name] = t.rows as Value[][];
    inputCells += t.rows.length * (t.rows[0]?.length ?? 0);
  }
  const wb = new FakeWorkbook(model);
  const responses: number[] = [];
  const responseTabs: string[] = [];
  const host = createExcelHost({ run: measuringRun(wb, responses, responseTabs) });
  let status = 'computed';
  let message: string | null = null;
  let outputRows = 0;
  let outputTabs = 0;
  let readSyncs = 0;
  let tabsRead = 0;
  try {
    const outcome = await runCompute({
      listTabs: () => host.listTabs(),
      readTabs: async (names) => {
        const s = wb.syncs.length;
        try {
          const read = await host.readTabs(names);
          tabsRead = read.filter((t) => t.rows.length > 0).length;
          return read;
        } finally {
          readSyncs = wb.syncs.length - s;
        }
      },
      writeTabs: (out) => host.writeTabs(out),
    }, { period: PERIOD, preset: PRESET, now: NOW });
    status = outcome.status;
    outputTabs = outcome.outputs.length;
    outputRows = outcome.outputs.reduce((n, o) => n + o.rows.length, 0);
  } catch (error) {
    status = error instanceof ExcelHostError ? `refused: ${error.code}` : 'failed';
    message = error instanceof Error ? error.message : String(error);
  }
  const syncs = wb.syncs.length;
  const writeSyncs = status === 'computed' ? syncs - 1 - readSyncs : 0;
  const extraBlocks = Math.max(0, readSyncs - 1 - tabsRead);
  const extraChunks = Math.max(0, writeSyncs - 1 - outputTabs);
  const limit = MAX_PAYLOAD_BYTES;
  return {
    status, message, syncs, readSyncs, writeSyncs, tabsRead, outputTabs,
    fixedSyncs: syncs - extraBlocks - extraChunks,
    largestRequestBytes: wb.syncs.reduce((a, s) => Math.max(a, s.bytes), 0),
    largestResponseBytes: responses.reduce((a, b) => Math.max(a, b), 0),
    largestResponseTab: responseTabs[responses.indexOf(Math.max(0, ...responses))] ?? '',
    responses,
    syncsOver4MB: wb.syncs.filter((s, i) => s.bytes >= limit || (responses[i] ?? 0) >= limit).length,
    inputCells,
    outputRows,
  };
}

export async function hostCost(size: SizeName): Promise<HostCost> {
  const tabs = generateWorkbook(SIZES[size]);
  const inputRows = tabs.reduce((n, t) => n + Math.max(0, t.rows.length - 1), 0);
  const sheets = sheetsCost(tabs);
  const excel = await excelCost(tabs);
  return { size, preset: PRESET, period: PERIOD, inputRows, sheets, excel };
}

/** Child entry. */
export async function hostsChild(size: SizeName, resultPath: string): Promise<void> {
  writeFileSync(resultPath, JSON.stringify(await hostCost(size)));
}

