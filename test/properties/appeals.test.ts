/**
 * Property tests of appeals (SPEC §10) over generated workbooks (arbitraries.ts),
 * for every shipped preset:
 *  - accepting appeals on any rows gives exactly the results of deleting those rows
 *    (awards, stars, penalties, points, flags, departments, ineligible, totals);
 *  - a pending appeal's stakes are exactly what deleting its row would change in the
 *    award and manager payments (per award and person), and `pending: true` marks
 *    exactly the award lines at stake;
 *  - a pending appeal on a row dated after the period (which no result of the period
 *    can read) has no stakes.
 * The rows appealed are drawn from the rows the reader kept (a person of Staff), and
 * each appeal is filed by that row's person, so every appeal is applied.
 */
import fc from 'fast-check';
import { computeWorkbook, type ComputeOutcome } from '../../core/orchestrator';
import { getPreset, listPresets } from '../../core/presets';
import { readDataset } from '../../core/input/tabs';
import { parsePeriod } from '../../core/periods';
import type { Cell, RawTab, ResultJson } from '../../core/types';
import { SEED, mixedWorkbook, periodFor } from './arbitraries';

const NOW = '2026-10-08T09:00:00.000Z';
const RUNS = 15;

interface Target { tab: string; row: number; staffId: string; date: string | null }

/** Rows the reader kept, with their person's id as written in Staff. */
function targets(tabs: RawTab[]): Target[] {
  const read = readDataset(tabs);
  if (read.fatal) return [];
  const d = read.dataset;
  const idOf = new Map(d.staff.map((s) => [s.key, s.id]));
  const out: Target[] = [];
  for (const list of [d.feedback, d.incidents, d.cases, d.redemptions, d.attendance, d.reviews] as { tab: string; row: number; staffKey: string; date?: string }[][]) {
    for (const r of list) out.push({ tab: r.tab, row: r.row, staffId: idOf.get(r.staffKey)!, date: r.date ?? null });
  }
  return out;
}

function withAppeals(tabs: RawTab[], list: Target[], status: string): RawTab[] {
  const rows: Cell[][] = [['staff_id', 'tab', 'row', 'status'], ...list.map((t) => [t.staffId, t.tab, t.row, status])];
  return [...tabs, { name: 'Appeals', rows }];
}

function deleteRows(tabs: RawTab[], list: Target[]): RawTab[] {
  return tabs.map((t) => {
    const gone = new Set(list.filter((x) => x.tab === t.name).map((x) => x.row - 1));
    return gone.size ? { name: t.name, rows: t.rows.filter((_, i) => !gone.has(i)) } : t;
  });
}

function results(o: ComputeOutcome): unknown {
  const r = o.result;
  if (!r) return { status: o.status };
  const awards = r.awards.map(({ pending: _p, ...a }) => a);
  return { awards, stars: r.stars, penalties: r.penalties, points: r.points, flags: r.flags, departments: r.departments, ineligible: r.ineligible, totals: r.totals };
}

/** Award and manager payments per award and person, in fen. */
function paid(r: ResultJson): Map<string, number> {
  const m = new Map<string, number>();
  for (const a of r.awards) {
    const k = `${a.award}\u0000${a.staff_id}`;
    m.set(k, (m.get(k) ?? 0) + Math.round(a.amount * 100));
  }
  return m;
}

function expectedStakes(before: ResultJson, after: ResultJson): string[] {
  const a = paid(before);
  const b = paid(after);
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (x !== undefined && y !== undefined && x === y) continue;
    const [award, id] = k.split('\u0000');
    const wins = x === undefined || (y !== undefined && y > x);
    const fen = x !== undefined && y !== undefined ? Math.abs(y - x) : (x ?? y)!;
    out.push(`${award} ${id} ${wins ? 'wins' : 'loses'} ${fen}`);
  }
  return out.sort();
}

const reached = { accepted: 0, stakes: 0, future: 0 };

describe.each(listPresets().map((p) => p.id))('appeals, preset %s', (preset) => {
  const scheme = getPreset(preset)!;
  const run = (tabs: RawTab[], period: string) => computeWorkbook(tabs, { period, preset, lang: 'en', now: NOW });

  test('accepting = deleting the rows; pending stakes = what deleting the row changes; rows after the period have none', () => {
    fc.assert(fc.property(mixedWorkbook(), periodFor(scheme.cadence), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.nat(), (tabs, period, picks, one) => {
      const all = targets(tabs);
      if (all.length === 0) return;
      const chosen = [...new Map(picks.map((p) => all[p % all.length]).map((t) => [`${t.tab}:${t.row}`, t])).values()];

      const accepted = run(withAppeals(tabs, chosen, 'accepted'), period);
      const deleted = run(deleteRows(tabs, chosen), period);
      expect(results(accepted)).toEqual(results(deleted));
      if (accepted.status !== 'computed') return;
      reached.accepted += 1;
      // Each appeal voids its row, or says the scheme does not read that tab (then the row cannot matter).
      const said = accepted.diagnostics.filter((d) => d.code === 'voided_by_appeal' || d.code === 'appeal_tab_not_read');
      expect(said.length).toBe(chosen.length);

      // Half the time a winner's row, so that appeals with something at stake are common.
      const base = run(tabs, period);
      const winners = new Set(base.result!.awards.map((a) => a.staff_id));
      const theirs = all.filter((t) => winners.has(t.staffId));
      const pool = theirs.length && one % 2 === 0 ? theirs : all;
      const target = pool[Math.floor(one / 2) % pool.length];
      const pending = run(withAppeals(tabs, [target], 'pending'), period);
      const gone = run(deleteRows(tabs, [target]), period);
      expect(results(pending)).toEqual(results(base));
      const stakes = pending.result!.appeals![0].stakes.map((s) => `${s.award} ${s.staff_id} ${s.if_accepted} ${Math.round(s.amount * 100)}`).sort();
      expect(stakes).toEqual(expectedStakes(base.result!, gone.result!));
      if (stakes.length) reached.stakes += 1;
      const atStake = new Set(pending.result!.appeals![0].stakes.map((s) => `${s.award}\u0000${s.staff_id}`));
      for (const a of pending.result!.awards) expect(a.pending === true).toBe(atStake.has(`${a.award}\u0000${a.staff_id}`));

      const end = parsePeriod(period)!.end;
      const future = all.filter((t) => t.date !== null && t.date > end);
      if (future.length) {
        reached.future += 1;
        const later = run(withAppeals(tabs, future.slice(0, 3), 'pending'), period);
        expect(later.result!.appeals!.every((a) => a.stakes.length === 0)).toBe(true);
        expect(later.result!.awards.some((a) => a.pending)).toBe(false);
      }
    }), { seed: SEED, numRuns: RUNS });
  });
});

afterAll(() => {
  // The generated workbooks must reach accepted appeals, real stakes and rows after the period.
  expect(reached.accepted).toBeGreaterThan(40);
  // Fixed seed: 5 of the generated cases have real stakes since the generator gained position/nomination columns (0f55a2f); at least that many must.
  expect(reached.stakes).toBeGreaterThanOrEqual(5);
  expect(reached.future).toBeGreaterThan(10);
});
