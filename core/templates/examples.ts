/**
 * Example rows for a template, derived from the scheme rather than written per
 * preset: which tabs it reads, which incident types its measures count and
 * whether they help or hurt (a rank-by or a points rule helps; a deduction, a
 * penalty or a "must be 0" requirement hurts), which review sources and
 * dimensions its measures filter on, how many feedback rows its requirements
 * ask for, and whether it looks back a period. One small company (two
 * departments, three groups, fourteen people with a manager chain) is filled
 * in so that the scheme's awards have clear winners, its penalties and gates
 * show once, and nothing is an error. Deterministic: the same scheme, period and
 * language always give the same rows.
 */
import type { Cell, Day, Lang, Level, TabId } from '../types';
import type { Measure, Scheme } from '../scheme/model';
import { INCIDENT_TYPES, LEVELS, RATINGS, REVIEW_DIMENSIONS, REVIEW_SOURCES } from '../input/aliases';
import { caseText } from './cases';
import { daysInMonth, makeDay, makePeriod, shiftPeriod, subPeriods, type Period, type PeriodKind } from '../periods';

type Role = 'manager' | 'lead' | 'top' | 'good' | 'flagged' | 'low' | 'new';

interface Person {
  id: string;
  name: string;
  dept: number;
  group: number;
  level: Level;
  role: Role;
  /** The person's level of service, 0–100: every figure of the examples follows it. */
  base: number;
  manager: string | null;
}

const DEPTS = [{ zh: '客服部', en: 'Customer Service' }, { zh: '售后部', en: 'After-sales' }];
const GROUPS = [
  { zh: '客服一组', en: 'CS Team 1', dept: 0 },
  { zh: '客服二组', en: 'CS Team 2', dept: 0 },
  { zh: '售后一组', en: 'After-sales Team 1', dept: 1 },
];
const POSITIONS: Record<Level, { zh: string; en: string }> = {
  staff: { zh: '客服专员', en: 'Service agent' },
  team_lead: { zh: '班长', en: 'Team lead' },
  supervisor: { zh: '客服主管', en: 'Supervisor' },
  manager: { zh: '部门经理', en: 'Department manager' },
};

// Within every department and group the best person is clearly ahead (gaps ≥ 3),
// so awards have one winner per scope; K005 collects the negative records, K009
// the gate's incident, K014 is still on probation.
const PEOPLE: Person[] = [
  { id: 'K001', name: '周建国', dept: 0, group: 0, level: 'manager', role: 'manager', base: 80, manager: null },
  { id: 'K002', name: '李娜', dept: 0, group: 0, level: 'supervisor', role: 'lead', base: 85, manager: 'K001' },
  { id: 'K003', name: '王芳', dept: 0, group: 0, level: 'staff', role: 'top', base: 96, manager: 'K002' },
  { id: 'K004', name: '张伟', dept: 0, group: 0, level: 'staff', role: 'good', base: 89, manager: 'K002' },
  { id: 'K005', name: '刘洋', dept: 0, group: 0, level: 'staff', role: 'low', base: 66, manager: 'K002' },
  { id: 'K006', name: '陈静', dept: 0, group: 1, level: 'team_lead', role: 'lead', base: 83, manager: 'K001' },
  { id: 'K007', name: '杨磊', dept: 0, group: 1, level: 'staff', role: 'top', base: 93, manager: 'K006' },
  { id: 'K008', name: '赵敏', dept: 0, group: 1, level: 'staff', role: 'good', base: 87, manager: 'K006' },
  { id: 'K009', name: '黄丽', dept: 0, group: 1, level: 'staff', role: 'flagged', base: 84, manager: 'K006' },
  { id: 'K010', name: '吴强', dept: 1, group: 2, level: 'manager', role: 'manager', base: 78, manager: null },
  { id: 'K011', name: '孙涛', dept: 1, group: 2, level: 'supervisor', role: 'lead', base: 82, manager: 'K010' },
  { id: 'K012', name: '马超', dept: 1, group: 2, level: 'staff', role: 'top', base: 92, manager: 'K011' },
  { id: 'K013', name: '朱婷', dept: 1, group: 2, level: 'staff', role: 'good', base: 88, manager: 'K011' },
  { id: 'K014', name: '胡斌', dept: 1, group: 2, level: 'staff', role: 'new', base: 80, manager: 'K011' },
];

const SOURCE_ORDER = ['supervisor', 'customer', 'self', 'peer', 'committee', 'vote'];
const DIMENSION_ORDER = ['attitude', 'quality', 'performance', 'skill'];
const SOURCE_DELTA: Record<string, number> = { self: 2, supervisor: 0, customer: 1, peer: 0, committee: -1, vote: -2 };
const KIND_RANK: Record<PeriodKind, number> = { month: 0, quarter: 1, half: 2, year: 3 };

/** A data row keyed by column id (see core/input/aliases.ts). */
export type ExampleRow = Record<string, Cell>;
export type ExampleData = Partial<Record<TabId, ExampleRow[]>>;

type Sign = '+' | '-';

/** Whether each measure helps (+) or hurts (−) a person, from how the scheme uses it. */
export function measurePolarity(s: Scheme): Map<string, Set<Sign>> {
  const byId = new Map(s.measures.map((m) => [m.id, m] as const));
  const pol = new Map<string, Set<Sign>>();
  const flip = (x: Sign): Sign => (x === '+' ? '-' : '+');
  const mark = (id: string, sign: Sign, depth = 0): void => {
    if (depth > 20) return;
    const set = pol.get(id) ?? new Set<Sign>();
    if (set.has(sign)) return;
    set.add(sign);
    pol.set(id, set);
    const m = byId.get(id);
    if (!m) return;
    switch (m.kind) {
      case 'combine':
        m.of.forEach((o, i) => mark(o, (m.op === 'difference' || m.op === 'ratio') && i > 0 ? flip(sign) : sign, depth + 1));
        break;
      case 'over': case 'scope_mean': mark(m.measure, sign, depth + 1); break;
      case 'score': case 'stars':
        if (m.kind === 'stars' && s.stars?.measure) { mark(s.stars.measure, sign, depth + 1); break; }
        for (const c of s.score?.components ?? []) {
          if (c.measure) mark(c.measure, sign, depth + 1);
          for (const p of c.parts ?? []) mark(p.measure, sign, depth + 1);
        }
        for (const d of s.score?.deductions ?? []) mark(d.measure, flip(sign), depth + 1);
        break;
      case 'component': {
        const c = s.score?.components.find((x) => x.id === m.component) ?? s.score?.components.flatMap((x) => x.parts ?? []).find((x) => x.id === m.component);
        if (c?.measure) mark(c.measure, sign, depth + 1);
        break;
      }
      default: break;
    }
  };
  const cond = (measure: string, op: string, value: unknown) => {
    if (op === '>=' || op === '>') mark(measure, '+');
    else if (op === '<' || op === '<=' || (op === '=' && value === 0)) mark(measure, '-');
    else mark(measure, '+');
  };
  for (const a of s.awards) {
    mark(a.rankBy.measure, a.rankBy.order === 'desc' ? '+' : '-');
    for (const k of a.tieBreak) mark(k.measure, k.order === 'desc' ? '+' : '-');
    for (const r of a.requirements) cond(r.measure, r.op, r.value);
  }
  for (const g of s.gates) if (g.kind === 'measure') cond(g.measure, g.op, g.value);
  for (const p of s.penalties) {
    if (p.when.op === '>=' || p.when.op === '>') mark(p.when.measure, '-');
    if (p.perUnit) mark(p.perUnit.measure, '-');
  }
  for (const r of s.points?.rules ?? []) mark(r.measure, r.points >= 0 ? '+' : '-');
  for (const c of s.score?.components ?? []) {
    if (c.measure) mark(c.measure, '+');
    for (const p of c.parts ?? []) mark(p.measure, '+');
  }
  for (const d of s.score?.deductions ?? []) mark(d.measure, '-');
  if (s.ranking.by) mark(s.ranking.by.measure, s.ranking.by.order === 'desc' ? '+' : '-');
  for (const c of s.departments?.criteria ?? []) mark(c.measure, '+');
  return pol;
}

function filterValues(m: Measure, field: string): string[] {
  if (m.kind !== 'rows') return [];
  const out: string[] = [];
  for (const f of m.where) {
    if (f.field !== field) continue;
    if (f.op === '=' && typeof f.value === 'string') out.push(f.value);
    if (f.op === 'in' && Array.isArray(f.value)) out.push(...f.value.map(String));
  }
  return out;
}

/** Incident types the scheme counts, split by whether having them helps or hurts. */
export function incidentTypes(s: Scheme): { positive: string[]; negative: string[]; gate: string[] } {
  const pol = measurePolarity(s);
  const positive: string[] = [];
  const negative: string[] = [];
  for (const m of s.measures) {
    if (m.kind !== 'rows' || m.tab !== 'incidents') continue;
    const p = pol.get(m.id);
    for (const t of filterValues(m, 'type')) {
      if (p?.has('-') && !negative.includes(t)) negative.push(t);
      else if (p?.has('+') && !p.has('-') && !positive.includes(t)) positive.push(t);
    }
  }
  const gate: string[] = [];
  for (const g of s.gates) if (g.kind === 'no_incident' && g.enabled) for (const t of g.types) if (!gate.includes(t)) gate.push(t);
  return { positive: positive.filter((t) => !negative.includes(t) && !gate.includes(t)), negative, gate };
}

/** The input tabs a scheme reads, in template order (Staff first). */
export function tabsUsed(s: Scheme): TabId[] {
  const used = new Set<TabId>(['staff', ...s.requiredTabs]);
  for (const m of s.measures) if (m.kind === 'rows') used.add(m.tab);
  for (const g of s.gates) {
    if (g.kind === 'no_incident') used.add('incidents');
    if (g.kind === 'full_attendance') used.add('attendance');
  }
  if (s.points?.redemptions) used.add('redemptions');
  if (s.awards.some((a) => a.nominations)) used.add('nominations');
  if (quotaAwards(s).length > 0 || (s.departments?.criteria ?? []).some((c) => hasQuota(c))) used.add('quotas');
  const order: TabId[] = ['staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions', 'nominations'];
  return order.filter((t) => used.has(t));
}

function hasQuota(c: unknown): c is { quota: { award: string; default: number } } {
  const q = (c as { quota?: { award?: unknown; default?: unknown } }).quota;
  return typeof q?.award === 'string' && typeof q.default === 'number';
}

function quotaAwards(s: Scheme) {
  return s.awards.filter((a) => a.quota.fromTab && a.scope !== 'company' && a.quota.count !== undefined && !a.candidates);
}

/** Feedback rows a person needs per month for the scheme's count requirements. */
function feedbackPerMonth(s: Scheme): number {
  const byId = new Map(s.measures.map((m) => [m.id, m] as const));
  let need = 0;
  for (const a of s.awards) {
    const months = { month: 1, quarter: 3, half: 6, year: 12 }[a.cadence];
    for (const r of a.requirements) {
      const m = byId.get(r.measure);
      if (!m || m.kind !== 'rows' || m.tab !== 'feedback' || m.agg !== 'count' || typeof r.value !== 'number') continue;
      const n = r.op === '>' ? r.value + 1 : r.op === '>=' ? r.value : 0;
      need = Math.max(need, Math.ceil(n / months));
    }
  }
  return need;
}

/** The finest period kind the scheme evaluates inside `p` (reviews are given per such period). */
function finestKind(s: Scheme, p: Period): PeriodKind {
  let k: PeriodKind = p.kind;
  const consider = (x: PeriodKind) => { if (KIND_RANK[x] < KIND_RANK[k] && KIND_RANK[x] <= KIND_RANK[p.kind]) k = x; };
  for (const a of s.awards) {
    if (KIND_RANK[a.cadence] <= KIND_RANK[p.kind]) consider(a.cadence);
    if (a.candidates) consider(a.candidates.each);
  }
  for (const m of s.measures) if (m.kind === 'over') consider(m.each);
  return k;
}

/** Reviews (source, dimension) pairs that satisfy the scheme's review measures. */
function reviewCombos(s: Scheme): { source: string; dimension: string }[] {
  const out: { source: string; dimension: string }[] = [];
  const pick = (m: Measure, field: string, order: string[], fallback: string): string => {
    if (m.kind !== 'rows') return fallback;
    let allowed = order;
    let constrained = false;
    for (const f of m.where) {
      if (f.field !== field) continue;
      constrained = true;
      const vals = Array.isArray(f.value) ? f.value.map(String) : [String(f.value)];
      if (f.op === '=' || f.op === 'in') allowed = vals;
      else if (f.op === '!=' || f.op === 'not_in') allowed = allowed.filter((x) => !vals.includes(x));
    }
    return constrained ? allowed[0] ?? fallback : fallback;
  };
  for (const m of s.measures) {
    if (m.kind !== 'rows' || m.tab !== 'reviews') continue;
    const source = pick(m, 'source', SOURCE_ORDER, 'supervisor');
    const dimension = pick(m, 'dimension', DIMENSION_ORDER, '');
    if (!out.some((c) => c.source === source && c.dimension === dimension)) out.push({ source, dimension });
  }
  return out;
}

function monthsOf(start: Period, end: Period): Period[] {
  const out: Period[] = [];
  let m = makePeriod('month', Number(start.start.slice(0, 4)), Number(start.start.slice(5, 7)));
  while (m.start <= end.end) {
    out.push(m);
    m = shiftPeriod(m, 1);
  }
  return out;
}

function day(month: Period, d: number): Day {
  return makeDay(month.year, Number(month.start.slice(5, 7)), Math.min(d, daysInMonth(month.year, Number(month.start.slice(5, 7)))));
}

/** Months before `p.start` (whole calendar months back). */
function monthsBefore(p: Period, n: number): Period {
  return shiftPeriod(makePeriod('month', p.year, Number(p.start.slice(5, 7))), -n);
}

/**
 * Feedback scores (1–5) whose running mean follows `base` ÷ 20, so people keep
 * their order (a 96 averages 4.8, an 89 about 4.45). The low performer's scores
 * include a 2 ("below"): the negative side of rating-based schemes shows once.
 */
function scoreSequence(base: number, n: number, low: boolean): number[] {
  if (low) return range(n).map((k) => [3, 2, 4, 3, 3, 4][k % 6]);
  const target = base / 20;
  const out: number[] = [];
  let sum = 0;
  for (let k = 0; k < n; k++) {
    const sc = Math.max(1, Math.min(5, Math.round(target * (k + 1) - sum)));
    out.push(sc);
    sum += sc;
  }
  return out;
}

const FEEDBACK_COUNT: Record<Role, number> = { manager: 0, lead: 1, top: 4, good: 3, flagged: 3, low: 3, new: 2 };

const COMMENTS: Record<number, { zh: string; en: string }> = {
  5: { zh: '服务热情周到，超出预期', en: 'Warm and thorough, beyond expectations' },
  4: { zh: '处理及时，很满意', en: 'Quick and helpful' },
  3: { zh: '还可以', en: 'All right' },
  2: { zh: '等待时间太长', en: 'Waited too long' },
  1: { zh: '问题没有解决', en: 'Problem not solved' },
};
const CHANNELS = [{ zh: '电话回访', en: 'Phone follow-up' }, { zh: '微信', en: 'App' }, { zh: '门店', en: 'In store' }];
const CUSTOMERS = [
  { zh: '陈先生', en: 'Mr Chen' }, { zh: '林女士', en: 'Ms Lin' }, { zh: '郑先生', en: 'Mr Zheng' }, { zh: '何女士', en: 'Ms He' },
  { zh: '高先生', en: 'Mr Gao' }, { zh: '罗女士', en: 'Ms Luo' }, { zh: '梁先生', en: 'Mr Liang' }, { zh: '宋女士', en: 'Ms Song' },
];

function ratingWord(score: number, lang: Lang): string {
  const r = score >= 5 ? 'exceeded' : score >= 3 ? 'met' : 'below';
  return lang === 'zh' ? RATINGS[r][0] : r;
}

/** Spread day numbers over a month without landing after the 25th (case deadlines, realistic spacing). */
function spreadDay(i: number, k: number): number {
  return 3 + ((i * 5 + k * 7) % 22);
}

export interface ExampleContext {
  scheme: Scheme;
  period: Period;
  lang: Lang;
}

/** Every example row of the tabs the scheme uses. */
export function exampleData(ctx: ExampleContext): ExampleData {
  const { scheme: s, period: p, lang } = ctx;
  const tabs = tabsUsed(s);
  const out: ExampleData = {};
  const dept = (x: Person) => DEPTS[x.dept][lang];
  const group = (x: Person) => GROUPS[x.group][lang];
  const minOffset = Math.min(0, ...s.measures.map((m) => (m.kind === 'rows' ? m.offset : 0)));
  const first = minOffset < 0 ? shiftPeriod(p, minOffset) : p;
  const months = monthsOf(first, p);
  const ownMonths = monthsOf(p, p);
  const scale = s.feedbackScale;

  const hired = new Map<string, Day>();
  out.staff = PEOPLE.map((x) => {
    const hire = x.role === 'new' ? day(monthsBefore(makePeriod('month', Number(p.end.slice(0, 4)), Number(p.end.slice(5, 7))), 1), 1)
      : makeDay(p.year - 2 - (Number(x.id.slice(1)) % 3), 1 + (Number(x.id.slice(1)) % 12), 1 + (Number(x.id.slice(1)) % 27));
    hired.set(x.id, hire);
    return {
      staff_id: x.id, name: x.name, department: dept(x), group: group(x), position: POSITIONS[x.level][lang],
      level: lang === 'zh' ? LEVELS[x.level][0] : x.level, hire_date: hire, regular_date: null, leave_date: null, manager_id: x.manager,
    };
  });

  if (tabs.includes('feedback')) {
    const need = feedbackPerMonth(s);
    const rows: ExampleRow[] = [];
    let c = 0;
    PEOPLE.forEach((x, i) => {
      const baseCount = FEEDBACK_COUNT[x.role];
      if (baseCount === 0) return;
      const good = x.role === 'top' || x.role === 'good';
      const total = good ? Math.max(baseCount, need * ownMonths.length) : baseCount;
      const perMonth = Math.ceil(total / ownMonths.length);
      const own = scoreSequence(x.base, total, x.role === 'low');
      // Looking back a period: the good ones have improved since, each by a different margin.
      const back = scoreSequence(good ? x.base - 10 - (i % 4) * 5 : x.base, Math.max(need, perMonth), x.role === 'low');
      for (const m of months) {
        const oi = ownMonths.findIndex((o) => o.id === m.id);
        let ks: number[];
        if (oi < 0) ks = range(good ? Math.max(need, perMonth) : perMonth);
        // The low performer's rows all fall in the first month: penalties are counted per month.
        else if (x.role === 'low') ks = oi === 0 ? range(total) : [];
        else ks = range(total).filter((k) => k % ownMonths.length === oi);
        for (const k of ks) {
          const sc = oi < 0 ? back[k] : own[k];
          const date = day(m, spreadDay(i, k));
          if (date < hired.get(x.id)!) continue;
          rows.push({
            date, staff_id: x.id, score: scaleScore(sc, scale.min, scale.max), rating: ratingWord(sc, lang), likes: sc >= 5 ? 2 : sc >= 4 ? 1 : 0,
            customer: CUSTOMERS[c % CUSTOMERS.length][lang], channel: CHANNELS[c % CHANNELS.length][lang], comment: COMMENTS[sc][lang],
          });
          c++;
        }
      }
    });
    out.feedback = sortRows(rows, 'date');
  }

  if (tabs.includes('incidents')) {
    const types = incidentTypes(s);
    const rows: ExampleRow[] = [];
    const m0 = ownMonths[0];
    const typeWord = (t: string) => (lang === 'zh' ? INCIDENT_TYPES[t]?.[0] ?? t : t);
    // A scheme that adds up incident points gets them on the good records, different per person.
    const sumsPoints = s.measures.some((m) => m.kind === 'rows' && m.tab === 'incidents' && m.field === 'points');
    types.positive.forEach((t, j) => {
      PEOPLE.forEach((x, i) => {
        if (x.role === 'top' || (x.role === 'good' && j === 0)) {
          const m = ownMonths[(i + j) % ownMonths.length];
          const points = sumsPoints ? (x.role === 'top' ? 3 + (i % 5) : 1) : null;
          rows.push({ date: day(m, spreadDay(i, j + 1)), staff_id: x.id, type: typeWord(t), points, amount: null, note: incidentNote(t, lang) });
        }
      });
    });
    const low = PEOPLE.find((x) => x.role === 'low')!;
    types.negative.forEach((t, j) => {
      rows.push({ date: day(m0, 8 + j * 3), staff_id: low.id, type: typeWord(t), points: null, amount: null, note: incidentNote(t, lang) });
    });
    const flagged = PEOPLE.find((x) => x.role === 'flagged')!;
    if (types.gate.length > 0) {
      rows.push({ date: day(m0, 16), staff_id: flagged.id, type: typeWord(types.gate[0]), points: null, amount: null, note: incidentNote(types.gate[0], lang) });
    }
    out.incidents = sortRows(rows, 'date');
  }

  if (tabs.includes('attendance')) {
    const rows: ExampleRow[] = [];
    for (const m of months) {
      for (const x of PEOPLE) {
        if (m.end < hired.get(x.id)!) continue;
        const firstMonth = m.id === ownMonths[0].id;
        rows.push({
          month: m.id, staff_id: x.id, scheduled_days: 22, absent_days: 0,
          late: x.role === 'low' && firstMonth ? 2 : 0, early_leave: 0,
          sick_leave_days: x.role === 'flagged' && firstMonth ? 1 : 0, personal_leave_days: 0,
        });
      }
    }
    out.attendance = rows;
  }

  if (tabs.includes('reviews')) {
    const rows: ExampleRow[] = [];
    const periods = subPeriods(p, finestKind(s, p));
    const combos = reviewCombos(s);
    // A committee quorum needs that many distinct reviewers: every committee member scores.
    const committee = Math.max(0, ...s.gates.map((g) => (g.kind === 'quorum' ? g.size : 0)));
    const judges = committee > 0 ? range(committee).map((k) => (lang === 'zh' ? `评委${k + 1}` : `Judge ${k + 1}`)) : [null];
    periods.forEach((rp, pi) => {
      PEOPLE.forEach((x, i) => {
        if (x.role === 'manager') return;
        if (rp.end < hired.get(x.id)!) return;
        for (const c of combos) {
          const byWhom = c.source === 'committee' ? judges : [null];
          byWhom.forEach((reviewer, j) => {
            const noise = ((i * 5 + pi * 3 + j) % 3) - 1;
            const score = Math.max(0, Math.min(100, x.base + (SOURCE_DELTA[c.source] ?? 0) + noise));
            rows.push({
              period: rp.id, staff_id: x.id,
              source: lang === 'zh' ? (REVIEW_SOURCES as Record<string, readonly string[]>)[c.source]?.[0] ?? c.source : c.source,
              dimension: c.dimension === '' ? null : lang === 'zh' ? REVIEW_DIMENSIONS[c.dimension]?.[0] ?? c.dimension : c.dimension,
              score, max: 100, reviewer,
            });
          });
        }
      });
    });
    out.reviews = rows;
  }

  if (tabs.includes('cases')) out.cases = caseRows(ownMonths, lang).filter((r) => (r.date as Day) >= hired.get(r.staff_id as string)!);

  if (tabs.includes('quotas')) {
    const rows: ExampleRow[] = [];
    for (const a of quotaAwards(s)) {
      // One override, on the largest department / group: the default quota plus one.
      const scope = a.scope === 'department' ? DEPTS[0][lang] : GROUPS[0][lang];
      rows.push({ award: a.id, scope, count: (a.quota.count ?? 0) + 1 });
    }
    for (const c of s.departments?.criteria ?? []) {
      if (!hasQuota(c)) continue;
      for (const d of DEPTS) if (!rows.some((r) => r.award === c.quota.award && r.scope === d[lang])) rows.push({ award: c.quota.award, scope: d[lang], count: c.quota.default });
    }
    out.quotas = rows;
  }

  if (tabs.includes('redemptions')) out.redemptions = redemptionRows(s, out, p, lang);
  if (tabs.includes('nominations')) out.nominations = nominationRows(s, p, lang);
  return out;
}

/**
 * Nominations for every window of the awards that take them: the lead of each
 * group (its manager when it has none) nominates the group's front-line people,
 * best first, up to the scheme's per-nominator limit, so nothing is over it.
 */
function nominationRows(s: Scheme, p: Period, lang: Lang): ExampleRow[] {
  const rows: ExampleRow[] = [];
  const seen = new Set<string>();
  for (const a of s.awards) {
    if (!a.nominations) continue;
    const limit = a.nominations.perNominator ?? Infinity;
    for (const w of subPeriods(p, a.cadence)) {
      GROUPS.forEach((_, gi) => {
        const members = PEOPLE.filter((x) => x.group === gi);
        const lead = members.find((x) => x.role === 'lead') ?? PEOPLE.find((x) => x.role === 'manager' && x.dept === GROUPS[gi].dept)!;
        const order: Role[] = ['top', 'good', 'flagged', 'new', 'low'];
        const nominees = members.filter((x) => order.includes(x.role)).sort((x, y) => order.indexOf(x.role) - order.indexOf(y.role)).slice(0, limit);
        for (const x of nominees) {
          const key = `${w.id}:${x.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          rows.push({ period: w.id, staff_id: x.id, nominated_by: lead.id, note: lang === 'zh' ? '组长推荐' : 'Nominated by the group lead' });
        }
      });
    }
  }
  return rows;
}

function range(n: number): number[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => i);
}

function scaleScore(score5: number, min: number, max: number): number {
  if (min === 1 && max === 5) return score5;
  return Math.round((min + ((score5 - 1) / 4) * (max - min)) * 100) / 100;
}

function sortRows(rows: ExampleRow[], key: string): ExampleRow[] {
  return rows.map((r, i) => ({ r, i })).sort((a, b) => {
    const x = String(a.r[key] ?? '');
    const y = String(b.r[key] ?? '');
    return x < y ? -1 : x > y ? 1 : a.i - b.i;
  }).map((e) => e.r);
}

const INCIDENT_NOTES: Record<string, { zh: string; en: string }> = {
  praise: { zh: '客户来电表扬', en: 'Customer called to praise' },
  surprise_service: { zh: '为客户提供超出预期的服务', en: 'Service beyond what the customer expected' },
  recommendation: { zh: '推荐新客户成交', en: 'Referred a new customer' },
  complaint: { zh: '客户有效投诉', en: 'Valid customer complaint' },
  violation: { zh: '违反工作纪律', en: 'Breach of work rules' },
  error: { zh: '工单录入差错', en: 'Data entry error' },
  major_error: { zh: '重大失误', en: 'Major error' },
  anger_card: { zh: '客户愤怒卡', en: 'Customer anger card' },
  task_missed: { zh: '作业未达标', en: 'Task not up to standard' },
  late_revisit: { zh: '回访超时', en: 'Follow-up call late' },
  incomplete_record: { zh: '回访记录缺项', en: 'Follow-up record incomplete' },
};

function incidentNote(t: string, lang: Lang): string {
  return INCIDENT_NOTES[t]?.[lang] ?? (lang === 'zh' ? INCIDENT_TYPES[t]?.[0] ?? t : t);
}

const CASE_SCENES = [
  { zh: '老人家中热水器故障', en: 'a broken water heater at an elderly customer\'s home' },
  { zh: '客户深夜车辆抛锚', en: 'a customer\'s car breaking down late at night' },
  { zh: '新婚夫妇家电安装', en: 'appliance installation for newly-weds' },
  { zh: '孕妇客户上门退换货', en: 'a home exchange for a pregnant customer' },
  { zh: '暴雨天紧急抢修', en: 'an emergency repair in a rainstorm' },
  { zh: '外地客户远程指导', en: 'remote guidance for an out-of-town customer' },
  { zh: '残障客户无障碍服务', en: 'accessible service for a disabled customer' },
  { zh: '小学生独自来店求助', en: 'a schoolchild coming to the store alone for help' },
  { zh: '节日当天加急配送', en: 'a rush delivery on a holiday' },
  { zh: '客户遗失重要票据', en: 'a customer who lost an important receipt' },
  { zh: '多次维修仍有故障', en: 'a fault that came back after several repairs' },
  { zh: '高龄客户账单疑问', en: 'billing questions from a very old customer' },
];
function caseRows(months: Period[], lang: Lang): ExampleRow[] {
  const rows: ExampleRow[] = [];
  const quality: Record<Role, number> = { manager: 2, lead: 2, top: 3, good: 2, flagged: 1, low: 1, new: 1 };
  let k = 0;
  months.forEach((m, mi) => {
    PEOPLE.forEach((x, i) => {
      if (x.role === 'manager' || x.role === 'low') return;
      const scene = CASE_SCENES[(k + mi * 5) % CASE_SCENES.length];
      const n = 10 + ((i * 7 + mi * 3) % 20);
      // The newcomer writes a short case (under the length the template asks for).
      const text = caseText(k, x.name, scene[lang], n, lang, x.role === 'new' ? 2 : 7);
      rows.push({
        date: day(m, x.role === 'flagged' ? 27 : spreadDay(i, mi)), staff_id: x.id,
        title: lang === 'zh' ? `${scene.zh}` : scene.en.replace(/^./, (c) => c.toUpperCase()),
        text, length: null, quality: quality[x.role],
        regional_excellent: x.role === 'top' && x.dept === 0 && x.group === 0 ? (lang === 'zh' ? '是' : 'yes') : (lang === 'zh' ? '否' : 'no'),
      });
      k++;
    });
  });
  return sortRows(rows, 'date');
}

/** Redemptions that never overdraw: half of what the two best earners earned, on the period's last day. */
function redemptionRows(s: Scheme, data: ExampleData, p: Period, lang: Lang): ExampleRow[] {
  const byId = new Map(s.measures.map((m) => [m.id, m] as const));
  const earned = new Map<string, number>();
  const tabRows = (tab: string): ExampleRow[] => (data as Record<string, ExampleRow[] | undefined>)[tab] ?? [];
  const value = (m: Measure, staff: string, depth = 0): number | null => {
    if (depth > 10) return null;
    if (m.kind === 'combine' && m.op === 'sum') {
      let t = 0;
      for (const id of m.of) {
        const inner = byId.get(id);
        const v = inner ? value(inner, staff, depth + 1) : null;
        if (v === null) return null;
        t += v;
      }
      return t;
    }
    if (m.kind !== 'rows' || (m.agg !== 'count' && m.agg !== 'sum') || m.map) return null;
    let t = 0;
    for (const r of tabRows(m.tab)) {
      if (r.staff_id !== staff || !rowMatches(r, m.where, lang)) continue;
      t += m.agg === 'count' ? 1 : Number(r[m.field ?? ''] ?? 0);
    }
    return t * m.scale;
  };
  for (const rule of s.points?.rules ?? []) {
    const m = byId.get(rule.measure);
    if (!m || (rule as { to?: string }).to === 'department_head') continue;
    for (const x of PEOPLE) {
      const v = m ? value(m, x.id) : null;
      if (v !== null) earned.set(x.id, (earned.get(x.id) ?? 0) + v * rule.points);
    }
  }
  const best = [...earned.entries()].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2);
  return best.map(([id, v]) => ({
    date: p.end, staff_id: id, points: Math.floor(v / 2),
    note: lang === 'zh' ? '兑换电影票' : 'Cinema tickets',
  })).filter((r) => (r.points as number) > 0);
}

/** Does an example row pass a measure's filters (example rows hold codes or their Chinese words)? */
function rowMatches(r: ExampleRow, where: { field: string; op: string; value: unknown }[], lang: Lang): boolean {
  return where.every((f) => {
    let v: unknown = r[f.field];
    if (lang === 'zh' && typeof v === 'string') v = canonical(f.field, v);
    const target = f.value;
    switch (f.op) {
      case '=': return v === target;
      case '!=': return v !== target;
      case 'in': return Array.isArray(target) && target.includes(v as string);
      case 'not_in': return Array.isArray(target) && !target.includes(v as string);
      case '>=': return typeof v === 'number' && v >= Number(target);
      case '>': return typeof v === 'number' && v > Number(target);
      case '<=': return typeof v === 'number' && v <= Number(target);
      case '<': return typeof v === 'number' && v < Number(target);
      default: return false;
    }
  });
}

function canonical(field: string, v: string): string {
  const table: Record<string, Readonly<Record<string, readonly string[]>>> = {
    type: INCIDENT_TYPES, rating: RATINGS, source: REVIEW_SOURCES, dimension: REVIEW_DIMENSIONS, level: LEVELS,
  };
  const t = table[field];
  if (!t) return v;
  for (const [id, names] of Object.entries(t)) if (names.includes(v)) return id;
  return v;
}

export { PEOPLE as EXAMPLE_PEOPLE };
