/**
 * Input tabs are never modified (SPEC §5, issue 9), through every adapter, over a full
 * cycle: compute → finalize → compute refused → forced recompute.
 *  - CLI, CSV folder: every input file byte-identical after compute (no --out, --out
 *    elsewhere, --out into the folder itself) and after finalize in place;
 *  - CLI, .xlsx: the source file byte-identical after compute without --out and with
 *    --out elsewhere; the copy's input tabs hold the same values as the source;
 *    `compute wb.xlsx --out wb.xlsx` and `finalize wb.xlsx` keep the workbook's
 *    formulas, formatting and comments (test/cli/xlsx-preserve.test.ts goes further);
 *  - Google Sheets (built Code.js, recording fake): no cell, format, freeze, width or
 *    name of an input sheet is ever written, no input sheet deleted or moved;
 *  - Excel (bridge, recording fake): no request ever targets an input sheet except
 *    reads; values and formats identical.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fromExcelValue } from '../../cli/cells';
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { csvFolder, ensureBuilt, runCli, tempDir } from '../cli/helpers';
import { loadCode, makeEnv, type CellValue } from '../apps-script/fake-gas';
import { FakeWorkbook } from '../office-addin/fake-excel';
import { hostileTabs, toCsvText } from './hostile';

const root = join(__dirname, '..', '..');
const Q3 = ['--period', '2026-Q3', '--preset', 'smile-cards'];
const INPUTS = ['Staff', 'Feedback', 'Incidents'];

beforeAll(() => {
  ensureBuilt();
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 180000);

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function hashes(dir: string, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, sha(join(dir, n))]));
}

function ok(r: { status: number | null; stderr: string }): void {
  expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
}

/** The hostile workbook as CSV files, with BOM and CRLF on one of them (bytes must survive as they are). */
function inputFolder(): { dir: string; files: string[] } {
  const tabs = hostileTabs();
  const files: Record<string, string | Buffer> = {
    'Staff.csv': `\ufeff${toCsvText(tabs.Staff).replace(/\n/g, '\r\n')}`,
    'Feedback.csv': toCsvText(tabs.Feedback),
    'Incidents.csv': toCsvText(tabs.Incidents),
    'My notes.csv': 'anything,=1+1\r\n',
  };
  return { dir: csvFolder(files), files: Object.keys(files) };
}

describe('CLI, CSV folder', () => {
  test('input files are byte-identical after compute (no --out, --out elsewhere, --out into the folder), finalize, refusal and --force', () => {
    const { dir, files } = inputFolder();
    const before = hashes(dir, files);
    ok(runCli(['compute', dir, ...Q3, '--json']));
    expect(hashes(dir, files)).toEqual(before);
    ok(runCli(['compute', dir, ...Q3, '--out', join(tempDir(), 'elsewhere')]));
    expect(hashes(dir, files)).toEqual(before);
    ok(runCli(['compute', dir, ...Q3, '--out', dir]));
    expect(hashes(dir, files)).toEqual(before);
    expect(readdirSync(dir)).toContain('Runs.csv');
    ok(runCli(['finalize', dir, '--period', '2026-Q3']));
    expect(hashes(dir, files)).toEqual(before);
    expect(runCli(['compute', dir, ...Q3, '--out', dir]).status).toBe(2);
    ok(runCli(['compute', dir, ...Q3, '--out', dir, '--force']));
    expect(hashes(dir, files)).toEqual(before);
  });
});

/** Cell values of every tab of an .xlsx, formulas as their cached values (what a run reads); an empty text is an empty cell. */
async function xlsxValues(path: string): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => { cells[c - 1] = fromExcelValue(cell.value, cell.numFmt); });
      const line = Array.from(cells, (v) => (v instanceof Date ? v.toISOString() : v === '' ? null : v ?? null));
      while (line.length && line[line.length - 1] === null) line.pop();
      rows[r - 1] = line;
    });
    out[ws.name] = Array.from(rows, (r) => r ?? []);
  });
  return out;
}

/** An .xlsx of the hostile workbook with a formula, a style, a comment and a real date. */
async function sourceXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(hostileTabs())) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  }
  const staff = wb.getWorksheet('Staff')!;
  staff.getCell('F2').value = new Date(Date.UTC(2024, 0, 15));
  staff.getCell('F2').numFmt = 'yyyy-mm-dd';
  staff.getCell('C2').value = { formula: 'UPPER("care")', result: 'Care' } as ExcelJS.CellFormulaValue;
  staff.getCell('B3').font = { bold: true, color: { argb: 'FFFF0000' } };
  staff.getCell('A1').note = 'ids as in payroll';
  staff.getColumn(2).width = 40;
  const notes = wb.addWorksheet('My notes');
  notes.addRow(['total', { formula: 'SUM(1,2)', result: 3 }]);
  const path = join(tempDir(), 'book.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('CLI, .xlsx', () => {
  test('the source file is byte-identical after compute; the copy holds the input tabs\' values as read', async () => {
    const src = await sourceXlsx();
    const before = sha(src);
    ok(runCli(['compute', src, ...Q3, '--json']));
    expect(sha(src)).toBe(before);
    const out = join(tempDir(), 'result.xlsx');
    ok(runCli(['compute', src, ...Q3, '--out', out]));
    expect(sha(src)).toBe(before);
    const a = await xlsxValues(src);
    const b = await xlsxValues(out);
    for (const name of [...INPUTS, 'My notes']) expect([name, b[name]]).toEqual([name, a[name]]);
  });

  test('compute wb.xlsx --out wb.xlsx and finalize wb.xlsx keep the workbook\'s formulas, formatting and comments', async () => {
    const src = await sourceXlsx();
    const copy = join(tempDir(), 'copy.xlsx');
    copyFileSync(src, copy);
    ok(runCli(['compute', copy, ...Q3, '--out', copy]));
    ok(runCli(['finalize', copy, '--period', '2026-Q3']));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    const staff = wb.getWorksheet('Staff')!;
    expect(staff.getCell('C2').formula).toBe('UPPER("care")');
    expect(staff.getCell('B3').font?.bold).toBe(true);
    expect(staff.getCell('A1').note).toBe('ids as in payroll');
    expect(staff.getColumn(2).width).toBe(40);
    expect(wb.getWorksheet('My notes')!.getCell('B1').formula).toBe('SUM(1,2)');
  });
});

describe('Google Sheets adapter (built Code.js, recording fake)', () => {
  test('nothing of an input sheet is ever written over compute, finalize, refusal and forced recompute', () => {
    const env = makeEnv({ locale: 'en_US' });
    const tabs = hostileTabs();
    for (const [name, rows] of Object.entries(tabs)) env.ss.add(name, rows as CellValue[][]);
    env.ss.add('My notes', [['anything', 'x']]);
    const inputs = [...INPUTS, 'My notes'].map((n) => env.ss.byName(n)!);
    const writes: string[] = [];
    for (const sheet of inputs) {
      const put = sheet.put.bind(sheet);
      sheet.put = (r, c, v) => { writes.push(`${sheet.name}!${r},${c}`); put(r, c, v); };
    }
    const state = () => inputs.map((s) => ({
      name: s.name, index: env.ss.sheets.indexOf(s), values: s.dump(), formats: [...s.formats], frozen: s.frozenRows, widths: [...s.columnWidths], bold: [...s.bold],
    }));
    const before = state();
    const gs = loadCode(env);
    const q3 = { period: '2026-Q3', preset: 'smile-cards' };
    expect((gs.compute(q3) as { status: string }).status).toBe('computed');
    expect((gs.finalize('2026-Q3') as { status: string }).status).toBe('final');
    expect((gs.compute(q3) as { status: string }).status).toBe('refused');
    expect((gs.compute({ ...q3, force: true }) as { status: string }).status).toBe('computed');
    expect(writes).toEqual([]);
    expect(state()).toEqual(before);
    const inputNames = new Set(inputs.map((s) => s.name));
    expect(env.log.calls.filter((c) => (c.method === 'Spreadsheet.deleteSheet' || c.method === 'Sheet.setName') && inputNames.has(String(c.args[0])))).toEqual([]);
    expect(env.ss.sheets.slice(0, 4).map((s) => s.name)).toEqual([...INPUTS, 'My notes']);
  });
});

describe('Excel adapter (bridge, recording fake)', () => {
  test('no request targets an input sheet except reads, over compute, finalize, refusal and forced recompute', async () => {
    const wb = new FakeWorkbook({ ...hostileTabs(), 'My notes': [['anything', '=not a formula here']] });
    const inputs = [...INPUTS, 'My notes'];
    const state = () => inputs.map((n) => { const s = wb.find(n)!; return { values: s.values, formats: s.formats, formulas: [...s.formulas], frozen: s.frozenRows, bold: [...s.boldRows] }; });
    const before = JSON.stringify(state());
    const bridge = createExcelBridge({ run: wb.run, now: () => '2026-10-08T09:00:00.000Z' });
    const q3 = { period: '2026-Q3', preset: 'smile-cards' };
    expect((await bridge.compute(q3)).status).toBe('computed');
    expect((await bridge.finalize('2026-Q3')).status).toBe('final');
    expect((await bridge.compute(q3)).status).toBe('refused');
    expect((await bridge.compute({ ...q3, force: true })).status).toBe('computed');
    const touching = wb.syncs.flatMap((s) => s.commands).filter((c) => {
      if (/^(load|resolve)/.test(c)) return false;
      const target = c.slice(c.indexOf(':') + 1).split('->')[0];
      return inputs.includes(target);
    });
    expect(touching).toEqual([]);
    expect(JSON.stringify(state())).toBe(before);
    expect(wb.names().slice(0, 4)).toEqual(inputs);
  });
});
