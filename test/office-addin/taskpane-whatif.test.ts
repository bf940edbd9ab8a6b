/**
 * *Try a change* in the BUILT task pane, in Chromium (SPEC §11, issue 17): the
 * list of common edits with their values → Preview (the difference, nothing
 * written: the recording fake of Excel sees no write) → Apply (only the Scheme
 * tab is added) → Compute (the prize as previewed). Screenshots of the preview
 * go to out/office-addin/ (to docs/ with OFFICE_ADDIN_SCREENSHOTS=docs).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startPane, type PaneServer } from '../security/taskpane-server';

const root = join(__dirname, '..', '..');
const SHOTS = process.env.OFFICE_ADDIN_SCREENSHOTS === 'docs' ? join(root, 'docs') : join(root, 'out', 'office-addin');
const PRIZE = 'awards.service_star.prize.amount';
const QUOTA = 'awards.service_star.quota.count';

let pane: PaneServer;

beforeAll(async () => {
  pane = await startPane('office-addin-whatif-test', join(__dirname, 'browser-stub.ts'));
}, 180000);

afterAll(async () => {
  await pane?.close();
});

type Wb = { names(): string[]; tab(n: string): unknown[][] | undefined; syncs: { commands: string[] }[] };
const names = (page: Page) => page.evaluate(() => (window as unknown as { __wb: Wb }).__wb.names());
const writes = (page: Page) => page.evaluate(() => (window as unknown as { __wb: Wb }).__wb.syncs.flatMap((s) => s.commands).filter((c) => !/^(load|resolve)/.test(c)));
const tabs = (page: Page, list: string[]) => page.evaluate((l) => l.map((n) => (window as unknown as { __wb: Wb }).__wb.tab(n)), list);

async function flow(locale: 'en-US' | 'zh-CN', shot: string): Promise<{ page: Page; preview: string; result: string }> {
  const { page, dialogs } = await pane.open(locale);
  await page.getByTestId('compute').waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled);
  const inputs = await names(page);
  const before = await tabs(page, inputs);

  await page.getByTestId('whatif-open').click();
  await page.getByTestId('whatif-edits').waitFor({ state: 'visible', timeout: 30000 });
  expect(await page.locator(`[data-key="${PRIZE}"]`).inputValue()).toBe('800');
  expect(await page.locator(`[data-key="${QUOTA}"]`).inputValue()).toBe('1');
  await page.locator(`[data-key="${PRIZE}"]`).fill('1000');
  await page.locator(`[data-key="${QUOTA}"]`).fill('2');
  await page.getByTestId('whatif-preview').click();
  await page.getByTestId('whatif-result').waitFor({ state: 'visible', timeout: 30000 });
  const preview = await page.getByTestId('whatif-result').innerText();
  // A preview writes nothing.
  expect(await writes(page)).toEqual([]);
  expect(await names(page)).toEqual(inputs);
  mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('whatif').screenshot({ path: join(SHOTS, shot) });

  await page.getByTestId('whatif-apply').click();
  await page.getByTestId('whatif-message').waitFor({ state: 'visible', timeout: 30000 });
  const after = await names(page);
  expect(after.slice(0, inputs.length)).toEqual(inputs);
  expect(after.length).toBe(inputs.length + 1);
  expect(await tabs(page, inputs)).toEqual(before);

  await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled);
  await page.getByTestId('compute').click();
  await page.getByTestId('result-message').waitFor({ state: 'visible', timeout: 30000 });
  const result = await page.locator('.ss-app').innerText();
  expect(dialogs()).toBe(0);
  return { page, preview, result };
}

test('en: Try a change → Preview (nothing written) → Apply (Scheme tab only) → Compute pays as previewed', async () => {
  const { page, preview } = await flow('en-US', 'whatif-en.png');
  expect(preview).toContain('Awards › Service Star › Amount each: 800 → 1,000');
  expect(preview).toContain('Awards › Service Star › Quota: 1 → 2');
  expect(preview).not.toMatch(/service_star|奖项/);
  const all = await names(page);
  expect(all[4]).toBe('Scheme');
  // The Bonus tab after Compute holds the previewed prize.
  const bonus = (await tabs(page, [all.find((n) => n.startsWith('Bonus'))!]))[0]!;
  expect(JSON.stringify(bonus)).toContain('1000');
  await page.close();
}, 120000);

test('zh-CN: the same flow in Chinese', async () => {
  const { page, preview } = await flow('zh-CN', 'whatif-zh.png');
  expect(preview).toContain('奖项 › 服务之星 › 每人奖金（元）：800 → 1,000');
  expect(preview).not.toMatch(/service_star|Awards|[A-Za-z]{5,}/);
  expect(await names(page)).toContain('方案');
  await page.close();
}, 120000);

test('no request left the loopback interface', () => {
  expect(pane.requests.filter((u) => !u.startsWith(`${pane.base}/`))).toEqual([]);
});
