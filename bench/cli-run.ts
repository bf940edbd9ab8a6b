/**
 * The command line end to end on an .xlsx: write the generated workbook with
 * exceljs's streaming writer (dates as real date cells, as an HR office's file
 * has them), then time `node bin/service-star.js compute … --out …` as a user
 * would run it — read, validate, compute, write — keeping its progress lines
 * from stderr. Peak RSS of the CLI process comes from /usr/bin/time when present.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell } from '../core/types';
import { generateWorkbook, SIZES } from './generate';
import type { SizeName } from './engine-run';

const DATE_HEADERS = new Set(['日期', '入职日期', '转正日期', '离职日期', '提交日期']);

/** Write the size's workbook to `path` (streaming). Returns the data rows written. */
export async function writeWorkbookXlsx(size: SizeName, path: string): Promise<number> {
  mkdirSync(dirname(path), { recursive: true });
  const tabs = generateWorkbook(SIZES[size]);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  let rows = 0;
  for (const tab of tabs) {
    const ws = wb.addWorksheet(tab.name);
    const dateCols = (tab.rows[0] ?? []).map((h, c) => (DATE_HEADERS.has(String(h)) ? c : -1)).filter((c) => c >= 0);
    tab.rows.forEach((row, r) => {
      const values: Cell[] = row.map((v) => (v === '' ? null : v));
      if (r > 0) {
        for (const c of dateCols) {
          const d = row[c];
          if (typeof d === 'string' && d !== '') values[c] = new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))));
        }
        rows++;
      }
      const added = ws.addRow(values);
      for (const c of dateCols) if (r > 0) added.getCell(c + 1).numFmt = 'yyyy-mm-dd';
      added.commit();
    });
    ws.commit();
  }
  await wb.commit();
  return rows;
}

export interface CliRun {
  size: SizeName;
  file: string;
  fileBytes: number;
  inputRows: number;
  writeMs: number;
  exitCode: number | null;
  /** Wall time of the CLI process, read to write: the median of `wallRuns`. */
  wallMs: number;
  /** Each timed run's wall time, in the order run (one on a run of size L). */
  wallRuns?: number[];
  maxRssMb: number | null;
  /** Progress lines the CLI printed on stderr. */
  progress: string[];
  resultBytes: number;
  command: string;
}

/** The median of the runs' times (the lower middle one of an even count: never a time no run took). */
export function medianRun(walls: number[]): number {
  return [...walls].sort((a, b) => a - b)[Math.floor((walls.length - 1) / 2)];
}

/**
 * Time the CLI on `file` (already written); `root` is the repository root. `runs`
 * timed runs, each writing a fresh `out`: the median wall time counts (one run on a
 * shared machine can be a second off either way), the largest peak RSS, the last
 * run's progress lines.
 */
export function timeCli(root: string, size: SizeName, file: string, out: string, inputRows: number, writeMs: number, runs = 3): CliRun {
  const bin = join(root, 'bin', 'service-star.js');
  const args = [bin, 'compute', file, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', out];
  // A first call builds the CLI if its bundle is stale, so the timed run never includes a build.
  spawnSync(process.execPath, [bin, '--help'], { cwd: root, encoding: 'utf8' });
  const timeFile = join(dirname(out), `time-${size}.txt`);
  const useTime = existsSync('/usr/bin/time');
  const walls: number[] = [];
  let maxRssMb: number | null = null;
  let r: SpawnSyncReturns<string> | null = null;
  for (let k = 0; k < runs; k++) {
    rmSync(out, { force: true });
    const t = performance.now();
    r = useTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, ...args], { cwd: root, encoding: 'utf8', timeout: 600_000, env: { ...process.env, LANG: 'en_US.UTF-8' } })
      : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 600_000 });
    walls.push(Math.round(performance.now() - t));
    if (useTime && existsSync(timeFile)) {
      const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
      if (Number.isFinite(kb)) maxRssMb = Math.max(maxRssMb ?? 0, Math.round(kb / 1024));
    }
    if (r.status !== 0) break;
  }
  const wallMs = medianRun(walls);
  return {
    size, file, fileBytes: statSync(file).size, inputRows, writeMs,
    exitCode: r!.status, wallMs, wallRuns: walls, maxRssMb,
    progress: (r!.stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
    resultBytes: existsSync(out) ? statSync(out).size : 0,
    command: `node bin/service-star.js ${args.slice(1).map((a) => a.startsWith(root) ? a.slice(root.length + 1) : a).join(' ')}`,
  };
}

/**
 * Time the CLI reading `file` and printing `--json` (no `--out`): whether a
 * workbook of this size can be read at all, and at what peak RSS.
 */
export function timeCliRead(root: string, size: SizeName, file: string, inputRows: number): CliRun {
  const bin = join(root, 'bin', 'service-star.js');
  const args = [bin, 'compute', file, '--period', '2026-Q3', '--preset', 'smile-cards', '--json'];
  spawnSync(process.execPath, [bin, '--help'], { cwd: root, encoding: 'utf8' });
  const timeFile = `${file}.time.txt`;
  const useTime = existsSync('/usr/bin/time');
  const env = { ...process.env, LANG: 'en_US.UTF-8', SERVICE_STAR_PROGRESS: '1' };
  const t = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', timeFile, process.execPath, ...args], { cwd: root, encoding: 'utf8', timeout: 900_000, env, maxBuffer: 512 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 900_000, env, maxBuffer: 512 * 1024 * 1024 });
  const wallMs = Math.round(performance.now() - t);
  let maxRssMb: number | null = null;
  if (useTime && existsSync(timeFile)) {
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb)) maxRssMb = Math.round(kb / 1024);
    rmSync(timeFile, { force: true });
  }
  return {
    size, file, fileBytes: statSync(file).size, inputRows, writeMs: 0,
    exitCode: r.status, wallMs, maxRssMb,
    progress: (r.stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean),
    resultBytes: 0,
    command: `node bin/service-star.js compute bench-L.xlsx --period 2026-Q3 --preset smile-cards --json`,
  };
}
