/**
 * Output wording in both languages: tab names, column headers, level and action
 * names, the coded values of the data contract (incident types, ratings, review
 * sources, attendance fields), and the sentence pieces of the Ranking tab's *why*.
 * Only generic vocabulary lives here; award, measure and gate names come from the
 * scheme (core/output/scheme-labels.ts). To give a new id a label, add one line to
 * the table it belongs to; test/core/output/no-codes.test.ts fails while one is missing.
 */
import type { Lang } from '../types';

export type L = Record<Lang, string>;

export function tabName(kind: 'ranking' | 'bonus' | 'points', periodId: string, lang: Lang): string {
  const base = { ranking: { zh: '排名', en: 'Ranking' }, bonus: { zh: '奖金', en: 'Bonus' }, points: { zh: '积分', en: 'Points' } }[kind];
  return `${base[lang]} ${periodId}`;
}

export const H = {
  rank: { zh: '名次', en: 'Rank' },
  staffId: { zh: '工号', en: 'Staff ID' },
  name: { zh: '姓名', en: 'Name' },
  department: { zh: '部门', en: 'Department' },
  group: { zh: '组别', en: 'Group' },
  total: { zh: '总分', en: 'Total' },
  deductions: { zh: '扣分', en: 'Deductions' },
  stars: { zh: '星级', en: 'Stars' },
  starBonus: { zh: '星级奖金', en: 'Star bonus' },
  eligible: { zh: '是否符合条件', en: 'Eligible' },
  reasons: { zh: '不符合原因', en: 'Reasons' },
  awards: { zh: '获奖', en: 'Awards' },
  why: { zh: '说明', en: 'Why' },
  kind: { zh: '类别', en: 'Kind' },
  item: { zh: '项目', en: 'Item' },
  window: { zh: '期间', en: 'Window' },
  amount: { zh: '金额', en: 'Amount' },
  budget: { zh: '预算', en: 'Budget' },
  unspent: { zh: '未发放', en: 'Unspent' },
  extras: { zh: '其他奖励', en: 'Extras' },
  note: { zh: '备注', en: 'Note' },
  earned: { zh: '本期所得', en: 'Earned' },
  redeemed: { zh: '本期兑换', en: 'Redeemed' },
  balance: { zh: '期末余额', en: 'Balance' },
  detail: { zh: '明细', en: 'Detail' },
} satisfies Record<string, L>;

export const YES: L = { zh: '是', en: 'yes' };
export const NO: L = { zh: '否', en: 'no' };

export const BONUS_KIND = {
  award: { zh: '奖项', en: 'award' },
  payup: { zh: '上级奖', en: 'manager award' },
  stars: { zh: '星级奖金', en: 'star bonus' },
  fine: { zh: '罚款', en: 'fine' },
  penalty: { zh: '处理', en: 'penalty' },
  total: { zh: '奖项合计', en: 'award total' },
  fund: { zh: '罚款去向', en: 'fund' },
  net: { zh: '个人合计', en: 'net' },
} satisfies Record<string, L>;

export const LEVELS: Record<string, L> = {
  staff: { zh: '员工', en: 'staff' },
  team_lead: { zh: '班长/领班', en: 'team lead' },
  supervisor: { zh: '主管', en: 'supervisor' },
  manager: { zh: '经理', en: 'manager' },
};

/** The penalty actions of SPEC §3; other action ids are shown as written. */
export const ACTIONS: Record<string, L> = {
  fine: { zh: '罚款', en: 'fine' },
  point_deduction: { zh: '扣分', en: 'point deduction' },
  warning: { zh: '警告', en: 'warning' },
  training: { zh: '培训', en: 'training' },
  standby_training: { zh: '待岗培训', en: 'standby training' },
  retraining: { zh: '重新培训', en: 'retraining' },
  criticism: { zh: '通报批评', en: 'criticism' },
  red_flag: { zh: '流动红旗', en: 'red flag' },
  promotion_priority: { zh: '优先晋升', en: 'promotion priority' },
};

/**
 * The label of `id` in `table`, in `lang`. A missing label falls back to the id
 * itself, which the no-codes test (test/core/output/no-codes.test.ts) reports by
 * name, so a missing label is found by a test rather than by a user.
 */
export function labelOf(table: Readonly<Record<string, L>>, id: string, lang: Lang): string {
  return table[id]?.[lang] ?? id;
}

export function actionLabel(id: string, lang: Lang): string {
  return labelOf(ACTIONS, id, lang);
}

/** Incident types of SPEC §1 (zh: the first alias of core/input/aliases.ts). */
export const INCIDENT_LABELS: Record<string, L> = {
  complaint: { zh: '投诉', en: 'complaint' },
  violation: { zh: '违纪', en: 'violation' },
  warning: { zh: '警告', en: 'warning' },
  criticism: { zh: '通报批评', en: 'criticism' },
  absence: { zh: '旷工', en: 'absence' },
  late: { zh: '迟到', en: 'late' },
  early_leave: { zh: '早退', en: 'early leave' },
  error: { zh: '差错', en: 'error' },
  major_error: { zh: '重大失误', en: 'major error' },
  anger_card: { zh: '愤怒卡', en: 'anger card' },
  task_missed: { zh: '作业未达标', en: 'task missed' },
  praise: { zh: '表扬', en: 'praise' },
  surprise_service: { zh: '惊喜服务', en: 'surprise service' },
  recommendation: { zh: '推荐', en: 'recommendation' },
  suggestion_adopted: { zh: '建议采纳', en: 'suggestion adopted' },
  innovation: { zh: '创新', en: 'innovation' },
  late_revisit: { zh: '回访不及时', en: 'late revisit' },
  incomplete_record: { zh: '回访记录不完整', en: 'incomplete record' },
};

/** An incident type as the user reads it: a known type's label, an unknown one as written. */
export function incidentLabel(type: string, lang: Lang): string {
  return INCIDENT_LABELS[type]?.[lang] ?? type;
}

export const RATING_LABELS: Record<string, L> = {
  exceeded: { zh: '超越', en: 'exceeded' },
  met: { zh: '达到', en: 'met' },
  below: { zh: '低于', en: 'below' },
};

export const SOURCE_LABELS: Record<string, L> = {
  self: { zh: '自评', en: 'self' },
  supervisor: { zh: '上级', en: 'supervisor' },
  customer: { zh: '客户', en: 'customer' },
  peer: { zh: '同事', en: 'peer' },
  committee: { zh: '评委', en: 'committee' },
  vote: { zh: '员工选举', en: 'vote' },
};

export const DIMENSION_LABELS: Record<string, L> = {
  attitude: { zh: '服务态度', en: 'attitude' },
  quality: { zh: '服务质量', en: 'quality' },
  performance: { zh: '工作业绩', en: 'performance' },
  skill: { zh: '业务技能', en: 'skill' },
};

/** Attendance fields that break full attendance (SPEC §1 Attendance). */
export const ATTENDANCE_LABELS: Record<string, L> = {
  absent_days: { zh: '旷工', en: 'absent days' },
  late: { zh: '迟到', en: 'late' },
  early_leave: { zh: '早退', en: 'early leaves' },
  sick_leave_days: { zh: '病假', en: 'sick leave days' },
  personal_leave_days: { zh: '事假', en: 'personal leave days' },
};

/** Any coded value of the data contract (incident type, rating, source, dimension, level) as words; other text as written. */
export function valueLabel(value: string, lang: Lang): string {
  for (const t of [INCIDENT_LABELS, RATING_LABELS, SOURCE_LABELS, DIMENSION_LABELS, LEVELS]) {
    const l = t[value];
    if (l) return l[lang];
  }
  return value;
}

/** Company-wide scope as `awards[].scope` writes it in `--json` (core/output/result-json.ts). */
export function scopeLabel(scope: string, lang: Lang): string {
  return scope === '' || scope === 'company' ? (lang === 'zh' ? '全公司' : 'company-wide') : scope;
}

export const SCOPE_COMPANY: L = { zh: '全公司', en: 'the company' };

export const OPS: Record<string, L> = {
  '>=': { zh: '≥', en: '≥' }, '>': { zh: '>', en: '>' }, '<=': { zh: '≤', en: '≤' },
  '<': { zh: '<', en: '<' }, '=': { zh: '=', en: '=' }, '!=': { zh: '≠', en: '≠' },
};

export const EXTRAS = {
  certificate: { zh: '荣誉证书', en: 'certificate' },
  trophy: { zh: '奖杯', en: 'trophy' },
  leave: { zh: '荣誉假 {n} 天', en: '{n} days of honour leave' },
  title: { zh: '称号“{t}”', en: 'title "{t}"' },
} satisfies Record<string, L>;

/** Templates split at their placeholders once: [text, name, text, name, …, text]. */
const SPLIT_TEMPLATES = new Map<string, string[]>();

/**
 * Fill `{name}` placeholders (an unknown name stays as written). Each template is
 * split once and kept: a Statements tab fills the same few templates hundreds of
 * thousands of times.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  let parts = SPLIT_TEMPLATES.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    // Templates are the label tables' (a few hundred); a bound keeps any other text from piling up.
    if (SPLIT_TEMPLATES.size < 4096) SPLIT_TEMPLATES.set(template, parts);
  }
  let out = parts[0];
  for (let k = 1; k < parts.length; k += 2) {
    const name = parts[k];
    // One lookup per placeholder; `in` only for a value that is undefined (written as String writes it), or a name not given.
    const v = values[name];
    out += (typeof v === 'string' ? v : v !== undefined ? String(v) : name in values ? 'undefined' : `{${name}}`) + parts[k + 1];
  }
  return out;
}

/** Sentence pieces of the why. */
export const WHY = {
  left: { zh: '已于 {date} 离职，不参加本期评选', en: 'left on {date}, so not a candidate this period' },
  not_hired: { zh: '{date} 才入职，不参加本期评选', en: 'hired on {date}, after the period' },
  not_candidate: { zh: '不是{each}“{awards}”的获奖者', en: 'not a winner of {awards} in any {each}' },
  not_nominated: { zh: '本期（{window}）未获提名', en: 'not nominated for {window}' },
  no_data: { zh: '没有“{measure}”的数据', en: 'no data for {measure}' },
  gate_position: { zh: '{label}：岗位为“{value}”', en: '{label}: position is "{value}"' },
  gate_hired_within: { zh: '{label}：入职日期 {value}，不在 {window} 内', en: '{label}: hired on {value}, not within {window}' },
  gate_not_winner: { zh: '{label}：已获同期“{award}”', en: '{label}: already won {award} in the same period' },
  gate_quorum: { zh: '{label}：仅 {value} 位评委评分，需至少 {min} 位', en: '{label}: scored by {value} committee members, at least {min} needed' },
  gate_tenure: { zh: '{label}：入职 {value} 个月，需满 {min} 个月', en: '{label}: {value} months of tenure, {min} needed' },
  gate_regular: { zh: '{label}：转正日期 {value}，期末尚未转正', en: '{label}: regular only from {value}' },
  gate_active: { zh: '{label}：已于 {value} 离职', en: '{label}: left on {value}' },
  gate_level: { zh: '{label}：职级为{value}', en: '{label}: level is {value}' },
  gate_incident: { zh: '{label}：有“{value}”记录（{at}）', en: '{label}: {value} recorded ({at})' },
  gate_investigation: { zh: '{label}：正在调查处理（{dates}，{at}）', en: '{label}: under investigation ({dates}, {at})' },
  investigation_open: { zh: '{start} 起，尚未结束', en: 'since {start}, still open' },
  gate_attendance: { zh: '{label}：{value}', en: '{label}: {value}' },
  gate_attendance_unknown: { zh: '{label}：{month} 没有考勤记录（按未知处理）', en: '{label}: no attendance row for {month} (counts as unknown)' },
  condition: { zh: '{label} 为 {value}，要求 {op} {threshold}', en: '{label} is {value}, needs {op} {threshold}' },
  condition_window: { zh: '{label} 在 {window} 为 {value}，要求 {op} {threshold}', en: '{label} in {window} is {value}, needs {op} {threshold}' },
  no_value: { zh: '无数据', en: 'no data' },
  not_eligible: { zh: '{award}：不符合条件——{reasons}。', en: '{award}: not eligible — {reasons}.' },
  ranked: { zh: '{award}：在{scope}符合条件的 {m} 人中排第 {rank} 名，名额 {quota}', en: '{award}: rank {rank} of {m} eligible in {scope}, quota {quota}' },
  ranked_all: { zh: '{award}：符合条件（本奖项不限名额）', en: '{award}: qualifies (no quota: every qualifying person wins)' },
  won: { zh: '，获奖', en: ', so won' },
  lost: { zh: '，未进入名额', en: ', outside the quota' },
  tie: { zh: '；与 {others} 并列最后一个获奖名次，均获奖（请评委复核）', en: '; tied with {others} at the last winning place, so all win (for the committee to review)' },
  decided: { zh: '；与 {other} 的“{measure}”相同，按“{key}”决出（{mine} 比 {theirs}）', en: '; level with {other} on {measure}, decided by {key} ({mine} vs {theirs})' },
  paid_fixed: { zh: '；奖金 {amount}（固定奖金）', en: '; paid {amount} (fixed prize)' },
  paid_pool: { zh: '；奖金 {amount}（奖金池 {budget} ÷ 名额 {quota}）', en: '; paid {amount} (pool {budget} ÷ quota {quota})' },
  paid_share: { zh: '；奖金 {amount}（{places} 个名额的奖金由 {g} 位并列者分享，尾差按工号顺序每人 0.01）', en: '; paid {amount} ({places} places shared by {g} co-winners, leftover fen by staff id)' },
  extras: { zh: '；另有{extras}', en: '; also {extras}' },
  payup: { zh: '作为 {winner} 的第 {level} 级上级，获“{award}” {amount}。', en: 'As level-{level} superior of {winner}, receives {award} {amount}.' },
  score: { zh: '总分 {score}', en: 'Score {score}' },
  score_missing: { zh: '（无“{comps}”数据，其余各项按比例折算）', en: ' (no data for {comps}; the other weights rescaled)' },
  score_fallback: { zh: '（“{comps}”用替代数据）', en: ' ({comps} from the fallback)' },
  score_deducted: { zh: '，扣 {points} 分', en: ', {points} points deducted' },
  stars: { zh: '，{stars} 星，星级奖金 {bonus}', en: ', {stars} star{s}, star bonus {bonus}' },
  no_score: { zh: '没有评分数据', en: 'No score data' },
  penalty: { zh: '{window}：{label}（{value}）→ {action}{money}{points}。', en: '{window}: {label} ({value}) → {action}{money}{points}.' },
  penalty_money: { zh: '，罚款 {amount}', en: ', fine {amount}' },
  penalty_points: { zh: '，积分 {points}', en: ', points {points}' },
  flag: { zh: '{window}：{label}。', en: '{window}: {label}.' },
  nothing: { zh: '本期无评选结果。', en: 'Nothing awarded this period.' },
} satisfies Record<string, L>;

export const EACH: Record<string, L> = {
  month: { zh: '各月', en: 'month' },
  quarter: { zh: '各季度', en: 'quarter' },
  half: { zh: '各半年', en: 'half year' },
  year: { zh: '各年度', en: 'year' },
};

/** Join a list the way each language does. */
export function joinList(items: string[], lang: Lang): string {
  return items.join(lang === 'zh' ? '；' : '; ');
}
