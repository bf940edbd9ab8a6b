/**
 * The scripted scenario of issue 9, through the built command line, on a copy of a
 * small fixture workbook (a CSV folder, then the same data as .xlsx):
 * compute Q3 → finalize → edit one feedback row → compute refuses and names the
 * changed tab → --force recomputes and the Changes view shows exactly the moved award.
 *
 * Persistence: `compute <wb> --out <wb>` writes the Runs and Changes tabs back into
 * the workbook (the xlsx is rewritten via a temporary file with every input tab as
 * read; a CSV folder gets Runs.csv, `Changes 2026-Q3.csv`, …); `finalize <wb>`
 * writes the Runs tab in place.
 *
 * Fixture (smile-cards): Alice S01 has exceeded (2 smile cards) + met (1) = 3 in Q3,
 * Bob S02 has exceeded = 2 (his June row is outside Q3). Alice wins Team A's
 * service_star (800.00); their manager M1 gets 400.00. Changing Alice's met to below
 * gives her 2 anger cards, so Bob wins; M1 still gets 400.00 (same manager).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ensureBuilt, ROOT, runCli, tempDir } from '../cli/helpers';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'runs', 'scenario-en');

function readCsv(path: string): string[][] {
  return parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: true }) as string[][];
}

/** Rows of a tab as text, from an .xlsx file. */
async function readXlsxTab(path: string, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no tab ${name} in ${path}; tabs: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    // row.values is sparse (1-based, holes for empty cells): Array.from visits the holes.
    rows.push(Array.from((row.values as unknown[]).slice(1),
      (v) => (v === null || v === undefined ? '' : typeof v === 'number' ? v.toFixed(2) : String(v))));
  });
  return rows;
}

async function csvFolderToXlsx(folder: string, out: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const name of ['Staff', 'Feedback']) {
    const ws = wb.addWorksheet(name);
    for (const row of readCsv(join(folder, `${name}.csv`))) ws.addRow(row);
  }
  await wb.xlsx.writeFile(out);
}

const env = (now: string) => ({ env: { SERVICE_STAR_NOW: now } });

/**
 * The refusal line: the last line on stderr (a slow run on a busy machine may print
 * progress lines before it; a refusal is always the one line that ends stderr).
 */
function ok(r: { status: number | null; stderr: string }): void {
  // Show stderr when a run fails, so a failure explains itself.
  expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
}

function refusal(stderr: string): string {
  const all = stderr.split('\n').filter((l) => l.length > 0);
  return all[all.length - 1] ?? '';
}

beforeAll(() => ensureBuilt(), 180000);

describe('finalize scenario on a CSV folder', () => {
  const wb = join(tempDir('ss-runs-'), 'wb');
  cpSync(FIXTURE, wb, { recursive: true });
  const runsCsv = join(wb, 'Runs.csv');
  const changesCsv = join(wb, 'Changes 2026-Q3.csv');

  test('finalize before any compute is refused with one line', () => {
    const r = runCli(['finalize', wb, '--period', '2026-Q3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("service-star: This workbook's Runs tab has no computation of 2026-Q3, so it cannot be finalized: compute it with the results written into this workbook (command line: compute the workbook --period 2026-Q3 --out the same workbook), then finalize\n");
  });

  test('1. compute Q3 into the workbook: Alice wins, one draft run, first-run Changes', () => {
    const r = runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb, '--json'], env('2026-10-08T09:00:00.000Z'));
    ok(r);
    const result = JSON.parse(r.stdout);
    expect(result.awards.map((a: { award: string; staff_id: string; amount: number }) => [a.award, a.staff_id, a.amount]))
      .toEqual([['service_star', 'S01', 800], ['service_star_manager', 'M1', 400]]);
    const runs = readCsv(runsCsv);
    expect(runs).toHaveLength(2);
    expect(runs[0].slice(0, 7)).toEqual(['Time', 'Period', 'Status', 'Scheme', 'Scheme version', 'Paid', 'Awards']);
    expect(runs[1].slice(0, 3)).toEqual(['2026-10-08 09:00', '2026-Q3', 'draft']);
    expect(runs[1][3]).toBe('smile-cards');
    expect(runs[1].slice(5, 7)).toEqual(['1200.00', '2']);
    expect(runs[1][11]).toMatch(/^v2:feedback=[0-9a-f]{16};scheme=[0-9a-f]{16};staff=[0-9a-f]{16}$/);
    expect(readCsv(changesCsv)[1][0]).toBe('first run of this period');
  });

  test('2. finalize marks that run final, in place', () => {
    const r = runCli(['finalize', wb, '--period', '2026-Q3'], env('2026-10-09T10:00:00.000Z'));
    expect(r.stderr).toBe('');
    ok(r);
    expect(r.stdout.split('\n')[0]).toBe('Period 2026-Q3 is now final (the run of 2026-10-08 09:00). Computing it again is refused; to change it, correct the data and compute again with confirmation (--force on the command line): the new results stay final and the changes are listed in the Changes 2026-Q3 tab');
    const runs = readCsv(runsCsv);
    expect(runs).toHaveLength(2);
    expect([runs[1][2], runs[1][12]]).toEqual(['final', '2026-10-09 10:00']);
  });

  test('3. after editing one feedback row, compute refuses, names Feedback and writes nothing', () => {
    const feedback = join(wb, 'Feedback.csv');
    const text = readFileSync(feedback, 'utf8');
    expect(text).toContain('2026-08-05,S01,met,');
    writeFileSync(feedback, text.replace('2026-08-05,S01,met,', '2026-08-05,S01,below,'));
    const runsBefore = readFileSync(runsCsv);
    const changesBefore = readFileSync(changesCsv);
    const r = runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb], env('2026-10-10T09:00:00.000Z'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(refusal(r.stderr)).toBe('service-star: Period 2026-Q3 is final (finalized 2026-10-09 10:00); inputs changed since: Feedback. Nothing was written; to replace the final results, confirm and compute again (--force on the command line)');
    expect(readFileSync(runsCsv)).toEqual(runsBefore);
    expect(readFileSync(changesCsv)).toEqual(changesBefore);
  });

  test('4. --force recomputes; Changes shows exactly the moved award; the period stays final', () => {
    const r = runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb, '--json', '--force'], env('2026-10-11T09:00:00.000Z'));
    ok(r);
    const result = JSON.parse(r.stdout);
    expect(result.awards.map((a: { award: string; staff_id: string; amount: number }) => [a.award, a.staff_id, a.amount]))
      .toEqual([['service_star', 'S02', 800], ['service_star_manager', 'M1', 400]]);
    expect(readCsv(changesCsv)).toEqual([
      ['Change', 'Staff ID', 'Name', 'Item', 'Amount before', 'Amount after', 'Difference', 'Stars before', 'Stars after', 'Compared with run'],
      ['award lost', 'S01', 'Alice Wang', 'Service Star', '800.00', '', '-800.00', '', '', '2026-10-08 09:00'],
      ['award gained', 'S02', 'Bob Li', 'Service Star', '', '800.00', '800.00', '', '', '2026-10-08 09:00'],
      // Which data changed for the person whose result moved (SPEC §8, issue 12).
      ['data changed', 'S01', 'Alice Wang', 'Feedback: 1 edited', '', '', '', '', '', '2026-10-08 09:00'],
    ]);
    const runs = readCsv(runsCsv);
    expect(runs.map((row) => [row[0], row[2], row[13]])).toEqual([
      ['Time', 'Status', 'Note'],
      ['2026-10-08 09:00', 'final', ''],
      ['2026-10-11 09:00', 'final', 'final period recomputed as confirmed; changed tabs: Feedback'],
    ]);
    expect(runs[2][11]).not.toBe(runs[1][11]);
    const entries = (cell: string) => cell.replace(/^v2:/, '').split(';');
    expect(entries(runs[2][11]).filter((p) => !entries(runs[1][11]).includes(p)).map((p) => p.split('=')[0])).toEqual(['feedback']);
  });

  test('5. without --force it is refused again, now with no changed tab', () => {
    const r = runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb]);
    expect(r.status).toBe(2);
    expect(refusal(r.stderr)).toContain('its inputs have not changed');
  });

  test('another period is not closed by finalizing Q3', () => {
    const r = runCli(['compute', wb, '--period', '2026-Q2', '--preset', 'smile-cards', '--out', wb, '--json']);
    ok(r);
    expect(readCsv(runsCsv).map((row) => [row[1], row[2]]).slice(1)).toEqual([
      ['2026-Q3', 'final'], ['2026-Q3', 'final'], ['2026-Q2', 'draft'],
    ]);
  });
});

describe('finalize scenario on an .xlsx workbook', () => {
  const dir = tempDir('ss-runs-xlsx-');
  const wb = join(dir, 'service.xlsx');

  test('compute → finalize → edit → refused → --force, inside one .xlsx', async () => {
    await csvFolderToXlsx(FIXTURE, wb);
    let r = runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb], env('2026-10-08T09:00:00.000Z'));
    ok(r);
    r = runCli(['finalize', wb, '--period', '2026-Q3'], env('2026-10-09T10:00:00.000Z'));
    ok(r);
    expect((await readXlsxTab(wb, 'Runs')).map((row) => row[2])).toEqual(['Status', 'final']);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(wb);
    const fb = book.getWorksheet('Feedback')!;
    let edited = 0;
    fb.eachRow((row) => {
      if (row.getCell(1).text === '2026-08-05' && row.getCell(2).text === 'S01') {
        row.getCell(3).value = 'below';
        edited++;
      }
    });
    expect(edited).toBe(1);
    await book.xlsx.writeFile(wb);

    r = runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb]);
    expect(r.status).toBe(2);
    expect(refusal(r.stderr)).toMatch(/^service-star: Period 2026-Q3 is final .*inputs changed since: Feedback\./);

    r = runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb, '--force'], env('2026-10-11T09:00:00.000Z'));
    ok(r);
    const changes = await readXlsxTab(wb, 'Changes 2026-Q3');
    expect(changes.slice(1).map((row) => row.slice(0, 7))).toEqual([
      ['award lost', 'S01', 'Alice Wang', 'Service Star', '800.00', '', '-800.00'],
      ['award gained', 'S02', 'Bob Li', 'Service Star', '', '800.00', '800.00'],
      ['data changed', 'S01', 'Alice Wang', 'Feedback: 1 edited', '', '', ''],
    ]);
    expect((await readXlsxTab(wb, 'Runs')).map((row) => row[2])).toEqual(['Status', 'final', 'final']);
    // The input tabs survive the rewrites (the edited row included).
    expect((await readXlsxTab(wb, 'Feedback'))[4].slice(0, 3)).toEqual(['2026-08-05', 'S01', 'below']);
  }, 120000);
});
