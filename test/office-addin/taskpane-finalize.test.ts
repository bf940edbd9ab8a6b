/**
 * Finalize in the BUILT task pane, in Chromium (issue 9): the shared UI's Finalize
 * button reaches the Excel bridge's finalize, and a compute of the final period asks
 * for confirmation ("Recompute anyway") before sending force. The page runs the real
 * engine against the recording fake of Excel holding fixture.ts (browser-stub.ts),
 * served by test/security/taskpane-server.ts (no request leaves the loopback interface).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startPane, type PaneServer } from '../security/taskpane-server';

let pane: PaneServer;

beforeAll(async () => {
  pane = await startPane('office-addin-finalize-test', join(__dirname, 'browser-stub.ts'));
}, 180000);

afterAll(async () => {
  await pane?.close();
});

/** The Status column of the fake workbook's Runs tab. */
async function runStatuses(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wb = (window as unknown as { __wb: { tab(n: string): unknown[][] | undefined } }).__wb;
    const runs = wb.tab('Runs') ?? [[]];
    const j = (runs[0] as string[]).indexOf('Status');
    return runs.slice(1).map((r) => String(r[j]));
  });
}

test('compute → Finalize (two clicks) marks the run final → compute is refused → Recompute anyway computes', async () => {
  const { page } = await pane.open();
  const compute = page.getByTestId('compute');
  await compute.waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled);
  await compute.click();
  await page.getByTestId('finalize').waitFor({ state: 'visible', timeout: 30000 });
  expect(await runStatuses(page)).toEqual(['draft']);

  // The first click only asks; the workbook is untouched until the second.
  await page.getByTestId('finalize').click();
  expect(await page.getByTestId('finalize').textContent()).toBe('Confirm: finalize 2026-Q3 (recomputing it will then ask first)');
  expect(await runStatuses(page)).toEqual(['draft']);
  await page.getByTestId('finalize').click();
  await page.getByTestId('period-final').waitFor({ state: 'visible', timeout: 30000 });
  expect(await page.getByTestId('notice').textContent()).toMatch(/^Period 2026-Q3 is now final/);
  expect(await runStatuses(page)).toEqual(['final']);
  expect(await page.getByTestId('finalize').count()).toBe(0);

  // Computing the final period is refused, and nothing is written, until confirmed.
  const names = await page.evaluate(() => (window as unknown as { __wb: { names(): string[] } }).__wb.names());
  await page.getByTestId('compute').click();
  await page.getByTestId('force').waitFor({ state: 'visible', timeout: 30000 });
  expect(await page.getByTestId('result-message').textContent()).toMatch(/2026-Q3 is final/);
  expect(await runStatuses(page)).toEqual(['final']);
  await page.getByTestId('force').click();
  await page.getByTestId('winners').waitFor({ state: 'visible', timeout: 30000 });
  expect(await runStatuses(page)).toEqual(['final', 'final']);
  expect(await page.evaluate(() => (window as unknown as { __wb: { names(): string[] } }).__wb.names())).toEqual(names);
  await page.close();
}, 120000);

test('no request left the loopback interface', () => {
  expect(pane.requests.length).toBeGreaterThan(0);
  expect(pane.requests.filter((u) => !u.startsWith(`${pane.base}/`))).toEqual([]);
});
