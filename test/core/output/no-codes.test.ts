/**
 * Issue 13 acceptance: a Chinese run shows no internal id and an English run no
 * Chinese leftover. For every preset (its template's example data, and the demo
 * CSV folders in examples/), in zh and en, every output tab, the summary (the
 * sidebar's ComputeSummary and the CLI text), every diagnostic message and the
 * Scheme tab are rendered; then:
 * - zh: no snake_case id, and no lower-case English word at all, outside the Data
 *   check's code column, the Runs tab's machine columns and strings from the user's data;
 * - en: no Chinese character and no snake_case id outside strings from the user's data.
 * Preset ids (`smile-cards`) are what the user types after `--preset`, so they may appear.
 * Generic on purpose: an id added by any issue (a reason, an action, a measure) that
 * reaches an output without a label fails here. Add its label where the failure says.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeWorkbook, type ComputeOutcome } from '../../../core/orchestrator';
import { buildTemplate, templatePeriod } from '../../../core/templates';
import { listPresets } from '../../../core/presets';
import { summarizeOutcome, summaryContextFor } from '../../../core/summary';
import { renderSummary } from '../../../cli/summary-text';
import { shiftPeriod, parsePeriod } from '../../../core/periods';
import type { Cell, Lang, OutputTab, RawTab } from '../../../core/types';

const NOW = '2026-12-02T02:25:52.222Z';
const CJK = /[\u3400-\u9fff\uff08\uff09\u3001-\u3011\uff1a\uff1b\uff0c]/;
/** A snake_case id (an internal code in any language). */
const SNAKE = /(?<![A-Za-z0-9_])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_])/;
/** A snake_case id or any lower-case English word of two letters or more. */
const ENGLISH_WORD = /(?<![A-Za-z0-9_])[a-z][a-z]+(?:_[a-z0-9]+)*(?![A-Za-z0-9_])/g;

function text(c: Cell): string {
  if (c === null || c === undefined) return '';
  return c instanceof Date ? c.toISOString() : String(c);
}

/** Every string the user's own tabs hold (names, departments, notes …), longest first. */
function userStrings(tabs: RawTab[]): string[] {
  const out = new Set<string>();
  for (const t of tabs) {
    if (t.name === '方案' || t.name === 'Scheme') continue;
    out.add(t.name);
    for (const r of t.rows) for (const c of r) if (typeof c === 'string' && c.trim()) out.add(c.trim());
  }
  return [...out].sort((a, b) => b.length - a.length);
}

const PRESET_IDS = listPresets().map((p) => p.id).sort((a, b) => b.length - a.length);

function strip(s: string, user: string[]): string {
  let out = s;
  for (const id of PRESET_IDS) if (out.includes(id)) out = out.split(id).join(' ');
  for (const u of user) if (out.includes(u)) out = out.split(u).join(' ');
  return out;
}

/** Columns that hold machine data by design (Data check code; Runs scheme version, fingerprints and snapshot). */
function machineColumns(t: OutputTab): Set<number> {
  if (t.kind === 'datacheck') return new Set([5]);
  if (t.kind === 'runs') return new Set([4, 10, 11, 14]);
  return new Set();
}

interface Leak { where: string; text: string; found: string }

function leaks(where: string, s: string, lang: Lang, user: string[]): Leak[] {
  const clean = strip(s, user);
  if (lang === 'en') {
    const m = CJK.exec(clean) ?? SNAKE.exec(clean);
    return m ? [{ where, text: s, found: m[0] }] : [];
  }
  const words = (clean.match(ENGLISH_WORD) ?? []).filter((w) => !ALLOWED_ZH.has(w));
  return words.length ? [{ where, text: s, found: words.join(',') }] : [];
}

/** Lower-case words a Chinese reader is expected to meet: option names and units of the command line. */
const ALLOWED_ZH = new Set<string>(['service', 'star', 'preset', 'lang', 'period', 'out', 'json', 'force', 'zh', 'en', 'xlsx', 'csv', 'v']);

function tabLeaks(t: OutputTab, lang: Lang, user: string[]): Leak[] {
  const out: Leak[] = [];
  const skip = machineColumns(t);
  out.push(...leaks(`tab name`, t.name, lang, user));
  t.rows.forEach((r, ri) => r.forEach((c, ci) => {
    if (skip.has(ci) && ri > 0) return;
    const s = text(c);
    if (s) out.push(...leaks(`${t.name}!R${ri + 1}C${ci + 1}`, s, lang, user));
  }));
  for (const n of t.notes ?? []) if (n) out.push(...leaks(`${t.name} note`, n, lang, user));
  return out;
}

function outcomeLeaks(o: ComputeOutcome, tabs: RawTab[], lang: Lang, preset: string | undefined, user: string[]): Leak[] {
  const out: Leak[] = [];
  if (o.message) out.push(...leaks('message', o.message[lang], lang, user));
  for (const d of o.diagnostics) out.push(...leaks(`diagnostic ${d.code}`, d.message[lang], lang, user));
  for (const t of o.outputs) out.push(...tabLeaks(t, lang, user));
  const context = summaryContextFor(tabs, preset);
  const s = summarizeOutcome(o, context);
  for (const w of s.winners) out.push(...leaks('summary winner', `${w.awardName[lang]} ${w.scope ? w.scopeName?.[lang] : ''}`, lang, user));
  for (const a of s.awards) out.push(...leaks('summary award', a.name[lang], lang, user));
  for (const w of s.warnings) out.push(...leaks('summary warning', w.text[lang], lang, user));
  for (const d of s.disputes ?? []) out.push(...leaks('summary dispute', d.alternative[lang], lang, user));
  if (o.result) {
    const txt = renderSummary(s, o.result, lang, [], context.staffNames ?? {});
    for (const line of txt.split('\n')) out.push(...leaks('CLI summary', line, lang, user));
  }
  return out;
}

function asRaw(tabs: OutputTab[]): RawTab[] {
  return tabs.map((t) => ({ name: t.name, rows: t.rows }));
}

/** Drop the second half of every dated input tab's rows, so a second run has changes to list. */
function firstHalf(tabs: RawTab[]): RawTab[] {
  return tabs.map((t) => (t.rows.length > 3 && !/员工|Staff|方案|Scheme|名额|Quotas/.test(t.name)
    ? { ...t, rows: t.rows.slice(0, Math.ceil(t.rows.length / 2)) } : t));
}

/** Two runs (half the data, then all of it) so Runs and Changes tabs hold real lines; the leaks of both. */
function renderAll(tabs: RawTab[], period: string, lang: Lang, preset?: string): { leaks: Leak[]; outcome: ComputeOutcome } {
  const first = computeWorkbook(firstHalf(tabs), { period, preset, lang, now: NOW });
  const runs = first.outputs.find((t) => t.kind === 'runs');
  const again = computeWorkbook([...tabs, ...(runs ? asRaw([runs]) : [])], { period, preset, lang, now: NOW });
  const user = userStrings(tabs);
  return { leaks: [...outcomeLeaks(first, tabs, lang, preset, user), ...outcomeLeaks(again, tabs, lang, preset, user)], outcome: again };
}

function report(l: Leak[]): string[] {
  return [...new Set(l.map((x) => `${x.found}  ←  ${x.where}: ${x.text.slice(0, 160)}`))].slice(0, 40);
}

const LANGS: Lang[] = ['zh', 'en'];

describe.each(LANGS)('no internal id in a %s run', (lang) => {
  for (const p of listPresets()) {
    test(`template of ${p.id}`, () => {
      const period = templatePeriod(p.id)!;
      const tabs = asRaw(buildTemplate(p.id, lang, { period: period.id }));
      const { leaks: found, outcome } = renderAll(tabs, period.id, lang);
      expect(outcome.status).toBe('computed');
      expect(report(found)).toEqual([]);
      // The same data computed with the preset chosen on the command line (no Scheme tab).
      const noScheme = tabs.filter((t) => t.name !== '方案' && t.name !== 'Scheme');
      expect(report(renderAll(noScheme, period.id, lang, p.id).leaks)).toEqual([]);
    });
  }

  const folder = join(__dirname, '..', '..', '..', 'examples', lang === 'zh' ? 'csv-zh' : 'csv-en');
  const demoTabs: RawTab[] = readdirSync(folder).filter((f) => f.endsWith('.csv')).map((f) => ({
    name: f.replace(/\.csv$/, ''),
    rows: readFileSync(join(folder, f), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '').map((l) => parseCsvLine(l)),
  }));
  for (const p of listPresets()) {
    test(`demo data with ${p.id}`, () => {
      const q = parsePeriod('2026-Q3')!;
      const period = p.cadence === 'quarter' ? q.id : p.cadence === 'year' ? '2026' : p.cadence === 'half' ? '2026-H2' : shiftPeriod(parsePeriod('2026-09')!, 0).id;
      const { leaks: found, outcome } = renderAll(demoTabs, period, lang, p.id);
      expect(['computed', 'fatal']).toContain(outcome.status);
      expect(report(found)).toEqual([]);
    });
  }
});

describe.each(LANGS)('no internal id in a %s run with appeals and investigations (SPEC §10)', (lang) => {
  const fixture = (name: string): RawTab[] => JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'presets', `${name}.json`), 'utf8'));
  const appeals = (status: string): RawTab => ({
    name: lang === 'zh' ? '申诉' : 'Appeals',
    rows: [['staff_id', 'tab', 'row', 'filed', 'status'], ['S03', 'Feedback', 15, '2026-10-05', status], ['S01', 'Feedback', 15, null, 'accepted'],
      ['S03', 'Payroll', 2, null, 'pending'], ['S07', 'Feedback', 99, null, 'pending'], ['S08', 'Feedback', 29, null, 'maybe'], ['S02', 'Feedback', 8, null, 'rejected']],
  });
  test('smile-cards: pending, then accepted (Changes names the appeal); bad appeals', () => {
    const tabs = fixture('smile-cards');
    const first = computeWorkbook([...tabs, appeals('pending')], { period: '2026-Q3', preset: 'smile-cards', lang, now: NOW });
    expect(first.disputes!.some((d) => d.stakes.length > 0)).toBe(true);
    const runs = asRaw(first.outputs.filter((t) => t.kind === 'runs'));
    const again = computeWorkbook([...tabs, appeals('accepted'), ...runs], { period: '2026-Q3', preset: 'smile-cards', lang, now: NOW });
    const user = userStrings([...tabs, appeals('pending')]);
    const found = [...outcomeLeaks(first, tabs, lang, 'smile-cards', user), ...outcomeLeaks(again, tabs, lang, 'smile-cards', user)];
    expect(report(found)).toEqual([]);
  });
  test('annual-star: an investigation holds a winner out', () => {
    const tabs = [...fixture('annual-star'), { name: lang === 'zh' ? '调查' : 'Investigations', rows: [['staff_id', 'start', 'end'], ['Y02', '2026-07-01', null], ['Y01', '2026-13-01', null]] }];
    const out = computeWorkbook(tabs, { period: '2026-Q3', preset: 'annual-star', lang, now: NOW });
    expect(report(outcomeLeaks(out, tabs, lang, 'annual-star', userStrings(tabs)))).toEqual([]);
  });
});

/** A CSV line with quoted fields. */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}
