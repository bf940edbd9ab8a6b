/**
 * Near misses in words (SPEC §9) for the Ranking tab's *why*, the statements and
 * the summary's "差一点：…" line, and as `--json` `near_misses` lines.
 */
import type { Lang, NearMissLine } from '../types';
import { fill, SCOPE_COMPANY } from '../output/labels';
import { numText } from '../engine/gates';
import { reasonText, who } from '../engine/explain';
import type { Ctx } from '../engine/context';
import type { EngineResult } from '../engine/compute';
import type { AwardEntry, AwardOutcome } from '../engine/awards';
import { NEAR } from './labels';
import type { RowList } from './rows';
import { nearMissesByPerson, nearMissesOf, type NearMiss } from './near-misses';

/** Rows listed in a sentence before "and N more". */
const SENTENCE_ROWS = 3;

function measureLabel(ctx: Ctx, id: string, lang: Lang): string {
  return ctx.measures.get(id)?.label[lang] ?? ctx.scheme.gates.find((g) => g.id === id)?.label[lang] ?? id;
}

function scopeText(scope: string, lang: Lang): string {
  if (scope === '') return SCOPE_COMPANY[lang];
  return lang === 'zh' ? `“${scope}”` : scope;
}

/** `客户反馈 第 12 行、第 15 行 等 3 行` — the first rows, then how many more. */
export function rowsText(rows: RowList, lang: Lang, limit = SENTENCE_ROWS): string {
  if (rows.length === 0) return '';
  const shown = rows.texts(limit, lang).join(lang === 'zh' ? '、' : ', ');
  const more = rows.length > limit ? fill(NEAR.more[lang], { n: rows.length - limit }) : '';
  return shown + more;
}

/**
 * One near miss as a clause (no final full stop). `brief` leaves out what the
 * sentence it follows already said (the reason, the tie-break), for the *why*.
 */
export function nearMissText(ctx: Ctx, nm: NearMiss, lang: Lang, brief = false): string {
  if (nm.kind === 'rank') {
    const vals = {
      measure: measureLabel(ctx, nm.measure, lang), rankMeasure: measureLabel(ctx, nm.outcome.award.rankBy.measure, lang),
      gap: numText(nm.gap), value: numText(nm.value), target: numText(nm.target),
    };
    const t = nm.tieBreak ? (brief ? NEAR.rank_tie_brief : NEAR.rank_tie) : brief ? NEAR.rank_brief : NEAR.rank;
    return fill(t[lang], vals);
  }
  const rows = rowsText(nm.rows, lang);
  const vals = {
    what: brief ? '' : reasonText(ctx, nm.outcome.award, nm.reason!, lang, nm.outcome.window.id),
    rows: rows ? fill(NEAR.rows[lang], { rows }) : '', scope: scopeText(nm.scope, lang), rank: nm.wouldRank ?? '', quota: nm.quota,
  };
  return fill((brief ? NEAR.relaxed_brief : NEAR.relaxed)[lang], vals);
}

/** The *why* addition for one award entry: its near miss, if any (the hook of core/engine/explain). */
export function nearMissNote(res: EngineResult, lang: Lang): (o: AwardOutcome, e: AwardEntry) => string {
  const byPerson = nearMissesByPerson(res);
  return (o, e) => {
    const nm = byPerson.get(e.idx)?.find((x) => x.outcome === o);
    if (!nm) return '';
    return (lang === 'zh' ? '；差一点：' : '; near miss: ') + nearMissText(res.ctx, nm, lang, true);
  };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The `--json` `near_misses` lines. */
export function nearMissLines(res: EngineResult): NearMissLine[] {
  const ctx = res.ctx;
  return nearMissesOf(res).map((nm) => ({
    staff_id: ctx.staff[nm.idx].id,
    award: nm.outcome.award.id,
    scope: nm.scope || 'company',
    kind: nm.kind,
    measure: nm.measure,
    value: round2(nm.value),
    target: round2(nm.target),
    gap: round2(nm.gap),
    rows: nm.rows.jsonRefs(),
  }));
}

/** A near miss for the summary: who, which award, the sentence in both languages. */
export interface NearMissBrief {
  award: string;
  staffId: string;
  kind: NearMiss['kind'];
  gap: number;
  text: { zh: string; en: string };
}

/** How many near misses per award the summary shows. */
export const SUMMARY_PER_AWARD = 3;

/**
 * The closest near misses per award, for the summary: people kept out by one
 * condition first (they would have placed), then the smallest gaps; staff id breaks ties.
 */
export function closestNearMisses(res: EngineResult, perAward = SUMMARY_PER_AWARD): NearMissBrief[] {
  const ctx = res.ctx;
  const out: NearMissBrief[] = [];
  for (const o of res.awards) {
    const list = nearMissesOf(res).filter((x) => x.outcome === o);
    list.sort((x, y) => (x.kind === 'rank' ? 1 : 0) - (y.kind === 'rank' ? 1 : 0) || x.gap - y.gap
      || (ctx.staff[x.idx].key < ctx.staff[y.idx].key ? -1 : ctx.staff[x.idx].key > ctx.staff[y.idx].key ? 1 : 0));
    for (const nm of list.slice(0, perAward)) {
      const line = (lang: Lang) => `${o.award.name[lang]} · ${who(ctx, nm.idx, lang)}${lang === 'zh' ? '：' : ': '}${nearMissText(ctx, nm, lang)}`;
      out.push({ award: o.award.id, staffId: ctx.staff[nm.idx].id, kind: nm.kind, gap: round2(nm.gap), text: { zh: line('zh'), en: line('en') } });
    }
  }
  return out;
}
