/**
 * The built task pane in real Chromium (playwright-core, Debian's /usr/bin/chromium),
 * served over a loopback http server started here (over file:// Office.js never
 * becomes ready). The build is the production one; only the Office.js <script>
 * is pointed at a local copy:
 *   /real/   → @microsoft/office-js/dist/office.js (no Office host: the "open in Excel" page)
 *   /stub/   → test/office-addin/browser-stub.ts (an Excel host over the recording fake)
 * Every request is recorded; none may leave the loopback interface.
 * Screenshots go to out/office-addin/ (to docs/ with OFFICE_ADDIN_SCREENSHOTS=docs).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(__dirname, '..', '..');
const OUT = join(root, 'out', 'office-addin-test');
const OFFICE_JS_DIR = join(root, 'node_modules', '@microsoft', 'office-js', 'dist');
const CDN_TAG = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SHOTS = process.env.OFFICE_ADDIN_SCREENSHOTS === 'docs' ? join(root, 'docs') : join(root, 'out', 'office-addin');

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

async function open(path: string, locale: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 320, height: 560 }, locale });
  page.on('request', (r) => requests.push(r.url()));
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
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'taskpane-en.png'), fullPage: true });
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
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'taskpane-zh.png'), fullPage: true });
    await page.close();
  }, 60_000);

  test('no request left the loopback interface', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
  });
});
