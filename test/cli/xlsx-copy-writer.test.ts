/**
 * `--out x.xlsx` from an .xlsx source over the full-rewrite size (here a limit of
 * 1 byte, so small workbooks take that path): the source's zip entries copied as
 * they are and only the outputs written new (cli/xlsx-copy-writer.ts). The user's
 * tabs come back byte for byte (formulas, styles, notes, names), the output tabs
 * as the values writer writes them, a re-run replaces them, the same input gives
 * the same bytes, foreign workbooks copy too, and what the copy cannot handle
 * falls back to the values copy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runCompute } from '../../core/orchestrator';
import type { OutputTab, RawTab } from '../../core/types';
import { saveOutputs } from '../../cli/hosts';
import { readXlsx, XlsxHost } from '../../cli/xlsx-host';
import { writeValuesXlsx } from '../../cli/xlsx-values-writer';
import { writeXlsx } from '../../cli/xlsx-writer';
import { entryBytes, zipEntries } from '../../cli/zip-entries';
import { ZipWriter } from '../../cli/zip-writer';
import { formattedWorkbook, load, userState, USER_SHEETS } from './formatted-workbook';
import { ROOT, tempDir } from './helpers';
import { xlsxLinks } from './xlsx-links';
import { cellLinkAt } from '../../core/output/cell-links';

const NOW = '2026-10-08T17:00:00+08:00';
const FOREIGN = join(ROOT, 'test', 'fixtures', 'foreign');
const TINY = { fullRewriteMaxBytes: 1, now: new Date(NOW) };

/** Compute 2026-Q3 smile-cards on `src` and save to `out` the way `--out` does; returns the outputs and what the copy said. */
async function computeTo(src: string, out: string, lang?: 'zh' | 'en'): Promise<{ outputs: OutputTab[]; inputs: RawTab[]; copy: (string | null)[] }> {
  const host = new XlsxHost(src);
  const outcome = await runCompute(host, { period: '2026-Q3', preset: 'smile-cards', now: NOW, lang });
  expect(outcome.status).toBe('computed');
  const copy: (string | null)[] = [];
  await saveOutputs(out, host, host.outputs(), { ...TINY, onCopy: (why) => copy.push(why) });
  return { outputs: host.outputs(), inputs: await host.allTabs(), copy };
}

/** Entry name → uncompressed text. */
function parts(path: string): Map<string, Buffer> {
  const buf = readFileSync(path);
  return new Map([...zipEntries(buf)].map(([name, e]) => [name, entryBytes(buf, e)]));
}

/**
 * Every cell exceljs reads on `sheet`: address → value, number format, bold, formula. An empty
 * string is left out: exceljs reads an empty inline string (the copy's) as a cell without value,
 * an empty shared string (the values writer's) as ''; Excel and LibreOffice read both as empty text.
 */
function exceljsCells(wb: ExcelJS.Workbook, sheet: string): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  wb.getWorksheet(sheet)!.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => {
    if (c.value === '') return;
    cells[c.address] = { value: c.value, numFmt: c.numFmt ?? null, bold: c.font?.bold ?? false, formula: c.formula ?? null };
  }));
  return cells;
}

/** The workbook's package holds together: every internal relationship target, content type override and sheet part exists. */
function expectWholePackage(path: string): void {
  const p = parts(path);
  const names = new Set([...p.keys()].map((n) => n.toLowerCase()));
  for (const [name, bytes] of p) {
    if (!name.endsWith('.rels')) continue;
    // `xl/_rels/workbook.xml.rels` belongs to `xl/workbook.xml`; `_rels/.rels` to the package root.
    const dir = name.slice(0, name.lastIndexOf('_rels/'));
    for (const m of bytes.toString('utf8').matchAll(/<Relationship\b[^>]*>/g)) {
      if (/TargetMode="External"/.test(m[0])) continue;
      const target = /Target="([^"]*)"/.exec(m[0])![1];
      const full = (target.startsWith('/') ? target.slice(1) : dir + target).split('/').reduce<string[]>((a, s) => (s === '..' ? a.slice(0, -1) : [...a, s]), []).join('/');
      expect([name, names.has(full.toLowerCase())]).toEqual([name, true]);
    }
  }
  const types = p.get('[Content_Types].xml')!.toString('utf8');
  for (const m of types.matchAll(/PartName="\/([^"]*)"/g)) expect([m[1], names.has(m[1].toLowerCase())]).toEqual([m[1], true]);
  expect(names.has('xl/calcchain.xml')).toBe(false);
}

/** The user sheets' own parts: their worksheet XML and its relationships, by sheet name. */
function sheetParts(path: string): Record<string, string> {
  const p = parts(path);
  const wb = p.get('xl/workbook.xml')!.toString('utf8');
  const rels = p.get('xl/_rels/workbook.xml.rels')!.toString('utf8');
  const out: Record<string, string> = {};
  for (const m of wb.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]*)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]*)"[^>]*Id="${m[2]}"`).exec(rels)![1];
    const part = `xl/${target.replace(/^\/?xl\//, '')}`;
    out[m[1]] = p.get(part)!.toString('utf8') + (p.get(part.replace(/([^/]+)$/, '_rels/$1.rels'))?.toString('utf8') ?? '');
  }
  return out;
}

describe('the copy of a large .xlsx: user tabs as they are, outputs written new', () => {
  let dir: string;
  let src: string;
  let out: string;
  let run: Awaited<ReturnType<typeof computeTo>>;
  beforeAll(async () => {
    dir = tempDir();
    src = join(dir, 'book.xlsx');
    await formattedWorkbook(src);
    // A note on the stale output tab (its comments and drawing parts must go with it) and a print area on a user sheet.
    const wb = await load(src);
    wb.getWorksheet('Ranking 2026-Q3')!.getCell('A1').note = 'old note';
    wb.getWorksheet('My notes')!.pageSetup.printArea = 'A1:C5';
    // A name on the stale output tab: kept while a tab of that name is there, dropped with its twin below.
    wb.definedNames.add("'Ranking 2026-Q3'!$A$1", 'OldRanking');
    const plain = join(dir, 'plain.xlsx');
    await wb.xlsx.writeFile(plain);
    // A calculation chain, as Excel saves one (the copy leaves it out: Excel rebuilds it).
    await rewrite(plain, src, (name, text) => {
      if (name === '[Content_Types].xml') return text.replace('</Types>', '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>');
      if (name === 'xl/_rels/workbook.xml.rels') return text.replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>');
      return text;
    }, new Map([['xl/calcChain.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="K4" i="1"/><c r="B2" i="4"/></calcChain>']]));
    expect(parts(src).has('xl/calcChain.xml')).toBe(true);
    out = join(dir, 'result.xlsx');
    run = await computeTo(src, out);
  });

  test('the copy wrote it (no fallback)', () => {
    expect(run.copy).toEqual([null]);
  });

  test('every user tab reads back to the source cells, and its parts are the source bytes', async () => {
    const before = await readXlsx(src);
    const after = await readXlsx(out);
    for (const name of USER_SHEETS) expect(after.find((t) => t.name === name)!.rows).toEqual(before.find((t) => t.name === name)!.rows);
    const a = sheetParts(src);
    const b = sheetParts(out);
    for (const name of USER_SHEETS) expect(b[name]).toBe(a[name]);
    // Copied entries are the very compressed bytes: same CRC and compressed size.
    const srcZip = zipEntries(readFileSync(src));
    const outZip = zipEntries(readFileSync(out));
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet4.xml', 'xl/sharedStrings.xml', 'xl/theme/theme1.xml', 'xl/comments1.xml']) {
      const [x, y] = [srcZip.get(name)!, outZip.get(name)!];
      expect([name, y.crc, y.compressedSize, y.method]).toEqual([name, x.crc, x.compressedSize, x.method]);
    }
  });

  test('exceljs sees the user sheets exactly as before: formulas, styles, notes, merges, validation, names', async () => {
    expect(await userState(out)).toEqual(await userState(src));
    const wb = await load(out);
    expect(wb.getWorksheet('Staff')!.getCell('K4').formula).toBe('SUM(K2:K3)');
    expect(wb.getWorksheet('Staff')!.getCell('A1').note).toBe('ids as in payroll');
  });

  test('the output tabs are what the values writer gives: cells, formats, bold header, links', async () => {
    const ref = join(dir, 'values.xlsx');
    await writeValuesXlsx(ref, run.inputs, run.outputs, { now: new Date(NOW) });
    const ours = await readXlsx(out);
    const theirs = await readXlsx(ref);
    const a = await load(out);
    const b = await load(ref);
    for (const o of run.outputs) {
      expect(ours.find((t) => t.name === o.name)!.rows).toEqual(theirs.find((t) => t.name === o.name)!.rows);
      expect([o.name, exceljsCells(a, o.name)]).toEqual([o.name, exceljsCells(b, o.name)]);
      expect(a.getWorksheet(o.name)!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const statements = run.outputs.find((o) => (o.links?.count ?? 0) > 0)!;
    const link = cellLinkAt(statements.links!, 0);
    const cell = a.getWorksheet(statements.name)!.getRow(link.row + 1).getCell(link.col + 1);
    expect(xlsxLinks(out).get(statements.name)!.get(cell.address)).toBe(`'${link.tab}'!A${link.at}`);
    expect(cell.formula).toBeUndefined();
  });

  test('sheet order: the stale output replaced in place, new outputs after the user sheets; names and views re-indexed', async () => {
    const names = (await readXlsx(out)).map((t) => t.name);
    expect(names.slice(0, 4)).toEqual(['Staff', 'Feedback', 'Ranking 2026-Q3', 'My notes']);
    expect(names.slice(4)).toEqual(run.outputs.filter((o) => o.name !== 'Ranking 2026-Q3').map((o) => o.name));
    const wb = parts(out).get('xl/workbook.xml')!.toString('utf8');
    expect(wb).toContain('<definedName name="StaffIds">Staff!$A$2:$A$4</definedName>');
    expect(wb).toContain('<definedName name="OldRanking">');
    expect(wb).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="3">&apos;My notes&apos;!/);
  });

  test('the package holds together: the stale tab\'s note parts gone, no calculation chain, content types match', () => {
    expectWholePackage(out);
    expect(parts(out).get('[Content_Types].xml')!.toString('utf8')).not.toContain('calcChain');
    expect(parts(out).get('xl/_rels/workbook.xml.rels')!.toString('utf8')).not.toContain('calcChain');
    const srcParts = parts(src);
    const outParts = parts(out);
    const staleComments = [...srcParts.keys()].filter((n) => /comments/.test(n) && srcParts.get(n)!.toString('utf8').includes('old note'));
    expect(staleComments).toHaveLength(1);
    expect(outParts.has(staleComments[0])).toBe(false);
    expect([...outParts.values()].some((b) => b.toString('utf8').includes('old note'))).toBe(false);
    // docProps/app.xml no longer lists the old sheet titles.
    expect(outParts.get('docProps/app.xml')?.toString('utf8') ?? '').not.toMatch(/TitlesOfParts/);
  });

  test('a second run over the result replaces the outputs (none twice), carries the Runs tab, and gives the same outputs', async () => {
    const again = join(dir, 'again.xlsx');
    const second = await computeTo(out, again);
    expect(second.copy).toEqual([null]);
    const first = await readXlsx(out);
    const back = await readXlsx(again);
    expect(back.map((t) => t.name)).toEqual(first.map((t) => t.name));
    const runsName = run.outputs.find((o) => o.kind === 'runs')!.name;
    for (const o of run.outputs) {
      if (o.name === runsName || o.kind === 'changes') continue;
      expect([o.name, back.find((t) => t.name === o.name)!.rows]).toEqual([o.name, first.find((t) => t.name === o.name)!.rows]);
    }
    const runs = back.find((t) => t.name === runsName)!.rows;
    expect(runs.length).toBe(first.find((t) => t.name === runsName)!.rows.length + 1);
    expect(sheetParts(again)).toMatchObject(Object.fromEntries(USER_SHEETS.map((n) => [n, sheetParts(src)[n]])));
    expectWholePackage(again);
    expect(await userState(again)).toEqual(await userState(src));
    // The output styles the first run added are used again, not added twice.
    expect(parts(again).get('xl/styles.xml')!.toString('utf8')).toBe(parts(out).get('xl/styles.xml')!.toString('utf8'));
  });

  test('the same input gives the same bytes', async () => {
    const other = join(dir, 'other.xlsx');
    await computeTo(src, other);
    expect(readFileSync(other).equals(readFileSync(out))).toBe(true);
  });

  test('a Chinese run over the English outputs replaces them by their twins (no tab in both languages)', async () => {
    const zh = join(dir, 'zh.xlsx');
    const r = await computeTo(out, zh, 'zh');
    expect(r.copy).toEqual([null]);
    const names = (await readXlsx(zh)).map((t) => t.name);
    expect(names).toContain('排名 2026-Q3');
    expect(names).not.toContain('Ranking 2026-Q3');
    expect(names.indexOf('排名 2026-Q3')).toBe(2);
    expectWholePackage(zh);
    // The print area follows My notes (still at 3, after the twin took the ranking's place); the name on the
    // English tab, which no tab is named after any more, is gone.
    const book = parts(zh).get('xl/workbook.xml')!.toString('utf8');
    expect(book).toMatch(/localSheetId="3">&apos;My notes&apos;!/);
    expect(book).not.toContain('OldRanking');
    expect(book).toContain('<definedName name="StaffIds">');
    await load(zh);
  });
});

describe('foreign workbooks through the copy', () => {
  test.each(['openpyxl-notes.xlsx', 'libreoffice.xlsx', 'exceljs'])('%s: input tabs as read, outputs added, exceljs loads it as it loads the source, a second run is the same', async (file) => {
    const dir = tempDir();
    const out = join(dir, 'out.xlsx');
    let src = join(FOREIGN, file);
    if (file === 'exceljs') {
      // The same tabs through exceljs's streaming writer.
      src = join(dir, 'exceljs.xlsx');
      await writeXlsx(src, await readXlsx(join(FOREIGN, 'libreoffice.xlsx')), []);
    }
    const run = await computeTo(src, out);
    expect(run.copy).toEqual([null]);
    const before = await readXlsx(src);
    const after = await readXlsx(out);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((t) => t.name)).toEqual(run.outputs.map((o) => o.name));
    expectWholePackage(out);
    // exceljs cannot load openpyxl's notes under absolute paths (a known exceljs bug): the result loads when the source does.
    const loads = (p: string) => load(p).then(() => true, () => false);
    expect(await loads(out)).toBe(await loads(src));
    if (file !== 'openpyxl-notes.xlsx') expect(await loads(out)).toBe(true);
    const again = join(dir, 'again.xlsx');
    expect((await computeTo(out, again)).copy).toEqual([null]);
    expect((await readXlsx(again)).map((t) => t.name)).toEqual(after.map((t) => t.name));
  });
});

/** Rewrite some entries of an .xlsx (the rest copied as text), for the fallback cases. */
async function rewrite(src: string, out: string, change: (name: string, text: string) => string | null, add = new Map<string, string>()): Promise<void> {
  const p = parts(src);
  const zip = new ZipWriter(out);
  for (const [name, bytes] of p) {
    const text = change(name, bytes.toString('utf8'));
    if (text !== null) await zip.add(name, text);
  }
  for (const [name, text] of add) await zip.add(name, text);
  zip.finish();
}

describe('what the copy cannot handle falls back to the values copy', () => {
  test.each([
    ['strict Office Open XML', (_: string, t: string): string | null => t.replace(/http:\/\/schemas\.openxmlformats\.org\/spreadsheetml\/2006\/main/g, 'http://purl.oclc.org/ooxml/spreadsheetml/main'), /strict/],
    ['a macro workbook written as .xlsx', (n: string, t: string): string | null => (n === '[Content_Types].xml' ? t.replace('spreadsheetml.sheet.main+xml', 'PLACEHOLDER').replace('application/vnd.openxmlformats-officedocument.PLACEHOLDER', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml') : t), /macroEnabled/],
    ['no workbook relationships', (n: string, t: string) => (n === 'xl/_rels/workbook.xml.rels' ? null : t), /no workbook relationships/],
  ])('%s', async (_, change, why) => {
    const dir = tempDir();
    const plain = join(dir, 'plain.xlsx');
    await formattedWorkbook(plain);
    const src = join(dir, 'odd.xlsx');
    await rewrite(plain, src, change);
    const out = join(dir, 'out.xlsx');
    const host = new XlsxHost(src);
    const outputs: OutputTab[] = [{ name: 'Data check 2026-Q3', kind: 'datacheck', formats: ['text', 'text'], rows: [['severity', 'message'], ['error', '=1+1']] }];
    const copy: (string | null)[] = [];
    await saveOutputs(out, host, outputs, { ...TINY, onCopy: (w) => copy.push(w) });
    if (why) {
      expect(copy).toHaveLength(1);
      expect(copy[0]).toMatch(why);
      // The values writer's mark: no theme part.
      expect(parts(out).has('xl/theme/theme1.xml')).toBe(false);
    }
    const back = await readXlsx(out);
    const inputs = await host.allTabs();
    expect(back.slice(0, inputs.length)).toEqual(inputs);
    expect(back[back.length - 1]).toEqual({ name: 'Data check 2026-Q3', rows: outputs[0].rows });
  });

  test('a zip with an encrypted entry flag is not copied', async () => {
    const dir = tempDir();
    const src = join(dir, 'flagged.xlsx');
    await formattedWorkbook(src);
    const buf = readFileSync(src);
    // Set bit 0 in the central directory record of docProps/core.xml only (the reader never opens it).
    const e = zipEntries(buf).get('docProps/core.xml')!;
    let p = buf.readUInt32LE(buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16);
    while (buf.readUInt32LE(p) === 0x02014b50) {
      const nameLen = buf.readUInt16LE(p + 28);
      if (buf.toString('utf8', p + 46, p + 46 + nameLen) === e.name) buf.writeUInt16LE(buf.readUInt16LE(p + 8) | 1, p + 8);
      p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    }
    writeFileSync(src, buf);
    const copy: (string | null)[] = [];
    await saveOutputs(join(dir, 'out.xlsx'), new XlsxHost(src), [], { ...TINY, onCopy: (w) => copy.push(w) });
    expect(copy).toEqual(['encrypted']);
  });
});
