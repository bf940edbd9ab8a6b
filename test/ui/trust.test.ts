/**
 * SPEC §8 in the built Sidebar.html in real Chromium (the task pane renders the same
 * ui/app.ts): with a stubbed `google.script.run` answering Compute with the summary
 * core builds for the demo CSV data (smile-cards, 2026-Q3) — the left-out banner
 * comes before the winners and names the people, the people nearest to winning show
 * their rank and gap, manager payments name their winner. Screenshots go to out/
 * (to docs/ with SS_SCREENSHOTS=docs: docs/sidebar-trust-zh.png, sidebar-trust-en.png).
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ComputeSummary } from '../../ui/bridge';
import { SidebarHarness, root } from './sidebar-harness';
import { computeWorkbook } from '../../core/orchestrator';
import { summarizeOutcome, summaryContextFor } from '../../core/summary';
import { parseCsvText } from '../../cli/csv-host';
import type { Lang, RawTab } from '../../core/types';

const SHOTS = process.env.SS_SCREENSHOTS === 'docs' ? join(root, 'docs') : join(root, 'out');

function demo(lang: Lang): RawTab[] {
  const dir = join(root, 'examples', lang === 'zh' ? 'csv-zh' : 'csv-en');
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => ({ name: f.replace(/\.csv$/, ''), rows: parseCsvText(readFileSync(join(dir, f), 'utf8'), f) }));
}

function summary(lang: Lang): ComputeSummary {
  const tabs = demo(lang);
  const out = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang, now: '2026-10-08T09:00:00Z' });
  return summarizeOutcome(out, summaryContextFor(tabs, 'smile-cards'));
}

const sidebar = new SidebarHarness();
const requests = sidebar.requests;
const computedPage = (lang: Lang, answer: ComputeSummary): Promise<Page> => sidebar.computedPage(lang, answer);

beforeAll(() => sidebar.start(), 120000);
afterAll(() => sidebar.stop());

describe('trust at a glance in the sidebar (Chromium)', () => {
  test('English: left-out banner first, runners-up with rank and gap, manager payments name their winner (screenshot)', async () => {
    const page = await computedPage('en', summary('en'));
    const banner = await page.getByTestId('left-out').textContent();
    expect(banner).toMatch(/^3 rows were left out, belonging to 2 people: .+ \(S006\), .+ \(S015\)\. Results may change once they are fixed\./);
    expect(banner).toContain('Feedback row 62 staff_id: staff id "S099" is not in the Staff tab; this row is left out');
    // The banner comes before the winners.
    const before = await page.evaluate(() => {
      const b = document.querySelector('[data-testid=left-out]')!;
      const w = document.querySelector('[data-testid=winners]')!;
      return Boolean(b.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(before).toBe(true);
    const runners = await page.getByTestId('runners-up').locator('li').allTextContents();
    expect(runners.length).toBeGreaterThan(0);
    // 回访组: 董明 and 袁野 tie at 25 smile cards; 蔡雯 ranks 3 with 11, 14 short.
    expect(runners).toContain('14 short (Smile cards)蔡雯Service Star · 回访组 · #3 · S039');
    const winners = await page.getByTestId('winners').locator('li').allTextContents();
    expect(winners.some((w) => w.includes('superior of 董明'))).toBe(true);
    // The tie is 董明's and 袁野's: the managers paid for them carry no tie badge of their own.
    const managerRows = winners.filter((w) => w.includes('superior of'));
    expect(managerRows.length).toBe(12); // 8 people, 12 payments: 田甜 and 萧然 are paid for both 董明 and 袁野
    const items = page.getByTestId('winners').locator('li');
    const badges = await items.evaluateAll((lis) => lis.map((li) => [li.textContent ?? '', li.querySelectorAll('.ss-badge.tie').length] as const));
    expect(badges.filter(([text, n]) => n > 0 && text.includes('superior of'))).toEqual([]);
    expect(badges.filter(([, n]) => n > 0).map(([text]) => text.includes('董明') || text.includes('袁野'))).toEqual([true, true]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'sidebar-trust-en.png'), fullPage: true });
    await page.close();
  });

  test('after a recompute on edited data: the data that changed for the person whose result moved', async () => {
    const tabs = demo('en');
    const first = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang: 'en', now: '2026-10-08T09:00:00Z' });
    const runs = first.outputs.find((t) => t.kind === 'runs')!;
    const feedback = tabs.find((t) => t.name === 'Feedback')!;
    const edited: RawTab[] = [
      ...tabs.filter((t) => t !== feedback),
      { name: 'Feedback', rows: [...feedback.rows, ...[15, 16, 17, 18, 19, 20, 21].map((d) => [`2026-07-${d}`, 'S039', 5, 'exceeded', 'x', 'phone', 'great'])] },
      { name: runs.name, rows: runs.rows },
    ];
    const second = computeWorkbook(edited, { period: '2026-Q3', preset: 'smile-cards', lang: 'en', now: '2026-10-09T09:00:00Z' });
    const page = await computedPage('en', summarizeOutcome(second, summaryContextFor(edited, 'smile-cards')));
    expect(await page.getByTestId('data-changes').locator('li').allTextContents()).toEqual(['蔡雯 S039: Feedback: 7 added']);
    await page.close();
  });

  test('Chinese: the same in Chinese (screenshot)', async () => {
    const page = await computedPage('zh', summary('zh'));
    const banner = await page.getByTestId('left-out').textContent();
    expect(banner).toMatch(/^有 3 行数据未使用，涉及 2 人：.+（S006）、.+（S015）。修正后结果可能改变。/);
    const runners = await page.getByTestId('runners-up').locator('li').allTextContents();
    expect(runners).toContain('差 14（微笑卡）蔡雯服务之星 · 回访组 · #3 · S039');
    await expect(page.getByText('最接近获奖', { exact: true }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'sidebar-trust-zh.png'), fullPage: true });
    await page.close();
  });
});
