/**
 * Stand-in for office.js in the task-pane heap benchmark (bench/taskpane-heap.ts):
 * an Excel host whose `Excel.run` is the tests' recording fake holding the
 * bench's generated workbook (size from `?size=`, default L), dates as Excel
 * serials. The workbook lives in this page's heap only because the stub does;
 * in Excel it lives in Excel's process, so the benchmark measures the page's heap
 * before Compute (after the workbook is built) and reports what Compute adds.
 */
import { FakeWorkbook, type Value } from '../test/office-addin/fake-excel';
import { generateWorkbook, SIZES } from './generate';

const DATE_HEADERS = new Set(['日期', '入职日期', '转正日期', '离职日期', '提交日期']);
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function serial(day: string): number {
  return (Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) - EXCEL_EPOCH) / 86_400_000;
}

const size = (new URLSearchParams(location.search).get('size') ?? 'L') as keyof typeof SIZES;
const model: Record<string, Value[][]> = {};
for (const tab of generateWorkbook(SIZES[size])) {
  const dateCols = (tab.rows[0] ?? []).map((h, c) => (typeof h === 'string' && DATE_HEADERS.has(h) ? c : -1)).filter((c) => c >= 0);
  model[tab.name] = tab.rows.map((row, r) => {
    const out = row.map((v) => (v === null || v === undefined ? '' : v)) as Value[];
    if (r > 0) for (const c of dateCols) if (typeof row[c] === 'string' && row[c] !== '') out[c] = serial(row[c] as string);
    return out;
  });
}
const wb = new FakeWorkbook(model);
for (const name of Object.keys(model)) delete model[name];
const info = { host: 'Excel', platform: 'OfficeOnline' };
const w = window as unknown as Record<string, unknown>;
w.__wb = wb;
w.__inputRows = wb.sheets.reduce((n, s) => n + Math.max(0, s.values.length - 1), 0);
w.Excel = { run: wb.run };
// Office becomes ready when the benchmark says so (window.__start), after it has measured the page with the workbook built.
let start: () => void = () => {};
const started = new Promise<void>((resolve) => { start = resolve; });
w.__start = () => start();
w.Office = {
  HostType: { Excel: 'Excel' },
  context: { displayLanguage: 'zh-CN', requirements: { isSetSupported: () => true } },
  onReady(callback?: (i: typeof info) => void) {
    const ready = started.then(() => info);
    if (callback) void ready.then(callback);
    return ready;
  },
};
