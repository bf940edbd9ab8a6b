/**
 * *Insert template* in the BUILT Code.js against the recording SpreadsheetApp fake:
 * only missing tabs are added (a user's tab stays byte-identical), header notes in
 * one setNotes call per tab, a fixed number of calls per tab whatever its rows,
 * the document lock, and a failure that leaves nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildTemplate } from '../../core/templates/index';
import { loadCode, makeEnv, type CellValue, type FakeEnv, type FakeSheet } from './fake-gas';
import { shanghai } from './fixture';

const root = join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 120000);

type Fn = (...args: unknown[]) => unknown;

function setup(options: Parameters<typeof makeEnv>[0] = {}): { env: FakeEnv; gs: Record<string, Fn> } {
  const env = makeEnv(options);
  return { env, gs: loadCode(env) };
}

interface Result { status: string; message: { zh: string; en: string }; added: string[]; skipped: string[] }

/** Everything a user could see of a sheet: name, position, values, formats, notes, frozen rows, bold cells. */
function snapshot(env: FakeEnv, sheet: FakeSheet): string {
  return JSON.stringify({
    name: sheet.name, index: env.ss.sheets.indexOf(sheet), values: sheet.dump(),
    formats: [...sheet.formats].sort(), notes: [...sheet.notes].sort(), frozen: sheet.frozenRows, bold: [...sheet.bold].sort(),
    formulas: [...sheet.formulas].sort(), maxRows: sheet.maxRows, maxCols: sheet.maxCols,
  });
}

/** Notes of row 1, column by column ('' where none). */
function headerNotes(sheet: FakeSheet): string[] {
  const width = sheet.extent().cols;
  return Array.from({ length: width }, (_, c) => sheet.notes.get(`1,${c + 1}`) ?? '');
}

const ZH_TABS = ['员工', '客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案'];

describe('insertTemplate (Sheets)', () => {
  test('empty workbook: every tab of smile-cards is added with header notes, in a fixed number of calls', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    env.ss.add('Sheet1', []);
    env.log.reset();
    const r = gs.insertTemplate('smile-cards') as Result;
    expect(r.status).toBe('inserted');
    expect(r.added).toEqual(ZH_TABS);
    expect(r.skipped).toEqual([]);
    expect(r.message.zh).toMatch(/^已添加“员工”“客户反馈”“奖惩记录”“名额”“申诉”“调查”“方案”。示例数据属于 \S+，计算该期间即可看到结果$/);
    expect(env.ss.sheets.map((s) => s.name)).toEqual(['Sheet1', ...ZH_TABS]);

    // Staff: the data contract's headers in Chinese (SPEC §1), a note on each, 14 example people.
    const staff = env.ss.byName('员工')!;
    expect(staff.dump()[0]).toEqual(['工号', '姓名', '部门', '组别', '岗位', '职级', '入职日期', '转正日期', '离职日期', '上级工号']);
    expect(staff.dump()).toHaveLength(15);
    const notes = headerNotes(staff);
    expect(notes).toHaveLength(10);
    expect(notes.every((n) => n.length > 0)).toBe(true);
    expect(notes[0]).toContain('必填');
    // Notes sit on the header row only.
    expect([...staff.notes.keys()].every((k) => k.startsWith('1,'))).toBe(true);
    expect(headerNotes(env.ss.byName('客户反馈')!)[3]).toContain('超越');
    // The Scheme tab has no header row, so no notes; its "=" operator stays text, not a formula.
    expect(env.ss.byName('方案')!.notes.size).toBe(0);
    expect(env.ss.byName('方案')!.formulas.size).toBe(0);
    // Input tabs keep the default grid below their rows: the user types there.
    expect(staff.maxRows).toBe(1000);

    // One setValues and one setNumberFormats per tab, one setNotes per input tab: 7 tabs, 6 with notes
    // (Appeals and Investigations, SPEC §10, are headers and notes).
    const h = env.log.histogram();
    expect(h['Spreadsheet.insertSheet']).toBe(7);
    expect(h['Range.setValues']).toBe(7);
    expect(h['Range.setNumberFormats']).toBe(7);
    expect(h['Range.setNotes']).toBe(6);
    expect(h['Spreadsheet.deleteSheet']).toBeUndefined();
    expect(env.log.count('Range.setNotes') + env.log.count('Range.setValues')).toBe(13);
    expect(env.lock).toMatchObject({ acquired: 1, released: 1, held: false });
  });

  test('the number of calls does not depend on the number of rows: 14 per input tab, 2 rows or 32', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    env.ss.add('Sheet1', []);
    env.log.reset();
    gs.insertTemplate('smile-cards');
    // Calls from one insertSheet to the next: insertSheet, getMaxRows, getMaxColumns, getRange,
    // setNumberFormats, setValues, setFrozenRows, getRange, setFontWeight, setColumnWidths,
    // getRange, setNotes (12), then the next tab's getSheetByName and getNumSheets: 14.
    const methods = env.log.calls.map((c) => c.method);
    const starts = methods.flatMap((m, i) => (m === 'Spreadsheet.insertSheet' ? [i] : []));
    expect(starts).toHaveLength(7);
    const segments = starts.slice(0, 6).map((s, i) => starts[i + 1] - s);
    // 员工 15 rows, 客户反馈 32, 奖惩记录 3, 名额 2, 申诉 and 调查 headers only.
    expect(env.ss.sheets.slice(1, 7).map((s) => s.dump().length)).toEqual([15, 32, 3, 2, 1, 1]);
    expect(segments).toEqual([14, 14, 14, 14, 14, 14]);
  });

  test('a workbook with its own 员工 tab: it stays byte-identical, only missing tabs are added (headers only)', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    const mine: CellValue[][] = [
      ['工号', '姓名', '部门', '入职日期', '我的备注'],
      ['A1', '张三', '客服部', shanghai('2024-01-15'), '=HYPERLINK("x")'],
      ['A2', '李四', '客服部', shanghai('2024-03-01'), ''],
    ];
    const staff = env.ss.add('员工', mine);
    staff.notes.set('1,1', '我自己的说明');
    staff.formats.set('2,1', '@');
    staff.frozenRows = 1;
    const report = env.ss.add('我的报表', [['x'], [1]]);
    const before = snapshot(env, staff);
    const beforeReport = snapshot(env, report);
    env.log.reset();

    const r = gs.insertTemplate('smile-cards') as Result;
    expect(r.status).toBe('inserted');
    expect(r.added).toEqual(['客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案']);
    expect(r.skipped).toEqual(['员工']);
    expect(r.message.zh).toBe('已添加“客户反馈”“奖惩记录”“名额”“申诉”“调查”“方案”；已有的“员工”保持不变');
    expect(snapshot(env, env.ss.byName('员工')!)).toBe(before);
    expect(snapshot(env, env.ss.byName('我的报表')!)).toBe(beforeReport);
    expect(env.ss.sheets.map((s) => s.name)).toEqual(['员工', '我的报表', '客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案']);
    // No example rows next to the user's own people: headers and notes only.
    expect(env.ss.byName('客户反馈')!.dump()).toEqual([['日期', '工号', '评分', '评价', '点赞', '客户', '渠道', '内容']]);
    expect(env.log.count('Spreadsheet.deleteSheet')).toBe(0);
    expect(env.log.count('Range.setValues')).toBe(6);
  });

  test('a second insert finds every tab: nothing is written', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    env.ss.add('Sheet1', []);
    gs.insertTemplate('smile-cards');
    const before = env.ss.sheets.map((s) => snapshot(env, s));
    env.log.reset();
    const r = gs.insertTemplate('smile-cards') as Result;
    expect(r.status).toBe('exists');
    expect(r.added).toEqual([]);
    expect(r.skipped).toEqual(ZH_TABS);
    expect(env.ss.sheets.map((s) => snapshot(env, s))).toEqual(before);
    expect(env.log.count('Spreadsheet.insertSheet')).toBe(0);
    expect(env.log.count('Range.setValues')).toBe(0);
  });

  test('English workbook: English tab names and headers, the Scheme tab last', () => {
    const { env, gs } = setup({ locale: 'en_US', userLocale: 'en' });
    env.ss.add('Sheet1', []);
    const r = gs.insertTemplate('weighted-quarterly') as Result;
    expect(r.status).toBe('inserted');
    const expected = buildTemplate('weighted-quarterly', 'en').map((t) => t.name);
    expect(r.added).toEqual(expected);
    expect(expected[0]).toBe('Staff');
    expect(expected[expected.length - 1]).toBe('Scheme');
    expect(env.ss.byName('Staff')!.dump()[0].slice(0, 4)).toEqual(['staff_id', 'name', 'department', 'group']);
  });

  test('the inserted template computes: the Scheme tab is in force and valid, no error diagnostics, winners', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    env.ss.add('Sheet1', []);
    gs.insertTemplate('smile-cards');
    const state = gs.getState() as { scheme: { source: string; tab: string; valid: boolean; id: string }; defaultPeriod: string; diagnostics: { error: number } };
    expect(state.scheme).toMatchObject({ source: 'tab', tab: '方案', valid: true, id: 'smile-cards' });
    expect(state.diagnostics.error).toBe(0);
    const summary = gs.compute({ period: state.defaultPeriod, preset: null }) as { status: string; diagnostics: { error: number }; winners: unknown[] };
    expect(summary.status).toBe('computed');
    expect(summary.diagnostics.error).toBe(0);
    expect(summary.winners.length).toBeGreaterThan(0);
  });

  test('held document lock: refused, nothing read or written', () => {
    const { env, gs } = setup({ locale: 'zh_CN', lockHeld: true });
    env.ss.add('Sheet1', []);
    env.log.reset();
    const r = gs.insertTemplate('smile-cards') as Result;
    expect(r.status).toBe('refused');
    expect(r.added).toEqual([]);
    expect(env.ss.sheets.map((s) => s.name)).toEqual(['Sheet1']);
    expect(env.log.count('Spreadsheet.insertSheet')).toBe(0);
  });

  test('an unknown preset: fatal with its name, nothing written', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    env.ss.add('Sheet1', []);
    const r = gs.insertTemplate('no-such') as Result;
    expect(r.status).toBe('fatal');
    expect(r.message.en).toBe('There is no preset "no-such"; nothing was inserted');
    expect(env.ss.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  test('a write failing on the third tab removes the two tabs already added', () => {
    const { env, gs } = setup({ locale: 'zh_CN' });
    env.ss.add('员工', [['工号', '姓名', '部门', '入职日期'], ['A1', '张三', '客服部', shanghai('2024-01-15')]]);
    const before = snapshot(env, env.ss.byName('员工')!);
    env.log.failOn('Range.setValues', 3, 'Service Spreadsheets failed');
    const r = gs.insertTemplate('smile-cards') as Result;
    expect(r.status).toBe('fatal');
    expect(r.message.en).toBe('The template was not inserted and nothing was changed: Service Spreadsheets failed');
    expect(env.ss.sheets.map((s) => s.name)).toEqual(['员工']);
    expect(snapshot(env, env.ss.byName('员工')!)).toBe(before);
    expect(env.lock).toMatchObject({ acquired: 1, released: 1, held: false });
  });

  test('menu *Insert template…* opens the sidebar on the template picker', () => {
    const { env, gs } = setup({ userLocale: 'en' });
    gs.menuInsertTemplate();
    expect(env.ui.sidebars).toHaveLength(1);
    expect(env.ui.sidebars[0].title).toBe('Service Star');
    expect(env.ui.sidebars[0].content).toContain('<div id="app" data-view="template"></div>');
    gs.showSidebar();
    expect(env.ui.sidebars[1].content).toContain('<div id="app"></div>');
  });
});
