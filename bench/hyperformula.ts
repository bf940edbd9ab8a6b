/**
 * Second formula-template baseline, in-process: the same smile-cards COUNTIFS /
 * SUMIFS / rank template as the LibreOffice baseline (bench/libreoffice.ts
 * calcFormulas: 9 formulas per person over the Staff, Feedback and Incidents
 * tabs) evaluated by HyperFormula, the JavaScript formula engine a
 * spreadsheet-minded team would reach for (npm `hyperformula`, GPL-3.0 licence
 * key, a devDependency used only here). Timed: building the engine from the
 * sheets, which evaluates every formula. Checked: smile cards, anger cards and
 * exceeded ratings of the same four people the LibreOffice run checks.
 */
import { HyperFormula } from 'hyperformula';
import type { Cell } from '../core/types';
import { benchPeriod, rankingSample, sampleIds, timed, type SizeName } from './engine-run';
import { generateWorkbook, scaledSize, SIZES } from './generate';
import { CALC_HEADERS, calcFormulas } from './libreoffice';

export interface HyperFormulaRun {
  size: SizeName;
  /** Set on the ladder runs: the workbook is `size` with every row count times this. */
  fraction?: number;
  /**
   * Ladder runs only: the engine's whole pipeline (computeWorkbook, cold, first
   * thing in this process) on the same generated workbook, timed before
   * HyperFormula runs; the values HyperFormula is checked against come from it.
   */
  engineTotalMs?: number;
  feedbackRows?: number;
  staff: number;
  formulas: number;
  /** buildFromSheets: load the values and evaluate every formula. */
  evaluateMs: number;
  heapMb: number;
  checks: { id: string; field: string; engine: unknown; hyperformula: unknown }[];
  verified: boolean;
}

const DATE_HEADERS = new Set(['日期', '入职日期', '转正日期', '离职日期']);
const EPOCH = Date.UTC(1899, 11, 30);

/** `2026-07-01` → spreadsheet serial day (what a date cell holds). */
function serial(day: string): number {
  return (Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - EPOCH) / 86400000;
}

type HfCell = string | number | boolean | null;

/**
 * HyperFormula on `size`, or on `size` times `fraction` (the ladder). With a
 * fraction the engine runs first on the same tabs in this process, so the pair
 * compares the same workbook; without one `engineSample` (from the size's engine
 * child) is what the values are checked against.
 */
export function runHyperFormula(size: SizeName, engineSample: Record<string, Record<string, Cell>>, fraction?: number): HyperFormulaRun {
  const tabs = generateWorkbook(fraction === undefined ? SIZES[size] : scaledSize(SIZES[size], fraction));
  let engineTotalMs: number | undefined;
  if (fraction !== undefined) {
    const e = timed(tabs, 'smile-cards', benchPeriod('smile-cards'));
    engineTotalMs = Math.round(e.times.totalMs);
    engineSample = rankingSample(e.outcome, sampleIds(tabs));
  }
  const sheets: Record<string, HfCell[][]> = {};
  const lengths: Record<string, number> = {};
  for (const name of ['员工', '客户反馈', '奖惩记录']) {
    const tab = tabs.find((t) => t.name === name)!;
    lengths[name] = tab.rows.length;
    const dateCols = new Set(tab.rows[0].map((h, c) => (DATE_HEADERS.has(String(h)) ? c : -1)).filter((c) => c >= 0));
    sheets[name] = tab.rows.map((row, r) => row.map((v, c): HfCell => {
      if (v === '' || v === null || v === undefined) return null;
      if (r > 0 && dateCols.has(c) && typeof v === 'string') return serial(v);
      return v instanceof Date ? serial(v.toISOString().slice(0, 10)) : (v as HfCell);
    }));
  }
  const staff = tabs.find((t) => t.name === '员工')!.rows;
  const calc: HfCell[][] = [CALC_HEADERS];
  let formulas = 0;
  for (let i = 1; i < staff.length; i++) {
    const fs = calcFormulas(i + 1, lengths['客户反馈'], lengths['奖惩记录'], staff.length, [2026, 7, 1], [2026, 9, 30]);
    formulas += fs.length;
    calc.push([staff[i][0] as string, (staff[i][3] || staff[i][2]) as string, ...fs.map((f) => `=${f}`)]);
  }
  sheets['计算'] = calc;
  const t = performance.now();
  // Its default sheet limit is 40,000 rows; raised to hold the largest size's feedback tab.
  const hf = HyperFormula.buildFromSheets(sheets, { licenseKey: 'gpl-v3', maxRows: 2_000_000 });
  const evaluateMs = Math.round(performance.now() - t);
  const heapMb = Math.round(process.memoryUsage().heapUsed / 1048576);
  const sheetId = hf.getSheetId('计算')!;
  const values = hf.getSheetValues(sheetId);
  const byId = new Map(values.slice(1).map((row) => [String(row[0]), row] as const));
  const col = (h: string) => CALC_HEADERS.indexOf(h);
  const checks: HyperFormulaRun['checks'] = [];
  for (const id of Object.keys(engineSample)) {
    const row = byId.get(id);
    for (const [engineField, hfField] of [['微笑卡', '微笑卡'], ['愤怒卡', '愤怒卡'], ['超越期望次数', '超越']] as const) {
      checks.push({ id, field: engineField, engine: engineSample[id]?.[engineField] ?? null, hyperformula: row ? row[col(hfField)] : null });
    }
  }
  hf.destroy();
  const verified = checks.length > 0 && checks.every((c) => c.engine !== null && c.engine !== undefined && Number(c.engine) === Number(c.hyperformula));
  return { size, ...(fraction === undefined ? {} : { fraction, engineTotalMs, feedbackRows: lengths['客户反馈'] - 1 }), staff: staff.length - 1, formulas, evaluateMs, heapMb, checks, verified };
}

