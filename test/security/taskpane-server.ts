/**
 * Serving the BUILT task pane to Chromium over loopback with a stand-in for office.js
 * (an `Office` that reports Excel and an `Excel.run` over the recording fake holding the
 * workbook a stub module builds), recording every request the page makes and aborting
 * any that would leave 127.0.0.1. Used by the Chromium tests in test/security and
 * test/office-addin that need their own workbook (browser-stub.ts serves the fixture).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = join(__dirname, '..', '..');
const CDN_TAG = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png' };

export interface PaneServer {
  base: string;
  /** Every URL any page asked for. */
  requests: string[];
  /**
   * Open the task pane; `dialogs` counts alert/confirm/prompt boxes the page raised.
   * `workbook` (tab → rows) is put in window.__workbook before the page loads, for a stub
   * that takes it (browser-stub.ts: the demo data instead of its fixture).
   */
  open(locale?: string, workbook?: Record<string, unknown[][]>): Promise<{ page: Page; dialogs: () => number }>;
  close(): Promise<void>;
}

/**
 * Build the task pane into out/<outName>, bundle `stubEntry` as the page's office.js
 * and start a loopback server and Chromium.
 * @throws when Chromium is missing or the build fails
 */
export async function startPane(outName: string, stubEntry: string): Promise<PaneServer> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const out = join(root, 'out', outName);
  execFileSync(process.execPath, [join(root, 'scripts', 'build-office-addin.mjs')], {
    cwd: root, stdio: 'pipe', env: { ...process.env, OFFICE_ADDIN_OUTDIR: out, OFFICE_ADDIN_QUIET: '1', OFFICE_ADDIN_BASE_URL: '' },
  });
  const stub = await build({ entryPoints: [stubEntry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent' });
  const stubJs = stub.outputFiles[0].text;
  const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
  if (html.split(CDN_TAG).length !== 2) throw new Error('taskpane.html does not load Office.js from the CDN exactly once');
  const page = html.replace(CDN_TAG, '<script src="stub-office.js"></script>');

  const server: Server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    let body: string | Buffer | null = null;
    let type = TYPES['.js'];
    if (rel === 'taskpane.html') { body = page; type = TYPES['.html']; }
    else if (rel === 'stub-office.js') body = stubJs;
    else {
      const file = normalize(join(out, rel));
      if (file.startsWith(out + sep) && existsSync(file) && statSync(file).isFile()) {
        body = readFileSync(file);
        type = TYPES[extname(file)] ?? 'application/octet-stream';
      }
    }
    if (body === null) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': type });
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const requests: string[] = [];
  return {
    base,
    requests,
    async open(locale = 'en-US', workbook?: Record<string, unknown[][]>) {
      const p = await browser.newPage({ viewport: { width: 320, height: 900 }, locale });
      if (workbook) await p.addInitScript((tabs) => { (window as unknown as { __workbook: unknown }).__workbook = tabs; }, workbook);
      let dialogs = 0;
      p.on('dialog', (d) => { dialogs += 1; void d.dismiss(); });
      p.on('request', (r) => requests.push(r.url()));
      await p.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
      await p.goto(`${base}/taskpane.html`);
      return { page: p, dialogs: () => dialogs };
    },
    async close() {
      await browser.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
