/**
 * Issue 13: the finalize / compute-on-a-final-period / --force messages end with the next
 * step, in zh (the demo CSV folder examples/csv-zh) and en (the issue 9 scenario fixture),
 * through the built command line. Exact lines, so a changed wording is a deliberate change.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, ROOT, runCli, tempDir } from './helpers';

beforeAll(() => ensureBuilt(), 180000);

const at = (now: string) => ({ env: { SERVICE_STAR_NOW: now, TZ: 'UTC' } });

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.length > 0);
  return lines[lines.length - 1] ?? '';
}

const cases = [
  {
    lang: 'zh', source: join(ROOT, 'examples', 'csv-zh'), saved: '已保存：',
    none: 'service-star: 这个工作簿的运行记录中没有期间 2026-Q3 的计算，无法定稿：请先计算并把结果写入这个工作簿（命令行：compute 该工作簿 --period 2026-Q3 --out 同一个工作簿），再定稿',
    finalized: '期间 2026-Q3 已定稿（依据 2026-10-08 09:00 的计算结果）。之后再计算会被拒绝；如需改动，请改正数据并确认重新计算（命令行加 --force）：新结果仍为定稿，变更见“变更 2026-Q3”表',
    again: '期间 2026-Q3 已是定稿状态（定稿时间 2026-10-09 10:00）；如需改动，请改正数据并确认重新计算（命令行加 --force）',
    refused: 'service-star: 期间 2026-Q3 已定稿（2026-10-09 10:00），定稿后输入没有改动。未写入任何内容；如需覆盖定稿结果，请确认后重新计算（命令行加 --force）',
    forced: '已按确认重新计算已定稿的期间 2026-Q3（定稿后输入没有改动），新结果仍为定稿；与原定稿结果相比的变更见“变更 2026-Q3”表',
  },
  {
    lang: 'en', source: join(ROOT, 'test', 'fixtures', 'runs', 'scenario-en'), saved: 'saved: ',
    none: "service-star: This workbook's Runs tab has no computation of 2026-Q3, so it cannot be finalized: compute it with the results written into this workbook (command line: compute the workbook --period 2026-Q3 --out the same workbook), then finalize",
    finalized: 'Period 2026-Q3 is now final (the run of 2026-10-08 09:00). Computing it again is refused; to change it, correct the data and compute again with confirmation (--force on the command line): the new results stay final and the changes are listed in the Changes 2026-Q3 tab',
    again: 'Period 2026-Q3 is already final (finalized 2026-10-09 10:00); to change it, correct the data and compute again with confirmation (--force on the command line)',
    refused: 'service-star: Period 2026-Q3 is final (finalized 2026-10-09 10:00); its inputs have not changed. Nothing was written; to replace the final results, confirm and compute again (--force on the command line)',
    forced: 'Recomputed final period 2026-Q3 as confirmed (its inputs have not changed); the new results stay final; the changes against the final results are listed in the Changes 2026-Q3 tab',
  },
] as const;

describe.each(cases)('finalize and --force messages ($lang)', (c) => {
  const wb = join(tempDir('ss-final-msg-'), 'wb');
  cpSync(c.source, wb, { recursive: true });
  const compute = ['compute', wb, '--period', '2026-Q3', '--preset', 'smile-cards', '--out', wb];

  test('finalize before any compute says to compute into this workbook first', () => {
    const r = runCli(['finalize', wb, '--period', '2026-Q3'], at('2026-10-08T08:00:00.000Z'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${c.none}\n`);
  });

  test('finalize says it is final and how to change it later; again, the same next step', () => {
    expect(runCli(compute, at('2026-10-08T09:00:00.000Z')).status).toBe(0);
    const r = runCli(['finalize', wb, '--period', '2026-Q3'], at('2026-10-09T10:00:00.000Z'));
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const runsFile = c.lang === 'zh' ? '运行记录.csv' : 'Runs.csv';
    expect(r.stdout).toBe(`${c.finalized}\n${c.saved}${join(wb, runsFile)}\n`);
    const again = runCli(['finalize', wb, '--period', '2026-Q3'], at('2026-10-09T11:00:00.000Z'));
    expect(again.stdout).toBe(`${c.again}\n`);
  });

  test('compute on the final period is refused with the next step; --force ends its summary with where the changes are', () => {
    const refused = runCli(compute, at('2026-10-10T09:00:00.000Z'));
    expect(refused.status).toBe(2);
    expect(lastLine(refused.stderr)).toBe(c.refused);
    const forced = runCli([...compute, '--force'], at('2026-10-11T09:00:00.000Z'));
    expect(forced.status).toBe(0);
    expect(lastLine(forced.stdout)).toBe(c.forced);
  });
});
