/**
 * Bad-input catalogue, files part (issue 9): hostile FILES through the built command
 * line (`node bin/service-star.js`, as a user runs it). Each case asserts the exact exit
 * status and either the exact one line on stderr, or the exact located diagnostics
 * (severity, code, tab as written, row as the user sees it, column as written, value)
 * in `--json`. The 2D-array cases live in test/core/catalogue.test.ts.
 *
 * Base workbook (smile-cards, 2026-Q3), worked by hand: S01 Ann and S02 Bob in group A,
 * both managed by M1 Mia (no manager). S01 has 1 exceeded rating (2 smile cards), S02
 * 1 met (1 card): S01 wins service_star 800.00, M1 gets the level-1 manager bonus 400.00;
 * the level-2 bonus is not paid (M1 has no manager_id: warning payup_no_manager on Staff
 * row 4). A case that breaks a feedback row of S02 leaves the awards as they are.
 *
 * Decisions documented here:
 * - Progress lines may precede a refusal on a slow machine; the refusal is the one
 *   other line, and it ends stderr.
 * - A cell longer than Excel's 32,767 characters is cut to that length in `--out .xlsx`
 *   (Excel cannot open a longer cell); in a diagnostic a long value shows its first
 *   200 characters and "…".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { csvFolder, ensureBuilt, garbageBytes, runCli, tempDir } from './helpers';

const Q3 = ['--period', '2026-Q3', '--preset', 'smile-cards'];
const STAFF = 'staff_id,name,department,group,hire_date,manager_id\nS01,Ann,Care,A,2024-01-15,M1\nS02,Bob,Care,A,2024-03-01,M1\nM1,Mia,Care,,2020-05-05,\n';
const FEEDBACK = 'date,staff_id,rating\n2026-07-03,S01,exceeded\n2026-08-11,S02,met\n';
const BASE_AWARDS = [['service_star', 'S01', 800], ['service_star_manager', 'M1', 400]];
const PAYUP_WARNING = ['warning', 'payup_no_manager', 'Staff', 4, 'manager_id', ''];
const PROGRESS = /^service-star: .* \(\d+\.\d s\)$/;

type Diag = { severity: string; code: string; tab: string; row: number | null; column: string; value: string; message: string };
type Result = { awards: { award: string; staff_id: string; amount: number }[]; diagnostics: Diag[] };

beforeAll(() => ensureBuilt(), 180000);

/** Exit 2, nothing on stdout, and exactly this one line (after any progress lines) on stderr. */
function refuses(args: string[], line: string): void {
  const r = runCli(args);
  const rest = r.stderr.split('\n').filter((l) => l.length > 0 && !PROGRESS.test(l));
  expect({ status: r.status, stdout: r.stdout, stderr: rest }).toEqual({ status: 2, stdout: '', stderr: [`service-star: ${line}`] });
}

/** Exit 0 and the parsed `--json` result. */
function computes(source: string, extra: string[] = []): Result {
  const r = runCli(['compute', source, ...Q3, '--json', ...extra]);
  expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(r.stdout) as Result;
}

function awards(res: Result): (string | number)[][] {
  return res.awards.map((a) => [a.award, a.staff_id, a.amount]);
}

/** Diagnostics other than info, as [severity, code, tab, row, column, value]. */
function problems(res: Result): (string | number | null)[][] {
  return res.diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.severity, d.code, d.tab, d.row, d.column, d.value]);
}

describe('encodings and line endings', () => {
  test('UTF-8 BOM + CRLF: a bad date is reported on the row the user sees (3)', () => {
    const feedback = '\ufeffdate,staff_id,rating\r\n2026-07-03,S01,exceeded\r\n2026-02-30,S02,met\r\n';
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': feedback }));
    expect(awards(res)).toEqual(BASE_AWARDS);
    expect(problems(res)).toEqual([['error', 'bad_date', 'Feedback', 3, 'date', '2026-02-30'], PAYUP_WARNING]);
  });

  test('CR-only line endings and a blank line: the blank line still counts as a row (bad rating on row 4)', () => {
    const feedback = 'date,staff_id,rating\r2026-07-03,S01,exceeded\r\r2026-08-11,S02,bogus\r';
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': feedback }));
    expect(awards(res)).toEqual(BASE_AWARDS);
    expect(problems(res)).toEqual([['error', 'bad_rating', 'Feedback', 4, 'rating', 'bogus'], PAYUP_WARNING]);
  });

  test('UTF-16 LE with BOM, tab-separated (Excel "Unicode text"): read, bad rating on row 3', () => {
    const text = 'date\tstaff_id\trating\r\n2026-07-03\tS01\texceeded\r\n2026-08-11\tS02\tgreat\r\n';
    const feedback = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': feedback }));
    expect(awards(res)).toEqual(BASE_AWARDS);
    expect(problems(res)).toEqual([['error', 'bad_rating', 'Feedback', 3, 'rating', 'great'], PAYUP_WARNING]);
  });
});

describe('unreadable files: exit 2, one line naming the file', () => {
  test('binary garbage in a CSV', () => {
    refuses(['compute', csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': garbageBytes(4000) }), ...Q3],
      'Feedback.csv is not a readable CSV text file (binary content)');
  });

  test('NUL bytes inside otherwise valid UTF-8', () => {
    refuses(['compute', csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': Buffer.from('date,staff_id,rating\n2026-07-03,S01\u0000,met\n') }), ...Q3],
      'Feedback.csv is not a readable CSV text file (binary content)');
  });

  test('an .xlsx renamed to .csv', () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), garbageBytes(200)]);
    refuses(['compute', csvFolder({ 'Staff.csv': zip, 'Feedback.csv': FEEDBACK }), ...Q3],
      'Staff.csv is an .xlsx/zip file, not CSV: pass the .xlsx file itself');
  });

  test('garbage bytes named .xlsx', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'garbage.xlsx'), garbageBytes(4000));
    refuses(['compute', join(dir, 'garbage.xlsx'), ...Q3], 'garbage.xlsx is not a workbook file (unrecognised content; .xlsx, .xls and .ods can be read)');
  });

  test('an empty (0-byte) .xlsx', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.xlsx'), Buffer.alloc(0));
    refuses(['compute', join(dir, 'empty.xlsx'), ...Q3], 'empty.xlsx is not a workbook file (unrecognised content; .xlsx, .xls and .ods can be read)');
  });

  test('an unclosed quote: the row where it opened', () => {
    const feedback = 'date,staff_id,rating\n2026-07-03,S01,exceeded\n2026-08-11,"S02,met\n2026-08-12,S02,met\n';
    refuses(['compute', csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': feedback }), ...Q3],
      'Feedback.csv: the quote opened on row 3 is never closed; cannot read the file');
  });

  test('a folder without any CSV file', () => {
    const dir = csvFolder({ 'notes.txt': 'hello' });
    refuses(['compute', dir, ...Q3], `Folder ${dir} contains no .csv file`);
  });
});

describe('missing and empty tabs and columns', () => {
  test('no Staff file: exit 2, the tabs found are listed', () => {
    refuses(['compute', csvFolder({ 'Feedback.csv': FEEDBACK }), ...Q3],
      'The workbook has no Staff tab (or 员工); the run cannot start. Tabs found: Feedback');
  });

  test('no staff_id column: exit 2, the headers found are listed', () => {
    const staff = 'name,department,group,hire_date,manager_id\nAnn,Care,A,2024-01-15,M1\n';
    refuses(['compute', csvFolder({ 'Staff.csv': staff, 'Feedback.csv': FEEDBACK }), ...Q3],
      'Tab Staff is missing required column staff_id (工号); the run cannot start. Headers on row 1: name, department, group, hire_date, manager_id');
  });

  test('an empty (0-byte) Staff file: every required column is missing', () => {
    refuses(['compute', csvFolder({ 'Staff.csv': '', 'Feedback.csv': FEEDBACK }), ...Q3],
      'Tab Staff is missing required columns staff_id (工号), name (姓名), department (部门), hire_date (入职日期); the run cannot start. Headers on row 1: (none)');
  });

  test('a title row above the Staff header: exit 2, the row where the header is', () => {
    refuses(['compute', csvFolder({ 'Staff.csv': `Staff list 2026\n${STAFF}`, 'Feedback.csv': FEEDBACK }), ...Q3],
      'Tab Staff must have its header on row 1, but the header is on row 2: delete the title or blank rows above it');
  });

  // A used tab with no usable row is not silent (SPEC §8 empty window, issue 12): the results lack its data.
  const NO_FEEDBACK = ['warning', 'empty_window', 'Feedback', null, '', '2026-Q3'];

  test('a Feedback file with only its header: computed, nobody wins, the empty window is the one warning', () => {
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': 'date,staff_id,rating\n' }));
    expect(awards(res)).toEqual([]);
    expect(problems(res)).toEqual([NO_FEEDBACK]);
  });

  test('an empty (0-byte) Feedback file: computed as no data: info on the tab and the empty-window warning', () => {
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': '' }));
    expect(awards(res)).toEqual([]);
    expect(res.diagnostics.filter((d) => d.tab === 'Feedback').map((d) => [d.severity, d.code, d.row, d.column])).toEqual([['warning', 'empty_window', null, ''], ['info', 'empty_tab', null, '']]);
  });

  test('a Staff file with only its header: computed, nobody to rank, only the empty Feedback window reported', () => {
    const res = computes(csvFolder({ 'Staff.csv': 'staff_id,name,department,hire_date\n', 'Feedback.csv': 'date,staff_id,rating\n' }));
    expect(awards(res)).toEqual([]);
    expect(problems(res)).toEqual([NO_FEEDBACK]);
  });

  test('two Staff files (Staff.csv and 员工.csv), both with rows: the run stops naming both (SPEC §8, one tab per kind)', () => {
    refuses(['compute', csvFolder({ 'Staff.csv': STAFF, '员工.csv': 'staff_id,name,department,hire_date\nX1,Xu,Care,2024-01-01\n', 'Feedback.csv': FEEDBACK }), ...Q3],
      '“Staff”、“员工”都是员工表：请删除或改名，只保留一个后再计算');
  });
});

describe('periods that do not exist: exit 2, one line', () => {
  const dir = () => csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': FEEDBACK });
  test.each(['2026-13', '2026-Q0', '2026-H3', '26-Q1', 'Q3', '2026-00', '2026-Q3-01'])('compute --period %s', (period) => {
    refuses(['compute', dir(), '--period', period], `Period "${period}" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026`);
  });

  test('finalize --period 2026-H3', () => {
    refuses(['finalize', dir(), '--period', '2026-H3'], 'Period "2026-H3" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026');
  });

  test('an empty --period', () => {
    refuses(['compute', dir(), '--period', ''], 'Give the period with --period, e.g. --period 2026-Q3');
  });
});

describe('50,000-character cells', () => {
  const big = (c: string) => c.repeat(50_000);

  test('in a comment column nobody reads: computed as usual, nothing reported', () => {
    const feedback = `date,staff_id,rating,comment\n2026-07-03,S01,exceeded,${big('好')}\n2026-08-11,S02,met,\n`;
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': feedback }));
    expect(awards(res)).toEqual(BASE_AWARDS);
    expect(problems(res)).toEqual([PAYUP_WARNING]);
  });

  test('as a staff id in Feedback: unknown staff, the value shown as its first 200 characters', () => {
    const feedback = `${FEEDBACK}2026-08-12,${big('X')},met\n`;
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': feedback }));
    expect(awards(res)).toEqual(BASE_AWARDS);
    expect(problems(res)).toEqual([['error', 'unknown_staff', 'Feedback', 4, 'staff_id', `${'X'.repeat(200)}…`], PAYUP_WARNING]);
    expect(res.diagnostics.every((d) => d.message.length < 1000)).toBe(true);
  });

  test('in a date column: bad date, value cut to 200 characters', () => {
    const feedback = `${FEEDBACK}${big('9')},S02,met\n`;
    const res = computes(csvFolder({ 'Staff.csv': STAFF, 'Feedback.csv': feedback }));
    expect(problems(res)).toEqual([['error', 'bad_date', 'Feedback', 4, 'date', `${'9'.repeat(200)}…`], PAYUP_WARNING]);
  });

  test('as a winner\'s name: computed; --out .xlsx keeps the name as text, cut to Excel\'s 32,767 characters', async () => {
    const staff = STAFF.replace('S01,Ann,', `S01,${big('安')},`);
    const out = join(tempDir(), 'result.xlsx');
    const res = computes(csvFolder({ 'Staff.csv': staff, 'Feedback.csv': FEEDBACK }), ['--out', out]);
    expect(awards(res)).toEqual(BASE_AWARDS);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ranking = wb.worksheets.find((w) => w.name === 'Ranking 2026-Q3')!;
    const names: string[] = [];
    ranking.eachRow((row) => row.eachCell((cell) => { if (typeof cell.value === 'string' && cell.value.startsWith('安安')) names.push(cell.value); }));
    expect(names).toEqual(['安'.repeat(32_767)]);
  });
});

describe('an .xlsx with formulas and error values as cell values', () => {
  /**
   * Feedback as Excel saves it (exceljs writes the cached results):
   *  row 2: S01 exceeded (plain);
   *  row 3: rating is the error value #N/A                        → error_value, rating;
   *  row 4: staff_id is a formula whose result is #REF!           → error_value, staff_id;
   *  row 5: date is =DATE(2026,8,11) with its cached date, S02 met → used as 2026-08-11;
   *  row 6: rating is the TEXT "#DIV/0!" (pasted as values)        → error_value, rating;
   *  row 7: rating is a formula with no cached result (never calculated) → blank → missing_value.
   * Only rows 2 and 5 count: S01 2 cards, S02 1 → the base awards.
   */
  async function workbook(): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const staff = wb.addWorksheet('Staff');
    for (const line of STAFF.trim().split('\n')) staff.addRow(line.split(','));
    // A name computed by a formula is read as its cached text.
    staff.getCell('B2').value = { formula: 'PROPER("ann")', result: 'Ann' } as ExcelJS.CellFormulaValue;
    const fb = wb.addWorksheet('Feedback');
    fb.addRow(['date', 'staff_id', 'rating']);
    fb.addRow(['2026-07-03', 'S01', 'exceeded']);
    fb.addRow(['2026-07-04', 'S01', { error: '#N/A' }]);
    fb.addRow(['2026-07-05', { formula: 'Staff!Z99+#REF!', result: { error: '#REF!' } }, 'met']);
    fb.addRow([{ formula: 'DATE(2026,8,11)', result: new Date(Date.UTC(2026, 7, 11)) }, 'S02', 'met']);
    fb.addRow(['2026-07-06', 'S02', '#DIV/0!']);
    fb.addRow(['2026-07-07', 'S02', { formula: 'IF(TRUE,"met")' }]);
    fb.getCell('A5').numFmt = 'yyyy-mm-dd';
    const path = join(tempDir(), 'formulas.xlsx');
    await wb.xlsx.writeFile(path);
    return path;
  }

  test('error values are located errors; cached formula results are used', async () => {
    const res = computes(await workbook());
    expect(awards(res)).toEqual(BASE_AWARDS);
    expect(problems(res)).toEqual([
      ['error', 'error_value', 'Feedback', 3, 'rating', '#N/A'],
      ['error', 'error_value', 'Feedback', 4, 'staff_id', '#REF!'],
      ['error', 'error_value', 'Feedback', 6, 'rating', '#DIV/0!'],
      ['error', 'missing_value', 'Feedback', 7, 'rating', ''],
      PAYUP_WARNING,
    ]);
  });
});

describe('merged cells in an .xlsx', () => {
  test('a department merged over two rows: the lower row is missing its department', async () => {
    const wb = new ExcelJS.Workbook();
    const staff = wb.addWorksheet('Staff');
    for (const line of STAFF.trim().split('\n')) staff.addRow(line.split(','));
    staff.mergeCells('C2:C3');
    const fb = wb.addWorksheet('Feedback');
    for (const line of FEEDBACK.trim().split('\n')) fb.addRow(line.split(','));
    const path = join(tempDir(), 'merged.xlsx');
    await wb.xlsx.writeFile(path);
    const res = computes(path);
    // S02's Staff row is left out, so is its feedback (summarised once); S01 still wins.
    expect(awards(res)).toEqual(BASE_AWARDS);
    expect(problems(res)).toEqual([
      ['error', 'missing_value', 'Staff', 3, 'department', ''],
      ['warning', 'staff_left_out', 'Feedback', 3, 'staff_id', 'S02'],
      PAYUP_WARNING,
    ]);
  });
});
