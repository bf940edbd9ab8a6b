/**
 * Pictures in the command line's .xlsx (issue 15, SPEC §9): the ranking measure per
 * scope and paid against budget per award as conditional-format data bars. The file
 * is opened by LibreOffice (headless, throwaway profile) and saved again as .xlsx:
 * the data bars are still there on the same ranges, and the cells still hold the figures.
 * Both writers: the demo workbook updated through exceljs, and a CSV folder's
 * workbook written directly (cli/xlsx-values-writer.ts, also what a large .xlsx
 * source gets), whose every tab must come back from LibreOffice with the same values.
 * Fails (does not skip) when soffice is missing, as the other LibreOffice e2e tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSoffice, throughLibreOffice } from './libreoffice';
import ExcelJS from 'exceljs';
import { readXlsx } from '../../cli/xlsx-host';
import { zipEntries } from '../../cli/zip-entries';
import { DEMO_XLSX, EXAMPLES, ensureBuilt, runCli, tempDir } from '../cli/helpers';

/** Data-bar ranges per sheet, as exceljs reads them. */
function dataBars(wb: ExcelJS.Workbook, sheet: string): string[] {
  const ws = wb.getWorksheet(sheet)!;
  const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
  return cf.filter((c) => c.rules.some((r) => r.type === 'dataBar')).map((c) => c.ref).sort();
}

beforeAll(() => ensureBuilt());

test.each([
  ['the demo .xlsx updated in a copy (exceljs)', DEMO_XLSX],
  ['a CSV folder written as a new workbook (direct writer)', join(EXAMPLES, 'csv-zh')],
])('the .xlsx opens in LibreOffice with its data bars (Ranking measure per scope, Bonus paid against budget): %s', async (_, source) => {
  const soffice = findSoffice();
  expect(soffice).not.toBeNull();
  const dir = tempDir('ss-bars-');
  const file = join(dir, 'q3.xlsx');
  const r = runCli(['compute', source, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', file]);
  expect(r.status).toBe(0);
  const ours = new ExcelJS.Workbook();
  await ours.xlsx.readFile(file);
  const rankingBars = dataBars(ours, '排名 2026-Q3');
  const bonusBars = dataBars(ours, '奖金 2026-Q3');
  expect(rankingBars.length).toBeGreaterThan(1);
  expect(bonusBars).toHaveLength(2); // amount and budget over the award totals

  const saved = throughLibreOffice(soffice!, file, dir);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(saved);
  expect(dataBars(back, '排名 2026-Q3')).toEqual(rankingBars);
  expect(dataBars(back, '奖金 2026-Q3')).toEqual(bonusBars);
  // The figures under the bars are the same numbers.
  const [first] = rankingBars[0].split(':');
  expect(back.getWorksheet('排名 2026-Q3')!.getCell(first).value).toEqual(ours.getWorksheet('排名 2026-Q3')!.getCell(first).value);
  if (source !== DEMO_XLSX) {
    // Written by the direct writer (it writes no theme part; exceljs always does).
    expect(zipEntries(readFileSync(file)).has('xl/theme/theme1.xml')).toBe(false);
    // Every tab, input and output, holds the same values after LibreOffice (read by our own reader).
    const before = await readXlsx(file);
    const after = await readXlsx(saved);
    expect(after.map((t) => t.name)).toEqual(before.map((t) => t.name));
    for (let i = 0; i < before.length; i++) expect([after[i].name, after[i].rows]).toEqual([before[i].name, before[i].rows]);
  }
}, 900000);
