/**
 * Whatever people do to the Scheme tab, reading it never throws: random cell
 * edits, deleted and inserted rows. Every diagnostic is well formed (tab, a row
 * inside the tab, both languages), an error always means no scheme, and a
 * scheme that is returned is valid.
 */
import fc from 'fast-check';
import { getPreset, listPresets } from '../../../core/presets/index';
import { readSchemeTab, renderSchemeRows } from '../../../core/scheme-tab/index';
import { validateScheme } from '../../../core/scheme/validate';
import type { Cell } from '../../../core/types';
import { copyRows } from './helpers';

const VALUES: Cell[] = [
  null, '', ' ', 'ten', '十个', -1, 0, 1.5, 1e308, 800, '1,000.00', '¥800', 'yes', '否', true, false, '#N/A', '■ Mystery',
  '■ Awards', '※ note', '[', '{"a":1}', '["x"]', '"quoted"', 'exceeded→x', 'a, b, c', '>=', 'in', 'month', '季度', 'pool',
  'x'.repeat(5000), new Date(Date.UTC(2026, 6, 1)), Number.NaN, '=SUM(A1)', 'service_star', 'score',
];

type Edit = { kind: 'set'; r: number; c: number; v: number } | { kind: 'delete'; r: number } | { kind: 'insert'; r: number; v: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), r: fc.nat(), c: fc.nat({ max: 30 }), v: fc.nat({ max: VALUES.length - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), r: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), r: fc.nat(), v: fc.nat({ max: VALUES.length - 1 }) }),
);

const presets = listPresets().map((p) => p.id);

test('random edits never make reading throw, and the result is consistent', () => {
  fc.assert(fc.property(
    fc.constantFrom(...presets), fc.constantFrom('zh' as const, 'en' as const), fc.array(edit, { minLength: 1, maxLength: 8 }),
    (id, lang, edits) => {
      const rows = copyRows(renderSchemeRows(getPreset(id), lang));
      for (const e of edits) {
        const r = e.r % rows.length;
        if (e.kind === 'set') {
          while (rows[r].length <= e.c) rows[r].push(null);
          rows[r][e.c] = VALUES[e.v];
        } else if (e.kind === 'delete') rows.splice(r, 1);
        else rows.splice(r, 0, [VALUES[e.v], VALUES[(e.v + 3) % VALUES.length]]);
        if (rows.length === 0) rows.push([]);
      }
      const read = readSchemeTab({ name: 'Scheme', rows });
      for (const d of read.diagnostics) {
        expect(d.tab).toBe('Scheme');
        if (d.row !== null) {
          expect(Number.isInteger(d.row)).toBe(true);
          expect(d.row).toBeGreaterThanOrEqual(1);
          expect(d.row).toBeLessThanOrEqual(rows.length);
        }
        expect(d.message.zh.length).toBeGreaterThan(0);
        expect(d.message.en.length).toBeGreaterThan(0);
      }
      if (read.diagnostics.some((d) => d.severity === 'error')) expect(read.scheme).toBeNull();
      if (read.scheme) expect(validateScheme(read.scheme).scheme).not.toBeNull();
    },
  ), { numRuns: 300, seed: 7 });
});
