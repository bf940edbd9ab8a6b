/**
 * The Disputes section (SPEC §10) of the built Sidebar.html in real Chromium, with a
 * stubbed `google.script.run` answering Compute with the summary core builds for the
 * smile-cards fixture and a pending appeal (S03's appeal of Feedback row 15): the
 * section comes before the winners, states the alternative in the workbook's
 * language, and marks the winner at stake. A name written as HTML stays text.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ComputeSummary, WorkbookState } from '../../ui/bridge';
import { computeWorkbook } from '../../core/orchestrator';
import { summarizeOutcome, summaryContextFor } from '../../core/summary';
import type { Lang, RawTab } from '../../core/types';
import { fixture } from '../core/engine/helpers';

const root = join(__dirname, '..', '..');
const SIDEBAR = join(root, 'dist', 'apps-script', 'Sidebar.html');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const XSS_NAME = '<img src=x onerror=alert(1)>';

function summary(lang: Lang, rename = false): ComputeSummary {
  const tabs: RawTab[] = fixture('smile-cards').map((t) => (rename && t.name === 'Staff'
    ? { name: t.name, rows: t.rows.map((r) => (r[0] === 'S03' ? [r[0], XSS_NAME, ...r.slice(2)] : r)) }
    : t));
  tabs.push({ name: 'Appeals', rows: [['staff_id', 'tab', 'row', 'status'], ['S03', 'Feedback', 15, 'pending']] });
  const out = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang, now: '2026-10-08T09:00:00Z' });
  return summarizeOutcome(out, summaryContextFor(tabs, 'smile-cards'));
}

function state(lang: Lang): WorkbookState {
  return {
    lang, today: '2026-11-22',
    tabs: [{ name: 'Staff', kind: 'staff', rows: 12 }, { name: 'Feedback', kind: 'feedback', rows: 31 }],
    blocking: null,
    scheme: { source: 'preset', tab: null, id: 'smile-cards', name: { zh: '微笑之星', en: 'Smile Star' }, cadence: 'quarter', valid: true, problems: [] },
    presets: [{ id: 'smile-cards', name: { zh: '微笑之星', en: 'Smile Star' }, cadence: 'quarter' }],
    defaultPeriod: '2026-Q3', diagnostics: { error: 0, warning: 0, info: 0 }, topDiagnostics: [], dataCheckTab: null, finalPeriods: [],
  };
}

function stub(st: WorkbookState, answer: ComputeSummary): string {
  return `
    window.__dialogs = 0;
    window.__finalize = [];
    const impl = {
      finalize: (period, force) => {
        window.__finalize.push([period, force === true]);
        return Promise.resolve(force === true
          ? { status: 'final', message: { zh: '已强制定稿', en: 'Final as confirmed' } }
          : { status: 'refused', message: { zh: '有待处理申诉，未定稿', en: 'Pending appeals: not finalized' } });
      },
      getState: () => Promise.resolve(${JSON.stringify(st)}),
      compute: () => Promise.resolve(${JSON.stringify(answer)}),
      activateTab: () => Promise.resolve(null),
    };
    function runner(success, failure) {
      const r = { withSuccessHandler: (f) => runner(f, failure), withFailureHandler: (f) => runner(success, f) };
      for (const name of Object.keys(impl)) r[name] = (...args) => setTimeout(() => impl[name](...args).then((v) => success && success(v), (e) => failure && failure(e)), 10);
      return r;
    }
    window.google = { script: { run: runner(null, null) } };
  `;
}

let server: Server;
let base: string;
let browser: Browser;
const requests: string[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const html = readFileSync(SIDEBAR);
  server = createServer((req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(req.url === '/' ? html : undefined);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

async function computedPage(lang: Lang, answer: ComputeSummary): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 300, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', async (d) => {
    await page.evaluate(() => { (window as unknown as { __dialogs: number }).__dialogs += 1; }).catch(() => undefined);
    await d.dismiss();
  });
  await page.addInitScript({ content: stub(state(lang), answer) });
  await page.goto(base);
  await page.getByTestId('compute').click();
  await page.waitForSelector('[data-testid=result]');
  return page;
}

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
