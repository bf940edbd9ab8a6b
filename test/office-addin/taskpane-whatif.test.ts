/**
 * *Try a change* in the BUILT task pane, in Chromium (SPEC §11, issue 17): the
 * list of common edits with their values → Preview (the difference, nothing
 * written: the recording fake of Excel sees no write) → Apply (only the Scheme
 * tab is added) → Compute (the prize as previewed), on the small fixture (with a winner
 * named =HYPERLINK(…); its screenshots go to out/office-addin/ only). The README's
 * docs/whatif-en.png and whatif-zh.png are a preview on the demo data (demo-workbook.ts),
 * written to out/office-addin/ (to docs/ with OFFICE_ADDIN_SCREENSHOTS=docs).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startPane, type PaneServer } from '../security/taskpane-server';
import { demoWorkbook } from './demo-workbook';

const root = join(__dirname, '..', '..');
const SHOTS = process.env.OFFICE_ADDIN_SCREENSHOTS === 'docs' ? join(root, 'docs') : join(root, 'out', 'office-addin');
const FIXTURE_SHOTS = join(root, 'out', 'office-addin');
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
  // Hostile test data: never a README picture (those come from the demo data below).
  mkdirSync(FIXTURE_SHOTS, { recursive: true });
  await page.getByTestId('whatif').screenshot({ path: join(FIXTURE_SHOTS, shot) });

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
  const { page, preview } = await flow('en-US', 'whatif-fixture-en.png');
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
  const { page, preview } = await flow('zh-CN', 'whatif-fixture-zh.png');
  expect(preview).toContain('奖项 › 服务之星 › 每人奖金（元）：800 → 1,000');
  expect(preview).not.toMatch(/service_star|Awards|[A-Za-z]{5,}/);
  expect(await names(page)).toContain('方案');
  await page.close();
}, 120000);

test.each(['zh', 'en'] as const)('demo data %s: Preview of a prize change names the people whose amount changes, no id, one language (README screenshot)', async (lang) => {
  const workbook = demoWorkbook(lang);
  const { page, dialogs } = await pane.open(lang === 'zh' ? 'zh-CN' : 'en-US', workbook);
  await page.getByTestId('compute').waitFor({ state: 'visible', timeout: 30000 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled);
  await page.getByTestId('preset').selectOption('smile-cards');
  await page.getByTestId('period').fill('2026-Q3');
  await page.getByTestId('whatif-open').click();
  await page.getByTestId('whatif-edits').waitFor({ state: 'visible', timeout: 30000 });
  expect(await page.locator(`[data-key="${PRIZE}"]`).inputValue()).toBe('800');
  await page.locator(`[data-key="${PRIZE}"]`).fill('1000');
  await page.getByTestId('whatif-preview').click();
  await page.getByTestId('whatif-result').waitFor({ state: 'visible', timeout: 30000 });
  const preview = await page.getByTestId('whatif-result').innerText();
  // Six winners (the 回访组 tie pays both) at 200 more each; the manager bonus is a fixed amount.
  const want = lang === 'zh'
    ? ['奖项 › 服务之星 › 每人奖金（元）：800 → 1,000', '服务之星：董明（S035） 800.00 → 1,000.00', '服务之星：袁野（S036） 800.00 → 1,000.00',
      '服务之星：何雪（S017） 800.00 → 1,000.00', '合计：9,600.00 → 10,800.00（+1,200.00）', '服务之星：4,800.00 → 6,000.00']
    : ['Awards › Service Star › Amount each: 800 → 1,000', 'Service Star: 董明 (S035) 800.00 → 1,000.00', 'Service Star: 袁野 (S036) 800.00 → 1,000.00',
      'Service Star: 何雪 (S017) 800.00 → 1,000.00', 'In all: 9,600.00 → 10,800.00 (+1,200.00)', 'Service Star: 4,800.00 → 6,000.00'];
  const lines = preview.split('\n').map((l) => l.trim());
  for (const w of want) expect(lines).toContain(w);
  expect(lines.filter((l) => / 800\.00 → 1,000\.00$/.test(l))).toHaveLength(6);
  // What the user reads: no id, no formula text; zh without English, en without Chinese but the data's names.
  expect(preview).not.toMatch(/[a-z]+_[a-z_]+|HYPERLINK/);
  if (lang === 'zh') expect(preview).not.toMatch(/[A-Za-z]{2,}/);
  else expect(preview.replace(/[董袁唐赵黄何][\u4e00-\u9fff]{1,2} \(S0\d\d\)/g, '')).not.toMatch(/[\u3400-\u9fff]/);
  expect(await writes(page)).toEqual([]);
  expect(dialogs()).toBe(0);
  mkdirSync(SHOTS, { recursive: true });
  await page.getByTestId('whatif').screenshot({ path: join(SHOTS, `whatif-${lang}.png`) });
  await page.close();
}, 120000);

test('no request left the loopback interface', () => {
  expect(pane.requests.filter((u) => !u.startsWith(`${pane.base}/`))).toEqual([]);
});
