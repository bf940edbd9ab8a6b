/**
 * Row references made from columns (core/explain/rows.ts textColumns): with
 * readDataset's row facts, a statement's row texts and links are made from the
 * row numbers, day keys and categorical columns instead of each row's record. The
 * Statements tab must be the same either way: the same records in fresh arrays
 * carry no facts, so the engine reads every record there.
 */
import fc from 'fast-check';
import type { Dataset, RawTab } from '../../../core/types';
import { computeScheme } from '../../../core/engine/compute';
import { readDataset, rowFacts } from '../../../core/input/tabs';
import { getPreset, presetIds } from '../../../core/presets/index';
import { parsePeriod, shiftPeriod } from '../../../core/periods';
import { buildStatementsTab } from '../../../core/explain';
import { RowList, rowsBehind, textsFromColumns } from '../../../core/explain/rows';
import { cellLinkList } from '../../../core/output/cell-links';
import { inRankOrder } from '../../../core/explain/near-misses';
import { rankComparator, type AwardEntry } from '../../../core/engine/awards';
import { SEED, mixedWorkbook } from '../../properties/arbitraries';
import { generateWorkbook } from '../../../bench/generate';

const copy = (d: Dataset): Dataset => ({
  ...d, staff: [...d.staff], feedback: [...d.feedback], incidents: [...d.incidents], attendance: [...d.attendance],
  reviews: [...d.reviews], cases: [...d.cases], quotas: [...d.quotas], redemptions: [...d.redemptions],
  nominations: d.nominations ? [...d.nominations] : d.nominations,
});

function statementsView(id: string, d: Dataset, period: string, lang: 'zh' | 'en'): unknown {
  const e = computeScheme(getPreset(id)!, d, parsePeriod(period)!);
  const tab = buildStatementsTab(e, lang);
  return { rows: tab.rows, links: cellLinkList(tab.links!), pageBreaks: tab.pageBreaks };
}

function read(tabs: RawTab[], id: string): Dataset | null {
  const scheme = getPreset(id)!;
  const r = readDataset(tabs, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale });
  return r.fatal ? null : r.dataset;
}

/** The bench-style workbook with a few incident types written as nobody else writes them (a free-text type column). */
function withOddTypes(tabs: RawTab[]): RawTab[] {
  return tabs.map((t) => {
    const type = t.rows[0].indexOf('类型');
    if (type < 0) return t;
    return { ...t, rows: t.rows.map((r, k) => (k > 0 && k % 7 === 0 ? r.map((c, j) => (j === type ? ' VIP Complaint ' : c)) : r)) };
  });
}

describe('the Statements tab is the same from columns as from records', () => {
  const full = generateWorkbook({ staff: 60, feedback: 3000, incidents: 600, reviews: 400, cases: 120 }, 5);
  test.each(presetIds())('%s, bench-style workbook, zh and en', (id) => {
    const d = read(full, id)!;
    expect(rowFacts(d.feedback)).not.toBeNull();
    for (const lang of ['zh', 'en'] as const) {
      for (const period of ['2026-08', '2026-Q3']) expect(statementsView(id, d, period, lang)).toEqual(statementsView(id, copy(d), period, lang));
    }
  });

  test.each(['smile-cards', 'service-star-budget', 'call-center'].filter((id) => presetIds().includes(id)))('%s, incident types in free text', (id) => {
    const d = read(withOddTypes(full), id)!;
    expect(statementsView(id, d, '2026-Q3', 'zh')).toEqual(statementsView(id, copy(d), '2026-Q3', 'zh'));
  });

  test('random workbooks (property)', () => {
    fc.assert(fc.property(mixedWorkbook(), fc.constantFrom(...presetIds()), fc.constantFrom('2026-07', '2026-Q3'), fc.constantFrom('zh' as const, 'en' as const), (tabs, id, period, lang) => {
      const d = read(tabs, id);
      if (!d) return;
      expect(statementsView(id, d, period, lang)).toEqual(statementsView(id, copy(d), period, lang));
    }), { seed: SEED, numRuns: 60 });
  });
});

describe('which rows are made from columns', () => {
  const full = generateWorkbook({ staff: 30, feedback: 600, incidents: 200, reviews: 100, cases: 40 }, 9);
  const ctxOf = (tabs: RawTab[], d: Dataset | null = read(tabs, 'smile-cards')) => computeScheme(getPreset('smile-cards')!, d!, parsePeriod('2026-Q3')!).ctx;

  test('read by readDataset: dated tabs, noted by a coded field or by none', () => {
    const ctx = ctxOf(full);
    expect(textsFromColumns(ctx, 'feedback', 'rating')).toBe(true);
    expect(textsFromColumns(ctx, 'feedback', undefined)).toBe(true);
    expect(textsFromColumns(ctx, 'incidents', 'type')).toBe(true);
  });

  test('from records: a field written in several ways, a month or period tab, a dataset without facts', () => {
    expect(textsFromColumns(ctxOf(withOddTypes(full)), 'incidents', 'type')).toBe(false);
    const ctx = ctxOf(full);
    expect(textsFromColumns(ctx, 'attendance', undefined)).toBe(false);
    expect(textsFromColumns(ctx, 'reviews', 'source')).toBe(false);
    expect(textsFromColumns(ctxOf(full, copy(read(full, 'smile-cards')!)), 'feedback', 'rating')).toBe(false);
  });
});

describe('rows noted by a number', () => {
  const full = generateWorkbook({ staff: 30, feedback: 600, incidents: 200, reviews: 100, cases: 40 }, 9);
  test('a field of numbers written as numbers is read from its column; one holding text is read from the records', () => {
    const d = read(full, 'service-star-budget')!;
    const ctx = computeScheme(getPreset('service-star-budget')!, d, parsePeriod('2026-07')!).ctx;
    expect(textsFromColumns(ctx, 'feedback', 'score')).toBe(true);
    // A fresh read with one score turned into text inside the read records (their facts kept): not exactly numbers.
    const odd = read(full, 'service-star-budget')!;
    (odd.feedback[3] as unknown as Record<string, unknown>).score = '4';
    expect(rowFacts(odd.feedback)).not.toBeNull();
    const ctx2 = computeScheme(getPreset('service-star-budget')!, odd, parsePeriod('2026-07')!).ctx;
    expect(textsFromColumns(ctx2, 'feedback', 'score')).toBe(false);
    expect(statementsView('service-star-budget', odd, '2026-07', 'zh')).toEqual(statementsView('service-star-budget', copy(odd), '2026-07', 'zh'));
  });
});

describe('merging the rows of a figure over two windows in one pass (RowList.merged of lists in tab order)', () => {
  // The same lists given as row references (no positions) are merged by sorting every row (sortNotes): the reference.
  const full = generateWorkbook({ staff: 40, feedback: 2000, incidents: 300, reviews: 100, cases: 40 }, 13);
  test.each([['service-star-budget', '2026-07'], ['smile-cards', '2026-Q3']])('%s %s: every person, the pairs of rows measures, and a list with itself', (id, period) => {
    const d = read(full, id)!;
    const ctx = computeScheme(getPreset(id)!, d, parsePeriod(period)!).ctx;
    const w = parsePeriod(period)!;
    const rowsMeasures = [...ctx.measures.values()].filter((m) => m.kind === 'rows' && m.tab === 'feedback').map((m) => m.id);
    expect(rowsMeasures.length).toBeGreaterThan(1);
    let merged = 0;
    for (let i = 0; i < ctx.n; i++) {
      for (const a of rowsMeasures) {
        for (const b of rowsMeasures) {
          const la = rowsBehind(ctx, a, w, i);
          const lb = rowsBehind(ctx, b, shiftPeriod(w, -1), i);
          for (const pair of [[la, lb], [lb, la], [la, la]]) {
            const got = RowList.merged(ctx, pair).all();
            const want = RowList.merged(ctx, pair.map((l) => RowList.of([...l.all()]))).all();
            expect(got).toEqual(want);
            if (pair[0].length > 0 && pair[1].length > 0) merged++;
          }
        }
      }
    }
    expect(merged).toBeGreaterThan(100);
  });
});

describe('rows noted by numbers of any sign and with decimals', () => {
  test('a points sum over every incident (negative, zero, decimal points): the same from columns as from records', () => {
    const scheme = JSON.parse(JSON.stringify(getPreset('property-stars')!));
    const m = scheme.measures.find((x: { id: string }) => x.id === 'positive_points');
    m.where = [];
    const points: (number | string)[] = [-3, -1, 0, '', 2, 2.5, 5, -0.5, -1, ''];
    const tabs = generateWorkbook({ staff: 40, feedback: 800, incidents: 600, reviews: 100, cases: 40 }, 21).map((t) => {
      const j = t.rows[0].indexOf('分值');
      return j < 0 ? t : { ...t, rows: t.rows.map((r, k) => (k === 0 ? r : r.map((c, x) => (x === j ? points[k % points.length] : c)))) };
    });
    const d = readDataset(tabs, { probationMonths: scheme.probationMonths, feedbackScale: scheme.feedbackScale }).dataset;
    const view = (data: Dataset, lang: 'zh' | 'en') => {
      const e = computeScheme(scheme, data, parsePeriod('2026')!);
      const tab = buildStatementsTab(e, lang);
      return { rows: tab.rows, links: cellLinkList(tab.links!) };
    };
    const e = computeScheme(scheme, d, parsePeriod('2026')!);
    expect(textsFromColumns(e.ctx, 'incidents', 'points')).toBe(true);
    const zh = view(d, 'zh');
    expect(JSON.stringify(zh.rows)).toMatch(/，-3）/);
    expect(JSON.stringify(zh.rows)).toMatch(/，2\.5）/);
    expect(zh).toEqual(view(copy(d), 'zh'));
    expect(view(d, 'en')).toEqual(view(copy(d), 'en'));
  });
});

describe("near misses: a scope's eligible in rank order by counting ranks (inRankOrder)", () => {
  const full = generateWorkbook({ staff: 80, feedback: 2000, incidents: 300, reviews: 200, cases: 60 }, 17);
  test('the same order as sorting by the award comparator then rank, every person award and scope (random workbooks, and a bench-style one)', () => {
    let scopes = 0;
    const check = (tabs: RawTab[], id: string) => {
      const d = read(tabs, id);
      if (!d) return;
      const res = computeScheme(getPreset(id)!, d, parsePeriod('2026-Q3')!);
      // Team awards have no near misses (their entries carry the team's rank).
      for (const o of res.awards.filter((x) => !x.award.team)) {
        const cmp = rankComparator(o.award);
        const byScope = new Map<string, AwardEntry[]>();
        for (const e of o.entries) if (e.eligible) byScope.set(e.scope, [...(byScope.get(e.scope) ?? []), e]);
        for (const l of byScope.values()) {
          const want = [...l].sort((x, y) => cmp(x, y) || (x.rank ?? 0) - (y.rank ?? 0)).map((e) => e.idx);
          expect(inRankOrder([...l], cmp).map((e) => e.idx)).toEqual(want);
          scopes++;
        }
      }
    };
    for (const id of presetIds()) check(full, id);
    fc.assert(fc.property(mixedWorkbook(), fc.constantFrom(...presetIds()), check), { seed: SEED, numRuns: 60 });
    expect(scopes).toBeGreaterThan(20);
  });
});
