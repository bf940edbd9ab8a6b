/**
 * Concurrency on Google Sheets (issue 9): Compute and Finalize run under the document
 * lock (LockService.getDocumentLock, tryLock 500 ms). Against the BUILT Code.js in a vm
 * with the recording fake of Apps Script (test/apps-script/fake-gas.ts):
 *  - with the lock held by another execution, Compute answers "already running" and
 *    makes no read and no write at all; Finalize likewise;
 *  - a Compute (or Finalize) started while a Compute is writing its outputs — simulated
 *    by calling the server function from inside the first run's first sheet insertion,
 *    sharing the one document lock — is refused without a single write, and the first
 *    run completes with exactly the tabs an uncontended run writes;
 *  - a Compute started while a Finalize is writing is refused the same way.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadCode, makeEnv, type CallRecord, type FakeEnv } from '../apps-script/fake-gas';
import { buildWorkbook } from '../apps-script/fixture';

const root = join(__dirname, '..', '..');

/** Every Apps Script call that changes the spreadsheet. */
const WRITES = new Set([
  'Range.setValues', 'Range.setNumberFormats', 'Range.setNumberFormat', 'Range.setFontWeight', 'Spreadsheet.insertSheet',
  'Spreadsheet.deleteSheet', 'Sheet.setName', 'Sheet.insertRowsAfter', 'Sheet.insertColumnsAfter', 'Sheet.deleteRows',
  'Sheet.deleteColumns', 'Sheet.setFrozenRows', 'Sheet.setColumnWidths',
]);
const READS = new Set(['Range.getValues', 'Sheet.getDataRange']);

type Gs = Record<string, (...args: unknown[]) => unknown>;
type Answer = { status: string; message: { en: string; zh: string } | null };

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 120000);

function setup(options: Parameters<typeof makeEnv>[0] = {}): { env: FakeEnv; gs: Gs } {
  const env = makeEnv({ locale: 'en_US', ...options });
  buildWorkbook(env.ss);
  return { env, gs: loadCode(env) };
}

/** Every sheet's name and used area (Dates by instant), in order; `clock` also blanks run times (Code.js reads the real clock). */
function dump(env: FakeEnv, clock = false): [string, unknown[][]][] {
  const time = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
  return env.ss.sheets.map((s) => [s.name, s.dump().map((r) => r.map((c) => {
    if (c instanceof Date) return c.toISOString();
    return clock && typeof c === 'string' && time.test(c) ? '<run time>' : c;
  }))]);
}

function writesIn(calls: CallRecord[]): string[] {
  return calls.filter((c) => WRITES.has(c.method)).map((c) => c.method);
}

/**
 * Run `inner` the first time the outer call inserts a sheet (its outputs are being
 * written, the lock is held); returns what inner answered and the calls it made.
 */
function during(env: FakeEnv, inner: () => unknown): { answer: () => Answer; calls: () => CallRecord[]; lockHeld: () => boolean } {
  const original = env.ss.insertSheet.bind(env.ss);
  let answer: Answer | null = null;
  let calls: CallRecord[] = [];
  let held = false;
  env.ss.insertSheet = (name: string, index?: number) => {
    if (answer === null) {
      held = env.lock.held;
      const from = env.log.calls.length;
      answer = inner() as Answer;
      calls = env.log.calls.slice(from);
    }
    return original(name, index);
  };
  return {
    answer: () => { if (!answer) throw new Error('the inner call never ran'); return answer; },
    calls: () => calls,
    lockHeld: () => held,
  };
}

const Q3 = { period: '2026-Q3', preset: 'smile-cards' };

describe('the document lock held by another execution', () => {
  test('Compute: "already running", not a read, not a write, spreadsheet unchanged', () => {
    const { env, gs } = setup({ lockHeld: true });
    const before = dump(env);
    const out = gs.compute(Q3) as Answer;
    expect(out.status).toBe('busy');
    expect(out.message!.en).toBe('Service Star is already running. Please wait for the current computation to finish.');
    expect(env.log.calls.filter((c) => c.method === 'Lock.tryLock').map((c) => c.args)).toEqual([[500]]);
    expect(writesIn(env.log.calls)).toEqual([]);
    expect(env.log.calls.filter((c) => READS.has(c.method))).toEqual([]);
    expect(dump(env)).toEqual(before);
    // It did not release a lock it never had.
    expect(env.lock.held).toBe(true);
    expect(env.lock.released).toBe(0);
  });

  test('Finalize: refused with the same message, nothing written', () => {
    const { env, gs } = setup();
    expect((gs.compute(Q3) as Answer).status).toBe('computed');
    env.lock.held = true;
    env.log.reset();
    const before = dump(env);
    const out = gs.finalize('2026-Q3') as Answer;
    expect(out.status).toBe('refused');
    expect(out.message!.en).toBe('Service Star is already running. Please wait for the current computation to finish.');
    expect(writesIn(env.log.calls)).toEqual([]);
    expect(dump(env)).toEqual(before);
  });
});

describe('a second run started while the first is writing', () => {
  test('a second Compute is refused without a write; the first completes exactly as an uncontended run', () => {
    const alone = setup();
    expect((alone.gs.compute(Q3) as Answer).status).toBe('computed');

    const { env, gs } = setup();
    const inner = during(env, () => gs.compute(Q3));
    const first = gs.compute(Q3) as Answer;
    expect(inner.lockHeld()).toBe(true);
    expect(inner.answer().status).toBe('busy');
    expect(inner.answer().message!.en).toMatch(/already running/);
    expect(inner.calls().map((c) => c.method).filter((m) => m.startsWith('Lock.'))).toEqual(['Lock.tryLock']);
    expect(writesIn(inner.calls())).toEqual([]);
    expect(first.status).toBe('computed');
    expect(dump(env, true)).toEqual(dump(alone.env, true));
    expect(env.lock).toEqual({ held: false, acquired: 1, released: 1 });
  });

  test('a Finalize started while Compute writes is refused; finalizing afterwards works', () => {
    const { env, gs } = setup();
    const inner = during(env, () => gs.finalize('2026-Q3'));
    expect((gs.compute(Q3) as Answer).status).toBe('computed');
    expect(inner.answer().status).toBe('refused');
    expect(writesIn(inner.calls())).toEqual([]);
    // The refused Finalize did not mark anything: the run is a draft until finalized.
    const runs = env.ss.byName('Runs')!.dump();
    expect(runs.slice(1).map((r) => r[(runs[0] as string[]).indexOf('Status')])).toEqual(['draft']);
    expect((gs.finalize('2026-Q3') as Answer).status).toBe('final');
  });

  test('a Compute started while Finalize writes the Runs tab is refused without a write', () => {
    const { env, gs } = setup();
    expect((gs.compute(Q3) as Answer).status).toBe('computed');
    const inner = during(env, () => gs.compute({ ...Q3, force: true }));
    const done = gs.finalize('2026-Q3') as Answer;
    expect(inner.answer().status).toBe('busy');
    expect(writesIn(inner.calls())).toEqual([]);
    expect(done.status).toBe('final');
    expect(env.lock.held).toBe(false);
  });
});
