/**
 * The rows behind a rows measure (core/explain/rows.ts measureRows), made for
 * everyone at once per measure and window, and for a window inside one already
 * made (a month of the quarter) by filtering that one's rows: on generated
 * workbooks (rows in any date order, several windows asked in either order), each
 * person's list equals a plain scan of the tab — the person's rows, in tab order,
 * whose window lies inside the one asked, that have a value for the measure.
 */
import fc from 'fast-check';
import { computeWorkbook } from '../../../core/orchestrator';
import { getPreset, listPresets } from '../../../core/presets';
import { measureRows } from '../../../core/explain/rows';
import { rowValues } from '../../../core/engine/measures';
import { windowKeys } from '../../../core/engine/context';
import { parsePeriod, shiftPeriod, subPeriods, type Period } from '../../../core/periods';
import type { RowsMeasure } from '../../../core/scheme/model';
import { SEED, mixedWorkbook } from '../../properties/arbitraries';

const NOW = '2026-10-08T09:00:00.000Z';

function reference(ctx: Parameters<typeof measureRows>[0], m: RowsMeasure, w: Period, i: number): number[] {
  if (m.of === 'department') return [];
  const [ks, ke] = windowKeys(m.offset ? shiftPeriod(w, m.offset) : w);
  const t = ctx.tabs[m.tab];
  const vals = rowValues(ctx, m);
  const out: number[] = [];
  for (let r = 0; r < t.staff.length; r++) {
    if (t.staff[r] === i && t.from[r] >= ks && t.to[r] <= ke && !Number.isNaN(vals[r])) out.push(r);
  }
  return out;
}

const presets = listPresets().map((p) => p.id).filter((id) => getPreset(id)!.measures.some((m) => m.kind === 'rows'));

test.each(presets)('%s: every person, every rows measure, quarter and months asked in both orders', (preset) => {
  let checked = 0;
  fc.assert(fc.property(mixedWorkbook(), fc.boolean(), (tabs, monthsFirst) => {
    const out = computeWorkbook(tabs, { period: '2026-Q3', preset, now: NOW, lang: 'en', resultOnly: true });
    if (out.status !== 'computed') return;
    const ctx = out.engine!.ctx;
    const q = parsePeriod('2026-Q3')!;
    const windows = monthsFirst ? [...subPeriods(q, 'month'), q, parsePeriod('2026')!] : [parsePeriod('2026')!, q, ...subPeriods(q, 'month')];
    for (const m of ctx.measures.values()) {
      if (m.kind !== 'rows') continue;
      for (const w of windows) {
        for (let i = 0; i < ctx.n; i++) {
          expect(Array.from(measureRows(ctx, m, w, i))).toEqual(reference(ctx, m, w, i));
          checked++;
        }
      }
    }
  }), { numRuns: 12, seed: SEED });
  expect(checked).toBeGreaterThan(0);
});
