/**
 * What-if through the orchestrator (SPEC §11): a preview reads as Compute does
 * and writes nothing; Apply writes only the Scheme tab (created from the preset
 * when absent) and a Compute after it gives exactly what the preview said.
 */
import { runApplyEdits, runCompute, runPreview, runPreviewSync, runComputeSync } from '../../../core/orchestrator';
import type { SyncWorkbookHost, WorkbookHost } from '../../../core/host';
import type { OutputTab, RawTab } from '../../../core/types';
import { fixture } from '../engine/helpers';

class MemoryHost implements SyncWorkbookHost {
  reads: string[][] = [];
  writes: string[][] = [];
  constructor(public tabs: RawTab[]) {}
  listTabs(): string[] { return this.tabs.map((t) => t.name); }
  readTabs(names: string[]): RawTab[] {
    this.reads.push(names);
    return names.map((n) => this.tabs.find((t) => t.name === n)!);
  }
  writeTabs(tabs: OutputTab[]): void {
    this.writes.push(tabs.map((t) => t.name));
    for (const t of tabs) {
      const i = this.tabs.findIndex((x) => x.name === t.name);
      const raw = { name: t.name, rows: t.rows };
      if (i >= 0) this.tabs[i] = raw;
      else this.tabs.push(raw);
    }
  }
}
const asyncHost = (h: MemoryHost): WorkbookHost => ({
  listTabs: async () => h.listTabs(), readTabs: async (n) => h.readTabs(n), writeTabs: async (t) => h.writeTabs(t),
});

const NOW = '2026-12-31T00:00:00Z';

test.each([
  ['smile-cards', ['awards.service_star.prize.amount=1000', 'awards.service_star.quota.count=2']],
  ['weighted-quarterly', ['score.components.attitude.weight=50', 'gates.not_regular.enabled=false']],
])('%s: preview writes nothing, Apply writes only the Scheme tab, Compute after Apply equals the preview', async (preset, sets) => {
  const edits = sets.map((s) => ({ key: s.split('=')[0], value: s.split('=')[1] }));
  const host = new MemoryHost(fixture(preset));
  const before = (await runCompute(asyncHost(new MemoryHost(fixture(preset))), { period: '2026-Q3', preset, now: NOW })).result!;

  const p = await runPreview(asyncHost(host), { period: '2026-Q3', preset, edits });
  expect(p.status).toBe('previewed');
  expect(host.writes).toEqual([]);

  const names = host.listTabs();
  const applied = await runApplyEdits(asyncHost(host), { period: '2026-Q3', preset, edits });
  expect(applied.status).toBe('applied');
  expect(host.writes).toEqual([['Scheme']]);
  expect(host.listTabs()).toEqual([...names, 'Scheme']);
  // Every other tab is untouched.
  for (const t of fixture(preset)) expect(host.tabs.find((x) => x.name === t.name)).toEqual(t);

  const after = (await runCompute(asyncHost(host), { period: '2026-Q3', preset, now: NOW })).result!;
  const j = p.whatif!.json!;
  expect(j.paid).toMatchObject({ before: before.totals.paid, after: after.totals.paid });
  for (const [id, v] of Object.entries(j.paid.by_award)) expect([id, v]).toEqual([id, { before: before.totals.by_award[id] ?? 0, after: after.totals.by_award[id] ?? 0 }]);
  const key = (a: { award: string; staff_id: string }) => `${a.award}/${a.staff_id}`;
  const b = new Set(before.awards.map(key));
  const a = new Set(after.awards.map(key));
  expect(j.gained.map(key).sort()).toEqual([...a].filter((k) => !b.has(k)).sort());
  expect(j.lost.map(key).sort()).toEqual([...b].filter((k) => !a.has(k)).sort());

  // A second preview against the applied Scheme tab: nothing left to change.
  const again = runPreviewSync(host, { period: '2026-Q3', preset, edits });
  expect(again.whatif!.changes).toEqual([]);
  expect(again.whatif!.json!.paid.before).toBe(after.totals.paid);
});

test('a preview makes the host calls of a Compute, without its writes', () => {
  const a = new MemoryHost(fixture('smile-cards'));
  runComputeSync(a, { period: '2026-Q3', preset: 'smile-cards', now: NOW });
  const b = new MemoryHost(fixture('smile-cards'));
  runPreviewSync(b, { period: '2026-Q3', preset: 'smile-cards', edits: [{ key: 'awards.service_star.prize.amount', value: 1000 }] });
  expect(b.reads).toEqual(a.reads);
  expect(a.writes.length).toBe(1);
  expect(b.writes).toEqual([]);
});

test('Apply with a bad key writes nothing and says why', async () => {
  const host = new MemoryHost(fixture('smile-cards'));
  const out = await runApplyEdits(asyncHost(host), { period: '2026-Q3', preset: 'smile-cards', edits: [{ key: 'awards.nope.prize.amount', value: 1 }] });
  expect(out.status).toBe('invalid');
  expect(out.message!.en).toMatch(/nearest valid keys: awards\.service_star/);
  expect(host.writes).toEqual([]);
});
