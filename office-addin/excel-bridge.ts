/**
 * The task pane's HostBridge for Excel: what the shared UI (ui/app.ts) calls.
 * getState reads the input tabs and builds the state with core/inspect; compute
 * runs the orchestrator through a ComputeEngine (a Web Worker in the task pane)
 * against the Excel adapter and returns core/summary's summary. Single-flight:
 * a second Compute while one runs is answered "already running" without
 * touching the workbook. Host failures become a `fatal` summary with the reason.
 * Finalize marks the period's latest run final in the Runs tab (core runFinalize);
 * it shares the single-flight guard with Compute, since both write the workbook,
 * and so does *Insert template* (new tabs only, see excel-host addTabs).
 */
import type { WorkbookHost } from '../core/host';
import type { Lang, RawTab } from '../core/types';
import type { ComputeArgs, ComputeSummary, FinalizeResult, HostBridge, TemplateResult, WorkbookState } from '../ui/bridge';
import { detectLang, planInputTabs } from '../core/orchestrator';
import { inspectWorkbook } from '../core/inspect';
import { ALREADY_RUNNING, busySummary, failureSummary, summarizeOutcome, summaryContextFor } from '../core/summary';
import { runFinalize } from '../core/runs';
import { listPresets } from '../core/presets/index';
import { planTemplateInsert, templateInsertResult } from '../core/templates/index';
import { applyView } from '../core/whatif/view';
import { recognizeTab } from '../core/input/tabs';
import { isSchemeTabName } from '../core/scheme/resolve';
import { addTabs, createExcelHost, ExcelHostError, type ExcelRun, type StreamingExcelHost } from './excel-host';
import { inThreadEngine, type ComputeEngine } from './worker-protocol';
import { createWhatIfPane } from './whatif';
import { statementFromRows } from '../core/explain/statement-pick';
import type { WhatIfPreviewer } from './whatif-worker';
import { localIso } from '../core/time';

export interface ExcelBridgeOptions {
  /** Defaults to the global `Excel.run`. */
  run?: ExcelRun;
  /** Defaults to the Excel adapter over `run`. */
  host?: WorkbookHost;
  /** Defaults to computing on this thread (the task pane passes a worker engine). */
  engine?: ComputeEngine;
  /** Where what-if previews run and keep their data (defaults to this thread; the task pane passes a worker). */
  whatIfPreviewer?: WhatIfPreviewer;
  /** Office display language, e.g. `zh-CN` (Office.context.displayLanguage). */
  displayLanguage?: () => string | null;
  /** Today as `YYYY-MM-DD` (defaults to the computer's local calendar day). */
  today?: () => string;
  /** The run's time, ISO 8601 (defaults to the clock). */
  now?: () => string;
  /**
   * Office's requirement-set check (Office.context.requirements.isSetSupported);
   * template header notes need ExcelApi 1.18. Defaults to the global Office's, else none.
   */
  isSetSupported?: (name: string, version: string) => boolean;
}

/** Requirement set of `worksheet.notes` (header notes of a template). */
export const NOTES_API = { name: 'ExcelApi', version: '1.18' };

function officeSetSupported(name: string, version: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(n: string, v?: string): boolean } } } }).Office;
  try {
    return office?.context?.requirements?.isSetSupported(name, version) === true;
  } catch {
    return false;
  }
}

/** zh for a Chinese display language, en for any other, null when unknown. */
export function langFromDisplayLanguage(locale: string | null | undefined): Lang | null {
  if (!locale) return null;
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** The local calendar day: Excel has no workbook time zone, so the user's computer decides. */
export function localToday(date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}`;
}

function errorText(error: unknown, lang: Lang): string {
  if (error instanceof ExcelHostError) return error.text[lang];
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The tabs the summary reads on the page (staff names, award names): kept when reads stream to the worker. */
function summaryNeeds(name: string): boolean {
  return recognizeTab(name) === 'staff' || isSchemeTabName(name);
}

/**
 * Keeps what readTabs returned, for staff names in the summary. A streamed read
 * (blocks passed on to the compute worker) keeps only the Staff and Scheme tabs.
 */
function recording(host: WorkbookHost): { host: WorkbookHost; lastRead: () => RawTab[] } {
  let last: RawTab[] = [];
  const wrapped: WorkbookHost & Partial<StreamingExcelHost> = {
    listTabs: () => host.listTabs(),
    readTabs: async (names) => { last = await host.readTabs(names); return last; },
    writeTabs: (tabs) => host.writeTabs(tabs),
  };
  const streaming = host as Partial<StreamingExcelHost>;
  if (typeof streaming.readTabsInBlocks === 'function') {
    const read = streaming.readTabsInBlocks.bind(host);
    wrapped.readTabsInBlocks = async (names, onBlock, onSize) => {
      const kept = names.map((name) => (summaryNeeds(name) ? { name, rows: [] as RawTab['rows'] } : null));
      await read(names, (t, rows) => {
        const tab = kept[t];
        if (tab) for (const row of rows) tab.rows.push(row.slice());
        onBlock(t, rows);
      }, onSize);
      last = kept.filter((t): t is RawTab => t !== null);
    };
  }
  return { host: wrapped, lastRead: () => last };
}

export interface ExcelBridge extends HostBridge {
  /** True while a Compute or a Finalize is running (for tests and the pane). */
  isRunning(): boolean;
  finalize(period: string, force?: boolean): Promise<FinalizeResult>;
  insertTemplate(preset: string): Promise<TemplateResult>;
}

const busyWhatIf = (lang: Lang) => applyView('refused', lang, ALREADY_RUNNING);

export function createExcelBridge(options: ExcelBridgeOptions = {}): ExcelBridge {
  const host = options.host ?? createExcelHost({ run: options.run });
  const engine = options.engine ?? inThreadEngine;
  const today = options.today ?? (() => localToday());
  // The machine's time zone: the Runs and Changes tabs show this wall clock (core/time.ts).
  const now = options.now ?? (() => { const d = new Date(); return localIso(d.getTime(), -d.getTimezoneOffset()); });
  const display = options.displayLanguage ?? (() => null);
  let running = false;
  let lastNames: string[] = [];

  /** UI language: a Chinese Office display language, else the language of the tab names. */
  const langFor = (names: string[]): Lang => (langFromDisplayLanguage(display()) === 'zh' ? 'zh' : detectLang(names));
  const whatIf = createWhatIfPane(host, () => langFor(lastNames), errorText, options.whatIfPreviewer);

  const runExcel = (): ExcelRun => {
    if (options.run) return options.run;
    const excel = (globalThis as { Excel?: { run: ExcelRun } }).Excel;
    if (!excel) throw new Error('Excel is not available');
    return excel.run.bind(excel) as ExcelRun;
  };

  return {
    isRunning: () => running,

    /** @throws (rejects) with a message in the UI language when the workbook cannot be read */
    async getState(): Promise<WorkbookState> {
      let names: string[] = lastNames;
      whatIf.reset();
      try {
        names = await host.listTabs();
        lastNames = names;
        const tabs = await host.readTabs(planInputTabs(names));
        return inspectWorkbook(tabs, { today: today(), lang: langFor(names), preset: null }, names);
      } catch (error) {
        throw new Error(errorText(error, langFor(names)));
      }
    },

    async compute(args: ComputeArgs, onProgress?: (step: string, fraction: number) => void): Promise<ComputeSummary> {
      const period = String(args?.period ?? '');
      const lang = langFor(lastNames);
      if (running) return busySummary(lang, period);
      running = true;
      whatIf.reset();
      try {
        const rec = recording(host);
        const preset = args?.preset ? String(args.preset) : undefined;
        const outcome = await engine.run(rec.host, { period, preset, force: args?.force === true, now: now(), onProgress });
        return summarizeOutcome(outcome, summaryContextFor(rec.lastRead(), preset));
      } catch (error) {
        return failureSummary(lang, period, errorText(error, lang));
      } finally {
        running = false;
      }
    },

    previewWhatIf: (args) => (running ? Promise.resolve(busyWhatIf(langFor(lastNames))) : whatIf.preview(args)),
    applyWhatIf: (args) => (running ? Promise.resolve(busyWhatIf(langFor(lastNames))) : whatIf.apply(args)),

    /** A person's statement from the Statements tab (one read); null when the tab or the person is not there. */
    async statement(tab: string, staffId: string): Promise<string | null> {
      const names = await host.listTabs();
      if (!names.includes(String(tab))) return null;
      const [read] = await host.readTabs([String(tab)]);
      return read ? statementFromRows(read.rows, String(staffId)) : null;
    },

    /** *Finalize period*: refused while a Compute or another Finalize runs; a host failure changes nothing. */
    async finalize(period: string, force?: boolean): Promise<FinalizeResult> {
      const p = String(period ?? '');
      const lang = langFor(lastNames);
      if (running) return { status: 'refused', message: ALREADY_RUNNING };
      running = true;
      try {
        const out = await runFinalize(host, p, now(), lang, force === true);
        return { status: out.status, message: out.message };
      } catch (error) {
        const detail = { zh: errorText(error, 'zh'), en: errorText(error, 'en') };
        return {
          status: 'fatal',
          message: { zh: `定稿未完成，工作簿未被修改：${detail.zh}`, en: `Finalizing did not finish and nothing was changed: ${detail.en}` },
        };
      } finally {
        running = false;
      }
    },

    /**
     * *Insert template*: add the preset's tabs the workbook lacks (core planTemplateInsert,
     * planned on the names listed in the same Excel.run), header notes when the
     * notes API is there. Shares the single-flight guard: it writes the workbook.
     */
    async insertTemplate(preset: string): Promise<TemplateResult> {
      const id = String(preset ?? '');
      const none = { added: [] as string[], skipped: [] as string[] };
      if (!listPresets().some((p) => p.id === id)) {
        return { status: 'fatal', message: { zh: `没有名为“${id}”的预设方案，未插入任何内容`, en: `There is no preset "${id}"; nothing was inserted` }, ...none };
      }
      if (running) return { status: 'refused', message: ALREADY_RUNNING, ...none };
      running = true;
      try {
        const notes = (options.isSetSupported ?? officeSetSupported)(NOTES_API.name, NOTES_API.version);
        const plan = await addTabs(runExcel(), (names) => {
          lastNames = names;
          return planTemplateInsert(names, id, langFor(names), { now: today() });
        }, { notes });
        return templateInsertResult(plan);
      } catch (error) {
        const detail = { zh: errorText(error, 'zh'), en: errorText(error, 'en') };
        return {
          status: 'fatal', ...none,
          message: { zh: `模板未插入，已有的工作表未被修改：${detail.zh}`, en: `The template was not inserted; the tabs already there were not changed: ${detail.en}` },
        };
      } finally {
        running = false;
      }
    },

    async activateTab(name: string): Promise<void> {
      await runExcel()(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(String(name));
        sheet.load('name');
        await context.sync();
        if (sheet.isNullObject) return;
        sheet.activate();
        await context.sync();
      });
    },
  };
}
