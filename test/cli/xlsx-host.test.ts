/** The xlsx host and writer: cell kinds, tab order, merged cells, refusals, round trip, formats, text for = + - @. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { OutputTab, RawTab } from '../../core/types';
import { CliError } from '../../cli/errors';
import { readXlsx, XlsxHost } from '../../cli/xlsx-host';
import { writeXlsx } from '../../cli/xlsx-writer';
import { garbageBytes, tempDir } from './helpers';

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A workbook with every cell kind a user's file holds. */
async function fixture(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const staff = wb.addWorksheet('员工');
  staff.addRow(['工号', '姓名', '入职日期', '分数', '在职', '备注']);
  staff.addRow(['S01', { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }, utc(2024, 3, 1), 4.5, true, { text: '主页', hyperlink: 'http://example.invalid' }]);
  staff.addRow(['S02', '=HYPERLINK("x")', utc(2026, 7, 1), { formula: '2+2', result: 4 }, false, { error: '#N/A' }]);
  staff.addRow([' s03 ', '  李四 ', '2026/7/1', '85%', null, null]);
  staff.getCell('C2').numFmt = 'yyyy-mm-dd';
  staff.getCell('C3').numFmt = 'yyyy-mm-dd';
  staff.getCell('F6').value = 'far';
  const second = wb.addWorksheet('Feedback');
  second.addRow(['date', 'staff_id']);
  second.addRow([utc(2026, 8, 2), 'S01']);
  second.getCell('A2').numFmt = 'yyyy-mm-dd';
  wb.addWorksheet('空白');
  // Tab order differs from creation order: move Feedback first.
  (second as unknown as { orderNo: number }).orderNo = -1;
  const path = join(dir, 'fixture.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

const EXPECTED_STAFF = [
  ['工号', '姓名', '入职日期', '分数', '在职', '备注'],
  ['S01', '张三', utc(2024, 3, 1), 4.5, true, '主页'],
  ['S02', '=HYPERLINK("x")', utc(2026, 7, 1), 4, false, '#N/A'],
  [' s03 ', '  李四 ', '2026/7/1', '85%', null, null],
  [null, null, null, null, null, null],
  [null, null, null, null, null, 'far'],
];

async function refusal(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CliError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('reading .xlsx', () => {
  let path: string;
  beforeAll(async () => {
    path = await fixture(tempDir());
  });

  test('every cell kind becomes a plain cell; tabs come in workbook order; empty tab has no rows', async () => {
    const tabs = await readXlsx(path);
    expect(tabs.map((t) => t.name)).toEqual(['Feedback', '员工', '空白']);
    expect(tabs[1].rows).toEqual(EXPECTED_STAFF);
    expect(tabs[0].rows).toEqual([['date', 'staff_id'], [utc(2026, 8, 2), 'S01']]);
    expect(tabs[2].rows).toEqual([]);
  });

  test('merged cells: only the top-left cell holds the value, as Sheets and Excel return them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Staff');
    ws.addRow(['staff_id', 'department']);
    ws.addRow(['S01', '客服部']);
    ws.addRow(['S02', null]);
    ws.mergeCells('B2:B3');
    const p = join(tempDir(), 'merged.xlsx');
    await wb.xlsx.writeFile(p);
    const want = [['staff_id', 'department'], ['S01', '客服部'], ['S02', null]];
    expect((await readXlsx(p))[0].rows).toEqual(want);
  });

  test('the host lists and reads tabs by name', async () => {
    const host = new XlsxHost(path);
    expect(await host.listTabs()).toEqual(['Feedback', '员工', '空白']);
    expect((await host.readTabs(['员工', 'missing'])).map((t) => t.name)).toEqual(['员工']);
  });

  test('an .xlsx tab is read only when asked for, and once: listing reads none, a run reads only its tabs', async () => {
    const counts: number[] = [];
    const host = new XlsxHost(path, { onRows: (rows) => counts.push(rows) });
    expect(await host.listTabs()).toEqual(['Feedback', '员工', '空白']);
    expect(counts).toEqual([]);
    expect((await host.readTabs(['Feedback']))[0].rows).toHaveLength(2);
    expect(counts[counts.length - 1]).toBe(2);
    const first = (await host.readTabs(['Feedback']))[0];
    expect(counts[counts.length - 1]).toBe(2);
    expect((await host.allTabs()).map((t) => t.rows.length)).toEqual([2, EXPECTED_STAFF.length, 0]);
    expect(counts[counts.length - 1]).toBe(2 + EXPECTED_STAFF.length);
    // The same tab object however often it is asked for (read once).
    expect((await host.allTabs())[0]).toBe(first);
  });

  test('missing file, garbage, a truncated zip and a damaged old-format file are refused in one line', async () => {
    const dir = tempDir();
    expect((await refusal(readXlsx(join(dir, 'none.xlsx')))).en).toBe(`${join(dir, 'none.xlsx')} does not exist`);
    writeFileSync(join(dir, 'garbage.xlsx'), garbageBytes(3000));
    expect((await refusal(readXlsx(join(dir, 'garbage.xlsx')))).en).toBe('garbage.xlsx is not a workbook file (unrecognised content; .xlsx, .xls and .ods can be read)');
    writeFileSync(join(dir, 'broken.xlsx'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), garbageBytes(3000)]));
    const broken = await refusal(readXlsx(join(dir, 'broken.xlsx')));
    expect(broken.en).toMatch(/^Cannot read broken\.xlsx: the file is damaged or not a valid \.xlsx file \(/);
    expect(broken.en).not.toMatch(/\n/);
    expect(broken.zh).toMatch(/^无法读取“broken\.xlsx”：文件已损坏或不是有效的 \.xlsx 文件（缺少压缩包目录/);
    writeFileSync(join(dir, 'old.xlsx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), garbageBytes(100)]));
    const old = await refusal(readXlsx(join(dir, 'old.xlsx')));
    expect(old.en).toMatch(/^Cannot read old\.xlsx: the file is damaged or not a valid \.xls file \(/);
    expect(old.zh).toBe('无法读取“old.xlsx”：文件已损坏或不是有效的 .xls 文件');
  });
});

describe('writing --out .xlsx', () => {
  const inputs: RawTab[] = [
    { name: '员工', rows: EXPECTED_STAFF },
    { name: '说明', rows: [['只是说明'], ['+1 不是公式'], ['@user'], ['-5']] },
    { name: '排名 2026-Q3', rows: [['old']] },
  ];
  const outputs: OutputTab[] = [
    {
      name: '排名 2026-Q3', kind: 'ranking', formats: ['integer', 'text', 'money', 'percent', 'date'],
      rows: [['名次', '姓名', '奖金', '占比', '日期'], [1, '=HYPERLINK("x")', 800, 0.25, utc(2026, 9, 30)], [2, '张三', 1333.33, 1, null]],
    },
    { name: '数据检查 2026-Q3', kind: 'datacheck', formats: ['text'], rows: [['级别'], ['错误']] },
  ];
  let path: string;
  beforeAll(async () => {
    path = join(tempDir(), 'result.xlsx');
    await writeXlsx(path, inputs, outputs, { now: new Date('2026-10-08T09:00:00Z') });
  });

  test('input tabs read back with the same values; an output of the same name replaces its tab in place', async () => {
    const back = await readXlsx(path);
    expect(back.map((t) => t.name)).toEqual(['员工', '说明', '排名 2026-Q3', '数据检查 2026-Q3']);
    expect(back[0].rows).toEqual(EXPECTED_STAFF);
    expect(back[1].rows).toEqual(inputs[1].rows);
    expect(back[2].rows).toEqual(outputs[0].rows);
    expect(back[3].rows).toEqual(outputs[1].rows);
  });

  test('text that looks like a formula is a string cell with Text format, never a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    for (const [sheet, address] of [['员工', 'B3'], ['排名 2026-Q3', 'B2'], ['说明', 'A2'], ['说明', 'A3'], ['说明', 'A4']] as const) {
      const cell = wb.getWorksheet(sheet)!.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    }
  });

  test('output formats and a frozen header; input tabs are not restyled', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ranking = wb.getWorksheet('排名 2026-Q3')!;
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ranking.getCell('A2').numFmt).toBe('0');
    expect(ranking.getCell('C2').numFmt).toBe('#,##0.00');
    expect(ranking.getCell('D2').numFmt).toBe('0.00%');
    expect(ranking.getCell('E2').numFmt).toBe('yyyy-mm-dd');
    expect(ranking.getCell('A1').font?.bold).toBe(true);
    const staff = wb.getWorksheet('员工')!;
    expect((staff.views ?? []).some((v) => v.state === 'frozen')).toBe(false);
    expect(staff.getCell('C2').numFmt).toBe('yyyy-mm-dd');
  });

  test('no formula element anywhere in the written sheets', async () => {
    // Read the zip with the unzipper exceljs itself depends on (no system unzip needed).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const unzipper = require('unzipper') as { Open: { file(p: string): Promise<{ files: { path: string; buffer(): Promise<Buffer> }[] }> } };
    const dir = await unzipper.Open.file(path);
    const sheets = dir.files.filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f.path));
    expect(sheets.length).toBe(4);
    for (const f of sheets) expect((await f.buffer()).toString('utf8')).not.toMatch(/<f[ >]/);
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  test('an unwritable path is refused in one line and leaves no temporary file', async () => {
    const err = await refusal(writeXlsx('/no/such/dir/out.xlsx', inputs, outputs));
    expect(err.en).toMatch(/^Cannot write \/no\/such\/dir\/out\.xlsx \(/);
  });
});
