/**
 * The direct SpreadsheetML writer of `--out x.xlsx` (cli/xlsx-values-writer.ts)
 * against exceljs's streaming writer it replaces (cli/xlsx-writer.ts writeXlsx):
 * the same workbook read back by exceljs and by our own reader — values, number
 * formats, bold frozen header, widths, links as hyperlinks, page breaks, data
 * bars — text like `=HYPERLINK("x")` stays a string, the same input gives the
 * same bytes, and saveOutputs uses it for an .xlsx too large to rewrite whole.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import type { OutputTab, RawTab } from '../../core/types';
import { CliError } from '../../cli/errors';
import { saveOutputs } from '../../cli/hosts';
import { readXlsx, XlsxHost } from '../../cli/xlsx-host';
import { valuesWriterCovers, writeValuesXlsx } from '../../cli/xlsx-values-writer';
import { writeXlsx } from '../../cli/xlsx-writer';
import { crc32Js } from '../../cli/zip-writer';
import { tempDir } from './helpers';
import { cellLinks } from '../../core/output/cell-links';
import { xlsxLinks } from './xlsx-links';

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));
const NOW = new Date('2026-10-08T09:00:00Z');

const INPUTS: RawTab[] = [
  {
    name: '员工',
    rows: [
      ['工号', '姓名', '入职日期', '分数', '在职', '备注'],
      ['S01', '张三', utc(2024, 3, 1), 4.5, true, '  两边有空格 '],
      ['S02', '=HYPERLINK("x")', utc(2026, 7, 1, 13, 30), -0.125, false, '第一行\n第二行\r\n第三行'],
      ['S03', '+1 不是公式', null, 1e-7, null, 'a & b < c > d "e" \'f\''],
      [null, null, null, null, null, null],
      ['S04', '@user', utc(1900, 3, 1), 123456789012, null, '字面 _x000D_ 与 _x005F_'],
      ['S05', '-5', null, 0, null, 'x'.repeat(40000)],
    ],
  },
  { name: "O'Brien's tab", rows: [['a', 'b'], [1, 'tab\there'], ['ctl\u0001char', null]] },
  { name: '排名 2026-Q3', rows: [['old']] },
];

const OUTPUTS: OutputTab[] = [
  {
    name: '排名 2026-Q3', kind: 'ranking', formats: ['integer', 'text', 'money', 'percent', 'date', 'number', 'stars'],
    rows: [
      ['名次', '姓名', '奖金', '占比', '日期', '分数', null],
      [1, '=HYPERLINK("x")', 800, 0.25, utc(2026, 9, 30), 4.5, 3],
      [2, '张三', 1333.33, 1, null, 92.125, 0],
      [3, '-李四', 0, 0, null, null, 5],
    ],
    charts: [{ title: '奖金', fromRow: 1, toRow: 4, categoryCol: 1, valueCols: [2, 3], anchorRow: 0, anchorCol: 8 }],
    pageBreaks: [2],
  },
  {
    name: '个人说明 2026-Q3', kind: 'statements', formats: ['text', 'text'],
    rows: [['说明', '行'], ['张三', "O'Brien's tab 第 2 行"], ['李四', '员工 第 3 行'], ['王五', null]],
    links: cellLinks([
      { row: 1, col: 1, tab: "O'Brien's tab", at: 2 },
      { row: 2, col: 1, tab: '员工', at: 3 },
    ]),
    pageBreaks: [2, 3],
  },
  { name: '数据检查 2026-Q3', kind: 'datacheck', formats: ['text'], rows: [['级别'], ['错误']] },
];

/**
 * Every cell exceljs reads, per sheet: address → value, number format, bold. A
 * linked cell counts as its text: exceljs follows only one of the two ways to
 * write a link (the links are compared with xlsxLinks).
 */
async function exceljsCells(path: string): Promise<Record<string, Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Record<string, Record<string, unknown>> = {};
  for (const ws of wb.worksheets) {
    const cells: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => {
      const value = c.value !== null && typeof c.value === 'object' && 'hyperlink' in c.value ? c.value.text : c.value;
      cells[c.address] = { value, numFmt: c.numFmt ?? null, bold: c.font?.bold ?? false, formula: c.formula ?? null };
    }));
    out[ws.name] = cells;
  }
  return out;
}

async function exceljsSheets(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function zipTexts(path: string): Map<string, string> {
  // Our own zip listing (cli/zip-entries.ts) to look inside the written parts.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { zipEntries, entryBytes } = require('../../cli/zip-entries') as typeof import('../../cli/zip-entries');
  const buf = readFileSync(path);
  const out = new Map<string, string>();
  for (const [name, e] of zipEntries(buf)) out.set(name, entryBytes(buf, e).toString('utf8'));
  return out;
}

describe('the values writer against exceljs’s writer', () => {
  let ours: string;
  let theirs: string;
  beforeAll(async () => {
    const dir = tempDir();
    ours = join(dir, 'ours.xlsx');
    theirs = join(dir, 'theirs.xlsx');
    await writeValuesXlsx(ours, INPUTS, OUTPUTS, { now: NOW });
    await writeXlsx(theirs, INPUTS, OUTPUTS, { now: NOW });
  });

  test('exceljs reads back the same cells: values, number formats, bold header, no formula', async () => {
    const a = await exceljsCells(ours);
    const b = await exceljsCells(theirs);
    expect(Object.keys(a)).toEqual(['员工', "O'Brien's tab", '排名 2026-Q3', '个人说明 2026-Q3', '数据检查 2026-Q3']);
    // Where ours keeps what exceljs's writer lost: a literal `_x000D_` (exceljs leaves it unescaped, so it reads
    // back as a CR) and a CR in text (exceljs writes it raw, and XML reads CR LF as LF).
    const literal = '字面 _x000D_ 与 _x005F_';
    expect((a['员工'].F6 as { value: unknown }).value).toBe(literal);
    expect((b['员工'].F6 as { value: unknown }).value).not.toBe(literal);
    expect((a['员工'].F3 as { value: unknown }).value).toBe('第一行\n第二行\r\n第三行');
    expect((b['员工'].F3 as { value: unknown }).value).toBe('第一行\n第二行\n第三行');
    for (const x of [a, b]) {
      delete x['员工'].F6;
      delete x['员工'].F3;
    }
    expect(a).toEqual(b);
    for (const sheet of Object.values(a)) for (const c of Object.values(sheet)) expect((c as { formula: unknown }).formula).toBeNull();
  });

  test('our reader reads back the input tabs as they were and the outputs as written', async () => {
    const back = await readXlsx(ours);
    const ref = await readXlsx(theirs);
    expect(back.map((t) => t.name)).toEqual(ref.map((t) => t.name));
    const staff = INPUTS[0].rows.map((r) => r.map((v) => (typeof v === 'string' && v.length > 32767 ? v.slice(0, 32767) : v)));
    expect(back[0].rows).toEqual(staff);
    // Control characters XML cannot hold are dropped, as exceljs drops them.
    expect(back[1].rows).toEqual([['a', 'b'], [1, 'tab\there'], ['ctlchar', null]]);
    expect(back[2].rows).toEqual(OUTPUTS[0].rows);
    expect(back[3].rows).toEqual(OUTPUTS[1].rows);
    expect(back[4].rows).toEqual(OUTPUTS[2].rows);
    for (const i of [1, 2, 3, 4]) expect(back[i].rows).toEqual(ref[i].rows);
  });

  test('cell links are hyperlinks into the workbook (never formulas), to the places exceljs linked', async () => {
    // Ours as Excel writes a place in the workbook (`location`, no relationship); exceljs's as a relationship to `#…`.
    const expected = new Map([['B2', "'O''Brien''s tab'!A2"], ['B3', "'员工'!A3"]]);
    expect(xlsxLinks(ours).get('个人说明 2026-Q3')).toEqual(expected);
    expect(xlsxLinks(theirs).get('个人说明 2026-Q3')).toEqual(expected);
    const wb = await exceljsSheets(ours);
    const ws = wb.getWorksheet('个人说明 2026-Q3')!;
    expect(ws.getCell('B2').value).toBe("O'Brien's tab 第 2 行");
    expect(ws.getCell('B2').formula).toBeUndefined();
    const parts = zipTexts(ours);
    const sheet = [...parts.entries()].find(([, t]) => t.includes('<hyperlink '))!;
    expect(sheet[1]).toContain(`<hyperlink ref="B2" location="'O''Brien''s tab'!A2"/>`);
    expect([...parts.keys()].filter((n) => n.startsWith('xl/worksheets/_rels/'))).toEqual([]);
    for (const [, text] of parts) expect(text).not.toMatch(/<f[ >]/);
  });

  test('frozen bold header and column widths on outputs only; input tabs keep no view', async () => {
    const a = await exceljsSheets(ours);
    const b = await exceljsSheets(theirs);
    for (const name of ['排名 2026-Q3', '个人说明 2026-Q3', '数据检查 2026-Q3']) {
      const wa = a.getWorksheet(name)!;
      const wbb = b.getWorksheet(name)!;
      expect(wa.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      // exceljs's writer leaves out a width of exactly 9 (its idea of the default); ours writes every width.
      expect(wa.columns.map((c) => c.width)).toEqual(wbb.columns.map((c) => c.width ?? 9));
      expect(wa.getCell('A1').font?.bold).toBe(true);
    }
    expect((a.getWorksheet('员工')!.views ?? []).some((v) => v.state === 'frozen')).toBe(false);
    expect(a.getWorksheet('员工')!.getCell('C3').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(a.getWorksheet('员工')!.getCell('B3').numFmt).toBe('@');
  });

  test('page breaks and data bars on the same rows and ranges', async () => {
    const parts = zipTexts(ours);
    const theirsParts = zipTexts(theirs);
    const breaks = (t: Map<string, string>) => [...t.values()].map((x) => [...x.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]))).filter((l) => l.length > 0);
    expect(breaks(parts)).toEqual(breaks(theirsParts));
    expect(breaks(parts)).toEqual([[2], [2, 3]]);
    const bars = async (p: string) => {
      const ws = (await exceljsSheets(p)).getWorksheet('排名 2026-Q3')!;
      const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
      return cf.filter((c) => c.rules.some((r) => r.type === 'dataBar')).map((c) => c.ref);
    };
    expect(await bars(ours)).toEqual(['C2:C4', 'D2:D4']);
    expect(await bars(ours)).toEqual(await bars(theirs));
  });

  test('an injected formula name is a string cell with the Text format in inputs and outputs', async () => {
    const wb = await exceljsSheets(ours);
    for (const [sheet, address] of [['员工', 'B3'], ['员工', 'B4'], ['员工', 'B6'], ['员工', 'B7'], ['排名 2026-Q3', 'B2'], ['排名 2026-Q3', 'B4']] as const) {
      const cell = wb.getWorksheet(sheet)!.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    }
    expect(wb.getWorksheet('排名 2026-Q3')!.getCell('B2').value).toBe('=HYPERLINK("x")');
  });

  test('the same input gives the same bytes (fixed time stamps), also at another level of compression', async () => {
    const dir = tempDir();
    await writeValuesXlsx(join(dir, 'a.xlsx'), INPUTS, OUTPUTS, { now: NOW });
    await writeValuesXlsx(join(dir, 'b.xlsx'), INPUTS, OUTPUTS, { now: NOW });
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(ours))).toBe(true);
    expect(readFileSync(join(dir, 'b.xlsx')).equals(readFileSync(ours))).toBe(true);
    await writeValuesXlsx(join(dir, 'c.xlsx'), INPUTS, OUTPUTS, { now: NOW, level: 6 });
    expect(await readXlsx(join(dir, 'c.xlsx'))).toEqual(await readXlsx(ours));
    expect(zipTexts(ours).get('docProps/core.xml')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-08T09:00:00Z</dcterms:created>');
  });

  test('a file that cannot be written is refused in one line and leaves no temporary file', async () => {
    await expect(writeValuesXlsx('/no/such/dir/out.xlsx', INPUTS, OUTPUTS)).rejects.toThrow(CliError);
    try {
      await writeValuesXlsx('/no/such/dir/out.xlsx', INPUTS, OUTPUTS);
    } catch (err) {
      expect((err as CliError).en).toMatch(/^Cannot write \/no\/such\/dir\/out\.xlsx \(ENOENT\)/);
    }
    const dir = tempDir();
    await writeValuesXlsx(join(dir, 'x.xlsx'), INPUTS, OUTPUTS);
    expect(readdirSync(dir)).toEqual(['x.xlsx']);
  });

  test('parts larger than one chunk (1 MB) round-trip: many rows, long multi-byte strings', async () => {
    const rows: (string | number)[][] = [['id', '文本', 'n']];
    for (let i = 0; i < 20000; i++) rows.push([`S${i}`, `${'服务之星'.repeat(i % 50)}${i}`, i / 7]);
    rows.push(['long', '长'.repeat(32767), 0]);
    const tabs: RawTab[] = [{ name: '大表', rows }];
    const path = join(tempDir(), 'big.xlsx');
    await writeValuesXlsx(path, tabs, [], { now: NOW });
    expect((await readXlsx(path))[0].rows).toEqual(rows);
  });

  test('the CRC used on Node releases without zlib.crc32 is the same sum', () => {
    const z = (zlib as { crc32?: (b: Buffer, v?: number) => number }).crc32;
    const data = Buffer.from('服务之星 — any bytes \u0000\u00ff'.repeat(50), 'utf8');
    expect(crc32Js(data, 0)).toBe(0xffffffff & crc32Js(data, 0));
    if (z) {
      expect(crc32Js(data, 0)).toBe(z(data, 0));
      expect(crc32Js(data.subarray(7), crc32Js(data.subarray(0, 7), 0))).toBe(z(data, 0));
    }
    expect(crc32Js(Buffer.from('123456789'), 0)).toBe(0xcbf43926);
  });
});

describe('cell links given out of cell order', () => {
  test('each linked cell gets its first link, in cell order, whatever order they came in', async () => {
    const path = join(tempDir(), 'order.xlsx');
    const tab: OutputTab = {
      name: 'Statements 2026-Q3', kind: 'statements', formats: ['text', 'text', 'text'],
      rows: [['Item', 'Row', 'Row'], ['a', 'Feedback row 9', 'Feedback row 4'], ['b', 'Incidents row 2', null]],
      // Reversed, a link for a cell past the row's end, and a second link for B2 (the first given wins).
      links: cellLinks([
        { row: 2, col: 5, tab: 'Feedback', at: 99 },
        { row: 2, col: 1, tab: 'Incidents', at: 2 },
        { row: 1, col: 2, tab: 'Feedback', at: 4 },
        { row: 1, col: 1, tab: 'Feedback', at: 9 },
        { row: 1, col: 1, tab: 'Incidents', at: 1 },
      ]),
    };
    await writeValuesXlsx(path, [{ name: 'Feedback', rows: [['x']] }, { name: 'Incidents', rows: [['y']] }], [tab], { now: NOW });
    expect([...xlsxLinks(path).get('Statements 2026-Q3')!]).toEqual([['B2', "'Feedback'!A9"], ['C2', "'Feedback'!A4"], ['B3', "'Incidents'!A2"]]);
    const sheet = [...zipTexts(path).values()].find((t) => t.includes('<hyperlinks>'))!;
    expect(sheet.match(/<hyperlink /g)).toHaveLength(3);
  });
});

describe('which writer --out uses', () => {
  test('header notes (templates) are left to exceljs', () => {
    expect(valuesWriterCovers(OUTPUTS)).toBe(true);
    expect(valuesWriterCovers([{ ...OUTPUTS[2], notes: ['填写级别'] }])).toBe(false);
    expect(valuesWriterCovers([{ ...OUTPUTS[2], notes: [null] }])).toBe(true);
  });

  test('an .xlsx source too large to rewrite whole is copied part by part, its outputs written by this writer\'s sheet writer', async () => {
    const dir = tempDir();
    const src = join(dir, 'big.xlsx');
    await writeXlsx(src, INPUTS.slice(0, 2), []);
    const out = join(dir, 'copy.xlsx');
    const copy: (string | null)[] = [];
    expect(await saveOutputs(out, new XlsxHost(src), OUTPUTS, { fullRewriteMaxBytes: 10, now: NOW, onCopy: (w) => copy.push(w) })).toEqual([out]);
    // cli/xlsx-copy-writer.ts wrote it (test/cli/xlsx-copy-writer.test.ts; its fallback to this writer is tested there too).
    expect(copy).toEqual([null]);
    expect(zipTexts(out).has('xl/theme/theme1.xml')).toBe(true);
    const back = await readXlsx(out);
    expect(back.map((t) => t.name)).toEqual(['员工', "O'Brien's tab", '排名 2026-Q3', '个人说明 2026-Q3', '数据检查 2026-Q3']);
    expect(back[3].rows).toEqual(OUTPUTS[1].rows);
    expect(existsSync(`${out}.${process.pid}.tmp`)).toBe(false);
  });
});
