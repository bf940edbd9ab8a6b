/**
 * `resultOnly` (the command line's `--json` without `--out`): the run builds no
 * output tabs and writes nothing, and everything else it returns — the result
 * object, diagnostics, and the summary's data — is what a full run returns. Every
 * shipped preset on its golden fixture, plus a pending appeal (stakes and
 * alternative) and a refused run (a final period).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeWorkbook, runComputeSync, type ComputeOutcome } from '../../core/orchestrator';
import type { OutputTab, RawTab } from '../../core/types';
import { listPresets } from '../../core/presets';
import { finalizePeriod } from '../../core/runs';
import { PRESET_CASES as CASES } from '../preset-cases';

const NOW = '2026-10-08T09:00:00+08:00';
const load = (path: string): RawTab[] => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', path), 'utf8')) as RawTab[];
/** Everything an outcome carries except its tabs (and the non-enumerable engine). */
const withoutTabs = ({ outputs: _o, ...rest }: ComputeOutcome) => JSON.parse(JSON.stringify(rest)) as unknown;

test('the table covers every shipped preset', () => {
  expect(CASES.map((c) => c[0]).sort()).toEqual(listPresets().map((p) => p.id).sort());
});

describe.each(CASES)('%s', (preset, fixture, period) => {
  test.each(['zh', 'en'] as const)('in %s: same result and summary data, no tabs', (lang) => {
    const tabs = load(fixture);
    const full = computeWorkbook(tabs, { period, preset, lang, now: NOW });
    const lean = computeWorkbook(tabs, { period, preset, lang, now: NOW, resultOnly: true });
    expect(full.status).toBe('computed');
    expect(full.outputs.length).toBeGreaterThan(3);
    expect(lean.status).toBe('computed');
    expect(lean.outputs).toEqual([]);
    expect(withoutTabs(lean)).toEqual(withoutTabs(full));
    // A statement asked for afterwards (CLI explain, sidebar) still has what it needs.
    expect(lean.engine).toBeDefined();
    expect(typeof lean.appealWords).toBe('function');
  });
});

function recordingHost(tabs: RawTab[]) {
  const written: OutputTab[][] = [];
  return {
    written,
    listTabs: () => tabs.map((t) => t.name),
    readTabs: (names: string[]) => tabs.filter((t) => names.includes(t.name)),
    writeTabs: (out: OutputTab[]) => { written.push(out); },
  };
}

test('a pending appeal: stakes and alternative are the same without tabs', () => {
  const tabs = [...load('presets/smile-cards.json'), {
    name: 'Appeals', rows: [['staff_id', 'tab', 'row', 'filed', 'status', 'decided', 'note'], ['S03', 'Feedback', 15, '2026-10-05', 'pending', '', '']],
  }];
  const full = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang: 'zh', now: NOW });
  const lean = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', lang: 'zh', now: NOW, resultOnly: true });
  expect(full.disputes!.length).toBe(1);
  expect(full.disputes![0].stakes.length).toBeGreaterThan(0);
  expect(withoutTabs(lean)).toEqual(withoutTabs(full));
  expect(lean.appealWords!('S03')).toEqual(full.appealWords!('S03'));
});

test('the host is not written to; a full run writes once', () => {
  const tabs = load('presets/smile-cards.json');
  const lean = recordingHost(tabs);
  expect(runComputeSync(lean, { period: '2026-Q3', preset: 'smile-cards', now: NOW, resultOnly: true }).status).toBe('computed');
  expect(lean.written).toEqual([]);
  const full = recordingHost(tabs);
  runComputeSync(full, { period: '2026-Q3', preset: 'smile-cards', now: NOW });
  expect(full.written.length).toBe(1);
});

test('a final period is refused the same way without tabs', () => {
  const tabs = load('presets/smile-cards.json');
  const host = recordingHost(tabs);
  runComputeSync(host, { period: '2026-Q3', preset: 'smile-cards', now: NOW });
  const runs = host.written[0].find((t) => t.kind === 'runs')!;
  // Mark the run final as Finalize would, then compute again without --force.
  const runsTab: RawTab = { name: runs.name, rows: runs.rows as RawTab['rows'] };
  const marked = finalizePeriod(runsTab, '2026-Q3', NOW, 'en');
  expect(marked.ok).toBe(true);
  const again = [...tabs, { name: marked.tab!.name, rows: marked.tab!.rows as RawTab['rows'] }];
  const full = computeWorkbook(again, { period: '2026-Q3', preset: 'smile-cards', now: NOW });
  const lean = computeWorkbook(again, { period: '2026-Q3', preset: 'smile-cards', now: NOW, resultOnly: true });
  expect(full.status).toBe('refused');
  expect(lean).toEqual(full);
});

describe('nearMissLines: false (a command-line run that prints no --json)', () => {
  test.each(CASES.map((c) => [c[0], c[1], c[2]] as const))('%s: the same outcome and tabs, the result without near_misses', (preset, fixture, period) => {
    const tabs = load(fixture);
    const full = computeWorkbook(tabs, { period, preset, now: NOW });
    const lean = computeWorkbook(tabs, { period, preset, now: NOW, nearMissLines: false });
    expect(lean.result!.near_misses).toBeUndefined();
    expect(full.result!.near_misses).toBeDefined();
    const { near_misses: _n, ...rest } = full.result!;
    expect(lean.result).toEqual(rest);
    expect(lean.outputs).toEqual(full.outputs);
    expect(lean.nearMisses).toEqual(full.nearMisses);
  });
});
