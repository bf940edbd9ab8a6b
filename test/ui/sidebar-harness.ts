/**
 * The built Sidebar.html served on loopback and opened in real Chromium, with a stub
 * `google.script.run` (runnerScript over the test's own answers; computedPage for the
 * common "getState + Compute answers a summary built from core" case): what every
 * sidebar test in Chromium shares, so each test file holds only its data and assertions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ComputeSummary, WorkbookState } from '../../ui/bridge';
import type { Lang } from '../../core/types';
import { sidebarWithView } from '../../apps-script/main';

export const root = join(__dirname, '..', '..');
const SIDEBAR = join(root, 'dist', 'apps-script', 'Sidebar.html');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** A smile-cards workbook as the sidebar sees it before Compute. */
export function sidebarState(lang: Lang): WorkbookState {
  return {
    lang, today: '2026-11-22',
    tabs: [{ name: 'Staff', kind: 'staff', rows: 12 }, { name: 'Feedback', kind: 'feedback', rows: 31 }],
    blocking: null,
    scheme: { source: 'preset', tab: null, id: 'smile-cards', name: { zh: '微笑之星', en: 'Smile Star' }, cadence: 'quarter', valid: true, problems: [] },
    presets: [{ id: 'smile-cards', name: { zh: '微笑之星', en: 'Smile Star' }, cadence: 'quarter' }],
    defaultPeriod: '2026-Q3', diagnostics: { error: 0, warning: 0, info: 0 }, topDiagnostics: [], dataCheckTab: null, finalPeriods: [],
  };
}

/**
 * A stub `google.script.run` over `impl` (JavaScript source of an object whose methods
 * return promises), answering each call 10 ms later like the real one; every call is
 * recorded in `window.__calls` as { name, args }.
 */
export function runnerScript(impl: string): string {
  return `
    window.__calls = [];
    window.__dialogs = 0;
    const impl = ${impl};
    function runner(success, failure) {
      const r = { withSuccessHandler: (f) => runner(f, failure), withFailureHandler: (f) => runner(success, f) };
      for (const name of Object.keys(impl)) {
        r[name] = (...args) => {
          window.__calls.push({ name, args: JSON.parse(JSON.stringify(args)) });
          setTimeout(() => impl[name](...args).then((v) => success && success(v), (e) => failure && failure(e)), 10);
        };
      }
      return r;
    }
    window.google = { script: { run: runner(null, null) } };
  `;
}

/** getState, compute (the given summary), finalize (refused unless forced), activateTab. */
function computeStub(st: WorkbookState, answer: ComputeSummary): string {
  return 'window.__finalize = [];' + runnerScript(`{
      finalize: (period, force) => {
        window.__finalize.push([period, force === true]);
        return Promise.resolve(force === true
          ? { status: 'final', message: { zh: '已强制定稿', en: 'Final as confirmed' } }
          : { status: 'refused', message: { zh: '有待处理申诉，未定稿', en: 'Pending appeals: not finalized' } });
      },
      getState: () => Promise.resolve(${JSON.stringify(st)}),
      compute: () => Promise.resolve(${JSON.stringify(answer)}),
      activateTab: () => Promise.resolve(null),
    }`);
}

/** One Chromium and one loopback server per test file; every request any page made is kept in `requests`. */
export class SidebarHarness {
  readonly requests: string[] = [];
  private server: Server | undefined;
  private browser: Browser | undefined;
  /** The sidebar's address on loopback (every other request is one that left the machine). */
  base = '';

  async start(): Promise<void> {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const html = readFileSync(SIDEBAR);
    // `/template`: what *Insert template…* serves, the same page opened on the template picker (apps-script/main.ts).
    const pages = new Map<string, string | Buffer>([['/', html], ['/Sidebar.html', html], ['/template', sidebarWithView(html.toString('utf8'), 'template')]]);
    const server = createServer((req, res) => {
      const page = pages.get(req.url ?? '');
      res.writeHead(page === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    this.server = server;
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    const server = this.server;
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  }

  /**
   * A 300-px sidebar in the language's locale with `initScript` (a stub google.script.run) in place,
   * loaded from `path` ('' or 'template'); dialogs are counted in `window.__dialogs` and dismissed.
   */
  async open(lang: Lang, initScript: string, path = ''): Promise<Page> {
    const page = await this.browser!.newPage({ viewport: { width: 300, height: 900 }, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });
    page.on('request', (r) => this.requests.push(r.url()));
    page.on('dialog', async (d) => {
      await page.evaluate(() => { (window as unknown as { __dialogs: number }).__dialogs += 1; }).catch(() => undefined);
      await d.dismiss();
    });
    await page.addInitScript({ content: initScript });
    await page.goto(this.base + path);
    return page;
  }

  /** The sidebar with a compute stub, Compute clicked, the result shown. */
  async computedPage(lang: Lang, answer: ComputeSummary): Promise<Page> {
    const page = await this.open(lang, computeStub(sidebarState(lang), answer));
    await page.getByTestId('compute').click();
    await page.waitForSelector('[data-testid=result]');
    return page;
  }
}
