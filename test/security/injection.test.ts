/**
 * Injection (issue 9): names, groups, departments and cell values that begin with
 * = + - @ or contain HTML arrive as plain text in every output, through every adapter,
 * on one hostile workbook (hostile.ts, worked by hand):
 *  - CLI `--out result.xlsx`: string cells (exceljs type String), never a formula, Text
 *    format (@) on the formula-like ones; no <f> element in any sheet XML;
 *  - CLI `--out folder`: every CSV field that begins with = + - @ is either an
 *    apostrophe-guarded text or a plain number;
 *  - Google Sheets (built Code.js + recording fake): no cell became a formula; every
 *    formula-like string was written into a cell formatted '@' (format before value);
 *  - Excel (bridge + recording fake): every string cell has number format '@', no formula.
 * The UI (shared sidebar / task pane) is covered in Chromium by test/ui/sidebar.test.ts
 * (an HTML staff name in the winners and as a tab name) and test/security/ui-injection.test.ts
 * (this workbook computed in the real task pane).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { csvFolder, ensureBuilt, runCli, tempDir } from '../cli/helpers';
import { loadCode, makeEnv } from '../apps-script/fake-gas';
import { FakeWorkbook } from '../office-addin/fake-excel';
import { FORMULA_LIKE, HOSTILE, NAMES, PAYMENTS, hostileTabs, toCsvText } from './hostile';

const root = join(__dirname, '..', '..');
const Q3 = ['--period', '2026-Q3', '--preset', 'smile-cards'];
const INPUTS = ['Staff', 'Feedback', 'Incidents'];

beforeAll(() => {
  ensureBuilt();
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 180000);

function hostileFolder(): string {
  return csvFolder(Object.fromEntries(Object.entries(hostileTabs()).map(([name, rows]) => [`${name}.csv`, toCsvText(rows)])));
}

/** Which of the hostile texts appear in a set of cell strings. */
function found(strings: Iterable<string>): string[] {
  const all = [...strings];
  return HOSTILE.filter((h) => all.some((s) => s === h || s.includes(h))).sort();
}

describe('CLI', () => {
  test('--json: the hand-worked payments, names untouched', () => {
    const r = runCli(['compute', hostileFolder(), ...Q3, '--json']);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { awards: { staff_id: string; amount: number }[]; diagnostics: { code: string; tab: string; row: number; value: string }[] };
    expect(result.awards.map((a) => [a.staff_id, a.amount])).toEqual(PAYMENTS);
    expect(result.diagnostics.filter((d) => d.code === 'bad_date' || d.code === 'unknown_type').map((d) => [d.code, d.tab, d.row, d.value]))
      .toEqual([['bad_date', 'Feedback', 7, '=TODAY()'], ['unknown_type', 'Incidents', 2, '+danger']]);
  });

  test('--out result.xlsx: every hostile text is a string cell, formula-like ones in Text format, no formula anywhere', async () => {
    const out = join(tempDir(), 'result.xlsx');
    const r = runCli(['compute', hostileFolder(), ...Q3, '--out', out]);
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const outputs: string[] = [];
    let formulaLike = 0;
    wb.eachSheet((ws) => ws.eachRow((row, rowNumber) => row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      expect(cell.formula).toBeUndefined();
      if (typeof cell.value !== 'string') return;
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      if (!INPUTS.includes(ws.name)) outputs.push(cell.value);
      if (FORMULA_LIKE.test(cell.value) && rowNumber > 1) {
        formulaLike += 1;
        expect([ws.name, cell.address, cell.numFmt]).toEqual([ws.name, cell.address, '@']);
      }
    })));
    expect(formulaLike).toBeGreaterThan(10);
    // Every hostile text reached the output tabs, as written.
    expect(found(outputs)).toEqual([...HOSTILE].sort());
    // The file itself: no formula element in any worksheet.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const unzipper = require('unzipper') as { Open: { file(p: string): Promise<{ files: { path: string; buffer(): Promise<Buffer> }[] }> } };
    const zip = await unzipper.Open.file(out);
    const sheets = zip.files.filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f.path));
    expect(sheets.length).toBe(wb.worksheets.length);
    for (const f of sheets) expect((await f.buffer()).toString('utf8')).not.toMatch(/<f[ >]/);
  });

  test('--out folder: a CSV field beginning with = + - @ is apostrophe-guarded text or a number', () => {
    const out = join(tempDir(), 'csv-out');
    expect(runCli(['compute', hostileFolder(), ...Q3, '--out', out]).status).toBe(0);
    const fields: string[] = [];
    for (const f of readdirSync(out).filter((n) => n.endsWith('.csv'))) {
      const rows = parse(readFileSync(join(out, f), 'utf8'), { bom: true, relax_column_count: true }) as string[][];
      for (const row of rows) fields.push(...row);
    }
    const risky = fields.filter((s) => FORMULA_LIKE.test(s) && !/^-\d+(\.\d+)?$/.test(s));
    expect(risky).toEqual([]);
    // The guarded forms are there: the text behind the apostrophe is the hostile text.
    expect(found(fields.map((s) => (s.startsWith("'") ? s.slice(1) : s)))).toEqual([...HOSTILE].sort());
    expect(fields).toContain(`'${NAMES.S01}`);
    expect(fields).toContain(NAMES.S02);
  });
});

describe('Google Sheets adapter (built Code.js, recording fake)', () => {
  test('no cell becomes a formula; formula-like text lands in cells formatted @; HTML stays text', () => {
    const env = makeEnv({ locale: 'en_US' });
    for (const [name, rows] of Object.entries(hostileTabs())) env.ss.add(name, rows);
    const gs = loadCode(env);
    const s = gs.compute({ period: '2026-Q3', preset: 'smile-cards' }) as { status: string; winners: { staffId: string; name: string }[] };
    expect(s.status).toBe('computed');
    expect(s.winners.filter((w) => w.staffId.startsWith('S')).map((w) => [w.staffId, w.name]))
      .toEqual([['S02', NAMES.S02], ['S03', NAMES.S03], ['S01', NAMES.S01]]);
    const outputs: string[] = [];
    let formulaLike = 0;
    for (const sheet of env.ss.sheets) {
      expect([sheet.name, [...sheet.formulas.values()]]).toEqual([sheet.name, []]);
      if (INPUTS.includes(sheet.name)) continue;
      sheet.dump().forEach((row, r) => row.forEach((v, c) => {
        if (typeof v !== 'string') return;
        outputs.push(v);
        if (FORMULA_LIKE.test(v)) {
          formulaLike += 1;
          expect([sheet.name, r + 1, c + 1, sheet.formats.get(`${r + 1},${c + 1}`)]).toEqual([sheet.name, r + 1, c + 1, '@']);
        }
      }));
    }
    expect(formulaLike).toBeGreaterThan(10);
    expect(found(outputs)).toEqual([...HOSTILE].sort());
    // Formats are set before values in every output write (a value written first would be parsed).
    const order = env.log.calls.filter((c) => c.method === 'Range.setNumberFormats' || c.method === 'Range.setValues').map((c) => c.method);
    expect(order.length).toBeGreaterThan(0);
    for (let i = 0; i < order.length; i += 2) expect(order.slice(i, i + 2)).toEqual(['Range.setNumberFormats', 'Range.setValues']);
  });
});

describe('Excel adapter (bridge, recording fake)', () => {
  test('every string cell written has number format @; no formula; HTML stays text', async () => {
    const wb = new FakeWorkbook(hostileTabs());
    const s = await createExcelBridge({ run: wb.run, now: () => '2026-10-08T09:00:00.000Z' }).compute({ period: '2026-Q3', preset: 'smile-cards' });
    expect(s.status).toBe('computed');
    expect(s.winners.map((w) => [w.staffId, w.amount])).toEqual(PAYMENTS);
    const outputs: string[] = [];
    let strings = 0;
    for (const sheet of wb.sheets) {
      expect([sheet.name, [...sheet.formulas]]).toEqual([sheet.name, []]);
      if (INPUTS.includes(sheet.name)) continue;
      sheet.values.forEach((row, r) => row.forEach((v, c) => {
        if (typeof v !== 'string' || v === '') return;
        strings += 1;
        outputs.push(v);
        expect([sheet.name, r, c, sheet.formats[r][c]]).toEqual([sheet.name, r, c, '@']);
      }));
    }
    expect(strings).toBeGreaterThan(50);
    expect(found(outputs)).toEqual([...HOSTILE].sort());
  });
});
