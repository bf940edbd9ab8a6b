/**
 * fast-check generators for the property tests (issue 9): whole workbooks as RawTabs
 * — Staff, Feedback, Incidents, Reviews, Attendance, Cases, Quotas, Redemptions, Nominations — in
 * English or Chinese, with plausible cells mixed with hostile ones (formula-like and
 * HTML text, spreadsheet error values, NaN/Infinity, Dates with a time, full-width and
 * padded ids, unknown staff, ragged rows, blank rows, junk dates and numbers).
 *
 * `orderSafe` workbooks leave out the inputs whose meaning depends on row order by
 * design (SPEC/tabs.ts rules: a later duplicate staff id is left out; the last Quotas
 * row for an award and scope wins; two redemptions of one person on one day are
 * applied in row order; of two near-identical cases submitted on one day the later row
 * is the copy; a second Attendance row for one person and month is the one left out; a
 * nominator's nominees beyond a per-nominator limit are the later rows),
 * so that shuffling their rows must change nothing.
 */
import fc from 'fast-check';
import { staffKey } from '../../core/ids';
import type { Cell, RawTab } from '../../core/types';

/** Seeds: fixed so a failure reproduces (fast-check prints the seed and path too). */
export const SEED = 20261122;

export const HOSTILE_TEXT = [
  '=1+1', '=HYPERLINK("http://x","y")', '+1', '-1', '@SUM(A1)', '=cmd|\' /C calc\'!A0',
  '<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '&lt;b&gt;', '"quoted, with comma"',
  'line\nbreak', 'tab\there', '\u202Eevil', '\u0000nul', '😀 emoji', '  ', '#N/A', '#REF!', '—', 'N/A',
];

const PERIODS_IN_DATA = ['2026-Q3', '2026-Q3', '2026-07', '2026-08', '2026-09', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-Q2', '2026-Q3', '2026-H1', '2026-H2', '2026', '2025'];
const ID_POOL = Array.from({ length: 24 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);

/** A day in 2025-12-20 .. 2027-01-10 (around the periods computed), three times in four inside 2026-Q3. */
const dayNumber = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 193, max: 284 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 386 }) },
);

function dayText(n: number): string {
  const d = new Date(Date.UTC(2025, 11, 20) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The many ways a spreadsheet hands over one calendar day, plus junk. */
function dateCell(hostile: boolean): fc.Arbitrary<Cell> {
  const plausible = dayNumber.chain((n) => {
    const iso = dayText(n);
    const [y, m, d] = iso.split('-').map(Number);
    const serial = (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
    return fc.constantFrom<Cell>(iso, new Date(Date.UTC(y, m - 1, d)), serial, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${y}年${m}月${d}日`, `${iso}T08:30:00Z`);
  });
  if (!hostile) return plausible;
  return fc.oneof(
    { weight: 16, arbitrary: plausible },
    { weight: 1, arbitrary: fc.constantFrom<Cell>('2026-02-30', '2026-13-01', '7/1/2026', 'yesterday', '', null, 60, -5, 1e12, Number.NaN, Number.POSITIVE_INFINITY, true, new Date(Number.NaN), new Date(Date.UTC(2026, 6, 1, 23, 59, 59)), '#N/A', '=TODAY()') },
  );
}

function numberCell(min: number, max: number, hostile: boolean): fc.Arbitrary<Cell> {
  const plausible = fc.integer({ min, max }).chain((v) => fc.constantFrom<Cell>(v, String(v), `${v}`.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)))));
  if (!hostile) return plausible;
  return fc.oneof(
    { weight: 16, arbitrary: plausible },
    { weight: 1, arbitrary: fc.constantFrom<Cell>('abc', '', null, undefined, -1, 1e9, 0.5, '85%', '1,200', '1,2', Number.NaN, Number.NEGATIVE_INFINITY, -0, true, '#DIV/0!', '=A1*2', new Date(Date.UTC(2026, 0, 1))) },
  );
}

function textCell(pool: string[], hostile: boolean): fc.Arbitrary<Cell> {
  const plausible = fc.constantFrom<Cell>(...pool);
  if (!hostile) return plausible;
  return fc.oneof(
    { weight: 14, arbitrary: plausible },
    { weight: 1, arbitrary: fc.constantFrom<Cell>(...HOSTILE_TEXT) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
}

/** A staff id as typed: spacing, full-width and case variants of a pool id, or a stranger. */
function idVariant(id: string): fc.Arbitrary<Cell> {
  const full = id.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return fc.constantFrom<Cell>(id, id, id, ` ${id} `, id.toLowerCase(), full, `\u3000${id}`);
}

/** A reference to a person: mostly someone in Staff (as typed, in any variant), sometimes a stranger. */
function refCell(ids: string[], hostile: boolean): fc.Arbitrary<Cell> {
  const known = fc.constantFrom(...(ids.length ? ids : ID_POOL)).chain(idVariant);
  const strangers = fc.constantFrom(...ID_POOL).chain(idVariant);
  if (!hostile) return fc.oneof({ weight: 8, arbitrary: known }, { weight: 1, arbitrary: strangers });
  return fc.oneof(
    { weight: 16, arbitrary: known },
    { weight: 2, arbitrary: strangers },
    { weight: 1, arbitrary: fc.constantFrom<Cell>('S99', '', null, '=S01', '<b>S01</b>', 7, '#REF!') },
  );
}

/** A hire date: mostly years before the periods computed, sometimes inside or after them. */
function hireCell(hostile: boolean): fc.Arbitrary<Cell> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 1500 }).map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)) },
    { weight: 1, arbitrary: dateCell(hostile) },
  );
}

type Lang = 'en' | 'zh';

const HEADERS: Record<string, Record<Lang, string[]>> = {
  Staff: {
    en: ['staff_id', 'name', 'department', 'group', 'level', 'hire_date', 'regular_date', 'leave_date', 'manager_id', 'my notes', 'position'],
    zh: ['工号', '姓名', '部门', '组别', '职级', '入职日期', '转正日期', '离职日期', '上级工号', '备注栏', '岗位'],
  },
  Feedback: { en: ['date', 'staff_id', 'score', 'rating', 'likes', 'comment'], zh: ['日期', '工号', '评分', '评价', '点赞', '内容'] },
  Incidents: { en: ['date', 'staff_id', 'type', 'points', 'amount', 'note'], zh: ['日期', '工号', '类型', '分值', '金额', '说明'] },
  Reviews: { en: ['period', 'staff_id', 'source', 'dimension', 'score', 'max', 'reviewer'], zh: ['考评期间', '工号', '来源', '维度', '分数', '满分', '评委'] },
  Nominations: { en: ['period', 'staff_id', 'nominated_by'], zh: ['期间', '工号', '推荐人'] },
  Attendance: {
    en: ['month', 'staff_id', 'scheduled_days', 'absent_days', 'late', 'early_leave', 'sick_leave_days', 'personal_leave_days'],
    zh: ['月份', '工号', '应出勤', '旷工', '迟到次数', '早退次数', '病假', '事假'],
  },
  Cases: { en: ['date', 'staff_id', 'title', 'text', 'quality', 'regional_excellent'], zh: ['提交日期', '工号', '标题', '内容', '评分', '区域优秀'] },
  Quotas: { en: ['award', 'scope', 'count'], zh: ['奖项', '范围', '名额'] },
  Redemptions: { en: ['date', 'staff_id', 'points'], zh: ['日期', '工号', '积分'] },
};

const TAB_NAMES: Record<string, Record<Lang, string>> = {
  Staff: { en: 'Staff', zh: '员工' }, Feedback: { en: 'Feedback', zh: '客户反馈' }, Incidents: { en: 'Incidents', zh: '奖惩记录' },
  Reviews: { en: 'Reviews', zh: '考评' }, Attendance: { en: 'Attendance', zh: '考勤' }, Cases: { en: 'Cases', zh: '服务案例' },
  Quotas: { en: 'Quotas', zh: '名额' }, Redemptions: { en: 'Redemptions', zh: '积分兑换' }, Nominations: { en: 'Nominations', zh: '提名' },
};

const DEPTS = ['Care', 'Sales', '客服部', '售后部'];
const GROUPS = ['A', 'B', '一组', ''];
const LEVELS = ['staff', 'staff', 'staff', 'team_lead', 'supervisor', 'manager', '员工', '经理', ''];
const NAMES = ['Ann', 'Bob', '王芳', '张伟', 'Li Ming', 'Zoë'];
const RATINGS = ['exceeded', 'exceeded', 'met', 'met', 'below', '超越', '达到', '低于', ''];
const TYPES = ['recommendation', 'recommendation', 'surprise_service', 'surprise_service', 'complaint', 'violation', 'warning', 'criticism', 'error', 'major_error', 'anger_card', 'task_missed', 'praise',
  'surprise_service', 'recommendation', 'late_revisit', 'incomplete_record', '投诉', '惊喜服务', '推荐', 'my own type'];
const SOURCES = ['self', 'supervisor', 'customer', 'peer', 'committee', 'vote', '自评', '上级', '客户'];
const DIMENSIONS = ['attitude', 'quality', 'performance', 'skill', '服务态度', '工作业绩', ''];
const AWARDS = ['service_star', 'quarter_star', 'referral', 'revisit_excellence', 'case_collection', 'team_star', 'no_such_award'];
const CASE_TEXTS = [
  '客户来电反映设备故障，我们当天上门检修并回访确认，客户非常满意，送来感谢信。',
  '客户来电反映设备故障，我们当天上门检修并回访确认，客户非常满意，送来锦旗。',
  'A customer called about a broken unit; we fixed it the same day and followed up.',
  '短',
  '',
];

export interface GenOptions {
  /** Leave out order-dependent inputs (see the file comment). */
  orderSafe?: boolean;
  /** Mix hostile cells in (default true). */
  hostile?: boolean;
  /**
   * `small` (default): up to 12 people. `busy`: 8–22 people and four times the rows.
   * `contested`: 8–22 people with few, coarse, mostly good records (scores 4–5, ratings
   * exceeded/met, incidents mostly recommendation / surprise service), so quotas are
   * contested and ties at the last winning place (co-winners sharing a pool) happen.
   */
  profile?: 'small' | 'busy' | 'contested';
}

interface Profile { k: number; ratings: string[]; types: string[]; score: [number, number] }

const PROFILES: Record<'small' | 'busy' | 'contested', Profile> = {
  small: { k: 1, ratings: RATINGS, types: TYPES, score: [1, 5] },
  busy: { k: 4, ratings: RATINGS, types: TYPES, score: [1, 5] },
  contested: { k: 3, ratings: ['exceeded', 'met'], types: ['recommendation', 'recommendation', 'recommendation', 'surprise_service', 'surprise_service', 'praise'], score: [4, 5] },
};

function rowsOf(lang: Lang, tab: string, rows: Cell[][]): RawTab {
  return { name: TAB_NAMES[tab][lang], rows: [HEADERS[tab][lang], ...rows] };
}

/** A row, sometimes ragged (a cell short) or blank, as spreadsheets hand them over. */
function maybeRagged(row: fc.Arbitrary<Cell[]>, hostile: boolean): fc.Arbitrary<Cell[]> {
  if (!hostile) return row;
  return fc.oneof(
    { weight: 12, arbitrary: row },
    { weight: 1, arbitrary: row.map((r) => r.slice(0, r.length - 1)) },
    { weight: 1, arbitrary: row.map((r) => [...r, 'extra']) },
    { weight: 1, arbitrary: fc.constant<Cell[]>([]) },
    { weight: 1, arbitrary: row.map((r) => r.map(() => null)) },
  );
}

function staffRow(ids: string[], hostile: boolean): (id: Cell) => fc.Arbitrary<Cell[]> {
  return (id) => fc.tuple(
    textCell(NAMES, hostile),
    textCell(DEPTS, hostile),
    textCell(GROUPS, hostile),
    textCell(LEVELS, hostile),
    hireCell(hostile),
    fc.oneof({ weight: 3, arbitrary: fc.constant<Cell>(null) }, { weight: 1, arbitrary: dateCell(hostile) }),
    fc.oneof({ weight: 6, arbitrary: fc.constant<Cell>(null) }, { weight: 1, arbitrary: dateCell(hostile) }),
    fc.oneof({ weight: 1, arbitrary: fc.constant<Cell>(null) }, { weight: 3, arbitrary: refCell(ids, hostile) }),
    textCell(['', 'note'], hostile),
    textCell(['客服专员', '客服管家', 'Engineer', ''], hostile),
  ).map(([name, dept, group, level, hire, regular, leave, mgr, note, pos]) => [id, name, dept, group, level, hire, regular, leave, mgr, note, pos]);
}

/** A workbook: Staff always; each other tab present or not. */
export function workbook(options: GenOptions = {}): fc.Arbitrary<RawTab[]> {
  const hostile = options.hostile ?? true;
  const orderSafe = options.orderSafe ?? false;
  const profile = PROFILES[options.profile ?? 'small'];
  const size = options.profile && options.profile !== 'small' ? { min: 8, max: 22 } : { min: 1, max: 12 };

  // Unique by lookup key, as a clean Staff tab is. Hostile ones add a duplicate id (a later
  // duplicate is left out by design — order-dependent, so never in order-safe workbooks) and odd ids.
  const unique = fc.uniqueArray(fc.constantFrom(...ID_POOL, '=S25', '<b>S26</b>'), { minLength: size.min, maxLength: size.max, size: 'max' })
    .chain((ids) => fc.tuple(...ids.map(idVariant)));
  const staffIds: fc.Arbitrary<Cell[]> = orderSafe || !hostile
    ? unique
    : fc.tuple(unique, fc.array(fc.oneof(fc.constantFrom(...ID_POOL).chain(idVariant), textCell([''], true)), { maxLength: 2 }))
      .map(([ids, extra]) => [...ids, ...extra]);
  return staffIds.chain((idCells) => tabsFor(idCells, hostile, orderSafe, profile));
}

/** Every tab of a workbook whose Staff ids are `idCells` (other tabs mostly refer to them). */
function tabsFor(idCells: Cell[], hostile: boolean, orderSafe: boolean, profile: Profile): fc.Arbitrary<RawTab[]> {
  const k = profile.k;
  const lang = fc.constantFrom<Lang>('en', 'zh');
  const ids = idCells.filter((c): c is string => typeof c === 'string' && c.trim() !== '').map((c) => c);
  const staff = fc.tuple(...idCells.map((id) => maybeRagged(staffRow(ids, hostile)(id), hostile && !orderSafe)));

  const feedback = fc.array(maybeRagged(fc.tuple(dateCell(hostile), refCell(ids, hostile), fc.oneof(numberCell(profile.score[0], profile.score[1], hostile), fc.constant<Cell>(null)),
    textCell(profile.ratings, hostile), fc.oneof(fc.constant<Cell>(null), numberCell(0, 3, hostile)), textCell(['', 'thanks', '谢谢'], hostile)), hostile), { maxLength: 60 * k, size: 'max' });
  const incidents = fc.array(maybeRagged(fc.tuple(dateCell(hostile), refCell(ids, hostile), textCell(profile.types, hostile),
    fc.oneof(fc.constant<Cell>(null), numberCell(-5, 10, hostile)), fc.oneof(fc.constant<Cell>(null), numberCell(0, 500, hostile), fc.constant<Cell>('¥1,200.50')), textCell(['', 'x'], hostile)), hostile), { maxLength: 15 * k, size: 'max' });
  const reviews = fc.array(maybeRagged(fc.tuple(textCell(PERIODS_IN_DATA, hostile), refCell(ids, hostile), textCell(SOURCES, hostile),
    textCell(DIMENSIONS, hostile), numberCell(0, 100, hostile), fc.constantFrom<Cell>(null, 100, 100, 10, 0),
    textCell(['J1', 'J2', 'J3', 'J4', 'J5', ''], hostile)), hostile), { maxLength: 40 * k, size: 'max' });
  // A per-nominator limit keeps a nominator's first nominees in row order: order-safe nominations name no nominator.
  // Two nominators at most, so limits are reached.
  const nominations = fc.array(maybeRagged(fc.tuple(textCell(PERIODS_IN_DATA, hostile), refCell(ids, hostile),
    orderSafe ? fc.constant<Cell>(null) : fc.oneof({ weight: 3, arbitrary: refCell(ids.slice(0, 2), false) }, { weight: 1, arbitrary: fc.constant<Cell>(null) })), hostile), { maxLength: 16 * k, size: 'max' });
  const attendanceRow = fc.tuple(textCell(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10'], hostile), refCell(ids, hostile),
    fc.constantFrom<Cell>(22, null), numberCell(0, 2, hostile), numberCell(0, 2, hostile), numberCell(0, 1, hostile), numberCell(0, 1, hostile), numberCell(0, 1, hostile));
  // Order-safe attendance has one row per person and month (a repeated month is left out on its later row).
  const attendance: fc.Arbitrary<Cell[][]> = orderSafe
    ? fc.uniqueArray(attendanceRow, { maxLength: 20 * k, size: 'max', selector: ([m, id]) => `${String(m).trim()}\u0000${staffKey(String(id ?? ''))}` })
    : fc.array(maybeRagged(attendanceRow, hostile), { maxLength: 20 * k, size: 'max' });
  const caseRest = fc.tuple(refCell(ids, hostile), textCell(['Case', '案例'], hostile), textCell(CASE_TEXTS, hostile), numberCell(0, 3, hostile),
    fc.constantFrom<Cell>('yes', 'no', '是', '否', null, true, 'maybe'));
  // Order-safe cases fall on distinct days (of two near-identical cases on one day, the later row is the copy).
  const cases = orderSafe
    ? fc.uniqueArray(fc.tuple(dayNumber, caseRest), { maxLength: 12, size: 'max', selector: ([d]) => d }).map((rs) => rs.map(([d, r]): Cell[] => [dayText(d), ...r]))
    : fc.array(maybeRagged(fc.tuple(dateCell(hostile), caseRest).map(([d, r]): Cell[] => [d, ...r]), hostile), { maxLength: 12, size: 'max' });
  const quotaRow = fc.tuple(textCell(AWARDS, hostile), textCell([...DEPTS, ...GROUPS, 'company'], hostile), numberCell(0, 3, hostile));
  const quotas = orderSafe
    ? fc.uniqueArray(quotaRow, { maxLength: 6, selector: ([a, s]) => `${String(a).trim().toLowerCase()}\u0000${String(s).trim().toLowerCase()}` })
    : fc.array(maybeRagged(quotaRow, hostile), { maxLength: 6 });
  // Order-safe redemptions fall on distinct days (same-day redemptions apply in row order).
  const redemptions = orderSafe
    ? fc.uniqueArray(fc.tuple(dayNumber, refCell(ids, false), numberCell(1, 30, false)), { maxLength: 8, size: 'max', selector: ([d]) => d })
      .map((rs) => rs.map(([d, id, p]): Cell[] => [dayText(d), id, p]))
    : fc.array(maybeRagged(fc.tuple(dateCell(hostile), refCell(ids, hostile), numberCell(1, 30, hostile)), hostile), { maxLength: 8, size: 'max' });

  const opt = <T>(a: fc.Arbitrary<T>, freq = 4) => fc.option(a, { freq, nil: null });
  return fc.record({
    // Feedback is required by most presets: absent one time in twelve.
    lang, staff, feedback: opt(feedback, 12), incidents: opt(incidents), reviews: opt(reviews), attendance: opt(attendance),
    cases: opt(cases), quotas: opt(quotas), redemptions: opt(redemptions),
    nominations: opt(nominations, 3),
  }).map((w) => {
    const tabs: RawTab[] = [rowsOf(w.lang, 'Staff', w.staff)];
    const add = (tab: string, rows: Cell[][] | null) => { if (rows) tabs.push(rowsOf(w.lang, tab, rows)); };
    add('Feedback', w.feedback);
    add('Incidents', w.incidents);
    add('Reviews', w.reviews);
    add('Attendance', w.attendance);
    add('Cases', w.cases);
    add('Quotas', w.quotas as Cell[][] | null);
    add('Redemptions', w.redemptions);
    add('Nominations', w.nominations);
    // A tab nobody reads is carried along untouched.
    tabs.push({ name: w.lang === 'zh' ? '我的笔记' : 'My notes', rows: [['anything'], ['=1+1']] });
    return tabs;
  });
}

/** Hostile workbooks, and clean small, busy and contested ones (clean ones reach winners, pools and boundary ties more often). */
export function mixedWorkbook(orderSafe = false): fc.Arbitrary<RawTab[]> {
  return fc.oneof(
    { weight: 2, arbitrary: workbook({ orderSafe }) },
    { weight: 1, arbitrary: workbook({ orderSafe, hostile: false }) },
    { weight: 1, arbitrary: workbook({ orderSafe, hostile: false, profile: 'busy' }) },
    { weight: 1, arbitrary: workbook({ orderSafe, hostile: false, profile: 'contested' }) },
  );
}

/** Periods of every kind, so every award cadence runs somewhere. */
export const PERIOD = fc.constantFrom('2026-07', '2026-08', '2026-09', '2026-Q3', '2026-H2', '2026');

const OF_KIND: Record<string, string[]> = { month: ['2026-07', '2026-08', '2026-09'], quarter: ['2026-Q3'], half: ['2026-H2'], year: ['2026'] };

/** One period of each kind the scheme computes something for (its cadence and its awards' cadences), months drawn at random. */
export function periodsFor(kinds: string[]): fc.Arbitrary<string[]> {
  const uniq = [...new Set(kinds)].sort();
  return fc.tuple(...uniq.map((k) => fc.constantFrom(...(OF_KIND[k] ?? ['2026-Q3']))));
}

/** Mostly a period of the scheme's cadence (its awards run), sometimes any other kind. */
export function periodFor(cadence: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(OF_KIND[cadence] ?? ['2026-Q3'])) }, { weight: 1, arbitrary: PERIOD });
}

/** Deep-freeze a workbook (rows, cells, Dates' containers) so any write throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** A structural copy of a workbook that keeps Dates as Dates (structuredClone does). */
export function cloneTabs(tabs: RawTab[]): RawTab[] {
  return structuredClone(tabs);
}

/** Text form of a workbook for before/after comparison (Dates by their time value, NaN kept). */
export function tabsFingerprint(tabs: RawTab[]): string {
  return JSON.stringify(tabs, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return `#num:${String(v)}`;
    if (v === undefined) return '#undefined';
    return v;
  }, 0).replace(/"(\d{4}-\d\d-\d\dT[^"]*)"/g, '"#date:$1"');
}

/**
 * Shuffle every input tab's data rows (header stays row 1) with permutations drawn
 * from `seeds`; returns the shuffled tabs and, per tab name, `perm[newIndex] = oldIndex`.
 */
export function shuffleTabs(tabs: RawTab[], seeds: number[]): { tabs: RawTab[]; perms: Map<string, number[]> } {
  const perms = new Map<string, number[]>();
  const out = tabs.map((t, k) => {
    const n = t.rows.length - 1;
    const perm = Array.from({ length: n }, (_, i) => i);
    let s = (seeds[k % seeds.length] >>> 0) || 1;
    for (let i = n - 1; i > 0; i--) {
      // xorshift32: deterministic, independent of Math.random.
      s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
      const j = s % (i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    perms.set(t.name, perm);
    return { name: t.name, rows: [t.rows[0], ...perm.map((i) => t.rows[i + 1])] };
  });
  return { tabs: out, perms };
}

/** Any cell a host could hand over, and then some. */
export const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string({ maxLength: 8 }), fc.constantFrom<Cell>(...HOSTILE_TEXT), fc.double(), fc.integer(), fc.boolean(),
  fc.constant(null), fc.constant(undefined), fc.date({ noInvalidDate: false }),
);

/**
 * Chaos: tabs named like input tabs (any alias, any case, or noise) whose header rows mix
 * real headers (English, Chinese, repeated) with noise, over random rows of any cells.
 */
export function chaosWorkbook(): fc.Arbitrary<RawTab[]> {
  const tabName = fc.oneof(
    fc.constantFrom(...Object.values(TAB_NAMES).flatMap((n) => [n.en, n.zh, n.en.toUpperCase(), ` ${n.zh} `]), 'Scheme', '方案', 'Runs', '运行记录'),
    fc.string({ maxLength: 6 }),
  );
  const headers = Object.values(HEADERS).flatMap((h) => [...h.en, ...h.zh]);
  const header = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Cell>(...headers) }, { weight: 1, arbitrary: anyCell }), { maxLength: 10 });
  const tab = fc.record({ name: tabName, rows: fc.tuple(header, fc.array(fc.array(anyCell, { maxLength: 11 }), { maxLength: 12 })) })
    .map(({ name, rows: [h, body] }): RawTab => ({ name, rows: [h, ...body] }));
  return fc.array(tab, { maxLength: 6 });
}
