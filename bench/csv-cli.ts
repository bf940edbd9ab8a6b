/**
 * The command line as a whole process on a CSV folder of 5,000 staff, 300,000
 * feedback and 30,000 incident rows (the size of the issue that asked for it),
 * against the one-pass floor script (bench/csv-floor.ts) on the same files:
 * run in turn, CLI then floor, five times each; the medians and the median of
 * the pairwise ratios are reported (pairing keeps the ratio fair when the shared
 * machine's speed drifts). Also the time from process start to the CLI's first
 * progress line (SERVICE_STAR_PROGRESS=1 shows every line at once).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell } from '../core/types';
import { generateWorkbook } from './generate';

export const CSV_SIZE = { staff: 5_000, feedback: 300_000, incidents: 30_000, reviews: 0, cases: 0 };
const TABS = ['员工', '客户反馈', '奖惩记录', '名额'];

function csvField(v: Cell): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write the folder (UTF-8 with BOM, CRLF, as Excel saves "CSV UTF-8"). Returns its data rows. */
export function writeCsvFolder(dir: string): number {
  mkdirSync(dir, { recursive: true });
  let rows = 0;
  for (const tab of generateWorkbook(CSV_SIZE).filter((t) => TABS.includes(t.name))) {
    writeFileSync(join(dir, `${tab.name}.csv`), `\ufeff${tab.rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`);
    rows += tab.rows.length - 1;
  }
  return rows;
}

export interface CsvCliRun {
  rows: number;
  cliMs: number[];
  floorMs: number[];
  cliMedianMs: number;
  floorMedianMs: number;
  /** Median of CLI ÷ floor taken pair by pair. */
  ratio: number;
  /** Process start → first progress line on stderr, median of the runs. */
  firstProgressMs: number;
  firstProgressLine: string;
  /** The CLI's smile-cards winners per group equal the floor's. */
  sameWinners: boolean | null;
  command: string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string; status: number | null } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 });
  return { ms: performance.now() - t, stdout: r.stdout, status: r.status };
}

/** Start → first line on stderr, and that line. */
function firstLine(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; line: string }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let got: { ms: number; line: string } | null = null;
    let buf = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => {
      if (got) return;
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) got = { ms: performance.now() - t, line: buf.slice(0, nl) };
    });
    child.on('error', reject);
    child.on('close', () => (got ? resolve(got) : reject(new Error('no progress line'))));
  });
}

/** Winners per group from the CLI's --json (the smile-cards group award), as the floor prints them. */
function cliWinners(json: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const parsed = JSON.parse(json) as { awards: { award: string; staff_id: string; scope: string }[] };
  for (const a of parsed.awards) if (a.award === 'service_star') (out[a.scope] ??= []).push(a.staff_id);
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

export async function timeCsvCli(root: string, dir: string, rows: number, runs = 5): Promise<CsvCliRun> {
  const bin = join(root, 'bin', 'service-star.js');
  const floor = join(root, 'dist', 'bench', 'csv-floor.js');
  const cliArgs = [bin, 'compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--json'];
  const env = { ...process.env, LANG: 'en_US.UTF-8' };
  spawnSync(process.execPath, [bin, '--help'], { cwd: root }); // builds a stale bundle outside the timing
  const cliMs: number[] = [];
  const floorMs: number[] = [];
  const ratios: number[] = [];
  let sameWinners: boolean | null = null;
  for (let i = 0; i < runs; i++) {
    const a = timed(process.execPath, cliArgs, env);
    const b = timed(process.execPath, [floor, dir], env);
    cliMs.push(Math.round(a.ms));
    floorMs.push(Math.round(b.ms));
    ratios.push(a.ms / b.ms);
    if (i === 0 && a.status === 0 && b.status === 0) {
      const fromFloor = (JSON.parse(b.stdout) as { winners: Record<string, string[]> }).winners;
      const norm = (o: Record<string, string[]>) => JSON.stringify(Object.entries(o).sort((x, y) => (x[0] < y[0] ? -1 : 1)));
      sameWinners = norm(cliWinners(a.stdout)) === norm(fromFloor);
    }
  }
  const firsts: { ms: number; line: string }[] = [];
  for (let i = 0; i < runs; i++) firsts.push(await firstLine(process.execPath, cliArgs, { ...env, SERVICE_STAR_PROGRESS: '1' }));
  const firstMs = median(firsts.map((f) => f.ms));
  return {
    rows, cliMs, floorMs, cliMedianMs: median(cliMs), floorMedianMs: median(floorMs), ratio: median(ratios),
    firstProgressMs: Math.round(firstMs), firstProgressLine: firsts[0]?.line ?? '', sameWinners,
    command: `node bin/service-star.js compute <folder> --period 2026-Q3 --preset smile-cards --json  vs  node dist/bench/csv-floor.js <folder>`,
  };
}
