/**
 * office.js stand-in for the task pane's what-if test in Chromium: the browser
 * stub's Excel over the recording fake, with the workbook and the Office display
 * language chosen by the page's locale (navigator.language), since the test
 * server opens the pane without a query string.
 */
import { FakeWorkbook } from './fake-excel';
import { smileWorkbook, smileWorkbookZh } from './fixture';

const lang = navigator.language.startsWith('zh') ? 'zh-CN' : 'en-US';
const wb = new FakeWorkbook(lang.startsWith('zh') ? smileWorkbookZh() : smileWorkbook());
const info = { host: 'Excel', platform: 'OfficeOnline' };
const w = window as unknown as Record<string, unknown>;
w.__wb = wb;
w.Excel = { run: wb.run };
w.Office = {
  HostType: { Excel: 'Excel' },
  context: { displayLanguage: lang, requirements: { isSetSupported: () => true } },
  onReady(callback?: (i: typeof info) => void) {
    const ready = new Promise<typeof info>((resolve) => setTimeout(() => resolve(info), 20));
    if (callback) void ready.then(callback);
    return ready;
  },
};
