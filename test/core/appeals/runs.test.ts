/**
 * Appeals and the Runs log (SPEC §10, §5, §8) on the smile-cards fixture (see
 * appeals.test.ts: S03's appeal of Feedback row 15 puts S01's and S03's service
 * star at stake):
 *  - finalizing while a pending appeal has stakes is refused, naming it with the
 *    alternative; forced, it is final and the Runs note records both results;
 *  - the fingerprint covers the Appeals tab, so deciding the appeal after
 *    finalizing is a change (the recompute is refused, naming the Appeals tab);
 *  - the Changes tab names the appeal that moved a result.
 * The command line's `finalize --force` is checked end to end on CSV folders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, records, run, tab } from '../engine/helpers';
import { computeWorkbook } from '../../../core/orchestrator';
import { finalizePeriod, parseRunsTab } from '../../../core/runs';
import type { Cell, RawTab } from '../../../core/types';
import { csvFolder, ensureBuilt, runCli } from '../../cli/helpers';

const HEADER: Cell[] = ['staff_id', 'tab', 'row', 'filed', 'status'];
const appeals = (status: string): RawTab => ({ name: 'Appeals', rows: [HEADER, ['S03', 'Feedback', 15, '2026-10-05', status]] });

function compute(tabs: RawTab[], runs: RawTab | null, now: string, force = false) {
  return computeWorkbook(runs ? [...tabs, runs] : tabs, { period: '2026-Q3', preset: 'smile-cards', lang: 'en', now, force });
}
const runsOf = (o: ReturnType<typeof compute>): RawTab => {
  const t = tab(o, 'runs');
  return { name: t.name, rows: t.rows };
};

describe('appeals and the Runs log', () => {
  const pending = compute([...fixture('smile-cards'), appeals('pending')], null, '2026-10-06T09:00:00Z');

  test('finalize is refused while a pending appeal has stakes, naming it', () => {
    const out = finalizePeriod(runsOf(pending), '2026-Q3', '2026-10-07T09:00:00Z', 'en');
    expect(out.ok).toBe(false);
    expect(out.tab).toBeNull();
    expect(out.message.en).toContain('1 pending appeal that could change results');
    expect(out.message.en).toContain('appeal row 2 (S03, Feedback row 15): if the appeal is accepted, 赵敏 (S03) wins Service Star (800.00), 张伟 (S01) does not win Service Star');
    expect(finalizePeriod(runsOf(pending), '2026-Q3', 'T', 'zh').message.zh).toContain('申诉第 2 行（S03，「Feedback」第 15 行）：申诉成立则赵敏（S03）获“服务之星” 800.00');
  });

  test('a pending appeal with nothing at stake does not block finalizing', () => {
    // S02's met rating (row 8) cannot change who wins A组.
    const quiet = compute([...fixture('smile-cards'), { name: 'Appeals', rows: [HEADER, ['S02', 'Feedback', 8, null, 'pending']] }], null, 'T1');
    expect(quiet.result!.appeals![0].stakes).toEqual([]);
    expect(finalizePeriod(runsOf(quiet), '2026-Q3', 'T2', 'en').ok).toBe(true);
  });

  test('forced: final, and the Runs note records both results', () => {
    const out = finalizePeriod(runsOf(pending), '2026-Q3', '2026-10-07T09:00:00Z', 'en', true);
    expect(out.ok).toBe(true);
    const log = parseRunsTab({ name: out.tab!.name, rows: out.tab!.rows });
    const run = log.rows[log.rows.length - 1].run!;
    expect(run.status).toBe('final');
    expect(run.note).toContain('finalized with pending appeals: the final results are those without the appeals; appeal row 2 (S03, Feedback row 15): if the appeal is accepted, 赵敏 (S03) wins');
  });

  test('deciding the appeal after finalizing is a change; the Changes tab names the appeal that moved the result', () => {
    const final = finalizePeriod(runsOf(pending), '2026-Q3', '2026-10-07T09:00:00Z', 'en', true);
    const finalRuns: RawTab = { name: final.tab!.name, rows: final.tab!.rows };
    const decided = [...fixture('smile-cards'), appeals('accepted')];
    const refused = compute(decided, finalRuns, '2026-10-20T09:00:00Z');
    expect(refused.status).toBe('refused');
    expect(refused.message!.en).toContain('inputs changed since: Appeals');
    const forced = compute(decided, finalRuns, '2026-10-20T09:00:00Z', true);
    const changes = records(tab(forced, 'changes'));
    expect(changes.filter((c) => c.Change !== 'appeal status changed').map((c) => [c.Change, c['Staff ID']])).toEqual([
      // The accepted appeal voids S03's Feedback row 15, so S03's data changed too (SPEC §8 why a result changed).
      ['award lost', 'S01'], ['award gained', 'S03'], ['data changed', 'S03'],
    ]);
    const appealRow = changes.find((c) => c.Change === 'appeal status changed')!;
    expect(appealRow['Staff ID']).toBe('S03');
    expect(appealRow.Item).toBe('appeal row 2 (Feedback row 15): pending → accepted; results moved by it: 张伟 (S01), 赵敏 (S03)');
  });

  test('in Chinese', () => {
    const first = compute([...fixture('smile-cards'), appeals('pending')], null, 'T1');
    const zh = computeWorkbook([...fixture('smile-cards'), appeals('成立'), runsOf(first)], { period: '2026-Q3', preset: 'smile-cards', lang: 'zh', now: 'T2' });
    const row = tab(zh, 'changes').rows.find((r) => r[0] === '申诉状态变化')!;
    expect(row[3]).toBe('申诉第 2 行（「Feedback」第 15 行）：待处理 → 成立；因此结果变化：张伟（S01）、赵敏（S03）');
  });

  test('a workbook without appeals keeps its Runs snapshot encoding', () => {
    const plain = run(fixture('smile-cards'), 'smile-cards', '2026-Q3');
    const snap = String(tab(plain, 'runs').rows[1].at(-1));
    expect(snap).not.toContain('"q"');
  });
});

describe('command line: finalize with a pending appeal', () => {
  beforeAll(() => ensureBuilt());

  test('refused (exit 2, naming the appeal); --force records both', () => {
    const fx = fixture('smile-cards');
    const csv = (t: RawTab) => t.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))).join(',')).join('\n') + '\n';
    const files: Record<string, string> = {};
    for (const t of fx) files[`${t.name}.csv`] = csv(t);
    files['Appeals.csv'] = csv(appeals('pending'));
    const dir = csvFolder(files);
    const env = { SERVICE_STAR_NOW: '2026-10-06T09:00:00Z' };
    expect(runCli(['compute', dir, '--period', '2026-Q3', '--preset', 'smile-cards', '--lang', 'en', '--out', dir], { env }).status).toBe(0);
    const refused = runCli(['finalize', dir, '--period', '2026-Q3', '--lang', 'en'], { env });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('pending appeal that could change results');
    expect(refused.stderr).toContain('appeal row 2 (S03, Feedback row 15)');
    const forced = runCli(['finalize', dir, '--period', '2026-Q3', '--lang', 'en', '--force'], { env });
    expect(forced.status).toBe(0);
    const runsCsv = readFileSync(join(dir, 'Runs.csv'), 'utf8');
    expect(runsCsv).toContain('final');
    expect(runsCsv).toContain('finalized with pending appeals');
  });
});
