/**
 * Apps Script entry points: the add-on menu, the sidebar, and the server
 * functions the sidebar calls through google.script.run. The build exposes every
 * export as a top-level function (scripts/build-apps-script.mjs) because Apps
 * Script only sees global function declarations.
 *
 * Only `SpreadsheetApp.getActiveSpreadsheet()` is used (the add-on's scope is
 * spreadsheets.currentonly). Every value returned to the sidebar goes through
 * `plain()`: no Date, no undefined. Every write runs under the document lock,
 * released only after `SpreadsheetApp.flush()` (the Lock service's advice, so
 * the next holder sees the writes).
 */
import type { ComputeArgs, FinalizeResult, TemplateResult } from '../ui/bridge';
import type { Lang } from '../core/types';
import type { ComputeSummary } from '../core/summary';
import type { WorkbookState } from '../core/inspect';
import { detectLang, planInputTabs, runComputeSync } from '../core/orchestrator';
import { applyWhatIfSheets, previewWhatIfSheets } from './whatif';
import { statementFromRows } from '../core/explain/statement-pick';
import type { WhatIfArgs, WhatIfView } from '../core/whatif/view';
import { defaultPresetId, inspectWorkbook } from '../core/inspect';
import { recognizeTab } from '../core/input/tabs';
import { ALREADY_RUNNING, busySummary, failureSummary, summarizeOutcome, summaryContextFor } from '../core/summary';
import { runFinalizeSync } from '../core/runs';
import { lastCompletedPeriod } from '../core/periods';
import { listPresets } from '../core/presets/index';
import { planTemplateInsert, templateInsertResult } from '../core/templates/index';
import { EXECUTION_LIMIT_MS, SheetsHost } from './adapter';
import { plain } from './plain';
import { MENU, SIDEBAR_TITLE, NO_LOCK, computeAlertText, templateFailed, unknownPreset } from './texts';

/** How long a second Compute waits for the lock before saying "already running". */
export const LOCK_WAIT_MS = 500;

/** zh for a Chinese locale (`zh_CN`, `zh-TW`, …), en for any other, null when unknown. */
export function langFromLocale(locale: string | null | undefined): Lang | null {
  if (!locale) return null;
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** The menu's language: the user's locale (readable even before authorisation). */
function menuLang(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale()) ?? 'en';
  } catch {
    return 'en';
  }
}

/** UI language: a Chinese spreadsheet locale, else the language of the tab names. */
function workbookLang(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, names: string[]): Lang {
  const fromLocale = langFromLocale(ss.getSpreadsheetLocale());
  return fromLocale === 'zh' ? 'zh' : detectLang(names);
}

function today(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd');
}

/** Now, as ISO 8601 with the spreadsheet's time-zone offset: the Runs and Changes tabs show that wall clock. */
function nowIn(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
}

/** Flush pending spreadsheet changes, then release the lock (even if the flush fails). */
function releaseAfterFlush(lock: GoogleAppsScript.Lock.Lock): void {
  try {
    SpreadsheetApp.flush();
  } finally {
    lock.releaseLock();
  }
}

/** A refusal of the adapter's with its own message in both languages (time or cell limit), duck-typed across realms. */
function bilingualReason(error: unknown): { zh: string; en: string } | null {
  const text = error && typeof error === 'object' ? (error as { text?: unknown }).text : null;
  if (text && typeof text === 'object' && typeof (text as { zh?: unknown }).zh === 'string' && typeof (text as { en?: unknown }).en === 'string') {
    return text as { zh: string; en: string };
  }
  return null;
}

/** The failure summary of a compute: the adapter's bilingual reason when it has one, else the host's error text. */
function computeFailure(lang: Lang, period: string, error: unknown): ComputeSummary {
  const reason = bilingualReason(error);
  if (!reason) return failureSummary(lang, period, errorText(error));
  const base = failureSummary(lang, period, '');
  return { ...base, message: { zh: base.message!.zh + reason.zh, en: base.message!.en + reason.en } };
}

/** The reason of a failure: an Error's message (duck-typed, so an error of another realm reads the same). */
function errorText(error: unknown): string {
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
  return String(error);
}

// ---- menu ----

export function onOpen(_e?: unknown): void {
  const t = MENU[menuLang()];
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem(t.open, 'showSidebar')
    .addItem(t.insertTemplate, 'menuInsertTemplate')
    .addItem(t.computeLastQuarter, 'menuComputeLastQuarter')
    .addToUi();
}

export function onInstall(e?: unknown): void {
  onOpen(e);
}

export function showSidebar(): void {
  openSidebar(null);
}

/** The sidebar page opened on a view: the page reads `data-view` of its root element (apps-script/sidebar.ts). */
export function sidebarWithView(html: string, view: 'template' | null): string {
  return view ? html.replace('<div id="app">', `<div id="app" data-view="${view}">`) : html;
}

function openSidebar(view: 'template' | null): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar');
  if (view) html.setContent(sidebarWithView(html.getContent(), view));
  SpreadsheetApp.getUi().showSidebar(html.setTitle(SIDEBAR_TITLE[menuLang()]));
}

/** *Insert template…*: the sidebar, opened on its template picker. */
export function menuInsertTemplate(): void {
  openSidebar('template');
}

/** *Compute last quarter*: compute the last completed quarter and report in a dialog. */
export function menuComputeLastQuarter(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const period = lastCompletedPeriod('quarter', today(ss)).id;
  const summary = compute({ period });
  const ui = SpreadsheetApp.getUi();
  ui.alert(SIDEBAR_TITLE[summary.lang], computeAlertText(summary), ui.ButtonSet.OK);
}

// ---- server functions called by the sidebar ----

export function getState(): WorkbookState {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const host = new SheetsHost(ss);
  const names = host.listTabs();
  const tabs = host.readTabs(planInputTabs(names));
  const state = inspectWorkbook(tabs, { today: today(ss), lang: workbookLang(ss, names), preset: null }, names);
  return plain(state) as unknown as WorkbookState;
}

export function compute(args: ComputeArgs): ComputeSummary {
  // The execution's clock starts here (a server call from the sidebar or the menu is one execution).
  const deadline = Date.now() + EXECUTION_LIMIT_MS;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const period = String(args?.period ?? '');
  const names = ss.getSheets().map((s) => s.getName());
  const lang = workbookLang(ss, names);
  const lock = LockService.getDocumentLock();
  if (!lock) return plain(failureSummary(lang, period, NO_LOCK[lang])) as unknown as ComputeSummary;
  if (!lock.tryLock(LOCK_WAIT_MS)) return plain(busySummary(lang, period)) as unknown as ComputeSummary;
  try {
    const host = new SheetsHost(ss, { deadline });
    // What a run stopped by the time limit left behind is put right before anything is read.
    host.recoverInterruptedWrite();
    // The preset chosen, else the one the workbook last ran (its Runs tab, served from memory to the compute,
    // which reads only the tabs the scheme uses).
    const preset = args?.preset ? String(args.preset) : defaultPresetId(host.readTabs(names.filter((n) => recognizeTab(n) === 'runs'))) ?? undefined;
    const outcome = runComputeSync(host, { period, preset, force: args?.force === true, now: nowIn(ss) });
    const summary = summarizeOutcome(outcome, summaryContextFor(host.lastRead, preset));
    return plain(summary) as unknown as ComputeSummary;
  } catch (error) {
    return plain(computeFailure(lang, period, error)) as unknown as ComputeSummary;
  } finally {
    releaseAfterFlush(lock);
  }
}

export function activateTab(name: string): null {
  const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(String(name));
  if (sheet) sheet.activate();
  return null;
}

/**
 * *Insert template*: add the preset's tabs the workbook does not have (input tabs
 * with header notes and, in a workbook without data, example rows; the Scheme
 * tab), under the document lock. A tab the workbook has is never written.
 */
export function insertTemplate(preset: string): TemplateResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const id = String(preset ?? '');
  const names = ss.getSheets().map((s) => s.getName());
  const lang = workbookLang(ss, names);
  const none = { added: [], skipped: [] };
  if (!listPresets().some((p) => p.id === id)) return plain({ status: 'fatal', message: unknownPreset(id), ...none }) as unknown as TemplateResult;
  const lock = LockService.getDocumentLock();
  if (!lock) return plain({ status: 'fatal', message: { zh: NO_LOCK.zh, en: NO_LOCK.en }, ...none }) as unknown as TemplateResult;
  if (!lock.tryLock(LOCK_WAIT_MS)) return plain({ status: 'refused', message: ALREADY_RUNNING, ...none }) as unknown as TemplateResult;
  try {
    const host = new SheetsHost(ss);
    // Listed again under the lock: the plan is made against the tabs as they are now.
    const plan = planTemplateInsert(host.listTabs(), id, lang, { now: today(ss) });
    const taken = host.addTabs(plan.add);
    const done = taken.length === 0 ? plan : {
      ...plan,
      add: plan.add.filter((t) => !taken.includes(t.name)),
      skipped: [...plan.skipped, ...taken.map((name) => ({ name, existing: name }))],
    };
    return plain(templateInsertResult(done)) as unknown as TemplateResult;
  } catch (error) {
    return plain({ status: 'fatal', message: templateFailed(errorText(error)), ...none }) as unknown as TemplateResult;
  } finally {
    releaseAfterFlush(lock);
  }
}

/**
 * *Finalize period*: mark the period's latest run final in the Runs tab, under the document lock.
 * Refused while pending appeals could change its results unless `force` (both results are then recorded).
 */
export function finalize(period: string, force?: boolean): FinalizeResult {
  const deadline = Date.now() + EXECUTION_LIMIT_MS;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const names = ss.getSheets().map((s) => s.getName());
  const lang = workbookLang(ss, names);
  const lock = LockService.getDocumentLock();
  if (!lock) return plain({ status: 'fatal', message: { zh: NO_LOCK.zh, en: NO_LOCK.en } }) as unknown as FinalizeResult;
  if (!lock.tryLock(LOCK_WAIT_MS)) return plain({ status: 'refused', message: ALREADY_RUNNING }) as unknown as FinalizeResult;
  try {
    const host = new SheetsHost(ss, { deadline });
    host.recoverInterruptedWrite();
    const out = runFinalizeSync(host, String(period ?? ''), nowIn(ss), lang, force === true);
    return plain({ status: out.status, message: out.message }) as unknown as FinalizeResult;
  } catch (error) {
    const f = computeFailure(lang, String(period ?? ''), error);
    return plain({ status: 'fatal', message: f.message }) as unknown as FinalizeResult;
  } finally {
    releaseAfterFlush(lock);
  }
}

// ---- Statements (SPEC §9) ----

/** A person's statement as text, cut from the Statements tab (one read); null when the tab or the person is not there. */
export function statement(tab: string, staffId: string): string | null {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const name = String(tab ?? '');
  if (!ss.getSheets().some((s) => s.getName() === name)) return null;
  const [read] = new SheetsHost(ss).readTabs([name]);
  return read ? statementFromRows(read.rows, String(staffId ?? '')) : null;
}

// ---- What-if (SPEC §11): apps-script/whatif.ts ----

/** *Preview*: one server call that reads as Compute does and writes nothing. */
export function previewWhatIf(args: WhatIfArgs): WhatIfView {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const names = ss.getSheets().map((s) => s.getName());
  return plain(previewWhatIfSheets(new SheetsHost(ss, { deadline: Date.now() + EXECUTION_LIMIT_MS }), args, workbookLang(ss, names))) as unknown as WhatIfView;
}

/** *Apply*: write the edited scheme into the Scheme tab, under the document lock. */
export function applyWhatIf(args: WhatIfArgs): WhatIfView {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const names = ss.getSheets().map((s) => s.getName());
  const lang = workbookLang(ss, names);
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) return plain({ status: 'refused', lang, message: ALREADY_RUNNING, edits: [], sections: { zh: [], en: [] }, json: null }) as unknown as WhatIfView;
  try {
    return plain(applyWhatIfSheets(new SheetsHost(ss), args, lang)) as unknown as WhatIfView;
  } finally {
    releaseAfterFlush(lock);
  }
}
