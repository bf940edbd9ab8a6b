/**
 * Words for where a person stands (SPEC §8): the Ranking tab's result / gap
 * column (`获奖`, `差 3（微笑卡）`) and its header labels. The figures come from
 * core/engine/standing; this file only says them in zh or en.
 */
import type { Lang } from '../types';
import type { AwardOutcome } from '../engine/awards';
import type { Ctx } from '../engine/context';
import type { Gap, Standing } from '../engine/standing';
import { numText } from '../engine/gates';
import { fill, type L } from './labels';

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
