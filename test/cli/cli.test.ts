/**
 * The command line end to end, run as a child process the way users run it:
 * same JSON from .xlsx and CSV, exit codes and one-line refusals, --json on
 * stdout only, --out round trips, template and demo.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { ResultJson } from '../../core/types';
import { csvFolder, DEMO_XLSX, ensureBuilt, EXAMPLES, FIXTURES, garbageBytes, lines, ROOT, runCli, tempDir } from './helpers';

beforeAll(() => ensureBuilt());

const Q3 = ['--period', '2026-Q3', '--preset', 'smile-cards'];
const SPEC_KEYS = ['period', 'scheme', 'awards', 'stars', 'penalties', 'departments', 'points', 'flags', 'ineligible', 'diagnostics', 'totals', 'near_misses', 'left_out'];

function computeJson(source: string, extra: string[] = []): { stdout: string; json: ResultJson } {
  const r = runCli(['compute', source, ...Q3, '--json', ...extra]);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  return { stdout: r.stdout, json: JSON.parse(r.stdout) as ResultJson };
}

/** A refusal: exit 2, nothing on stdout, exactly one line on stderr, no stack trace. */
function expectRefusal(args: string[], pattern: RegExp, env?: Record<string, string>): string {
  const r = runCli(args, { env });
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const err = lines(r.stderr);
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(/^service-star: /);
  expect(r.stderr).not.toMatch(/\s+at\s+\S+\s+\(|node:internal|Error:/);
  expect(err[0]).toMatch(pattern);
  return err[0];
}

describe('the same data in every form gives the same JSON', () => {
  let xlsx: { stdout: string; json: ResultJson };
  beforeAll(() => {
    xlsx = computeJson(DEMO_XLSX);
  });

  test('.xlsx with Chinese tab names and the Chinese CSV folder: byte-identical stdout', () => {
    expect(computeJson(join(EXAMPLES, 'csv-zh')).stdout).toBe(xlsx.stdout);
  });

  test('the same input twice: byte-identical JSON', () => {
    expect(computeJson(DEMO_XLSX).stdout).toBe(xlsx.stdout);
  });

  test('English tab names, headers and codes: same results; diagnostics at the same rows with the same codes', () => {
    const en = computeJson(join(EXAMPLES, 'csv-en'), ['--lang', 'zh']).json;
    const { diagnostics: dx, ...restX } = xlsx.json;
    const { diagnostics: de, ...restE } = en;
    expect(restE).toEqual(restX);
    const key = (d: ResultJson['diagnostics'][number]) => ({ severity: d.severity, row: d.row, code: d.code, value: d.value });
    expect(de.map(key)).toEqual(dx.map(key));
  });

  test('--json prints exactly one object with every SPEC §7 key', () => {
    const text = xlsx.stdout.trim();
    expect(text.startsWith('{') && text.endsWith('}')).toBe(true);
    expect(Object.keys(xlsx.json)).toEqual(SPEC_KEYS);
    expect(Object.keys(xlsx.json.totals)).toEqual(['paid', 'by_award']);
    expect(xlsx.json.period).toBe('2026-Q3');
    expect(xlsx.json.scheme).toBe('smile-cards');
  });

  test('the demo workbook\'s planted problems are reported where they are (rows as the user sees them)', () => {
    const errors = xlsx.json.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.tab, d.column, d.code, d.value]);
    expect(errors).toEqual([
      ['客户反馈', '工号', 'unknown_staff', 'S099'],
      ['客户反馈', '日期', 'bad_date', '2026-09-31'],
      ['客户反馈', '评分', 'not_a_number', '五分'],
    ]);
    expect(xlsx.json.diagnostics.filter((d) => d.code === 'unknown_type').map((d) => d.value)).toEqual(['优秀标兵']);
  });

  test('CSV with BOM + CRLF and the same CSV with plain LF: identical JSON', () => {
    const staff = readFileSync(join(FIXTURES, 'bad-rows', 'Staff.csv'), 'utf8');
    const feedback = readFileSync(join(FIXTURES, 'bad-rows', 'Feedback.csv'), 'utf8');
    const crlf = (t: string) => `\ufeff${t.replace(/\n/g, '\r\n')}`;
    const a = computeJson(csvFolder({ 'Staff.csv': staff, 'Feedback.csv': feedback }));
    const b = computeJson(csvFolder({ 'Staff.csv': crlf(staff), 'Feedback.csv': crlf(feedback) }));
    expect(b.stdout).toBe(a.stdout);
  });
});

/** The smile fixture as an .xlsx with Chinese tab names and headers, real date cells and Chinese codes. */
async function smileAsXlsx(): Promise<string> {
  const HEADERS: Record<string, string> = {
    staff_id: '工号', name: '姓名', department: '部门', group: '组别', level: '职级', hire_date: '入职日期',
    manager_id: '上级工号', date: '日期', rating: '评价', type: '类型', note: '说明',
  };
  const CODES: Record<string, string> = { exceeded: '超越', met: '达到', below: '低于', anger_card: '愤怒卡', praise: '表扬' };
  const wb = new ExcelJS.Workbook();
  for (const [file, tab] of [['Staff', '员工'], ['Feedback', '客户反馈'], ['Incidents', '奖惩记录']]) {
    const ws = wb.addWorksheet(tab);
    const rows = readFileSync(join(FIXTURES, 'smile', `${file}.csv`), 'utf8').trim().split('\n').map((l) => l.split(','));
    ws.addRow(rows[0].map((h) => HEADERS[h]));
    for (const r of rows.slice(1)) {
      ws.addRow(r.map((v, i) => {
        if (/date$/.test(rows[0][i])) return new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, Number(v.slice(8, 10))));
        return CODES[v] ?? (v === '' ? null : v);
      }));
    }
  }
  const path = join(tempDir(), '微笑之星.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('smile-cards end to end (values worked out by hand from test/fixtures/cli/smile)', () => {
  let csv: { stdout: string; json: ResultJson };
  beforeAll(() => {
    csv = computeJson(join(FIXTURES, 'smile'));
  });

  test('winners per group: A1 (7 cards; A2 has 8 but 2 anger cards; A3\'s June cards do not count); B1 and B3 tied (5 cards, 2 exceeded), B2 loses the tie-break', () => {
    const stars = csv.json.awards.filter((a) => a.award === 'service_star');
    expect(stars).toEqual([
      { award: 'service_star', staff_id: 'A1', scope: 'A组', rank: 1, amount: 800, tie: false },
      { award: 'service_star', staff_id: 'B1', scope: 'B组', rank: 1, amount: 800, tie: true },
      { award: 'service_star', staff_id: 'B3', scope: 'B组', rank: 1, amount: 800, tie: true },
    ]);
  });

  test('each winner\'s manager and that manager\'s manager get 400.00, once per winner', () => {
    const ups = csv.json.awards.filter((a) => a.award === 'service_star_manager').map((a) => `${a.staff_id} ${a.amount}`).sort();
    expect(ups).toEqual(['L1 400', 'L2 400', 'L2 400', 'M1 400', 'M1 400', 'M1 400']);
    expect(csv.json.totals).toEqual({ paid: 4800, by_award: { service_star: 2400, service_star_manager: 2400 } });
  });

  test('B4: 2 anger cards from a below rating + 1 anger card incident in August → standby training once', () => {
    expect(csv.json.penalties).toEqual([{ staff_id: 'B4', action: 'standby_training', window: '2026-08', amount: 0 }]);
    const ineligible = csv.json.ineligible.filter((i) => i.award === 'service_star').map((i) => i.staff_id);
    expect(ineligible).toEqual(expect.arrayContaining(['A2', 'B4']));
    expect(ineligible).not.toEqual(expect.arrayContaining(['A1']));
  });

  test('the same data as an .xlsx with Chinese tab names, headers, codes and date cells: byte-identical JSON', async () => {
    const xlsx = await smileAsXlsx();
    expect(computeJson(xlsx).stdout).toBe(csv.stdout);
  });

  test('the readable summary names the winners and the penalty', () => {
    const r = runCli(['compute', join(FIXTURES, 'smile'), ...Q3, '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/B1 李一（并列）\s+800\.00/);
    expect(r.stdout).toContain('A1 张一');
    expect(r.stdout).toContain('奖金：合计发放 4,800.00');
    expect(r.stdout).toMatch(/2026-08\s+B4 李四\s+待岗培训/);
  });
});

describe('bad rows: exit 0, rows left out and reported', () => {
  test('duplicate id, impossible date, unknown staff, a score that is not a number', () => {
    const { json } = computeJson(join(FIXTURES, 'bad-rows'));
    const found = json.diagnostics.map((d) => ({ tab: d.tab, row: d.row, column: d.column, code: d.code, value: d.value }));
    expect(found).toEqual(expect.arrayContaining([
      { tab: 'Staff', row: 4, column: 'staff_id', code: 'duplicate_staff_id', value: 'S02' },
      { tab: 'Staff', row: 5, column: 'hire_date', code: 'bad_date', value: '2026-02-30' },
      { tab: 'Feedback', row: 3, column: 'staff_id', code: 'unknown_staff', value: 'S09' },
      { tab: 'Feedback', row: 4, column: 'score', code: 'not_a_number', value: 'abc' },
    ]));
    for (const d of json.diagnostics) expect(typeof d.message).toBe('string');
  });
});

describe('the run cannot start: exit 2 and one line', () => {
  test('missing Staff tab', () => {
    expectRefusal(['compute', join(FIXTURES, 'missing-staff'), ...Q3], /Staff/);
  });
  test('missing staff_id column', () => {
    expectRefusal(['compute', join(FIXTURES, 'no-staff-id'), ...Q3], /staff_id/);
  });
  test('bad period 2026-Q5', () => {
    expectRefusal(['compute', DEMO_XLSX, '--period', '2026-Q5'], /Period "2026-Q5" is not valid/);
  });
  test('binary garbage in a CSV', () => {
    const dir = csvFolder({ 'Staff.csv': readFileSync(join(FIXTURES, 'bad-rows', 'Staff.csv')), 'Feedback.csv': garbageBytes(4000) });
    expectRefusal(['compute', dir, ...Q3], /^service-star: Feedback\.csv is not a readable CSV text file \(binary content\)$/);
  });
  test('garbage .xlsx, and a zip that is not a workbook', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'garbage.xlsx'), garbageBytes(4000));
    expectRefusal(['compute', join(dir, 'garbage.xlsx'), ...Q3], /garbage\.xlsx is not a workbook file/);
    writeFileSync(join(dir, 'zip.xlsx'), Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), garbageBytes(4000)]));
    expectRefusal(['compute', join(dir, 'zip.xlsx'), ...Q3], /Cannot read zip\.xlsx: the file is damaged or not a valid \.xlsx file/);
  });
  test('nonexistent path', () => {
    expectRefusal(['compute', '/no/such/workbook.xlsx', ...Q3], /\/no\/such\/workbook\.xlsx does not exist/);
  });
  test('unknown preset', () => {
    expectRefusal(['compute', DEMO_XLSX, '--period', '2026-Q3', '--preset', 'nope'], /There is no preset "nope" \(use one of .*smile-cards/);
  });
  test('usage mistakes: unknown command, unknown option, missing --period', () => {
    expectRefusal(['frobnicate'], /Unknown command "frobnicate"/);
    expectRefusal(['compute', DEMO_XLSX, '--period', '2026-Q3', '--bogus'], /--bogus/);
    expectRefusal(['compute', DEMO_XLSX], /--period/);
  });
  test('messages follow --lang (and the workbook language once it is read)', () => {
    expectRefusal(['compute', '/no/such/x.xlsx', '--period', '2026-Q3', '--lang', 'zh'], /找不到/);
    const staffOnly = csvFolder({ '员工.csv': '姓名,部门,入职日期\n张三,客服部,2024-01-15\n' });
    expectRefusal(['compute', staffOnly, ...Q3], /「员工」缺少必需列：工号/);
  });
});

describe('--out', () => {
  test('result.xlsx holds the input tabs with the same values, in the same order, then the output tabs', async () => {
    const out = join(tempDir(), 'result.xlsx');
    const r = runCli(['compute', DEMO_XLSX, ...Q3, '--out', out]);
    expect(r.status).toBe(0);
    const src = new ExcelJS.Workbook();
    await src.xlsx.readFile(DEMO_XLSX);
    const res = new ExcelJS.Workbook();
    await res.xlsx.readFile(out);
    const srcNames = src.worksheets.map((w) => w.name);
    const resNames = res.worksheets.map((w) => w.name);
    expect(resNames.slice(0, srcNames.length)).toEqual(srcNames);
    expect(resNames.slice(srcNames.length)).toContain('数据检查 2026-Q3');
    for (const name of srcNames) {
      const a = src.getWorksheet(name)!.getSheetValues();
      const b = res.getWorksheet(name)!.getSheetValues();
      expect(b).toEqual(a);
    }
  });

  test('names beginning with = + - @ land as text cells, never formulas', async () => {
    const dir = csvFolder({
      'Staff.csv': 'staff_id,name,department,group,hire_date\nS01,"=HYPERLINK(""x"")",客服部,A组,2024-01-15\nS02,+1,客服部,A组,2024-01-15\nS03,@me,客服部,A组,2024-01-15\nS04,-2,客服部,A组,2024-01-15\n',
      'Feedback.csv': 'date,staff_id,rating\n2026-07-03,S01,exceeded\n2026-07-04,S02,met\n',
    });
    const out = join(tempDir(), 'result.xlsx');
    expect(runCli(['compute', dir, ...Q3, '--out', out]).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const staff = wb.getWorksheet('Staff')!;
    const want = ['=HYPERLINK("x")', '+1', '@me', '-2'];
    want.forEach((text, i) => {
      const cell = staff.getCell(`B${i + 2}`);
      expect(cell.value).toBe(text);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    });
    // The winner's name in the Ranking and Bonus tabs is text too.
    for (const prefix of ['Ranking', 'Bonus']) {
      const ws = wb.worksheets.find((w) => w.name.startsWith(prefix))!;
      const hits: ExcelJS.Cell[] = [];
      ws.eachRow((row) => row.eachCell((cell) => { if (cell.value === '=HYPERLINK("x")') hits.push(cell); }));
      expect(hits.length).toBeGreaterThan(0);
      for (const cell of hits) expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    // Every sheet, outputs included: no cell anywhere is a formula.
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula))));
  });

  test('a folder gets one CSV per output tab (UTF-8 BOM)', () => {
    const out = join(tempDir(), 'results');
    const r = runCli(['compute', join(FIXTURES, 'bad-rows'), ...Q3, '--out', out]);
    expect(r.status).toBe(0);
    const files = readdirSync(out);
    expect(files).toContain('Data check 2026-Q3.csv');
    const text = readFileSync(join(out, 'Data check 2026-Q3.csv'), 'utf8');
    expect(text.startsWith('\ufeffSeverity,Tab,Row,Column,Value,Code,Message\r\n')).toBe(true);
    expect(text).toContain('error,Feedback,3,staff_id,S09,unknown_staff,');
  });

  test('--out to an existing file that is not a folder or .xlsx is refused', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'taken'), 'x');
    expectRefusal(['compute', join(FIXTURES, 'bad-rows'), ...Q3, '--out', join(dir, 'taken')], /exists and is not a folder/);
    expectRefusal(['compute', join(FIXTURES, 'bad-rows'), ...Q3, '--out', join(dir, 'x.csv')], /--out must be an \.xlsx file or a folder/);
  });
});

describe('stdout and stderr', () => {
  test('a quick run prints nothing on stderr; forced progress goes to stderr only, with counts', () => {
    const quiet = runCli(['compute', join(FIXTURES, 'bad-rows'), ...Q3, '--json']);
    expect(quiet.stderr).toBe('');
    const loud = runCli(['compute', DEMO_XLSX, ...Q3, '--json'], { env: { SERVICE_STAR_PROGRESS: '1' } });
    expect(loud.status).toBe(0);
    expect(JSON.parse(loud.stdout).period).toBe('2026-Q3');
    // Progress speaks the workbook's language from its first line: the reader names the tab it is reading
    // (issue 13: the demo workbook is Chinese; the run's locale is C), so no line is English.
    expect(loud.stderr).toMatch(/^service-star: 读取 [\d,]+ 行 \(\d+\.\d s\)$/m);
    expect(loud.stderr).toMatch(/^service-star: 计算/m);
    expect(loud.stderr.replace(/^service-star: /gm, '')).not.toMatch(/[a-z]{3,}/);
  });

  test('without --json: a readable summary in the workbook language', () => {
    const r = runCli(['compute', DEMO_XLSX, ...Q3]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('服务之星 2026-Q3 · 方案 微笑之星（smile-cards）');
    // The one warning: 田甜 is paid up the chain in a quarter with her own standby training (SPEC §8, issue 12).
    expect(r.stdout).toContain('数据检查：错误 3 · 警告 1 · 提示 1');
    const en = runCli(['compute', join(EXAMPLES, 'csv-en'), ...Q3]);
    expect(en.stdout).toContain('Service Star 2026-Q3 · scheme Smile Star (smile-cards)');
    expect(en.stdout).toContain('Data check: 3 errors · 1 warning · 1 info');
  });
});

describe('template', () => {
  test('writes the input tabs with recognised headers; computing the empty template starts fine', async () => {
    const out = join(tempDir(), '新工作簿.xlsx');
    const r = runCli(['template', 'smile-cards', '--out', out, '--lang', 'zh']);
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['员工', '客户反馈', '奖惩记录', '名额', '申诉', '调查', '方案']);
    expect(wb.getWorksheet('员工')!.getRow(1).values).toEqual([undefined, '工号', '姓名', '部门', '组别', '岗位', '职级', '入职日期', '转正日期', '离职日期', '上级工号']);
    const c = runCli(['compute', out, ...Q3, '--json']);
    expect(c.status).toBe(0);
  });
  test('English template; refuses to overwrite without --force; unknown preset refused', () => {
    const dir = tempDir();
    const out = join(dir, 'new.xlsx');
    expect(runCli(['template', 'star-rating', '--out', out, '--lang', 'en']).status).toBe(0);
    expectRefusal(['template', 'star-rating', '--out', out], /already exists/);
    expect(runCli(['template', 'star-rating', '--out', out, '--force']).status).toBe(0);
    expectRefusal(['template', 'nope', '--out', join(dir, 'b.xlsx')], /There is no preset "nope"/);
  });
});

describe('demo', () => {
  test('computes the shipped workbook and writes out/demo-result.xlsx and .json; the JSON is the compute --json result', () => {
    const cwd = tempDir();
    const r = runCli(['demo'], { cwd });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('服务之星 2026-Q3 · 方案 微笑之星（smile-cards）');
    expect(r.stdout).toContain('out/demo-result.xlsx');
    expect(existsSync(join(cwd, 'out', 'demo-result.xlsx'))).toBe(true);
    const json = readFileSync(join(cwd, 'out', 'demo-result.json'), 'utf8');
    expect(json).toBe(computeJson(DEMO_XLSX).stdout);
  });
});

describe('npx', () => {
  test('`npx service-star …` runs from the repository root (fresh npm cache, no network needed)', () => {
    const r = spawnSync('npx', ['--yes', 'service-star', 'compute', join('examples', 'csv-en'), ...Q3, '--json'], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, npm_config_cache: tempDir('ss-cli-npm-'), npm_config_update_notifier: 'false', LANG: 'C' },
    });
    expect({ status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(r.stdout).scheme).toBe('smile-cards');
  }, 120000);
});
