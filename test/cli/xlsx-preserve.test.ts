/**
 * `--out` on an .xlsx source never modifies the user's tabs: compute and finalize
 * replace or add only the output tabs, and everything else of the workbook comes
 * back as it was (compared through exceljs: values, formula text and result, style,
 * notes, merges, widths, validation, conditional formats, views, hyperlinks, names,
 * sheet order). Also: the writes are atomic, a workbook too large to load whole is
 * rewritten over itself only by the copy part by part (cli/xlsx-copy-writer.ts),
 * never as values, and one holding parts exceljs drops is never rewritten over itself.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { OutputTab } from '../../core/types';
import { CliError } from '../../cli/errors';
import { checkOutTarget, saveOutputs } from '../../cli/hosts';
import { XlsxHost } from '../../cli/xlsx-host';
import { droppedParts, zipEntryNames } from '../../cli/xlsx-parts';
import { updateXlsx } from '../../cli/xlsx-writer';
import { extras, formattedWorkbook, load, userState, utc } from './formatted-workbook';
import { ensureBuilt, runCli, tempDir } from './helpers';

const Q3 = ['--period', '2026-Q3', '--preset', 'smile-cards'];

beforeAll(() => ensureBuilt(), 180000);

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function ok(r: { status: number | null; stderr: string }): void {
  expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
}

/** The features the comparison relies on, checked one by one against the values written above. */
async function expectFormatted(path: string): Promise<void> {
  const wb = await load(path);
  const staff = wb.getWorksheet('Staff')!;
  expect(staff.getCell('K4').formula).toBe('SUM(K2:K3)');
  expect(staff.getCell('K4').result).toBe(300);
  expect(staff.getCell('K4').numFmt).toBe('#,##0.00');
  expect(staff.getCell('A1').note).toBe('ids as in payroll');
  expect(staff.getCell('B2').font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
  expect(staff.getCell('B2').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } });
  expect((staff.model as unknown as { merges: string[] }).merges).toEqual(['L2:L3']);
  expect(staff.getColumn(2).width).toBe(40);
  expect(staff.getColumn(12).width).toBe(18);
  expect(staff.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(staff.getCell('G3').value).toEqual(utc(2024, 1, 15));
  expect(staff.getCell('G3').numFmt).toBe('yyyy-mm-dd');
  expect(wb.definedNames.getRanges('StaffIds').ranges).toEqual(['Staff!$A$2:$A$4']);
  const feedback = wb.getWorksheet('Feedback')!;
  expect(feedback.getCell('C4').dataValidation).toMatchObject({ type: 'list', formulae: ['"exceeded,met,below"'] });
  expect(extras(feedback).conditionalFormattings.map((c) => c.ref)).toEqual(['C2:C5']);
  expect(feedback.getColumn(5).width).toBe(30);
  const notes = wb.getWorksheet('My notes')!;
  expect(notes.getCell('B2').formula).toBe('SUM(Staff!K2:K4)');
  expect((notes.model as unknown as { merges: string[] }).merges).toEqual(['A1:C1']);
  expect(notes.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
  expect(notes.getCell('A3').value).toEqual({ text: 'handbook', hyperlink: 'https://example.com/handbook' });
  expect(notes.getCell('A4').type).toBe(ExcelJS.ValueType.String);
  expect(notes.getCell('A5').value).toEqual(utc(2026, 10, 1));
  expect(notes.getColumn(1).width).toBe(25);
  expect(notes.properties.tabColor).toEqual({ argb: 'FF00B050' });
}

describe('compute/finalize --out on an .xlsx keep the user\'s sheets whole', () => {
  let dir: string;
  let src: string;
  let before: Record<string, unknown>;
  beforeAll(async () => {
    dir = tempDir();
    src = join(dir, 'book.xlsx');
    await formattedWorkbook(src);
    await expectFormatted(src);
    before = await userState(src);
  });

  test('--out another file: the source is byte-identical, the copy keeps every user sheet as it was', async () => {
    const hash = sha(src);
    const out = join(dir, 'result.xlsx');
    ok(runCli(['compute', src, ...Q3, '--out', out]));
    expect(sha(src)).toBe(hash);
    await expectFormatted(out);
    expect(await userState(out)).toEqual(before);
    const names = (await load(out)).worksheets.map((w) => w.name);
    // The stale output keeps its place; new outputs follow the user's sheets.
    expect(names.slice(0, 4)).toEqual(['Staff', 'Feedback', 'Ranking 2026-Q3', 'My notes']);
    expect(names.slice(4)).toEqual(expect.arrayContaining(['Bonus 2026-Q3', 'Data check 2026-Q3', 'Runs']));
  });

  test('--out the source itself, twice, then finalize in place: user sheets unchanged, outputs replaced, nothing left behind', async () => {
    const wb = join(dir, 'in-place.xlsx');
    copyFileSync(src, wb);
    chmodSync(wb, 0o640);
    ok(runCli(['compute', wb, ...Q3, '--out', wb]));
    const first = (await load(wb)).worksheets.map((w) => w.name);
    ok(runCli(['compute', wb, ...Q3, '--out', wb], { env: { SERVICE_STAR_NOW: '2026-10-09T09:00:00.000Z' } }));
    ok(runCli(['finalize', wb, '--period', '2026-Q3']));
    await expectFormatted(wb);
    expect(await userState(wb)).toEqual(before);
    const after = await load(wb);
    // Re-runs replace the period's tabs where they are: same sheets, same order.
    expect(after.worksheets.map((w) => w.name)).toEqual(first);
    const ranking = after.getWorksheet('Ranking 2026-Q3')!;
    expect(ranking.getCell('A1').value).not.toBe('stale result from an older run');
    expect(ranking.getCell('A1').font?.bold).toBe(true);
    // Two computes, the second finalized: two rows under the header of Runs.
    const runs = after.getWorksheet('Runs')!;
    expect(runs.actualRowCount).toBe(3);
    expect(runs.getRow(3).values).toContain('final');
    expect(statSync(wb).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

const OUTPUTS: OutputTab[] = [
  { name: 'Data check 2026-Q3', kind: 'datacheck', formats: ['text', 'text'], rows: [['severity', 'message'], ['error', '=1+1']] },
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

describe('workbooks that cannot be rewritten whole', () => {
  test('above the size limit: another file, or the source itself, gets the copy part by part keeping everything', async () => {
    const dir = tempDir();
    const src = join(dir, 'big.xlsx');
    await formattedWorkbook(src);
    chmodSync(src, 0o640);
    const hash = sha(src);
    const host = new XlsxHost(src);
    const opts = { fullRewriteMaxBytes: 1000 };
    const out = join(dir, 'copy.xlsx');
    await checkOutTarget(host, out, opts);
    expect(await saveOutputs(out, host, OUTPUTS, opts)).toEqual([out]);
    expect(sha(src)).toBe(hash);
    const copy = await load(out);
    // The source's parts copied as they are (cli/xlsx-copy-writer.ts): formulas, formats and notes kept.
    await expectFormatted(out);
    expect(copy.getWorksheet('Data check 2026-Q3')!.getCell('B2').value).toBe('=1+1');
    expect(copy.getWorksheet('Data check 2026-Q3')!.getCell('B2').type).toBe(ExcelJS.ValueType.String);
    // Over the source itself (also named through ..), twice: the output replaced, the user's tabs whole.
    mkdirSync(join(dir, 'sub'));
    for (const target of [src, join(dir, 'sub', '..', 'big.xlsx')]) {
      await checkOutTarget(host, target, opts);
      expect(await saveOutputs(target, new XlsxHost(src), OUTPUTS, opts)).toEqual([target]);
    }
    await expectFormatted(src);
    expect((await load(src)).worksheets.map((w) => w.name)).toEqual([...(await load(out)).worksheets.map((w) => w.name)]);
    expect(statSync(src).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('above the size limit, a workbook the copy cannot write: --out the source is refused in one line (also through .. or a hard link); another file gets the values', async () => {
    const dir = tempDir();
    const plain = join(dir, 'plain.xlsx');
    await formattedWorkbook(plain);
    // A macro workbook's content type in an .xlsx: the copy keeps the content type, which Excel refuses under .xlsx.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const JSZip = require('jszip') as { loadAsync(b: Buffer): Promise<{ file(n: string): { async(t: 'string'): Promise<string> }; file(n: string, d: string): void; generateAsync(o: { type: 'nodebuffer' }): Promise<Buffer> }> };
    const zip = await JSZip.loadAsync(readFileSync(plain));
    const types = await zip.file('[Content_Types].xml').async('string');
    zip.file('[Content_Types].xml', types.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml'));
    const src = join(dir, 'big.xlsx');
    writeFileSync(src, await zip.generateAsync({ type: 'nodebuffer' }));
    const hash = sha(src);
    const host = new XlsxHost(src);
    const opts = { fullRewriteMaxBytes: 1000 };
    const size = (statSync(src).size / 1024 / 1024).toFixed(1);
    mkdirSync(join(dir, 'sub'));
    linkSync(src, join(dir, 'alias.xlsx'));
    for (const target of [src, join(dir, 'sub', '..', 'big.xlsx'), join(dir, 'alias.xlsx')]) {
      // The commands call checkOutTarget before computing; saveOutputs refuses the same.
      expect((await refusal(checkOutTarget(host, target, opts))).en).toMatch(/too large to rewrite in place/);
      const err = await refusal(saveOutputs(target, host, OUTPUTS, opts));
      expect(err.exitCode).toBe(2);
      expect(err.en).toMatch(new RegExp(`^big\\.xlsx \\(${size} MB\\) is too large to rewrite in place keeping its formulas and formatting: write the results to another file, e\\.g\\. --out .*-result\\.xlsx$`));
      expect(err.zh).toContain('太大');
    }
    expect(sha(src)).toBe(hash);
    const out = join(dir, 'copy.xlsx');
    await checkOutTarget(host, out, opts);
    expect(await saveOutputs(out, host, OUTPUTS, opts)).toEqual([out]);
    expect(sha(src)).toBe(hash);
    const copy = await load(out);
    // Values as read: the formula arrives as its cached result.
    expect(copy.getWorksheet('Staff')!.getCell('K4').value).toBe(300);
    expect(copy.getWorksheet('Data check 2026-Q3')!.getCell('B2').value).toBe('=1+1');
  });

  test('charts or macros: --out the source is refused naming them; another file is written with a warning', async () => {
    const dir = tempDir();
    const plainBook = join(dir, 'plain.xlsx');
    await formattedWorkbook(plainBook);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const JSZip = require('jszip') as { loadAsync(b: Buffer): Promise<{ file(n: string, d: string): void; generateAsync(o: { type: 'nodebuffer' }): Promise<Buffer> }> };
    const zip = await JSZip.loadAsync(readFileSync(plainBook));
    zip.file('xl/charts/chart1.xml', '<c:chartSpace/>');
    zip.file('xl/vbaProject.bin', 'binary');
    const src = join(dir, 'charts.xlsx');
    writeFileSync(src, await zip.generateAsync({ type: 'nodebuffer' }));
    expect(await droppedParts(plainBook)).toEqual([]);
    expect((await droppedParts(src))!.map((m) => m.en)).toEqual(['charts', 'macros']);
    const hash = sha(src);
    // Through the command line: refused before computing, one line, for compute and finalize.
    for (const args of [['compute', src, ...Q3, '--out', src], ['finalize', src, '--period', '2026-Q3']]) {
      const r = runCli(args);
      expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: '' });
      expect(r.stderr).toBe(`service-star: charts.xlsx holds what this tool cannot keep (charts, macros): so as not to lose it, write the results to another file, e.g. --out ${join(dir, 'charts-result.xlsx')}\n`);
    }
    const elsewhere = runCli(['compute', src, ...Q3, '--out', join(dir, 'cli-out.xlsx')]);
    expect(elsewhere.status).toBe(0);
    // (A slow run may print progress lines too.)
    expect(elsewhere.stderr.split('\n')).toContain('service-star: cli-out.xlsx leaves out the source workbook\'s charts, macros');
    await expectFormatted(join(dir, 'cli-out.xlsx'));
    const host = new XlsxHost(src);
    const err = await refusal(saveOutputs(src, host, OUTPUTS));
    expect(err.en).toBe(`charts.xlsx holds what this tool cannot keep (charts, macros): so as not to lose it, write the results to another file, e.g. --out ${join(dir, 'charts-result.xlsx')}`);
    expect(err.zh).toContain('图表、宏');
    expect(sha(src)).toBe(hash);
    const warnings: string[] = [];
    const out = join(dir, 'out.xlsx');
    await saveOutputs(out, host, OUTPUTS, { warn: (m) => warnings.push(m.en) });
    expect(warnings).toEqual(['out.xlsx leaves out the source workbook\'s charts, macros']);
    await expectFormatted(out);
    expect(sha(src)).toBe(hash);
  });

  test('zip directory listing: the entries JSZip sees, in order; null for a file that is not a zip', async () => {
    const dir = tempDir();
    const path = join(dir, 'book.xlsx');
    await formattedWorkbook(path);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const JSZip = require('jszip') as { loadAsync(b: Buffer): Promise<{ files: Record<string, { dir: boolean }> }> };
    const zip = await JSZip.loadAsync(readFileSync(path));
    const names = await zipEntryNames(path);
    expect(names).toEqual(Object.keys(zip.files));
    expect(names).toContain('xl/worksheets/sheet1.xml');
    writeFileSync(join(dir, 'text.xlsx'), 'not a zip at all');
    expect(await zipEntryNames(join(dir, 'text.xlsx'))).toBeNull();
  });

  test('a failed write leaves the target and the folder as they were (no temporary file)', async () => {
    const dir = tempDir();
    const src = join(dir, 'book.xlsx');
    await formattedWorkbook(src);
    // The target is a folder: the final rename fails after the whole file was written.
    const target = join(dir, 'taken.xlsx');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'x');
    const err = await refusal(updateXlsx(src, target, OUTPUTS));
    // The failure says what to do next (issue 13): here, a folder has the file's name.
    expect(err.en).toMatch(/^Cannot write .*taken\.xlsx \(E[A-Z]+\): .*choose another file name/);
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(readdirSync(dir).sort()).toEqual(['book.xlsx', 'taken.xlsx']);
  });
});
