/**
 * Command-line tests of SPEC §8 "A result people can trust at a glance": the
 * run stops on two tabs of one kind (CSV folder and .xlsx), and the other
 * points of issue 12 that show on the command line.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsx } from '../../cli/xlsx-host';
import { parseCsvText } from '../../cli/csv-host';
import { writeXlsx } from '../../cli/xlsx-writer';
import { DEMO_XLSX, EXAMPLES, ensureBuilt, lines, runCli, tempDir } from './helpers';

beforeAll(() => ensureBuilt());

/** stderr without progress lines (printed when a step takes over a second on a loaded machine). */
function errLines(text: string): string[] {
  return lines(text).filter((l) => !/^service-star: [a-z ]+(?: \d+ rows)? \(\d+\.\d s\)$/.test(l));
}

function demoCopy(): string {
  const dir = tempDir();
  cpSync(join(EXAMPLES, 'csv-zh'), dir, { recursive: true });
  return dir;
}

describe('one tab per kind (SPEC §8)', () => {
  test('CSV folder: Staff.csv beside 员工.csv stops the run (exit 2) with one line naming both', () => {
    const dir = demoCopy();
    writeFileSync(join(dir, 'Staff.csv'), readFileSync(join(EXAMPLES, 'csv-en', 'Staff.csv')));
    const r = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const l = errLines(r.stderr);
    expect(l).toHaveLength(1);
    expect(l[0]).toContain('“Staff”');
    expect(l[0]).toContain('“员工”');
    expect(l[0]).toContain('都是员工表');
    const en = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--lang', 'en']);
    expect(en.status).toBe(2);
    expect(errLines(en.stderr)).toEqual(['service-star: "Staff", "员工" are all the Staff tab: delete or rename all but one, then compute again']);
  });

  test('CSV folder: an empty Staff.csv (header only) beside 员工.csv is set aside with an info line; the result is unchanged', () => {
    const dir = demoCopy();
    const base = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--json']);
    writeFileSync(join(dir, 'Staff.csv'), 'staff_id,name,department,hire_date\n,,,\n');
    const r = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--json']);
    expect(r.status).toBe(0);
    const a = JSON.parse(base.stdout);
    const b = JSON.parse(r.stdout);
    expect(b.awards).toEqual(a.awards);
    expect(b.diagnostics.filter((d: { code: string }) => d.code === 'duplicate_tab_empty')).toEqual([
      expect.objectContaining({ severity: 'info', tab: 'Staff' }),
    ]);
  });

  test('.xlsx: a stale Staff sheet before 员工 stops the run (exit 2) naming both', async () => {
    const tabs = await readXlsx(DEMO_XLSX);
    const staffEn = readFileSync(join(EXAMPLES, 'csv-en', 'Staff.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(','));
    const path = join(tempDir(), 'two-staff.xlsx');
    await writeXlsx(path, [{ name: 'Staff', rows: staffEn }, ...tabs], []);
    const r = runCli(['compute', path, '--period', '2026-Q3', '--preset', 'smile-cards']);
    expect(r.status).toBe(2);
    const l = errLines(r.stderr);
    expect(l).toHaveLength(1);
    expect(l[0]).toMatch(/“Staff”、“员工”都是员工表/);
  });
});

describe('required tabs follow what runs for the period (SPEC §7)', () => {
  test('service-star-budget on Staff + Incidents: 2026-Q3 (referral, reads Incidents) computes; 2026-07 (monthly awards read Feedback) stops', () => {
    const dir = tempDir();
    for (const f of ['Staff.csv', 'Incidents.csv']) cpSync(join(EXAMPLES, 'csv-en', f), join(dir, f));
    const q = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'service-star-budget', '--json']);
    expect(q.status).toBe(0);
    const j = JSON.parse(q.stdout);
    expect(j.awards.length).toBeGreaterThan(0);
    expect(new Set(j.awards.map((a: { award: string }) => a.award))).toEqual(new Set(['referral']));
    const m = runCli(['compute', dir, '--period', '2026-07', '--preset', 'service-star-budget']);
    expect(m.status).toBe(2);
    expect(errLines(m.stderr)).toEqual(['service-star: The scheme "Surprise service awards (budget)" needs the Feedback tab, which the workbook does not have']);
  });
});

describe('rows left out come first (SPEC §8)', () => {
  /** The demo CSV folder with Feedback rows 12–51 given an impossible date. */
  function withBadDates(): string {
    const dir = demoCopy();
    const file = join(dir, '客户反馈.csv');
    const rows = readFileSync(file, 'utf8').split('\n');
    for (let r = 12; r <= 51; r++) rows[r - 1] = rows[r - 1].replace(/^[^,]*/, '2026-13-40');
    writeFileSync(file, rows.join('\n'));
    return dir;
  }

  test('the summary opens with the rows left out, the people named, and the same problem grouped as rows 12–51、122', () => {
    const dir = withBadDates();
    const r = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards']);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out[1]).toMatch(/^有 43 行数据未使用，涉及 \d+ 人：.+（S\d+）.*。修正后结果可能改变。$/);
    expect(out[2]).toBe('  客户反馈 第 12–51、122 行（41 行） 日期：“2026-13-40”不是有效日期，请写成 2026-07-01 或 2026年7月1日，本行未使用');
    expect(out.slice(2, 5).some((l) => l.includes('第 62 行') && l.includes('S099'))).toBe(true);
    expect(out.indexOf('获奖')).toBeGreaterThan(3);
  });

  test('--json left_out: the row count and the known people whose rows were left out', () => {
    const dir = withBadDates();
    const r = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--json']);
    const j = JSON.parse(r.stdout);
    expect(j.left_out.rows).toBe(43);
    // Rows 12–51's people, plus rows 122 and 182 (S099 of row 62 is not in Staff).
    const csv = readFileSync(join(dir, '客户反馈.csv'), 'utf8').split('\n');
    const ids = new Set([...csv.slice(11, 51), csv[121], csv[181]].map((l) => l.split(',')[1].trim().toUpperCase())); // ids as written in Staff (" s005 " is S005)
    expect(j.left_out.staff_ids).toEqual([...ids].sort());
    expect(j.left_out.staff_ids).not.toContain('S099');
    const clean = JSON.parse(runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'smile-cards', '--json']).stdout);
    expect(clean.left_out).toEqual({ rows: 3, staff_ids: ['S006', 'S015'] });
  });

  test('English run: the same banner in English, no Chinese words added', () => {
    const r = runCli(['compute', join(EXAMPLES, 'csv-en'), '--period', '2026-Q3', '--preset', 'smile-cards', '--lang', 'en']);
    const out = lines(r.stdout);
    expect(out[1]).toMatch(/^3 rows were left out, belonging to 2 people: .+ \(S006\), .+ \(S015\)\. Results may change once they are fixed\.$/);
    expect(out[2]).toBe('  Feedback row 62 staff_id: staff id "S099" is not in the Staff tab; this row is left out');
  });
});

describe('slash dates read per column (SPEC §8)', () => {
  const EN = join(EXAMPLES, 'csv-en');
  /** csv-en with Feedback dates rewritten by `fn` (ISO → a slash spelling). */
  function rewritten(fn: (y: string, m: string, d: string) => string): string {
    const dir = tempDir();
    cpSync(EN, dir, { recursive: true });
    const file = join(dir, 'Feedback.csv');
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    writeFileSync(file, text.split('\n').map((l, i) => (i === 0 ? l : l.replace(/^(\d{4})-(\d\d)-(\d\d),/, (_, y, m, d) => `${fn(y, m, d)},`))).join('\n'));
    return dir;
  }
  type J = { awards: unknown[]; left_out: { rows: number }; diagnostics: { severity: string; code: string; row: number | null; column: string; message: string; value: string }[] };
  const compute = (dir: string): J => JSON.parse(runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--json', '--lang', 'en']).stdout) as J;

  test('a month/day/year column (6/17/2026) is read that way: the same awards as ISO dates, one info line', () => {
    const base = compute(EN);
    const j = compute(rewritten((y, m, d) => `${+m}/${+d}/${y}`));
    expect(j.awards).toEqual(base.awards);
    expect(j.left_out.rows).toBe(base.left_out.rows);
    const info = j.diagnostics.filter((d) => d.code === 'slash_date_order');
    expect(info).toEqual([expect.objectContaining({ severity: 'info', column: 'date', message: 'slash dates read as month/day/year (e.g. "6/17/2026" is 2026-06-17)' })]);
  });

  test('a day/month/year column (17/6/2026) is read that way: the same awards', () => {
    const base = compute(EN);
    const j = compute(rewritten((y, m, d) => `${+d}/${+m}/${y}`));
    expect(j.awards).toEqual(base.awards);
    expect(j.diagnostics.filter((d) => d.code === 'slash_date_order').map((d) => d.message)).toEqual(['slash dates read as day/month/year (e.g. "17/6/2026" is 2026-06-17)']);
  });

  test('a mixed column: unambiguous values read their only way, each value that reads two ways is reported on its row and left out', () => {
    let k = 0;
    // Alternate m/d/y and d/m/y spellings.
    const dir = rewritten((y, m, d) => (k++ % 2 ? `${+m}/${+d}/${y}` : `${+d}/${+m}/${y}`));
    const j = compute(dir);
    const mixed = j.diagnostics.filter((d) => d.code === 'mixed_date');
    expect(mixed.length).toBeGreaterThan(0);
    for (const d of mixed) {
      expect(d.severity).toBe('error');
      expect(d.row).toBeGreaterThan(1);
      const [a, b, y] = d.value.split('/');
      expect(d.message).toBe(`this column mixes month/day/year and day/month/year, so "${d.value}" could be month ${+a} day ${+b} or day ${+a} month ${+b}: write ${y}-${a.padStart(2, '0')}-${b.padStart(2, '0')} or ${y}-${b.padStart(2, '0')}-${a.padStart(2, '0')}; this row is left out`);
    }
    expect(j.diagnostics.some((d) => d.code === 'slash_date_order')).toBe(false);
    expect(j.left_out.rows).toBeGreaterThanOrEqual(mixed.length);
  });

  test('a column whose every slash date reads two ways: each reported with the unambiguous ways to write it', () => {
    const dir = tempDir();
    cpSync(join(EN, 'Staff.csv'), join(dir, 'Staff.csv'));
    writeFileSync(join(dir, 'Feedback.csv'), 'date,staff_id,rating\n7/1/2026,S001,exceeded\n8/3/2026,S002,met\n2026-08-05,S003,met\n');
    const j = compute(dir);
    const amb = j.diagnostics.filter((d) => d.code === 'ambiguous_date');
    expect(amb.map((d) => [d.row, d.message])).toEqual([
      [2, 'every slash date of this column reads two ways, so "7/1/2026" could be month 7 day 1 or day 7 month 1: write 2026-07-01 or 2026-01-07; this row is left out'],
      [3, 'every slash date of this column reads two ways, so "8/3/2026" could be month 8 day 3 or day 8 month 3: write 2026-08-03 or 2026-03-08; this row is left out'],
    ]);
    expect(j.left_out.rows).toBe(2);
  });
});

describe('periods and empty windows (SPEC §2, §8)', () => {
  test.each([
    ['2026Q3', '2026-Q3'], ['2026 Q3', '2026-Q3'], ['Q3 2026', '2026-Q3'], ['2026年第三季度', '2026-Q3'], ['2026年三季度', '2026-Q3'],
    ['2026年Q3', '2026-Q3'], ['2026.07', '2026-07'], ['2026/07', '2026-07'], ['2026年7月', '2026-07'], ['2026年07月', '2026-07'],
    ['2026H2', '2026-H2'], ['2026年下半年', '2026-H2'], ['2026年上半年', '2026-H1'], ['2026年', '2026'], ['2026年度', '2026'],
  ])('--period %s is %s', (spelling, id) => {
    const dir = tempDir();
    cpSync(join(EXAMPLES, 'csv-en', 'Staff.csv'), join(dir, 'Staff.csv'));
    writeFileSync(join(dir, 'Feedback.csv'), 'date,staff_id,rating\n2026-07-01,S001,exceeded\n');
    const r = runCli(['compute', dir, '--period', spelling, '--preset', 'smile-cards', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).period).toBe(id);
  });

  test('--period 2025-Q3 on 2026 data: a warning per dated tab naming the dates it holds, before the awards', () => {
    const r = runCli(['compute', join(EXAMPLES, 'csv-en'), '--period', '2025-Q3', '--preset', 'smile-cards', '--lang', 'en']);
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    const fb = out.indexOf('Feedback: no rows in 2025-Q3: the tab\'s dates run from 2026-06-17 to 2026-09-30; check the period');
    expect(fb).toBeGreaterThan(0);
    expect(out.indexOf('Incidents: no rows in 2025-Q3: the tab\'s dates run from 2026-07-07 to 2026-09-30; check the period')).toBeGreaterThan(0);
    expect(fb).toBeLessThan(out.indexOf('Awards'));
    const j = JSON.parse(runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2025-Q3', '--preset', 'smile-cards', '--json']).stdout);
    expect(j.diagnostics.filter((d: { code: string }) => d.code === 'empty_window').map((d: { tab: string; severity: string; message: string }) => [d.tab, d.severity, d.message]))
      .toEqual([['奖惩记录', 'warning', '在 2025-Q3 没有数据：该表的日期为 2026-07-07 至 2026-09-30，请核对期间'], ['客户反馈', 'warning', '在 2025-Q3 没有数据：该表的日期为 2026-06-17 至 2026-09-30，请核对期间']]);
    const q3 = JSON.parse(runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'smile-cards', '--json']).stdout);
    expect(q3.diagnostics.some((d: { code: string }) => d.code === 'empty_window')).toBe(false);
  });
});

describe('manager payments (SPEC §8)', () => {
  test('each names its winner, the summary counts people, and a superior with a penalty in the period gets a warning', () => {
    const r = runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'smile-cards']);
    const out = lines(r.stdout);
    expect(out).toContain('  服务之星上级奖 · 回访组  S034 田甜  400.00（董明 S035 的上级）');
    expect(out).toContain('  服务之星上级奖 · 回访组  S034 田甜  400.00（袁野 S036 的上级）');
    // 12 payment rows, 8 people.
    expect(out).toContain('  服务之星上级奖：8 人，4,800.00');
    const j = JSON.parse(runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'smile-cards', '--json']).stdout);
    expect(j.diagnostics.filter((d: { code: string }) => d.code === 'payup_with_penalty').map((d: { severity: string; value: string; message: string }) => [d.severity, d.value, d.message]))
      .toEqual([['warning', 'S034', '田甜（S034）获“服务之星上级奖”，但同期有处理：2026-09 待岗培训；如不应发放，可在方案中加条件排除']]);
  });
});

describe('why a result changed (SPEC §8)', () => {
  test('after an edit, the Changes tab names for each person whose result moved the tab that changed for them', () => {
    const dir = tempDir();
    cpSync(join(EXAMPLES, 'csv-en'), dir, { recursive: true });
    const first = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', dir]);
    expect(first.status).toBe(0);
    const file = join(dir, 'Feedback.csv');
    const rows = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n');
    // 蔡雯 (S039): seven new exceeded ratings and one of her rows edited (met → exceeded).
    const edit = rows.findIndex((l) => /^[^,]*,S039,[^,]*,met,/.test(l));
    expect(edit).toBeGreaterThan(0);
    rows[edit] = rows[edit].replace(',met,', ',exceeded,');
    for (let d = 15; d <= 21; d++) rows.splice(1, 0, `2026-07-${d},S039,5,exceeded,x,phone,great`);
    writeFileSync(file, rows.join('\n'));
    const second = runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', dir]);
    expect(second.status).toBe(0);
    const changes = parseCsvText(readFileSync(join(dir, 'Changes 2026-Q3.csv'), 'utf8'), 'Changes 2026-Q3.csv').map((r) => r.map((c) => String(c ?? '')));
    expect(changes.filter((c) => c[0] === 'award gained').map((c) => c[1])).toEqual(['S039']);
    const why = changes.filter((c) => c[0] === 'data changed').map((c) => [c[1], c[3]]);
    // Only 蔡雯's data changed; the people who lost because of her have no data line.
    expect(why).toEqual([['S039', 'Feedback: 7 added, 1 edited']]);
    // The summary printed says the same.
    const out = lines(second.stdout);
    const at = out.indexOf('Since the previous run, the data that changed:');
    expect(at).toBeGreaterThan(0);
    expect(out[at + 1]).toBe('  蔡雯 S039: Feedback: 7 added, 1 edited');
  });
});
