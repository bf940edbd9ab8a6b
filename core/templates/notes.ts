/**
 * What goes in each column of the input tabs, in Chinese and English: the cell
 * note a template puts on every header (SPEC §1 in a sentence per column).
 * Columns without a note here get one built from their type.
 */
import type { ColumnSpec, TabSpec } from '../input/aliases';
import type { Lang } from '../types';

type Note = { zh: string; en: string };
const n = (zh: string, en: string): Note => ({ zh, en });

const NOTES: Record<string, Note> = {
  'staff.staff_id': n('工号，每人唯一；其他表用它找人', 'Staff id, unique per person; other tabs refer to it'),
  'staff.name': n('姓名', 'Full name'),
  'staff.department': n('所属部门', 'Department'),
  'staff.group': n('组别；不填则按部门', 'Group; blank means the department'),
  'staff.position': n('岗位（可不填）', 'Position (optional)'),
  'staff.level': n('员工 / 班长 / 主管 / 经理；不填为员工', 'staff / team_lead / supervisor / manager; blank = staff'),
  'staff.hire_date': n('入职日期，如 2025-03-01', 'Hire date, e.g. 2025-03-01'),
  'staff.regular_date': n('转正日期；不填则按入职日期加试用期', 'Regularisation date; blank = hire date + probation months'),
  'staff.leave_date': n('离职日期；在职不填', 'Leave date; blank while employed'),
  'staff.manager_id': n('直属上级的工号（上级奖按此逐级发放）', "Direct superior's staff id (manager bonuses follow this chain)"),
  'feedback.date': n('反馈日期', 'Date of the feedback'),
  'feedback.staff_id': n('被评价员工的工号', 'Staff id of the person rated'),
  'feedback.score': n('客户评分（默认 1–5 分）', 'Customer score (1–5 unless the scheme says otherwise)'),
  'feedback.rating': n('超越 / 达到 / 低于（期望）', 'exceeded / met / below (expectations)'),
  'feedback.likes': n('点赞数（整数）', 'Likes (whole number)'),
  'feedback.customer': n('客户（可不填）', 'Customer (optional)'),
  'feedback.channel': n('渠道，如电话回访、微信', 'Channel, e.g. phone follow-up, app'),
  'feedback.comment': n('客户原话或备注', "Customer's words or a note"),
  'incidents.date': n('发生日期', 'Date of the incident'),
  'incidents.staff_id': n('当事员工的工号', 'Staff id of the person'),
  'incidents.type': n('类型：投诉、违纪、警告、通报批评、差错、重大失误、愤怒卡、作业未达标、表扬、惊喜服务、推荐……', 'Type: complaint, violation, warning, criticism, error, major_error, anger_card, task_missed, praise, surprise_service, recommendation…'),
  'incidents.points': n('分值（可不填）', 'Points (optional)'),
  'incidents.amount': n('金额（元，可不填）', 'Amount in yuan (optional)'),
  'incidents.note': n('说明', 'Note'),
  'attendance.month': n('月份，如 2026-06', 'Month, e.g. 2026-06'),
  'attendance.staff_id': n('工号', 'Staff id'),
  'attendance.scheduled_days': n('应出勤天数', 'Scheduled working days'),
  'attendance.absent_days': n('旷工天数', 'Days absent without leave'),
  'attendance.late': n('迟到次数', 'Times late'),
  'attendance.early_leave': n('早退次数', 'Times left early'),
  'attendance.sick_leave_days': n('病假天数', 'Sick leave days'),
  'attendance.personal_leave_days': n('事假天数', 'Personal leave days'),
  'reviews.period': n('考评期间：2026-06、2026-Q2、2026-H1 或 2026', 'Review period: 2026-06, 2026-Q2, 2026-H1 or 2026'),
  'reviews.staff_id': n('被考评员工的工号', 'Staff id of the person reviewed'),
  'reviews.source': n('来源：自评 / 上级 / 客户 / 同事 / 评委 / 员工选举', 'Source: self / supervisor / customer / peer / committee / vote'),
  'reviews.dimension': n('维度：服务态度 / 服务质量 / 工作业绩 / 业务技能（可不填）', 'Dimension: attitude / quality / performance / skill (optional)'),
  'reviews.score': n('分数', 'Score'),
  'reviews.max': n('满分；不填为 100', 'Full marks; blank = 100'),
  'cases.date': n('提交日期（每月 25 日前为按时）', 'Date submitted (by the 25th is on time)'),
  'cases.staff_id': n('撰写人的工号', 'Staff id of the writer'),
  'cases.title': n('案例标题', 'Title of the case'),
  'cases.text': n('案例全文（用于字数和抄袭检查）', 'Full text (used for length and copy checks)'),
  'cases.length': n('字数；有全文时可不填', 'Length in characters; not needed when the text is given'),
  'cases.quality': n('评审评分 0–3', "Reviewer's rating 0–3"),
  'cases.regional_excellent': n('是否被评为区域优秀案例：是 / 否', 'Rated regional excellent: yes / no'),
  'appeals.staff_id': n('提出申诉的员工工号（须是被申诉那一行的本人）', 'Staff id of the person appealing (the person of the disputed row)'),
  'appeals.tab': n('被申诉的行所在的表，如 客户反馈、奖惩记录', 'Tab of the disputed row, e.g. Feedback, Incidents'),
  'appeals.row': n('被申诉的行号（表格左侧看到的行号）', 'Row number of the disputed row, as shown at the left of the sheet'),
  'appeals.filed': n('提交申诉的日期；方案设有申诉期限时，逾期的不处理', 'Date the appeal was filed; past the scheme\'s deadline it is not applied'),
  'appeals.status': n('待处理 / 驳回 / 成立；不填为待处理。成立则该行不参与计算，待处理则结果标注“申诉待处理”', 'pending / rejected / accepted; blank = pending. Accepted voids the row; pending marks the results it could change'),
  'appeals.decided': n('处理日期（可不填）', 'Date decided (optional)'),
  'appeals.note': n('申诉理由或处理意见', 'Reason or decision'),
  'investigations.staff_id': n('被调查员工的工号', 'Staff id of the person under investigation'),
  'investigations.start': n('调查开始日期', 'Date the investigation started'),
  'investigations.end': n('调查结束日期；调查中不填。与评选期间重叠者不参与该期评选（方案含此规则时）', 'Date it ended; blank while open. Anyone under investigation during a window is held out of its awards (when the scheme has this rule)'),
  'investigations.note': n('说明', 'Note'),
  'quotas.award': n('奖项编号（见“方案”表）', 'Award id (see the Scheme tab)'),
  'quotas.scope': n('部门或组别名称', 'Department or group name'),
  'quotas.count': n('名额（人数）', 'Quota (number of winners)'),
  'redemptions.date': n('兑换日期', 'Date of the redemption'),
  'redemptions.staff_id': n('工号', 'Staff id'),
  'redemptions.points': n('兑换掉的积分', 'Points spent'),
  'redemptions.note': n('兑换内容', 'What was redeemed'),
};

/** The note for a column header: what goes there, and whether it must be filled. */
export function columnNote(tab: TabSpec, col: ColumnSpec, lang: Lang): string {
  const own = NOTES[`${tab.id}.${col.id}`];
  const text = own ? own[lang] : col.id;
  if (!col.required) return text;
  return lang === 'zh' ? `${text}（必填）` : `${text} (required)`;
}
