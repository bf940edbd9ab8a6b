/**
 * Per-person statements (SPEC §9): every figure of a person with its breakdown
 * and the input rows behind it, each gate passed or failed with its value, each
 * award (rank, quota, result, amount, extras — the Ranking tab's own sentence,
 * near miss included), payments as a superior, penalties with their windows and
 * rows, points. One model, rendered as the Statements tab (statements-tab.ts),
 * as text (`service-star explain`) and as HTML pages (`service-star statements`).
 */
import type { Lang } from '../types';
import type { EngineResult } from '../engine/compute';
import type { AwardOutcome, ScopeOutcome } from '../engine/awards';
import { explainAward, explainIndex, explainPenalty, reasonText, who, type ExplainIndex } from '../engine/explain';
import { checkGate, checkCondition, numText } from '../engine/gates';
import { presence } from '../engine/context';
import { formatFen } from '../money';
import { fill, OPS, WHY } from '../output/labels';
import { rankingRowOrder } from '../output/ranking';
import { breakdownOf, rowsBehind, RowList, type Breakdown } from './rows';
import { nearMissesByPerson, type NearMiss } from './near-misses';
import { nearMissNote } from './text';
import { STATEMENT } from './labels';

const NONE: readonly NearMiss[] = [];

export type StatementSection = 'figure' | 'score' | 'gate' | 'award' | 'payup' | 'penalty' | 'points' | 'appeal';

export interface StatementLine {
  section: StatementSection;
  /** What the line is about (a measure, gate, award, penalty), in the statement's language. */
  label: string;
  /** The figure or result as shown. */
  value: string;
  /** The breakdown or the sentence. */
  detail: string;
  /** Every input row behind it (renderers show the first ten, then "and N more"). */
  rows: RowList;
  /** For figures: the breakdown the detail was written from (for checks). */
  breakdown?: Breakdown;
}

export interface Statement {
  idx: number;
  staffId: string;
  name: string;
  department: string;
  group: string;
  /** `张伟（S01）` / `Zhang Wei (S01)`. */
  title: string;
  period: string;
  lines: StatementLine[];
}

/** Rows a statement lists per line before "and N more". */
export const STATEMENT_ROWS = 10;

function num(v: number): string {
  return Number.isNaN(v) ? '' : numText(v);
}

/** `微笑卡 25 = 超越 9 × 2 + 达到 7 × 1`, `愤怒卡 3 = 回访愤怒卡 2 + 记录愤怒卡 1`. */
export function breakdownText(b: Breakdown, lang: Lang): string {
  const head = `${b.label[lang]} ${Number.isNaN(b.value) ? WHY.no_value[lang] : num(b.value)}`;
  if (Number.isNaN(b.value)) return head;
  const term = (t: Breakdown['terms'][number]) =>
    t.rowCount ? `${t.count} ${t.label[lang]}`
    : t.count !== null && t.each !== null
      ? (t.label[lang] === String(t.each) ? `${t.count} × ${num(t.each)}` : `${t.label[lang]} ${t.count} × ${num(t.each)}`)
      : `${t.label[lang]} ${num(t.value)}`;
  const scale = b.scale !== 1 ? ` × ${num(b.scale)}` : '';
  switch (b.op) {
    case 'sum': {
      if (b.terms.length === 0) return `${head} = 0`;
      const body = b.terms.map(term).join(' + ');
      return `${head} = ${scale && b.terms.length > 1 ? `(${body})` : body}${scale}`;
    }
    case 'mean': {
      if (b.terms.length === 0) return head;
      return `${head} = (${b.terms.map(term).join(' + ')}) ÷ ${b.count}${scale}`;
    }
    case 'difference': return b.terms.length === 2 ? `${head} = ${term(b.terms[0])} − ${term(b.terms[1])}` : head;
    case 'ratio': return b.terms.length === 2 ? `${head} = ${term(b.terms[0])} ÷ ${term(b.terms[1])}` : head;
    default: return head;
  }
}

/** The measures a statement shows as figures: the ranking columns, then each award's rank-by, tie-breaks, requirements and gates. */
function figureMeasures(res: EngineResult): string[] {
  const ctx = res.ctx;
  const ids: string[] = [];
  const add = (id: string | null | undefined) => {
    if (!id || ids.includes(id)) return;
    const m = ctx.measures.get(id);
    if (!m || m.kind === 'score' || m.kind === 'stars') return;
    ids.push(id);
  };
  add(res.ranking.measure);
  for (const c of ctx.scheme.ranking.columns) add(c);
  for (const o of res.awards) {
    add(o.award.rankBy.measure);
    for (const k of o.award.tieBreak) add(k.measure);
    for (const c of o.award.requirements) add(c.measure);
    for (const gid of o.award.gates) {
      const g = ctx.scheme.gates.find((x) => x.id === gid);
      if (g?.kind === 'measure') add(g.measure);
    }
  }
  return ids;
}

/** What a statement needs once per run (figure list, explain index with near misses). */
export interface StatementContext {
  res: EngineResult;
  lang: Lang;
  figures: string[];
  index: ExplainIndex;
  /** A person's appeals in words (core/appeals personAppeals), by staff id as written; none when the run has no Appeals tab. */
  appeals: PersonAppeals;
  /** The measures behind the score's components (its line's rows), in component order. */
  scoreMeasures: string[];
  /** Each award's scopes by name (looked up once per person per award). */
  scopes: Map<AwardOutcome, Map<string, ScopeOutcome>>;
}

/** Award `o`'s outcome in scope `scope` (as o.scopes.find, by a map made once per run). */
function scopeOutcome(sc: StatementContext, o: AwardOutcome, scope: string): ScopeOutcome | undefined {
  let byName = sc.scopes.get(o);
  if (!byName) {
    byName = new Map();
    // The first of equal names, as find would.
    for (const x of o.scopes) if (!byName.has(x.scope)) byName.set(x.scope, x);
    sc.scopes.set(o, byName);
  }
  return byName.get(scope);
}

/** A person's appeals as sentences in the statement's language (SPEC §9 "appeals"). */
export type PersonAppeals = (staffId: string) => string[];

const NO_APPEALS: PersonAppeals = () => [];

export function statementContext(res: EngineResult, lang: Lang, appeals: PersonAppeals = NO_APPEALS): StatementContext {
  const index = explainIndex(res);
  index.awardNote = nearMissNote(res, lang);
  const comps = res.ctx.scheme.score?.components ?? [];
  const scoreMeasures = comps.flatMap((c) => [c.measure, ...(c.parts ?? []).map((p) => p.measure)]).filter((m): m is string => !!m);
  return { res, lang, figures: figureMeasures(res), index, appeals, scopes: new Map(), scoreMeasures };
}

/** The statement of person `i`. */
export function statementOf(sc: StatementContext, i: number): Statement {
  const sc0 = sc;
  const { res, lang, index } = sc;
  const ctx = res.ctx;
  const s = ctx.staff[i];
  const w = res.period;
  const lines: StatementLine[] = [];
  const present = presence(s, w) === 'ok';
  const nearMisses = nearMissesByPerson(res).get(i);

  for (const id of sc.figures) {
    const b = breakdownOf(ctx, id, w, i);
    lines.push({ section: 'figure', label: b.label[lang], value: num(b.value) || WHY.no_value[lang], detail: breakdownText(b, lang), rows: b.rows, breakdown: b });
  }
  if (res.score) {
    const t = res.score.total[i];
    const comps = ctx.scheme.score!.components;
    const parts = comps.map((c) => {
      const v = res.score!.components.get(c.id)?.[i] ?? NaN;
      return fill(STATEMENT.component[lang], { label: c.label[lang], value: Number.isNaN(v) ? WHY.no_value[lang] : numText(v), weight: c.weight });
    });
    const d = res.score.deducted[i];
    if (d > 0) parts.push(fill(WHY.score_deducted[lang], { points: numText(d) }).replace(/^[,，]\s*/, ''));
    const rows = RowList.chain(sc.scoreMeasures.map((m) => rowsBehind(ctx, m, w, i)));
    lines.push({
      section: 'score', label: STATEMENT.score[lang], value: Number.isNaN(t) ? WHY.no_value[lang] : t.toFixed(2),
      detail: parts.join(lang === 'zh' ? '；' : '; '), rows,
    });
    if (res.stars && present && !Number.isNaN(res.stars.stars[i])) {
      lines.push({ section: 'score', label: STATEMENT.stars[lang], value: String(res.stars.stars[i]), detail: fill(STATEMENT.star_bonus[lang], { bonus: formatFen(res.stars.bonusFen[i]) }), rows: RowList.EMPTY });
    }
  }

  // Gates: each once (an award's gates are checked in the award's window, the period).
  // A scheme has a few gates: a list, and none made for a scheme without any.
  const seen: string[] = [];
  for (const o of res.awards) {
    for (const gid of o.award.gates) {
      if (seen.includes(gid)) continue;
      seen.push(gid);
      const g = ctx.scheme.gates.find((x) => x.id === gid);
      if (!g || !g.enabled) continue;
      const r = present ? checkGate(ctx, g, o.window, i) : null;
      let value = r ? STATEMENT.failed[lang] : STATEMENT.passed[lang];
      let detail = '';
      let rows = RowList.EMPTY;
      if (!present) value = STATEMENT.not_checked[lang];
      // A near miss on the gate names its rows; else a measure gate's rows.
      const nm = r ? nearMisses?.find((x) => x.reason === r || (x.reason?.ref === r.ref && x.kind === 'gate')) : undefined;
      if (g.kind === 'measure') {
        const chk = checkCondition(ctx, { measure: g.measure, op: g.op, value: g.value }, o.window, i);
        detail = fill(STATEMENT.condition[lang], { label: ctx.measures.get(g.measure)?.label[lang] ?? g.measure, value: num(chk.value) || WHY.no_value[lang], op: OPS[g.op][lang], threshold: num(chk.rhs) });
        if (!nm) rows = rowsBehind(ctx, g.measure, o.window, i);
      } else if (r) {
        detail = reasonText(ctx, o.award, r, lang, o.window.id);
      }
      if (nm) rows = nm.rows;
      lines.push({ section: 'gate', label: g.label[lang], value, detail, rows });
    }
  }
  for (const o of res.awards) {
    const e = o.entries[i];
    const a = o.award;
    const sc = scopeOutcome(sc0, o, e.scope);
    const value = e.won
      ? fill(STATEMENT.won[lang], { amount: formatFen(e.amountFen) })
      : !e.eligible ? STATEMENT.not_eligible[lang] : STATEMENT.not_won[lang];
    const facts = fill(STATEMENT.award_facts[lang], { rank: e.rank ?? '—', quota: sc?.quota ?? '—' });
    let nm: NearMiss | undefined;
    for (const x of nearMisses ?? NONE) if (x.outcome === o) { nm = x; break; }
    lines.push({ section: 'award', label: a.name[lang], value, detail: `${facts} ${explainAward(res, o, i, lang, index)}`, rows: nm?.rows ?? RowList.EMPTY });
  }
  for (const { o, p } of index.payUps.get(i) ?? []) {
    lines.push({
      section: 'payup', label: o.award.payUp!.name[lang], value: formatFen(p.amountFen),
      detail: fill(WHY.payup[lang], { winner: who(ctx, p.winner, lang), level: p.level, award: o.award.payUp!.name[lang], amount: formatFen(p.amountFen) }), rows: RowList.EMPTY,
    });
  }
  for (const h of index.penalties.get(i) ?? []) {
    lines.push({
      section: 'penalty', label: h.penalty.label[lang], value: h.window.id, detail: explainPenalty(res, h, lang),
      rows: rowsBehind(ctx, h.penalty.when.measure, h.window, i),
    });
  }
  const ledger = res.ledger?.lines.find((l) => l.idx === i);
  if (ledger) {
    const rules = ctx.scheme.points?.rules ?? [];
    const parts = [...ledger.byRule].filter(([, v]) => v !== 0).map(([id, v]) => {
      const label = rules.find((r) => r.id === id)?.label[lang]
        ?? ctx.scheme.penalties.find((p) => `penalty:${p.id}` === id)?.label[lang] ?? STATEMENT.points[lang];
      return `${label} ${numText(v)}`;
    });
    const rows = RowList.chain(rules.filter((r) => r.to === 'self').map((r) => rowsBehind(ctx, r.measure, w, i)));
    lines.push({
      section: 'points', label: STATEMENT.points[lang], value: numText(ledger.earned),
      detail: fill(STATEMENT.points_detail[lang], { parts: parts.join(' + ') || '0', redeemed: numText(ledger.redeemed), balance: numText(ledger.balance) }), rows,
    });
  }
  // Appeals (SPEC §10): the person's appeals (filed by them or putting their result at stake), with status and alternative.
  for (const text of sc.appeals(s.id)) lines.push({ section: 'appeal', label: STATEMENT.appeal[lang], value: '', detail: text, rows: RowList.EMPTY });
  return {
    idx: i, staffId: s.id, name: s.name, department: s.department, group: s.group || s.department,
    title: who(ctx, i, lang), period: w.id, lines,
  };
}

/** Everyone's statements in scope order (the Ranking tab's order: scope, rank, staff id). */
export function statementsOf(res: EngineResult, lang: Lang, appeals: PersonAppeals = NO_APPEALS): Statement[] {
  return [...eachStatement(res, lang, appeals)];
}

/**
 * The same statements one at a time, each made when asked for: the Statements tab
 * keeps only its rows, so a statement's lines and breakdowns are dropped as soon
 * as its block is written (at size L, most of their cost was keeping them).
 */
export function* eachStatement(res: EngineResult, lang: Lang, appeals: PersonAppeals = NO_APPEALS): Generator<Statement> {
  const sc = statementContext(res, lang, appeals);
  for (const i of scopeOrder(res)) yield statementOf(sc, i);
}

/** Staff indices in the Ranking tab's order (core/output/ranking's rankingRowOrder). */
export function scopeOrder(res: EngineResult): readonly number[] {
  return rankingRowOrder(res);
}
