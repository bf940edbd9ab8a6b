/**
 * Issue 13 through the built command line (bin/service-star.js): local times in
 * the Runs and Changes tabs with a fixed time zone, a --lang switch replacing the
 * period's tabs, write failures that say what to do, a missing scheme that lists
 * the presets, a mistyped preset that suggests the nearest one.
 */
import { cpSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, ensureBuilt, runCli, tempDir } from './helpers';

beforeAll(() => ensureBuilt(), 120000);

function copyOf(folder: string): string {
  const dir = tempDir('ss-i13-');
  cpSync(join(EXAMPLES, folder), dir, { recursive: true });
  return dir;
}

function csv(dir: string, name: string): string[][] {
  return readFileSync(join(dir, `${name}.csv`), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean).map((l) => l.split(','));
}

test('Runs and Changes show the machine-local time (TZ=Asia/Shanghai), not a UTC instant', () => {
  const dir = copyOf('csv-zh');
  const args = ['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', dir];
  expect(runCli(args, { env: { TZ: 'Asia/Shanghai', SERVICE_STAR_NOW: '2026-12-02T02:25:52.222Z' } }).status).toBe(0);
  expect(runCli(args, { env: { TZ: 'Asia/Shanghai', SERVICE_STAR_NOW: '2026-12-02T03:40:00.000Z' } }).status).toBe(0);
  expect(csv(dir, '运行记录').slice(1).map((r) => r[0])).toEqual(['2026-12-02 10:25', '2026-12-02 11:40']);
  const changes = csv(dir, '变更 2026-Q3');
  expect(changes[1][changes[0].length - 1]).toBe('2026-12-02 10:25');
  // The same instant in New York.
  const ny = copyOf('csv-en');
  expect(runCli(['compute', ny, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', ny], { env: { TZ: 'America/New_York', SERVICE_STAR_NOW: '2026-12-02T02:25:52.222Z' } }).status).toBe(0);
  expect(csv(ny, 'Runs')[1][0]).toBe('2026-12-01 21:25');
  expect(readdirSync(ny).length).toBeGreaterThan(0);
});

describe('re-computing a period in the other language replaces its tabs', () => {
  test('CSV folder: --lang en then --lang zh leaves only the Chinese period tabs', () => {
    const dir = copyOf('csv-zh');
    const run = (lang: string) => runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--lang', lang, '--out', dir]);
    expect(run('en').status).toBe(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['Ranking 2026-Q3.csv', 'Bonus 2026-Q3.csv', 'Data check 2026-Q3.csv', 'Changes 2026-Q3.csv']));
    expect(run('zh').status).toBe(0);
    const files = readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining(['排名 2026-Q3.csv', '奖金 2026-Q3.csv', '数据检查 2026-Q3.csv', '变更 2026-Q3.csv']));
    expect(files.filter((f) => /^(Ranking|Bonus|Data check|Changes) 2026-Q3/.test(f))).toEqual([]);
  });

  test('.xlsx in place: --lang zh then --lang en leaves only the English period tabs, where the Chinese ones were', async () => {
    const dir = tempDir('ss-i13-x-');
    const wb = join(dir, 'book.xlsx');
    cpSync(join(EXAMPLES, '客服中心-2026Q3.xlsx'), wb);
    const run = (lang: string) => runCli(['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--lang', lang, '--out', wb]);
    expect(run('zh').status).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const names = async () => { const w = new ExcelJS.Workbook(); await w.xlsx.readFile(wb); return w.worksheets.map((s) => s.name); };
    const zh = await names();
    expect(zh).toContain('排名 2026-Q3');
    expect(run('en').status).toBe(0);
    const en = await names();
    expect(en).toContain('Ranking 2026-Q3');
    expect(en.filter((n) => /^(排名|奖金|数据检查|变更) 2026-Q3$/.test(n))).toEqual([]);
    expect(en.indexOf('Ranking 2026-Q3')).toBe(zh.indexOf('排名 2026-Q3'));
  });
});

describe('messages say what to do, in the user language', () => {
  test('a missing scheme lists the presets and --preset, in the workbook language', () => {
    const r = runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/没有“方案”表，也没有选择预设方案：请选择一个预设方案（命令行加 --preset/);
    expect(r.stderr).toContain('smile-cards、star-rating');
  });

  test('a mistyped preset suggests the nearest, in the system locale', () => {
    const en = runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'smile-card']);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain('There is no preset "smile-card": did you mean smile-cards?');
    const zh = runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'star_rating'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stderr).toContain('没有名为“star_rating”的预设方案，是不是 star-rating？');
  });

  test('a bad period is refused in the system locale', () => {
    const r = runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026Q9', '--preset', 'smile-cards'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^service-star: 期间“2026Q9”无效/);
  });

  test('write failures say what to do, in the workbook language', () => {
    const dir = tempDir('ss-i13-w-');
    const blocked = join(dir, 'out.xlsx');
    cpSync(join(EXAMPLES, 'csv-en'), join(blocked, 'x'), { recursive: true }); // a folder named out.xlsx
    const en = runCli(['compute', join(EXAMPLES, 'csv-en'), '--period', '2026-Q3', '--preset', 'smile-cards', '--out', blocked]);
    expect(en.status).toBe(2);
    expect(en.stderr).toContain('a folder has that name; choose another file name with --out');
    cpSync(join(EXAMPLES, 'csv-en', 'Staff.csv'), join(dir, 'file'));
    const zh = runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'smile-cards', '--out', join(dir, 'file', 'sub')]);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(/无法写入文件夹.*（ENOTDIR）：文件夹不存在，请检查 --out 的路径/);
  });

  test('progress lines speak the workbook language', () => {
    const r = runCli(['compute', join(EXAMPLES, 'csv-zh'), '--period', '2026-Q3', '--preset', 'smile-cards', '--json'], { env: { SERVICE_STAR_PROGRESS: '1' } });
    expect(r.status).toBe(0);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.filter((l) => /[a-z]{3,}/.test(l.replace(/^service-star: /, '')))).toEqual([]);
    expect(r.stderr).toMatch(/读取 [\d,]+ 行/);
  });
});
