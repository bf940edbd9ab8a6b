/**
 * Words for where a person stands (SPEC §8): the Ranking tab's result / gap
 * column (`获奖`, `差 3（微笑卡）`) and its header labels. The figures come from
 * core/engine/standing; this file only says them in zh or en.
 */
import type { Lang } from '../types';
import type { AwardOutcome } from '../engine/awards';
import type { Ctx } from '../engine/context';
import { standingsOf, type Gap, type Standing } from '../engine/standing';
import type { EngineResult } from '../engine/compute';
import { numText } from '../engine/gates';
import { fill, scopeLabel, type L } from './labels';

export const TRUST = {
  gapHeader: { zh: '获奖 / 差距', en: 'Result / gap' },
  rankOf: { zh: '名次（{award}）', en: 'Rank ({award})' },
  won: { zh: '获奖', en: 'Winner' },
  wonTie: { zh: '并列获奖', en: 'Winner (tie)' },
  gap: { zh: '差 {n}（{measure}）', en: '{n} short ({measure})' },
  gapAsc: { zh: '差 {n}（{measure}）', en: '{n} over ({measure})' },
  gapTie: { zh: '“{rank}”相同，差 {n}（{measure}）', en: 'level on {rank}, {n} short ({measure})' },
  gapTieAsc: { zh: '“{rank}”相同，差 {n}（{measure}）', en: 'level on {rank}, {n} over ({measure})' },
  gapTieUnknown: { zh: '“{rank}”相同，按“{measure}”未进入名额', en: 'level on {rank}, behind on {measure}' },
} satisfies Record<string, L>;

/** Header of the period's score when the scheme has no score measure to name it. */
export const SCORE_TOTAL: L = { zh: '总分', en: 'Score' };

export function measureLabel(ctx: Ctx, id: string, lang: Lang): string {
  return ctx.measures.get(id)?.label[lang] ?? id;
}

/** The gap in words: `差 3（微笑卡）` / `3 short (Smile cards)`. */
export function gapText(ctx: Ctx, o: AwardOutcome, gap: Gap, lang: Lang): string {
  const a = o.award;
  const measure = measureLabel(ctx, gap.measure, lang);
  if (gap.tieBreak === null) {
    return fill((a.rankBy.order === 'asc' ? TRUST.gapAsc : TRUST.gap)[lang], { n: numText(gap.amount), measure });
  }
  const rank = measureLabel(ctx, a.rankBy.measure, lang);
  if (Number.isNaN(gap.amount)) return fill(TRUST.gapTieUnknown[lang], { rank, measure });
  const asc = a.tieBreak[gap.tieBreak].order === 'asc';
  return fill((asc ? TRUST.gapTieAsc : TRUST.gapTie)[lang], { rank, n: numText(gap.amount), measure });
}

/** The result / gap cell: winners marked, the gap for eligible non-winners, empty otherwise. */
export function standingText(ctx: Ctx, o: AwardOutcome, st: Standing, lang: Lang): string {
  if (st.won) return (st.tie ? TRUST.wonTie : TRUST.won)[lang];
  return st.gap ? gapText(ctx, o, st.gap, lang) : '';
}

/** An eligible person who did not win, near the last winning place (the sidebar's and task pane's list). */
export interface RunnerUpLine {
  award: string;
  awardName: { zh: string; en: string };
  /** Scope as in `--json` awards ('company' for company-wide) and as the user reads it. */
  scope: string;
  scopeName: { zh: string; en: string };
  staffId: string;
  name: string;
  /** Rank among the eligible of the scope (the rank the why states). */
  rank: number;
  /** `差 3（微笑卡）` / `3 short (Smile cards)`. */
  gap: { zh: string; en: string };
}

/**
 * Per scope of each individual award that ran, the first `perScope` eligible
 * non-winners by rank, with their gap: plain JSON for the summaries (it crosses
 * the worker and google.script.run boundaries).
 */
export function runnersUp(res: EngineResult, perScope = 2): RunnerUpLine[] {
  const out: RunnerUpLine[] = [];
  const ctx = res.ctx;
  for (const o of res.awards) {
    if (o.award.team) continue;
    const st = standingsOf(o);
    const byScope = new Map<string, number[]>();
    st.forEach((s, i) => {
      if (!s.gap || s.rank === null) return;
      const l = byScope.get(s.scope);
      if (l) l.push(i);
      else byScope.set(s.scope, [i]);
    });
    for (const scope of [...byScope.keys()].sort()) {
      const list = byScope.get(scope)!.sort((a, b) => st[a].rank! - st[b].rank! || (ctx.staff[a].key < ctx.staff[b].key ? -1 : 1)).slice(0, perScope);
      for (const i of list) {
        out.push({
          award: o.award.id, awardName: { ...o.award.name },
          scope: scope || 'company', scopeName: { zh: scopeLabel(scope || 'company', 'zh'), en: scopeLabel(scope || 'company', 'en') },
          staffId: ctx.staff[i].id, name: ctx.staff[i].name, rank: st[i].rank!,
          gap: { zh: gapText(ctx, o, st[i].gap!, 'zh'), en: gapText(ctx, o, st[i].gap!, 'en') },
        });
      }
    }
  }
  return out;
}
