/**
 * What-if in the Excel task pane's bridge (SPEC §11, issue 17) on the recording
 * Excel fake: the data is read once and kept between previews (a second Preview
 * makes no Excel call), a preview writes nothing, Apply writes only the Scheme
 * tab, and a Compute after it pays what the preview said.
 */
import { createExcelBridge } from '../../office-addin/excel-bridge';
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
