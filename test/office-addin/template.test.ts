/**
 * *Insert template* through the Excel bridge on the recording Office.js fake:
 * new tabs only (a user's tab stays identical, Excel refuses a rename onto it),
 * two syncs whatever the rows, header notes only when ExcelApi 1.18 is there,
 * example dates as real dates, and a failure that leaves no temporary sheet.
 */
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { columnLetters } from '../../office-addin/excel-host';
import { FakeWorkbook, type SheetModel, type Value } from './fake-excel';

const TODAY = '2026-11-22';
const ZH_TABS = ['员工', '客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案'];

function bridgeFor(wb: FakeWorkbook, notes = true, lang = 'zh-CN') {
  return createExcelBridge({
    run: wb.run, today: () => TODAY, now: () => '2026-11-22T08:00:00.000Z', displayLanguage: () => lang,
    isSetSupported: (name, version) => notes && name === 'ExcelApi' && version === '1.18',
  });
}

/** Everything of a sheet a user could see. */
function snapshot(s: SheetModel): string {
  return JSON.stringify({ name: s.name, values: s.values, formats: s.formats, formulas: [...s.formulas], frozen: s.frozenRows, bold: [...s.boldRows], notes: [...s.notes] });
}

describe('columnLetters', () => {
  test('A, Z, AA, AZ, BA', () => {
    expect([0, 25, 26, 51, 52].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA']);
  });
});

describe('insertTemplate (Excel)', () => {
  test('empty workbook: every smile-cards tab, header notes on row 1, in two syncs', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    const r = await bridgeFor(wb).insertTemplate('smile-cards');
    expect(r.status).toBe('inserted');
    expect(r.added).toEqual(ZH_TABS);
    expect(r.skipped).toEqual([]);
    // Quarterly scheme, today 2026-11-22: the examples fall in the last completed quarter.
    expect(r.message.en).toBe('Added 员工, 客户反馈, 奖惩记录, 名额, 申诉, 调查, 方案. The example rows are for 2026-Q3: compute that period to see results');
    expect(wb.names()).toEqual(['Sheet1', ...ZH_TABS]);
    // One sync lists the names, one writes every tab (5 tabs, 2 to 62 rows).
    expect(wb.syncs).toHaveLength(2);

    const staff = wb.find('员工')!;
    expect(staff.values[0]).toEqual(['工号', '姓名', '部门', '组别', '岗位', '职级', '入职日期', '转正日期', '离职日期', '上级工号']);
    expect([...staff.notes.keys()]).toEqual(['A1', 'B1', 'C1', 'D1', 'E1', 'F1', 'G1', 'H1', 'I1', 'J1']);
    expect(staff.notes.get('A1')).toContain('必填');
    expect(staff.frozenRows).toBe(1);
    expect(staff.boldRows.has(0)).toBe(true);
    // Example dates are Excel dates: a serial day formatted yyyy-mm-dd, not text.
    const hire = staff.values[1][6];
    expect(typeof hire).toBe('number');
    expect(staff.formats[1][6]).toBe('yyyy-mm-dd');
    // Staff ids stay text.
    expect(staff.formats[1][0]).toBe('@');
    // The Scheme tab has no header notes, and its "=" operators are text, not formulas.
    expect(wb.find('方案')!.notes.size).toBe(0);
    expect(wb.find('方案')!.formulas.size).toBe(0);
    expect(wb.names().some((n) => n.startsWith('~tmp'))).toBe(false);
  });

  test('a hire date of 2023-02-02 is Excel serial 44959', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    await bridgeFor(wb).insertTemplate('smile-cards');
    const staff = wb.find('员工')!;
    // 2023-01-01 is serial 44927 (2024-01-01 = 45292, less 365 days); February 2nd is 32 days later.
    const row = staff.values.findIndex((r) => r[6] === 44959);
    expect(row).toBeGreaterThan(0);
  });

  test('without ExcelApi 1.18 the tabs are the same, without notes', async () => {
    const withNotes = new FakeWorkbook({ Sheet1: [] });
    const without = new FakeWorkbook({ Sheet1: [] });
    await bridgeFor(withNotes, true).insertTemplate('smile-cards');
    const r = await bridgeFor(without, false).insertTemplate('smile-cards');
    expect(r.status).toBe('inserted');
    expect(without.names()).toEqual(withNotes.names());
    for (const name of ZH_TABS) {
      expect(without.tab(name)).toEqual(withNotes.tab(name));
      expect(without.find(name)!.notes.size).toBe(0);
    }
    expect(without.syncs.flatMap((s) => s.commands).some((c) => c.startsWith('note:'))).toBe(false);
  });

  test('a workbook with its own 员工 tab: it stays identical; the rest is added with headers only', async () => {
    const mine: Value[][] = [['工号', '姓名', '部门', '入职日期', '备注'], ['A1', '张三', '客服部', 45306, '自己的'], ['A2', '李四', '客服部', 45352, '']];
    const wb = new FakeWorkbook({ 员工: mine, 我的报表: [['x'], [1]] });
    wb.find('员工')!.notes.set('A1', '我的说明');
    wb.find('员工')!.frozenRows = 1;
    const before = snapshot(wb.find('员工')!);
    const report = snapshot(wb.find('我的报表')!);
    const r = await bridgeFor(wb).insertTemplate('smile-cards');
    expect(r.status).toBe('inserted');
    expect(r.added).toEqual(['客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案']);
    expect(r.skipped).toEqual(['员工']);
    expect(snapshot(wb.find('员工')!)).toBe(before);
    expect(snapshot(wb.find('我的报表')!)).toBe(report);
    expect(wb.names()).toEqual(['员工', '我的报表', '客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案']);
    expect(wb.tab('客户反馈')).toEqual([['日期', '工号', '评分', '评价', '点赞', '客户', '渠道', '内容']]);
    // Nothing in any batch touched the user's tabs.
    const commands = wb.syncs.flatMap((s) => s.commands);
    expect(commands.filter((c) => /员工$|我的报表/.test(c) && !c.startsWith('add:~tmp') && !c.startsWith('rename:'))).toEqual([]);
  });

  test('a second insert finds every tab: nothing written', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    const bridge = bridgeFor(wb);
    await bridge.insertTemplate('smile-cards');
    const before = wb.names().map((n) => snapshot(wb.find(n)!));
    const syncs = wb.syncs.length;
    const r = await bridge.insertTemplate('smile-cards');
    expect(r.status).toBe('exists');
    expect(r.skipped).toEqual(ZH_TABS);
    expect(wb.names().map((n) => snapshot(wb.find(n)!))).toEqual(before);
    // Only the listing sync.
    expect(wb.syncs.length - syncs).toBe(1);
  });

  test('a tab created between the listing and the write is not overwritten (Excel refuses the rename)', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    // Someone adds 名额 while the write batch runs (after the names were listed).
    wb.failWhen = (command) => {
      if (command === 'add:~tmp 员工' && !wb.find('名额')) {
        wb.sheets.push({ name: '名额', values: [['mine']], formats: [['General']], formulas: new Set(), frozenRows: 0, boldRows: new Set(), notes: new Map() });
      }
      return false;
    };
    const r = await bridgeFor(wb).insertTemplate('smile-cards');
    expect(r.status).toBe('fatal');
    expect(wb.tab('名额')).toEqual([['mine']]);
    expect(wb.names().some((n) => n.startsWith('~tmp'))).toBe(false);
  });

  test('a failing write leaves no temporary sheet and the user tabs as they were', async () => {
    const wb = new FakeWorkbook({ 员工: [['工号', '姓名', '部门', '入职日期'], ['A1', '张三', '客服部', 45306]] });
    const before = snapshot(wb.find('员工')!);
    wb.failWhen = (command) => command === 'values:~tmp 奖惩记录';
    const r = await bridgeFor(wb).insertTemplate('smile-cards');
    expect(r.status).toBe('fatal');
    expect(r.message.en).toMatch(/^The template was not inserted; the tabs already there were not changed: /);
    expect(wb.names()).toEqual(['员工']);
    expect(snapshot(wb.find('员工')!)).toBe(before);
  });

  test('single flight: a second insert while one runs is refused; an unknown preset is fatal', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    const bridge = bridgeFor(wb);
    const first = bridge.insertTemplate('smile-cards');
    const second = await bridge.insertTemplate('smile-cards');
    expect(second.status).toBe('refused');
    expect((await first).status).toBe('inserted');
    const unknown = await bridge.insertTemplate('no-such');
    expect(unknown).toMatchObject({ status: 'fatal', added: [], skipped: [] });
    expect(unknown.message.en).toBe('There is no preset "no-such"; nothing was inserted');
  });

  test('the inserted template computes: Scheme tab in force and valid, no error, winners', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    const bridge = bridgeFor(wb);
    await bridge.insertTemplate('smile-cards');
    const state = await bridge.getState();
    expect(state.scheme).toMatchObject({ source: 'tab', tab: '方案', id: 'smile-cards', valid: true });
    expect(state.defaultPeriod).toBe('2026-Q3');
    expect(state.diagnostics.error).toBe(0);
    const summary = await bridge.compute({ period: '2026-Q3', preset: null });
    expect(summary.status).toBe('computed');
    expect(summary.diagnostics.error).toBe(0);
    expect(summary.winners.length).toBeGreaterThan(0);
  });

  test('English display language and tab names: English tabs', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    const r = await bridgeFor(wb, true, 'en-US').insertTemplate('smile-cards');
    expect(r.added).toEqual(['Staff', 'Feedback', 'Incidents', 'Quotas', 'Appeals', 'Investigations', 'Scheme']);
    expect(wb.find('Feedback')!.notes.get('D1')).toBe('exceeded / met / below (expectations)');
  });
});
