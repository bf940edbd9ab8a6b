/**
 * Row order does not matter (issue 9, issue 3): for every preset, shuffling the data
 * rows of every input tab (the header stays row 1) changes no output.
 *
 * What "no output" means, decided here:
 *  - the `--json` result except `diagnostics`, and the Ranking, Bonus, Points and
 *    Departments tabs: identical, cell for cell, in the same order;
 *  - row numbers are the rows the user sees, which a shuffle moves on purpose: each row
 *    number of the shuffled run — a diagnostic's row, and "Cases row 3" / "row 2 in
 *    Staff" / 「Cases」第 3 行 inside any text — is mapped back through the permutation
 *    to the row it came from before comparing;
 *  - diagnostics (`--json` and the Data check tab) are then compared as multisets,
 *    message text included. One exception: a summary diagnostic that stands for many
 *    rows (`staff_left_out`: "3 rows of S01 left out"; `unknown_type` / `unknown_source`:
 *    one info per distinct value) is placed on the first such row in the sheet, which
 *    depends on the order; its row is not compared, and the id it quotes as written on
 *    that row is compared by its lookup key;
 *  - Runs and Changes are bookkeeping of the run (its input fingerprint), left out;
 *  - near misses (issue 15) list the rows behind them in sheet order, which a shuffle
 *    changes on purpose: `--json` `near_misses[].rows` are mapped back and compared as
 *    sets, and the row list a *why* quotes (its first rows, then "and N more") is
 *    left out of the text compared.
 * Workbooks are `orderSafe` (see arbitraries.ts): inputs whose meaning depends on row
 * order by design — a later duplicate staff id, the last Quotas row, two redemptions of
 * one person on one day, two near-identical cases on one day — are not generated.
 */
import fc from 'fast-check';
import { computeWorkbook, type ComputeOutcome } from '../../core/orchestrator';
import { getPreset, listPresets } from '../../core/presets';
import { staffKey } from '../../core/ids';
import { recognizeTab } from '../../core/input/tabs';
import type { Cell, Diagnostic } from '../../core/types';
import { SEED, mixedWorkbook, periodsFor, shuffleTabs } from './arbitraries';

const NOW = '2026-10-08T09:00:00.000Z';
const RUNS = 40;
const COMPARED = new Set(['ranking', 'bonus', 'points', 'departments']);

type Back = (tab: string, row: number | null) => number | null;

/** Diagnostics placed on the first of many rows (see the file comment). */
const SUMMARY_CODES = new Set(['staff_left_out', 'unknown_type', 'unknown_source']);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Map row numbers quoted in text ("Cases row 3", "row 2 in Staff", 「Cases」第 3 行) through `back`. */
function mapText(text: string, tabNames: string[], back: Back): string {
  let out = text;
  for (const name of tabNames) {
    const n = escape(name);
    out = out
      .replace(new RegExp(`(${n} row )(\\d+)`, 'g'), (_m, p: string, r: string) => `${p}${back(name, Number(r))}`)
      .replace(new RegExp(`(row )(\\d+)( in ${n})`, 'g'), (_m, p: string, r: string, q: string) => `${p}${back(name, Number(r))}${q}`)
      .replace(new RegExp(`(${n}」?\\s*第\\s*)(\\d+)(\\s*行)`, 'g'), (_m, p: string, r: string, q: string) => `${p}${back(name, Number(r))}${q}`);
  }
  return out;
}

/** A why without the row list of its near misses (`; rows: …` / `；相关记录：…`), which follows sheet order. */
function withoutNearMissRows(text: string): string {
  return text.replace(/; rows: .*?(?=\.(\s|$))/g, '').replace(/；相关记录：.*?(?=。)/g, '');
}

function mapCells(rows: Cell[][], tabNames: string[], back: Back): Cell[][] {
  return rows.map((r) => r.map((c) => (typeof c === 'string' ? withoutNearMissRows(mapText(c, tabNames, back)) : c)));
}

/** `--json` near misses with their rows mapped through `back` and sorted (`tab` is the canonical name: `back` takes the name as written). */
function nearMisses(o: ComputeOutcome, names: string[], back: Back): unknown[] {
  const written = (tab: string) => names.find((n) => recognizeTab(n) === recognizeTab(tab)) ?? tab;
  return (o.result?.near_misses ?? []).map((n) => ({
    ...n, rows: n.rows.map((r) => ({ tab: r.tab, row: back(written(r.tab), r.row) })).sort((x, y) => (x.tab < y.tab ? -1 : x.tab > y.tab ? 1 : (x.row ?? 0) - (y.row ?? 0))),
  }));
}

function tables(o: ComputeOutcome, tabNames: string[], back: Back): Record<string, Cell[][]> {
  return Object.fromEntries(o.outputs.filter((t) => COMPARED.has(t.kind)).map((t) => [t.name, mapCells(t.rows, tabNames, back)]));
}

/** Diagnostics as sortable lines, rows (and rows quoted in messages) mapped through `back`. */
function diagLines(list: Diagnostic[], tabNames: string[], back: Back): string[] {
  return list.map((d) => {
    const [row, value, en, zh] = located(d.code, back(d.tab, d.row), d.value, d.message.en, d.message.zh);
    return JSON.stringify([d.severity, d.code, d.tab, row, d.column, value, mapText(en, tabNames, back), mapText(zh, tabNames, back)]);
  }).sort();
}

/** Data check rows (severity, tab, row, column, value, code, message) as sortable lines, rows mapped. */
function dataCheckLines(o: ComputeOutcome, tabNames: string[], back: Back): string[] {
  const tab = o.outputs.find((t) => t.kind === 'datacheck');
  return (tab?.rows.slice(1) ?? []).map((r) => {
    const [row, value, text] = located(String(r[5]), back(String(r[1]), r[2] as number | null), String(r[4]), String(r[6]), '');
    return JSON.stringify([r[0], r[1], row, r[3], value, r[5], mapText(text, tabNames, back)]);
  }).sort();
}

/** A summary diagnostic sits on the first row it stands for and quotes the value as written there: compare the value's key, not the row. */
function located(code: string, row: number | null, value: string, en: string, zh: string): [number | string | null, string, string, string] {
  if (!SUMMARY_CODES.has(code)) return [row, value, en, zh];
  const key = staffKey(value);
  return ['*', key, en.split(value).join(key), zh.split(value).join(key)];
}

describe.each(listPresets().map((p) => p.id))('preset %s', (preset) => {
  const scheme = getPreset(preset)!;

  test('shuffling the rows of every input tab changes no output', () => {
    let compared = 0;
    fc.assert(fc.property(
      mixedWorkbook(true), periodsFor([scheme.cadence, ...scheme.awards.map((a) => a.cadence)]), fc.array(fc.integer({ min: 1, max: 0x7fffffff }), { minLength: 1, maxLength: 4 }),
      (tabs, periods, seeds) => {
        const { tabs: shuffled, perms } = shuffleTabs(tabs, seeds);
        // Shuffled row r (header = 1) held original data row perm[r - 2], i.e. original row perm[r - 2] + 2.
        const back = (tab: string, row: number | null): number | null => {
          const perm = perms.get(tab);
          if (!perm || row === null || row < 2 || row - 2 >= perm.length) return row;
          return perm[row - 2] + 2;
        };
        const same: Back = (_tab, row) => row;
        const names = tabs.map((t) => t.name);
        for (const period of periods) {
          const a = computeWorkbook(tabs, { period, preset, now: NOW });
          const b = computeWorkbook(shuffled, { period, preset, now: NOW });
          expect(b.status).toBe(a.status);
          expect(b.message).toEqual(a.message);
          if (a.status !== 'computed') continue;
          compared += 1;
          expect({ ...b.result, diagnostics: [], near_misses: nearMisses(b, names, back) }).toEqual({ ...a.result, diagnostics: [], near_misses: nearMisses(a, names, same) });
          expect(tables(b, names, back)).toEqual(tables(a, names, same));
          expect(diagLines(b.diagnostics, names, back)).toEqual(diagLines(a.diagnostics, names, same));
          expect(dataCheckLines(b, names, back)).toEqual(dataCheckLines(a, names, same));
        }
      },
    ), { seed: SEED, numRuns: RUNS });
    expect(compared).toBeGreaterThan(RUNS / 2);
  });
});

test('the shuffle is a real permutation and the row mapping inverts it', () => {
  const tabs = [{ name: 'T', rows: [['h'], ['a'], ['b'], ['c'], ['d'], ['e']] as Cell[][] }];
  const { tabs: out, perms } = shuffleTabs(tabs, [12345]);
  const perm = perms.get('T')!;
  expect([...perm].sort()).toEqual([0, 1, 2, 3, 4]);
  expect(perm).not.toEqual([0, 1, 2, 3, 4]);
  expect(out[0].rows[0]).toEqual(['h']);
  const back: Back = (_t, r) => (r === null ? null : perm[r - 2] + 2);
  expect(mapText('T row 2 and row 3 in T; 「T」第 4 行; U row 2', ['T'], back))
    .toBe(`T row ${back('T', 2)} and row ${back('T', 3)} in T; 「T」第 ${back('T', 4)} 行; U row 2`);
  // Row r of the shuffled tab (header = 1) holds what was at row perm[r - 2] + 2.
  for (let r = 2; r <= 6; r++) expect(out[0].rows[r - 1]).toEqual(tabs[0].rows[perm[r - 2] + 1]);
});
