/**
 * The Excel adapter against office-addin-mock (reads: load-before-read discipline,
 * one load + sync per small tab) and against the recording fake in fake-excel.ts
 * (reads of large tabs: blocks sized by response bytes; writes: what each sync
 * carries, batch order, failures mid-write). Expected figures are
 * worked out by hand in the comments.
 */
import { OfficeMockObject } from 'office-addin-mock';
import type { OutputTab } from '../../core/types';
import { checkHeapFor, createExcelHost, ExcelHostError, halveReadSync, nextBlockRows, planChunks, planReadSync, utf8Length, type ExcelRun } from '../../office-addin/excel-host';
import { FakeWorkbook } from './fake-excel';

function mockContext(tabs: Record<string, { used: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number } | null; values: unknown[][] }>) {
  const requested: [string, number, number, number, number][] = [];
  const sheets: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(tabs)) {
    sheets[name] = { used: t.used ?? { rowIndex: 0, columnIndex: 0, rowCount: 0, columnCount: 0 }, all: { values: t.values } };
  }
  const ctx = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItem: (name: string) => ({
          getUsedRangeOrNullObject: (valuesOnly: boolean) => {
            expect(valuesOnly).toBe(true);
            const used = (ctx as any).sheets[name].used;
            // isNullObject needs only a sync (no load) in Office.js; model it as a plain property.
            Object.defineProperty(used, 'isNullObject', { value: tabs[name].used === null, configurable: true });
            return used;
          },
          getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => {
            requested.push([name, r, c, rows, cols]);
            return (ctx as any).sheets[name].all;
          },
        }),
      },
    },
    sheets,
  });
  let syncs = 0;
  const realSync = ctx.sync.bind(ctx);
  (ctx as any).sync = async () => { syncs += 1; await realSync(); };
  const run: ExcelRun = async (batch) => batch(ctx as unknown as Excel.RequestContext);
  return { run, requested, syncs: () => syncs };
}

describe('reads (office-addin-mock)', () => {
  test('each tab is read whole from A1 with one load + sync per tab after one sizing sync', async () => {
    const m = mockContext({
      Staff: { used: { rowIndex: 0, columnIndex: 0, rowCount: 3, columnCount: 2 }, values: [['工号', '姓名'], ['S01', '张三'], ['S02', '=HYPERLINK("x")']] },
      // Data starting at B2: the read still starts at A1 so row numbers are what the user sees.
      客户反馈: { used: { rowIndex: 1, columnIndex: 1, rowCount: 2, columnCount: 2 }, values: [['', '', ''], ['', '日期', '工号'], ['', 46204, 'S01']] },
    });
    const host = createExcelHost({ run: m.run });
    const tabs = await host.readTabs(['Staff', '客户反馈']);
    expect(tabs).toEqual([
      { name: 'Staff', rows: [['工号', '姓名'], ['S01', '张三'], ['S02', '=HYPERLINK("x")']] },
      // 46204 is the Excel serial of 2026-07-01: it stays a number, core coerces it in date columns.
      { name: '客户反馈', rows: [['', '', ''], ['', '日期', '工号'], ['', 46204, 'S01']] },
    ]);
    expect(m.requested).toEqual([['Staff', 0, 0, 3, 2], ['客户反馈', 0, 0, 3, 3]]);
    expect(m.syncs()).toBe(3); // 1 sizing + 2 tabs
  });

  test('an empty tab reads as no rows without loading values', async () => {
    const m = mockContext({ Staff: { used: null, values: [] } });
    const tabs = await createExcelHost({ run: m.run }).readTabs(['Staff']);
    expect(tabs).toEqual([{ name: 'Staff', rows: [] }]);
    expect(m.requested).toEqual([]);
    expect(m.syncs()).toBe(1);
  });

  test('no fixed cell limit (issue 19): a workbook the heap could not hold is refused before any value is loaded', async () => {
    // 1,048,576 rows × 5 columns = 5,242,880 cells × 120 bytes = 629 MB against 80 % of 500 MB free.
    const m = mockContext({
      Feedback: { used: { rowIndex: 0, columnIndex: 0, rowCount: 1_048_576, columnCount: 5 }, values: [] },
    });
    const heap = () => ({ limit: 700 * 1_048_576, used: 200 * 1_048_576 });
    const error = await createExcelHost({ run: m.run, heap }).readTabs(['Feedback']).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.code).toBe('not_enough_memory');
    expect(error.text.en).toContain('The input tabs hold 5,242,880 cells; computing them needs about 600 MB of memory and the task pane has about 500 MB free');
    expect(error.text.zh).toContain('5,242,880 个单元格，计算约需 600 MB 内存');
    expect(error.text.zh).not.toMatch(/memory|cells|free/);
    expect(m.requested).toEqual([]);
    expect(m.syncs()).toBe(1);
  });

  test('checkHeapFor: refuses only above 80 % of the free heap; no measure, no refusal', () => {
    const MB = 1_048_576;
    expect(() => checkHeapFor(5_242_880, { limit: 4096 * MB, used: 100 * MB })).not.toThrow();
    expect(() => checkHeapFor(1_000_000, { limit: 150 * MB, used: 0 })).not.toThrow(); // 114 MB ≤ 120 MB
    expect(() => checkHeapFor(1_100_000, { limit: 150 * MB, used: 0 })).toThrow(ExcelHostError); // 126 MB > 120 MB
    expect(() => checkHeapFor(1e9, null)).not.toThrow();
  });

  test('the limit counts all input tabs together', async () => {
    const used = { rowIndex: 0, columnIndex: 0, rowCount: 3, columnCount: 2 };
    const m = mockContext({ A: { used, values: [] }, B: { used, values: [] } });
    // 6 + 6 = 12 cells > 10.
    const error = await createExcelHost({ run: m.run, maxInputCells: 10 }).readTabs(['A', 'B']).catch((e) => e);
    expect(error.code).toBe('too_many_cells');
  });
});

/** Response bytes of the read syncs after the sizing sync. */
function responses(wb: FakeWorkbook): number[] {
  return wb.syncs.slice(1).map((s) => s.responseBytes);
}

/** U+4E00 + (i mod 20,000) for i < 20,400: every slice of 400 is 400 CJK characters. */
const CJK = Array.from({ length: 20_400 }, (_, i) => String.fromCharCode(0x4e00 + (i % 20_000))).join('');

/** 400 CJK characters (3 bytes each in UTF-8, not escaped by JSON), different for every row. */
function caseText(r: number): string {
  const start = (r * 7) % 20_000;
  return CJK.slice(start, start + 400);
}

describe('large tabs are read in blocks sized by bytes (fake)', () => {
  test('a tab of at most 1,000 rows is one load, even a wide one', async () => {
    const rows = Array.from({ length: 1_000 }, (_, r) => Array.from({ length: 30 }, (_, c) => `r${r}c${c}`));
    const wb = new FakeWorkbook({ Wide: rows });
    const tabs = await createExcelHost({ run: wb.run }).readTabs(['Wide']);
    expect(tabs).toEqual([{ name: 'Wide', rows }]);
    expect(wb.syncs).toHaveLength(1 + 1);
  });

  test('a Cases-like tab, 50,000 rows of 400-character texts: every response under 2 MB, values as in the sheet', async () => {
    // Header ["case_id","text"] = 18 bytes; a row ["C00001","<400 CJK>"] = 1 + 8 + 1 + 1,202 + 1 = 1,213.
    // First block (1,000 rows): 2 + 18 + 999 × 1,213 + 999 commas = 1,212,806 → 1,212.806 bytes a row;
    // next block ⌊1,600,000 / 1,212.806⌋ = 1,319 rows = 1,214 × 1,319 + 1 = 1,601,267 bytes.
    // Then the last block's 1,214.0008 a row (above the average, lowered by the header):
    // ⌊1,600,000 / 1,214.0008⌋ = 1,317 rows = 1,598,839 bytes. 50,001 − 1,000 − 1,319 = 47,682 rows
    // = 36 × 1,317 + 270; the last block is 1,214 × 270 + 1 = 327,781 bytes.
    const rows: (string | number)[][] = [['case_id', 'text']];
    for (let r = 1; r <= 50_000; r++) rows.push([`C${String(r).padStart(5, '0')}`, caseText(r)]);
    const wb = new FakeWorkbook({ 服务案例: rows });
    const tabs = await createExcelHost({ run: wb.run }).readTabs(['服务案例']);
    expect(tabs[0].rows).toHaveLength(50_001);
    expect(tabs[0].rows).toEqual(rows);
    expect(responses(wb)).toEqual([1_212_806, 1_601_267, ...new Array(36).fill(1_598_839), 327_781]);
    expect(Math.max(...responses(wb))).toBeLessThan(2_000_000);
    expect(wb.syncs.every((s) => s.error === null)).toBe(true);
  });

  test('200,000 rows of numbers: 3 read syncs, as many as the former 200,000-cell blocks', async () => {
    // Header ["date","staff","score"] = 24 bytes; a row [46204,10000,5] = 15.
    // First block: 2 + 24 + 999 × 15 + 999 = 16,010 → 16.01 a row → ⌊1,600,000 / 16.01⌋ = 99,937 rows
    // (16 × 99,937 + 1 = 1,598,993 bytes); then ⌊1,600,000 / 16.0001⌋ = 99,999 rows ≥ the 99,064 left
    // (16 × 99,064 + 1 = 1,585,025 bytes). Before: 1 + ⌈600,003 / 200,000⌉ = 4 syncs; now 1 + 3.
    const rows: (string | number)[][] = [['date', 'staff', 'score']];
    for (let r = 1; r <= 200_000; r++) rows.push([46_204 + (r % 92), 10_000 + (r % 90_000), r % 10]);
    const wb = new FakeWorkbook({ Feedback: rows });
    const tabs = await createExcelHost({ run: wb.run }).readTabs(['Feedback']);
    expect(tabs[0].rows).toEqual(rows);
    expect(responses(wb)).toEqual([16_010, 1_598_993, 1_585_025]);
    expect(wb.syncs).toHaveLength(1 + 3);
  });

  // 200 rows of one column: 30 short rows ["x"] (5 bytes), then 170 long ones ["x…"] of 90 x (94 bytes).
  const shortThenLong = (): string[][] => Array.from({ length: 200 }, (_, r) => [r < 30 ? 'x' : 'x'.repeat(90)]);

  test('a block larger than estimated makes the next ones smaller', async () => {
    // Bound 1,000 bytes (aim 800), first block 10 rows: 2 + 10 × 5 + 9 = 61 → 6.1 a row → 131 rows.
    // That block hits the long rows: 2 + 20 × 5 + 111 × 94 + 130 = 10,666 bytes, 81.42 a row
    // (average 76.08) → ⌊800 / 81.42⌋ = 9 rows: 2 + 9 × 94 + 8 = 856; then 95.11 a row → 8 rows
    // = 761 bytes. 200 − 150 = 50 rows left = 6 × 8 + 2; the last is 2 + 2 × 94 + 1 = 191.
    const rows = shortThenLong();
    const wb = new FakeWorkbook({ Notes: rows });
    const tabs = await createExcelHost({ run: wb.run, readMaxBytes: 1_000, firstBlockRows: 10 }).readTabs(['Notes']);
    expect(tabs[0].rows).toEqual(rows);
    expect(responses(wb)).toEqual([61, 10_666, 856, 761, 761, 761, 761, 761, 761, 191]);
  });

  test('a sync Excel on the web refuses (over its response limit) is retried at half the rows', async () => {
    // As above with a 5,000-byte response limit: the 131-row block (10,666 bytes) is refused and
    // nothing of it is kept. Its first ⌊131 / 2⌋ = 65 rows: 2 + 20 × 5 + 45 × 94 + 64 = 4,396
    // bytes, 67.63 a row → ⌊800 / 67.63⌋ = 11 rows (2 + 11 × 94 + 10 = 1,046), then 8-row blocks of
    // 761: 200 − 86 = 114 rows left = 14 × 8 + 2, the last one 191.
    const rows = shortThenLong();
    const wb = new FakeWorkbook({ Notes: rows });
    wb.maxResponseBytes = 5_000;
    const tabs = await createExcelHost({ run: wb.run, readMaxBytes: 1_000, firstBlockRows: 10 }).readTabs(['Notes']);
    expect(tabs[0].rows).toEqual(rows);
    expect(responses(wb)).toEqual([61, 10_666, 4_396, 1_046, ...new Array(14).fill(761), 191]);
    expect(wb.syncs.map((s) => s.error)).toEqual([null, null, 'ResponsePayloadSizeLimitExceeded', ...new Array(17).fill(null)]);
  });

  test('the rows left after each tab\'s first block share syncs', async () => {
    // Bound 1,000 (aim 800), first blocks of 10 rows, each in a sync of its own:
    //   A: 11 rows ["x"] → 2 + 10 × 5 + 9 = 61 (6.1 a row), 1 row left;
    //   B: 100 rows ["x"] → 61, 90 left;   C: 5 rows ["x"], whole → 2 + 25 + 4 = 31;
    //   D: 60 rows of 90 x → 2 + 10 × 94 + 9 = 951 (95.1 a row), 50 left.
    // Then one sync for A's last row (7 bytes, 793.9 of the aim left), all 90 of B's (2 + 450 + 89 = 541,
    // 244.9 left) and ⌊244.9 / 95.1⌋ = 2 of D's (2 + 188 + 1 = 191): 739 bytes. D's last block is
    // 95.5 a row → 8 rows (761 bytes) a sync for the 48 left: 6 syncs.
    // Without sharing, A and B would each have taken a sync for their rest.
    const long = 'x'.repeat(90);
    const book = {
      A: Array.from({ length: 11 }, () => ['x']),
      B: Array.from({ length: 100 }, () => ['x']),
      C: Array.from({ length: 5 }, () => ['x']),
      D: Array.from({ length: 60 }, (_, r) => [long.slice(0, 89) + String(r % 10)]),
    };
    const wb = new FakeWorkbook(book);
    const tabs = await createExcelHost({ run: wb.run, readMaxBytes: 1_000, firstBlockRows: 10 }).readTabs(['A', 'B', 'C', 'D']);
    expect(tabs).toEqual(Object.entries(book).map(([name, rows]) => ({ name, rows })));
    expect(responses(wb)).toEqual([61, 61, 31, 951, 739, 761, 761, 761, 761, 761, 761]);
  });

  test('a single row Excel cannot return is refused politely, naming the tab and the row', async () => {
    // Limit 50: all 3 rows (108 bytes) refused → row 1 alone (7); the 2 rows left (2 + 5 + 94 + 1 = 102)
    // refused → row 2 alone (7); row 3 alone (96) refused: no smaller retry, so the polite refusal.
    const wb = new FakeWorkbook({ Notes: [['x'], ['x'], ['x'.repeat(90)]] });
    wb.maxResponseBytes = 50;
    const error = await createExcelHost({ run: wb.run }).readTabs(['Notes']).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.code).toBe('response_too_large');
    expect(error.text.en).toContain('Row 3 of the tab "Notes"');
    expect(error.text.zh).toContain('工作表“Notes”第 3 行');
    expect(responses(wb)).toEqual([108, 7, 102, 7, 96]);
  });

  test('an error other than the response limit is not retried', async () => {
    const wb = new FakeWorkbook({ Notes: [['x'], ['y']] });
    wb.failWhen = (command, index) => index === 1 && command === 'load:range';
    await expect(createExcelHost({ run: wb.run }).readTabs(['Notes'])).rejects.toThrow('injected failure');
    expect(wb.syncs).toHaveLength(2);
  });
});

describe('read planning', () => {
  test('nextBlockRows: the aim over the larger of the last block and the average bytes per row', () => {
    // Last block denser: 800 / max(100 / 2, 120 / 12) = 800 / 50 = 16.
    expect(nextBlockRows({ rows: 12, bytes: 120, lastRows: 2, lastBytes: 100 }, 800)).toBe(16);
    // Last block sparser: the average (1,000 / 20 = 50) rules, not the last (10 / 10 = 1) → 16.
    expect(nextBlockRows({ rows: 20, bytes: 1_000, lastRows: 10, lastBytes: 10 }, 800)).toBe(16);
    // Never below one row, however large a row is.
    expect(nextBlockRows({ rows: 1, bytes: 5_000, lastRows: 1, lastBytes: 5_000 }, 800)).toBe(1);
  });

  const measured = (rows: number, next: number, perRow: number) => ({ rows, next, measure: { rows: next, bytes: next * perRow, lastRows: next, lastBytes: next * perRow } });

  test('a tab not read yet gets a sync of its own for its first rows (all of a small tab)', () => {
    const fresh = { rows: 5_000, next: 0, measure: { rows: 0, bytes: 0, lastRows: 0, lastBytes: 0 } };
    expect(planReadSync([measured(3_000, 1_000, 10), fresh], 1_600, 1_000)).toEqual([{ tab: 1, start: 0, count: 1_000 }]);
    expect(planReadSync([{ ...fresh, rows: 300 }], 1_600, 1_000)).toEqual([{ tab: 0, start: 0, count: 300 }]);
  });

  test('a refused sync is retried with every block at half its rows, single rows one at a time', () => {
    expect(halveReadSync([{ tab: 0, start: 10, count: 131 }, { tab: 2, start: 0, count: 1 }])).toEqual([
      { tab: 0, start: 10, count: 65 },
      { tab: 2, start: 0, count: 1 },
    ]);
    expect(halveReadSync([{ tab: 1, start: 4, count: 1 }, { tab: 2, start: 0, count: 1 }])).toEqual([{ tab: 1, start: 4, count: 1 }]);
    expect(halveReadSync([{ tab: 1, start: 4, count: 1 }])).toBeNull();
  });

  test('measured tabs share a sync in tab order until the aim is spent', () => {
    // 1,000 bytes: tab 0 has 20 rows left at 10 → 200 (800 left); tab 1 is done; tab 2 takes
    // ⌊800 / 300⌋ = 2 rows (200 left); tab 3 at 250 a row gets none and tab 4 at 50 takes 4.
    const tabs = [measured(30, 10, 10), measured(10, 10, 5), measured(100, 5, 300), measured(9, 3, 250), measured(50, 1, 50)];
    expect(planReadSync(tabs, 1_000, 1_000)).toEqual([
      { tab: 0, start: 10, count: 20 },
      { tab: 2, start: 5, count: 2 },
      { tab: 4, start: 1, count: 4 },
    ]);
    // A first tab whose single row is over the aim still gets that row, alone.
    expect(planReadSync([measured(9, 3, 2_000), measured(9, 3, 1)], 1_000, 1_000)).toEqual([{ tab: 0, start: 3, count: 1 }]);
    // Nothing left to read.
    expect(planReadSync([measured(10, 10, 5)], 1_000, 1_000)).toEqual([]);
  });
});

describe('listTabs (fake)', () => {
  test('names in workbook order, one sync', async () => {
    const wb = new FakeWorkbook({ 员工: [['工号']], Feedback: [['date']], Notes: [] });
    expect(await createExcelHost({ run: wb.run }).listTabs()).toEqual(['员工', 'Feedback', 'Notes']);
    expect(wb.syncs).toHaveLength(1);
  });
});

function tab(name: string, rows: OutputTab['rows'], formats: OutputTab['formats']): OutputTab {
  return { name, kind: 'ranking', rows, formats };
}

describe('writes (recording fake)', () => {
  test('values and number formats are written per tab, formats in the range shape', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']] });
    await createExcelHost({ run: wb.run }).writeTabs([
      tab('Bonus 2026-Q3', [['Staff', 'Amount', 'Tie'], ['S01', 800, false], ['S02', null, true]], ['text', 'money', 'text']),
      tab('Data check 2026-Q3', [['Severity', 'Row'], ['error', 12]], ['text', 'integer']),
    ]);
    expect(wb.names()).toEqual(['Staff', 'Bonus 2026-Q3', 'Data check 2026-Q3']);
    expect(wb.tab('Bonus 2026-Q3')).toEqual([['Staff', 'Amount', 'Tie'], ['S01', 800, false], ['S02', '', true]]);
    expect(wb.find('Bonus 2026-Q3')!.formats).toEqual([['@', '@', '@'], ['@', '#,##0.00', 'General'], ['@', '#,##0.00', 'General']]);
    expect(wb.tab('Data check 2026-Q3')).toEqual([['Severity', 'Row'], ['error', 12]]);
    expect(wb.find('Data check 2026-Q3')!.formats).toEqual([['@', '@'], ['@', '0']]);
    expect(wb.find('Bonus 2026-Q3')!.frozenRows).toBe(1);
    // 1 probe sync + one chunk per tab.
    expect(wb.syncs).toHaveLength(3);
    expect(wb.tab('Staff')).toEqual([['staff_id']]);
  });

  test('200,000 rows: 4 chunks of at most 4,000,000 bytes of serialised payload (CJK counted escaped), one sync each', async () => {
    // Issue 19: chunks are measured on the JSON as a host escaping non-ASCII would send it.
    // Each data row: values ["S000001","客服部",1234.5,7] = 41 bytes with 客服部 as three \uXXXX
    // (32 in UTF-8), formats ["@","@","#,##0.00","0"] = 24 bytes; per row 41 + 24 + 2 separators = 67.
    // Header ["staff_id","department","amount","count"] = 42 + ["@","@","@","@"] = 17, + 2 = 61.
    // Chunk 1: 4 + 61 + 59,700 × 67 = 3,999,965 ≤ 4,000,000 (one more row would be 4,000,032).
    // Chunks 2, 3: 4 + 59,701 × 67 = 3,999,971. Chunk 4: the remaining 20,898 rows.
    const rows: OutputTab['rows'] = [['staff_id', 'department', 'amount', 'count']];
    for (let i = 1; i <= 200_000; i++) rows.push([`S${String(i).padStart(6, '0')}`, '客服部', 1234.5, 7]);
    const out = tab('Ranking 2026-Q3', rows, ['text', 'text', 'money', 'integer']);
    expect(planChunks(out, 4, 4_000_000)).toEqual([
      { start: 0, end: 59_701, bytes: 3_999_965 },
      { start: 59_701, end: 119_402, bytes: 3_999_971 },
      { start: 119_402, end: 179_103, bytes: 3_999_971 },
      { start: 179_103, end: 200_001, bytes: 4 + 20_898 * 67 },
    ]);

    // A host that escapes CJK, refusing requests over Excel on the web's 5 MB: nothing refused.
    const wb = new FakeWorkbook({ Staff: [['staff_id']] });
    wb.escapeNonAscii = true;
    wb.maxRequestBytes = 5_000_000;
    await createExcelHost({ run: wb.run }).writeTabs([out]);
    // 1 probe + 4 chunks.
    expect(wb.syncs).toHaveLength(5);
    expect(wb.syncs.map((s) => s.error)).toEqual([null, null, null, null, null]);
    // What the fake received (escaped JSON of values + numberFormat): the estimate less the
    // two separators that the last row of each array does not have.
    expect(wb.syncs.map((s) => s.bytes)).toEqual([0, 3_999_963, 3_999_969, 3_999_969, 4 + 20_898 * 67 - 2]);
    expect(Math.max(...wb.syncs.map((s) => s.bytes))).toBeLessThan(4_000_000);
    for (const s of wb.syncs.slice(1)) expect(s.commands.filter((c) => c === 'suspendCalc')).toHaveLength(1);
    const written = wb.tab('Ranking 2026-Q3')!;
    expect(written).toHaveLength(200_001);
    expect(written[200_000]).toEqual(['S200000', '客服部', 1234.5, 7]);
    expect(written[59_701]).toEqual(['S059701', '客服部', 1234.5, 7]);
  });

  test('a tab replaces its other-language twin (issue 13: a --lang switch leaves one of each); none there, no extra sync', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']], '排名 2026-Q3': [['旧']], Notes: [['mine']] });
    const out = { ...tab('Ranking 2026-Q3', [['Rank'], [1]], ['integer']), replaces: ['排名 2026-Q3'] };
    await createExcelHost({ run: wb.run }).writeTabs([out]);
    expect(wb.names()).toEqual(['Staff', 'Notes', 'Ranking 2026-Q3']);
    const again = new FakeWorkbook({ Staff: [['staff_id']] });
    await createExcelHost({ run: again.run }).writeTabs([out]);
    const plain = new FakeWorkbook({ Staff: [['staff_id']] });
    await createExcelHost({ run: plain.run }).writeTabs([tab('Ranking 2026-Q3', [['Rank'], [1]], ['integer'])]);
    expect(again.syncs.length).toBe(plain.syncs.length);
  });

  test('an existing tab is replaced through a temporary sheet and keeps its position', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']], 'Ranking 2026-Q3': [['old'], ['result']], Notes: [['mine']] });
    await createExcelHost({ run: wb.run }).writeTabs([tab('Ranking 2026-Q3', [['Rank', 'Staff'], [1, 'S01']], ['integer', 'text'])]);
    expect(wb.names()).toEqual(['Staff', 'Ranking 2026-Q3', 'Notes']);
    expect(wb.tab('Ranking 2026-Q3')).toEqual([['Rank', 'Staff'], [1, 'S01']]);
    const write = wb.syncs[1].commands.filter((c) => c !== 'resolve');
    // Calculation suspended before the writes (issue 19); widths set, not autofitted.
    expect(write).toEqual([
      'suspendCalc',
      'add:~tmp Ranking 2026-Q3',
      'numberFormat:~tmp Ranking 2026-Q3',
      'values:~tmp Ranking 2026-Q3',
      'bold:~tmp Ranking 2026-Q3',
      'freeze:~tmp Ranking 2026-Q3',
      'width:~tmp Ranking 2026-Q3',
      'delete:Ranking 2026-Q3',
      'rename:~tmp Ranking 2026-Q3->Ranking 2026-Q3',
      'position:~tmp Ranking 2026-Q3',
    ]);
    expect(wb.find('Ranking 2026-Q3')!.columnWidths).toEqual([48, 48]);
    expect(wb.tab('Notes')).toEqual([['mine']]);
  });

  test('text beginning with = + - @ is written as text, so is 007 and 2026-07', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']] });
    const hostile = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1)', '007', '2026-07'];
    await createExcelHost({ run: wb.run }).writeTabs([tab('Ranking 2026-Q3', [['Name'], ...hostile.map((h) => [h])], ['text'])]);
    const sheet = wb.find('Ranking 2026-Q3')!;
    expect(sheet.values.slice(1).map((r) => r[0])).toEqual(hostile);
    expect(sheet.formats.slice(1).map((r) => r[0])).toEqual(['@', '@', '@', '@', '@', '@']);
    expect([...sheet.formulas]).toEqual([]);
  });

  test('the fake would catch a formula written without the text format (control)', async () => {
    const wb = new FakeWorkbook({ Staff: [['x']] });
    await wb.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Staff').getRangeByIndexes(1, 0, 1, 1).values = [['=1+1']];
      await ctx.sync();
    });
    expect([...wb.find('Staff')!.formulas]).toEqual(['1,0']);
  });

  test('a failure in the middle of the write keeps the old tab and removes the temporary sheet', async () => {
    const old = [['Rank', 'Staff'], [1, 'S09']];
    const wb = new FakeWorkbook({ Staff: [['staff_id']], 'Ranking 2026-Q3': old, Notes: [['mine']] });
    const rows: OutputTab['rows'] = [['staff_id', 'department', 'amount', 'count']];
    for (let i = 1; i <= 200_000; i++) rows.push([`S${String(i).padStart(6, '0')}`, '客服部', 1234.5, 7]);
    // Sync 0 probes, syncs 1..3 write chunks: fail the values of the second chunk.
    wb.failWhen = (command, index) => index === 2 && command.startsWith('values:');
    const error = await createExcelHost({ run: wb.run }).writeTabs([tab('Ranking 2026-Q3', rows, ['text', 'text', 'money', 'integer'])]).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('injected failure');
    expect(wb.names()).toEqual(['Staff', 'Ranking 2026-Q3', 'Notes']);
    expect(wb.tab('Ranking 2026-Q3')).toEqual(old);
  });

  test('a failure deleting the old tab (e.g. protected) keeps it and leaves no temporary sheet', async () => {
    const old = [['Rank'], [1]];
    const wb = new FakeWorkbook({ Staff: [['staff_id']], 'Bonus 2026-Q3': old });
    wb.failWhen = (command) => command === 'delete:Bonus 2026-Q3';
    await expect(createExcelHost({ run: wb.run }).writeTabs([tab('Bonus 2026-Q3', [['Paid'], [800]], ['money'])])).rejects.toThrow('injected failure');
    expect(wb.names()).toEqual(['Staff', 'Bonus 2026-Q3']);
    expect(wb.tab('Bonus 2026-Q3')).toEqual(old);
  });

  test('a temporary sheet left by an interrupted run is cleared first', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']], '~tmp Bonus 2026-Q3': [['half'], ['written']] });
    await createExcelHost({ run: wb.run }).writeTabs([tab('Bonus 2026-Q3', [['Paid'], [800]], ['money'])]);
    expect(wb.names()).toEqual(['Staff', 'Bonus 2026-Q3']);
    expect(wb.tab('Bonus 2026-Q3')).toEqual([['Paid'], [800]]);
  });

  test('an invalid sheet name is refused before anything is written', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']] });
    const error = await createExcelHost({ run: wb.run }).writeTabs([
      tab('Ranking 2026-Q3', [['a']], ['text']),
      tab('Bad/name', [['a']], ['text']),
    ]).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.code).toBe('bad_tab_name');
    expect(wb.names()).toEqual(['Staff']);
    expect(wb.syncs).toHaveLength(0);
  });

  test('utf8Length counts bytes as the request body does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('客服部')).toBe(9);
    expect(utf8Length('😀')).toBe(4);
  });
});
