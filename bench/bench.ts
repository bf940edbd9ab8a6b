/**
 * `npm run bench` (not part of `npm test`): the engine at sizes S, M, L for the
 * smile-cards, star-rating and service-star-budget presets, side by side with
 * the baselines of the same run (the single-pass floor, LibreOffice recalculating
 * a formula template, HyperFormula evaluating the same template in-process), the
 * host cost model, the CLI on an .xlsx of size M (and reading L), the CLI on a
 * 300,000-row CSV folder against a one-pass floor script, and copied-case
 * detection on 20,000 cases. Prints Markdown tables and writes out/bench.json.
 *
 *   npm run bench -- --sizes S,M        limit the sizes (default S,M,L)
 *   npm run bench -- --presets smile-cards
 *   npm run bench -- --skip lo,hf,csv,cli,hosts,copies
 *   npm run bench -- --only explain --sizes L --presets smile-cards
 *                                       only the explain part (near misses, statements,
 *                                       Statements tab on top of compute), wall and CPU time
 *
 * Each measurement runs in a child process of this same bundle (`--child …`), so
 * a size's memory never inherits another's garbage, and V8's --trace-gc output
 * of the child gives the peak heap.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { benchCopies } from './copies';
import { engineChild, explainChild, type EngineRun, type SizeName } from './engine-run';
import { hostsChild, type HostCost } from './hosts';
import { taskpaneHeap, type TaskpaneHeap } from './taskpane-heap';
import { runLibreOffice, sofficeAvailable } from './libreoffice';
import { timeCli, timeCliRead, writeWorkbookXlsx } from './cli-run';
import { timeCsvCli, writeCsvFolder } from './csv-cli';
import { runHyperFormula, type HyperFormulaRun } from './hyperformula';
import { HF_LADDER, predictHyperFormulaMs } from './hyperformula-ladder';
import { explainTable, judge, parseTraceGc, peakBetweenForced, renderReport, type BenchReport, type CopiesRun, type EngineEntry } from './report';

const ALL_SIZES: SizeName[] = ['S', 'M', 'L'];
const ALL_PRESETS = ['smile-cards', 'star-rating', 'service-star-budget'];
const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'out');
/** Scratch space outside the repository (other tools may clean out/ while the bench runs). */
let tmpDir: string | null = null;
function scratch(): string {
  tmpDir ??= mkdtempSync(join(tmpdir(), 'service-star-bench-'));
  return tmpDir;
}

interface Options {
  sizes: SizeName[];
  presets: string[];
  skip: Set<string>;
  /** Run one part alone (`explain`), or everything (null). */
  only: 'explain' | null;
}

/** @throws Error on an unknown size */
export function parseOptions(argv: string[]): Options {
  const value = (flag: string): string | undefined => {
    const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (i < 0) return undefined;
    return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  };
  const sizes = (value('--sizes') ?? ALL_SIZES.join(',')).split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);
  for (const s of sizes) if (!ALL_SIZES.includes(s as SizeName)) throw new Error(`unknown size ${s} (use S, M, L)`);
  const presets = (value('--presets') ?? ALL_PRESETS.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const skip = new Set((value('--skip') ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const only = value('--only') ?? null;
  if (only !== null && only !== 'explain') throw new Error(`unknown part ${only} (use --only explain)`);
  return { sizes: ALL_SIZES.filter((s) => sizes.includes(s)), presets, skip, only };
}

/** HEAD's short hash, with "+ local changes" when core/ has uncommitted edits (other helpers work in the same tree). */
function commitLabel(): string {
  const git = (...a: string[]) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--short', 'HEAD') || 'unknown';
  return git('status', '--porcelain', '--', 'core') ? `${head} + local changes in core/` : head;
}

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

/** Run this bundle as a child with `args`; its result is the JSON it writes to a temporary file. */
function child<T>(args: string[], nodeFlags: string[] = [], timeoutMs = 30 * 60_000): { result: T | null; stdout: string; error: string | null } {
  const file = join(scratch(), `child-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  rmSync(file, { force: true });
  const r = spawnSync(process.execPath, [...nodeFlags, __filename, '--child', ...args, '--result', file], {
    encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs,
  });
  if (r.signal === 'SIGTERM' && r.error) return { result: null, stdout: r.stdout ?? '', error: `timed out after ${Math.round(timeoutMs / 60_000)} min` };
  try {
    const result = JSON.parse(readFileSync(file, 'utf8')) as T;
    rmSync(file, { force: true });
    return { result, stdout: r.stdout ?? '', error: null };
  } catch {
    // The error's own line (not the last frames of its stack), else the last lines printed.
    const lines = (r.stderr || '').trim().split('\n').filter(Boolean);
    const why = lines.find((l) => /\b[A-Z]\w*Error\b/.test(l) && !/^\s+at /.test(l)) ?? (lines.slice(-3).join(' / ') || `exit ${r.status ?? r.signal}`);
    return { result: null, stdout: r.stdout ?? '', error: why };
  }
}

async function childMain(argv: string[]): Promise<void> {
  const kind = argv[argv.indexOf('--child') + 1];
  const arg = (flag: string) => argv[argv.indexOf(flag) + 1];
  const resultPath = arg('--result');
  if (kind === 'engine') engineChild(arg('--size') as SizeName, arg('--preset'), resultPath);
  else if (kind === 'explain') explainChild(arg('--size') as SizeName, arg('--preset'), resultPath);
  else if (kind === 'hosts') await hostsChild(arg('--size') as SizeName, resultPath);
  else if (kind === 'hyperformula') {
    const fraction = argv.includes('--fraction') ? Number(arg('--fraction')) : undefined;
    const sample = fraction === undefined ? JSON.parse(readFileSync(arg('--sample'), 'utf8')) as Record<string, Record<string, import('../core/types').Cell>> : {};
    writeFileSync(resultPath, JSON.stringify(runHyperFormula(arg('--size') as SizeName, sample, fraction)));
  } else if (kind === 'taskpane') writeFileSync(resultPath, JSON.stringify(await taskpaneHeap(arg('--size') as SizeName)));
  else if (kind === 'copies') writeFileSync(resultPath, JSON.stringify({ cases: Number(arg('--n')), ...benchCopies(Number(arg('--n'))) }));
  else if (kind === 'write-xlsx') {
    const t = performance.now();
    const rows = await writeWorkbookXlsx(arg('--size') as SizeName, arg('--path'));
    writeFileSync(resultPath, JSON.stringify({ rows, ms: Math.round(performance.now() - t) }));
  } else throw new Error(`unknown child ${kind}`);
}

/** `--only explain`: the explain part alone per size and preset, printed as the report's explain table (no out/bench.json). */
function explainOnly(opts: Options): void {
  const engine: EngineEntry[] = [];
  for (const size of opts.sizes) {
    for (const preset of opts.presets) {
      const c = child<Pick<EngineRun, 'size' | 'preset' | 'period' | 'totalRows' | 'explain'>>(['explain', '--size', size, '--preset', preset], ['--expose-gc', '--max-old-space-size=6144']);
      const x = c.result?.explain;
      log(x ? `${size} ${preset}: explain ${x.totalMs} ms wall, ${x.cpuMs} ms CPU (near misses ${x.nearMissesMs}, statements and Statements tab ${x.statementsMs})` : `${size} ${preset}: failed: ${c.error}`);
      engine.push({ size, preset, run: c.result as EngineRun | null, error: c.error, peakHeapMb: null });
    }
  }
  process.stdout.write(`${explainTable({ engine } as BenchReport)}\n`);
}

async function main(argv: string[]): Promise<void> {
  const opts = parseOptions(argv);
  if (opts.only === 'explain') return explainOnly(opts);
  mkdirSync(OUT, { recursive: true });
  const report: BenchReport = {
    machine: {
      cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', node: process.version,
      totalMemGb: Math.round(totalmem() / 1e9), loadBefore: loadavg(), loadAfter: [], startedAt: new Date().toISOString(), commit: commitLabel(),
    },
    sizes: opts.sizes, engine: [], hosts: [], libreoffice: [], libreofficeSkipped: null, hyperformula: [], hyperformulaSkipped: null,
    cli: null, cliL: null, csvCli: null, copies: null, targets: [],
  };

  for (const size of opts.sizes) {
    for (const preset of opts.presets) {
      const c = child<EngineRun>(['engine', '--size', size, '--preset', preset], ['--expose-gc', '--trace-gc']);
      const entry: EngineEntry = { size, preset, run: c.result, error: c.error, peakHeapMb: null };
      if (c.result) {
        const traced = peakBetweenForced(parseTraceGc(c.stdout));
        const sampled = Math.max(...Object.values(c.result.heapAtPhases));
        entry.peakHeapMb = Math.round(Math.max(traced ?? 0, sampled));
        const x = c.result;
        log(`${size} ${preset} ${x.period}: ${x.status}; validate ${x.cold.validateMs} ms, compute ${x.cold.computeMs} ms (warm ${x.computeWarmMs}), output ${x.cold.outputMs} ms; floor ${x.floorMs} ms; peak heap ${entry.peakHeapMb} MiB`);
      } else log(`${size} ${preset}: failed: ${c.error}`);
      report.engine.push(entry);
    }
  }

  if (!opts.skip.has('hosts')) {
    for (const size of opts.sizes) {
      const c = child<HostCost>(['hosts', '--size', size]);
      report.hosts.push(c.result ?? { size, error: c.error ?? 'failed' });
      log(c.result ? `${size} hosts: Sheets ${c.result.sheets.spreadsheetCalls} calls; Excel ${c.result.excel.status}, ${c.result.excel.syncs} syncs` : `${size} hosts: failed: ${c.error}`);
    }
  }

  if (!opts.skip.has('taskpane') && opts.sizes.includes('L')) {
    const c = child<TaskpaneHeap>(['taskpane', '--size', 'L']);
    report.taskpane = c.result ?? { error: c.error ?? 'failed' };
    log(c.result ? `L task pane: ${Math.round(c.result.taskpanePeakMB)} MB peak, ${Math.round(c.result.computeMs / 1000)} s to a result` : `L task pane: failed: ${c.error}`);
  }

  if (opts.skip.has('lo')) report.libreofficeSkipped = 'skipped (--skip lo)';
  else if (!sofficeAvailable()) report.libreofficeSkipped = 'soffice not found: LibreOffice baseline not measured';
  else if (!opts.sizes.includes('S')) report.libreofficeSkipped = 'size S not selected';
  else {
    for (const size of opts.sizes.filter((s) => s !== 'L')) {
      const sample = report.engine.find((e) => e.size === size && e.preset === 'smile-cards')?.run?.sample;
      if (!sample) { report.libreoffice.push({ size, error: 'no smile-cards engine run at this size to check against' }); continue; }
      if (size === 'M') {
        const s = report.libreoffice.find((l) => l.size === 'S');
        if (!s || 'error' in s || s.alwaysMs > 60_000) { report.libreofficeSkipped = 'size M not run: size S took over 60 s in LibreOffice (or failed)'; break; }
      }
      log(`${size} LibreOffice: writing the formula template and converting…`);
      try {
        const lo = await runLibreOffice(size, join(scratch(), `lo-${size}`), sample, 15 * 60_000);
        report.libreoffice.push(lo);
        log(`${size} LibreOffice: load+save ${lo.neverMs} ms, with recalculation ${lo.alwaysMs} ms; verified ${lo.verified}`);
      } catch (error) {
        report.libreoffice.push({ size, error: error instanceof Error ? error.message : String(error) });
        log(`${size} LibreOffice failed: ${String(error)}`);
      }
    }
  }

  if (opts.skip.has('hf')) report.hyperformulaSkipped = 'skipped (--skip hf)';
  else {
    const hfRuns: NonNullable<BenchReport['hyperformula']> = [];
    report.hyperformula = hfRuns;
    const HF_TIMEOUT = 10 * 60_000;
    // The ladder: S with every row count × k, HyperFormula and the engine on the same workbook in one child.
    // Its time grows about with staff × rows, so the sizes themselves may be out of reach; the ladder
    // measures the ratio where it can be measured and how fast it grows.
    for (const k of HF_LADDER) {
      const predicted = predictHyperFormulaMs(hfRuns.filter((h): h is HyperFormulaRun => 'evaluateMs' in h), 'S', k);
      if (predicted !== null && predicted > HF_TIMEOUT) { log(`S × ${k} HyperFormula: not run, predicted ${Math.round(predicted / 60_000)} min`); break; }
      log(`S × ${k} HyperFormula: evaluating the formula template…`);
      const c = child<HyperFormulaRun>(['hyperformula', '--size', 'S', '--fraction', String(k)], ['--max-old-space-size=6144'], HF_TIMEOUT);
      hfRuns.push(c.result ?? { size: 'S', fraction: k, error: c.error ?? 'failed' });
      log(c.result ? `S × ${k} HyperFormula: ${c.result.evaluateMs} ms, engine ${c.result.engineTotalMs} ms, verified ${c.result.verified}` : `S × ${k} HyperFormula failed: ${c.error}`);
      if (!c.result) break;
    }
    for (const size of opts.sizes) {
      const sample = report.engine.find((e) => e.size === size && e.preset === 'smile-cards')?.run?.sample;
      if (!sample) { hfRuns.push({ size, error: 'no smile-cards engine run at this size to check against' }); continue; }
      const done = hfRuns.filter((h): h is HyperFormulaRun => 'evaluateMs' in h);
      const predicted = predictHyperFormulaMs(done, size);
      if (predicted !== null && predicted > HF_TIMEOUT) {
        report.hyperformulaSkipped = `${size} and larger not run: the ladder predicts about ${Math.round(predicted / 60_000)} min for ${size} (over the ${HF_TIMEOUT / 60_000} min limit; time grows with staff × rows)`;
        break;
      }
      const sampleFile = join(scratch(), `hf-sample-${size}.json`);
      writeFileSync(sampleFile, JSON.stringify(sample));
      log(`${size} HyperFormula: evaluating the formula template…`);
      const c = child<HyperFormulaRun>(['hyperformula', '--size', size, '--sample', sampleFile], ['--max-old-space-size=6144'], HF_TIMEOUT);
      hfRuns.push(c.result ?? { size, error: c.error ?? 'failed' });
      log(c.result ? `${size} HyperFormula: ${c.result.evaluateMs} ms, verified ${c.result.verified}` : `${size} HyperFormula failed: ${c.error}`);
      if (!c.result) break;
    }
  }

  if (!opts.skip.has('csv')) {
    const dir = join(scratch(), 'csv-300k');
    log('CSV CLI: writing the 300,000-row CSV folder…');
    const rows = writeCsvFolder(dir);
    try {
      report.csvCli = await timeCsvCli(ROOT, dir, rows);
      log(`CSV CLI: ${report.csvCli.cliMedianMs} ms vs floor ${report.csvCli.floorMedianMs} ms (${report.csvCli.ratio.toFixed(2)}×); first progress line ${report.csvCli.firstProgressMs} ms`);
    } catch (error) {
      report.csvCli = { error: error instanceof Error ? error.message : String(error) };
    }
  }

  if (!opts.skip.has('cli') && opts.sizes.includes('L')) {
    const file = join(scratch(), 'bench-L.xlsx');
    log('L CLI: writing bench-L.xlsx…');
    const w = child<{ rows: number; ms: number }>(['write-xlsx', '--size', 'L', '--path', file]);
    if (w.result) {
      report.cliL = timeCliRead(ROOT, 'L', file, w.result.rows);
      log(`L CLI (--json): ${report.cliL.wallMs} ms, exit ${report.cliL.exitCode}, peak RSS ${report.cliL.maxRssMb} MiB`);
    } else report.cliL = { error: w.error ?? 'could not write the workbook' };
    rmSync(file, { force: true });
  }

  if (!opts.skip.has('cli') && opts.sizes.includes('M')) {
    const file = join(OUT, 'bench-M.xlsx');
    log('M CLI: writing out/bench-M.xlsx…');
    const w = child<{ rows: number; ms: number }>(['write-xlsx', '--size', 'M', '--path', file]);
    if (w.result) {
      report.cli = timeCli(ROOT, 'M', file, join(OUT, 'bench-M-result.xlsx'), w.result.rows, w.result.ms);
      log(`M CLI: ${report.cli.wallMs} ms, exit ${report.cli.exitCode}`);
    } else report.cli = { error: w.error ?? 'could not write the workbook' };
  }

  if (!opts.skip.has('copies')) {
    const c = child<CopiesRun>(['copies', '--n', '20000']);
    report.copies = c.result ?? { error: c.error ?? 'failed' };
    log(c.result ? `copies: 20,000 cases in ${c.result.ms} ms` : `copies failed: ${c.error}`);
  }

  report.machine.loadAfter = loadavg();
  report.targets = judge(report);
  writeFileSync(join(OUT, 'bench.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  process.stdout.write(`${renderReport(report)}\n\nWritten: out/bench.json\n`);
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const run = argv.includes('--child') ? childMain(argv) : main(argv);
  run.catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
