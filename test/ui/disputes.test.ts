/**
 * The Disputes section (SPEC §10) of the built Sidebar.html in real Chromium, with a
 * stubbed `google.script.run` answering Compute with the summary core builds for the
 * smile-cards fixture and a pending appeal (S03's appeal of Feedback row 15): the
 * section comes before the winners, states the alternative in the workbook's
 * language, and marks the winner at stake. A name written as HTML stays text.
 */
import type { Page } from 'playwright-core';
import type { ComputeSummary } from '../../ui/bridge';
import { SidebarHarness } from './sidebar-harness';
import { computeWorkbook } from '../../core/orchestrator';
import { summarizeOutcome, summaryContextFor } from '../../core/summary';
import type { Lang, RawTab } from '../../core/types';
import { fixture } from '../core/engine/helpers';

const XSS_NAME = '<img src=x onerror=alert(1)>';

function summary(lang: Lang, rename = false): ComputeSummary {
  const tabs: RawTab[] = fixture('smile-cards').map((t) => (rename && t.name === 'Staff'
    ? { name: t.name, rows: t.rows.map((r) => (r[0] === 'S03' ? [r[0], XSS_NAME, ...r.slice(2)] : r)) }
    : t));
  tabs.push({ name: 'Appeals', rows: [['staff_id', 'tab', 'row', 'status'], ['S03', 'Feedback', 15, 'pending']] });
  const out = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang, now: '2026-10-08T09:00:00Z' });
  return summarizeOutcome(out, summaryContextFor(tabs, 'smile-cards'));
}

const sidebar = new SidebarHarness();
const requests = sidebar.requests;
const computedPage = (lang: Lang, answer: ComputeSummary): Promise<Page> => sidebar.computedPage(lang, answer);

beforeAll(() => sidebar.start(), 120000);
afterAll(() => sidebar.stop());

describe('Disputes section in Chromium', () => {
  test('English: pending appeals first, with the alternative; the winner at stake is marked', async () => {
    const page = await computedPage('en', summary('en'));
    const items = await page.getByTestId('disputes').locator('li').allTextContents();
    expect(items).toEqual(['If the appeal is accepted, 赵敏 (S03) wins Service Star (800.00), 张伟 (S01) does not win Service StarAppeal row 2 · S03 · on Feedback row 15']);
    // The section comes before the winners.
    const order = await page.evaluate(() => [...document.querySelectorAll('h2')].map((x) => x.textContent));
    expect(order.indexOf('Pending appeals')).toBeLessThan(order.indexOf('Winners'));
    const winners = await page.getByTestId('winners').locator('li').allTextContents();
    expect(winners.filter((w) => w.includes('pending appeal'))).toEqual([expect.stringContaining('S01')]);
    await page.close();
  });

  test('Chinese: the same in Chinese, no English line', async () => {
    const page = await computedPage('zh', summary('zh'));
    const items = await page.getByTestId('disputes').locator('li').allTextContents();
    expect(items).toEqual(['申诉成立则赵敏（S03）获“服务之星” 800.00、张伟（S01）不获“服务之星”申诉第 2 行 · S03 · 针对「Feedback」第 15 行']);
    await expect(page.getByText('待处理申诉', { exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('pending-badge').textContent()).resolves.toBe('申诉待处理');
    await page.close();
  });

  test('finalize refused for pending appeals offers "Finalize anyway", which sends force', async () => {
    const page = await computedPage('en', summary('en'));
    await page.getByTestId('finalize').click();
    await page.getByTestId('finalize').click();
    await page.waitForSelector('[data-testid=finalize-force]');
    await expect(page.getByTestId('notice').textContent()).resolves.toBe('Pending appeals: not finalized');
    await page.getByTestId('finalize-force').click();
    await page.waitForFunction(() => (window as unknown as { __finalize: unknown[] }).__finalize.length === 2);
    expect(await page.evaluate(() => (window as unknown as { __finalize: unknown[] }).__finalize)).toEqual([['2026-Q3', false], ['2026-Q3', true]]);
    await expect(page.getByTestId('notice').textContent()).resolves.toBe('Final as confirmed');
    await page.close();
  });

  test('a name written as HTML is shown as text and never runs', async () => {
    const page = await computedPage('en', summary('en', true));
    await expect(page.getByTestId('disputes').textContent()).resolves.toContain(XSS_NAME);
    expect(await page.locator('img').count()).toBe(0);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __dialogs: number }).__dialogs)).toBe(0);
    expect(requests.filter((u) => !/^(http:\/\/127\.0\.0\.1:\d+\/|data:|about:)/.test(u))).toEqual([]);
    await page.close();
  });
});
