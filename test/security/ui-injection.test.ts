/**
 * Injection in the UI (issue 9): the hostile workbook (hostile.ts) computed by the real
 * engine inside the BUILT task pane in Chromium (shared UI, Excel bridge, Web Worker,
 * recording fake of Excel behind a stand-in office.js). Names and group names written as
 * HTML or formulas appear in the result summary as text; nothing is parsed as markup,
 * no script runs, no dialog opens, and no request leaves the loopback interface.
 * (The Sheets sidebar has the same check on its side in test/ui/sidebar.test.ts.)
 */
import { join } from 'node:path';
import { startPane, type PaneServer } from './taskpane-server';
import { NAMES } from './hostile';

let pane: PaneServer;

beforeAll(async () => {
  pane = await startPane('security-taskpane', join(__dirname, 'hostile-stub.ts'));
}, 180000);

afterAll(async () => {
  await pane?.close();
});

test('HTML and formula-like names are shown as text in the result summary; no markup, no script, no dialog', async () => {
  const { page, dialogs } = await pane.open();
  const compute = page.getByTestId('compute');
  await compute.waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled);
  await compute.click();
  await page.getByTestId('winners').waitFor({ state: 'visible', timeout: 30000 });
  const winners = page.getByTestId('winners');
  // Every person of the hand-worked result, by the name as written (hostile.ts): three winners, two managers.
  for (const name of Object.values(NAMES).filter((n) => n !== NAMES.S04)) {
    await expect(winners.getByText(name, { exact: true }).first().isVisible()).resolves.toBe(true);
  }
  // Group names are user data too: "<b>B</b>" and "@C" appear in the winners' lines as text.
  const text = await winners.innerText();
  expect(text).toContain('<b>B</b>');
  expect(text).toContain('@C');
  // Nothing became markup and nothing ran.
  expect(await page.locator('#app img, #app script, #app b, #app iframe').count()).toBe(0);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs()).toBe(0);
  // The workbook behind the page: no formula anywhere.
  const formulas = await page.evaluate(() => (window as unknown as { __wb: { sheets: { formulas: Set<string> }[] } }).__wb.sheets.reduce((n, s) => n + s.formulas.size, 0));
  expect(formulas).toBe(0);
  await page.close();
}, 90000);

test('no request left the loopback interface', () => {
  expect(pane.requests.length).toBeGreaterThan(0);
  expect(pane.requests.filter((u) => !u.startsWith(`${pane.base}/`))).toEqual([]);
});
