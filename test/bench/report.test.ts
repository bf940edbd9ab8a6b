/**
 * The benchmark report's own logic: reading the peak heap out of V8's
 * --trace-gc lines, and judging issue 8's targets from a run's figures.
 */
import { judge, parseTraceGc, peakBetweenForced, type BenchReport, type Target } from '../../bench/report';
import { parseOptions } from '../../bench/bench';
import { medianRun } from '../../bench/cli-run';
import type { EngineRun } from '../../bench/engine-run';
import type { HostCost } from '../../bench/hosts';
import type { HyperFormulaRun } from '../../bench/hyperformula';
import { ladderExponent, predictHyperFormulaMs } from '../../bench/hyperformula-ladder';

const TRACE = [
  '[1:0x1]       40 ms: Scavenge 12.0 (14.0) -> 9.5 (15.0) MB, 1.10 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;',
  '[1:0x1]      185 ms: Mark-Compact 56.0 (74.6) -> 46.3 (81.1) MB, 40.83 / 0.00 ms  (average mu = 1.000, current mu = 1.000) testing; GC in old space requested',
  '[1:0x1]      200 ms: Scavenge 60.2 (80.0) -> 50.1 (82.0) MB, 2.00 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;',
  '[1:0x1]      250 ms: Mark-Compact 410.5 (430.0) -> 300.0 (420.0) MB, 90.00 / 0.00 ms  (average mu = 0.5, current mu = 0.5) allocation failure; scavenge might not succeed',
  'bench: not a gc line',
  '[1:0x1]      300 ms: Mark-Compact 380.0 (420.0) -> 120.0 (200.0) MB, 60.43 / 0.00 ms  (average mu = 0.056, current mu = 0.056) testing; GC in old space requested',
  '[1:0x1]      400 ms: Scavenge 900.0 (950.0) -> 100.0 (200.0) MB, 2.00 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;',
].join('\n');

describe('trace-gc peak', () => {
  it('parses before/after heap sizes and the forced (testing) collections', () => {
    const lines = parseTraceGc(TRACE);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toEqual({ before: 12, after: 9.5, forced: false });
    expect(lines[1]).toEqual({ before: 56, after: 46.3, forced: true });
  });

  it('takes the largest heap between the two forced collections, the closing one included, nothing after', () => {
    expect(peakBetweenForced(parseTraceGc(TRACE))).toBe(410.5);
  });

  it('gives no peak when the run was not bracketed', () => {
    expect(peakBetweenForced(parseTraceGc(TRACE.split('\n').slice(0, 2).join('\n')))).toBeNull();
  });
});

function engineRun(size: 'S' | 'M' | 'L', preset: string, computeMs: number, warmMs: number, floorMs: number, totalMs = 1000): EngineRun {
  const phases = (c: number) => ({ validateMs: 100, computeMs: c, outputMs: 50, totalMs });
  return {
    size, preset, period: '2026-Q3', status: 'computed', message: null, rows: {}, totalRows: 1, generateMs: 1,
    cold: phases(computeMs), computeWarmMs: warmMs, computeRunsMs: [warmMs], rowsPerSecond: 1, heapAtPhases: {}, maxRssMb: 1,
    readDatasetMs: 1, fingerprintMs: 1, floorMs, floorRunsMs: [floorMs], winnersCheck: null, sample: {}, outputs: [], diagnostics: 0,
  };
}

function report(partial: Partial<BenchReport>): BenchReport {
  return {
    machine: { cpus: 2, cpuModel: 'x', node: 'v20', totalMemGb: 1, loadBefore: [], loadAfter: [], startedAt: '', commit: 'abc' },
    sizes: ['S', 'M', 'L'], engine: [], hosts: [], libreoffice: [], libreofficeSkipped: null, cli: null, copies: null, targets: [],
    ...partial,
  };
}

function byId(targets: Target[]): Record<string, Target> {
  return Object.fromEntries(targets.map((t) => [t.id, t]));
}

describe('judge', () => {
  it('always lists the same fourteen targets, "not measured" when a part did not run', () => {
    expect(judge(report({})).map((t) => [t.id, t.status])).toEqual([
      ['l-compute', 'not measured'], ['l-floor', 'not measured'], ['l-heap', 'not measured'], ['libreoffice', 'not measured'],
      ['host-calls', 'not measured'], ['excel-payload', 'not measured'], ['excel-taskpane', 'not measured'], ['whatif', 'not measured'], ['cli', 'not measured'],
      ['csv-floor', 'not measured'], ['start', 'not measured'], ['cli-m-4s', 'not measured'], ['cli-l-rss', 'not measured'], ['hyperformula', 'not measured'],
    ]);
  });

  it('judges the CSV command line against the floor by the median pairwise ratio, and the start-up by the first progress line (issue 14)', () => {
    const csv = (ratio: number, firstProgressMs: number, sameWinners: boolean | null = true) => byId(judge(report({
      csvCli: { rows: 1, cliMs: [1], floorMs: [1], cliMedianMs: 1, floorMedianMs: 1, ratio, firstProgressMs, firstProgressLine: 'service-star: read (0.0 s)', sameWinners, command: '' },
    })));
    expect(csv(2.4, 150)['csv-floor'].status).toBe('met');
    expect(csv(2.6, 150)['csv-floor'].status).toBe('missed');
    expect(csv(2.4, 150, false)['csv-floor'].status).toBe('missed');
    expect(csv(2.4, 150).start.status).toBe('met');
    expect(csv(2.4, 250).start.status).toBe('missed');
  });

  it('judges the Excel task pane at L by page added + worker heap ≤ 1.5 GB and a computed result (issue 19)', () => {
    const tp = (pageAddedMB: number, workerPeakMB: number) => ({
      size: 'L' as const, status: 'computed', inputRows: 1_361_008, pageBaselineMB: 200, pageBaselineCheckMB: 200, pagePeakMB: 200 + pageAddedMB, pageAddedMB,
      workerPeakMB, taskpanePeakMB: pageAddedMB + workerPeakMB, stateMs: 30_000, computeMs: 60_000, resultText: '已计算 2026-Q3', error: null,
    });
    expect(byId(judge(report({ taskpane: tp(500, 900) })))['excel-taskpane'].status).toBe('met');
    expect(byId(judge(report({ taskpane: tp(700, 900) })))['excel-taskpane'].status).toBe('missed');
    expect(byId(judge(report({ taskpane: tp(500, 900) })))['excel-taskpane'].measured).toContain('Compute to result 60.0 s');
  });

  it('judges the what-if preview on M smile-cards by its first preview (issue 17)', () => {
    const run = (firstMs: number) => ({ ...engineRun('M', 'smile-cards', 100, 100, 10), whatif: { key: 'k', value: 2, firstMs, previewMs: 100, gained: 1, lost: 0 } });
    const status = (ms: number) => byId(judge(report({ engine: [{ size: 'M', preset: 'smile-cards', run: run(ms), peakHeapMb: 50, error: null }] }))).whatif.status;
    expect(status(480)).toBe('met');
    expect(status(520)).toBe('missed');
  });

  it('meets the L compute target at 1.4 s, misses the floor ratio at 3.5× (warm), judges peak heap per preset', () => {
    const r = report({
      engine: [
        { size: 'L', preset: 'smile-cards', run: engineRun('L', 'smile-cards', 1400, 700, 200), peakHeapMb: 900, error: null },
        { size: 'L', preset: 'star-rating', run: engineRun('L', 'star-rating', 3000, 3000, 200), peakHeapMb: 1100, error: null },
      ],
    });
    const t = byId(judge(r));
    expect(t['l-compute'].status).toBe('met'); // 1400 ms ≤ 1500 ms
    expect(t['l-floor'].status).toBe('missed'); // 700 / 200 = 3.5× > 3×
    expect(t['l-heap'].status).toBe('missed'); // star-rating at 1100 MiB > 1024
    expect(t['l-heap'].measured).toContain('star-rating');
    expect(t.libreoffice.status).toBe('not measured');
  });

  it('needs the LibreOffice recalculation verified and ≥ 100× the engine total at S', () => {
    const lo = { size: 'S' as const, staff: 1, formulas: 1, templateBytes: 1, neverMs: 1000, alwaysMs: 121_000, recalcMs: 120_000, checks: [], verified: true };
    const engine = [{ size: 'S' as const, preset: 'smile-cards', run: engineRun('S', 'smile-cards', 100, 100, 10, 1000), peakHeapMb: 50, error: null }];
    const status = (l: typeof lo) => byId(judge(report({ engine, libreoffice: [l] }))).libreoffice.status;
    expect(status(lo)).toBe('met'); // 120,000 / 1,000 = 120×
    expect(status({ ...lo, recalcMs: 90_000 })).toBe('missed'); // 90×
    expect(status({ ...lo, verified: false })).toBe('missed');
  });
});

function host(size: 'S' | 'M' | 'L', sheetCalls: number, fixedSyncs: number, syncs: number, requestBytes: number, responseBytes: number): HostCost {
  return {
    size, preset: 'smile-cards', period: '2026-Q3', inputRows: 1,
    sheets: { status: 'computed', spreadsheetCalls: sheetCalls, byMethod: {}, formatDateCalls: 10, distinctDates: 10, largestReadCells: 1, largestWriteCells: 1 },
    excel: {
      status: 'computed', message: null, syncs, readSyncs: 1, writeSyncs: 1, tabsRead: 1, outputTabs: 1, fixedSyncs,
      largestRequestBytes: requestBytes, largestResponseBytes: responseBytes, largestResponseTab: 'Cases', responses: [], syncsOver4MB: 0, inputCells: 1, outputRows: 1,
    },
  };
}

describe('judge: hosts', () => {
  it('host calls are constant when Sheets calls and fixed Excel syncs agree across sizes, whatever the blocks and chunks', () => {
    const t = byId(judge(report({ hosts: [host('S', 119, 16, 17, 1, 1), host('M', 119, 16, 26, 1, 1)] })));
    expect(t['host-calls'].status).toBe('met');
    const grown = byId(judge(report({ hosts: [host('S', 119, 16, 17, 1, 1), host('M', 120, 16, 26, 1, 1)] })));
    expect(grown['host-calls'].status).toBe('missed');
  });

  it('judges Excel payloads from one size: a 4,000,000-byte response is over the limit, 3,999,999 bytes is not', () => {
    expect(byId(judge(report({ hosts: [host('S', 1, 1, 1, 3_999_999, 3_999_999)] })))['excel-payload'].status).toBe('met');
    const over = byId(judge(report({ hosts: [host('M', 1, 1, 1, 1_000, 4_000_000)] })))['excel-payload'];
    expect(over.status).toBe('missed');
    expect(over.measured).toContain('M, Cases');
  });
});

describe('parseOptions', () => {
  it('defaults to every size and the three presets, keeps S/M/L order, and refuses unknown sizes', () => {
    expect(parseOptions([]).sizes).toEqual(['S', 'M', 'L']);
    expect(parseOptions(['--sizes', 'm,s']).sizes).toEqual(['S', 'M']);
    expect(parseOptions(['--sizes=L']).sizes).toEqual(['L']);
    expect(parseOptions([]).presets).toEqual(['smile-cards', 'star-rating', 'service-star-budget']);
    expect([...parseOptions(['--skip', 'lo,cli']).skip]).toEqual(['lo', 'cli']);
    expect(() => parseOptions(['--sizes', 'XL'])).toThrow('unknown size XL');
    expect(parseOptions([]).only).toBeNull();
    expect(parseOptions(['--only', 'explain']).only).toBe('explain');
    expect(() => parseOptions(['--only', 'hosts'])).toThrow('unknown part hosts');
  });
});

describe('HyperFormula ladder (issue 14: L is out of its reach, so the ratio is measured where it can be)', () => {
  const run = (fraction: number | undefined, evaluateMs: number, engineTotalMs?: number, verified = true): HyperFormulaRun => ({
    size: 'S', ...(fraction === undefined ? {} : { fraction, engineTotalMs, feedbackRows: Math.round(50_000 * fraction) }),
    staff: 1, formulas: 1, evaluateMs, heapMb: 1, checks: [], verified,
  });

  it('predicts a size from the last two runs by the power law they show', () => {
    // ×2 rows → ×4 time (e = 2): S (×5 of 0.2) → 25 × 40 s = 1,000 s.
    expect(predictHyperFormulaMs([run(0.1, 10_000), run(0.2, 40_000)], 'S')).toBeCloseTo(1_000_000, -2);
    expect(predictHyperFormulaMs([run(0.2, 40_000)], 'S')).toBeNull();
    expect(ladderExponent([run(0.05, 2_500), run(0.1, 10_000), run(0.2, 40_000)])).toBeCloseTo(2, 6);
  });

  it('a growing ratio at or over 100× is met as a lower bound for L; a shrinking one or an unverified value is not', () => {
    const hf = (runs: HyperFormulaRun[]) => byId(judge(report({ hyperformula: runs, hyperformulaSkipped: 'S and larger not run' }))).hyperformula;
    const growing = hf([run(0.05, 5_000, 100), run(0.1, 12_000, 150), run(0.2, 40_000, 250)]);
    expect(growing.status).toBe('met');
    expect(growing.measured).toContain('S × 0.2 160×');
    expect(growing.measured).toContain('lower bound for L');
    expect(hf([run(0.05, 5_000, 100), run(0.1, 6_000, 150)]).status).toBe('not measured');
    expect(hf([run(0.05, 5_000, 10), run(0.1, 12_000, 10, false)]).status).toBe('not measured');
    expect(hf([run(0.05, 500, 100), run(0.1, 1_200, 150)]).status).toBe('not measured');
  });
});

describe('the .xlsx M end-to-end target', () => {
  const cli = (wallRuns: number[], wallMs: number) => ({
    size: 'M' as const, file: 'bench-M.xlsx', fileBytes: 1, inputRows: 420508, writeMs: 1, exitCode: 0, wallMs, wallRuns, maxRssMb: 300,
    progress: [], resultBytes: 1, command: 'node bin/service-star.js compute bench-M.xlsx',
  });

  it('is judged on the median run, and says how many runs it took the median of', () => {
    expect(medianRun([4600, 3800, 3900])).toBe(3900);
    expect(medianRun([4100, 4300, 3700, 3000])).toBe(3700);
    expect(medianRun([5000])).toBe(5000);
    const met = byId(judge(report({ cli: cli([4600, 3800, 3900], 3900) })))['cli-m-4s'];
    expect(met.status).toBe('met');
    expect(met.measured).toContain('3.9 s');
    expect(met.measured).toContain('median of 3 runs');
    expect(byId(judge(report({ cli: cli([4100, 4300, 3700], 4100) })))['cli-m-4s'].status).toBe('missed');
  });
});
