/**
 * What-if in the Excel task pane's bridge (SPEC §11, issue 17) on the recording
 * Excel fake: the data is read once and kept between previews (a second Preview
 * makes no Excel call), a preview writes nothing, Apply writes only the Scheme
 * tab, and a Compute after it pays what the preview said.
 */
import { MessageChannel } from 'node:worker_threads';
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { serveWorker, type PortLike, type WorkerLike } from '../../office-addin/worker-protocol';
import { createWorkerPreviewer, handleWhatIfMessage } from '../../office-addin/whatif-worker';
import { FakeWorkbook } from './fake-excel';
import { smileWorkbook } from './fixture';

const ARGS = { period: '2026-Q3', preset: 'smile-cards' };
const PRIZE = [{ key: 'awards.service_star.prize.amount', value: '1000' }];
/** Commands that change the workbook (loads and their resolutions are reads). */
const writes = (wb: FakeWorkbook) => wb.syncs.flatMap((s) => s.commands).filter((c) => !/^(load|resolve)/.test(c));

test('previews read once, write nothing; Apply writes only the Scheme tab; Compute after it equals the preview', async () => {
  const wb = new FakeWorkbook(smileWorkbook());
  const bridge = createExcelBridge({ run: wb.run, now: () => '2026-10-08T09:00:00.000Z', today: () => '2026-10-08' });
  const inputs = Object.fromEntries(wb.names().map((n) => [n, wb.tab(n)]));

  const list = await bridge.previewWhatIf!({ ...ARGS, edits: [] });
  expect(list.status).toBe('previewed');
  expect(list.edits.map((e) => e.key)).toContain('awards.service_star.quota.count');
  const syncsAfterFirst = wb.syncs.length;
  const view = await bridge.previewWhatIf!({ ...ARGS, edits: PRIZE });
  const quota = await bridge.previewWhatIf!({ ...ARGS, edits: [{ key: 'awards.service_star.quota.count', value: '2' }] });
  // Kept between previews: no Excel call at all.
  expect(wb.syncs.length).toBe(syncsAfterFirst);
  expect(view.status).toBe('previewed');
  expect(quota.status).toBe('previewed');
  expect(view.json!.gained).toEqual([]);
  expect(view.sections.en[0].lines).toEqual(['Awards › Service Star › Amount each: 800 → 1,000']);
  expect(writes(wb)).toEqual([]);
  for (const [n, rows] of Object.entries(inputs)) expect(wb.tab(n)).toEqual(rows);

  const applied = await bridge.applyWhatIf!({ ...ARGS, edits: PRIZE });
  expect(applied.status).toBe('applied');
  expect(wb.names()).toEqual([...Object.keys(inputs), 'Scheme']);
  for (const [n, rows] of Object.entries(inputs)) expect(wb.tab(n)).toEqual(rows);

  const summary = await bridge.compute({ period: '2026-Q3' });
  expect(summary.status).toBe('computed');
  const again = await bridge.previewWhatIf!({ period: '2026-Q3', edits: [] });
  expect(again.json!.paid.before).toBe(view.json!.paid.after);
});

/** A WorkerLike over a MessageChannel whose other end runs the compute worker's handlers (as compute-worker.ts does). */
function channelWorker(): WorkerLike & { terminated: number } {
  const { port1, port2 } = new MessageChannel();
  const wrap = (port: typeof port1): PortLike => {
    let handler: ((e: { data: unknown }) => void) | null = null;
    port.on('message', (data) => handler?.({ data }));
    port.unref();
    return { postMessage: (m) => port.postMessage(m), get onmessage() { return handler; }, set onmessage(h) { handler = h; } };
  };
  serveWorker(wrap(port2), handleWhatIfMessage);
  const page = wrap(port1);
  const w = {
    terminated: 0,
    postMessage: (m: unknown) => page.postMessage(m),
    get onmessage() { return page.onmessage; },
    set onmessage(h) { page.onmessage = h; },
    onerror: null,
    terminate() { w.terminated++; port1.close(); },
  };
  return w;
}

test('in the what-if worker: read once through the page, kept between previews, the same difference as on one thread', async () => {
  const workers: ReturnType<typeof channelWorker>[] = [];
  const wb = new FakeWorkbook(smileWorkbook());
  const bridge = createExcelBridge({ run: wb.run, whatIfPreviewer: createWorkerPreviewer(() => { const w = channelWorker(); workers.push(w); return w; }) });
  const first = await bridge.previewWhatIf!({ ...ARGS, edits: PRIZE });
  const syncs = wb.syncs.length;
  const second = await bridge.previewWhatIf!({ ...ARGS, edits: [{ key: 'awards.service_star.quota.count', value: '2' }] });
  expect(wb.syncs.length).toBe(syncs);
  expect(workers).toHaveLength(1);
  const direct = createExcelBridge({ run: new FakeWorkbook(smileWorkbook()).run });
  expect(first).toEqual(await direct.previewWhatIf!({ ...ARGS, edits: PRIZE }));
  expect(second.status).toBe('previewed');
  expect(writes(wb)).toEqual([]);
  // Compute drops the worker and its data.
  await bridge.compute({ ...ARGS });
  expect(workers[0].terminated).toBe(1);
});

test('an edit that points a measure at a tab not read yet reads again (never a silent "no data")', async () => {
  const withAttendance = () => ({ ...smileWorkbook(), Attendance: [['month', 'staff_id', 'late'], ['2026-07', 'S02', 3]] });
  const wb = new FakeWorkbook(withAttendance());
  const bridge = createExcelBridge({ run: wb.run });
  await bridge.previewWhatIf!({ ...ARGS, edits: PRIZE });
  const syncs = wb.syncs.length;
  await bridge.previewWhatIf!({ ...ARGS, edits: [{ key: 'awards.service_star.prize.amount', value: '900' }] });
  expect(wb.syncs.length).toBe(syncs);
  const moved = [{ key: 'measures.anger_from_incidents.tab', value: 'attendance' }];
  const view = await bridge.previewWhatIf!({ ...ARGS, edits: moved });
  expect(wb.syncs.length).toBeGreaterThan(syncs);
  const fresh = await createExcelBridge({ run: new FakeWorkbook(withAttendance()).run }).previewWhatIf!({ ...ARGS, edits: moved });
  expect(view).toEqual(fresh);
  expect(view.status).toBe('previewed');
});
