/**
 * The Runs tab (SPEC §5): one row per Compute, with its input fingerprint, totals,
 * status (draft / final) and a result snapshot. Reading is tolerant — a damaged
 * row is a warning and is kept as written, never a crash and never dropped — and
 * the tab is always rewritten whole from what was read plus the new row.
 */
import type { Cell, Diagnostic, Lang, OutputTab, RawTab, ResultJson, ColumnFormat } from '../types';
import { diag } from '../diagnostics';
import { displayTime } from '../time';
import { foldWidth } from '../ids';
import { parsePeriod } from '../periods';
import { RUNS_TAB_NAME } from '../summary-lines';
import {
  DEFAULT_TAB_NAMES, FINGERPRINT_FORMAT, type FingerprintTab, type InputFingerprint, changedTabIds, fingerprintFormatOf,
  formatTabFingerprints, overallOfFormat, parseTabFingerprints,
} from './fingerprint';
import { type ResultSnapshot, decodeSnapshot, encodeSnapshot, pendingWithStakes, snapshotOf, toFen } from './snapshot';
import type { PersonRows } from './person-rows';

export type RunStatus = 'draft' | 'final';

/** One computation as recorded in the Runs tab. */
export interface RunRecord {
  /** ISO time of the run, passed in by the host. */
  time: string;
  /** Canonical period id. */
  period: string;
  status: RunStatus;
  scheme: string;
  schemeVersion: string;
  /** Overall input fingerprint (`v2:` + 16 hex digits; 16 hex digits alone in rows of format 1). */
  fingerprint: string;
  /** Per-tab fingerprints; null when the cell is damaged (changed tabs then cannot be named). */
  tabs: Partial<Record<FingerprintTab, string>> | null;
  /**
   * Format of `tabs` (FINGERPRINT_FORMAT for rows written now, 1 for rows written
   * before formats were numbered); null when `tabs` is. Hashes of another format
   * cannot be compared with today's, so changed tabs cannot be named against them.
   */
  fingerprintFormat: number | null;
  paidFen: number | null;
  awards: number | null;
  errors: number | null;
  warnings: number | null;
  infos: number | null;
  finalizedAt: string;
  note: string;
  snapshot: ResultSnapshot | null;
}

/** A row of the Runs tab: its record (null when damaged) and its cells in column order. */
export interface RunsRow {
  /** Row number as the user sees it (header = 1); null for a row not yet written. */
  row: number | null;
  run: RunRecord | null;
  /** Our columns (COLUMNS order) followed by the tab's extra columns, as written. */
  cells: Cell[];
}

export interface RunsLog {
  /** The tab's name as written, or null when the workbook has no Runs tab yet. */
  name: string | null;
  /** Language of the existing headers (null when there is no tab yet). */
  lang: Lang | null;
  /** Headers of columns we do not know, kept (with their cells) to the right of ours. */
  extraHeaders: string[];
  rows: RunsRow[];
  diagnostics: Diagnostic[];
}

export const COLUMNS = [
  'time', 'period', 'status', 'scheme', 'scheme_version', 'paid', 'awards', 'errors', 'warnings', 'infos',
  'fingerprint', 'tab_fingerprints', 'finalized_at', 'note', 'snapshot',
] as const;
export type RunsColumn = (typeof COLUMNS)[number];
const COL: Record<RunsColumn, number> = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<RunsColumn, number>;

export const RUNS_HEADERS: Record<Lang, Record<RunsColumn, string>> = {
  en: {
    time: 'Time', period: 'Period', status: 'Status', scheme: 'Scheme', scheme_version: 'Scheme version',
    paid: 'Paid', awards: 'Awards', errors: 'Errors', warnings: 'Warnings', infos: 'Info',
    fingerprint: 'Input fingerprint', tab_fingerprints: 'Tab fingerprints', finalized_at: 'Finalized at',
    note: 'Note', snapshot: 'Result snapshot',
  },
  zh: {
    time: '时间', period: '期间', status: '状态', scheme: '方案', scheme_version: '方案版本',
    paid: '发放合计', awards: '获奖人次', errors: '错误', warnings: '警告', infos: '提示',
    fingerprint: '输入指纹', tab_fingerprints: '各表指纹', finalized_at: '定稿时间',
    note: '备注', snapshot: '结果快照',
  },
};

const FORMATS: Record<RunsColumn, ColumnFormat> = {
  time: 'text', period: 'text', status: 'text', scheme: 'text', scheme_version: 'text', paid: 'money',
  awards: 'integer', errors: 'integer', warnings: 'integer', infos: 'integer', fingerprint: 'text',
  tab_fingerprints: 'text', finalized_at: 'text', note: 'text', snapshot: 'text',
};

/** Most diagnostics of one code listed for the Runs tab; the rest are counted in one `too_many`. */
export const RUNS_DIAGNOSTIC_LIMIT = 1000;

const STATUS_TEXT: Record<Lang, Record<RunStatus, string>> = {
  en: { draft: 'draft', final: 'final' },
  zh: { draft: '草稿', final: '定稿' },
};

const STATUS_ALIASES: Record<string, RunStatus> = {
  draft: 'draft', open: 'draft', 草稿: 'draft', 未定稿: 'draft',
  final: 'final', finalized: 'final', finalised: 'final', closed: 'final', locked: 'final',
  定稿: 'final', 已定稿: 'final', 最终: 'final', 已关闭: 'final', 关闭: 'final', 锁定: 'final',
};

function norm(text: string): string {
  return foldWidth(text).trim().toLowerCase().replace(/[\s_]+/g, ' ');
}

const HEADER_ALIASES: Map<string, RunsColumn> = (() => {
  const m = new Map<string, RunsColumn>();
  for (const c of COLUMNS) {
    m.set(norm(c), c);
    m.set(norm(RUNS_HEADERS.en[c]), c);
    m.set(norm(RUNS_HEADERS.zh[c]), c);
  }
  for (const [alias, c] of [
    ['date', 'time'], ['运行时间', 'time'], ['计算时间', 'time'], ['考评期间', 'period'], ['version', 'scheme_version'],
    ['版本', 'scheme_version'], ['paid (yuan)', 'paid'], ['发放金额', 'paid'], ['info', 'infos'],
    ['fingerprint', 'fingerprint'], ['指纹', 'fingerprint'], ['snapshot', 'snapshot'], ['快照', 'snapshot'],
    ['备注', 'note'], ['说明', 'note'],
  ] as [string, RunsColumn][]) m.set(norm(alias), c);
  return m;
})();

/** Text of a cell; a date-time keeps its time (diagnostics' cellText keeps only the day). */
function textOf(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v).trim();
}

function numberOf(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = foldWidth(v).replace(/[\s,¥￥]/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

function intOf(v: Cell): number | null {
  const n = numberOf(v);
  return n !== null && Number.isInteger(n) ? n : null;
}

/** Status from a cell; blank is a draft, anything unknown is null. */
export function parseStatus(v: Cell): RunStatus | null {
  const s = norm(textOf(v));
  if (s === '') return 'draft';
  return STATUS_ALIASES[s] ?? null;
}

function emptyLog(): RunsLog {
  return { name: null, lang: null, extraHeaders: [], rows: [], diagnostics: [] };
}

function isBlankRow(row: Cell[] | undefined): boolean {
  return !row || row.every((c) => textOf(c) === '');
}

/**
 * Read the Runs tab. Never throws: a row whose period or status cannot be read is
 * a warning and is kept as written (ignored by finality checks); a damaged
 * fingerprint or snapshot cell keeps the run but limits what can be said about it.
 */
export function parseRunsTab(raw: RawTab | undefined): RunsLog {
  if (!raw) return emptyLog();
  const log: RunsLog = { ...emptyLog(), name: raw.name };
  const rows = Array.isArray(raw.rows) ? raw.rows : [];
  const header = (rows[0] ?? []).map((c) => textOf(c));
  log.lang = header.some((h) => /[\u4e00-\u9fff]/.test(h)) ? 'zh' : header.some((h) => h !== '') ? 'en' : null;

  // Map each column of the tab to one of ours, or keep it as an extra column.
  const ours = new Map<RunsColumn, number>();
  const extras: number[] = [];
  header.forEach((h, i) => {
    const c = HEADER_ALIASES.get(norm(h));
    if (c !== undefined && !ours.has(c)) ours.set(c, i);
    else if (h !== '' || rows.some((r, k) => k > 0 && textOf(r?.[i]) !== '')) extras.push(i);
  });
  // Columns beyond the header row that hold data are kept too.
  const width = rows.reduce((w, r) => Math.max(w, Array.isArray(r) ? r.length : 0), 0);
  for (let i = header.length; i < width; i++) {
    if (rows.some((r, k) => k > 0 && textOf(r?.[i]) !== '')) extras.push(i);
  }
  log.extraHeaders = extras.map((i) => header[i] ?? '');
  const headerOk = ours.has('period');
  const dataRows = rows.slice(1).some((r) => !isBlankRow(r));
  if (!headerOk && dataRows) {
    log.diagnostics.push(diag({
      severity: 'warning', code: 'runs_header_unrecognised', tab: raw.name, row: 1,
      zh: '运行记录表的表头无法识别（缺少“期间”列）：原有内容已原样保留，定稿状态无法读取',
      en: 'The Runs tab\'s header is not recognised (no Period column): its rows are kept as written, but no final status can be read from them',
    }));
  }

  // A hostile tab must not flood the Data check tab: list at most RUNS_DIAGNOSTIC_LIMIT per code.
  const counts = new Map<string, number>();
  const report = (d: Diagnostic): void => {
    const n = (counts.get(d.code) ?? 0) + 1;
    counts.set(d.code, n);
    if (n <= RUNS_DIAGNOSTIC_LIMIT) log.diagnostics.push(d);
  };
  const headerText = (c: RunsColumn): string => header[ours.get(c) ?? -1] ?? RUNS_HEADERS[log.lang ?? 'en'][c];
  for (let k = 1; k < rows.length; k++) {
    const r = Array.isArray(rows[k]) ? rows[k] : [];
    if (isBlankRow(r)) continue;
    const rowNo = k + 1;
    const cells: Cell[] = COLUMNS.map((c) => (ours.has(c) ? r[ours.get(c)!] ?? null : null));
    for (const i of extras) cells.push(r[i] ?? null);
    const entry: RunsRow = { row: rowNo, run: null, cells };
    log.rows.push(entry);
    if (!headerOk) continue;

    const get = (c: RunsColumn): Cell => cells[COL[c]];
    const damaged = (c: RunsColumn, zh: string, en: string): void => {
      report(diag({
        severity: 'warning', code: 'runs_row_damaged', tab: raw.name, row: rowNo, column: headerText(c), value: get(c),
        zh: `运行记录已损坏（${zh}）：该行已忽略，并原样保留`,
        en: `Damaged Runs row (${en}): ignored, kept as written`,
      }));
    };
    const period = parsePeriod(textOf(get('period')));
    if (!period) {
      damaged('period', '期间无效', 'the period is not valid');
      continue;
    }
    const status = parseStatus(get('status'));
    if (!status) {
      damaged('status', '状态应为“草稿”或“定稿”', 'the status should be draft or final');
      continue;
    }
    const tabsText = textOf(get('tab_fingerprints'));
    const tabs = tabsText === '' ? null : parseTabFingerprints(tabsText);
    const format = tabs === null ? null : fingerprintFormatOf(tabsText);
    if (tabs === null) {
      report(diag({
        severity: 'warning', code: 'runs_fingerprint_damaged', tab: raw.name, row: rowNo,
        column: headerText('tab_fingerprints'), value: get('tab_fingerprints'),
        zh: '各表指纹缺失或已损坏：无法判断此次运行之后哪些工作表有改动',
        en: 'Tab fingerprints are missing or damaged: which tabs changed since this run cannot be told',
      }));
    }
    const fpText = textOf(get('fingerprint')).toLowerCase();
    const snapText = textOf(get('snapshot'));
    const snapshot = snapText === '' ? null : decodeSnapshot(snapText);
    if (snapText !== '' && snapshot === null) {
      report(diag({
        severity: 'warning', code: 'runs_snapshot_damaged', tab: raw.name, row: rowNo,
        column: headerText('snapshot'), value: snapText,
        zh: '结果快照已损坏：下次计算无法逐项列出与此次运行相比的变更',
        en: 'The result snapshot is damaged: the next run cannot itemise changes against this run',
      }));
    }
    const paid = numberOf(get('paid'));
    entry.run = {
      time: textOf(get('time')), period: period.id, status,
      scheme: textOf(get('scheme')), schemeVersion: textOf(get('scheme_version')),
      fingerprint: /^(v\d{1,6}:)?[0-9a-f]{16}$/.test(fpText) ? fpText : tabs && format !== null ? overallOfFormat(tabs, format) ?? '' : '',
      tabs, fingerprintFormat: format, paidFen: paid === null ? null : toFen(paid),
      awards: intOf(get('awards')), errors: intOf(get('errors')), warnings: intOf(get('warnings')),
      infos: intOf(get('infos')), finalizedAt: textOf(get('finalized_at')), note: textOf(get('note')), snapshot,
    };
  }
  for (const [code, n] of counts) {
    if (n <= RUNS_DIAGNOSTIC_LIMIT) continue;
    const extra = n - RUNS_DIAGNOSTIC_LIMIT;
    log.diagnostics.push(diag({
      severity: 'warning', code: 'too_many', tab: raw.name, value: String(extra),
      zh: `另有 ${extra} 条同类问题（${code}）未逐条列出`,
      en: `${extra} more problems of the same kind (${code}) not listed`,
    }));
  }
  return log;
}

/** Runs that could be read, in tab order. */
export function runsOf(log: RunsLog): RunRecord[] {
  return log.rows.flatMap((r) => (r.run ? [r.run] : []));
}

function canonicalPeriod(periodId: string): string {
  return parsePeriod(periodId)?.id ?? periodId;
}

/** The latest run of a period (any status), or null. */
export function lastRun(log: RunsLog, periodId: string): RunRecord | null {
  const p = canonicalPeriod(periodId);
  const all = runsOf(log).filter((r) => r.period === p);
  return all.length ? all[all.length - 1] : null;
}

/** The latest final run of a period, or null. */
export function lastFinalRun(log: RunsLog, periodId: string): RunRecord | null {
  const p = canonicalPeriod(periodId);
  const all = runsOf(log).filter((r) => r.period === p && r.status === 'final');
  return all.length ? all[all.length - 1] : null;
}

/** A period is final once any of its runs is marked final. */
export function isFinal(log: RunsLog, periodId: string): boolean {
  return lastFinalRun(log, periodId) !== null;
}

export interface NewRunInput {
  now: string;
  period: string;
  scheme: string;
  schemeVersion: string;
  fingerprint: InputFingerprint;
  result: ResultJson;
  status?: RunStatus;
  finalizedAt?: string;
  note?: string;
  /** Appeal row → the alternative in words, for pending appeals with stakes (kept in the snapshot). */
  alternatives?: ReadonlyMap<number, { zh: string; en: string }>;
  /** Per person and tab row hashes, so the next run can say which data changed (SPEC §8). */
  rows?: PersonRows;
}

/** A run record from a computation's result. */
export function makeRun(input: NewRunInput): RunRecord {
  const count = (s: string): number => input.result.diagnostics.filter((d) => d.severity === s).length;
  return {
    // Shown as the local wall clock the host passed in (core/time.ts), never as a UTC instant.
    time: displayTime(input.now), period: canonicalPeriod(input.period), status: input.status ?? 'draft',
    scheme: input.scheme, schemeVersion: input.schemeVersion,
    fingerprint: input.fingerprint.overall, tabs: { ...input.fingerprint.tabs }, fingerprintFormat: FINGERPRINT_FORMAT,
    paidFen: toFen(input.result.totals.paid), awards: input.result.awards.length,
    errors: count('error'), warnings: count('warning'), infos: count('info'),
    finalizedAt: input.finalizedAt ? displayTime(input.finalizedAt) : '', note: input.note ?? '', snapshot: input.rows ? { ...snapshotOf(input.result, input.alternatives), rows: input.rows } : snapshotOf(input.result, input.alternatives),
  };
}

function runCells(run: RunRecord, lang: Lang, extras: number): Cell[] {
  const v: Record<RunsColumn, Cell> = {
    time: run.time, period: run.period, status: STATUS_TEXT[lang][run.status], scheme: run.scheme,
    scheme_version: run.schemeVersion, paid: run.paidFen === null ? null : run.paidFen / 100,
    awards: run.awards, errors: run.errors, warnings: run.warnings, infos: run.infos,
    fingerprint: run.fingerprint, tab_fingerprints: run.tabs ? formatTabFingerprints(run.tabs) : '',
    finalized_at: run.finalizedAt, note: run.note, snapshot: run.snapshot ? encodeSnapshot(run.snapshot) : '',
  };
  return [...COLUMNS.map((c) => v[c]), ...new Array<Cell>(extras).fill(null)];
}

/** The Runs OutputTab for a log: rows as read (edited where we marked them), in tab order. */
export function buildRunsTab(log: RunsLog, lang: Lang): OutputTab {
  const l = log.lang ?? lang;
  const header: Cell[] = [...COLUMNS.map((c) => RUNS_HEADERS[l][c]), ...log.extraHeaders];
  return {
    name: log.name ?? RUNS_TAB_NAME[l],
    kind: 'runs',
    rows: [header, ...log.rows.map((r) => r.cells)],
    formats: [...COLUMNS.map((c) => FORMATS[c]), ...log.extraHeaders.map((): ColumnFormat => 'text')],
  };
}

/** The log with one more run at the end. */
export function withRun(log: RunsLog, run: RunRecord, lang: Lang): RunsLog {
  const l = log.lang ?? lang;
  return { ...log, lang: l, rows: [...log.rows, { row: null, run, cells: runCells(run, l, log.extraHeaders.length) }] };
}

/** The Runs tab to write after a computation: every row read, plus the new run. */
export function appendRun(log: RunsLog, run: RunRecord, lang: Lang): OutputTab {
  return buildRunsTab(withRun(log, run, lang), lang);
}

export interface FinalizeOutcome {
  ok: boolean;
  /** What happened, for the user. */
  message: { zh: string; en: string };
  /** The log with the period's last run marked final (unchanged when not ok). */
  log: RunsLog;
  /** True when something was marked (false when refused or already final). */
  changed: boolean;
}

/**
 * Mark the latest run of a period final. Refuses when the period was never
 * computed; marking an already-final period again changes nothing.
 */
export function finalizeRun(log: RunsLog, periodId: string, now: string, lang: Lang = log.lang ?? 'en', force = false): FinalizeOutcome {
  const p = parsePeriod(periodId);
  if (!p) {
    return {
      ok: false, changed: false, log,
      message: {
        zh: `期间“${periodId}”无效：应为 2026-07、2026-Q3、2026-H2 或 2026`,
        en: `Period "${periodId}" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026`,
      },
    };
  }
  let index = -1;
  log.rows.forEach((r, i) => {
    if (r.run && r.run.period === p.id) index = i;
  });
  if (index < 0) {
    return {
      ok: false, changed: false, log,
      message: {
        zh: `这个工作簿的运行记录中没有期间 ${p.id} 的计算，无法定稿：请先计算并把结果写入这个工作簿（命令行：compute 该工作簿 --period ${p.id} --out 同一个工作簿），再定稿`,
        en: `This workbook's Runs tab has no computation of ${p.id}, so it cannot be finalized: compute it with the results written into this workbook (command line: compute the workbook --period ${p.id} --out the same workbook), then finalize`,
      },
    };
  }
  const target = log.rows[index];
  const run = target.run!;
  if (run.status === 'final') {
    return {
      ok: true, changed: false, log,
      message: {
        zh: `期间 ${p.id} 已是定稿状态${run.finalizedAt ? `（定稿时间 ${run.finalizedAt}）` : ''}；如需改动，请改正数据并确认重新计算（命令行加 --force）`,
        en: `Period ${p.id} is already final${run.finalizedAt ? ` (finalized ${run.finalizedAt})` : ''}; to change it, correct the data and compute again with confirmation (--force on the command line)`,
      },
    };
  }
  // Pending appeals that could change results (SPEC §10): refused, naming them, unless forced; forced, both results are recorded.
  const pending = pendingWithStakes(run.snapshot);
  const named = pending.map((a) => ({
    zh: `申诉第 ${a.row} 行（${a.staffId}，「${a.tab}」第 ${a.targetRow} 行）${a.alt ? `：${a.alt.zh}` : ''}`,
    en: `appeal row ${a.row} (${a.staffId}, ${a.tab} row ${a.targetRow})${a.alt ? `: ${a.alt.en}` : ''}`,
  }));
  if (pending.length && !force) {
    return {
      ok: false, changed: false, log,
      message: {
        zh: `期间 ${p.id} 有 ${pending.length} 项待处理申诉可能改变结果，未定稿：${named.map((n) => n.zh).join('；')}。请先处理申诉并重新计算，或确认后强制定稿（命令行加 --force）`,
        en: `Period ${p.id} has ${pending.length} pending appeal${pending.length > 1 ? 's' : ''} that could change results, so it was not finalized: ${named.map((n) => n.en).join('; ')}. Decide ${pending.length > 1 ? 'them' : 'it'} and compute again, or confirm to finalize anyway (--force on the command line)`,
      },
    };
  }
  const l = log.lang ?? lang;
  const cells = [...target.cells];
  cells[COL.status] = STATUS_TEXT[l].final;
  cells[COL.finalized_at] = displayTime(now);
  let note = run.note;
  if (pending.length) {
    const both = l === 'zh'
      ? `强制定稿时有待处理申诉，定稿结果为申诉未成立时的结果；${named.map((n) => n.zh).join('；')}`
      : `finalized with pending appeals: the final results are those without the appeals; ${named.map((n) => n.en).join('; ')}`;
    note = note ? `${note}; ${both}` : both;
    cells[COL.note] = note;
  }
  const rows = [...log.rows];
  rows[index] = { ...target, cells, run: { ...run, status: 'final', finalizedAt: displayTime(now), note } };
  return {
    ok: true, changed: true, log: { ...log, lang: l, rows },
    message: pending.length
      ? {
        zh: `期间 ${p.id} 已按确认强制定稿（依据 ${run.time || '最近一次'} 的计算结果），${pending.length} 项待处理申诉及其另一种结果已记入运行记录的备注。申诉处理后，请改正数据并确认重新计算（命令行加 --force）：新结果仍为定稿，变更见“变更 ${p.id}”表`,
        en: `Period ${p.id} is now final as confirmed (the run of ${run.time || 'the latest run'}); ${pending.length} pending appeal${pending.length > 1 ? 's' : ''} and the other result are recorded in the Runs note. Once decided, correct the data and compute again with confirmation (--force on the command line): the new results stay final and the changes are listed in the Changes ${p.id} tab`,
      }
      : {
        zh: `期间 ${p.id} 已定稿（依据 ${run.time || '最近一次'} 的计算结果）。之后再计算会被拒绝；如需改动，请改正数据并确认重新计算（命令行加 --force）：新结果仍为定稿，变更见“变更 ${p.id}”表`,
        en: `Period ${p.id} is now final (the run of ${run.time || 'the latest run'}). Computing it again is refused; to change it, correct the data and compute again with confirmation (--force on the command line): the new results stay final and the changes are listed in the Changes ${p.id} tab`,
      },
  };
}

export interface FinalCheck {
  allowed: boolean;
  /** Input tabs changed since the period was finalized, named as written in the workbook. */
  changedTabs: string[];
  /** Null when the period is not final; otherwise why it was refused, or what a forced run overrides. */
  message: { zh: string; en: string } | null;
  /** The final run compared against, or null. */
  finalRun: RunRecord | null;
  /** False when the final run's fingerprints are damaged or of another format, so changes cannot be named. */
  changesKnown: boolean;
  /** True when the final run's fingerprints are of another format (written by another version). */
  formatChanged: boolean;
}

function tabName(fp: InputFingerprint, id: FingerprintTab, lang: Lang): string {
  return fp.names[id] ?? DEFAULT_TAB_NAMES[id][lang];
}

/**
 * May a Compute of this period go ahead? A final period is refused unless forced;
 * either way the tabs that changed since finalizing are named.
 */
export function checkFinal(log: RunsLog, periodId: string, fingerprint: InputFingerprint, force: boolean | undefined): FinalCheck {
  const finalRun = lastFinalRun(log, periodId);
  if (!finalRun) return { allowed: true, changedTabs: [], message: null, finalRun: null, changesKnown: true, formatChanged: false };
  const p = canonicalPeriod(periodId);
  const formatChanged = finalRun.tabs !== null && finalRun.fingerprintFormat !== FINGERPRINT_FORMAT;
  const known = finalRun.tabs !== null && !formatChanged;
  const ids = known ? changedTabIds(finalRun.tabs!, fingerprint.tabs) : [];
  const en = ids.map((id) => tabName(fingerprint, id, 'en'));
  const zh = ids.map((id) => tabName(fingerprint, id, 'zh'));
  const when = finalRun.finalizedAt || finalRun.time;
  const changedEn = formatChanged ? 'the fingerprint format changed since it was finalized, so which inputs changed cannot be told'
    : !known ? 'which inputs changed cannot be told (its fingerprints are damaged)'
      : ids.length ? `inputs changed since: ${en.join(', ')}` : 'its inputs have not changed';
  const changedZh = formatChanged ? '定稿后指纹格式已变更，无法判断哪些输入有改动'
    : !known ? '无法判断哪些输入有改动（指纹已损坏）'
      : ids.length ? `定稿后以下工作表有改动：${zh.join('、')}` : '定稿后输入没有改动';
  const message = force
    ? {
      zh: `已按确认重新计算已定稿的期间 ${p}（${changedZh}），新结果仍为定稿；与原定稿结果相比的变更见“变更 ${p}”表`,
      en: `Recomputed final period ${p} as confirmed (${changedEn}); the new results stay final; the changes against the final results are listed in the Changes ${p} tab`,
    }
    : {
      zh: `期间 ${p} 已定稿${when ? `（${when}）` : ''}，${changedZh}。未写入任何内容；如需覆盖定稿结果，请确认后重新计算（命令行加 --force）`,
      en: `Period ${p} is final${when ? ` (finalized ${when})` : ''}; ${changedEn}. Nothing was written; to replace the final results, confirm and compute again (--force on the command line)`,
    };
  return { allowed: !!force, changedTabs: en, message, finalRun, changesKnown: known, formatChanged };
}
