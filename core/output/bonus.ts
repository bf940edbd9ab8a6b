/**
 * The Bonus tab (SPEC §5): one row per payment (award, manager award, star
 * bonus), one per fine with the fund it goes to, then per-award totals against
 * the budget with what is unspent, fund totals, and the net per person.
 */
import type { Cell, ColumnFormat, Lang, OutputTab } from '../types';
import type { EngineResult } from '../engine/compute';
import { extrasText } from '../engine/explain';
import { presence } from '../engine/context';
import { fenToYuan } from '../money';
import { awardBudgetFen } from '../engine/awards';
import { BONUS_KIND, H, actionLabel, tabName } from './labels';
import { staffOrder } from './ranking';

export interface Payment {
  idx: number;
  kind: 'award' | 'payup' | 'stars';
  award: string;
  amountFen: number;
  /** For a manager award: the winner it is for, and how many levels up. */
  winner?: number;
  level?: number;
}

/** Every payment of the run, in output order (awards in scheme order, scope, rank, staff; then stars by staff). */
export function payments(res: EngineResult): Payment[] {
  const out: Payment[] = [];
  const order = staffOrder(res);
  const pos = new Map(order.map((i, k) => [i, k]));
  for (const o of res.awards) {
    const winners = o.entries.filter((e) => e.won).sort((a, b) =>
      (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0) || (a.rank ?? 0) - (b.rank ?? 0) || pos.get(a.idx)! - pos.get(b.idx)!);
    for (const e of winners) out.push({ idx: e.idx, kind: 'award', award: o.award.id, amountFen: e.amountFen });
    if (o.award.payUp) {
      const wpos = new Map(winners.map((e, k) => [e.idx, k]));
      const ups = [...o.payUps].sort((a, b) => wpos.get(a.winner)! - wpos.get(b.winner)! || a.level - b.level);
      for (const p of ups) out.push({ idx: p.idx, kind: 'payup', award: o.award.payUp.award, amountFen: p.amountFen, winner: p.winner, level: p.level });
    }
  }
  if (res.stars) {
    for (const i of order) {
      if (presence(res.ctx.staff[i], res.period) !== 'ok') continue;
      const f = res.stars.bonusFen[i];
      if (!Number.isNaN(res.stars.stars[i]) && f > 0) out.push({ idx: i, kind: 'stars', award: 'stars', amountFen: f });
    }
  }
  return out;
}

export function buildBonusTab(res: EngineResult, lang: Lang): OutputTab {
  const ctx = res.ctx;
  const header: Cell[] = [H.kind[lang], H.staffId[lang], H.name[lang], H.department[lang], H.item[lang], H.window[lang], H.rank[lang], H.amount[lang], H.budget[lang], H.unspent[lang], H.extras[lang], H.note[lang]];
  const formats: ColumnFormat[] = ['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'money', 'money', 'money', 'text', 'text'];
  const rows: Cell[][] = [header];
  const net = new Map<number, number>();
  const addNet = (i: number, f: number) => net.set(i, (net.get(i) ?? 0) + f);
  const person = (i: number): Cell[] => [ctx.staff[i].id, ctx.staff[i].name, ctx.staff[i].department];
  const awardById = new Map(res.awards.map((o) => [o.award.id, o]));
  const payUpOwner = new Map(res.awards.filter((o) => o.award.payUp).map((o) => [o.award.payUp!.award, o]));

  for (const p of payments(res)) {
    addNet(p.idx, p.amountFen);
    if (p.kind === 'award') {
      const o = awardById.get(p.award)!;
      const e = o.entries[p.idx];
      const note = e.tie ? (lang === 'zh' ? '并列' : 'tie') : '';
      rows.push([BONUS_KIND.award[lang], ...person(p.idx), o.award.name[lang], res.period.id, e.rank, fenToYuan(p.amountFen), null, null, extrasText(o.award, lang), note]);
    } else if (p.kind === 'payup') {
      const o = payUpOwner.get(p.award)!;
      const w = ctx.staff[p.winner!];
      const note = lang === 'zh' ? `获奖者 ${w.name}（${w.id}）的第 ${p.level} 级上级` : `level-${p.level} superior of winner ${w.name} (${w.id})`;
      rows.push([BONUS_KIND.payup[lang], ...person(p.idx), o.award.payUp!.name[lang], res.period.id, o.entries[p.winner!].rank, fenToYuan(p.amountFen), null, null, '', note]);
    } else {
      // The item is the name its total row uses; the stars go in the note (SPEC §8: the row and its total agree).
      const n = res.stars!.stars[p.idx];
      rows.push([BONUS_KIND.stars[lang], ...person(p.idx), H.starBonus[lang], res.period.id, null, fenToYuan(p.amountFen), null, null, '', lang === 'zh' ? `${n} 星` : `${n} star${n === 1 ? '' : 's'}`]);
    }
  }

  const funds = new Map<string, { label: string; fen: number }>();
  for (const h of res.penalties) {
    if (h.amountFen === 0) continue;
    addNet(h.idx, -h.amountFen);
    const fund = h.penalty.fund?.[lang] ?? '';
    const f = funds.get(fund) ?? { label: fund, fen: 0 };
    f.fen += h.amountFen;
    funds.set(fund, f);
    rows.push([BONUS_KIND.fine[lang], ...person(h.idx), `${h.penalty.label[lang]}（${actionLabel(h.penalty.action, lang)}）`.replace('（', lang === 'zh' ? '（' : ' (').replace('）', lang === 'zh' ? '）' : ')'), h.window.id, null, fenToYuan(-h.amountFen), null, null, '', fund]);
  }

  if (rows.length > 1 && (res.awards.length || res.stars || funds.size)) rows.push([]);
  for (const o of res.awards) {
    const paid = o.entries.reduce((a, e) => a + (e.won ? e.amountFen : 0), 0);
    const budget = awardBudgetFen(o);
    const winners = o.scopes.reduce((a, s) => a + s.winners, 0);
    const quota = o.scopes.reduce((a, s) => a + s.quota, 0);
    const note = lang === 'zh' ? `获奖 ${winners} 人，名额 ${quota}` : `${winners} winner${winners === 1 ? '' : 's'}, quota ${quota}`;
    rows.push([BONUS_KIND.total[lang], null, null, null, o.award.name[lang], res.period.id, null, fenToYuan(paid), budget === null ? null : fenToYuan(budget), budget === null ? null : fenToYuan(budget - paid), '', note]);
    if (o.award.payUp) {
      const up = o.payUps.reduce((a, p) => a + p.amountFen, 0);
      rows.push([BONUS_KIND.total[lang], null, null, null, o.award.payUp.name[lang], res.period.id, null, fenToYuan(up), null, null, '', '']);
    }
  }
  if (res.stars) {
    const total = payments(res).filter((p) => p.kind === 'stars').reduce((a, p) => a + p.amountFen, 0);
    rows.push([BONUS_KIND.total[lang], null, null, null, H.starBonus[lang], res.period.id, null, fenToYuan(total), null, null, '', '']);
  }
  for (const f of [...funds.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))) {
    rows.push([BONUS_KIND.fund[lang], null, null, null, f.label, res.period.id, null, fenToYuan(f.fen), null, null, '', '']);
  }
  const order = staffOrder(res).filter((i) => net.has(i));
  if (order.length) rows.push([]);
  for (const i of order) rows.push([BONUS_KIND.net[lang], ...person(i), '', res.period.id, null, fenToYuan(net.get(i)!), null, null, '', '']);
  return { name: tabName('bonus', res.period.id, lang), kind: 'bonus', rows, formats };
}
