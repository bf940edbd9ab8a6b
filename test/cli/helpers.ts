/**
 * Helpers for the CLI tests: run the built command line as a child process (the
 * way a user does), temporary folders, and a one-time build guarded by a lock so
 * parallel test files never read a half-written bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'service-star.js');
export const EXAMPLES = join(ROOT, 'examples');
export const DEMO_XLSX = join(EXAMPLES, '客服中心-2026Q3.xlsx');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function newest(dir: string): number {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Build dist/cli/main.js once if it is older than the sources (under a lock shared by test workers). */
export function ensureBuilt(): void {
  const bundle = join(ROOT, 'dist', 'cli', 'main.js');
  const lock = join(ROOT, 'dist', '.cli-build-lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('CLI build lock held too long');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const stale = !existsSync(bundle) || Math.max(newest(join(ROOT, 'cli')), newest(join(ROOT, 'core'))) > statSync(bundle).mtimeMs;
    if (stale) {
      const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`CLI build failed: ${r.stderr}`);
    }
  } finally {
    rmdirSync(lock);
  }
}

/** Run `node bin/service-star.js …` with a neutral locale and a fixed clock. */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', LANG: 'C', SERVICE_STAR_PROGRESS: '0', SERVICE_STAR_NOW: '2026-10-08T09:00:00.000Z', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const created: string[] = [];
// Every test file that uses these helpers removes its temporary folders when it ends.
if (typeof afterAll === 'function') {
  afterAll(() => {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
}

/** A new temporary folder, removed after the test file. */
export function tempDir(prefix = 'ss-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Write a folder of CSV files from { name: text }. */
export function csvFolder(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The lines a refusal printed (no trailing empty line). */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

/** Deterministic pseudo-random bytes (binary garbage for refusal tests). */
export function garbageBytes(n: number, seed = 7): Buffer {
  const out = Buffer.alloc(n);
  let a = seed >>> 0;
  for (let i = 0; i < n; i++) {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    out[i] = a >>> 24;
  }
  return out;
}
