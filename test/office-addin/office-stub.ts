/**
 * What every office.js stand-in of the Chromium task-pane tests shares: an `Office`
 * that reports an Excel host in the given display language, and an `Excel.run` over
 * the recording fake holding the given workbook (exposed as window.__wb for assertions).
 */
import { FakeWorkbook, type Value } from './fake-excel';

export function installExcelStub(tabs: Record<string, Value[][]>, displayLanguage: string): FakeWorkbook {
  const wb = new FakeWorkbook(tabs);
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  const w = window as unknown as Record<string, unknown>;
  w.__wb = wb;
  w.Excel = { run: wb.run };
  w.Office = {
    HostType: { Excel: 'Excel' },
    context: { displayLanguage, requirements: { isSetSupported: () => true } },
    onReady(callback?: (i: typeof info) => void) {
      const ready = new Promise<typeof info>((resolve) => setTimeout(() => resolve(info), 20));
      if (callback) void ready.then(callback);
      return ready;
    },
  };
  return wb;
}
