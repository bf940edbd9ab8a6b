/**
 * Stand-in for office.js in the Chromium test of the task pane: an `Office`
 * object that reports an Excel host, and an `Excel.run` backed by the recording
 * fake holding the fixture workbook (exposed as window.__wb for assertions).
 * `?lang=zh-CN` picks the Chinese workbook and Office display language.
 */
import { FakeWorkbook } from './fake-excel';
import { smileWorkbook, smileWorkbookZh } from './fixture';

const lang = new URLSearchParams(location.search).get('lang') ?? 'en-US';
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
