/**
 * The Excel task pane in real Chromium on the bench's largest workbook (issue 19):
 * the production build of the task pane, office.js replaced by a stub Excel
 * (bench/taskpane-stub.ts: the tests' recording fake holding the generated
 * workbook), Compute clicked as a user would. Reported: the JS heap of the page
 * and of the compute worker — sampled over the Chrome DevTools Protocol every
 * 200 ms (the worker answers between its tasks) and read from V8's --trace-gc
 * lines, which catch the peaks inside long tasks — the page's heap before the
 * task pane starts (the stub's workbook, which in Excel lives in Excel's own
 * process), and the time from the click to the result.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { SizeName } from './engine-run';

const ROOT = resolve(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'];
const CDN_TAG = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png' };
const MB = 1_048_576;

export interface TaskpaneHeap {
  size: SizeName;
  status: string;
  inputRows: number;
  /** Page heap with the stub's workbook built, before the task pane starts (after a forced GC), MB. */
  pageBaselineMB: number;
  /** The same from the page's own performance.memory (a cross-check of the CDP figure), MB. */
  pageBaselineCheckMB: number;
  /** Largest page heap seen (CDP samples and GC traces), MB; minus the baseline = what the task pane added. */
  pagePeakMB: number;
  pageAddedMB: number;
  /** Largest compute-worker heap seen, MB. */
  workerPeakMB: number;
  /** What the task pane holds at its peak: page added + worker, MB (the target: ≤ 1,536). */
  taskpanePeakMB: number;
  /** From Office ready to the Compute button enabled (the pane's first read of the workbook), ms. */
  stateMs: number;
  /** From the click on Compute to the result shown, ms. */
  computeMs: number;
  resultText: string;
  error: string | null;
}

/** Largest "before" heap per isolate in V8 --trace-gc lines: `[pid:0xisolate] … ms: Kind 812.3 (830.1) -> …`. */
export function gcPeaksByIsolate(text: string): Map<string, number> {
  const peaks = new Map<string, number>();
  const re = /\[(\d+):(0x[0-9a-f]+)\][^\n]*?ms: [^\n]*?([\d.]+) \(([\d.]+)\) -> ([\d.]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = `${m[1]}:${m[2]}`;
    peaks.set(key, Math.max(peaks.get(key) ?? 0, Number(m[3])));
  }
  return peaks;
}

function within(dir: string, rel: string): string | null {
  const file = normalize(join(dir, rel));
  return file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Run the task pane on the `size` workbook in headless Chromium and measure it. */
export async function taskpaneHeap(size: SizeName): Promise<TaskpaneHeap> {
  const out = mkdtempSync(join(tmpdir(), 'service-star-taskpane-'));
  const result: TaskpaneHeap = {
    size, status: 'failed', inputRows: 0, pageBaselineMB: 0, pageBaselineCheckMB: 0, pagePeakMB: 0, pageAddedMB: 0, workerPeakMB: 0, taskpanePeakMB: 0,
    stateMs: 0, computeMs: 0, resultText: '', error: null,
  };
  const { build } = await import('esbuild');
  const { chromium } = await import('playwright-core');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-office-addin.mjs')], {
    cwd: ROOT, stdio: 'pipe', env: { ...process.env, OFFICE_ADDIN_OUTDIR: out, OFFICE_ADDIN_QUIET: '1', OFFICE_ADDIN_BASE_URL: '' },
  });
  const stub = (await build({ entryPoints: [join(ROOT, 'bench', 'taskpane-stub.ts')], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'silent' })).outputFiles[0].text;
  const html = readFileSync(join(out, 'taskpane.html'), 'utf8').replace(CDN_TAG, '<script src="stub-office.js"></script>');
  const server = createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    const body = rel === 'taskpane.html' ? html : rel === 'stub-office.js' ? stub : null;
    const file = body === null ? within(out, rel) : null;
    if (body === null && !file) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file ?? rel)] ?? 'application/octet-stream' });
    res.end(body ?? readFileSync(file as string));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browserServer = await chromium.launchServer({ executablePath: CHROMIUM, args: [...ARGS, '--js-flags=--trace-gc'] });
  let gcText = '';
  const proc = browserServer.process();
  proc.stdout?.on('data', (d: Buffer) => { gcText += d.toString(); });
  proc.stderr?.on('data', (d: Buffer) => { gcText += d.toString(); });
  const browser = await chromium.connect(browserServer.wsEndpoint());
  let sampling = true;
  try {
    const page = await browser.newPage({ viewport: { width: 320, height: 560 }, locale: 'zh-CN' });
    await page.route(/^(?!http:\/\/127\.0\.0\.1[:/])/, (route) => route.abort());
    // The stub builds the workbook before the page's load event: wait for it below, not for load.
    await page.goto(`${base}/taskpane.html?size=${size}`, { waitUntil: 'commit', timeout: 120_000 });
    await page.waitForFunction(() => ((window as unknown as { __inputRows?: number }).__inputRows ?? 0) > 0, undefined, { timeout: 900_000 });
    // The session is opened on the loaded page (the navigation may have moved it to another renderer process).
    const cdp = await page.context().newCDPSession(page);
    const workers: string[] = [];
    const replies = new Map<number, number>();
    cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => { if (e.targetInfo.type === 'worker') workers.push(e.sessionId); });
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
      if (m.id && m.result?.usedSize !== undefined) replies.set(m.id, m.result.usedSize);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    result.inputRows = await page.evaluate(() => (window as unknown as { __inputRows: number }).__inputRows);
    await cdp.send('HeapProfiler.collectGarbage');
    const baseline = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    result.pageBaselineMB = baseline / MB;
    result.pageBaselineCheckMB = (await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)) / MB;
    const gcBefore = gcPeaksByIsolate(gcText);
    const gcMark = gcText.length;

    let pagePeak = baseline;
    let workerPeak = 0;
    let nextId = 1;
    const sampler = (async () => {
      while (sampling) {
        try {
          pagePeak = Math.max(pagePeak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
          for (const sessionId of workers) {
            const id = nextId++;
            await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
          }
          for (const v of replies.values()) workerPeak = Math.max(workerPeak, v);
        } catch { /* a worker gone between samples */ }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    const t0 = Date.now();
    await page.evaluate(() => (window as unknown as { __start(): void }).__start());
    const button = page.getByTestId('compute');
    await button.waitFor({ state: 'visible', timeout: 900_000 });
    await page.waitForFunction(() => !(document.querySelector('[data-testid="compute"]') as HTMLButtonElement).disabled, undefined, { timeout: 900_000, polling: 500 });
    result.stateMs = Date.now() - t0;
    const t1 = Date.now();
    await button.click();
    await page.getByTestId('result-message').waitFor({ state: 'visible', timeout: 1_800_000 });
    result.computeMs = Date.now() - t1;
    result.resultText = (await page.getByTestId('result-message').innerText()).slice(0, 200);
    sampling = false;
    await sampler;
    for (const v of replies.values()) workerPeak = Math.max(workerPeak, v);

    // GC traces after the baseline: the page's isolate is the one that existed before; the others are workers.
    const gcAfter = gcPeaksByIsolate(gcText.slice(gcMark));
    for (const [isolate, peakMB] of gcAfter) {
      if (gcBefore.has(isolate)) pagePeak = Math.max(pagePeak, peakMB * MB);
      else workerPeak = Math.max(workerPeak, peakMB * MB);
    }
    result.pagePeakMB = pagePeak / MB;
    result.pageAddedMB = Math.max(0, pagePeak - baseline) / MB;
    result.workerPeakMB = workerPeak / MB;
    result.taskpanePeakMB = result.pageAddedMB + result.workerPeakMB;
    result.status = /计算|Computed|已计算/.test(result.resultText) ? 'computed' : 'result shown';
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    sampling = false;
    await browser.close().catch(() => {});
    await browserServer.close().catch(() => {});
    await new Promise<void>((ok) => server.close(() => ok()));
    rmSync(out, { recursive: true, force: true });
  }
  return result;
}
