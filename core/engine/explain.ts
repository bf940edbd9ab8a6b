/**
 * The plain-language *why* of every Ranking row (SPEC §5): which gate failed and
 * with what value, the rank in scope against the quota, which tie-break decided,
 * what was paid and why — in the workbook's language, from the scheme's own labels.
 */
import type { Lang } from '../types';
import type { Award } from '../scheme/model';
import { formatFen } from '../money';
import { ATTENDANCE_LABELS, EACH, EXTRAS, LEVELS, OPS, SCOPE_COMPANY, WHY, actionLabel, fill, incidentLabel, labelOf } from '../output/labels';
import type { EngineResult } from './compute';
import type { AwardEntry, AwardOutcome } from './awards';
import { numText, type Reason } from './gates';
import { presence, type Ctx } from './context';
import { teamSentence } from './teams';

function measureLabel(ctx: Ctx, id: string, lang: Lang): string {
  return ctx.measures.get(id)?.label[lang] ?? id;
}

function personLabel(ctx: Ctx, i: number): string {
  const s = ctx.staff[i];
  return s.name ? `${s.name}（${s.id}）` : s.id;
}

function personLabelEn(ctx: Ctx, i: number): string {
  const s = ctx.staff[i];
  return s.name ? `${s.name} (${s.id})` : s.id;
}

export function who(ctx: Ctx, i: number, lang: Lang): string {
  return lang === 'zh' ? personLabel(ctx, i) : personLabelEn(ctx, i);
}

/** One reason as words. */
export function reasonText(ctx: Ctx, a: Award, r: Reason, lang: Lang, windowId = ''): string {
  if (r.kind === 'presence') {
    if (r.code === 'not_candidate' && a.candidates) {
      const names = a.candidates.winnersOf.map((id) => ctx.scheme.awards.find((x) => x.id === id)?.name[lang] ?? id);
      return fill(WHY.not_candidate[lang], { awards: names.join(lang === 'zh' ? '、' : ', '), each: EACH[a.candidates.each][lang] });
    }
    if (r.code === 'not_nominated') return fill(WHY.not_nominated[lang], { window: windowId });
    return fill((r.code === 'left' ? WHY.left : WHY.not_hired)[lang], { date: r.value });
  }
  if (r.kind === 'rank') return fill(WHY.no_data[lang], { measure: measureLabel(ctx, r.ref, lang) });
  if (r.kind === 'gate') {
    const g = ctx.scheme.gates.find((x) => x.id === r.ref);
    const label = g?.label[lang] ?? r.code;
    switch (g?.kind) {
      case 'tenure': return fill(WHY.gate_tenure[lang], { label, value: r.value, min: r.threshold ?? '' });
      case 'regular': return fill(WHY.gate_regular[lang], { label, value: r.value });
      case 'active': return fill(WHY.gate_active[lang], { label, value: r.value });
      case 'level': return fill(WHY.gate_level[lang], { label, value: LEVELS[r.value]?.[lang] ?? r.value });
      case 'no_incident': {
        const [tab, row] = (r.at ?? '').split(':');
        const at = lang === 'zh' ? `${tab} 第 ${row} 行` : `${tab} row ${row}`;
        const value = r.incident ? `${incidentLabel(r.incident.type, lang)} ${r.incident.date}` : r.value;
        return fill(WHY.gate_incident[lang], { label, value, at });
      }
      case 'no_investigation': {
        const [tab, row] = (r.at ?? '').split(':');
        const at = lang === 'zh' ? `${tab} 第 ${row} 行` : `${tab} row ${row}`;
        const inv = r.investigation;
        const dates = !inv ? r.value : inv.end === null ? fill(WHY.investigation_open[lang], { start: inv.start }) : `${inv.start} – ${inv.end}`;
        return fill(WHY.gate_investigation[lang], { label, dates, at });
      }
      case 'full_attendance':
        return r.threshold === 'unknown'
          ? fill(WHY.gate_attendance_unknown[lang], { label, month: r.window ?? '' })
          : fill(WHY.gate_attendance[lang], { label, value: attendanceText(r, lang) });
      case 'measure': return conditionText(ctx, g.label[lang], r, lang, windowId);
      case 'position': return fill(WHY.gate_position[lang], { label, value: r.value });
      case 'hired_within': return fill(WHY.gate_hired_within[lang], { label, value: r.value, window: r.window ?? windowId });
      case 'not_winner': {
        const won = ctx.scheme.awards.find((x) => x.id === g.award || x.payUp?.award === g.award);
        return fill(WHY.gate_not_winner[lang], { label, award: won?.name[lang] ?? g.award });
      }
      case 'quorum': return fill(WHY.gate_quorum[lang], { label, value: r.value, min: r.threshold ?? '' });
      default: return label;
    }
  }
  const c = a.requirements[Number(r.ref)];
  const label = c?.label?.[lang] ?? (c ? measureLabel(ctx, c.measure, lang) : r.code);
  return conditionText(ctx, label, r, lang, windowId);
}

/** `2026-06：迟到 2、病假 1` / `2026-06: late 2, sick leave days 1`. */
function attendanceText(r: Reason, lang: Lang): string {
  if (!r.attendance) return r.value;
  const items = r.attendance.map((b) => `${labelOf(ATTENDANCE_LABELS, b.field, lang)} ${b.n}`);
  return lang === 'zh' ? `${r.window ?? ''}：${items.join('、')}` : `${r.window ?? ''}: ${items.join(', ')}`;
}

function conditionText(ctx: Ctx, label: string, r: Reason, lang: Lang, windowId: string): string {
  const threshold = r.threshold !== undefined && ctx.measures.has(r.threshold) ? measureLabel(ctx, r.threshold, lang) : r.threshold ?? '';
  const vals = { label, value: r.value === '' ? WHY.no_value[lang] : r.value, op: OPS[r.op ?? '=']?.[lang] ?? '', threshold, window: r.window ?? '' };
  return fill((r.window && r.window !== windowId ? WHY.condition_window : WHY.condition)[lang], vals);
}

function scopeText(e: AwardEntry, lang: Lang): string {
  if (e.scope === '') return SCOPE_COMPANY[lang];
  return lang === 'zh' ? `“${e.scope}”` : e.scope;
}

export function extrasText(a: Award, lang: Lang): string {
  const out: string[] = [];
  if (a.extras.certificate) out.push(EXTRAS.certificate[lang]);
  if (a.extras.trophy) out.push(EXTRAS.trophy[lang]);
  if (a.extras.honourLeaveDays) out.push(fill(EXTRAS.leave[lang], { n: a.extras.honourLeaveDays }));
  if (a.extras.title) out.push(fill(EXTRAS.title[lang], { t: a.extras.title[lang] }));
  return out.join(lang === 'zh' ? '、' : ', ');
}

function awardSentence(ctx: Ctx, o: AwardOutcome, e: AwardEntry, lang: Lang, note?: ExplainIndex['awardNote']): string {
  const sentence = awardClauses(ctx, o, e, lang);
  const extra = note ? note(o, e) : '';
  if (!extra) return sentence;
  // The note goes before the sentence's full stop.
  const stop = lang === 'zh' ? '。' : '.';
  return (sentence.endsWith(stop) ? sentence.slice(0, -stop.length) : sentence) + extra + stop;
}

function awardClauses(ctx: Ctx, o: AwardOutcome, e: AwardEntry, lang: Lang): string {
  const a = o.award;
  const name = a.name[lang];
  if (a.team) return teamSentence(ctx, o, e, lang, (r) => reasonText(ctx, a, r, lang, o.window.id));
  if (!e.eligible) {
    const reasons = e.reasons.map((r) => reasonText(ctx, a, r, lang, o.window.id));
    return fill(WHY.not_eligible[lang], { award: name, reasons: reasons.join(lang === 'zh' ? '；' : '; ') });
  }
  const sc = o.scopes.find((s) => s.scope === e.scope)!;
  let out: string;
  if (sc.quotaFrom === 'all') {
    out = fill(WHY.ranked_all[lang], { award: name });
  } else {
    out = fill(WHY.ranked[lang], { award: name, scope: scopeText(e, lang), m: sc.eligible, rank: e.rank ?? '', quota: sc.quota });
    out += e.won ? WHY.won[lang] : WHY.lost[lang];
  }
  if (e.tie) out += fill(WHY.tie[lang], { others: e.tiedWith.map((i) => who(ctx, i, lang)).join(lang === 'zh' ? '、' : ', ') });
  if (e.decided) {
    const k = a.tieBreak[e.decided.key];
    out += fill(WHY.decided[lang], {
      other: who(ctx, e.decided.other, lang), measure: measureLabel(ctx, a.rankBy.measure, lang),
      key: measureLabel(ctx, k.measure, lang), mine: numText(e.decided.mine) || WHY.no_value[lang], theirs: numText(e.decided.theirs) || WHY.no_value[lang],
    });
  }
  if (e.won) {
    const amount = formatFen(e.amountFen);
    if (a.prize.kind === 'fixed') {
      if (e.amountFen > 0) out += fill(WHY.paid_fixed[lang], { amount });
    } else if (e.tie) {
      const g = e.tiedWith.length + 1;
      const strictAbove = o.entries.filter((x) => x.scope === e.scope && x.won && !x.tie).length;
      out += fill(WHY.paid_share[lang], { amount, places: sc.quota - strictAbove, g });
    } else {
      out += fill(WHY.paid_pool[lang], { amount, budget: formatFen(sc.budgetFen ?? 0), quota: sc.quota });
    }
    const ex = extrasText(a, lang);
    if (ex) out += fill(WHY.extras[lang], { extras: ex });
  }
  return out + (lang === 'zh' ? '。' : '.');
}

/** Per-person lists of what concerns them, built once (no per-person scans). */
export interface ExplainIndex {
  payUps: Map<number, { o: AwardOutcome; p: AwardOutcome['payUps'][number] }[]>;
  penalties: Map<number, EngineResult['penalties']>;
  flags: Map<number, EngineResult['flags']>;
  /** Added after an award's sentence (core/explain's near misses); set by the caller, absent = nothing. */
  awardNote?: (o: AwardOutcome, e: AwardEntry) => string;
}

function add<T>(m: Map<number, T[]>, k: number, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function explainIndex(res: EngineResult): ExplainIndex {
  const idx: ExplainIndex = { payUps: new Map(), penalties: new Map(), flags: new Map() };
  for (const o of res.awards) for (const p of o.payUps) add(idx.payUps, p.idx, { o, p });
  for (const h of res.penalties) add(idx.penalties, h.idx, h);
  for (const f of res.flags) add(idx.flags, f.idx, f);
  return idx;
}

/** The why of one award for person `i` (what the Ranking tab says about it), e.g. for a statement. */
export function explainAward(res: EngineResult, o: AwardOutcome, i: number, lang: Lang, index?: ExplainIndex): string {
  const e = o.entries[i];
  if (e.reasons.length === 1 && e.reasons[0].kind === 'presence' && e.reasons[0].code !== 'not_candidate') {
    const raw = reasonText(res.ctx, o.award, e.reasons[0], lang) + (lang === 'zh' ? '。' : '.');
    return raw.charAt(0).toUpperCase() + raw.slice(1);
  }
  return awardSentence(res.ctx, o, e, lang, index?.awardNote);
}

/** The why of a penalty (its window, label, value, action and money). */
export function explainPenalty(res: EngineResult, h: EngineResult['penalties'][number], lang: Lang): string {
  return fill(WHY.penalty[lang], {
    window: h.window.id, label: h.penalty.label[lang], value: `${measureLabel(res.ctx, h.penalty.when.measure, lang)} ${numText(h.value)}`,
    action: actionLabel(h.penalty.action, lang),
    money: h.amountFen > 0 ? fill(WHY.penalty_money[lang], { amount: formatFen(h.amountFen) }) : '',
    points: h.points !== 0 ? fill(WHY.penalty_points[lang], { points: numText(h.points) }) : '',
  });
}

/** The why of person `i`, in `lang`. */
export function explainPerson(res: EngineResult, i: number, lang: Lang, index: ExplainIndex = explainIndex(res)): string {
  const ctx = res.ctx;
  const parts: string[] = [];
  const present = presence(ctx.staff[i], res.period) === 'ok';
  if (res.score) {
    const t = res.score.total[i];
    if (Number.isNaN(t)) {
      parts.push(WHY.no_score[lang] + (lang === 'zh' ? '。' : '.'));
    } else {
      let s = fill(WHY.score[lang], { score: t.toFixed(2) });
      const comps = ctx.scheme.score!.components;
      const label = (id: string) => {
        const c = comps.find((x) => x.id === id) ?? comps.flatMap((x) => x.parts ?? []).find((x) => x.id === id);
        return c ? c.label[lang] : id;
      };
      const miss = res.score.missing.get(i);
      if (miss?.length) s += fill(WHY.score_missing[lang], { comps: miss.map(label).join(lang === 'zh' ? '、' : ', ') });
      const fb = res.score.fallback.get(i);
      if (fb?.length) s += fill(WHY.score_fallback[lang], { comps: fb.map(label).join(lang === 'zh' ? '、' : ', ') });
      const d = res.score.deducted[i];
      if (d > 0) s += fill(WHY.score_deducted[lang], { points: numText(d) });
      if (res.stars && !Number.isNaN(res.stars.stars[i]) && present) {
        s += fill(WHY.stars[lang], { stars: res.stars.stars[i], s: res.stars.stars[i] === 1 ? '' : 's', bonus: formatFen(res.stars.bonusFen[i]) });
      }
      parts.push(s + (lang === 'zh' ? '。' : '.'));
    }
  } else if (res.stars && !Number.isNaN(res.stars.stars[i]) && present) {
    parts.push(fill(WHY.stars[lang], { stars: res.stars.stars[i], s: res.stars.stars[i] === 1 ? '' : 's', bonus: formatFen(res.stars.bonusFen[i]) }).replace(/^[,，]\s*/, '') + (lang === 'zh' ? '。' : '.'));
  }
  for (const o of res.awards) {
    const e = o.entries[i];
    // People not employed in the window are explained once, not per award.
    if (e.reasons.length === 1 && e.reasons[0].kind === 'presence' && e.reasons[0].code !== 'not_candidate' && e.reasons[0].code !== 'not_nominated') {
      const raw = reasonText(ctx, o.award, e.reasons[0], lang) + (lang === 'zh' ? '。' : '.');
      const t = raw.charAt(0).toUpperCase() + raw.slice(1);
      if (!parts.includes(t)) parts.push(t);
      continue;
    }
    parts.push(awardSentence(ctx, o, e, lang, index.awardNote));
  }
  for (const { o, p } of index.payUps.get(i) ?? []) {
    const name = o.award.payUp!.name[lang];
    parts.push(fill(WHY.payup[lang], { winner: who(ctx, p.winner, lang), level: p.level, award: name, amount: formatFen(p.amountFen) }));
  }
  for (const h of index.penalties.get(i) ?? []) {
    parts.push(fill(WHY.penalty[lang], {
      window: h.window.id, label: h.penalty.label[lang], value: `${measureLabel(ctx, h.penalty.when.measure, lang)} ${numText(h.value)}`,
      action: actionLabel(h.penalty.action, lang),
      money: h.amountFen > 0 ? fill(WHY.penalty_money[lang], { amount: formatFen(h.amountFen) }) : '',
      points: h.points !== 0 ? fill(WHY.penalty_points[lang], { points: numText(h.points) }) : '',
    }));
  }
  for (const f of index.flags.get(i) ?? []) {
    parts.push(fill(WHY.flag[lang], { window: f.window.id, label: f.flag.label[lang] }));
  }
  if (parts.length === 0) parts.push(WHY.nothing[lang]);
  return parts.join(lang === 'zh' ? '' : ' ');
}
