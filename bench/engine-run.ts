/**
 * One engine measurement, run in its own process (`--child engine`) so memory
 * figures belong to one size and one preset: generate the workbook, then
 *  1. a cold run of the real orchestrator (`computeWorkbook`), timed phase by
 *     phase through its progress callback (validate = scheme + readDataset,
 *     compute = computeScheme, output = result JSON + output tabs);
 *  2. the validate phase's parts alone (readDataset, the Runs input fingerprint);
 *  3. warm runs of the engine's compute step (computeScheme) interleaved with
 *     the floor (bench/floor.ts) on the same validated arrays, best of each, and,
 *     for smile-cards, a check that floor and engine chose the same winners.
 * The parent reads V8's --trace-gc lines for the peak heap of the cold run: the
 * forced `gc()` calls before and after it show up as "testing" lines and bracket it.
 */
import { writeFileSync } from 'node:fs';
import { computeWorkbook, schemeInputs, type ComputeOutcome } from '../core/orchestrator';
import { computeScheme } from '../core/engine/compute';
import { parsePeriod } from '../core/periods';
import { getPreset } from '../core/presets/index';
import { readDataset } from '../core/input/tabs';
import { fingerprintInputs } from '../core/runs';
import type { Cell, RawTab } from '../core/types';
import { floorAggregate } from './floor';
import { commonEdits, WhatIfSession } from '../core/whatif/index';
import { buildStatementsTab, nearMissesOf } from '../core/explain';
import type { Scheme } from '../core/scheme/model';
import { generateWorkbook, SIZES, type WorkbookSize } from './generate';

export type SizeName = keyof typeof SIZES;

/** Warm engine/floor repetitions after the cold run. */
export const WARM_RUNS = 5;

export interface PhaseTimes {
  validateMs: number;
  computeMs: number;
  outputMs: number;
  totalMs: number;
}

export interface EngineRun {
  size: SizeName;
  preset: string;
  period: string;
  status: string;
  message: string | null;
  /** Data rows (header excluded) per input tab, and in all. */
  rows: Record<string, number>;
  totalRows: number;
  generateMs: number;
  cold: PhaseTimes;
  /** computeScheme alone on the validated dataset, warm: best of WARM_RUNS, and every run. */
  computeWarmMs: number;
  computeRunsMs: number[];
  /** Input data rows ÷ cold total seconds. */
  rowsPerSecond: number;
  /** heapUsed (MiB) sampled at each phase boundary of the cold run. */
  heapAtPhases: Record<string, number>;
  /** Peak RSS (MiB) of the process up to the end of the cold run (includes the generated tables). */
  maxRssMb: number;
  /**
   * The validate phase split (warm, timed alone after the runs above): coercion and
   * validation (readDataset) and the Runs input fingerprint the orchestrator takes
   * before computing (core/runs gateCompute → fingerprintInputs).
   */
  readDatasetMs: number;
  fingerprintMs: number;
  /** The floor over the same period and arrays: best of WARM_RUNS and every run (ms). */
  floorMs: number;
  floorRunsMs: number[];
  /** smile-cards only: do the floor and the engine pick the same group winners? */
  winnersCheck: { groups: number; same: number; differ: string[] } | null;
  /**
   * What-if (issue 17) on the data already read: `firstMs` one preview in a new
   * session (the unedited and the edited computation: the CLI, and the Excel
   * worker's first preview), `previewMs` each further preview (the worker keeps
   * the session: the edited computation and the difference), best of 3.
   */
  whatif?: { key: string; value: number; firstMs: number; previewMs: number; gained: number; lost: number; firstCpuMs?: number; previewCpuMs?: number } | null;
  /**
   * Explain and share (issue 15) on top of a computation already done: near misses
   * (every award, every person, the relaxed rankings), every person's statement
   * (figures with breakdowns and rows, gates, awards, penalties, points) and the
   * Statements tab built from them; best of 3 each, on a fresh engine result.
   */
  /** statementsMs: the statements and the Statements tab made as Compute makes them, one person at a time. */
  explain?: { nearMissesMs: number; statementsMs: number; totalMs: number; cpuMs?: number; nearMisses: number; statements: number; tabRows: number } | null;
  /** Per-person values from the Ranking tab for a few staff (LibreOffice check). */
  sample: Record<string, Record<string, Cell>>;
  outputs: { name: string; rows: number }[];
  diagnostics: number;
}

/** The period a preset is benchmarked on: 2026-Q3 for quarterly presets, 2026-07 for the rest. */
export function benchPeriod(presetId: string): string {
  const scheme = getPreset(presetId);
  return scheme?.cadence === 'quarter' ? '2026-Q3' : '2026-07';
}

export function countRows(tabs: RawTab[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tabs) out[t.name] = Math.max(0, t.rows.length - 1);
  return out;
}

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) g();
};

/** Bytes → MiB with one decimal (V8's --trace-gc prints MiB too). */
function mb(bytes: number): number {
  return Math.round(bytes / 104857.6) / 10;
}

export function timed(tabs: RawTab[], preset: string, period: string, onMark?: (step: string) => void): { outcome: ComputeOutcome; times: PhaseTimes } {
  const marks = new Map<string, number>();
  const t0 = performance.now();
  const outcome = computeWorkbook(tabs, {
    period, preset, now: '2026-10-01T09:00:00+08:00',
    onProgress: (step) => { marks.set(step, performance.now()); onMark?.(step); },
  });
  const end = performance.now();
  const at = (s: string, fallback: number) => marks.get(s) ?? fallback;
  const validate = at('validate', t0);
  const compute = at('compute', end);
  const output = at('output', end);
  return {
    outcome,
    times: {
      validateMs: round(compute - validate),
      computeMs: round(output - compute),
      outputMs: round(end - output),
      totalMs: round(end - t0),
    },
  };
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Values of the Ranking tab's measure columns for the given staff ids. */
export function rankingSample(outcome: ComputeOutcome, ids: string[]): Record<string, Record<string, Cell>> {
  const ranking = outcome.outputs.find((o) => o.kind === 'ranking');
  const out: Record<string, Record<string, Cell>> = {};
  if (!ranking) return out;
  const header = ranking.rows[0].map((c) => String(c));
  for (const row of ranking.rows.slice(1)) {
    const id = String(row[1]);
    if (!ids.includes(id)) continue;
    const rec: Record<string, Cell> = {};
    // Counts are written with the integer format, measures with number (issue 13): both are figures to check.
    header.forEach((h, c) => { if (c === 0 || ranking.formats[c] === 'number' || ranking.formats[c] === 'integer') rec[h] = row[c]; });
    out[id] = rec;
  }
  return out;
}

/** Ids of the staff with the most feedback rows, and a few others: the LibreOffice spot checks. */
export function sampleIds(tabs: RawTab[]): string[] {
  const feedback = tabs.find((t) => t.name === '客户反馈');
  const counts = new Map<string, number>();
  for (const r of feedback?.rows.slice(1) ?? []) counts.set(String(r[1]), (counts.get(String(r[1])) ?? 0) + 1);
  const busiest = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return [...new Set([busiest ?? 'S00001', 'S00001', 'S00100', 'S00500'])];
}

export function runEngine(sizeName: SizeName, preset: string, size: WorkbookSize = SIZES[sizeName]): EngineRun {
  const period = benchPeriod(preset);
  const g0 = performance.now();
  const tabs = generateWorkbook(size);
  const generateMs = round(performance.now() - g0);
  const rows = countRows(tabs);
  const totalRows = Object.values(rows).reduce((a, b) => a + b, 0);

  gc(); // marker 1 in --trace-gc: the cold run starts after this line
  const heapAtPhases: Record<string, number> = { start: mb(process.memoryUsage().heapUsed) };
  const cold = timed(tabs, preset, period, (step) => { heapAtPhases[step] = mb(process.memoryUsage().heapUsed); });
  heapAtPhases.end = mb(process.memoryUsage().heapUsed);
  const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  gc(); // marker 2: the cold run ended before this line

  const status = cold.outcome.status;
  const message = cold.outcome.message?.en ?? null;
  const outputs = cold.outcome.outputs.map((o) => ({ name: o.name, rows: o.rows.length - 1 }));
  const diagnostics = cold.outcome.diagnostics.length;
  const sample = rankingSample(cold.outcome, sampleIds(tabs));
  const coldAwards = cold.outcome.result?.awards ?? [];
  (cold as { outcome: ComputeOutcome | null }).outcome = null;
  gc();

  // The validate phase's parts, timed alone (warm), on the same tabs.
  const scheme = getPreset(preset)!;
  const r0 = performance.now();
  // As the orchestrator does: only the tabs the scheme uses are validated, fingerprinted and computed on.
  const data = readDataset(schemeInputs(tabs, scheme), { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale }).dataset;
  const readDatasetMs = round(performance.now() - r0);
  const f0 = performance.now();
  fingerprintInputs(data, scheme);
  const fingerprintMs = round(performance.now() - f0);

  // Engine compute (computeScheme, the orchestrator's compute step) and the floor on the
  // same validated arrays, interleaved so a burst of load on this shared machine hits both;
  // the best of each is the least disturbed figure.
  const p = parsePeriod(period)!;
  const floorRunsMs: number[] = [];
  const computeRunsMs: number[] = [];
  let floor = floorAggregate(data, p.start, p.end);
  for (let k = 0; k < WARM_RUNS; k++) {
    gc();
    let t = performance.now();
    computeScheme(scheme, data, p);
    computeRunsMs.push(round(performance.now() - t));
    t = performance.now();
    floor = floorAggregate(data, p.start, p.end);
    floorRunsMs.push(round(performance.now() - t));
  }

  let winnersCheck: EngineRun['winnersCheck'] = null;
  if (preset === 'smile-cards') {
    const idOf = new Map(data.staff.map((s) => [s.key, s.id]));
    const engine = new Map<string, string[]>();
    for (const a of coldAwards) {
      if (a.award !== 'service_star') continue;
      engine.set(a.scope, [...(engine.get(a.scope) ?? []), a.staff_id].sort());
    }
    const groups = new Set([...engine.keys(), ...floor.winners.keys()]);
    const differ: string[] = [];
    for (const g of groups) {
      const f = (floor.winners.get(g) ?? []).map((k) => idOf.get(k) ?? k).sort().join(',');
      const e = (engine.get(g) ?? []).join(',');
      if (f !== e) differ.push(`${g}: floor ${f || '-'} / engine ${e || '-'}`);
    }
    winnersCheck = { groups: groups.size, same: groups.size - differ.length, differ };
  }

  const whatif = benchWhatIf(scheme, data, p);
  const explain = benchExplain(scheme, data, p);

  return {
    whatif, explain,
    size: sizeName, preset, period, status, message, rows, totalRows, generateMs,
    cold: cold.times, computeWarmMs: Math.min(...computeRunsMs), computeRunsMs,
    rowsPerSecond: Math.round(totalRows / (cold.times.totalMs / 1000)),
    heapAtPhases, maxRssMb, readDatasetMs, fingerprintMs,
    floorMs: Math.min(...floorRunsMs), floorRunsMs,
    winnersCheck, sample, outputs, diagnostics,
  };
}

/**
 * Only the explain part (`npm run bench -- --only explain`, child `--child explain`):
 * generate the workbook, read it as the orchestrator does, then benchExplain.
 */
export function explainChild(sizeName: SizeName, preset: string, resultPath: string): void {
  const tabs = generateWorkbook(SIZES[sizeName]);
  const rows = countRows(tabs);
  const scheme = getPreset(preset)!;
  const data = readDataset(schemeInputs(tabs, scheme), { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale }).dataset;
  const p = parsePeriod(benchPeriod(preset))!;
  const explain = benchExplain(scheme, data, p);
  writeFileSync(resultPath, JSON.stringify({ size: sizeName, preset, period: p.id, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), explain }));
}

/**
 * Time near misses, then the statements with the Statements tab as Compute makes them
 * (one statement at a time into the tab), on top of a computation: best of 3, each on
 * a fresh engine result.
 */
function benchExplain(scheme: Scheme, data: ReturnType<typeof readDataset>['dataset'], p: NonNullable<ReturnType<typeof parsePeriod>>): EngineRun['explain'] {
  let best: NonNullable<EngineRun['explain']> | null = null;
  for (let k = 0; k < 3; k++) {
    const res = computeScheme(scheme, data, p);
    gc();
    // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
    const c = process.cpuUsage();
    let t = performance.now();
    const near = nearMissesOf(res);
    const nearMissesMs = round(performance.now() - t);
    t = performance.now();
    const tab = buildStatementsTab(res, 'zh');
    const statementsMs = round(performance.now() - t);
    const used = process.cpuUsage(c);
    const cpuMs = round((used.user + used.system) / 1000);
    const run = { nearMissesMs, statementsMs, totalMs: round(nearMissesMs + statementsMs), cpuMs, nearMisses: near.length, statements: res.ctx.n, tabRows: tab.rows.length };
    if (!best || run.totalMs < best.totalMs) best = run;
  }
  return best;
}

/** Time what-if previews of the scheme's first prize or quota edit (doubled, or 1 when 0). */
function benchWhatIf(scheme: Scheme, data: ReturnType<typeof readDataset>['dataset'], p: NonNullable<ReturnType<typeof parsePeriod>>): EngineRun['whatif'] {
  const edit = commonEdits(scheme).find((c) => c.input === 'money' || c.input === 'number');
  if (!edit) return null;
  const now = Number(edit.value.en.replace(/,/g, ''));
  const value = Number.isFinite(now) && now > 0 ? now * 2 : 1;
  gc();
  // CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
  const cpu = (c: NodeJS.CpuUsage) => round((c.user + c.system) / 1000);
  let t = performance.now();
  let c = process.cpuUsage();
  const session = new WhatIfSession(scheme, data, p);
  const first = session.preview([{ key: edit.key, value }]);
  const firstMs = round(performance.now() - t);
  const firstCpuMs = cpu(process.cpuUsage(c));
  const runs: number[] = [];
  const cpus: number[] = [];
  for (let k = 0; k < 3; k++) {
    t = performance.now();
    c = process.cpuUsage();
    session.preview([{ key: edit.key, value }]);
    runs.push(round(performance.now() - t));
    cpus.push(cpu(process.cpuUsage(c)));
  }
  return { key: edit.key, value, firstMs, previewMs: Math.min(...runs), firstCpuMs, previewCpuMs: Math.min(...cpus), gained: first.json?.gained.length ?? -1, lost: first.json?.lost.length ?? -1 };
}

/** Child entry: run and write the result as JSON to `resultPath`. */
export function engineChild(size: SizeName, preset: string, resultPath: string): void {
  const result = runEngine(size, preset);
  writeFileSync(resultPath, JSON.stringify(result));
}
