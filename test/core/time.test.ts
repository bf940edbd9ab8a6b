/**
 * Issue 13: times in the Runs (运行记录) and Changes (变更) tabs are the local wall
 * clock the host passed in (`2026-12-02 10:25`), never a UTC instant.
 */
import { displayTime, localIso } from '../../core/time';
import { computeWorkbook } from '../../core/orchestrator';
import { buildTemplate } from '../../core/templates';
import type { RawTab } from '../../core/types';

test('localIso writes the wall clock of an offset; displayTime shows it to the minute', () => {
  const ms = Date.parse('2026-12-02T02:25:52.222Z');
  expect(localIso(ms, 480)).toBe('2026-12-02T10:25:52.222+08:00');
  expect(localIso(ms, -300)).toBe('2026-12-01T21:25:52.222-05:00');
  expect(localIso(ms, 0)).toBe('2026-12-02T02:25:52.222+00:00');
  expect(displayTime('2026-12-02T10:25:52.222+08:00')).toBe('2026-12-02 10:25');
  expect(displayTime('2026-12-01T21:25:52.222-05:00')).toBe('2026-12-01 21:25');
  expect(displayTime('2026-12-02 10:25')).toBe('2026-12-02 10:25');
  expect(displayTime('yesterday')).toBe('yesterday');
});

test('Runs and Changes tabs show the local time passed in the request (fixed zone +08:00)', () => {
  const tabs: RawTab[] = buildTemplate('smile-cards', 'zh', { period: '2026-Q3' }).map((t) => ({ name: t.name, rows: t.rows }));
  const first = computeWorkbook(tabs, { period: '2026-Q3', now: localIso(Date.parse('2026-12-02T02:25:52.222Z'), 480) });
  const runs = first.outputs.find((t) => t.kind === 'runs')!;
  expect(runs.name).toBe('运行记录');
  expect(runs.rows[1][0]).toBe('2026-12-02 10:25');
  const again = computeWorkbook([...tabs, { name: runs.name, rows: runs.rows }], {
    period: '2026-Q3', now: localIso(Date.parse('2026-12-02T03:40:00.000Z'), 480),
  });
  const runs2 = again.outputs.find((t) => t.kind === 'runs')!;
  expect(runs2.rows.slice(1).map((r) => r[0])).toEqual(['2026-12-02 10:25', '2026-12-02 11:40']);
  const changes = again.outputs.find((t) => t.kind === 'changes')!;
  expect(changes.name).toBe('变更 2026-Q3');
  // "Compared with run": the previous run's local time.
  expect(changes.rows[1][changes.rows[0].length - 1]).toBe('2026-12-02 10:25');
  for (const t of [runs2, changes]) for (const r of t.rows) for (const c of r) expect(String(c ?? '')).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
});
