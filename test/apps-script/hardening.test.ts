/**
 * Real-host limits of Google Sheets (issue 19), on the BUILT Code.js against the
 * fake services: Apps Script's 6-minute limit (a run killed at any write step,
 * the time budget before the swap), a failing swap, flush before every lock
 * release, the 10,000,000-cell estimate, the user's active sheet, and sheet
 * names compared case-insensitively as the host does.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { FAKE_CELL_LIMIT, loadCode, makeEnv, type FakeEnv } from './fake-gas';
import { buildWorkbook } from './fixture';
import { peakCells } from '../../apps-script/adapter';
import type { OutputTab } from '../../core/types';

const root = join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 120000);

type Gs = Record<string, (...args: unknown[]) => unknown>;
type Summary = { status: string; message: { en: string; zh: string } | null };

function setup(): { env: FakeEnv; gs: Gs } {
  const env = makeEnv({ locale: 'en_US' });
  buildWorkbook(env.ss);
  return { env, gs: loadCode(env) };
}

function computeQ3(gs: Gs): Summary {
  return gs.compute({ period: '2026-Q3', preset: 'smile-cards' }) as Summary;
}

/** Sheet names and used areas (Runs and Changes hold run history, so only their presence is compared). */
function snapshot(env: FakeEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of env.ss.sheets) {
    out[s.name] = s.name === 'Runs' || s.name.startsWith('Changes ') ? 'history' : s.dump().map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : c)));
  }
  return out;
}

function leftovers(env: FakeEnv): string[] {
  return env.ss.sheets.map((s) => s.name).filter((n) => n.startsWith('~'));
}

/** Data rows of the Runs tab (one per run that reached its swap). */
function runCount(env: FakeEnv): number {
  const runs = env.ss.byName('Runs');
  return runs ? runs.dump().length - 1 : 0;
}

/** A new execution after a killed one: Apps Script releases the lock when a script ends. */
function nextExecution(env: FakeEnv): void {
  env.log.revive();
  env.log.failures.clear();
  env.lock.held = false;
  env.log.reset();
}

/** Every host call of one compute from its first write on, as (method, n-th call of that method). */
function writeSteps(prior: boolean): { method: string; nth: number }[] {
  const { env, gs } = setup();
  if (prior) computeQ3(gs);
  env.log.reset();
  expect(computeQ3(gs).status).toBe('computed');
  const counts = new Map<string, number>();
  const steps: { method: string; nth: number }[] = [];
  let writing = false;
  for (const call of env.log.calls) {
    const n = (counts.get(call.method) ?? 0) + 1;
    counts.set(call.method, n);
    if (call.method === 'Spreadsheet.insertSheet') writing = true;
    if (writing && call.method !== 'SpreadsheetApp.flush' && call.method !== 'Lock.releaseLock') steps.push({ method: call.method, nth: n });
  }
  return steps;
}

/** How many tabs a Q3 compute writes (Ranking, Bonus, Statements, Data check, Changes, Runs as of issue 15). */
const OUTPUT_TABS = (() => {
  const { env, gs } = setup();
  env.log.reset();
  computeQ3(gs);
  return env.log.count('Spreadsheet.insertSheet');
})();

describe('a run stopped by the 6-minute limit at any write step', () => {
  for (const prior of [false, true]) {
    test(`${prior ? 'replacing earlier results' : 'first run'}: the next run leaves no temporary sheet and the outputs of a clean run`, () => {
      const steps = writeSteps(prior);
      expect(steps.length).toBeGreaterThan(40);
      // Each output tab renamed into place, plus each old one renamed aside when replacing.
      const tabs = OUTPUT_TABS;
      expect(steps.filter((s) => s.method === 'Sheet.setName')).toHaveLength(prior ? 2 * tabs : tabs);
      // The outputs of a clean run, for comparison.
      const clean = setup();
      if (prior) computeQ3(clean.gs);
      computeQ3(clean.gs);
      const expected = snapshot(clean.env);

      for (const step of steps) {
        const { env, gs } = setup();
        if (prior) computeQ3(gs);
        const runsBefore = runCount(env);
        env.log.reset();
        env.log.killOn(step.method, step.nth);
        expect(() => computeQ3(gs)).toThrow(/Exceeded maximum execution time/);
        nextExecution(env);
        const summary = computeQ3(gs);
        const where = `killed at ${step.method} #${step.nth}`;
        expect([where, summary.status]).toEqual([where, 'computed']);
        expect([where, leftovers(env)]).toEqual([where, []]);
        expect([where, snapshot(env)]).toEqual([where, expected]);
        // The run history survives: earlier runs are still there, plus the last one.
        expect(runCount(env)).toBeGreaterThanOrEqual(runsBefore + 1);
      }
    }, 120000);
  }
});

describe('time budget', () => {
  test.each([1, 3, 5])('too little time left after the %i-th tab is written: a clean stop, old results kept', (nth) => {
    const { env, gs } = setup();
    computeQ3(gs);
    const before = snapshot(env);
    const order = env.ss.sheets.map((s) => s.name);
    env.log.reset();
    const t0 = 1_800_000_000_000;
    env.clock.ms = t0;
    // The n-th tab's values take the run to 20 s before Apps Script would stop it.
    env.log.on('Range.setValues', nth, () => { env.clock.ms = t0 + 6 * 60_000 - 20_000; });
    const summary = computeQ3(gs);
    expect(summary.status).toBe('fatal');
    expect(summary.message!.en).toMatch(/nothing was changed: Too little of Apps Script’s 6-minute run time/);
    expect(summary.message!.zh).toMatch(/工作表未被修改：本次运行剩余时间不足/);
    expect(summary.message!.zh).not.toMatch(/[A-Za-z]/);
    expect(env.ss.sheets.map((s) => s.name)).toEqual(order);
    expect(snapshot(env)).toEqual(before);
    // Stopped where it was: no tab after the n-th was written, nothing renamed.
    expect(env.log.count('Range.setValues')).toBe(nth);
    expect(env.log.count('Sheet.setName')).toBe(0);
    expect(env.lock.held).toBe(false);
  });

  test('enough time left: the run completes', () => {
    const { env, gs } = setup();
    const t0 = 1_800_000_000_000;
    env.clock.ms = t0;
    env.log.on('Range.setValues', 5, () => { env.clock.ms = t0 + 4 * 60_000; });
    expect(computeQ3(gs).status).toBe('computed');
  });
});

describe('a failing swap', () => {
  test('each rename of the swap failing (a protected tab) puts back every tab it had swapped', () => {
    const probe = setup();
    computeQ3(probe.gs);
    probe.env.log.reset();
    computeQ3(probe.gs);
    const renames = probe.env.log.count('Sheet.setName');
    expect(renames).toBe(2 * OUTPUT_TABS); // every output tab: old aside, new into place
    for (let k = 1; k <= renames; k++) {
      const { env, gs } = setup();
      computeQ3(gs);
      const before = snapshot(env);
      const order = env.ss.sheets.map((s) => s.name);
      env.ss.byName('Feedback')!.load([[], [], [], ['2026-07-09', 'S02', 'exceeded']]);
      const inputs = env.ss.byName('Feedback')!.dump();
      env.log.reset();
      env.log.failOn('Sheet.setName', k, 'You are trying to edit a protected cell or object.');
      const summary = computeQ3(gs);
      expect([k, summary.status]).toEqual([k, 'fatal']);
      expect(summary.message!.en).toMatch(/protected/);
      expect([k, env.ss.sheets.map((s) => s.name)]).toEqual([k, order]);
      const after = snapshot(env);
      for (const name of order) if (name !== 'Feedback') expect([k, name, after[name]]).toEqual([k, name, before[name]]);
      expect(env.ss.byName('Feedback')!.dump()).toEqual(inputs);
    }
  });

  test('a backup that cannot be deleted after the swap: results in place, removed by the next run', () => {
    const { env, gs } = setup();
    computeQ3(gs);
    env.log.reset();
    env.log.failOn('Spreadsheet.deleteSheet', 1);
    expect(computeQ3(gs).status).toBe('computed');
    expect(leftovers(env)).toEqual(['~ServiceStar old Ranking 2026-Q3']);
    expect(env.ss.byName('Ranking 2026-Q3')).toBeDefined();
    nextExecution(env);
    expect(computeQ3(gs).status).toBe('computed');
    expect(leftovers(env)).toEqual([]);
  });
});

describe('lock order', () => {
  function flushBeforeEveryRelease(env: FakeEnv): void {
    const methods = env.log.calls.map((c) => c.method);
    const releases = methods.flatMap((m, i) => (m === 'Lock.releaseLock' ? [i] : []));
    expect(releases.length).toBeGreaterThan(0);
    for (const i of releases) expect(methods[i - 1]).toBe('SpreadsheetApp.flush');
  }

  test('compute, a failing compute, finalize and insert template flush before releasing the lock', () => {
    const { env, gs } = setup();
    computeQ3(gs);
    env.log.reset();
    env.log.failOn('Range.setValues', 2);
    expect(computeQ3(gs).status).toBe('fatal');
    gs.finalize('2026-Q3');
    gs.insertTemplate('smile-cards');
    expect(env.lock.acquired).toBe(4);
    expect(env.lock.released).toBe(4);
    flushBeforeEveryRelease(env);
  });
});

describe('cell limit', () => {
  test('peakCells: old grids, written tabs at their size, the one being written at least 1000×26', () => {
    const tab = (rows: number, cols: number): OutputTab => ({ name: 't', kind: 'ranking', formats: new Array(cols).fill('text'), rows: Array.from({ length: rows }, () => new Array(cols).fill('x')) });
    expect(peakCells(100, [tab(10, 3)])).toBe(100 + 26_000);
    expect(peakCells(100, [tab(10, 3), tab(10, 3)])).toBe(100 + 30 + 26_000);
    expect(peakCells(0, [tab(5000, 30)])).toBe(150_000);
  });

  test('a spreadsheet that would pass 10,000,000 cells is refused before anything is written', () => {
    const { env, gs } = setup();
    const archive = env.ss.add('Archive', [['old']]);
    // Inputs 3 × 1000×26 + the archive leave less room than the five new sheets need.
    archive.maxCols = 26;
    archive.maxRows = Math.floor((FAKE_CELL_LIMIT - env.ss.cells() + 1000 * 26 - 20_000) / 26);
    const before = snapshot(env);
    env.log.reset();
    const summary = computeQ3(gs);
    expect(summary.status).toBe('fatal');
    expect(summary.message!.en).toMatch(/limit of 10,000,000 cells/);
    expect(summary.message!.zh).toMatch(/10,000,000 个单元格的上限/);
    expect(env.log.count('Spreadsheet.insertSheet')).toBe(0);
    expect(snapshot(env)).toEqual(before);
  });

  test('a spreadsheet with room for the new sheets computes', () => {
    const { env, gs } = setup();
    const archive = env.ss.add('Archive', [['old']]);
    archive.maxRows = Math.floor((FAKE_CELL_LIMIT - env.ss.cells() - 200_000) / 26);
    expect(computeQ3(gs).status).toBe('computed');
  });
});

describe('active sheet', () => {
  test('Compute leaves the user on the sheet they were on', () => {
    const { env, gs } = setup();
    env.ss.active = env.ss.byName('Feedback')!;
    computeQ3(gs);
    expect(env.ss.active?.name).toBe('Feedback');
  });

  test('on an output tab that is replaced: the new tab of that name', () => {
    const { env, gs } = setup();
    computeQ3(gs);
    const old = env.ss.byName('Bonus 2026-Q3')!;
    env.ss.active = old;
    computeQ3(gs);
    expect(env.ss.active?.name).toBe('Bonus 2026-Q3');
    expect(env.ss.active).not.toBe(old);
    expect(env.ss.sheets).toContain(env.ss.active);
  });
});

describe('sheet names compared regardless of case, as in Sheets', () => {
  test('the fake: getSheetByName ignores case; a name differing only in case is taken', () => {
    const { env } = setup();
    expect(env.ss.getSheetByName('feedback')?.name).toBe('Feedback');
    expect(() => env.ss.insertSheet('FEEDBACK')).toThrow(/already exists/);
    expect(() => env.ss.byName('Staff')!.setName('feedback')).toThrow(/already exists/);
  });

  test('an output tab present in other case is replaced, not duplicated', () => {
    const { env, gs } = setup();
    env.ss.add('ranking 2026-q3', [['stale']]);
    expect(computeQ3(gs).status).toBe('computed');
    const rankings = env.ss.sheets.filter((s) => s.name.toLowerCase() === 'ranking 2026-q3');
    expect(rankings.map((s) => s.name)).toEqual(['Ranking 2026-Q3']);
    expect(rankings[0].dump()[0]).not.toEqual(['stale']);
    expect(leftovers(env)).toEqual([]);
  });
});
