/**
 * The `--json` result object (SPEC §7), exactly: amounts in yuan as numbers from
 * fen (800, 1333.34), every list sorted stably (awards in scheme order, then
 * scope, rank, staff id; per-person lists by window then staff id).
 *
 * - `awards` lists every winner, zero-cash certificates included; a payment up the
 *   manager chain is a line of its pay-up award (e.g. `service_star_manager`) with
 *   the winner's scope, rank and tie, once per winner and level.
 * - `totals.paid` is all money paid: award and pay-up lines plus star bonuses;
 *   `totals.by_award` has one key per award that ran (and its pay-up award), 0 when
 *   nothing was paid. Fines are not payments (they are `penalties[].amount`).
 * - `ineligible` lists, per award that ran, everyone who was not eligible, with the
 *   reason codes (gate ids, requirement reasons, `left`, `not_hired`,
 *   `not_candidate`, `no_data`).
 */
import type { Diagnostic, Lang, ResultJson } from '../types';
import type { EngineResult } from '../engine/compute';
import { presence } from '../engine/context';
import { toDiagnosticLine } from '../diagnostics';
import { fenToYuan } from '../money';
import { payments } from './bonus';
import { staffOrder } from './ranking';
import { departmentLines } from './departments';
import { nearMissLines } from '../explain/text';

/** The scope as written in `awards[].scope`: the department or group, or `company`. */
export const COMPANY_SCOPE = 'company';

/**
 * The `--json` object of a run. `nearMisses: false` leaves `near_misses` out, for a
 * caller that never shows them (a what-if preview compares winners, amounts,
 * stars and penalties; near misses rank each scope again per person kept out).
 */
export function buildResultJson(res: EngineResult, schemeId: string, diagnostics: Diagnostic[], lang: Lang, options: { nearMisses?: boolean } = {}): ResultJson {
  const ctx = res.ctx;
  const order = staffOrder(res);
  const pos = new Map(order.map((i, k) => [i, k]));
  const id = (i: number) => ctx.staff[i].id;
  const awardOf = new Map(res.awards.map((o) => [o.award.id, o]));
  const payUpOf = new Map(res.awards.filter((o) => o.award.payUp).map((o) => [o.award.payUp!.award, o]));

  const pays = payments(res);
  // payments() lists every winner (zero-cash certificates too) in award order, scope, rank, staff id.
  const awards: ResultJson['awards'] = [];
  const byAward: Record<string, number> = {};
  for (const o of res.awards) {
    byAward[o.award.id] = 0;
    if (o.award.payUp) byAward[o.award.payUp.award] = 0;
  }
  let paid = 0;
  for (const p of pays) {
    paid += p.amountFen;
    if (p.kind === 'stars') continue;
    byAward[p.award] = (byAward[p.award] ?? 0) + p.amountFen;
    if (p.kind === 'award') {
      const e = awardOf.get(p.award)!.entries[p.idx];
      awards.push({ award: p.award, staff_id: id(p.idx), scope: e.scope || COMPANY_SCOPE, rank: e.rank ?? 0, amount: fenToYuan(p.amountFen), tie: e.tie });
    } else {
      const e = payUpOf.get(p.award)!.entries[p.winner!];
      awards.push({ award: p.award, staff_id: id(p.idx), scope: e.scope || COMPANY_SCOPE, rank: e.rank ?? 0, amount: fenToYuan(p.amountFen), tie: e.tie });
    }
  }
  const stars: ResultJson['stars'] = [];
  if (res.stars) {
    for (const i of order) {
      if (presence(ctx.staff[i], res.period) !== 'ok' || Number.isNaN(res.stars.stars[i])) continue;
      stars.push({ staff_id: id(i), score: Math.round(res.stars.value[i] * 100) / 100, stars: res.stars.stars[i], bonus: fenToYuan(res.stars.bonusFen[i]) });
    }
  }
  const byWindowThenStaff = <T extends { idx: number; window: { id: string } }>(list: T[]) =>
    [...list].sort((a, b) => (a.window.id < b.window.id ? -1 : a.window.id > b.window.id ? 1 : pos.get(a.idx)! - pos.get(b.idx)!));
  const penalties = byWindowThenStaff(res.penalties).map((h) => ({ staff_id: id(h.idx), action: h.penalty.action, window: h.window.id, amount: fenToYuan(h.amountFen) }));
  const flags = byWindowThenStaff(res.flags).map((f) => ({ staff_id: id(f.idx), flag: f.flag.id, window: f.window.id }));
  const points = res.ledger
    ? [...res.ledger.lines].sort((a, b) => pos.get(a.idx)! - pos.get(b.idx)!).map((l) => ({ staff_id: id(l.idx), earned: l.earned, balance: l.balance }))
    : [];
  const ineligible: ResultJson['ineligible'] = [];
  for (const o of res.awards) {
    for (const i of order) {
      const e = o.entries[i];
      if (e.eligible) continue;
      const reasons: string[] = [];
      for (const r of e.reasons) if (!reasons.includes(r.code)) reasons.push(r.code);
      ineligible.push({ staff_id: id(i), award: o.award.id, reasons });
    }
  }
  const total: Record<string, number> = {};
  for (const [k, v] of Object.entries(byAward)) total[k] = fenToYuan(v);
  return {
    period: res.period.id,
    scheme: schemeId,
    awards,
    stars,
    penalties,
    departments: departmentLines(res),
    points,
    flags,
    ineligible,
    diagnostics: diagnostics.map((d) => toDiagnosticLine(d, lang)),
    totals: { paid: fenToYuan(paid), by_award: total },
    ...(options.nearMisses === false ? {} : { near_misses: nearMissLines(res) }),
  };
}
