/**
 * Department scoring (SPEC §3 `departments`, §4 case-collection; seed 000 感动顾客
 * 优秀服务案例征集): in each department window inside the period, every department
 * with someone employed at the window end earns each criterion's maximum × a
 * fraction 0–1, the total (2 decimals) is ranked 1, 2, 2, 4, the first (with a
 * score above 0) get `first.actions` (流动红旗) and the last — below `last.below`
 * and not also first — get `last.actions` (通报批评) and `last.headPoints` for the
 * department head. A quota of 0 leaves a department unranked.
 *
 * Also here, because every case-based scheme needs them: the derived case fields
 * the scheme's filters use (`day` = day of the month, `copied`, `copy_similarity`,
 * and `regional_excellent` as the column is called in SPEC §1),
 * computed once per run with core/engine/copies, and the department head (the
 * present member of the highest level in `headLevels`, then by staff id) that the
 * points ledger credits with `to: department_head` rules.
 */
import type { Diagnostic, Lang } from '../types';
import type { DepartmentCriterion, Scheme } from '../scheme/model';
import { periodOf, subPeriods, type Period, type PeriodKind } from '../periods';
import { columnAsWritten, diag } from '../diagnostics';
import { presence, round2, type Ctx } from './context';
import { evalMeasure } from './measures';
import { findCopies } from './copies';

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };

/** A copied case, located for the user. */
export interface CaseCopy {
  /** Index into ctx.data.cases of the copy and of the case it matches. */
  copy: number;
  source: number;
  /** Staff index of the writer (−1 when not in Staff). */
  staff: number;
  similarity: number;
}

export interface CriterionResult {
  id: string;
  /** The department figure (NaN = no data). */
  value: number;
  /** The quota used (null when the criterion has none). */
  quota: number | null;
  /** Fraction 0–1 earned, and the points (max × fraction, unrounded). */
  fraction: number;
  points: number;
}

export interface DepartmentRow {
  department: string;
  /** Staff index of the head (−1: none at the window end). */
  head: number;
  /** Members employed at the window end. */
  members: number;
  criteria: CriterionResult[];
  /** Total points, 2 decimals. */
  score: number;
  /** Competition rank (null: not ranked, see `unranked`). */
  rank: number | null;
  actions: string[];
  /** Points the head gets for this window's actions. */
  headPoints: number;
  unranked: 'quota_zero' | null;
}

export interface DepartmentWindow {
  window: Period;
  rows: DepartmentRow[];
  /** Copies submitted in this window. */
  copies: CaseCopy[];
}

export interface DepartmentsResult {
  windows: DepartmentWindow[];
  diagnostics: Diagnostic[];
}

/** Does the scheme need the copy check (department criteria, or a filter on `copied`)? */
export function usesCaseFields(s: Scheme): boolean {
  if (s.departments) return true;
  const derived = new Set(['copied', 'copy_similarity', 'day', 'regional_excellent']);
  return s.measures.some((m) => m.kind === 'rows' && m.tab === 'cases' &&
    (m.where.some((f) => derived.has(f.field)) || (m.field !== undefined && derived.has(m.field))));
}

interface CaseState {
  copies: Map<number, CaseCopy>;
  approximate: number;
  textless: number;
}

/**
 * Add the derived case fields to the engine's case rows (new objects: the
 * dataset's records are not modified) and remember the copies. Call once, right
 * after the context is created and before any measure is evaluated.
 */
export function annotateCases(ctx: Ctx): void {
  if (!usesCaseFields(ctx.scheme) || ctx.memo.has('cases:state')) return;
  const cases = ctx.data.cases;
  const threshold = ctx.scheme.departments?.copyThreshold ?? 0.8;
  const report = findCopies(cases, { threshold });
  const copies = new Map<number, CaseCopy>();
  const keyIndex = ctx.keyIndex;
  for (const m of report.copies) {
    copies.set(m.index, { copy: m.index, source: m.source, staff: keyIndex.get(cases[m.index].staffKey) ?? -1, similarity: m.similarity });
  }
  // The case index holds the dataset's records in tab order: position i is case i.
  const t = ctx.tabs.cases;
  t.rows = t.rows.map((r, i) => {
    const c = copies.get(i);
    // `regional_excellent` as schemes spell it (SPEC §1 column id) for the record's regionalExcellent.
    return {
      ...r, regional_excellent: r.regionalExcellent, day: Number(String(r.date).slice(8, 10)),
      copied: c !== undefined, copy_similarity: c ? c.similarity : 0,
    };
  });
  t.num.clear();
  t.cat.clear();
  ctx.memo.set('cases:state', {
    copies, approximate: report.approximate.length, textless: cases.filter((c) => !c.text).length,
  } satisfies CaseState);
}

function caseState(ctx: Ctx): CaseState {
  annotateCases(ctx);
  return (ctx.memo.get('cases:state') as CaseState | undefined) ?? { copies: new Map(), approximate: 0, textless: 0 };
}

const LEVEL_ORDER = (s: Scheme) => s.departments?.headLevels ?? ['manager', 'supervisor'];

/** Department name → head's staff index (−1 when none) at the end of window `w`. */
export function departmentHeads(ctx: Ctx, w: Period): Map<string, number> {
  const key = `dept-heads@${w.id}`;
  const hit = ctx.memo.get(key) as Map<string, number> | undefined;
  if (hit) return hit;
  const levels = LEVEL_ORDER(ctx.scheme);
  const best = new Map<string, number>();
  for (let i = 0; i < ctx.n; i++) {
    const s = ctx.staff[i];
    if (presence(s, w) !== 'ok') continue;
    const li = levels.indexOf(s.level);
    if (!best.has(s.department)) best.set(s.department, -1);
    if (li < 0) continue;
    const cur = best.get(s.department)!;
    if (cur < 0) { best.set(s.department, i); continue; }
    const lc = levels.indexOf(ctx.staff[cur].level);
    if (li < lc || (li === lc && byId(ctx, i, cur) < 0)) best.set(s.department, i);
  }
  ctx.memo.set(key, best);
  return best;
}

function byId(ctx: Ctx, a: number, b: number): number {
  const x = ctx.staff[a], y = ctx.staff[b];
  return x.key < y.key ? -1 : x.key > y.key ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : a - b;
}

/** The head of staff member `i`'s department in the department window containing `day`, or −1. */
export function headOn(ctx: Ctx, i: number, day: string): number {
  const kind = ctx.scheme.departments?.window ?? 'month';
  return departmentHeads(ctx, periodOf(kind, day)).get(ctx.staff[i].department) ?? -1;
}

/** headOn for a day key (core/engine/context dayKey: y × 372 + (m − 1) × 31 + d − 1), as the ledger holds dates. */
export function headOnKey(ctx: Ctx, i: number, key: number): number {
  const y = Math.floor(key / 372);
  const m = Math.floor((key % 372) / 31) + 1;
  const d = (key % 31) + 1;
  return headOn(ctx, i, `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
}

function quotaFor(ctx: Ctx, c: DepartmentCriterion, dept: string, w: Period): number {
  const q = c.quota!;
  const names = new Set([q.award, ...q.aliases].map(norm));
  let found: number | null = null;
  // The last matching row wins, as for award quotas.
  for (const r of ctx.data.quotas) if (names.has(norm(r.award)) && norm(r.scope) === norm(dept)) found = r.count;
  const base = found ?? q.default;
  return base * (MONTHS[w.kind] / MONTHS[q.per]);
}

function norm(s: string): string {
  return s.trim().toLowerCase();
}

/** The department figure of a measure: the mean over members present at the window end who have data. */
function departmentValue(ctx: Ctx, measure: string, members: number[], w: Period): number {
  const v = evalMeasure(ctx, measure, w);
  let sum = 0;
  let k = 0;
  for (const i of members) {
    if (Number.isNaN(v[i])) continue;
    sum += v[i];
    k++;
  }
  return k ? sum / k : NaN;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Score and rank the departments in one window (memoised). */
export function departmentWindow(ctx: Ctx, w: Period): DepartmentWindow | null {
  const spec = ctx.scheme.departments;
  if (!spec) return null;
  const key = `dept@${w.id}`;
  const hit = ctx.memo.get(key) as DepartmentWindow | undefined;
  if (hit) return hit;
  const heads = departmentHeads(ctx, w);
  const membersOf = new Map<string, number[]>();
  for (let i = 0; i < ctx.n; i++) {
    if (presence(ctx.staff[i], w) !== 'ok') continue;
    const d = ctx.staff[i].department;
    const l = membersOf.get(d);
    if (l) l.push(i); else membersOf.set(d, [i]);
  }
  const rows: DepartmentRow[] = [];
  for (const dept of [...membersOf.keys()].sort()) {
    const members = membersOf.get(dept)!;
    let unranked: DepartmentRow['unranked'] = null;
    const criteria = spec.criteria.map((c): CriterionResult => {
      const value = departmentValue(ctx, c.measure, members, w);
      let quota: number | null = null;
      let x = value;
      if (c.quota) {
        quota = quotaFor(ctx, c, dept, w);
        if (quota <= 0) unranked = 'quota_zero';
        x = quota > 0 ? value / quota : NaN;
      }
      if (c.normalize) x = (x - c.normalize.min) / (c.normalize.max - c.normalize.min);
      const fraction = Number.isNaN(x) ? 0 : clamp01(x);
      return { id: c.id, value, quota, fraction, points: c.max * fraction };
    });
    const score = round2(criteria.reduce((a, c) => a + c.points, 0));
    rows.push({ department: dept, head: heads.get(dept) ?? -1, members: members.length, criteria, score, rank: null, actions: [], headPoints: 0, unranked });
  }
  const ranked = rows.filter((r) => r.unranked === null).sort((a, b) => b.score - a.score || (a.department < b.department ? -1 : 1));
  ranked.forEach((r, k) => { r.rank = k > 0 && ranked[k - 1].score === r.score ? ranked[k - 1].rank : k + 1; });
  const lastRank = ranked.length ? ranked[ranked.length - 1].rank! : 0;
  for (const r of ranked) {
    // A department that earned nothing is never honoured (a month without any case ranks all at 0).
    if (r.rank === 1 && spec.first && r.score > 0) r.actions.push(...spec.first.actions);
    if (spec.last && r.rank === lastRank && r.rank !== 1 && (spec.last.below === undefined || r.score < spec.last.below)) {
      r.actions.push(...spec.last.actions);
      r.headPoints = spec.last.headPoints;
    }
  }
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (a.department < b.department ? -1 : a.department > b.department ? 1 : 0));
  const state = caseState(ctx);
  const copies = [...state.copies.values()]
    .filter((c) => ctx.data.cases[c.copy].date >= w.start && ctx.data.cases[c.copy].date <= w.end)
    .sort((a, b) => a.copy - b.copy);
  const out: DepartmentWindow = { window: w, rows, copies };
  ctx.memo.set(key, out);
  return out;
}

/** Every department window inside the period asked, with the run's notices. */
export function computeDepartments(ctx: Ctx, p: Period): DepartmentsResult | null {
  const spec = ctx.scheme.departments;
  if (!spec) return null;
  const kind = MONTHS[spec.window] <= MONTHS[p.kind] ? spec.window : p.kind;
  const windows = subPeriods(p, kind).map((w) => departmentWindow(ctx, w)!);
  const diagnostics: Diagnostic[] = [];
  const state = caseState(ctx);
  const casesTab = ctx.data.tabNames.cases ?? '';
  if (state.textless > 0) {
    diagnostics.push(diag({
      severity: 'info', code: 'case_no_text', tab: casesTab, value: String(state.textless),
      zh: `${state.textless} 个案例只有字数没有内容：无法检查是否抄袭，按原创计算`,
      en: `${state.textless} case${state.textless === 1 ? ' has' : 's have'} a length but no text: they cannot be checked for copying and count as original`,
    }));
  }
  if (state.approximate > 0) {
    diagnostics.push(diag({
      severity: 'info', code: 'copy_check_approximate', tab: casesTab, value: String(state.approximate),
      zh: `${state.approximate} 个案例几乎全由常见模板语句组成：只与含相同独有文字的案例比对`,
      en: `${state.approximate} case${state.approximate === 1 ? ' is' : 's are'} almost entirely common template sentences: compared only with cases sharing some of their own wording`,
    }));
  }
  const noHead = new Set<string>();
  for (const win of windows) {
    for (const r of win.rows) {
      if (r.head >= 0 || noHead.has(r.department)) continue;
      noHead.add(r.department);
      const levels = spec.headLevels.join('/');
      diagnostics.push(diag({
        severity: 'warning', code: 'department_no_head', tab: ctx.data.tabNames.staff ?? '', column: columnAsWritten(ctx.data.columnNames, 'staff', 'level'), value: r.department,
        zh: `部门“${r.department}”在 ${win.window.id} 没有${levelsZh(spec.headLevels)}：部门负责人的加减分不计`,
        en: `Department "${r.department}" has no ${levels} employed in ${win.window.id}: the department head's points are not applied`,
      }));
    }
  }
  return { windows, diagnostics };
}

function levelsZh(levels: string[]): string {
  const zh: Record<string, string> = { manager: '经理', supervisor: '主管', team_lead: '班长', staff: '员工' };
  return levels.map((l) => zh[l] ?? l).join('或');
}

/** A point event for the ledger. */
export interface DepartmentPointEvent { idx: number; day: string; points: number; rule: string }

/**
 * The heads' points from department actions (`last.headPoints`) in every department
 * window that ends on or before the period's end (the ledger's balance needs the
 * history too), dated on the window's last day.
 */
export function departmentPointEvents(ctx: Ctx, p: Period): DepartmentPointEvent[] {
  const spec = ctx.scheme.departments;
  if (!spec?.last || spec.last.headPoints === 0 || ctx.data.cases.length === 0) return [];
  let first = ctx.data.cases[0].date;
  for (const c of ctx.data.cases) if (c.date < first) first = c.date;
  const out: DepartmentPointEvent[] = [];
  let w = periodOf(spec.window, first);
  const stop = p.end;
  for (let guard = 0; w.end <= stop && guard < 10_000; guard++) {
    const win = departmentWindow(ctx, w)!;
    for (const r of win.rows) {
      if (r.headPoints !== 0 && r.head >= 0) out.push({ idx: r.head, day: w.end, points: r.headPoints, rule: 'department:last' });
    }
    w = periodOf(spec.window, nextDay(w.end));
  }
  return out;
}

function nextDay(day: string): string {
  const y = Number(day.slice(0, 4)), m = Number(day.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** Label of the ledger rule id used for department actions. */
export function departmentRuleLabel(lang: Lang): string {
  return lang === 'zh' ? '部门排名最后（负责人）' : 'Department ranked last (head)';
}
