/**
 * Conditions and gates (SPEC §3): each failing rule gives a reason code and the
 * value that failed, so the Ranking tab can say why in plain words.
 */
import type { Award, Condition, CompareOp, Gate } from '../scheme/model';
import { isRegularAt, monthOf, shiftPeriod, subPeriods, tenureMonths, yearToDate, type Period } from '../periods';
import { awardOutcome } from './awards';
import { attendanceRows, catColumn, presence, windowKeys, type Ctx } from './context';
import type { IncidentRecord, InvestigationRecord } from '../types';
import { evalMeasure } from './measures';

/** Why a person is not eligible: the code, the value that failed and what was expected. */
export interface Reason {
  code: string;
  /** The failing value as text (a number, a date, `violation 2026-08-03`, …). */
  value: string;
  /** Which rule: gate / requirement / built-in. */
  kind: 'gate' | 'requirement' | 'presence' | 'rank';
  /** Gate or requirement index in the scheme (for labels), −1 for built-ins. */
  ref: string;
  /** For conditions: the operator and the threshold (number or measure id). */
  op?: CompareOp;
  threshold?: string;
  /** The window where it failed (for each/consecutive conditions). */
  window?: string;
  /** The input row that failed it (`Incidents:5`), when one did. */
  at?: string;
  /** For an incident gate: the incident's type and date. */
  incident?: { type: string; date: string };
  /** For an investigation gate: the investigation's start and end (null: still open). */
  investigation?: { start: string; end: string | null };
  /** For a full-attendance gate: the attendance fields that broke it and their values (labelled by the output). */
  attendance?: { field: string; n: number }[];
}

export function compare(a: number, op: CompareOp, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  switch (op) {
    case '>=': return a >= b - 1e-9;
    case '>': return a > b + 1e-9;
    case '<=': return a <= b + 1e-9;
    case '<': return a < b - 1e-9;
    case '=': return Math.abs(a - b) <= 1e-9;
    case '!=': return Math.abs(a - b) > 1e-9;
  }
}

export function numText(v: number): string {
  if (Number.isNaN(v)) return '';
  return String(Math.round(v * 100) / 100);
}

export interface CondCheck {
  ok: boolean;
  /** The measure's value in the window that decided (the failing one, else the last). */
  value: number;
  rhs: number;
  window: string;
}

/** The windows a condition looks at, inside/around `w`. */
function condWindows(c: Condition, w: Period): Period[] {
  const base: Period[] = [];
  const n = c.consecutive ?? 1;
  for (let k = n - 1; k >= 0; k--) base.push(k === 0 ? w : shiftPeriod(w, -k));
  return c.each ? base.flatMap((b) => subPeriods(b, c.each!)) : base;
}

/** A condition evaluated for everyone in one window (computed once, then looked up per person). */
interface CondVec {
  ok: Uint8Array;
  value: Float64Array;
  rhs: Float64Array;
  /** Index into `windows` of the deciding window per person. */
  at: Int32Array;
  windows: Period[];
}

const condCache = new WeakMap<Ctx, WeakMap<Condition, Map<string, CondVec>>>();

function condVec(ctx: Ctx, c: Condition, w: Period): CondVec {
  let byCond = condCache.get(ctx);
  if (!byCond) condCache.set(ctx, (byCond = new WeakMap()));
  let byWin = byCond.get(c);
  if (!byWin) byCond.set(c, (byWin = new Map()));
  const hit = byWin.get(w.id);
  if (hit) return hit;
  const n = ctx.n;
  const windows = condWindows(c, w);
  const ok = new Uint8Array(n).fill(1);
  const value = new Float64Array(n).fill(NaN);
  const rhs = new Float64Array(n).fill(NaN);
  const at = new Int32Array(n).fill(Math.max(0, windows.length - 1));
  const done = new Uint8Array(n);
  windows.forEach((win, k) => {
    const v = evalMeasure(ctx, c.measure, win);
    const r = typeof c.value === 'number' ? null : evalMeasure(ctx, c.value.measure, win);
    const constant = typeof c.value === 'number' ? c.value : NaN;
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      const rv = r ? r[i] : constant;
      value[i] = v[i];
      rhs[i] = rv;
      at[i] = k;
      if (!compare(v[i], c.op, rv)) {
        ok[i] = 0;
        done[i] = 1;
      }
    }
  });
  const out = { ok, value, rhs, at, windows };
  byWin.set(w.id, out);
  return out;
}

/** The window a gate or condition looks at inside/around the award's window `w`. */
export function windowFor(spec: { window?: 'period' | 'year_to_date' }, w: Period): Period {
  return spec.window === 'year_to_date' ? yearToDate(w) : w;
}

/** Check a condition for person `i` in window `w` (vectorised and cached per condition and window). */
export function checkCondition(ctx: Ctx, c: Condition, window: Period, i: number): CondCheck {
  const w = windowFor(c, window);
  const v = condVec(ctx, c, w);
  if (v.windows.length === 0) return { ok: false, value: NaN, rhs: NaN, window: w.id };
  return { ok: v.ok[i] === 1, value: v.value[i], rhs: v.rhs[i], window: v.windows[v.at[i]].id };
}

export function conditionReason(c: Condition, chk: CondCheck, ref: string): Reason {
  return {
    code: c.reason ?? c.measure,
    value: Number.isNaN(chk.value) ? '' : numText(chk.value),
    kind: 'requirement',
    ref,
    op: c.op,
    threshold: typeof c.value === 'number' ? numText(c.value) : Number.isNaN(chk.rhs) ? c.value.measure : numText(chk.rhs),
    window: chk.window,
  };
}

const gateConditions = new WeakMap<Gate, Condition>();
const incidentCache = new WeakMap<Ctx, WeakMap<Gate, Map<string, Int32Array>>>();

/**
 * For an incident gate, each person's first matching incident in the window (the
 * earliest day, then the earliest row) as a row of the Incidents index, −1 when none.
 * One pass over the incidents, cached per gate and window.
 */
function firstIncident(ctx: Ctx, g: Gate & { kind: 'no_incident' }, w: Period): Int32Array {
  let byGate = incidentCache.get(ctx);
  if (!byGate) incidentCache.set(ctx, (byGate = new WeakMap()));
  let byWin = byGate.get(g);
  if (!byWin) byGate.set(g, (byWin = new Map()));
  const hit = byWin.get(w.id);
  if (hit) return hit;
  const t = ctx.tabs.incidents;
  const types = catColumn(t, 'type');
  const wanted = new Set(g.types.map((x) => x.trim().toLowerCase()));
  const match = new Uint8Array(types.values.length + 1);
  types.values.forEach((v, k) => (match[k + 1] = wanted.has(v) ? 1 : 0));
  const [ks, ke] = windowKeys(w);
  const out = new Int32Array(ctx.n).fill(-1);
  for (let r = 0; r < t.rows.length; r++) {
    const s = t.staff[r];
    if (s < 0 || t.from[r] < ks || t.from[r] > ke || !match[types.codes[r] + 1]) continue;
    const cur = out[s];
    if (cur < 0 || t.from[r] < t.from[cur]) out[s] = r;
  }
  byWin.set(w.id, out);
  return out;
}

const investigationCache = new WeakMap<Ctx, Map<string, InvestigationRecord[]>>();

/** Investigations per person (staff key), in row order; built once per computation. */
function investigationsOf(ctx: Ctx, key: string): InvestigationRecord[] {
  let byKey = investigationCache.get(ctx);
  if (!byKey) {
    byKey = new Map();
    for (const r of ctx.data.investigations ?? []) {
      const l = byKey.get(r.staffKey);
      if (l) l.push(r);
      else byKey.set(r.staffKey, [r]);
    }
    investigationCache.set(ctx, byKey);
  }
  return byKey.get(key) ?? [];
}

/** Check one gate for person `i` in window `w`; null when it passes (or is turned off). */
export function checkGate(ctx: Ctx, g: Gate, window: Period, i: number): Reason | null {
  if (!g.enabled) return null;
  // Incident, attendance, hire-date and measure gates may look at the year to date; `window` stays the award's.
  const w = 'window' in g ? windowFor(g, window) : window;
  const s = ctx.staff[i];
  const fail = (value: string, extra: Partial<Reason> = {}): Reason => ({ code: g.id, value, kind: 'gate', ref: g.id, ...extra });
  switch (g.kind) {
    case 'tenure': {
      const t = tenureMonths(s.hireDate, w);
      return t >= g.minMonths ? null : fail(String(t), { threshold: String(g.minMonths) });
    }
    case 'regular':
      return isRegularAt(s.regularDate, w) ? null : fail(s.regularDate);
    case 'active':
      return s.leaveDate === null || s.leaveDate >= w.end ? null : fail(s.leaveDate);
    case 'level': {
      if (g.in && !g.in.includes(s.level)) return fail(s.level);
      if (g.notIn && g.notIn.includes(s.level)) return fail(s.level);
      return null;
    }
    case 'no_incident': {
      const k = firstIncident(ctx, g, w)[i];
      if (k < 0) return null;
      const inc = ctx.tabs.incidents.rows[k] as unknown as IncidentRecord;
      return fail(`${inc.type} ${inc.date}`, { at: `${inc.tab}:${inc.row}`, incident: { type: inc.type, date: inc.date } });
    }
    case 'no_investigation': {
      // Overlap of [start, end] (end null: still open) with the award's window.
      const hit = investigationsOf(ctx, s.key).find((r) => r.start <= w.end && (r.end === null || r.end >= w.start));
      if (!hit) return null;
      return fail(`${hit.start}–${hit.end ?? ''}`, { at: `${hit.tab}:${hit.row}`, investigation: { start: hit.start, end: hit.end } });
    }
    case 'full_attendance': {
      for (const m of subPeriods(w, 'month')) {
        const rows = attendanceRows(ctx, i, monthOf(m.start));
        if (!rows || rows.length === 0) return fail(`${m.id}: ?`, { window: m.id, threshold: 'unknown' });
        for (const k of rows) {
          const a = ctx.data.attendance[k];
          const bad: { field: string; n: number }[] = [];
          if (a.absentDays > 0) bad.push({ field: 'absent_days', n: a.absentDays });
          if (a.late > 0) bad.push({ field: 'late', n: a.late });
          if (a.earlyLeave > 0) bad.push({ field: 'early_leave', n: a.earlyLeave });
          if (a.sickLeaveDays > 0) bad.push({ field: 'sick_leave_days', n: a.sickLeaveDays });
          if (a.personalLeaveDays > 0) bad.push({ field: 'personal_leave_days', n: a.personalLeaveDays });
          if (bad.length) return fail(`${m.id}: ${bad.map((b) => `${b.field}=${b.n}`).join(', ')}`, { window: m.id, attendance: bad });
        }
      }
      return null;
    }
    case 'measure': {
      // One condition object per gate, so the vectorised result is cached across people.
      let c = gateConditions.get(g);
      if (!c) gateConditions.set(g, (c = { measure: g.measure, op: g.op, value: g.value }));
      const chk = checkCondition(ctx, c, w, i);
      return chk.ok ? null : { ...conditionReason(c, chk, g.id), code: g.id, kind: 'gate' };
    }
    case 'position': {
      const pos = s.position.trim().toLowerCase();
      const has = (list: string[]) => pos !== '' && list.some((x) => x.trim().toLowerCase() === pos);
      if (g.in && !has(g.in)) return fail(s.position);
      if (g.notIn && has(g.notIn)) return fail(s.position);
      return null;
    }
    case 'hired_within':
      return s.hireDate >= w.start && s.hireDate <= w.end ? null : fail(s.hireDate, { window: w.id });
    case 'not_winner': {
      const o = awardOutcome(ctx, g.award, window);
      return o && o.entries[i]?.won ? fail(g.award, { window: window.id }) : null;
    }
    case 'quorum': {
      // ⌈num/den × size⌉ in integers: 2/3 of 5 → ⌈10/3⌉ = 4.
      const need = Math.ceil((g.share.num * g.size) / g.share.den);
      const count = evalMeasure(ctx, g.measure, w)[i];
      const have = Number.isNaN(count) ? 0 : count;
      return have >= need ? null : fail(numText(have), { op: '>=', threshold: String(need) });
    }
  }
}

/**
 * Why person `i` cannot take award `a` in window `w` — presence at the window's end,
 * the candidate pool (when the award draws from other winners), its gates and its
 * requirements — in that order. Empty when eligible. Shared by person and team awards.
 */
export function eligibilityReasons(
  ctx: Ctx, a: Award, gates: readonly Gate[], w: Period, i: number, pool: Set<number> | null, nominated: Set<number> | null = null,
): Reason[] {
  const s = ctx.staff[i];
  const reasons: Reason[] = [];
  const pres = presence(s, w);
  if (pres !== 'ok') {
    reasons.push({ code: pres, value: pres === 'left' ? s.leaveDate ?? '' : s.hireDate, kind: 'presence', ref: pres });
    return reasons;
  }
  if (pool && !pool.has(i)) {
    reasons.push({ code: 'not_candidate', value: '', kind: 'presence', ref: 'not_candidate' });
    return reasons;
  }
  if (nominated && !nominated.has(i)) {
    reasons.push({ code: 'not_nominated', value: '', kind: 'presence', ref: 'not_nominated' });
    return reasons;
  }
  for (const g of gates) {
    const r = checkGate(ctx, g, w, i);
    if (r) reasons.push(r);
  }
  a.requirements.forEach((c, j) => {
    const chk = checkCondition(ctx, c, w, i);
    if (!chk.ok) reasons.push(conditionReason(c, chk, String(j)));
  });
  return reasons;
}
