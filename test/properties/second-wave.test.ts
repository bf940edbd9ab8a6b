/**
 * Property tests of the scheme-model features added for the second-wave presets
 * (issue 18), on generated workbooks and a scheme that is NOT a preset (so nothing
 * can lean on a preset's ids): each feature is checked against a direct reading of
 * the dataset written here, independently of the engine.
 *  - nominations: a present person is a candidate iff one of their nomination rows
 *    for the window survives the per-nominator limit (a nominator's distinct
 *    nominees beyond k, in row order, are dropped and each dropped row is warned once);
 *  - quorum: the gate fails iff distinct non-blank committee reviewers < ⌈num × size / den⌉;
 *  - year to date: whoever fails an incident gate in the window fails the same gate
 *    over the year to date, and the year-to-date gate fails iff such an incident
 *    lies between 1 January and the window's end;
 *  - position and hire-date gates follow Staff exactly;
 *  - not_winner: nobody wins both an award and the award that excludes its winners;
 *  - turnover: leavers in the window ÷ staff at its start, per department.
 */
import fc from 'fast-check';
import { readDataset } from '../../core/input/tabs';
import { computeScheme } from '../../core/engine/compute';
import { evalMeasure } from '../../core/engine/measures';
import { validateScheme } from '../../core/scheme/validate';
import { parsePeriod, yearToDate } from '../../core/periods';
import type { Scheme, SchemeInput } from '../../core/scheme/model';
import { SEED, workbook } from './arbitraries';
import { staffKey } from '../../core/ids';

const RUNS = 40;
const T = (s: string) => ({ zh: s, en: s });

function scheme(k: number, size: number): Scheme {
  const input: SchemeInput = {
    id: 'x-second-wave', name: T('x'), cadence: 'quarter',
    measures: [
      { id: 'm_committee', label: T('c'), kind: 'rows', tab: 'reviews', agg: 'mean', field: 'score', where: [{ field: 'source', op: '=', value: 'committee' }] },
      { id: 'm_reviewers', label: T('r'), kind: 'rows', tab: 'reviews', agg: 'distinct', field: 'reviewer', where: [{ field: 'source', op: '=', value: 'committee' }, { field: 'reviewer', op: '!=', value: '' }] },
      { id: 'm_count', label: T('n'), kind: 'rows', tab: 'feedback', agg: 'count' },
      { id: 'm_turnover', label: T('t'), kind: 'turnover', unit: 'department' },
    ],
    gates: [
      { id: 'g_quorum', label: T('q'), kind: 'quorum', measure: 'm_reviewers', size, share: { num: 2, den: 3 } },
      { id: 'g_ytd', label: T('y'), kind: 'no_incident', types: ['criticism', 'warning', 'violation'], window: 'year_to_date' },
      { id: 'g_period', label: T('p'), kind: 'no_incident', types: ['criticism', 'warning', 'violation'] },
      { id: 'g_position', label: T('o'), kind: 'position', notIn: ['客服管家'] },
      { id: 'g_new', label: T('h'), kind: 'hired_within' },
      { id: 'g_not_a', label: T('w'), kind: 'not_winner', award: 'a_first' },
    ],
    awards: [
      { id: 'a_first', name: T('a'), cadence: 'quarter', scope: 'company', nominations: { from: 'nominations', perNominator: k },
        rankBy: { measure: 'm_committee' }, quota: { count: 2 }, gates: ['g_quorum', 'g_position'], prize: { kind: 'fixed', amount: 0 } },
      { id: 'a_second', name: T('b'), cadence: 'quarter', scope: 'company', rankBy: { measure: 'm_count' }, quota: { count: 3 },
        gates: ['g_not_a', 'g_new', 'g_ytd', 'g_period'], prize: { kind: 'fixed', amount: 0 } },
    ],
  };
  const v = validateScheme(input);
  if (!v.scheme) throw new Error(JSON.stringify(v.diagnostics));
  return v.scheme;
}

const fold = (s: string) => s.trim().toLowerCase();

test('nominations, quorum, year to date, position, hire date, not_winner and turnover follow the data', () => {
  let checked = 0;
  const reached = { limited: 0, quorumFail: 0, ytdOnly: 0, candidates: 0, justMissed: 0, justMet: 0 };
  fc.assert(fc.property(
    workbook({ hostile: true }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 3, max: 5 }), fc.constantFrom('2026-Q3', '2026-Q4'),
    fc.array(fc.tuple(fc.nat(30), fc.constantFrom('J1', 'J2', 'J3', 'J4', 'J5', ' j2 ', ''), fc.constantFrom('2026-Q3', '2026-09', '2026-Q4', '2026')), { maxLength: 30 }),
    (generated, k, size, pid, extra) => {
      // Committee scores by named reviewers, so that quorums are met, missed and just missed.
      const tabs = generated.map((t) => ({ name: t.name, rows: t.rows.map((r) => [...r]) }));
      const staffTab = tabs[0];
      const ids = staffTab.rows.slice(1).map((r) => r[0]).filter((c) => typeof c === 'string');
      let reviewsTab = tabs.find((t) => t.name === 'Reviews' || t.name === '考评');
      if (!reviewsTab) tabs.push(reviewsTab = { name: 'Reviews', rows: [['period', 'staff_id', 'source', 'dimension', 'score', 'max', 'reviewer']] });
      const committee = reviewsTab.name === '考评' ? '评委' : 'committee';
      const few = ids.slice(0, 3);
      if (few.length) for (const [n, judge, period] of extra) reviewsTab.rows.push([period, few[n % few.length], committee, null, 80 + (n % 20), 100, judge]);
      // …and those people nominated for the window by no one in particular (never over a limit).
      let nominationsTab = tabs.find((t) => t.name === 'Nominations' || t.name === '提名');
      if (!nominationsTab) tabs.push(nominationsTab = { name: 'Nominations', rows: [['period', 'staff_id', 'nominated_by']] });
      for (const id of few) nominationsTab.rows.push([pid, id, null]);
      const read = readDataset(tabs, {});
      if (read.fatal) return;
      const d = read.dataset;
      const s = scheme(k, size);
      const w = parsePeriod(pid)!;
      const res = computeScheme(s, d, w);
      const first = res.awards.find((o) => o.award.id === 'a_first')!;
      const second = res.awards.find((o) => o.award.id === 'a_second')!;
      const idx = new Map<string, number>();
      d.staff.forEach((p, i) => { if (!idx.has(p.key)) idx.set(p.key, i); });
      checked++;

      // Nominations: the same rule written directly over the records in row order.
      const inWindow = (period: string) => { const p = parsePeriod(period); return p !== null && p.start >= w.start && p.end <= w.end; };
      const kept = new Set<number>();
      const perNominator = new Map<string, Set<number>>();
      const dropped: number[] = [];
      for (const r of d.nominations ?? []) {
        const i = idx.get(r.staffKey);
        if (i === undefined || !inWindow(r.period)) continue;
        const by = staffKey(r.nominatedBy);
        if (by !== '') {
          const mine = perNominator.get(by) ?? new Set<number>();
          perNominator.set(by, mine);
          if (!mine.has(i) && mine.size >= k) { dropped.push(r.row); continue; }
          mine.add(i);
        }
        kept.add(i);
      }
      if (dropped.length) reached.limited++;
      const warned = res.diagnostics.filter((x) => x.code === 'nomination_over_limit').map((x) => x.row).sort((a, b) => a! - b!);
      expect(warned).toEqual([...dropped].sort((a, b) => a - b));
      for (const e of first.entries) {
        if (e.reasons.some((r) => r.code === 'left' || r.code === 'not_hired')) continue;
        expect(e.reasons.some((r) => r.code === 'not_nominated')).toBe(!kept.has(e.idx));
        if (kept.has(e.idx)) reached.candidates++;
      }

      // Quorum: distinct non-blank committee reviewers of reviews inside the window.
      const need = Math.ceil((2 * size) / 3);
      const reviewers = new Map<number, Set<string>>();
      for (const r of d.reviews) {
        const p = parsePeriod(r.period);
        const i = idx.get(r.staffKey);
        if (!p || i === undefined || p.start < w.start || p.end > w.end || r.source !== 'committee' || !r.reviewer || fold(r.reviewer) === '') continue;
        const set = reviewers.get(i) ?? new Set<string>();
        set.add(fold(r.reviewer));
        reviewers.set(i, set);
      }
      // Incidents of the gate's types by day.
      const ytd = yearToDate(w);
      const bad = (from: string, to: string, i: number) => d.incidents.some((r) => idx.get(r.staffKey) === i
        && ['criticism', 'warning', 'violation'].includes(r.type) && r.date >= from && r.date <= to);
      for (const e of first.entries) {
        if (e.reasons.some((r) => ['left', 'not_hired', 'not_nominated'].includes(r.code))) continue;
        const q = e.reasons.find((r) => r.code === 'g_quorum');
        const have = reviewers.get(e.idx)?.size ?? 0;
        expect(q !== undefined).toBe(have < need);
        if (q) { reached.quorumFail++; expect(q.value).toBe(String(have)); }
        if (have === need - 1) reached.justMissed++;
        if (have === need) reached.justMet++;
        expect(e.reasons.some((r) => r.code === 'g_position')).toBe(fold(d.staff[e.idx].position) === fold('客服管家'));
      }

      // Hire date and not_winner on the second award.
      for (const e of second.entries) {
        if (e.reasons.some((r) => r.code === 'left' || r.code === 'not_hired')) continue;
        const p = d.staff[e.idx];
        expect(e.reasons.some((r) => r.code === 'g_new')).toBe(!(p.hireDate >= w.start && p.hireDate <= w.end));
        expect(e.reasons.some((r) => r.code === 'g_not_a')).toBe(first.entries[e.idx].won);
        if (e.won) expect(first.entries[e.idx].won).toBe(false);
        const failsPeriod = e.reasons.some((r) => r.code === 'g_period');
        const failsYtd = e.reasons.some((r) => r.code === 'g_ytd');
        expect(failsPeriod).toBe(bad(w.start, w.end, e.idx));
        expect(failsYtd).toBe(bad(ytd.start, ytd.end, e.idx));
        if (failsPeriod) expect(failsYtd).toBe(true);
        if (failsYtd && !failsPeriod) reached.ytdOnly++;
      }

      // Turnover per department.
      const t = evalMeasure(res.ctx, 'm_turnover', w);
      d.staff.forEach((p, i) => {
        const same = d.staff.filter((o) => o.department === p.department);
        const atStart = same.filter((o) => o.hireDate <= w.start && (o.leaveDate === null || o.leaveDate >= w.start)).length;
        const left = same.filter((o) => o.leaveDate !== null && o.leaveDate >= w.start && o.leaveDate <= w.end).length;
        if (atStart === 0) expect(Number.isNaN(t[i])).toBe(true);
        else expect(t[i]).toBeCloseTo(left / atStart, 6);
      });
    },
  ), { seed: SEED, numRuns: RUNS });
  expect(checked).toBeGreaterThan(RUNS / 2);
  // The generator must reach each case, or the properties above prove little.
  expect(reached.candidates).toBeGreaterThan(0);
  expect(reached.quorumFail).toBeGreaterThan(0);
  expect(reached.limited).toBeGreaterThan(0);
  expect(reached.ytdOnly).toBeGreaterThan(0);
  expect(reached.justMissed).toBeGreaterThan(0);
  expect(reached.justMet).toBeGreaterThan(0);
});
