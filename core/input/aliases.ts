/**
 * The names of the data contract (SPEC §1) in English and Chinese: input tabs,
 * their columns in order, and the vocabularies of coded cells (incident types,
 * levels, ratings, review sources and dimensions, booleans).
 *
 * Other modules (templates, the Scheme tab, the UI) reuse these tables, so that a
 * header written in a template is always a header the reader recognises.
 *
 * Matching rule for every name here (`nameKey`): full-width characters folded to
 * half-width, letter case ignored, white space / `_` / `-` removed, and a trailing
 * note in brackets or a trailing `*` / `:` dropped — so `Staff ID`, `staff_id`,
 * `ＳＴＡＦＦ＿ＩＤ`, `工号*` and `金额（元）` all match their column.
 */
import { foldWidth } from '../ids';
import type { AppealStatus, Level, Rating, ReviewSource, TabId } from '../types';

/** How a column's cells are read (see core/input/cells.ts). */
export type ColumnType =
  | 'staff_id'      // text, the lookup key of a person (Staff.staff_id)
  | 'staff_ref'     // text, must name a person of the Staff tab
  | 'text'
  | 'date'          // YYYY-MM-DD
  | 'month'         // YYYY-MM
  | 'period'        // YYYY-MM | YYYY-Qn | YYYY-Hn | YYYY
  | 'number'
  | 'integer'
  | 'money'         // integer fen
  | 'boolean'
  | 'level'
  | 'rating'
  | 'source'
  | 'dimension'
  | 'incident_type'
  | 'appeal_status'; // pending / rejected / accepted (APPEAL_STATUSES)

export interface ColumnSpec {
  /** Stable field id (also the English header). */
  id: string;
  /** Header written in English templates. */
  en: string;
  /** Header written in Chinese templates. */
  zh: string;
  /** Every other accepted header (English and Chinese); `en` and `zh` are accepted too. */
  aliases: readonly string[];
  /** The column must be present and every row must fill it. */
  required: boolean;
  type: ColumnType;
}

export interface TabSpec {
  id: TabId;
  /** Tab name written in English workbooks. */
  en: string;
  /** Tab name written in Chinese workbooks. */
  zh: string;
  /** Every other accepted tab name. */
  aliases: readonly string[];
  /** The run cannot start without this tab. */
  required: boolean;
  /** Columns in template order. Empty for tabs read by other modules (Scheme, Runs). */
  columns: readonly ColumnSpec[];
  /** Groups of columns of which at least one must be present, and filled in every row. */
  atLeastOne: readonly (readonly string[])[];
}

function col(id: string, zh: string, aliases: readonly string[], required: boolean, type: ColumnType): ColumnSpec {
  return { id, en: id, zh, aliases, required, type };
}

// Columns that recur take the same aliases in every tab (SPEC §1).
const DATE_ALIASES = ['日期', 'date', 'day'];
const STAFF_ID_ALIASES = ['工号', '员工编号', 'staff id', 'employee id', 'emp id'];

export const TAB_SPECS: Readonly<Record<TabId, TabSpec>> = {
  staff: {
    id: 'staff', en: 'Staff', zh: '员工',
    aliases: ['员工名单', '人员', '员工信息', 'employees', 'people'],
    required: true,
    atLeastOne: [],
    columns: [
      col('staff_id', '工号', [...STAFF_ID_ALIASES, '编号', 'ID'], true, 'staff_id'),
      col('name', '姓名', ['员工姓名', '名字', 'staff name', 'full name'], true, 'text'),
      col('department', '部门', ['dept', '部门名称'], true, 'text'),
      col('group', '组别', ['小组', '班组', 'team'], false, 'text'),
      col('position', '岗位', ['职位', 'job', 'job title'], false, 'text'),
      col('level', '职级', ['层级', '级别', 'grade'], false, 'level'),
      col('hire_date', '入职日期', ['入职时间', 'hired', 'start date'], true, 'date'),
      col('regular_date', '转正日期', ['转正时间', 'regularisation date', 'regularization date'], false, 'date'),
      col('leave_date', '离职日期', ['离职时间', 'exit date', 'end date'], false, 'date'),
      col('manager_id', '上级工号', ['主管工号', '直属上级工号', 'manager', 'superior id'], false, 'staff_ref'),
    ],
  },
  feedback: {
    id: 'feedback', en: 'Feedback', zh: '客户反馈',
    aliases: ['回访', '客户评价', 'customer feedback'],
    required: false,
    atLeastOne: [['score', 'rating', 'likes']],
    columns: [
      col('date', '日期', [...DATE_ALIASES, '反馈日期', '回访日期'], true, 'date'),
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('score', '评分', ['分数', '满意度'], false, 'number'),
      col('rating', '评价', ['期望值', '评价结果'], false, 'rating'),
      col('likes', '点赞', ['点赞数', 'like'], false, 'integer'),
      col('customer', '客户', ['客户名称', '客户姓名', 'client'], false, 'text'),
      col('channel', '渠道', ['来源渠道', 'source'], false, 'text'),
      col('comment', '内容', ['备注', '反馈内容', '意见', 'comments', 'note'], false, 'text'),
    ],
  },
  incidents: {
    id: 'incidents', en: 'Incidents', zh: '奖惩记录',
    aliases: ['事件', '违纪投诉', 'incident', 'events'],
    required: false,
    atLeastOne: [],
    columns: [
      col('date', '日期', [...DATE_ALIASES, '发生日期'], true, 'date'),
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('type', '类型', ['事件类型', '奖惩类型', 'kind'], true, 'incident_type'),
      col('points', '分值', ['积分', '分数'], false, 'number'),
      col('amount', '金额', ['金额(元)', 'money'], false, 'money'),
      col('note', '说明', ['备注', 'comment', 'notes'], false, 'text'),
    ],
  },
  attendance: {
    id: 'attendance', en: 'Attendance', zh: '考勤',
    aliases: ['考勤记录', '出勤'],
    required: false,
    atLeastOne: [],
    columns: [
      col('month', '月份', ['月', '考勤月份'], true, 'month'),
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('scheduled_days', '应出勤', ['应出勤天数', '应出勤(天)', 'scheduled'], false, 'number'),
      col('absent_days', '旷工', ['旷工天数', 'absent', 'absence'], false, 'number'),
      col('late', '迟到次数', ['迟到', 'late count'], false, 'integer'),
      col('early_leave', '早退次数', ['早退', 'early leave count'], false, 'integer'),
      col('sick_leave_days', '病假', ['病假天数', 'sick leave', 'sick days'], false, 'number'),
      col('personal_leave_days', '事假', ['事假天数', 'personal leave'], false, 'number'),
    ],
  },
  reviews: {
    id: 'reviews', en: 'Reviews', zh: '考评',
    aliases: ['考评记录', 'review', 'evaluations'],
    required: false,
    atLeastOne: [],
    columns: [
      col('period', '考评期间', ['期间', '考评周期', '周期'], true, 'period'),
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('source', '来源', ['评价人', '评分来源', 'rater'], true, 'source'),
      col('dimension', '维度', ['考评维度', '项目', 'criterion'], false, 'dimension'),
      col('score', '分数', ['得分', '评分'], true, 'number'),
      col('max', '满分', ['max score', 'full score', 'out of'], false, 'number'),
      col('reviewer', '评委', ['评分人', '考评人', 'rated by', 'judge'], false, 'text'),
    ],
  },
  cases: {
    id: 'cases', en: 'Cases', zh: '服务案例',
    aliases: ['案例', 'service cases', 'case'],
    required: false,
    atLeastOne: [['text', 'length']],
    columns: [
      col('date', '提交日期', [...DATE_ALIASES, '提交时间', 'submitted'], true, 'date'),
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('title', '标题', ['案例标题', '题目'], false, 'text'),
      col('text', '内容', ['案例内容', '正文', 'content', 'body'], false, 'text'),
      col('length', '字数', ['length', 'characters', 'word count'], false, 'integer'),
      col('quality', '评分', ['质量', '质量评分', 'score'], false, 'number'),
      col('regional_excellent', '区域优秀', ['区域优秀案例', 'regional'], false, 'boolean'),
    ],
  },
  quotas: {
    id: 'quotas', en: 'Quotas', zh: '名额',
    aliases: ['名额分配', 'quota'],
    required: false,
    atLeastOne: [],
    columns: [
      col('award', '奖项', ['奖项名称', 'award id'], true, 'text'),
      col('scope', '范围', ['部门', '组别', 'department', 'group'], true, 'text'),
      col('count', '名额', ['人数', '名额数', 'quota'], true, 'integer'),
    ],
  },
  redemptions: {
    id: 'redemptions', en: 'Redemptions', zh: '积分兑换',
    aliases: ['兑换', '兑换记录', 'redemption'],
    required: false,
    atLeastOne: [],
    columns: [
      col('date', '日期', [...DATE_ALIASES, '兑换日期'], true, 'date'),
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('points', '积分', ['分值', '兑换积分'], true, 'number'),
      col('note', '说明', ['备注', 'notes'], false, 'text'),
    ],
  },
  appeals: {
    id: 'appeals', en: 'Appeals', zh: '申诉',
    aliases: ['异议', '复核', '申诉记录', 'appeal', 'disputes'],
    required: false,
    atLeastOne: [],
    columns: [
      col('staff_id', '工号', [...STAFF_ID_ALIASES, '申诉人工号', '申诉人'], true, 'staff_ref'),
      col('tab', '表', ['工作表', '所在表', 'sheet', 'target tab'], true, 'text'),
      col('row', '行号', ['行', '所在行', 'row number', 'target row'], true, 'integer'),
      col('filed', '提交日期', ['申诉日期', '提出日期', 'filed on', 'filed date', 'date'], false, 'date'),
      col('status', '状态', ['处理状态', '处理结果', 'result'], false, 'appeal_status'),
      col('decided', '处理日期', ['决定日期', 'decided on', 'decision date'], false, 'date'),
      col('note', '说明', ['备注', 'notes', 'comment'], false, 'text'),
    ],
  },
  investigations: {
    id: 'investigations', en: 'Investigations', zh: '调查',
    aliases: ['调查处理', '调查记录', 'investigation'],
    required: false,
    atLeastOne: [],
    columns: [
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('start', '开始日期', ['开始', '立案日期', 'start date', 'from'], true, 'date'),
      col('end', '结束日期', ['结束', '结案日期', 'end date', 'to'], false, 'date'),
      col('note', '说明', ['备注', 'notes', 'comment'], false, 'text'),
    ],
  },
  nominations: {
    id: 'nominations', en: 'Nominations', zh: '提名',
    aliases: ['候选人', '推荐名单', 'nomination', 'candidates'],
    required: false,
    atLeastOne: [],
    columns: [
      col('period', '期间', ['评选期间', '提名期间'], true, 'period'),
      col('staff_id', '工号', STAFF_ID_ALIASES, true, 'staff_ref'),
      col('nominated_by', '推荐人', ['提名人', 'nominator', 'nominated by'], false, 'text'),
      col('note', '说明', ['备注', '推荐理由', 'notes', 'reason'], false, 'text'),
    ],
  },
  scheme: {
    id: 'scheme', en: 'Scheme', zh: '方案',
    aliases: ['评选方案', '奖惩方案'],
    required: false, atLeastOne: [], columns: [],
  },
  runs: {
    id: 'runs', en: 'Runs', zh: '运行记录',
    aliases: ['run log', 'run'],
    required: false, atLeastOne: [], columns: [],
  },
};

/** Input tabs in reading order (Staff first: every other tab refers to it). */
export const TAB_ORDER: readonly TabId[] = [
  'staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions', 'appeals', 'investigations', 'nominations', 'scheme', 'runs',
];

/**
 * The matching key of a tab name, header or coded value (see the file comment).
 * Output tab names carry a period (`Ranking 2026-Q3`) and so never equal an input alias.
 */
export function nameKey(text: string): string {
  let s = foldWidth(text).toLowerCase().trim();
  // A trailing note in brackets ("金额（元）", "date (YYYY-MM-DD)") and required-marks ("工号*").
  s = s.replace(/[*:]+$/, '').replace(/\s*[([【][^()[\]【】]*[)\]】]\s*$/, '');
  return s.replace(/[\s_\-*:]+/g, '');
}

function index<T>(entries: [T, readonly string[]][]): Map<string, T> {
  const out = new Map<string, T>();
  for (const [value, names] of entries) for (const n of names) out.set(nameKey(n), value);
  return out;
}

// The lookup tables below are built on first use, not when the module loads: keying every alias
// (foldWidth and three regular expressions per name) was about 3 ms of the command line's start-up,
// before its first progress line, and a command that reads no tab never needs them.
let tabIndex: Map<string, TabId> | undefined;

/** The tab id of a tab name as written, or null (output tabs and unrelated tabs). */
export function tabIdOf(name: string): TabId | null {
  tabIndex ??= index(TAB_ORDER.map((id) => [id, [TAB_SPECS[id].en, TAB_SPECS[id].zh, ...TAB_SPECS[id].aliases]]));
  return tabIndex.get(nameKey(String(name ?? ''))) ?? null;
}

let columnIndex: Map<TabId, Map<string, ColumnSpec>> | undefined;

/** The column of `tab` a header as written names, or null (extra columns). */
export function columnOf(tab: TabId, header: string): ColumnSpec | null {
  columnIndex ??= new Map(
    TAB_ORDER.map((id) => [id, index(TAB_SPECS[id].columns.map((c) => [c, [c.id, c.en, c.zh, ...c.aliases]]))]),
  );
  return columnIndex.get(tab)?.get(nameKey(header)) ?? null;
}

// ---- Coded values ----

/** Incident types (SPEC §1 Incidents): canonical id → aliases. */
export const INCIDENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  complaint: ['投诉', '有效投诉', '客户投诉'],
  violation: ['违纪', '违规'],
  warning: ['警告', '书面警告'],
  criticism: ['通报批评', '批评'],
  absence: ['旷工'],
  late: ['迟到'],
  early_leave: ['早退'],
  error: ['差错', '失误'],
  major_error: ['重大失误', '重大差错'],
  anger_card: ['愤怒卡'],
  task_missed: ['作业未达标'],
  praise: ['表扬', '客户表扬'],
  surprise_service: ['惊喜服务', '超值服务'],
  recommendation: ['推荐'],
  suggestion_adopted: ['建议采纳'],
  innovation: ['创新'],
  late_revisit: ['回访不及时'],
  incomplete_record: ['回访记录不完整'],
};

export const LEVELS: Readonly<Record<Level, readonly string[]>> = {
  staff: ['员工', '普通员工', '职员', '专员'],
  team_lead: ['班长', '领班', '组长', 'team lead', 'team leader'],
  supervisor: ['主管', '课长', '主任'],
  manager: ['经理', '部门经理', '总监'],
};

export const RATINGS: Readonly<Record<Rating, readonly string[]>> = {
  exceeded: ['超越', '超越期望', '超出期望', '超出', 'exceeds', 'exceeded expectations'],
  met: ['达到', '达到期望', '符合期望', '符合', 'meets', 'met expectations'],
  below: ['低于', '低于期望', '未达到', '未达到期望', 'below expectations'],
};

export const REVIEW_SOURCES: Readonly<Record<ReviewSource, readonly string[]>> = {
  self: ['自评', '本人'],
  supervisor: ['上级', '主管', '上级评价'],
  customer: ['客户', '客户评价'],
  peer: ['同事', '同事互评', '互评'],
  committee: ['评委', '评委会'],
  vote: ['员工选举', '投票', '选举'],
};

/** Review dimensions with a canonical id; any other text is kept as written. */
export const REVIEW_DIMENSIONS: Readonly<Record<string, readonly string[]>> = {
  attitude: ['服务态度', '态度'],
  quality: ['服务质量', '质量'],
  performance: ['工作业绩', '业绩'],
  skill: ['业务技能', '技能'],
};

/** Appeal statuses (SPEC §1 Appeals): canonical id → aliases. A blank status is pending. */
export const APPEAL_STATUSES: Readonly<Record<AppealStatus, readonly string[]>> = {
  pending: ['待处理', '处理中', '未处理', '审核中', 'open', 'in progress'],
  rejected: ['驳回', '维持', '维持原结果', '不成立', 'denied', 'dismissed'],
  accepted: ['成立', '撤销', '申诉成立', '已撤销', 'granted', 'void', 'voided'],
};

export const BOOLEANS: Readonly<Record<'true' | 'false', readonly string[]>> = {
  true: ['yes', 'y', 'true', '是', '✓', '✔', '√', '1', '对'],
  false: ['no', 'n', 'false', '否', '✗', '✘', '×', '0', '错'],
};

function vocabulary<T extends string>(table: Readonly<Record<T, readonly string[]>>): Map<string, T> {
  return index((Object.keys(table) as T[]).map((id) => [id, [id, ...table[id]]]));
}

/** The vocabularies' lookup tables, built together on first use (see tabIdOf). */
let vocabularies: {
  incident: Map<string, string>; level: Map<string, Level>; rating: Map<string, Rating>; source: Map<string, ReviewSource>;
  dimension: Map<string, string>; boolean: Map<string, 'true' | 'false'>; appealStatus: Map<string, AppealStatus>;
} | undefined;

function vocab(): NonNullable<typeof vocabularies> {
  return vocabularies ??= {
    incident: vocabulary(INCIDENT_TYPES),
    level: vocabulary(LEVELS),
    rating: vocabulary(RATINGS),
    source: vocabulary(REVIEW_SOURCES),
    dimension: vocabulary(REVIEW_DIMENSIONS),
    boolean: vocabulary(BOOLEANS),
    appealStatus: vocabulary(APPEAL_STATUSES),
  };
}

export function appealStatusOf(text: string): AppealStatus | null {
  return vocab().appealStatus.get(nameKey(text)) ?? null;
}

/** Canonical incident type, or null when the type is not one of SPEC §1's. */
export function incidentTypeOf(text: string): string | null {
  return vocab().incident.get(nameKey(text)) ?? null;
}
export function levelOf(text: string): Level | null {
  return vocab().level.get(nameKey(text)) ?? null;
}
export function ratingOf(text: string): Rating | null {
  return vocab().rating.get(nameKey(text)) ?? null;
}
export function reviewSourceOf(text: string): ReviewSource | null {
  return vocab().source.get(nameKey(text)) ?? null;
}
export function dimensionOf(text: string): string | null {
  return vocab().dimension.get(nameKey(text)) ?? null;
}
export function booleanOf(text: string): boolean | null {
  const v = vocab().boolean.get(nameKey(text));
  return v === undefined ? null : v === 'true';
}
