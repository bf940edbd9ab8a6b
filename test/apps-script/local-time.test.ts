/**
 * Issue 13: the Runs tab shows the run's time as the spreadsheet's wall clock
 * (its time zone, not the script's nor UTC), `2026-12-02 10:25`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadCode, makeEnv } from './fake-gas';
import { buildWorkbook } from './fixture';

const root = join(__dirname, '..', '..');

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 120000);

function wallClock(ms: number, timeZone: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

test.each(['America/New_York', 'Asia/Kolkata'])('Runs time in the spreadsheet time zone %s', (zone) => {
  const env = makeEnv({ locale: 'zh_CN', timeZone: zone });
  const gs = loadCode(env);
  buildWorkbook(env.ss);
  const before = Date.now();
  gs.compute({ period: '2026-Q3', preset: 'smile-cards' });
  const after = Date.now();
  const runs = env.ss.sheets.find((s) => s.name === '运行记录' || s.name === 'Runs')!;
  const time = String(runs.dump()[1][0]);
  expect([wallClock(before, zone), wallClock(after, zone)]).toContain(time);
});

test('a Compute after the workbook turns Chinese replaces the English period tabs (issue 13)', () => {
  const env = makeEnv({ locale: 'zh_CN' });
  const gs = loadCode(env);
  buildWorkbook(env.ss);
  gs.compute({ period: '2026-Q3', preset: 'smile-cards' });
  expect(env.ss.sheets.map((s) => s.name)).toContain('Ranking 2026-Q3');
  // The Staff tab renamed in Chinese: the workbook's language is now Chinese.
  env.ss.sheets.find((s) => s.name === 'Staff')!.setName('员工');
  gs.compute({ period: '2026-Q3', preset: 'smile-cards' });
  const names = env.ss.sheets.map((s) => s.name);
  expect(names).toContain('排名 2026-Q3');
  expect(names.filter((n) => /^(Ranking|Bonus|Data check|Changes) 2026-Q3$/.test(n))).toEqual([]);
});
