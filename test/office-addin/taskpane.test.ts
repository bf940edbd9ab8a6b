/**
 * The built task pane in real Chromium (playwright-core, Debian's /usr/bin/chromium),
 * served over a loopback http server started here (over file:// Office.js never
 * becomes ready). The build is the production one; only the Office.js <script>
 * is pointed at a local copy:
 *   /real/   → @microsoft/office-js/dist/office.js (no Office host: the "open in Excel" page)
 *   /stub/   → test/office-addin/browser-stub.ts (an Excel host over the recording fake)
 * Every request is recorded; none may leave the loopback interface.
 * The small hand-worked fixture (fixture.ts, with a winner named =HYPERLINK(…)) pins the
 * flow and the injection guards; the README screenshots docs/taskpane-zh.png and
 * taskpane-en.png come from the demo data (demo-workbook.ts) in the same stub Excel,
 * written to out/office-addin/ (to docs/ with OFFICE_ADDIN_SCREENSHOTS=docs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Value } from './fake-excel';
import { demoWorkbook } from './demo-workbook';

const root = join(__dirname, '..', '..');
const OUT = join(root, 'out', 'office-addin-test');
const OFFICE_JS_DIR = join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
const CDN_TAG = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SHOTS = process.env.OFFICE_ADDIN_SCREENSHOTS === 'docs' ? join(root, 'docs') : join(root, 'out', 'office-addin');
const FIXTURE_SHOTS = join(root, 'out', 'office-addin');

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png', '.xml': 'application/xml' };

let server: Server;
let base: string;
let browser: Browser;
let stubJs = '';
const requests: string[] = [];

function within(dir: string, rel: string): string | null {
  const file = normalize(join(dir, rel));
  return file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile() ? file : null;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  execFileSync(process.execPath, [join(root, 'scripts', 'build-office-addin.mjs')], {
    cwd: root, stdio: 'pipe', env: { ...process.env, OFFICE_ADDIN_OUTDIR: OUT, OFFICE_ADDIN_QUIET: '1', OFFICE_ADDIN_BASE_URL: '' },
  });
  const stub = await build({ entryPoints: [join(__dirname, 'browser-stub.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent' });
  stubJs = stub.outputFiles[0].text;
  const html = readFileSync(join(OUT, 'taskpane.html'), 'utf8');
  expect(html.split(CDN_TAG).length).toBe(2); // exactly one Office.js tag, the CDN loader

  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const m = /^\/(real|stub|none|old)\/(.*)$/.exec(path);
    let body: string | Buffer | null = null;
    let file: string | null = null;
    if (m) {
      const [, mode, rel] = m;
      if (rel === 'taskpane.html') {
        const src = mode === 'real' ? 'office-js/office.js' : mode === 'stub' ? 'stub-office.js' : 'missing-office.js';
        body = html.replace(CDN_TAG, `<script src="${src}"></script>`);
        file = 'x.html';
      } else if (rel === 'taskpane.js' && mode === 'old') {
        // What an ES5-only webview makes of the bundle: a syntax error.
        body = 'let x = ;';
        file = 'x.js';
      } else if (rel === 'stub-office.js' && mode === 'stub') {
        body = stubJs;
        file = 'x.js';
      } else if (rel.startsWith('office-js/')) {
        file = within(OFFICE_JS_DIR, rel.slice('office-js/'.length));
      } else {
        file = within(OUT, rel);
      }
    }
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body ?? readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

/** Open a page; `workbook` (tab → rows) replaces the stub Excel's fixture workbook. */
async function open(path: string, locale: string, workbook?: Record<string, Value[][]>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 320, height: 560 }, locale });
  page.on('request', (r) => requests.push(r.url()));
  if (workbook) await page.addInitScript((tabs) => { (window as unknown as { __workbook: unknown }).__workbook = tabs; }, workbook);
  // Nothing may leave the machine: anything not loopback is recorded above and then aborted.
  await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
  await page.goto(`${base}${path}`);
  return page;
}

describe('task pane without an Office host', () => {
  test('with the real office.js in a plain browser it shows how to open it in Excel', async () => {
    const page = await open('/real/taskpane.html', 'en-US');
    await page.locator('#no-host').waitFor({ state: 'visible', timeout: 30_000 });
    await expect(page.locator('#app').isVisible()).resolves.toBe(false);
    const text = await page.locator('#no-host').innerText();
    expect(text).toContain('Open this in Excel');
    expect(text).toContain('请在 Excel 中打开');
    expect(text).toContain('Upload My Add-in');
    expect(requests.some((u) => u.endsWith('/real/office-js/office.js'))).toBe(true);
    await page.close();
  }, 60_000);

  test('when Office.js does not load at all it says so, in both languages', async () => {
    const page = await open('/none/taskpane.html', 'zh-CN');
    await page.locator('#no-host').waitFor({ state: 'visible', timeout: 10_000 });
    const text = await page.locator('#no-host').innerText();
    expect(text).toContain('未能加载 Office.js');
    expect(text).toContain('Office.js did not load');
    await page.close();
  });

  test('where the bundle cannot run (an old webview), the page says which Excel is needed', async () => {
    const page = await open('/old/taskpane.html', 'en-US');
    await page.locator('#unsupported').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('#unsupported').innerText()).toContain('Excel for Microsoft 365');
    await expect(page.locator('#loading').isVisible()).resolves.toBe(false);
    await page.close();
  });
});

describe('task pane in a stubbed Excel', () => {
  async function computeFlow(locale: 'en-US' | 'zh-CN'): Promise<Page> {
    const page = await open(`/stub/taskpane.html?lang=${locale}`, locale);
    const button = page.getByTestId('compute');
    await button.waitFor({ state: 'visible', timeout: 20_000 });
    await expect(page.locator('#no-host').isVisible()).resolves.toBe(false);
    await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled);
    await button.click();
    await page.getByTestId('result-message').waitFor({ state: 'visible', timeout: 30_000 });
    return page;
  }

  test('en: the shared UI reads the workbook, Compute runs in the worker and writes the output tabs', async () => {
    const page = await computeFlow('en-US');
    const data = await page.getByTestId('data').innerText();
    expect(data).toContain('Staff');
    expect(data).toContain('Feedback');
    const result = await page.getByTestId('result-message').innerText();
    expect(result).toContain('2026-Q3');
    // The fake workbook inside the page now holds the outputs; inputs are unchanged; no temp sheet is left.
    const names = await page.evaluate(() => (window as unknown as { __wb: { names(): string[] } }).__wb.names());
    expect(names.slice(0, 4)).toEqual(['Staff', 'Feedback', 'Incidents', 'Notes']);
    expect(names).toContain('Data check 2026-Q3');
    expect(names.some((n) => n.startsWith('~tmp'))).toBe(false);
    // Winners of the worked example (fixture.ts); the name "=HYPERLINK(...)" is shown as text.
    const winners = await page.getByTestId('winners').innerText();
    expect(winners).toContain('Alice');
    expect(winners).toContain('=HYPERLINK("http://x","y")');
    // ... and lands in the workbook as text, not as a formula.
    const formulas = await page.evaluate(() => {
      const wb = (window as unknown as { __wb: { sheets: { name: string; formulas: Set<string> }[] } }).__wb;
      return wb.sheets.reduce((n, s) => n + s.formulas.size, 0);
    });
    expect(formulas).toBe(0);
    expect(names).toEqual(expect.arrayContaining(['Ranking 2026-Q3', 'Bonus 2026-Q3']));
    // SPEC §8: the people nearest to winning with their rank and gap (group A: Bob 2 smile cards vs Alice 6; group B: Dan 1 vs 2).
    const runners = await page.getByTestId('runners-up').locator('li').allTextContents();
    expect(runners).toEqual(['4 short (Smile cards)BobService Star · A · #2 · S02', '1 short (Smile cards)DanService Star · B · #2 · S05']);
    const outputs = await page.getByTestId('outputs').innerText();
    for (const n of names.slice(4)) expect(outputs).toContain(n);
    // Clicking an output link activates that tab in Excel.
    await page.getByTestId('outputs').getByText('Data check 2026-Q3').click();
    await page.waitForFunction(() => (window as unknown as { __wb: { activeSheet: string } }).__wb.activeSheet === 'Data check 2026-Q3');
    expect(requests.some((u) => u.endsWith('/stub/compute-worker.js'))).toBe(true);
    // Hostile test data: never a README picture (those come from the demo data below).
    mkdirSync(FIXTURE_SHOTS, { recursive: true });
    await page.screenshot({ path: join(FIXTURE_SHOTS, 'taskpane-fixture-en.png'), fullPage: true });
    await page.close();
  }, 60_000);

  test('zh-CN: the same flow in Chinese on a Chinese workbook', async () => {
    const page = await computeFlow('zh-CN');
    expect(await page.locator('.ss-app').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByTestId('compute').innerText()).toMatch(/计算/);
    const names = await page.evaluate(() => (window as unknown as { __wb: { names(): string[] } }).__wb.names());
    expect(names).toContain('数据检查 2026-Q3');
    expect(names).toEqual(expect.arrayContaining(['排名 2026-Q3', '奖金 2026-Q3']));
    const winners = await page.getByTestId('winners').innerText();
    expect(winners).toContain('王丽娜');
    expect(winners).toContain('刘洋');
    await expect(page.getByTestId('runners-up').innerText()).resolves.toMatch(/差 \d+（微笑卡）/);
    mkdirSync(FIXTURE_SHOTS, { recursive: true });
    await page.screenshot({ path: join(FIXTURE_SHOTS, 'taskpane-fixture-zh.png'), fullPage: true });
    await page.close();
  }, 60_000);

  // The demo data (examples/csv-zh, csv-en) as Excel holds it, smile-cards 2026-Q3: its three planted
  // bad Feedback rows (an unknown staff id, 2026-09-31, "五分") must be named before the winners.
  const DEMO = {
    en: {
      banner: /^3 rows were left out, belonging to 2 people: 杨帆 \(S006\), 胡斌 \(S015\)\. Results may change once they are fixed\./,
      rows: ['Feedback row 62 staff_id: staff id "S099" is not in the Staff tab; this row is left out',
        'Feedback row 122 date: "2026-09-31" is not a valid date', 'Feedback row 182 score: "五分" is not a number; this row is left out'],
      // 回访组: 董明 and 袁野 tie at 25 smile cards; 蔡雯 ranks 3 with 11, 14 short.
      runner: '14 short (Smile cards)蔡雯Service Star · 回访组 · #3 · S039',
      // 热线一组 has two places: 赵敏 first with 41, 黄磊 second with 37.
      winners: ['800.00董明tieService Star · 回访组 · #1 · S035', '800.00黄磊Service Star · 热线一组 · #2 · S008'],
      computed: 'Computed 2026-Q3',
    },
    zh: {
      banner: /^有 3 行数据未使用，涉及 2 人：杨帆（S006）、胡斌（S015）。修正后结果可能改变。/,
      rows: ['客户反馈 第 62 行 工号：工号“S099”不在员工表中，本行未使用', '客户反馈 第 122 行 日期：“2026-09-31”不是有效日期',
        '客户反馈 第 182 行 评分：“五分”不是数字，本行未使用'],
      runner: '差 14（微笑卡）蔡雯服务之星 · 回访组 · #3 · S039',
      winners: ['800.00董明并列服务之星 · 回访组 · #1 · S035', '800.00黄磊服务之星 · 热线一组 · #2 · S008'],
      computed: '已计算 2026-Q3',
    },
  } as const;

  test.each(['zh', 'en'] as const)('demo data %s: left-out banner before the winners naming the people, runners-up with rank and gap, no id, one language (README screenshot)', async (lang) => {
    const workbook = demoWorkbook(lang);
    const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
    const page = await open(`/stub/taskpane.html?lang=${locale}`, locale, workbook);
    const button = page.getByTestId('compute');
    await button.waitFor({ state: 'visible', timeout: 20_000 });
    await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled);
    // smile-cards, 2026-Q3, whatever today is.
    await page.getByTestId('preset').selectOption('smile-cards');
    await page.getByTestId('period').fill('2026-Q3');
    await button.click();
    await page.getByTestId('result-message').waitFor({ state: 'visible', timeout: 60_000 });
    const want = DEMO[lang];
    expect(await page.getByTestId('result-message').innerText()).toBe(want.computed);

    // SPEC §8: the rows left out come first and name the people they belong to.
    const banner = await page.getByTestId('left-out').textContent();
    expect(banner).toMatch(want.banner);
    for (const row of want.rows) expect(banner).toContain(row);
    const bannerFirst = await page.evaluate(() => {
      const b = document.querySelector('[data-testid=left-out]');
      const w = document.querySelector('[data-testid=winners]');
      return Boolean(b && w && b.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(bannerFirst).toBe(true);
    const winners = await page.getByTestId('winners').innerText();
    expect(winners).toContain('董明');
    expect(winners).toContain('袁野');
    // Each winner with the rank among the eligible of the scope (the rank the Why states).
    const winnerRows = await page.getByTestId('winners').locator('li').allTextContents();
    for (const w of want.winners) expect(winnerRows).toContain(w);
    // The people nearest to winning, with their rank among the eligible and the gap in the measure's unit.
    const runners = await page.getByTestId('runners-up').locator('li').allTextContents();
    expect(runners).toContain(want.runner);
    for (const r of runners) expect(r).toMatch(/ · #\d+ · S\d{3}$/);

    // What the user reads: no snake_case id; zh without English words, en without Chinese
    // except what comes from the data (headers, the Staff tab's names, departments and groups,
    // tab names, quoted cell values).
    const outputs = await page.evaluate(() => (window as unknown as { __wb: { names(): string[] } }).__wb.names());
    const staff = Object.values(workbook)[Object.keys(workbook).indexOf(lang === 'zh' ? '员工' : 'Staff')];
    const dataNames = [...Object.values(workbook).flatMap((rows) => rows[0].map(String)), ...staff.flatMap((r) => r.map(String)), ...outputs]
      .filter((n) => n.length > 1);
    let rest = await page.locator('body').innerText();
    rest = rest.replace(/“[^”]*”|"[^"]*"/g, ' ');
    for (const n of [...new Set(dataNames)].sort((a, b) => b.length - a.length)) rest = rest.split(n).join(' ');
    expect(rest.match(/[a-z]+_[a-z_]+/g) ?? []).toEqual([]);
    // zh: the language toggle "EN" and the ITSM preset's own name are the only Latin words.
    if (lang === 'zh') expect(rest.replace(/ITSM/g, '').match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
    // en: the language toggle "中文" is the only Chinese.
    else expect(rest.replace(/中文/g, '').match(/[\u3400-\u9fff]+/g) ?? []).toEqual([]);

    // Input tabs untouched by the run.
    const inputs = Object.keys(workbook);
    expect(outputs.slice(0, inputs.length)).toEqual(inputs);
    const after = await page.evaluate((l) => l.map((n) => (window as unknown as { __wb: { tab(n: string): unknown[][] | undefined } }).__wb.tab(n)), inputs);
    expect(after).toEqual(inputs.map((n) => workbook[n]));

    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `taskpane-${lang}.png`), fullPage: true });
    await page.close();
  }, 120_000);

  test('no request left the loopback interface', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
  });
});
