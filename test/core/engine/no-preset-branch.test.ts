/**
 * Schemes are data (SPEC §3): no engine code path names a preset, an award or a
 * preset-specific measure. Greps every .ts file of core/ outside core/presets/
 * (comments stripped) for the shipped ids written as a string literal — the only
 * way code can branch on them (`x === 'service_star'`, `case 'smile-cards':`);
 * an id used as an example inside a longer message is not a branch.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', 'core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return p === join(root, 'presets') ? [] : files(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function code(path: string): string {
  return readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const PRESET_IDS = ['smile-cards', 'star-rating', 'weighted-quarterly', 'service-star-budget', 'surprise-points', 'annual-star', 'case-collection', 'team-star', 'itsm-quarterly', 'property-stars', 'annual-best', 'committee-quarterly'];
const AWARD_IDS = ['service_star', 'service_star_manager', 'quarter_star', 'satisfaction_improvement', 'revisit_excellence', 'outstanding_contribution', 'annual_star', 'promotion_priority', 'smile_cards', 'anger_cards', 'most_likes', 'itsm_star', 'committee_score', 'excellent_employee', 'best_newcomer', '客服管家', 'best_employee', 'best_service', 'best_innovation', 'best_image', 'benchmark_team', '职业形象', 'quarter_service_star', 'annual_service_star', 'committee_reviewers', 'disciplinary_record_ytd'];
/** Single words that are also ordinary vocabulary. */
const LITERALS = ['revisit', 'referral'];
/**
 * Preset or award ids that are also words of the data contract (SPEC §1: the incident
 * type surprise_service, the Feedback column likes): forbidden outside the readers
 * (and the fingerprint's list of each tab's fields).
 */
const ALSO_INCIDENT_TYPES = ['surprise_service', 'likes'];
const READERS = new Set(['aliases.ts', 'tabs.ts', 'cells.ts', 'schemes.ts', 'fingerprint.ts']);

describe('no preset-specific branch in the engine', () => {
  const all = files(root);
  test('there are engine files to check', () => {
    expect(all.some((f) => f.includes(join('core', 'engine')))).toBe(true);
  });
  test.each([...PRESET_IDS, ...AWARD_IDS, ...LITERALS])('"%s" is never a string literal in core/ outside core/presets/', (id) => {
    const re = new RegExp(`['"\`]${id}['"\`]`);
    const hits = all.filter((f) => re.test(code(f))).map((f) => relative(root, f));
    expect(hits).toEqual([]);
  });
  test.each(ALSO_INCIDENT_TYPES)('"%s" is a string literal only in the input readers', (id) => {
    const re = new RegExp(`['"\`]${id}['"\`]`);
    const hits = all.filter((f) => !READERS.has(relative(root, f).split(/[\\/]/).pop()!) && re.test(code(f))).map((f) => relative(root, f));
    expect(hits).toEqual([]);
  });
});

/**
 * The same idea from the other side, for the scheme-model features of the second-wave
 * presets (nominations, quorum, year-to-date windows, position / hire-date / not-winner
 * gates, turnover, `first`): renaming every measure, gate and award id of a preset gives
 * the same winners and the same reasons (renamed) on its golden fixture — the engine
 * follows the ids the scheme declares, whatever they are.
 */
import { readDataset } from '../../../core/input/tabs';
import { computeScheme } from '../../../core/engine/compute';
import { getPresetInput } from '../../../core/presets/index';
import { validateScheme } from '../../../core/scheme/validate';
import { parsePeriod } from '../../../core/periods';
import type { RawTab } from '../../../core/types';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function renamed(input: Json): { scheme: Json; rename: (id: string) => string } {
  const ids = new Set<string>([
    ...input.measures.map((m: Json) => m.id), ...(input.gates ?? []).map((g: Json) => g.id), ...input.awards.map((a: Json) => a.id),
  ]);
  const rename = (id: string) => (ids.has(id) ? `${id}_renamed` : id);
  const s = JSON.parse(JSON.stringify(input)) as Json;
  s.id = `${s.id}-renamed`;
  for (const m of s.measures) {
    m.id = rename(m.id);
    if (m.of && m.kind === 'combine') m.of = m.of.map(rename);
    if (m.measure) m.measure = rename(m.measure);
    if (m.award) m.award = rename(m.award);
  }
  for (const g of s.gates ?? []) {
    g.id = rename(g.id);
    if (g.measure) g.measure = rename(g.measure);
    if (g.award) g.award = rename(g.award);
    if (typeof g.value === 'object') g.value.measure = rename(g.value.measure);
  }
  for (const a of s.awards) {
    a.id = rename(a.id);
    a.rankBy.measure = rename(a.rankBy.measure);
    for (const k of a.tieBreak ?? []) k.measure = rename(k.measure);
    for (const c of a.requirements ?? []) { c.measure = rename(c.measure); if (typeof c.value === 'object') c.value.measure = rename(c.value.measure); }
    a.gates = (a.gates ?? []).map(rename);
    if (a.candidates) a.candidates.winnersOf = a.candidates.winnersOf.map(rename);
  }
  for (const r of s.points?.rules ?? []) r.measure = rename(r.measure);
  if (s.ranking?.by) s.ranking.by.measure = rename(s.ranking.by.measure);
  if (s.ranking?.columns) s.ranking.columns = s.ranking.columns.map(rename);
  return { scheme: s, rename };
}

describe('renaming every id of a second-wave preset changes nothing but the ids', () => {
  const cases: [string, string[]][] = [
    ['likes', ['2026-08']], ['itsm-quarterly', ['2026-Q3']], ['property-stars', ['2026-Q2', '2026']],
    ['annual-best', ['2026']], ['committee-quarterly', ['2026-Q3', '2026']],
  ];
  test.each(cases)('%s', (preset, periods) => {
    const tabs = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'presets', `${preset}.json`), 'utf8')) as RawTab[];
    const data = readDataset(tabs, {}).dataset;
    const original = validateScheme(getPresetInput(preset)).scheme!;
    const { scheme, rename } = renamed(getPresetInput(preset) as Json);
    const v = validateScheme(scheme);
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const p of periods) {
      const view = (s: typeof original, ren: (id: string) => string) => computeScheme(s, data, parsePeriod(p)!).awards.map((o) => ({
        award: o.award.id,
        won: o.entries.filter((e) => e.won).map((e) => [e.idx, e.rank, e.tie]),
        // Gate reasons carry the gate id; requirement reasons their own code.
        reasons: o.entries.map((e) => e.reasons.map((r) => (r.kind === 'gate' ? ren(r.code) : r.code))),
      })).map((x) => ({ ...x, award: ren(x.award) }));
      const before = view(original, rename);
      // The Quotas tab names awards by id: its rows follow the rename, as a user's would.
      const renamedData = { ...data, quotas: data.quotas.map((q) => ({ ...q, award: rename(q.award) })) };
      const after = ((d) => computeScheme(v.scheme!, d, parsePeriod(p)!).awards.map((o) => ({
        award: o.award.id,
        won: o.entries.filter((e) => e.won).map((e) => [e.idx, e.rank, e.tie]),
        reasons: o.entries.map((e) => e.reasons.map((r) => r.code)),
      })))(renamedData);
      expect(after).toEqual(before);
      expect(before.some((a) => a.won.length > 0)).toBe(true);
    }
  });
});
