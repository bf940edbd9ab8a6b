/**
 * Entry of the task pane page (dist/office-addin/taskpane.js). When Office.js
 * reports an Excel host, the shared UI is mounted on the Excel bridge with a
 * Web Worker computing off the UI thread; anywhere else (a plain browser, an
 * old Excel, Office.js failing to load) the page explains how to open the
 * add-in in Excel instead of failing.
 */
import { mountApp } from '../ui/app';
import { createExcelBridge } from './excel-bridge';
import { createWorkerEngine, inThreadEngine, type WorkerLike } from './worker-protocol';
import { createWorkerPreviewer } from './whatif-worker';

/** Excel JavaScript API level the adapter needs (getRangeByIndexes, freezePanes: 1.7). */
const API_SET = { name: 'ExcelApi', version: '1.7' };
/** After this long without Office.onReady, show the "open in Excel" page (it still mounts if Office answers later). */
const READY_TIMEOUT_MS = 10_000;

interface OfficeLike {
  onReady(callback?: (info: { host: string | null; platform: string | null }) => void): Promise<{ host: string | null; platform: string | null }>;
  HostType?: { Excel?: string };
  context?: { displayLanguage?: string; requirements?: { isSetSupported(name: string, version?: string): boolean } };
}

function byId(id: string): HTMLElement | null {
  return document.getElementById(id);
}

function show(id: 'app' | 'no-host'): void {
  const loading = byId('loading');
  if (loading) loading.hidden = true;
  for (const other of ['app', 'no-host']) {
    const el = byId(other);
    if (el) el.hidden = other !== id;
  }
}

/** The "open in Excel" page, with an extra line when the reason is known. */
function showNoHost(reason?: { zh: string; en: string }): void {
  const box = byId('no-host');
  if (box && reason) {
    for (const lang of ['zh', 'en'] as const) {
      const section = box.querySelector(`section[lang="${lang === 'zh' ? 'zh-CN' : 'en'}"]`);
      if (section && !section.querySelector('.reason')) {
        const p = document.createElement('p');
        p.className = 'reason';
        p.textContent = reason[lang];
        section.insertBefore(p, section.querySelector('ol'));
      }
    }
  }
  show('no-host');
}

function makeWorker(): WorkerLike {
  return new Worker('compute-worker.js') as unknown as WorkerLike;
}

let mounted = false;

function mountExcel(office: OfficeLike): void {
  if (mounted) return;
  const supported = office.context?.requirements?.isSetSupported(API_SET.name, API_SET.version) ?? true;
  if (!supported) {
    showNoHost({
      zh: `此版本的 Excel 不支持服务之星所需的 ${API_SET.name} ${API_SET.version}：请使用 Microsoft 365 版 Excel 或 Excel 网页版。`,
      en: `This version of Excel does not support ${API_SET.name} ${API_SET.version}, which Service Star needs: use Excel for Microsoft 365 or Excel on the web.`,
    });
    return;
  }
  mounted = true;
  const root = byId('app');
  if (!root) return;
  show('app');
  const engine = typeof Worker === 'function' ? createWorkerEngine(makeWorker) : inThreadEngine;
  const requirements = office.context?.requirements;
  // What-if previews keep their data in a worker of their own between previews (issue 17).
  const whatIfPreviewer = typeof Worker === 'function' ? createWorkerPreviewer(makeWorker) : undefined;
  mountApp(root, createExcelBridge({
    engine, whatIfPreviewer, displayLanguage: () => office.context?.displayLanguage ?? null,
    // Template header notes need ExcelApi 1.18; older Excel gets the tabs without them.
    isSetSupported: (name, version) => requirements?.isSetSupported(name, version) === true,
  }));
}

function start(): void {
  // Tells the page's ES5 fallback script that this bundle runs here.
  (window as unknown as { serviceStarStarted?: boolean }).serviceStarStarted = true;
  const office = (globalThis as unknown as { Office?: OfficeLike }).Office;
  if (!office || typeof office.onReady !== 'function') {
    showNoHost({
      zh: '未能加载 Office.js。如果您是在 Excel 中打开的，请检查网络能否访问 appsforoffice.microsoft.com。',
      en: 'Office.js did not load. If you opened this from Excel, check that appsforoffice.microsoft.com can be reached.',
    });
    return;
  }
  const timer = setTimeout(() => { if (!mounted) showNoHost(); }, READY_TIMEOUT_MS);
  void office.onReady().then((info) => {
    clearTimeout(timer);
    const excel = office.HostType?.Excel ?? 'Excel';
    if (info && info.host === excel) mountExcel(office);
    else showNoHost();
  });
}

start();
