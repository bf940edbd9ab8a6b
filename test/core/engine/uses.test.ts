/**
 * The tabs a scheme uses (core/engine/uses.ts) and reading only those: for every
 * shipped scheme, the engine's results on the dataset read from its tabs alone
 * equal its results on the dataset read from every tab, on generated workbooks
 * (test/properties arbitraries) and on a bench-style workbook with every tab full.
 * The orchestrator's host reads plan from the same list: tested at the end.
 */
import fc from 'fast-check';
import type { Dataset, OutputTab, RawTab } from '../../../core/types';
import type { SyncWorkbookHost, WorkbookHost } from '../../../core/host';
import { inputTabsOf } from '../../../core/engine/uses';
import { computeScheme } from '../../../core/engine/compute';
import { readDataset, rowFacts } from '../../../core/input/tabs';
import { getPreset, getPresetInput, presetIds } from '../../../core/presets/index';
import { buildSchemeTab } from '../../../core/scheme-tab/index';
import { parsePeriod } from '../../../core/periods';
import { buildResultJson } from '../../../core/output/result-json';
import { buildRankingTab } from '../../../core/output/ranking';
import { buildBonusTab } from '../../../core/output/bonus';
import { buildDepartmentsTab } from '../../../core/output/departments';
import { buildPointsTab } from '../../../core/output/points';
import { computeWorkbook, planSchemeTabs, runCompute, runComputeSync, schemeInputs } from '../../../core/orchestrator';
import { validateScheme } from '../../../core/scheme/validate';
import type { Scheme } from '../../../core/scheme/model';
import { SEED, mixedWorkbook } from '../../properties/arbitraries';
import { generateWorkbook } from '../../../bench/generate';

const PERIODS = ['2026-07', '2026-08', '2026-Q3', '2026-H2', '2026'];

/** Everything a computation shows: the result object, the engine's diagnostics and the result tabs. */
function engineView(scheme: Scheme, tabs: RawTab[], period: string): unknown {
  const read = readDataset(tabs, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale });
  if (read.fatal) return { fatal: read.fatal.code };
  const e = computeScheme(scheme, read.dataset, parsePeriod(period)!);
  return {
    result: buildResultJson(e, scheme.id, e.diagnostics, 'en'),
    tabs: [buildRankingTab(e, 'zh'), buildBonusTab(e, 'en'), buildDepartmentsTab(e, 'en'), buildPointsTab(e, 'zh')],
  };
}

describe('inputTabsOf', () => {
  // Worked out from each preset's JSON by hand: its rows measures' tabs, gates, ledger and departments.
  test.each([
    ['smile-cards', ['feedback', 'incidents', 'quotas', 'staff']],
    ['star-rating', ['attendance', 'feedback', 'incidents', 'quotas', 'reviews', 'staff']],
    ['weighted-quarterly', ['incidents', 'quotas', 'reviews', 'staff']],
    ['service-star-budget', ['feedback', 'incidents', 'quotas', 'reviews', 'staff']],
    ['surprise-points', ['feedback', 'quotas', 'redemptions', 'staff']],
    // Penalties with points: the ledger's history starts at the earliest dated row of these tabs.
    ['revisit', ['attendance', 'cases', 'feedback', 'incidents', 'quotas', 'staff']],
    ['annual-star', ['incidents', 'quotas', 'reviews', 'staff']],
    ['case-collection', ['cases', 'quotas', 'staff']],
    ['team-star', ['feedback', 'incidents', 'quotas', 'staff']],
    ['likes', ['feedback', 'quotas', 'redemptions', 'staff']],
    ['itsm-quarterly', ['incidents', 'nominations', 'quotas', 'reviews', 'staff']],
    ['property-stars', ['attendance', 'incidents', 'quotas', 'reviews', 'staff']],
    ['annual-best', ['attendance', 'feedback', 'incidents', 'quotas', 'reviews', 'staff']],
    ['committee-quarterly', ['incidents', 'nominations', 'quotas', 'reviews', 'staff']],
  ])('%s reads %j', (id, tabs) => {
    expect([...inputTabsOf(getPreset(id)!)].sort()).toEqual(tabs);
  });
  test('every part of a scheme that names a tab adds it; required tabs always', () => {
    const v = validateScheme({
      id: 'x', name: { zh: 'x', en: 'x' }, cadence: 'month', requiredTabs: ['staff', 'cases'],
      measures: [{ id: 'r', label: { zh: 'r', en: 'r' }, kind: 'rows', tab: 'reviews', agg: 'count' }],
      gates: [
        { id: 'no_v', label: { zh: 'v', en: 'v' }, kind: 'no_incident', types: ['violation'] },
        { id: 'fa', label: { zh: 'a', en: 'a' }, kind: 'full_attendance' },
      ],
      points: { name: { zh: 'p', en: 'p' }, rules: [] },
    });
    expect(v.scheme).not.toBeNull();
    expect([...inputTabsOf(v.scheme!)].sort()).toEqual(['attendance', 'cases', 'incidents', 'quotas', 'redemptions', 'reviews', 'staff']);
    const bare = validateScheme({ id: 'y', name: { zh: 'y', en: 'y' }, cadence: 'month', points: { name: { zh: 'p', en: 'p' }, redemptions: false } });
    expect([...inputTabsOf(bare.scheme!)].sort()).toEqual(['quotas', 'staff']);
  });
});

describe('computing on the used tabs alone gives the same results', () => {
  test.each(presetIds())('%s on generated workbooks', (id) => {
    const scheme = getPreset(id)!;
    fc.assert(fc.property(mixedWorkbook(), fc.constantFrom(...PERIODS), (tabs, period) => {
      const all = engineView(scheme, tabs, period) as { fatal?: string };
      // A broken tab the scheme never reads no longer stops the run: only compare runs that start both ways.
      if (all.fatal) return;
      expect(engineView(scheme, schemeInputs(tabs, scheme), period)).toEqual(all);
    }), { seed: SEED, numRuns: 40 });
  });

  const full = generateWorkbook({ staff: 60, feedback: 3000, incidents: 600, reviews: 400, cases: 120 }, 7);
  test.each(presetIds())('%s on a workbook with every tab full', (id) => {
    const scheme = getPreset(id)!;
    expect(schemeInputs(full, scheme).length).toBeLessThanOrEqual(full.length);
    for (const period of PERIODS) {
      const all = engineView(scheme, full, period);
      expect(all).not.toHaveProperty('fatal');
      expect(engineView(scheme, schemeInputs(full, scheme), period)).toEqual(all);
    }
  });
});

describe('row facts from readDataset (staff positions, day keys) give the same results as working them out', () => {
  // Fresh arrays of the same records carry no facts (core/input/tabs.ts rowFacts): the engine then looks every row up itself.
  const copy = (d: Dataset): Dataset => ({
    ...d, staff: [...d.staff], feedback: [...d.feedback], incidents: [...d.incidents], attendance: [...d.attendance],
    reviews: [...d.reviews], cases: [...d.cases], quotas: [...d.quotas], redemptions: [...d.redemptions],
  });
  const view = (scheme: Scheme, d: Dataset, period: string): unknown => {
    const e = computeScheme(scheme, d, parsePeriod(period)!);
    return { result: buildResultJson(e, scheme.id, e.diagnostics, 'en'), tabs: [buildRankingTab(e, 'en'), buildBonusTab(e, 'en'), buildDepartmentsTab(e, 'en'), buildPointsTab(e, 'en')] };
  };
  const full = generateWorkbook({ staff: 60, feedback: 3000, incidents: 600, reviews: 400, cases: 120 }, 11);
  test.each(presetIds())('%s', (id) => {
    const scheme = getPreset(id)!;
    const read = readDataset(full, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale });
    expect(rowFacts(read.dataset.feedback)).not.toBeNull();
    expect(rowFacts(copy(read.dataset).feedback)).toBeNull();
    for (const period of PERIODS) expect(view(scheme, read.dataset, period)).toEqual(view(scheme, copy(read.dataset), period));
  });
  test('facts hold the positions in Staff, the day keys, tab and row numbers of the records', () => {
    const read = readDataset(full);
    for (const id of ['feedback', 'incidents', 'cases', 'reviews', 'attendance'] as const) {
      const rows = read.dataset[id] as { staffKey: string; date?: string; tab: string; row: number }[];
      const f = rowFacts(rows)!;
      expect(f.staff).toHaveLength(rows.length);
      expect(f.rowNo).toHaveLength(rows.length);
      rows.forEach((r, i) => {
        expect(read.dataset.staff[f.staff[i]].key).toBe(r.staffKey);
        expect([f.tab, f.rowNo[i]]).toEqual([r.tab, r.row]);
        if (r.date !== undefined) {
          // Worked out by hand: y × 372 + (m − 1) × 31 + (d − 1).
          const [y, m, d] = r.date.split('-').map(Number);
          expect(f.day![i]).toBe(y * 372 + (m - 1) * 31 + d - 1);
        }
      });
      expect(f.day === null).toBe(id === 'reviews' || id === 'attendance');
    }
  });
});

describe('the orchestrator reads, validates and fingerprints only the used tabs', () => {
  const staff: RawTab = { name: 'Staff', rows: [['staff_id', 'name', 'department', 'hire_date'], ['S01', 'Ann', 'CS', '2024-01-01']] };
  const feedback: RawTab = { name: 'Feedback', rows: [['date', 'staff_id', 'rating'], ['2026-07-03', 'S01', 'exceeded']] };
  // Broken beyond use: a missing required column would stop any run that reads it.
  const attendance: RawTab = { name: 'Attendance', rows: [['nothing'], ['x']] };
  const notes: RawTab = { name: 'Notes', rows: [['anything']] };
  const workbook = [staff, notes, feedback, attendance];

  function syncHost(tabs: RawTab[]): SyncWorkbookHost & { reads: string[][] } {
    const reads: string[][] = [];
    return {
      reads,
      listTabs: () => tabs.map((t) => t.name),
      readTabs: (names) => { reads.push(names); return tabs.filter((t) => names.includes(t.name)); },
      writeTabs: () => undefined,
    };
  }

  test('a preset: one read, of Staff and the tabs it uses, in workbook order', () => {
    const host = syncHost(workbook);
    const out = runComputeSync(host, { period: '2026-Q3', preset: 'smile-cards', now: 't' });
    expect(out.status).toBe('computed');
    expect(host.reads).toEqual([['Staff', 'Feedback']]);
    // Attendance was never validated: its missing columns are not this run's problem.
    expect(out.diagnostics.filter((d) => d.tab === 'Attendance')).toEqual([]);
    const runs = out.outputs.find((t) => t.kind === 'runs')!;
    expect(String(runs.rows[1][11])).toMatch(/^v2:feedback=[0-9a-f]{16};scheme=[0-9a-f]{16};staff=[0-9a-f]{16}$/);
  });
  test('the same tabs through computeWorkbook with everything read: same outcome', () => {
    const host = syncHost(workbook);
    const viaHost = runComputeSync(host, { period: '2026-Q3', preset: 'smile-cards', now: 't' });
    expect(computeWorkbook(workbook, { period: '2026-Q3', preset: 'smile-cards', now: 't' })).toEqual(viaHost);
  });
  test('a Scheme tab: read first, then the tabs of the scheme it holds (Scheme again, for the summaries)', async () => {
    const tab: OutputTab = buildSchemeTab(getPresetInput('surprise-points'), 'en');
    const schemeRaw: RawTab = { name: tab.name, rows: tab.rows };
    const redemptions: RawTab = { name: 'Redemptions', rows: [['date', 'staff_id', 'points']] };
    const book = [staff, feedback, attendance, redemptions, schemeRaw];
    const host = syncHost(book);
    expect(runComputeSync(host, { period: '2026-07', now: 't' }).status).toBe('computed');
    expect(host.reads).toEqual([[schemeRaw.name], ['Staff', 'Feedback', 'Redemptions', schemeRaw.name]]);
    const asyncReads: string[][] = [];
    const asyncHost: WorkbookHost = {
      listTabs: async () => book.map((t) => t.name),
      readTabs: async (names) => { asyncReads.push(names); return book.filter((t) => names.includes(t.name)); },
      writeTabs: async () => undefined,
    };
    expect((await runCompute(asyncHost, { period: '2026-07', now: 't' })).status).toBe('computed');
    expect(asyncReads).toEqual(host.reads);
  });
  test('a Scheme tab edited between the two reads so that it needs another tab: everything is read again', () => {
    const first = buildSchemeTab(getPresetInput('smile-cards'), 'en');
    const second = buildSchemeTab(getPresetInput('star-rating'), 'en');
    const reviews: RawTab = { name: 'Reviews', rows: [['period', 'staff_id', 'source', 'score'], ['2026-07', 'S01', 'self', 90]] };
    let reads = 0;
    const seen: string[][] = [];
    const host: SyncWorkbookHost = {
      listTabs: () => ['Staff', 'Feedback', 'Reviews', first.name],
      readTabs: (names) => {
        seen.push(names);
        reads++;
        const scheme = { name: first.name, rows: (reads === 1 ? first : second).rows };
        return [staff, feedback, reviews, scheme].filter((t) => names.includes(t.name));
      },
      writeTabs: () => undefined,
    };
    const out = runComputeSync(host, { period: '2026-07', now: 't' });
    expect(seen).toEqual([[first.name], ['Staff', 'Feedback', first.name], ['Staff', 'Feedback', 'Reviews', first.name]]);
    expect(out.status).toBe('computed');
    expect(out.result!.scheme).toBe('star-rating');
  });
  test('no Staff tab: every recognised tab is read, and the one message lists them as before', () => {
    const host = syncHost([notes, feedback, attendance]);
    const out = runComputeSync(host, { period: '2026-Q3', preset: 'smile-cards', now: 't' });
    expect(out.status).toBe('fatal');
    expect(host.reads).toEqual([['Feedback', 'Attendance']]);
    expect(out.message!.en).toContain('Attendance');
  });
  test('planSchemeTabs keeps Scheme and Runs tabs and the workbook order', () => {
    expect(planSchemeTabs(['运行记录', '考勤', '员工', 'Notes', '客户反馈', '方案', '奖惩记录'], getPreset('smile-cards')!))
      .toEqual(['运行记录', '员工', '客户反馈', '方案', '奖惩记录']);
  });
});
