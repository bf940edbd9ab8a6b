/**
 * SPEC §8 "Rank": for every preset, on the hand-built fixtures, the presets' own
 * templates and the demo CSV folder, in every cadence the preset runs — the
 * Ranking tab's rank is the rank its why states (per award), no ineligible row
 * has a rank, ineligible rows follow the eligible rows of their scope, winners
 * are marked, every eligible non-winner has a gap, and every figure a why
 * states equals the column it names. Gaps worked out by hand follow, one scope
 * per preset that ranks people.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeWorkbook, type ComputeOutcome } from '../../../core/orchestrator';
import { parseCsvText } from '../../../cli/csv-host';
import { getPreset, presetIds } from '../../../core/presets';
import { buildTemplate, templatePeriod } from '../../../core/templates';
import type { Cell, Lang, RawTab } from '../../../core/types';
import { primaryAward, standingsOf } from '../../../core/engine/standing';
import { computeScheme } from '../../../core/engine/compute';
import { fixture, rankingById, run } from '../engine/helpers';

const ROOT = join(__dirname, '..', '..', '..');

function demoTabs(): RawTab[] {
  const dir = join(ROOT, 'examples', 'csv-en');
  return readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => ({
    name: f.replace(/\.csv$/, ''), rows: parseCsvText(readFileSync(join(dir, f), 'utf8'), f),
  }));
}

const PERIODS: Record<string, string[]> = {
  month: ['2026-07', '2026-08', '2026-09'], quarter: ['2026-Q3'], half: ['2026-H2'], year: ['2026'],
};

function periodsOf(preset: string): string[] {
  const s = getPreset(preset)!;
  const kinds = new Set([s.cadence, ...s.awards.map((a) => a.cadence)]);
  return [...kinds].flatMap((k) => PERIODS[k] ?? []);
}

function near(a: unknown, b: number): boolean {
  return typeof a === 'number' && Math.abs(a - b) < 0.006;
}

/** Check one computed run; returns the problems found (empty = consistent). */
function problems(out: ComputeOutcome, lang: Lang, label: string): string[] {
  const found: string[] = [];
  const t = out.outputs.find((o) => o.kind === 'ranking');
  if (!t) return found;
  const header = t.rows[0].map(String);
  const col = (h: string) => header.indexOf(h);
  const rows = t.rows.slice(1);
  const awards = out.engine?.awards ?? [];
  const primary = out.engine ? primaryAward(out.engine) : null;
  const idCol = col(lang === 'zh' ? '工号' : 'Staff ID');
  const whyCol = col(lang === 'zh' ? '说明' : 'Why');
  const byId = new Map(rows.map((r) => [String(r[idCol]), r]));
  for (const r of rows) {
    const id = String(r[idCol]);
    const why = String(r[whyCol] ?? '');
    const where = `${label} ${id}`;
    for (const o of awards) {
      const name = o.award.name[lang];
      const rankCol = o === primary ? 0 : col(lang === 'zh' ? `名次（${name}）` : `Rank (${name})`);
      const m = lang === 'zh'
        ? new RegExp(`${name}：在.*?符合条件的 \\d+ 人中排第 (\\d+) 名`).exec(why)
        : new RegExp(`${name}: rank (\\d+) of \\d+ eligible`).exec(why);
      const notEligible = why.includes(lang === 'zh' ? `${name}：不符合条件` : `${name}: not eligible`);
      if (o.award.team) continue;
      if (m && rankCol < 0) found.push(`${where}: why states rank ${m[1]} of ${name} but no column shows it`);
      if (m && rankCol >= 0 && r[rankCol] !== Number(m[1])) found.push(`${where}: why rank ${m[1]} vs column ${String(r[rankCol])} (${name})`);
      if (notEligible && rankCol >= 0 && r[rankCol] !== null) found.push(`${where}: not eligible for ${name} but ranked ${String(r[rankCol])}`);
    }
    // Figures the why states: conditions, the score, stars and star bonus, tie-break values.
    const condRe = lang === 'zh' ? /(?:^|[——；：（])([^——；：。，（]+?) 为 (-?[\d,]+(?:\.\d+)?)，要求/g : /(?:— |; |: |\()([^—;:.,(]+?) is (-?[\d,]+(?:\.\d+)?), needs/g;
    for (const c of why.matchAll(condRe)) {
      const h = c[1].trim();
      const v = Number(c[2].replace(/,/g, ''));
      const k = col(h);
      if (k < 0) found.push(`${where}: why states ${h} ${v} but no column ${h}`);
      else if (!near(r[k], v)) found.push(`${where}: why ${h} ${v} vs column ${String(r[k])}`);
    }
    const score = (lang === 'zh' ? /^总分 (-?\d+(?:\.\d+)?)/ : /^Score (-?\d+(?:\.\d+)?)/).exec(why);
    if (score) {
      const k = col(lang === 'zh' ? '总分' : 'Score');
      if (k < 0 || !near(r[k], Number(score[1]))) found.push(`${where}: why score ${score[1]} vs column ${k < 0 ? 'missing' : String(r[k])}`);
    }
    const stars = (lang === 'zh' ? /(\d) 星，星级奖金 ([\d,]+(?:\.\d+)?)/ : /(\d) stars?, star bonus ([\d,]+(?:\.\d+)?)/).exec(why);
    if (stars) {
      const ks = col(lang === 'zh' ? '星级' : 'Stars');
      const kb = col(lang === 'zh' ? '星级奖金' : 'Star bonus');
      if (r[ks] !== Number(stars[1]) || !near(r[kb], Number(stars[2].replace(/,/g, '')))) found.push(`${where}: why stars ${stars[0]} vs columns ${String(r[ks])} ${String(r[kb])}`);
    }
    const dec = lang === 'zh'
      ? /与 \S+?（(\S+?)） 的“[^”]+”相同，按“([^”]+)”决出（(\S+?) 比 (\S+?)）/.exec(why)
      : /level with .+? \((\S+?)\) on .+?, decided by (.+?) \((\S+?) vs (\S+?)\)/.exec(why);
    if (dec) {
      const k = col(dec[2]);
      const other = byId.get(dec[1]);
      if (k < 0) found.push(`${where}: why tie-break ${dec[2]} has no column`);
      else {
        if (!near(r[k], Number(dec[3]))) found.push(`${where}: tie-break mine ${dec[3]} vs column ${String(r[k])}`);
        if (other && !near(other[k], Number(dec[4]))) found.push(`${where}: tie-break theirs ${dec[4]} vs ${dec[1]}'s column ${String(other[k])}`);
      }
    }
  }
  if (primary && out.engine) {
    // Winners marked, a gap for every eligible non-winner with a winning place in scope, ineligible rows last in scope.
    const gapCol = col(lang === 'zh' ? '获奖 / 差距' : 'Result / gap');
    if (gapCol < 0) found.push(`${label}: no result / gap column`);
    const st = standingsOf(primary);
    const idx = new Map(out.engine.ctx.staff.map((s, i) => [s.id, i]));
    let lastScope: string | null = null;
    let sawUnranked = false;
    for (const r of rows) {
      const i = idx.get(String(r[idCol]))!;
      const s = st[i];
      if (s.scope !== lastScope) { lastScope = s.scope; sawUnranked = false; }
      if (r[0] === null) sawUnranked = true;
      else if (sawUnranked) found.push(`${label} ${String(r[idCol])}: ranked row after an unranked row of scope ${s.scope}`);
      if (r[0] !== s.rank) found.push(`${label} ${String(r[idCol])}: rank column ${String(r[0])} vs standing ${String(s.rank)}`);
      if (s.won && !String(r[gapCol]).length) found.push(`${label} ${String(r[idCol])}: winner not marked`);
      if (s.gap && !String(r[gapCol]).length) found.push(`${label} ${String(r[idCol])}: gap not shown`);
      const hasWinner = primary.entries.some((e) => e.won && e.scope === s.scope);
      if (s.eligible && !s.won && hasWinner && !s.gap) found.push(`${label} ${String(r[idCol])}: eligible non-winner without a gap`);
      if (!s.eligible && String(r[gapCol] ?? '').length) found.push(`${label} ${String(r[idCol])}: ineligible row with a gap`);
    }
    // The rank-by measure is the first figure column.
    const m = out.engine.ctx.measures.get(primary.award.rankBy.measure);
    const first = m?.kind === 'score' ? (lang === 'zh' ? '总分' : 'Score') : m?.label[lang];
    if (header[5] !== first) {
      found.push(`${label}: first figure column is ${header[5]}, not the rank-by measure`);
    }
  }
  return found;
}

describe('Ranking tab agrees with the why, for every preset (SPEC §8)', () => {
  const demo = demoTabs();
  for (const preset of presetIds()) {
    test(preset, () => {
      const found: string[] = [];
      let rankedRows = 0;
      for (const lang of ['en', 'zh'] as Lang[]) {
        const sources: [string, RawTab[], string[]][] = [['demo', demo, periodsOf(preset)]];
        const tp = templatePeriod(preset);
        if (tp) sources.push(['template', buildTemplate(preset, lang) as RawTab[], [tp.id]]);
        const fx = join(ROOT, 'test', 'fixtures', 'presets', `${preset}.json`);
        if (existsSync(fx)) sources.push(['fixture', fixture(preset), periodsOf(preset)]);
        for (const [src, tabs, periods] of sources) {
          for (const period of periods) {
            const out = computeWorkbook(tabs, { period, preset, lang, now: '2026-12-31T00:00:00Z' });
            if (out.status !== 'computed') continue;
            rankedRows += out.outputs.find((o) => o.kind === 'ranking')!.rows.filter((r, k) => k > 0 && r[0] !== null).length;
            found.push(...problems(out, lang, `${preset} ${src} ${period} ${lang}`));
          }
        }
      }
      expect(found).toEqual([]);
      expect(rankedRows).toBeGreaterThan(0);
    });
  }
});

function gapOf(out: ComputeOutcome, id: string): Cell {
  return rankingById(out)[id]['Result / gap'];
}

describe('gaps worked out by hand', () => {
  test('smile-cards A组: S02 is level with the winner S01 on 5 smile cards, 1 exceeded rating short (2 vs 1)', () => {
    const out = run(fixture('smile-cards'), 'smile-cards', '2026-Q3');
    expect(gapOf(out, 'S01')).toBe('Winner');
    expect(gapOf(out, 'S02')).toBe('level on Smile cards, 1 short (Exceeded ratings)');
    expect(gapOf(out, 'S03')).toBeNull(); // not eligible (2 anger cards): no rank, no gap
    expect(rankingById(out).S03.Rank).toBeNull();
    const zh = run(fixture('smile-cards'), 'smile-cards', '2026-Q3', 'zh');
    expect(rankingById(zh).S02['获奖 / 差距']).toBe('“微笑卡”相同，差 1（超越期望次数）');
    expect(rankingById(zh).S04['获奖 / 差距']).toBe('并列获奖');
  });

  test('weighted-quarterly 工程部 (quota 2): E03 66.36 is 77.14 − 66.36 = 10.78 short of E02; 秩序部: G03 70 is 10 short of 80', () => {
    const out = run(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3');
    expect(gapOf(out, 'E01')).toBe('Winner');
    expect(gapOf(out, 'E02')).toBe('Winner');
    expect(gapOf(out, 'E03')).toBe('10.78 short (Score)');
    expect(gapOf(out, 'G03')).toBe('10 short (Score)');
    // 物业部: W02 level with W01 on 85.27, vote 80 vs 90.
    expect(gapOf(out, 'W02')).toBe('level on Score, 10 short (Staff vote)');
  });

  test('the engine standing carries the same gap for core/explain', () => {
    const out = run(fixture('smile-cards'), 'smile-cards', '2026-Q3');
    const res = computeScheme(out.engine!.ctx.scheme, out.engine!.ctx.data, out.engine!.period);
    const o = primaryAward(res)!;
    const i = res.ctx.staff.findIndex((s) => s.id === 'S02');
    expect(standingsOf(o)[i]).toMatchObject({ rank: 2, eligible: true, won: false, gap: { measure: 'exceeded_ratings', tieBreak: 0, amount: 1, needed: 2, mine: 1 } });
  });
});
