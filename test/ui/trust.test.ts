/**
 * SPEC §8 in the built Sidebar.html in real Chromium (the task pane renders the same
 * ui/app.ts): with a stubbed `google.script.run` answering Compute with the summary
 * core builds for the demo CSV data (smile-cards, 2026-Q3) — the left-out banner
 * comes before the winners and names the people, the people nearest to winning show
 * their rank and gap, manager payments name their winner. Screenshots go to out/
 * (to docs/ with SS_SCREENSHOTS=docs: docs/sidebar-trust-zh.png, sidebar-trust-en.png).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ComputeSummary, WorkbookState } from '../../ui/bridge';
import { computeWorkbook } from '../../core/orchestrator';
import { summarizeOutcome, summaryContextFor } from '../../core/summary';
import { parseCsvText } from '../../cli/csv-host';
import type { Lang, RawTab } from '../../core/types';

const root = join(__dirname, '..', '..');
const SIDEBAR = join(root, 'dist', 'apps-script', 'Sidebar.html');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
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
