/**
 * The Ranking tab (SPEC §5, §8): one row per person — rank among the eligible of
 * the scope in the award the tab orders by (standard competition, 1, 2, 2, 4: the
 * rank the why states; empty when not eligible, those rows after the eligible of
 * their scope), staff, department, group, the rank-by measure first, the result or
 * gap to the last winning place, tie-break keys, score components, every other
 * figure a why states, stars, eligible, reasons, awards and the plain-language why.
 */
import type { Cell, ColumnFormat, Lang, OutputTab } from '../types';
import type { EngineResult } from '../engine/compute';
import { explainIndex, explainPerson, reasonText } from '../engine/explain';
import { nearMissNote } from '../explain/text';
import { evalMeasure } from '../engine/measures';
import { rankComparator, type AwardOutcome } from '../engine/awards';
import { primaryAward, standingsOf, type Standing } from '../engine/standing';
import { SCORE_TOTAL, TRUST, measureLabel, standingText } from './standing';
import { presence } from '../engine/context';
import { fenToYuan, formatFen } from '../money';
import { measureFormat, roundFor } from './formats';
import { H, NO, WHY, YES, fill, joinList, tabName } from './labels';

/** Staff indices ordered by id (key, then as written): the stable order of per-person lists. */
export function staffOrder(res: EngineResult): number[] {
  const st = res.ctx.staff;
  return st.map((_, i) => i).sort((a, b) =>
    st[a].key < st[b].key ? -1 : st[a].key > st[b].key ? 1 : st[a].id < st[b].id ? -1 : st[a].id > st[b].id ? 1 : a - b);
}

function num(v: number): number | null {
  return Number.isNaN(v) ? null : Math.round(v * 100) / 100;
}

/** A figure column of the Ranking tab: its header, and its value per person. */
interface FigureColumn {
  header: string;
  format: ColumnFormat;
  value: (i: number) => Cell;
}

export function buildRankingTab(res: EngineResult, lang: Lang): OutputTab {
  const ctx = res.ctx;
  const s = ctx.scheme;
  const primary = primaryAward(res);
  const standings = new Map<AwardOutcome, Standing[]>(res.awards.map((o) => [o, standingsOf(o)]));
  const shown = new Set<string>();
  const figures: FigureColumn[] = [];
  const measureColumn = (id: string, window = res.period): void => {
    if (shown.has(id)) return;
    shown.add(id);
    const v = evalMeasure(ctx, id, window);
    const format = measureFormat(ctx.measures, id);
    figures.push({ header: measureLabel(ctx, id, lang), format, value: (i) => roundFor(format, v[i]) });
  };
  const scoreMeasure = s.measures.find((m) => m.kind === 'score')?.id;
  const scoreColumn = (): void => {
    if (!res.score || shown.has('\u0000score')) return;
    shown.add('\u0000score');
    if (scoreMeasure) shown.add(scoreMeasure);
    const total = res.score.total;
    // Named as the why names it ("总分 86.45" / "Score 86.45").
    figures.push({ header: SCORE_TOTAL[lang], format: 'number', value: (i) => num(total[i]) });
  };
  const isScore = (id: string | null | undefined) => id !== null && id !== undefined && ctx.measures.get(id)?.kind === 'score' && res.score !== null;
  // A stars measure is the Stars column itself.
  const isStars = (id: string) => ctx.measures.get(id)?.kind === 'stars' && res.stars !== null;
  const rankMeasure = primary ? primary.award.rankBy.measure : res.ranking.measure;
  // A score component that shows a measure as it is (no normalising, no fallback) is that measure's column.
  for (const c of s.score ? s.score.components.flatMap((x) => [x, ...(x.parts ?? [])]) : []) {
    if (c.measure && !c.normalize && !c.fallback && c.measure !== rankMeasure) shown.add(c.measure);
  }

  // The rank-by measure first (SPEC §8), then the gap, then the tie-break keys.
  if (rankMeasure === null) scoreColumn();
  else if (isScore(rankMeasure)) scoreColumn();
  else measureColumn(rankMeasure);
  if (primary) {
    const st = standings.get(primary)!;
    figures.push({ header: TRUST.gapHeader[lang], format: 'text', value: (i) => standingText(ctx, primary, st[i], lang) || null });
    for (const k of primary.award.tieBreak) measureColumn(k.measure);
  }
  if (s.score) {
    for (const c of s.score.components) {
      figures.push({ header: c.label[lang], format: 'number', value: (i) => num(res.score!.components.get(c.id)![i]) });
      for (const p of c.parts ?? []) {
        figures.push({ header: `${c.label[lang]}·${p.label[lang]}`, format: 'number', value: (i) => num(res.score!.components.get(p.id)![i]) });
      }
    }
    if (s.score.deductions.length) figures.push({ header: H.deductions[lang], format: 'number', value: (i) => num(res.score!.deducted[i]) || null });
    // The why states the period's score: it has its own column even when the ranking is by another measure.
    scoreColumn();
  }
  for (const c of s.ranking.columns) measureColumn(c);
  // Every figure a why states has its column: the measures of each running award's requirements…
  for (const o of res.awards) {
    if (o !== primary && !o.award.team) {
      if (!isScore(o.award.rankBy.measure)) measureColumn(o.award.rankBy.measure);
      for (const k of o.award.tieBreak) if (!isScore(k.measure)) measureColumn(k.measure);
    }
    for (const c of o.award.requirements) if (!c.each && !c.consecutive && !isScore(c.measure) && !isStars(c.measure)) requirementColumn(c.measure, c.label);
    // …and of its measure gates (the why names the gate's label).
    for (const id of o.award.gates) {
      const g = s.gates.find((x) => x.id === id);
      if (g?.kind === 'measure' && !isScore(g.measure) && !isStars(g.measure)) requirementColumn(g.measure, g.label);
    }
  }
  function requirementColumn(id: string, label: { zh: string; en: string } | undefined): void {
    const key = label ? `${id}\u0000${label[lang]}` : id;
    if (shown.has(id) && (!label || label[lang] === measureLabel(ctx, id, lang))) return;
    if (shown.has(key)) return;
    shown.add(key);
    const v = evalMeasure(ctx, id, res.period);
    const format = measureFormat(ctx.measures, id);
    figures.push({ header: label?.[lang] ?? measureLabel(ctx, id, lang), format, value: (i) => roundFor(format, v[i]) });
  }
  // …and the rank each other award's why states.
  const otherRanks = res.awards.filter((o) => o !== primary && o.scopes.some((sc) => sc.quotaFrom !== 'all'));
  for (const o of otherRanks) {
    const st = standings.get(o)!;
    figures.push({ header: fill(TRUST.rankOf[lang], { award: o.award.name[lang] }), format: 'integer', value: (i) => st[i].rank });
  }

  const header: Cell[] = [H.rank[lang], H.staffId[lang], H.name[lang], H.department[lang], H.group[lang], ...figures.map((f) => f.header)];
  const formats: ColumnFormat[] = ['integer', 'text', 'text', 'text', 'text', ...figures.map((f) => f.format)];
  if (s.stars) {
    header.push(H.stars[lang], H.starBonus[lang]);
    formats.push('stars', 'money');
  }
  header.push(H.eligible[lang], H.reasons[lang], H.awards[lang], H.why[lang]);
  formats.push('text', 'text', 'text', 'text');

  const index = explainIndex(res);
  index.awardNote = nearMissNote(res, lang);
  const payUpsOf = new Map<number, string[]>();
  for (const o of res.awards) {
    for (const p of o.payUps) {
      const l = payUpsOf.get(p.idx) ?? [];
      l.push(`${o.award.payUp!.name[lang]} ${formatFen(p.amountFen)}`);
      payUpsOf.set(p.idx, l);
    }
  }
  // Scope by scope; the eligible by rank; then the ineligible of the scope, best rank-by value first (rankingRowOrder).
  const rows = rankingRowOrder(res);
  let rankOf: (i: number) => number | null;
  if (primary) {
    const st = standings.get(primary)!;
    rankOf = (i) => st[i].rank;
  } else {
    rankOf = (i) => res.ranking.rank[i];
  }
  const multi = res.awards.length > 1;
  const out: Cell[][] = [header];
  for (const i of rows) {
    const st = ctx.staff[i];
    const row: Cell[] = [rankOf(i), st.id, st.name, st.department, st.group || st.department];
    for (const f of figures) row.push(f.value(i));
    if (s.stars) {
      const stars = res.stars!.stars[i];
      const present = presence(st, res.period) === 'ok';
      row.push(present && !Number.isNaN(stars) ? stars : null, present && !Number.isNaN(stars) ? fenToYuan(res.stars!.bonusFen[i]) : null);
    }
    const reasons: string[] = [];
    let eligible: boolean;
    if (res.awards.length) {
      eligible = res.awards.every((o) => o.entries[i].eligible);
      for (const o of res.awards) {
        const e = o.entries[i];
        if (e.eligible) continue;
        // The same words as the why (gate and requirement labels, values as the user reads them), never the codes.
        const text = e.reasons.map((r) => reasonText(ctx, o.award, r, lang, o.window.id)).join(lang === 'zh' ? '，' : ', ');
        reasons.push(multi ? `${o.award.name[lang]}${lang === 'zh' ? '：' : ': '}${text}` : text);
      }
    } else {
      const p = presence(st, res.period);
      eligible = p === 'ok';
      if (!eligible) reasons.push(fill((p === 'left' ? WHY.left : WHY.not_hired)[lang], { date: (p === 'left' ? st.leaveDate : st.hireDate) ?? '' }));
    }
    const won: string[] = [];
    for (const o of res.awards) {
      const e = o.entries[i];
      if (e.won) won.push(`${o.award.name[lang]}${e.amountFen > 0 ? ` ${formatFen(e.amountFen)}` : ''}${e.tie ? (lang === 'zh' ? '（并列）' : ' (tie)') : ''}`);
    }
    won.push(...(payUpsOf.get(i) ?? []));
    row.push(eligible ? YES[lang] : NO[lang], joinList(reasons, lang), won.join(lang === 'zh' ? '；' : '; '), explainPerson(res, i, lang, index));
    out.push(row);
  }
  return { name: tabName('ranking', res.period.id, lang), kind: 'ranking', rows: out, formats };
}

/**
 * Staff indices in the Ranking tab's row order: scope by scope; the eligible by rank,
 * then the rest of the scope (present first, best rank-by value first). Statements
 * (core/explain) follow the same order.
 */
export function rankingRowOrder(res: EngineResult): readonly number[] {
  // The Ranking tab and the statements both walk this order: sorted once per run.
  const key = 'output:rankingroworder';
  const hit = res.ctx.memo.get(key) as number[] | undefined;
  if (hit) return hit;
  const ctx = res.ctx;
  const primary = primaryAward(res);
  const order = staffOrder(res);
  // Each person's place in staff order, scope, rank and presence worked out once: the comparisons
  // (~140,000 at 10,000 people) then read numbers, not objects and strings.
  const pos = new Int32Array(ctx.n);
  order.forEach((i, k) => { pos[i] = k; });
  const scopeOf: string[] = new Array<string>(ctx.n);
  const rank = new Float64Array(ctx.n);
  const st = primary ? standingsOf(primary) : null;
  for (let i = 0; i < ctx.n; i++) {
    const p = ctx.staff[i];
    // The unranked last in their scope (a rank of +∞).
    const r = st ? st[i].rank : res.ranking.rank[i];
    scopeOf[i] = st ? st[i].scope : res.ranking.scope === 'company' ? '' : res.ranking.scope === 'department' ? p.department : p.group || p.department;
    rank[i] = r === null ? Infinity : r;
  }
  // Scopes by their names' order (as the strings compare), as small numbers.
  const names = [...new Set(scopeOf)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const scopeIndex = new Map(names.map((x, k) => [x, k]));
  const scope = new Int32Array(ctx.n);
  for (let i = 0; i < ctx.n; i++) scope[i] = scopeIndex.get(scopeOf[i])!;
  let sorted: number[];
  if (primary) {
    const cmp = rankComparator(primary.award);
    const present = new Uint8Array(ctx.n);
    for (let i = 0; i < ctx.n; i++) present[i] = rank[i] === Infinity && presence(ctx.staff[i], res.period) === 'ok' ? 1 : 0;
    sorted = [...order].sort((a, b) => {
      if (scope[a] !== scope[b]) return scope[a] - scope[b];
      if (rank[a] !== rank[b]) return rank[a] < rank[b] ? -1 : 1;
      if (rank[a] === Infinity) {
        if (present[a] !== present[b]) return present[a] ? -1 : 1;
        const c = cmp(primary.entries[a], primary.entries[b]);
        if (c) return c;
      }
      return pos[a] - pos[b];
    });
  } else {
    sorted = [...order].sort((a, b) => scope[a] - scope[b] || (rank[a] !== rank[b] ? (rank[a] < rank[b] ? -1 : 1) : pos[a] - pos[b]));
  }
  res.ctx.memo.set(key, sorted);
  return sorted;
}
