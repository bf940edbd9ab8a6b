/**
 * *Finalize period* in the Excel task pane's bridge (issue 9), against the recording
 * fake of Excel: compute Q3 → finalize → compute refuses and writes nothing → edit one
 * Feedback row → compute refuses naming Feedback → confirmed (force) recompute, whose
 * Changes tab shows exactly the moved award. Also: a period never computed, a bad
 * period, and a failing write.
 *
 * Worked by hand on fixture.ts (smile-cards, 2026-Q3): group A S01 (6 smile cards) wins,
 * group B S04 (2 cards) wins; S06 manages both and S07 manages S06, so S06 and S07 get
 * 400.00 per winner. Turning S04's only feedback from exceeded to below gives S04 two
 * anger cards: S05 (one met = 1 card) wins group B instead. The manager rows do not move.
 */
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { FakeWorkbook, type Value } from './fake-excel';
import { HYPERLINK_NAME, serial, smileWorkbook } from './fixture';

const T1 = '2026-10-08T09:00:00.000Z';
const T2 = '2026-10-09T10:00:00.000Z';
const T3 = '2026-10-10T11:00:00.000Z';

function bridgeAt(wb: FakeWorkbook, clock: { now: string }) {
  return createExcelBridge({ run: wb.run, displayLanguage: () => 'en-US', now: () => clock.now });
}

/** Every sheet's values, for "nothing was written" checks. */
function snapshot(wb: FakeWorkbook): Record<string, Value[][] | undefined> {
  return Object.fromEntries(wb.names().map((n) => [n, wb.tab(n)]));
}

function column(rows: Value[][], header: string): Value[] {
  const j = rows[0].indexOf(header);
  expect(j).toBeGreaterThanOrEqual(0);
  return rows.slice(1).map((r) => r[j]);
}

describe('Finalize in the Excel bridge', () => {
  test('compute → finalize → refused compute writes nothing → edit → refusal names Feedback → force → Changes shows the moved award', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const clock = { now: T1 };
    const bridge = bridgeAt(wb, clock);

    const first = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(first.status).toBe('computed');
    expect(first.winners.filter((w) => w.award === 'service_star').map((w) => w.staffId)).toEqual(['S01', 'S04']);
    expect(column(wb.tab('Runs')!, 'Status')).toEqual(['draft']);

    clock.now = T2;
    const done = await bridge.finalize('2026-Q3');
    expect(done).toEqual({ status: 'final', message: expect.objectContaining({ en: expect.stringMatching(/^Period 2026-Q3 is now final/) }) });
    expect(column(wb.tab('Runs')!, 'Status')).toEqual(['final']);
    expect(column(wb.tab('Runs')!, 'Finalized at')).toEqual(['2026-10-09 10:00']);
    // Finalizing again is not an error: it says the period is already final and writes nothing.
    const syncs = wb.syncs.length;
    const before = snapshot(wb);
    const again = await bridge.finalize('2026-Q3');
    expect(again.status).toBe('final');
    expect(again.message.en).toMatch(/already final/);
    expect(snapshot(wb)).toEqual(before);
    expect(wb.syncs.slice(syncs).flatMap((s) => s.commands).filter((c) => !/^(load|resolve)/.test(c))).toEqual([]);

    // Unchanged inputs: refused without confirmation, and not a cell is written.
    clock.now = T3;
    const refused = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(refused.status).toBe('refused');
    expect(refused.message!.en).toMatch(/2026-Q3 is final/);
    expect(snapshot(wb)).toEqual(before);

    // One Feedback row edited: the refusal names the tab that changed.
    const feedback = wb.find('Feedback')!;
    const row = feedback.values.findIndex((r) => r[1] === 'S04');
    expect(feedback.values[row]).toEqual([serial('2026-09-09'), 'S04', 'exceeded']);
    feedback.values[row][2] = 'below';
    const edited = snapshot(wb);
    const named = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(named.status).toBe('refused');
    expect(named.message!.en).toMatch(/inputs changed since: Feedback\./);
    expect(named.message!.zh).toMatch(/Feedback/);
    expect(snapshot(wb)).toEqual(edited);

    // Confirmed: recomputed; S05 replaces S04; the Changes tab lists exactly that.
    const forced = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards', force: true });
    expect(forced.status).toBe('computed');
    expect(forced.winners.filter((w) => w.award === 'service_star').map((w) => w.staffId)).toEqual(['S01', 'S05']);
    const changes = wb.tab('Changes 2026-Q3')!;
    expect(changes.slice(1).map((r) => r.slice(0, 7))).toEqual([
      ['award lost', 'S04', HYPERLINK_NAME, 'Service Star', 800, '', -800],
      ['award gained', 'S05', 'Dan', 'Service Star', '', 800, 800],
      // Why it moved (SPEC §8, issue 12): S04's Feedback row was the edit.
      ['data changed', 'S04', HYPERLINK_NAME, 'Feedback: 1 edited', '', '', ''],
    ]);
    // The period stays final: two runs, both final, the second saying why.
    const runs = wb.tab('Runs')!;
    expect(column(runs, 'Status')).toEqual(['final', 'final']);
    expect(column(runs, 'Note')[1]).toBe('final period recomputed as confirmed; changed tabs: Feedback');
    // The staff name that looks like a formula stays text in the Changes tab.
    expect([...wb.find('Changes 2026-Q3')!.formulas]).toEqual([]);
  });

  test('a period never computed is refused and no Runs tab is created', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const before = snapshot(wb);
    const out = await bridgeAt(wb, { now: T1 }).finalize('2026-Q2');
    expect(out).toEqual({ status: 'refused', message: expect.objectContaining({ en: "This workbook's Runs tab has no computation of 2026-Q2, so it cannot be finalized: compute it with the results written into this workbook (command line: compute the workbook --period 2026-Q2 --out the same workbook), then finalize" }) });
    expect(snapshot(wb)).toEqual(before);
  });

  test('a period that does not exist is fatal, nothing written', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const bridge = bridgeAt(wb, { now: T1 });
    expect((await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' })).status).toBe('computed');
    const before = snapshot(wb);
    for (const bad of ['2026-Q5', '2026-13', '']) {
      const out = await bridge.finalize(bad);
      expect(out.status).toBe('fatal');
      expect(out.message.en).toBe(`Period "${bad}" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026`);
    }
    expect(snapshot(wb)).toEqual(before);
  });

  test('a write that fails leaves the Runs tab as it was and says nothing was changed', async () => {
    const wb = new FakeWorkbook(smileWorkbook());
    const bridge = bridgeAt(wb, { now: T1 });
    expect((await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' })).status).toBe('computed');
    const before = snapshot(wb);
    wb.failWhen = (command) => command.startsWith('values:~tmp');
    const out = await bridge.finalize('2026-Q3');
    expect(out.status).toBe('fatal');
    expect(out.message.en).toMatch(/^Finalizing did not finish and nothing was changed: /);
    expect(out.message.zh).toMatch(/^定稿未完成，工作簿未被修改：/);
    expect(snapshot(wb)).toEqual(before);
    expect(bridge.isRunning()).toBe(false);
    // Once Excel answers again, finalizing works.
    wb.failWhen = null;
    expect((await bridge.finalize('2026-Q3')).status).toBe('final');
  });
});

describe('Finalize with a pending appeal (SPEC §10) in the Excel bridge', () => {
  // S04's only feedback (Feedback row 9, exceeded) under appeal: voided, S04 has no card and S05 wins group B.
  test('refused naming the appeal; forced, final with both results in the Runs note', async () => {
    const wb = new FakeWorkbook({ ...smileWorkbook(), Appeals: [['staff_id', 'tab', 'row', 'status'], ['S04', 'Feedback', 9, 'pending']] });
    const clock = { now: T1 };
    const bridge = bridgeAt(wb, clock);
    const first = await bridge.compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(first.disputes!.map((d) => d.stakes.map((s) => [s.staffId, s.ifAccepted]))).toEqual([[['S05', 'wins'], ['S04', 'loses']]]);
    clock.now = T2;
    const before = snapshot(wb);
    const refused = await bridge.finalize('2026-Q3');
    expect(refused.status).toBe('refused');
    expect(refused.message.en).toContain('appeal row 2 (S04, Feedback row 9)');
    expect(snapshot(wb)).toEqual(before);
    const forced = await bridge.finalize('2026-Q3', true);
    expect(forced.status).toBe('final');
    expect(column(wb.tab('Runs')!, 'Status')).toEqual(['final']);
    expect(String(column(wb.tab('Runs')!, 'Note')[0])).toContain('finalized with pending appeals');
  });
});
