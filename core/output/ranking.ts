/**
 * The Ranking tab (SPEC §5): one row per person — rank (standard competition,
 * 1, 2, 2, 4, within the scheme's ranking scope), staff, department, group, every
 * score component, total, stars, eligible, reasons, awards and the plain-language why.
 */
import type { Cell, ColumnFormat, Lang, OutputTab } from '../types';
import type { EngineResult } from '../engine/compute';
import { explainIndex, explainPerson, reasonText } from '../engine/explain';
import { evalMeasure } from '../engine/measures';
import { presence } from '../engine/context';
import { fenToYuan, formatFen } from '../money';
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

export function buildRankingTab(res: EngineResult, lang: Lang): OutputTab {
  const ctx = res.ctx;
  const s = ctx.scheme;
  const header: Cell[] = [H.rank[lang], H.staffId[lang], H.name[lang], H.department[lang], H.group[lang]];
  const formats: ColumnFormat[] = ['integer', 'text', 'text', 'text', 'text'];
  const compCols: { id: string }[] = [];
  if (s.score) {
    for (const c of s.score.components) {
      compCols.push({ id: c.id });
      header.push(c.label[lang]);
      formats.push('number');
      for (const p of c.parts ?? []) {
        compCols.push({ id: p.id });
        header.push(`${c.label[lang]}·${p.label[lang]}`);
        formats.push('number');
      }
    }
    if (s.score.deductions.length) {
      header.push(H.deductions[lang]);
      formats.push('number');
    }
  }
  const rankMeasure = res.ranking.measure;
  const extra = s.ranking.columns.filter((c) => c !== rankMeasure);
  for (const c of extra) {
    header.push(ctx.measures.get(c)?.label[lang] ?? c);
    formats.push('number');
  }
  const totalLabel = rankMeasure ? ctx.measures.get(rankMeasure)?.label[lang] ?? rankMeasure : H.total[lang];
  header.push(totalLabel);
  formats.push('number');
  if (s.stars) {
    header.push(H.stars[lang], H.starBonus[lang]);
    formats.push('stars', 'money');
  }
  header.push(H.eligible[lang], H.reasons[lang], H.awards[lang], H.why[lang]);
  formats.push('text', 'text', 'text', 'text');

  const extraVecs = extra.map((c) => evalMeasure(ctx, c, res.period));
  const index = explainIndex(res);
  const payUpsOf = new Map<number, string[]>();
  for (const o of res.awards) {
    for (const p of o.payUps) {
      const l = payUpsOf.get(p.idx) ?? [];
      l.push(`${o.award.payUp!.name[lang]} ${formatFen(p.amountFen)}`);
      payUpsOf.set(p.idx, l);
    }
  }
  const scopeOf = (i: number) => {
    const st = ctx.staff[i];
    return res.ranking.scope === 'company' ? '' : res.ranking.scope === 'department' ? st.department : st.group || st.department;
  };
  const order = staffOrder(res);
  const pos = new Map(order.map((i, k) => [i, k]));
  const rows = [...order].sort((a, b) => {
    const sa = scopeOf(a);
    const sb = scopeOf(b);
    if (sa !== sb) return sa < sb ? -1 : 1;
    const ra = res.ranking.rank[a];
    const rb = res.ranking.rank[b];
    if (ra !== rb) return ra === null ? 1 : rb === null ? -1 : ra - rb;
    return pos.get(a)! - pos.get(b)!;
  });
  const multi = res.awards.length > 1;
  const out: Cell[][] = [header];
  for (const i of rows) {
    const st = ctx.staff[i];
    const row: Cell[] = [res.ranking.rank[i], st.id, st.name, st.department, st.group || st.department];
    if (s.score) {
      for (const c of compCols) row.push(num(res.score!.components.get(c.id)![i]));
      if (s.score.deductions.length) row.push(num(res.score!.deducted[i]) || null);
    }
    for (const v of extraVecs) row.push(num(v[i]));
    row.push(num(res.ranking.value[i]));
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
