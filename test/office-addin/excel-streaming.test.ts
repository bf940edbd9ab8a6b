/**
 * Excel's largest workbooks in the task pane (issue 19): reads handed over block
 * by block (readTabsInBlocks), streamed to the compute worker so the page keeps
 * none of them (only the Staff and Scheme tabs the summary needs), `read`
 * progress from the share of rows read, and a Feedback tab of Excel's full
 * 1,048,576 rows computed through the worker protocol.
 */
import { MessageChannel } from 'node:worker_threads';
import type { ComputeRequest } from '../../core/orchestrator';
import type { Cell } from '../../core/types';
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { createExcelHost } from '../../office-addin/excel-host';
import { appendBlock, createInterner, inThreadEngine, runOnPort, serveWorker, type ComputeEngine, type PortLike } from '../../office-addin/worker-protocol';
import { FakeWorkbook, type Value } from './fake-excel';
import { serial, smileWorkbook } from './fixture';

const REQUEST: ComputeRequest = { period: '2026-Q3', preset: 'smile-cards', now: '2026-10-08T09:00:00.000Z' };

/** Two ends of a MessageChannel as PortLike, counting what the page posts by type. */
function channel(): { page: PortLike; worker: PortLike; posted: Map<string, number>; close(): void } {
  const { port1, port2 } = new MessageChannel();
  const posted = new Map<string, number>();
  const wrap = (port: typeof port1, count: boolean): PortLike => {
    let handler: ((e: { data: unknown }) => void) | null = null;
    port.on('message', (data) => handler?.({ data }));
    port.unref();
    return {
      postMessage: (m) => {
        if (count) { const t = (m as { type: string }).type; posted.set(t, (posted.get(t) ?? 0) + 1); }
        port.postMessage(m);
      },
      get onmessage() { return handler; },
      set onmessage(h) { handler = h; },
    };
  };
  return { page: wrap(port1, true), worker: wrap(port2, false), posted, close: () => { port1.close(); port2.close(); } };
}

/** A worker engine over an in-process channel (the real protocol, without a Worker). */
function channelEngine(log: { posted?: Map<string, number> } = {}): ComputeEngine {
  return {
    async run(host, request) {
      const c = channel();
      log.posted = c.posted;
      serveWorker(c.worker);
      try {
        return await runOnPort(c.page, host, request);
      } finally {
        c.close();
      }
    },
  };
}

/** The smile-cards fixture with `extra` more Feedback rows (ratings spread over Q3). */
function bigWorkbook(extra: number): Record<string, Value[][]> {
  const wb = smileWorkbook();
  const ratings = ['met', 'exceeded', 'below'];
  const day0 = serial('2026-07-01');
  const staff = ['S01', 'S02', 'S03', 'S05'];
  for (let i = 0; i < extra; i++) wb.Feedback.push([day0 + (i % 92), staff[i % 4], ratings[i % 3]]);
  return wb;
}

describe('readTabsInBlocks', () => {
  test('sizes first, then every block in order; together they are what readTabs returns', async () => {
    const wb = new FakeWorkbook({ ...bigWorkbook(30_000), Empty: [] });
    const host = createExcelHost({ run: wb.run, readMaxBytes: 100_000 });
    const events: string[] = [];
    const rows: Cell[][][] = [[], [], []];
    await host.readTabsInBlocks(['Staff', 'Feedback', 'Empty'], (t, block) => {
      events.push(`block ${t}`);
      for (const r of block) rows[t].push(r);
    }, (sizes) => events.push(`size ${sizes.join(',')}`));
    expect(events[0]).toBe(`size 8,${30_000 + 10},0`);
    expect(events.filter((e) => e === 'block 1').length).toBeGreaterThan(3);
    const whole = await createExcelHost({ run: new FakeWorkbook({ ...bigWorkbook(30_000), Empty: [] }).run, readMaxBytes: 100_000 }).readTabs(['Staff', 'Feedback', 'Empty']);
    expect(rows).toEqual(whole.map((t) => t.rows));
  });
});

describe('interning in the worker', () => {
  test('appendBlock keeps every value; long texts are not interned and the table is bounded', () => {
    const intern = createInterner();
    const out: Cell[][] = [];
    appendBlock(out, [['S01', 1, null, 'x'.repeat(100)], ['S01', 2, true, '']], intern);
    appendBlock(out, [['S01', 3, false, 'y']], intern);
    expect(out).toEqual([['S01', 1, null, 'x'.repeat(100)], ['S01', 2, true, ''], ['S01', 3, false, 'y']]);
  });
});

describe('streamed to the worker', () => {
  test('blocks cross as messages, the outcome equals one thread, read progress rises to 1', async () => {
    const viaPort = new FakeWorkbook(bigWorkbook(40_000));
    const direct = new FakeWorkbook(bigWorkbook(40_000));
    const c = channel();
    serveWorker(c.worker);
    const progress: [string, number][] = [];
    const a = await runOnPort(c.page, createExcelHost({ run: viaPort.run, readMaxBytes: 100_000 }), { ...REQUEST, onProgress: (s, f) => progress.push([s, f]) });
    c.close();
    const b = await inThreadEngine.run(createExcelHost({ run: direct.run }), REQUEST);
    expect(a).toEqual(b);
    expect(a.status).toBe('computed');
    for (const name of viaPort.names()) expect(viaPort.tab(name)).toEqual(direct.tab(name));
    expect(c.posted.get('block')).toBeGreaterThan(5);
    const reads = progress.filter(([s]) => s === 'read').map(([, f]) => f);
    expect(reads[reads.length - 1]).toBe(1);
    for (let i = 1; i < reads.length; i++) expect(reads[i]).toBeGreaterThanOrEqual(reads[i - 1] === 1 ? 0 : reads[i - 1]);
    expect(reads.filter((f) => f > 0 && f < 1).length).toBeGreaterThan(3);
  });

  test('the bridge keeps only the Staff tab on the page, and the summary still names the winners', async () => {
    // The fixture's own rows only, streamed in blocks of a few rows: Alice (S01) wins group A.
    const wb = new FakeWorkbook(smileWorkbook());
    const log: { posted?: Map<string, number> } = {};
    const bridge = createExcelBridge({ host: createExcelHost({ run: wb.run, readMaxBytes: 200, firstBlockRows: 2 }), engine: channelEngine(log), displayLanguage: () => 'en-US' });
    await bridge.getState();
    const summary = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(summary.status).toBe('computed');
    expect(log.posted!.get('block')).toBeGreaterThan(3);
    expect(summary.winners.length).toBeGreaterThan(0);
    // Names come from the Staff tab kept on the page (S01 is Alice in the fixture).
    expect(summary.winners.some((w) => w.staffId === 'S01' && w.name === 'Alice')).toBe(true);
  });
});

describe("Excel's sheet limit", () => {
  test('a Feedback tab of 1,048,576 rows is read and computed through the worker protocol', async () => {
    const rows = 1_048_576;
    const model = bigWorkbook(rows - 10); // header + 9 fixture rows + the rest
    expect(model.Feedback).toHaveLength(rows);
    const wb = new FakeWorkbook(model);
    model.Feedback = [];
    const progress: number[] = [];
    const c = channel();
    serveWorker(c.worker);
    const outcome = await runOnPort(c.page, createExcelHost({ run: wb.run }), { ...REQUEST, onProgress: (s, f) => { if (s === 'read') progress.push(f); } });
    c.close();
    expect(outcome.status).toBe('computed');
    expect(wb.names()).toContain('Ranking 2026-Q3');
    expect(wb.tab('Feedback')).toHaveLength(rows);
    expect(progress[progress.length - 1]).toBe(1);
    expect(c.posted.get('block')).toBeGreaterThan(10);
  }, 300_000);
});
