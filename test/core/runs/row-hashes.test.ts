/**
 * Row hashes (core/runs/person-rows) are made only when they can serve: when they
 * may fit in the Runs snapshot cell, or when the previous run of the period kept
 * its own to compare with. A workbook too big for them to fit writes exactly the
 * same Runs and Changes tabs as when every row was hashed; after a small run that
 * kept its hashes, a big run still hashes its rows and says which tabs changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeWorkbook } from '../../../core/orchestrator';
import { gateCompute, MAX_SNAPSHOT_CHARS, recordCompute, rowHashesWanted, schemeVersionLabel } from '../../../core/runs';
import { hashedRowCount, personRowsOf } from '../../../core/runs/person-rows';
import { readDataset } from '../../../core/input/tabs';
import { getPreset } from '../../../core/presets';
import type { Cell, OutputTab, RawTab } from '../../../core/types';

const NOW = '2026-10-08T09:00:00+08:00';
const base = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'presets', 'smile-cards.json'), 'utf8')) as RawTab[];

/** The fixture with `extra` more Feedback rows (S01–S06, July–September). */
function withFeedback(extra: number): RawTab[] {
  return base.map((t) => {
    if (t.name !== 'Feedback') return t;
    const more: Cell[][] = [];
    for (let k = 0; k < extra; k++) more.push([`2026-0${7 + (k % 3)}-${String(1 + (k % 28)).padStart(2, '0')}`, `S0${1 + (k % 6)}`, 3, 'met']);
    return { ...t, rows: [...t.rows, ...more] };
  });
}

const tabOf = (outputs: OutputTab[], kind: string) => outputs.find((o) => o.kind === kind)!;

test('a big workbook: no hashes made, and the same Runs and Changes tabs as with every row hashed', () => {
  const tabs = withFeedback(4000);
  const scheme = getPreset('smile-cards')!;
  const data = readDataset(tabs, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale }).dataset;
  expect(11 * hashedRowCount(data) - 1).toBeGreaterThan(MAX_SNAPSHOT_CHARS);
  const out = computeWorkbook(tabs, { period: '2026-Q3', preset: 'smile-cards', now: NOW, lang: 'zh' });
  expect(out.status).toBe('computed');
  const gate = gateCompute(undefined, data, scheme, '2026-Q3', false);
  expect(rowHashesWanted(gate, data)).toBe(false);
  const options = { now: NOW, scheme: scheme.id, schemeVersion: schemeVersionLabel(scheme.version, gate.fingerprint), lang: 'zh' as const };
  const hashed = recordCompute(gate, out.result!, { ...options, rows: personRowsOf(data) });
  expect(tabOf(out.outputs, 'runs').rows).toEqual(hashed.runs.rows);
  expect(tabOf(out.outputs, 'changes').rows).toEqual(hashed.changes.rows);
});

test('a small workbook keeps its hashes; a big run after it still hashes and names the changed tab', () => {
  const small = computeWorkbook(base, { period: '2026-Q3', preset: 'smile-cards', now: NOW, lang: 'en' });
  const runs = tabOf(small.outputs, 'runs');
  expect(String(runs.rows[1].at(-1))).toContain('"r":');
  const big = [...withFeedback(4000), { name: runs.name, rows: runs.rows as Cell[][] }];
  const scheme = getPreset('smile-cards')!;
  const data = readDataset(big, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale }).dataset;
  const gate = gateCompute({ name: runs.name, rows: runs.rows as Cell[][] }, data, scheme, '2026-Q3', false);
  expect(rowHashesWanted(gate, data)).toBe(true);
  const out = computeWorkbook(big, { period: '2026-Q3', preset: 'smile-cards', now: '2026-10-09T09:00:00+08:00', lang: 'en' });
  const changes = tabOf(out.outputs, 'changes').rows.map((r) => r.join(' | ')).join('\n');
  expect(changes).toMatch(/Feedback: \d+ added/);
});
