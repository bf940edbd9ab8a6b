/**
 * Property tests (issue 9, issue 3): for EVERY shipped preset (`listPresets()`), on
 * generated workbooks mixing plausible and hostile cells, `computeWorkbook`
 *  - never throws (a run either computes or refuses with one message and no outputs);
 *  - conserves money: for every pool paid + unspent = budget and paid ≤ budget, the
 *    Bonus totals equal `--json` by_award, the award lines add up to totals.paid;
 *  - pays nobody twice for one award (a manager is paid once per winner and level,
 *    so two winning reports are two rows — SPEC §4 smile-cards — but never two rows
 *    for the same winner; stars and points once per person; a penalty at most once
 *    per person, window and rule);
 *  - gives byte-identical JSON and output tabs for the same input;
 *  - never mutates its input (the tabs are deep-frozen, and compared before/after).
 * Each workbook is computed for one period of every kind the preset computes
 * something for. Seeds are fixed (arbitraries.SEED) so a failure reproduces.
 */
import fc from 'fast-check';
import { computeWorkbook, type ComputeOutcome } from '../../core/orchestrator';
import { getPreset, listPresets } from '../../core/presets';
import { parsePeriod } from '../../core/periods';
import { SEED, chaosWorkbook, cloneTabs, deepFreeze, mixedWorkbook, periodsFor, tabsFingerprint } from './arbitraries';
import { doublePayViolations, poolViolations } from './money';

const NOW = '2026-10-08T09:00:00.000Z';
const RUNS = 50;

function outcomeBytes(o: ComputeOutcome): string {
  return JSON.stringify({ status: o.status, message: o.message, lang: o.lang, result: o.result, diagnostics: o.diagnostics, outputs: o.outputs });
}

/** What the generated workbooks reached, so a generator that stops exercising the engine is noticed. */
const reached = { poolPaid: 0, poolTies: 0, managerRows: 0, ties: 0, stars: 0, points: 0, penalties: 0 };

describe.each(listPresets().map((p) => p.id))('preset %s', (preset) => {
  const scheme = getPreset(preset)!;

  test('never throws; money conserved; nobody paid twice; deterministic; input untouched', () => {
    expect(scheme).not.toBeNull();
    const pools = new Set(scheme.awards.filter((a) => a.prize.kind === 'pool').map((a) => a.id));
    const managerAwards = new Set(scheme.awards.filter((a) => a.payUp).map((a) => a.payUp!.award));
    let runs = 0;
    let computed = 0;
    fc.assert(fc.property(mixedWorkbook(), periodsFor([scheme.cadence, ...scheme.awards.map((a) => a.cadence)]), (tabs, periods) => {
      const pristine = tabsFingerprint(tabs);
      for (const period of periods) {
        runs += 1;
        const frozen = deepFreeze(cloneTabs(tabs));
        const a = computeWorkbook(frozen, { period, preset, now: NOW });
        expect(tabsFingerprint(frozen)).toBe(pristine);
        expect(['computed', 'fatal', 'refused']).toContain(a.status);
        if (a.status !== 'computed') {
          // A run that cannot start says why, once, and writes nothing.
          expect(a.message?.en).toBeTruthy();
          expect(a.message?.zh).toBeTruthy();
          expect(a.outputs).toEqual([]);
          continue;
        }
        computed += 1;
        expect(poolViolations(a, scheme, parsePeriod(period)!.kind)).toEqual([]);
        expect(doublePayViolations(a, scheme)).toEqual([]);
        const b = computeWorkbook(cloneTabs(tabs), { period, preset, now: NOW });
        expect(outcomeBytes(b)).toBe(outcomeBytes(a));
        const r = a.result!;
        reached.poolPaid += r.awards.filter((l) => pools.has(l.award) && l.amount > 0).length;
        reached.poolTies += r.awards.filter((l) => pools.has(l.award) && l.tie).length;
        reached.managerRows += r.awards.filter((l) => managerAwards.has(l.award)).length;
        reached.ties += r.awards.filter((l) => l.tie).length;
        reached.stars += r.stars.length;
        reached.points += r.points.length;
        reached.penalties += r.penalties.length;
      }
      expect(tabsFingerprint(tabs)).toBe(pristine);
    }), { seed: SEED, numRuns: RUNS });
    // Most generated workbooks must get past validation, or the engine is not being tested.
    expect(computed).toBeGreaterThan(runs / 2);
  });
});

test('the generated workbooks reached pools, co-winners, manager awards, stars, points and penalties', () => {
  expect(reached.poolPaid).toBeGreaterThan(0);
  expect(reached.poolTies).toBeGreaterThan(0);
  expect(reached.managerRows).toBeGreaterThan(0);
  expect(reached.ties).toBeGreaterThan(0);
  expect(reached.stars).toBeGreaterThan(0);
  expect(reached.points).toBeGreaterThan(0);
  expect(reached.penalties).toBeGreaterThan(0);
});

test('chaos: any tab names, header rows, cells, presets and period texts — never a throw, never a write when refused', () => {
  const presets = listPresets().map((p) => p.id);
  fc.assert(fc.property(
    chaosWorkbook(), fc.constantFrom(...presets, 'no-such-preset'),
    fc.oneof(fc.constantFrom('2026-Q3', '2026-07', '2026-H2', '2026', '2026-13', '2026-Q0', ' 2026-q3 '), fc.string({ maxLength: 8 })),
    (tabs, preset, period) => {
      const pristine = tabsFingerprint(tabs);
      const o = computeWorkbook(deepFreeze(tabs), { period, preset, now: NOW });
      expect(tabsFingerprint(tabs)).toBe(pristine);
      if (o.status === 'computed') expect(o.result).not.toBeNull();
      else {
        expect(o.message?.en).toBeTruthy();
        expect(o.outputs).toEqual([]);
      }
    },
  ), { seed: SEED, numRuns: 300 });
});
