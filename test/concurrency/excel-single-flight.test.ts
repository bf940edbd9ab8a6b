/**
 * Concurrency in the Excel task pane (issue 9): the bridge is single-flight. Against
 * the recording fake of Excel (test/office-addin/fake-excel.ts):
 *  - a Compute started while one runs is refused ("already running") and sends not a
 *    single request to Excel; the first completes with exactly the tabs of an
 *    uncontended run;
 *  - two Computes fired together (double click): one computes, one is refused;
 *  - Finalize while Compute runs, and Compute while Finalize writes, are refused the
 *    same way, without a request;
 *  - a run that fails frees the guard: the next Compute runs.
 */
import type { WorkbookHost } from '../../core/host';
import type { ComputeOutcome } from '../../core/orchestrator';
import { ALREADY_RUNNING } from '../../core/summary';
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { createExcelHost } from '../../office-addin/excel-host';
import { inThreadEngine, type ComputeEngine } from '../../office-addin/worker-protocol';
import { FakeWorkbook, type Value } from '../office-addin/fake-excel';
import { smileWorkbook } from '../office-addin/fixture';

const NOW = '2026-10-08T09:00:00.000Z';
const Q3 = { period: '2026-Q3', preset: 'smile-cards' };

function contents(wb: FakeWorkbook): [string, Value[][] | undefined][] {
  return wb.names().map((n) => [n, wb.tab(n)]);
}

/** An engine that waits for `release()` before computing (a long computation). */
function gatedEngine(): { engine: ComputeEngine; release: () => void; started: () => boolean } {
  let release: () => void = () => undefined;
  let started = false;
  const gate = new Promise<void>((r) => { release = r; });
  return {
    engine: { async run(host, request): Promise<ComputeOutcome> { started = true; await gate; return inThreadEngine.run(host, request); } },
    release: () => release(),
    started: () => started,
  };
}

async function uncontended(): Promise<[string, Value[][] | undefined][]> {
  const wb = new FakeWorkbook(smileWorkbook());
  const s = await createExcelBridge({ run: wb.run, now: () => NOW }).compute(Q3);
  expect(s.status).toBe('computed');
  return contents(wb);
}

describe('Excel single-flight', () => {
  test('a Compute started while one runs is refused, sends no request; the first completes as if alone', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const g = gatedEngine();
    const bridge = createExcelBridge({ run: wb.run, engine: g.engine, displayLanguage: () => 'en-US', now: () => NOW });
    const first = bridge.compute(Q3);
    expect(g.started()).toBe(true);
    const syncs = wb.syncs.length;
    const second = await bridge.compute(Q3);
    expect(second.status).toBe('busy');
    expect(second.message).toEqual(ALREADY_RUNNING);
    expect(second.outputs).toEqual([]);
    expect(wb.syncs.length).toBe(syncs);
    g.release();
    expect((await first).status).toBe('computed');
    expect(contents(wb)).toEqual(await uncontended());
  });

  test('two Computes fired together: exactly one computes, the other is refused; the workbook is as after one run', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const bridge = createExcelBridge({ run: wb.run, now: () => NOW });
    const answers = await Promise.all([bridge.compute(Q3), bridge.compute(Q3)]);
    expect(answers.map((a) => a.status).sort()).toEqual(['busy', 'computed']);
    expect(contents(wb)).toEqual(await uncontended());
    expect(wb.names().filter((n) => n.startsWith('~tmp'))).toEqual([]);
  });

  test('Finalize while Compute runs is refused without a request; it works once Compute is done', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const g = gatedEngine();
    const bridge = createExcelBridge({ run: wb.run, engine: g.engine, now: () => NOW });
    const first = bridge.compute(Q3);
    const syncs = wb.syncs.length;
    const refused = await bridge.finalize('2026-Q3');
    expect(refused).toEqual({ status: 'refused', message: ALREADY_RUNNING });
    expect(wb.syncs.length).toBe(syncs);
    g.release();
    expect((await first).status).toBe('computed');
    expect((await bridge.finalize('2026-Q3')).status).toBe('final');
  });

  test('Compute while Finalize is writing is refused without a request', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const excel = createExcelHost({ run: wb.run });
    let release: () => void = () => undefined;
    let writing = false;
    const gate = new Promise<void>((r) => { release = r; });
    const host: WorkbookHost = {
      listTabs: () => excel.listTabs(),
      readTabs: (names) => excel.readTabs(names),
      writeTabs: async (tabs) => {
        // Only Finalize's single Runs tab waits; Compute's outputs go straight through.
        if (tabs.length === 1 && tabs[0].kind === 'runs') { writing = true; await gate; }
        return excel.writeTabs(tabs);
      },
    };
    const bridge = createExcelBridge({ host, run: wb.run, now: () => NOW });
    expect((await bridge.compute(Q3)).status).toBe('computed');
    const finalizing = bridge.finalize('2026-Q3');
    await new Promise((r) => setTimeout(r, 0));
    for (let i = 0; i < 20 && !writing; i++) await new Promise((r) => setTimeout(r, 5));
    expect(writing).toBe(true);
    const syncs = wb.syncs.length;
    const busy = await bridge.compute({ ...Q3, force: true });
    expect(busy.status).toBe('busy');
    expect(wb.syncs.length).toBe(syncs);
    release();
    expect((await finalizing).status).toBe('final');
    expect(bridge.isRunning()).toBe(false);
  });

  test('a Compute that fails frees the guard: the next one runs', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    let fail = true;
    const flaky: ComputeEngine = {
      async run(host, request) {
        if (fail) { fail = false; throw new Error('worker crashed'); }
        return inThreadEngine.run(host, request);
      },
    };
    const bridge = createExcelBridge({ run: wb.run, engine: flaky, displayLanguage: () => 'en-US', now: () => NOW });
    const failed = await bridge.compute(Q3);
    expect(failed.status).toBe('fatal');
    expect(failed.message!.en).toBe('The computation did not finish and nothing was changed: worker crashed');
    expect(bridge.isRunning()).toBe(false);
    expect((await bridge.compute(Q3)).status).toBe('computed');
  });
});
