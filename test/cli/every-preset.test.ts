/**
 * Issue 3: `service-star compute <folder> --preset <id> --period <P> --json` works for
 * every shipped preset, on CSV folders with English and with Chinese tab names and
 * headers. Each preset's hand-built golden fixture (whose expected results the engine
 * goldens assert) is written as two CSV folders; the CLI's JSON from both must equal
 * the in-process computation of the same tables, and must not be empty.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeWorkbook } from '../../core/orchestrator';
import { listPresets } from '../../core/presets';
import { TAB_SPECS, columnOf, tabIdOf } from '../../core/input/aliases';
import type { Cell, Lang, RawTab, ResultJson } from '../../core/types';
import { ensureBuilt, ROOT, runCli, tempDir } from './helpers';
import { PRESET_CASES as CASES } from '../preset-cases';

function load(path: string): RawTab[] {
  return JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', path), 'utf8')) as RawTab[];
}

/** The same tables with every recognised tab name and header in one language. */
function inLanguage(tabs: RawTab[], lang: Lang): RawTab[] {
  return tabs.map((t) => {
    const id = tabIdOf(t.name);
    if (!id) return t;
    const [header = [], ...rows] = t.rows;
    const named = header.map((h) => {
      const spec = columnOf(id, String(h ?? ''));
      return spec ? spec[lang] : h;
    });
    return { name: TAB_SPECS[id][lang], rows: [named, ...rows] };
  });
}

function csvField(c: Cell): string {
  if (c === null || c === undefined) return '';
  const s = c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeFolder(tabs: RawTab[]): string {
  const dir = tempDir('ss-preset-');
  for (const t of tabs) writeFileSync(join(dir, `${t.name}.csv`), t.rows.map((r) => r.map(csvField).join(',')).join('\n'));
  return dir;
}

/** What must not depend on how the tables were stored (diagnostics name tabs as written). */
function comparable(r: ResultJson) {
  const { diagnostics, ...rest } = r;
  return { ...rest, diagnostics: diagnostics.map((d) => [d.severity, d.row, d.code, d.value]) };
}

beforeAll(() => ensureBuilt());

test('the table covers every shipped preset', () => {
  expect(CASES.map((c) => c[0]).sort()).toEqual(listPresets().map((p) => p.id).sort());
});

describe.each(CASES)('%s on CSV folders', (preset, fixture, period) => {
  const tabs = load(fixture);
  const expected = computeWorkbook(tabs, { period, preset, lang: 'en', now: '2026-10-08T09:00:00.000Z' }).result!;

  test('the fixture computes to something (not an empty result)', () => {
    const r = expected;
    expect(r.awards.length + r.stars.length + r.points.length + r.departments.length + r.penalties.length).toBeGreaterThan(0);
  });

  test.each(['en', 'zh'] as Lang[])('tab names and headers in %s', (lang) => {
    const dir = writeFolder(inLanguage(tabs, lang));
    const run = runCli(['compute', dir, '--preset', preset, '--period', period, '--json', '--lang', 'en']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const got = JSON.parse(run.stdout) as ResultJson;
    expect(got.period).toBe(period);
    expect(got.scheme).toBe(preset);
    expect(comparable(got)).toEqual(comparable(expected));
  });
});
