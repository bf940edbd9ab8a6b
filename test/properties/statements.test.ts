/**
 * Statements (issue 15, SPEC §9) over generated workbooks, for every preset:
 *  - every figure's breakdown adds up to the figure (terms summed, then × scale;
 *    a mean is the sum ÷ its row count; a difference / ratio of its two terms),
 *    and a rows figure's terms count exactly the rows it lists;
 *  - every row a statement names (figures, gates, awards, penalties, points) is a
 *    row of that person: the input tab's row at that number carries their staff id;
 *  - every link of the Statements tab points at the row its cell names, on that person's block.
 */
import { cellLinkList } from '../../core/output/cell-links';
import fc from 'fast-check';
import { computeWorkbook } from '../../core/orchestrator';
import { getPreset, listPresets } from '../../core/presets';
import { recognizeTab } from '../../core/input/tabs';
import { columnOf } from '../../core/input/aliases';
import { staffKey } from '../../core/ids';
import { statementsOf, type Statement } from '../../core/explain';
import type { Breakdown } from '../../core/explain';
import type { RawTab } from '../../core/types';
import { SEED, mixedWorkbook, periodsFor } from './arbitraries';

const NOW = '2026-10-08T09:00:00.000Z';
const RUNS = 15;

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** What the breakdown says the figure is (null: not an arithmetic breakdown). */
function recomputed(b: Breakdown): number | null {
  const sum = b.terms.reduce((s, t) => s + t.value, 0);
  switch (b.op) {
    case 'sum': return sum * b.scale;
    case 'mean': return b.count > 0 ? (sum / b.count) * b.scale : null;
    case 'difference': return b.terms.length === 2 ? b.terms[0].value - b.terms[1].value : null;
    case 'ratio': return b.terms.length === 2 && b.terms[1].value !== 0 ? b.terms[0].value / b.terms[1].value : null;
    default: return null;
  }
}

/** Staff key of the person on row `row` (header = 1) of the tab named `name`, or null. */
function ownerOf(tabs: RawTab[], name: string, row: number): string | null {
  const t = tabs.find((x) => x.name === name);
  const id = t ? recognizeTab(t.name) : null;
  if (!t || !id || id === 'scheme' || id === 'runs') return null;
  const col = t.rows[0].findIndex((h) => columnOf(id, String(h ?? ''))?.id === 'staff_id');
  const cell = t.rows[row - 1]?.[col];
  return col < 0 || cell === undefined || cell === null ? null : staffKey(String(cell));
}

const reached = { figures: 0, sums: 0, rows: 0, links: 0 };

describe.each(listPresets().map((p) => p.id))('preset %s', (preset) => {
  const scheme = getPreset(preset)!;
  test('breakdowns add up; rows and links belong to the person', () => {
    fc.assert(fc.property(mixedWorkbook(), periodsFor([scheme.cadence, ...scheme.awards.map((a) => a.cadence)]), (tabs, periods) => {
      for (const period of periods) {
        const out = computeWorkbook(tabs, { period, preset, now: NOW, lang: 'en' });
        if (out.status !== 'computed') continue;
        const list: Statement[] = statementsOf(out.engine!, 'en');
        expect(list.length).toBe(out.engine!.ctx.n);
        for (const st of list) {
          const me = staffKey(st.staffId);
          for (const line of st.lines) {
            const b = line.breakdown;
            if (b && !Number.isNaN(b.value)) {
              reached.figures += 1;
              const r = recomputed(b);
              if (r !== null) {
                reached.sums += 1;
                expect({ measure: b.measure, value: b.value, close: close(r, b.value) }).toEqual({ measure: b.measure, value: b.value, close: true });
              }
              const counted = b.terms.reduce((s, t) => s + (t.count ?? 0), 0);
              if (b.terms.every((t) => t.count !== null) && b.terms.length) expect(counted).toBe(b.rows.length);
            }
            for (const ref of line.rows) {
              reached.rows += 1;
              expect({ ref, owner: ownerOf(tabs, ref.tab, ref.row) }).toEqual({ ref, owner: me });
            }
          }
        }
        const tab = out.outputs.find((o) => o.kind === 'statements')!;
        // Each link sits in a person's block: its heading is the nearest one-cell row above.
        for (const l of cellLinkList(tab.links)) {
          reached.links += 1;
          let h = l.row;
          while (h > 0 && tab.rows[h].length !== 1) h--;
          const owner = ownerOf(tabs, l.tab, l.at);
          const heading = String(tab.rows[h][0]);
          const person = list.find((s) => heading.startsWith(s.title));
          expect(person && owner === staffKey(person.staffId)).toBe(true);
          expect(String(tab.rows[l.row][l.col])).toContain(`row ${l.at}`);
        }
      }
    }), { seed: SEED, numRuns: RUNS });
  });
});

afterAll(() => {
  // The generator must reach figures with breakdowns, rows and links.
  expect(reached.sums).toBeGreaterThan(0);
  expect(reached.rows).toBeGreaterThan(0);
  expect(reached.links).toBeGreaterThan(0);
});
