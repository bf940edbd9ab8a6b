/**
 * Properties through the spreadsheet adapters (issue 9): generated workbooks (plausible
 * and hostile cells, arbitraries.ts) loaded into the recording fakes of Excel and Google
 * Sheets, computed through the Excel task pane's bridge and the BUILT Apps Script
 * Code.js. For every workbook:
 *  - the run answers (computed, fatal or refused) and never throws;
 *  - the input sheets are exactly as before (values and formats), over compute and a
 *    second compute;
 *  - no cell anywhere became a formula; every output string that begins with = + - @
 *    sits in a cell formatted as text; no temporary sheet is left;
 *  - Excel: the tabs written are exactly what the engine computes from what the adapter
 *    read (so the adapter loses nothing on the way out).
 * Cells are handed over the way each host returns them: Excel gives serial numbers for
 * dates and '' for empty cells; Sheets gives Date objects; neither gives NaN (an error
 * value arrives as its text, e.g. "#NUM!").
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { computeWorkbook } from '../../core/orchestrator';
import { listPresets } from '../../core/presets';
import type { Cell, RawTab } from '../../core/types';
import { createExcelBridge } from '../../office-addin/excel-bridge';
import { createExcelHost } from '../../office-addin/excel-host';
import { FakeWorkbook, type Value } from '../office-addin/fake-excel';
import { loadCode, makeEnv, type CellValue } from '../apps-script/fake-gas';
import { PERIOD, SEED, mixedWorkbook } from './arbitraries';

const root = join(__dirname, '..', '..');
const NOW = '2026-10-08T09:00:00.000Z';
const FORMULA_LIKE = /^[=+\-@]/;
const PRESET = fc.constantFrom(...listPresets().map((p) => p.id));

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), 'apps-script'], { cwd: root, stdio: 'pipe' });
}, 120000);

function excelValue(c: Cell): Value {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '#VALUE!' : (c.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  if (typeof c === 'number' && !Number.isFinite(c)) return '#NUM!';
  return c;
}

function sheetsValue(c: Cell): CellValue {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '#VALUE!' : c;
  if (typeof c === 'number' && !Number.isFinite(c)) return '#NUM!';
  return c;
}

/** Rectangular rows, as a sheet's used range is. */
function rect<T>(rows: Cell[][], f: (c: Cell) => T, blank: T): T[][] {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return rows.map((r) => Array.from({ length: width }, (_, i) => (i < r.length ? f(r[i]) : blank)));
}

/** Input tab names are unique per workbook in the generator; keep the first if not. */
function uniqueTabs(tabs: RawTab[]): RawTab[] {
  const seen = new Set<string>();
  return tabs.filter((t) => !seen.has(t.name.toLowerCase()) && seen.add(t.name.toLowerCase()));
}

test('Excel: inputs untouched, text stays text, and the tabs written are what the engine computes from what was read', async () => {
  await fc.assert(fc.asyncProperty(mixedWorkbook(), PERIOD, PRESET, async (generated, period, preset) => {
    const tabs = uniqueTabs(generated);
    const wb = new FakeWorkbook(Object.fromEntries(tabs.map((t) => [t.name, rect(t.rows, excelValue, '' as Value)])));
    const inputs = tabs.map((t) => t.name);
    const before = JSON.stringify(inputs.map((n) => [wb.find(n)!.values, wb.find(n)!.formats]));
    const read = await createExcelHost({ run: wb.run }).readTabs(inputs);
    const expected = computeWorkbook(read, { period, preset, now: NOW });
    const bridge = createExcelBridge({ run: wb.run, now: () => NOW });
    const summary = await bridge.compute({ period, preset });
    expect(summary.status).toBe(expected.status === 'computed' ? 'computed' : expected.status);
    if (expected.status === 'computed') {
      for (const out of expected.outputs) {
        const width = Math.max(out.formats.length, ...out.rows.map((r) => r.length));
        const rows = out.rows.map((r) => Array.from({ length: width }, (_, c) => (r[c] === null || r[c] === undefined ? '' : r[c])));
        expect([out.name, wb.tab(out.name)]).toEqual([out.name, rows]);
      }
    } else {
      expect(wb.names()).toEqual(inputs);
    }
    await bridge.compute({ period, preset });
    expect(JSON.stringify(inputs.map((n) => [wb.find(n)!.values, wb.find(n)!.formats]))).toBe(before);
    for (const s of wb.sheets) {
      expect([s.name, [...s.formulas]]).toEqual([s.name, []]);
      if (inputs.includes(s.name)) continue;
      s.values.forEach((row, r) => row.forEach((v, c) => { if (typeof v === 'string' && v !== '') expect(s.formats[r][c]).toBe('@'); }));
    }
    expect(wb.names().filter((n) => n.startsWith('~tmp'))).toEqual([]);
  }), { seed: SEED, numRuns: 40 });
});

test('Google Sheets: inputs untouched, text stays text, no temporary sheet left', () => {
  fc.assert(fc.property(mixedWorkbook(), PERIOD, PRESET, (generated, period, preset) => {
    const tabs = uniqueTabs(generated);
    const env = makeEnv({ locale: 'en_US' });
    for (const t of tabs) env.ss.add(t.name, rect(t.rows, sheetsValue, '' as CellValue));
    const inputs = tabs.map((t) => env.ss.byName(t.name)!);
    const state = () => JSON.stringify(inputs.map((s) => [s.name, s.dump(), [...s.formats], s.frozenRows]));
    const before = state();
    const gs = loadCode(env);
    const first = gs.compute({ period, preset }) as { status: string; message: { en: string } | null };
    expect(['computed', 'fatal', 'refused']).toContain(first.status);
    if (first.status !== 'computed') expect(first.message?.en).toBeTruthy();
    gs.compute({ period, preset });
    expect(state()).toBe(before);
    for (const s of env.ss.sheets) {
      expect([s.name, [...s.formulas.values()]]).toEqual([s.name, []]);
      if (inputs.includes(s)) continue;
      s.dump().forEach((row, r) => row.forEach((v, c) => {
        if (typeof v === 'string' && FORMULA_LIKE.test(v)) expect([s.name, r + 1, c + 1, s.formats.get(`${r + 1},${c + 1}`)]).toEqual([s.name, r + 1, c + 1, '@']);
      }));
    }
    expect(env.ss.sheets.filter((s) => s.name.startsWith('~ServiceStar tmp'))).toEqual([]);
    expect(env.lock.held).toBe(false);
  }), { seed: SEED, numRuns: 25 });
});
