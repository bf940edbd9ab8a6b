/**
 * *Try a change* in the built Sheets Sidebar.html, in Chromium (SPEC §11, issue 17):
 * the shared UI through the Sheets client bridge with a stubbed google.script.run
 * whose previewWhatIf / applyWhatIf answer with payloads built by the real core on
 * the smile-cards fixture. The edits the user typed are what the bridge sends; a
 * Preview shows the difference; Apply then re-reads the workbook.
 */
import type { Page } from 'playwright-core';
import { SidebarHarness, runnerScript } from './sidebar-harness';
import type { WorkbookState } from '../../ui/bridge';
import { inspectWorkbook } from '../../core/inspect';
import { previewWorkbook } from '../../core/orchestrator';
import { applyView, previewView } from '../../core/whatif/view';
import { fixture } from '../core/engine/helpers';

const PERIOD = '2026-Q3';
const PRESET = 'smile-cards';

const sidebar = new SidebarHarness();

beforeAll(() => sidebar.start(), 120000);
afterAll(() => sidebar.stop());

/** The answers of the real core on the fixture, for the stub to return. */
function answers(lang: 'zh' | 'en') {
  const tabs = fixture(PRESET);
  const state: WorkbookState = inspectWorkbook(tabs, { today: '2026-10-08', lang, preset: null }, tabs.map((t) => t.name));
  const list = previewView(previewWorkbook(tabs, { period: PERIOD, preset: PRESET, lang, edits: [] }));
  const diff = previewView(previewWorkbook(tabs, { period: PERIOD, preset: PRESET, lang, edits: [{ key: 'awards.service_star.prize.amount', value: '1000' }] }));
  const applied = applyView('applied', lang, null);
  return JSON.parse(JSON.stringify({ state: { ...state, defaultPeriod: PERIOD }, list, diff, applied })) as Record<string, unknown>;
}

/** The stub answers with the real core's payloads; compute is not part of this test. */
function stub(a: Record<string, unknown>): string {
  return `const a = ${JSON.stringify(a)};` + runnerScript(`{
      getState: () => Promise.resolve(a.state),
      compute: () => Promise.reject(new Error('not in this test')),
      activateTab: () => Promise.resolve(null),
      previewWhatIf: (args) => Promise.resolve(args.edits.length ? a.diff : a.list),
      applyWhatIf: () => Promise.resolve(a.applied),
    }`);
}

const open = (lang: 'zh' | 'en'): Promise<Page> => sidebar.open(lang, stub(answers(lang)));

const calls = (page: Page) => page.evaluate(() => (window as unknown as { __calls: { name: string; args: unknown[] }[] }).__calls);

test.each(['en', 'zh'] as const)('%s: Try a change lists values, Preview sends only the edited cells and shows the difference, Apply re-reads', async (lang) => {
  const page = await open(lang);
  await page.getByTestId('whatif-open').waitFor({ state: 'visible', timeout: 30000 });
  await page.getByTestId('whatif-open').click();
  await page.getByTestId('whatif-edits').waitFor({ state: 'visible', timeout: 30000 });
  const prize = page.locator('[data-key="awards.service_star.prize.amount"]');
  expect(await prize.inputValue()).toBe('800');
  await prize.fill('1000');
  await page.getByTestId('whatif-preview').click();
  await page.getByTestId('whatif-result').waitFor({ state: 'visible', timeout: 30000 });
  const text = await page.getByTestId('whatif-result').innerText();
  expect(text).toContain(lang === 'zh' ? '奖项 › 服务之星 › 每人奖金（元）：800 → 1,000' : 'Awards › Service Star › Amount each: 800 → 1,000');
  expect(text).not.toContain('service_star');
  const sent = (await calls(page)).filter((c) => c.name === 'previewWhatIf').map((c) => c.args[0]);
  expect(sent).toEqual([
    { period: PERIOD, preset: PRESET, edits: [] },
    { period: PERIOD, preset: PRESET, edits: [{ key: 'awards.service_star.prize.amount', value: '1000' }] },
  ]);
  await page.getByTestId('whatif-apply').click();
  await page.getByTestId('whatif-message').waitFor({ state: 'visible', timeout: 30000 });
  const after = await calls(page);
  expect(after.filter((c) => c.name === 'applyWhatIf').map((c) => c.args[0])).toEqual([sent[1]]);
  expect(after.filter((c) => c.name === 'getState').length).toBe(2);
  expect(await page.getByTestId('whatif-message').innerText()).toContain(lang === 'zh' ? '已写入“方案”表' : 'Written to the Scheme tab');
  await page.close();
}, 90000);

test('no request left the machine', () => {
  expect(sidebar.requests.filter((u) => !u.startsWith(sidebar.base))).toEqual([]);
});
