/**
 * The Excel task-pane bridge and the worker protocol: the same outcome through a
 * message channel as on one thread, errors and progress crossing it, single-flight
 * Compute, the fallback when a worker cannot start, and a full Compute against the
 * recording fake (outputs written, inputs untouched).
 */
import { MessageChannel } from 'node:worker_threads';
import type { WorkbookHost } from '../../core/host';
import type { ComputeOutcome, ComputeRequest } from '../../core/orchestrator';
import { computeWorkbook } from '../../core/orchestrator';
import { ALREADY_RUNNING } from '../../core/summary';
import { createExcelBridge, langFromDisplayLanguage, localToday } from '../../office-addin/excel-bridge';
import { createExcelHost, ExcelHostError } from '../../office-addin/excel-host';
import {
  createWorkerEngine, inThreadEngine, runOnPort, serveWorker, type ComputeEngine, type PortLike, type WorkerLike,
} from '../../office-addin/worker-protocol';
import { FakeWorkbook } from './fake-excel';
import { HYPERLINK_NAME, smileWorkbook } from './fixture';

const REQUEST: ComputeRequest = { period: '2026-Q3', preset: 'smile-cards', now: '2026-10-08T09:00:00.000Z' };

/** Two ends of a MessageChannel as PortLike (Node's ports deliver {data}). */
function channel(): { page: PortLike & { close(): void }; worker: PortLike & { close(): void } } {
  const { port1, port2 } = new MessageChannel();
  const wrap = (port: typeof port1): PortLike & { close(): void } => {
    let handler: ((e: { data: unknown }) => void) | null = null;
    port.on('message', (data) => handler?.({ data }));
    port.unref();
    return {
      postMessage: (m) => port.postMessage(m),
      get onmessage() { return handler; },
      set onmessage(h) { handler = h; },
      close: () => port.close(),
    };
  };
  return { page: wrap(port1), worker: wrap(port2) };
}

function inputsOf(wb: FakeWorkbook): Record<string, unknown> {
  return Object.fromEntries(['Staff', 'Feedback', 'Incidents', 'Notes'].map((n) => [n, wb.tab(n)]));
}

describe('worker protocol', () => {
  test('a computation through the message channel equals the same computation on one thread', async () => {
    const viaPort = new FakeWorkbook(smileWorkbook());
    const direct = new FakeWorkbook(smileWorkbook());
    const { page, worker } = channel();
    serveWorker(worker);
    const steps: string[] = [];
    const a = await runOnPort(page, createExcelHost({ run: viaPort.run }), { ...REQUEST, onProgress: (s) => steps.push(s) });
    const b = await inThreadEngine.run(createExcelHost({ run: direct.run }), REQUEST);
    page.close();
    worker.close();
    expect(a).toEqual(b);
    expect(a.status).toBe('computed');
    expect(viaPort.names()).toEqual(direct.names());
    for (const name of viaPort.names()) expect(viaPort.tab(name)).toEqual(direct.tab(name));
    // Progress posted by runCompute in the worker reaches the page, in order.
    expect(steps[0]).toBe('read');
    expect(steps[steps.length - 1]).toBe('done');
  });

  test('a host refusal crosses the channel with its code and both messages', async () => {
    const { page, worker } = channel();
    serveWorker(worker);
    const text = { zh: '太大', en: 'too big' };
    const host: WorkbookHost = {
      listTabs: async () => ['Staff'],
      readTabs: async () => { throw new ExcelHostError('too_many_cells', text); },
      writeTabs: async () => { throw new Error('must not write'); },
    };
    const error = await runOnPort(page, host, REQUEST).catch((e) => e);
    page.close();
    worker.close();
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.code).toBe('too_many_cells');
    expect(error.text).toEqual(text);
  });

  test('a worker that cannot be created, or fails before its first call, falls back to this thread', async () => {
    const wb1 = new FakeWorkbook(smileWorkbook());
    const throwing = createWorkerEngine(() => { throw new Error('Worker blocked'); });
    const out1 = await throwing.run(createExcelHost({ run: wb1.run }), REQUEST);
    expect(out1.status).toBe('computed');

    let terminated = 0;
    const broken: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() { setTimeout(() => broken.onerror?.({ message: '404 compute-worker.js' }), 0); },
      terminate() { terminated += 1; },
    };
    const wb2 = new FakeWorkbook(smileWorkbook());
    const out2 = await createWorkerEngine(() => broken).run(createExcelHost({ run: wb2.run }), REQUEST);
    expect(out2.status).toBe('computed');
    expect(terminated).toBe(1);
    expect(wb2.names()).toEqual(wb1.names());
  });
});

describe('Excel bridge', () => {
  test('display language: zh for any Chinese locale, en otherwise', () => {
    expect(langFromDisplayLanguage('zh-CN')).toBe('zh');
    expect(langFromDisplayLanguage('zh-TW')).toBe('zh');
    expect(langFromDisplayLanguage('en-US')).toBe('en');
    expect(langFromDisplayLanguage('')).toBeNull();
    expect(localToday(new Date(2026, 9, 8, 23, 59))).toBe('2026-10-08');
  });

  test('getState: tabs and row counts from the workbook, language from Office', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const bridge = createExcelBridge({ run: wb.run, displayLanguage: () => 'zh-CN', today: () => '2026-10-08' });
    const state = await bridge.getState();
    expect(state.lang).toBe('zh');
    expect(state.today).toBe('2026-10-08');
    expect(state.tabs.map((t) => [t.name, t.rows])).toEqual([['Staff', 7], ['Feedback', 9], ['Incidents', 1]]);
    expect(state.blocking).toBeNull();
    expect(state.defaultPeriod).toBe('2026-Q3');
  });

  test('getState without a Staff tab: the blocking message, in the UI language', async () => {
    const tabs = smileWorkbook();
    delete (tabs as Record<string, unknown>).Staff;
    const bridge = createExcelBridge({ run: new FakeWorkbook(tabs).run, displayLanguage: () => 'en-US', today: () => '2026-10-08' });
    const state = await bridge.getState();
    expect(state.blocking?.en).toMatch(/Staff/);
  });

  test('getState over the cell limit rejects with the message in the UI language', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const bridge = createExcelBridge({ host: createExcelHost({ run: wb.run, maxInputCells: 10 }), displayLanguage: () => 'zh-CN' });
    await expect(bridge.getState()).rejects.toThrow(/超过 Excel 加载项一次可读取的 10 个/);
  });

  test('compute writes the outputs, leaves the inputs alone and summarises with staff names', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const before = inputsOf(wb);
    const bridge = createExcelBridge({ run: wb.run, displayLanguage: () => 'en-US', now: () => REQUEST.now });
    const summary = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(summary.status).toBe('computed');
    expect(summary.period).toBe('2026-Q3');
    expect(summary.outputs.length).toBeGreaterThan(0);
    for (const o of summary.outputs) expect(wb.names()).toContain(o.name);
    expect(wb.names().filter((n) => n.startsWith('~tmp'))).toEqual([]);
    expect(inputsOf(wb)).toEqual(before);
    // The tabs written are exactly what the engine computed for these inputs.
    const expected = computeWorkbook(Object.entries(smileWorkbook()).map(([name, rows]) => ({ name, rows })), REQUEST);
    for (const out of expected.outputs) {
      // Written as one rectangle: short rows (blank separators) are padded with empty cells.
      const width = Math.max(out.formats.length, ...out.rows.map((r) => r.length));
      const rect = out.rows.map((r) => Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? '' : r[c])));
      expect(wb.tab(out.name)).toEqual(rect);
    }
    // Text beginning with "=" anywhere in the outputs stays text.
    for (const out of expected.outputs) expect([...wb.find(out.name)!.formulas]).toEqual([]);
  });

  test('service_star winners of the worked example (S01 in group A, S04 in group B)', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const summary = await createExcelBridge({ run: wb.run, now: () => REQUEST.now }).compute({ period: '2026-Q3', preset: 'smile-cards' });
    const stars = summary.winners.filter((w) => w.award === 'service_star').map((w) => [w.staffId, w.name, w.scope]);
    expect(stars).toEqual([['S01', 'Alice', 'A'], ['S04', HYPERLINK_NAME, 'B']]);
    // Award names come from the preset, not the ids.
    expect(summary.winners[0].awardName.zh).not.toBe('service_star');
    expect(summary.winners[0].awardName.en).not.toBe('service_star');
  });

  test('statement(tab, id): the person\'s block of the Statements tab the Compute wrote, as text (issue 15)', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const bridge = createExcelBridge({ run: wb.run, displayLanguage: () => 'en-US', now: () => REQUEST.now });
    const summary = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    const tab = summary.outputs.find((o) => o.kind === 'statements')!.name;
    const text = await bridge.statement!(tab, 'S01');
    expect(text!.split('\n')[0].startsWith('Alice (S01)')).toBe(true);
    expect(text!.split('\n').length).toBeGreaterThan(1);
    await expect(bridge.statement!(tab, 'NOBODY')).resolves.toBeNull();
    await expect(bridge.statement!('No such tab', 'S01')).resolves.toBeNull();
  });

  test('a second Compute while one runs is refused and writes nothing', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const slow: ComputeEngine = {
      async run(host, request): Promise<ComputeOutcome> {
        await gate;
        return inThreadEngine.run(host, request);
      },
    };
    const bridge = createExcelBridge({ run: wb.run, engine: slow, displayLanguage: () => 'zh-CN', now: () => REQUEST.now });
    const first = bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(bridge.isRunning()).toBe(true);
    const syncsBefore = wb.syncs.length;
    const second = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(second.status).toBe('busy');
    expect(second.message).toEqual(ALREADY_RUNNING);
    expect(wb.syncs.length).toBe(syncsBefore);
    release();
    expect((await first).status).toBe('computed');
    expect(bridge.isRunning()).toBe(false);
    expect((await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' })).status).toBe('computed');
  });

  test('a failure while writing becomes a fatal summary and the old output tab survives', async () => {
    const tabs = smileWorkbook();
    const wb = new FakeWorkbook(tabs);
    const bridge = createExcelBridge({ run: wb.run, displayLanguage: () => 'en-US', now: () => REQUEST.now });
    const ok = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    const firstOut = ok.outputs[0].name;
    const kept = wb.tab(firstOut);
    wb.failWhen = (command) => command.startsWith('values:~tmp');
    const failed = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(failed.status).toBe('fatal');
    expect(failed.message?.en).toMatch(/^The computation did not finish.*injected failure/);
    expect(wb.tab(firstOut)).toEqual(kept);
    expect(wb.names().filter((n) => n.startsWith('~tmp'))).toEqual([]);
    expect(bridge.isRunning()).toBe(false);
  });

  test('activateTab brings an existing tab to the front and ignores a missing one', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const bridge = createExcelBridge({ run: wb.run });
    await bridge.activateTab('Feedback');
    expect(wb.activeSheet).toBe('Feedback');
    await bridge.activateTab('No such tab');
    expect(wb.activeSheet).toBe('Feedback');
  });
});
