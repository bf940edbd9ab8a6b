/**
 * Stand-in for office.js in the task-pane injection test: an Excel host whose workbook
 * is the hostile workbook (hostile.ts), exposed as window.__wb for assertions.
 */
import { FakeWorkbook } from '../office-addin/fake-excel';
import { hostileTabs } from './hostile';

const wb = new FakeWorkbook(hostileTabs());
const info = { host: 'Excel', platform: 'OfficeOnline' };
const w = window as unknown as Record<string, unknown>;
w.__wb = wb;
w.Excel = { run: wb.run };
w.Office = {
  HostType: { Excel: 'Excel' },
  context: { displayLanguage: 'en-US', requirements: { isSetSupported: () => true } },
  onReady(callback?: (i: typeof info) => void) {
    const ready = new Promise<typeof info>((resolve) => setTimeout(() => resolve(info), 20));
    if (callback) void ready.then(callback);
    return ready;
  },
};
