/**
 * The part-by-part copy of a large .xlsx (cli/xlsx-copy-writer.ts; here a size
 * limit of 1 byte sends small workbooks that way) opened by LibreOffice (headless,
 * throwaway profile) and saved again as .xlsx: it opens, every tab — the user's,
 * copied as they were, and the outputs, written new — holds the same values
 * (read by our own reader), and the data bars are still there. Sources: the
 * hand-formatted exceljs workbook with a stale output tab, and openpyxl's with notes.
 * Fails (does not skip) when soffice is missing, as the other LibreOffice e2e tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findSoffice, throughLibreOffice } from './libreoffice';
import { runCompute } from '../../core/orchestrator';
import { saveOutputs } from '../../cli/hosts';
import { readXlsx, XlsxHost } from '../../cli/xlsx-host';
import { entryBytes, zipEntries } from '../../cli/zip-entries';
import { formattedWorkbook } from '../cli/formatted-workbook';
import { ROOT, tempDir } from '../cli/helpers';

/**
 * Data-bar ranges of every sheet, read from the sheet XML (exceljs cannot load openpyxl's
 * notes under absolute paths, a known exceljs bug).
 */
function dataBars(path: string): string[] {
  const buf = readFileSync(path);
  const out: string[] = [];
  for (const [name, e] of zipEntries(buf)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    for (const m of entryBytes(buf, e).toString('utf8').matchAll(/<conditionalFormatting\b[^>]*sqref="([^"]*)"[^>]*>(?:(?!<\/conditionalFormatting>)[\s\S])*?type="dataBar"/g)) out.push(m[1]);
  }
  return out.sort();
}

test.each(['formatted (exceljs)', 'openpyxl-notes.xlsx'])('the copy of %s opens in LibreOffice with every tab\'s values and the data bars', async (source) => {
  const soffice = findSoffice();
  expect(soffice).not.toBeNull();
  const dir = tempDir('ss-copy-lo-');
  let src = join(ROOT, 'test', 'fixtures', 'foreign', source);
  if (!source.endsWith('.xlsx')) {
    src = join(dir, 'book.xlsx');
    await formattedWorkbook(src);
  }
  const file = join(dir, 'result.xlsx');
  const host = new XlsxHost(src);
  const outcome = await runCompute(host, { period: '2026-Q3', preset: 'smile-cards', now: '2026-10-08T17:00:00+08:00' });
  expect(outcome.status).toBe('computed');
  const copy: (string | null)[] = [];
  await saveOutputs(file, host, host.outputs(), { fullRewriteMaxBytes: 1, onCopy: (w) => copy.push(w) });
  expect(copy).toEqual([null]);
  const bars = dataBars(file);
  expect(bars.length).toBeGreaterThan(1);

  const saved = throughLibreOffice(soffice!, file, dir);
  const before = await readXlsx(file);
  const after = await readXlsx(saved);
  expect(after.map((t) => t.name)).toEqual(before.map((t) => t.name));
  for (let i = 0; i < before.length; i++) expect([after[i].name, after[i].rows]).toEqual([before[i].name, before[i].rows]);
  expect(dataBars(saved)).toEqual(bars);
}, 900000);
