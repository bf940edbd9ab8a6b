// Generates the demo workbook examples/客服中心-2026Q3.xlsx and its CSV copies
// (examples/csv-zh: Chinese tab names and headers, UTF-8 BOM + CRLF like Excel's
// "CSV UTF-8"; examples/csv-en: English names, headers and codes, plain LF).
// Seeded and deterministic: the same script always produces the same rows.
// Run: node scripts/make-demo.mjs
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
export const WORKBOOK = '客服中心-2026Q3.xlsx';

// ---- deterministic randomness (mulberry32) ----
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20260930);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (list) => list[Math.floor(rand() * list.length)];

// ---- calendar helpers (days as YYYY-MM-DD strings) ----
const pad = (n) => String(n).padStart(2, '0');
const day = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const toUtc = (s) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
const fromUtc = (t) => new Date(t).toISOString().slice(0, 10);
const addMonths = (s, n) => {
  const y = Number(s.slice(0, 4)); const m = Number(s.slice(5, 7)) - 1 + n; const d = Number(s.slice(8, 10));
  const yy = y + Math.floor(m / 12); const mm = ((m % 12) + 12) % 12 + 1;
  const last = new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  return day(yy, mm, Math.min(d, last));
};
const isWorkday = (s) => { const w = new Date(toUtc(s)).getUTCDay(); return w > 0 && w < 6; };
function workdays(from, to) {
  const out = [];
  for (let t = toUtc(from); t <= toUtc(to); t += 86400000) { const s = fromUtc(t); if (isWorkday(s)) out.push(s); }
  return out;
}
const Q3 = workdays('2026-07-01', '2026-09-30');
const JUNE = workdays('2026-06-15', '2026-06-30');

/** A date cell: written as a real date in the workbook, ISO text in CSV; `text` keeps a typed-in form. */
const D = (iso, text) => ({ date: iso, text });

// ---- people ----
const NAMES = [
  '王丽娜', '张伟', '李静', '刘洋', '陈晓燕', '杨帆', '赵敏', '黄磊', '周婷', '吴昊',
  '徐慧', '孙浩然', '马丽', '朱佳怡', '胡斌', '郭晓东', '何雪', '林峰', '高雅琴', '罗晨',
  '郑丹', '梁志强', '谢芳', '宋雨桐', '唐俊', '许可欣', '韩冰', '冯涛', '邓文静', '曹阳',
  '彭欣怡', '曾凡', '萧然', '田甜', '董明', '袁野', '潘晓玲', '蒋一鸣', '蔡雯', '余晓峰', '杜若',
];
const LEVEL_ZH = { manager: '经理', supervisor: '主管', team_lead: '班长', staff: '员工' };

// Org: department → groups, each group: supervisor?, team lead, n staff.
const ORG = [
  { dept: '客服部', position: '客服专员', channel: ['电话', '电话', '电话', '在线'], groups: [
    { name: '热线一组', supervisor: true, staff: 8 },
    { name: '热线二组', supervisor: true, staff: 8 },
  ] },
  { dept: '在线服务部', position: '在线客服', channel: ['在线', '在线', '微信'], groups: [
    { name: '在线组', supervisor: true, staff: 7 },
  ] },
  { dept: '售后服务部', position: '回访专员', channel: ['电话', '上门'], groups: [
    { name: '回访组', supervisor: true, staff: 6 },
  ] },
];

const staff = [];
let nameIndex = 0;
const nextId = () => `S${String(staff.length + 1).padStart(3, '0')}`;
function hireDate(fromYear, toYear) {
  return day(int(fromYear, toYear), int(1, 12), int(1, 28));
}
function person(fields) {
  const p = { id: nextId(), name: NAMES[nameIndex++], ...fields };
  staff.push(p);
  return p;
}
for (const d of ORG) {
  const manager = person({ dept: d.dept, group: '', position: '部门经理', level: 'manager', hire: hireDate(2016, 2019), managerId: '' });
  for (const g of d.groups) {
    const sup = g.supervisor
      ? person({ dept: d.dept, group: g.name, position: '主管', level: 'supervisor', hire: hireDate(2018, 2021), managerId: manager.id })
      : manager;
    const lead = person({ dept: d.dept, group: g.name, position: '班长', level: 'team_lead', hire: hireDate(2019, 2022), managerId: sup.id });
    for (let i = 0; i < g.staff; i++) {
      person({ dept: d.dept, group: g.name, position: d.position, level: 'staff', hire: hireDate(2021, 2025), managerId: lead.id, channels: d.channel });
    }
    lead.channels = d.channel;
  }
}
for (const p of staff) {
  p.regular = addMonths(p.hire, 3);
  p.leave = '';
  p.belowRate = 0.02;
  p.exceededRate = 0.2 + rand() * 0.3;
  p.volume = int(10, 30);
}
const byId = (id) => staff.find((p) => p.id === id);
// Scenarios a real quarter has (ids: 热线一组 S004–S011, 热线二组 S014–S021,
// 在线组 S025–S031, 回访组 S035–S040 are front-line staff): new hires still on
// probation, one whose regular date is left blank (3 months' probation assumed),
// one who left in August, a troubled August, and two equally good people in one
// group (co-winners).
Object.assign(byId('S021'), { hire: '2026-07-06', regular: '2026-10-06', volume: 6 });
Object.assign(byId('S031'), { hire: '2026-08-03', regular: '', volume: 4 });
Object.assign(byId('S030'), { hire: '2026-05-11', regular: '2026-08-11' });
Object.assign(byId('S028'), { leave: '2026-08-14', volume: 8 });
Object.assign(byId('S010'), { regular: '' });
const troubled = byId('S019');
troubled.belowRate = 0;
const backOffice = staff.filter((q) => q.group === '回访组' && q.level === 'staff');
for (const p of backOffice) { p.volume = int(6, 11); p.belowRate = 0.02; }
const twins = [byId('S035'), byId('S036')];
for (const t of twins) t.fixed = { exceeded: 9, met: 7 };
// Managers and supervisors rarely take customer calls.
for (const p of staff) if (p.level === 'manager' || p.level === 'supervisor') p.volume = p.level === 'supervisor' ? int(0, 3) : 0;

// ---- feedback ----
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const COMMENTS = {
  exceeded: ['非常耐心，问题一次解决', '主动回电跟进，超出预期', '态度特别好，还提醒了保养事项', '专业又热情，点赞', '上门准时，收拾得很干净'],
  met: ['问题已解决', '处理及时', '服务正常', '解释清楚', '按约定时间回复'],
  below: ['等待时间太长', '转了三次才找到人', '答复不一致，不满意', '没有按约定回电', '态度生硬'],
};
const feedback = [];
function addFeedback(p, date, rating) {
  const score = rating === 'exceeded' ? pick([5, 5, 4]) : rating === 'met' ? pick([4, 3, 4]) : pick([1, 2, 2]);
  feedback.push({
    date: D(date), id: p.id, score, rating,
    customer: `${pick(SURNAMES)}${pick(['先生', '女士'])}`,
    channel: pick(p.channels ?? ['电话']),
    comment: pick(COMMENTS[rating]),
  });
}
const activeDays = (p) => Q3.filter((d) => d >= p.hire && (!p.leave || d <= p.leave));
for (const p of staff) {
  const days = activeDays(p);
  if (!days.length || !p.volume) continue;
  if (p.fixed) {
    const ratings = [...Array(p.fixed.exceeded).fill('exceeded'), ...Array(p.fixed.met).fill('met')];
    for (const r of ratings) addFeedback(p, pick(days), r);
    continue;
  }
  for (let i = 0; i < p.volume; i++) {
    const x = rand();
    const rating = x < p.belowRate ? 'below' : x < p.belowRate + p.exceededRate ? 'exceeded' : 'met';
    addFeedback(p, pick(days), rating);
  }
}
// The troubled August: three "below" ratings in one month (6 anger cards) → standby training.
for (const d of ['2026-08-05', '2026-08-12', '2026-08-26']) addFeedback(troubled, d, 'below');
// A few responses from June arrive in the same export (outside the quarter).
for (let i = 0; i < 12; i++) {
  const p = pick(staff.filter((q) => q.level === 'staff' && q.hire < '2026-06-01'));
  addFeedback(p, pick(JUNE), pick(['exceeded', 'met', 'met']));
}
feedback.sort((a, b) => (a.date.date < b.date.date ? -1 : a.date.date > b.date.date ? 1 : 0));
// Typed-in dates in the forms offices use, and ids typed the way people type them.
feedback[40].date = D(feedback[40].date.date, feedback[40].date.date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1/$2/$3'));
feedback[41].date = D(feedback[41].date.date, feedback[41].date.date.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'));
feedback[42].id = ` ${feedback[42].id.toLowerCase()} `;
// Rows a Data check must catch: an unknown id, an impossible date, a score that is not a number.
feedback.splice(60, 0, { date: D('2026-07-20'), id: 'S099', score: 5, rating: 'exceeded', customer: '钱女士', channel: '电话', comment: '工号填错' });
feedback.splice(120, 0, { date: { text: '2026-09-31' }, id: staff[5].id, score: 4, rating: 'met', customer: '孙先生', channel: '电话', comment: '日期有误' });
feedback.splice(180, 0, { date: D('2026-08-18'), id: staff[14].id, score: '五分', rating: '', customer: '林女士', channel: '在线', comment: '评分写成了文字' });

// ---- incidents ----
const incidents = [];
const frontline = staff.filter((p) => p.level === 'staff' || p.level === 'team_lead');
function addIncident(p, date, type, extra = {}) {
  incidents.push({ date: D(date), id: p.id, type, points: extra.points ?? '', amount: extra.amount ?? '', note: extra.note ?? '' });
}
const someday = (p) => pick(activeDays(p));
for (let i = 0; i < 14; i++) { const p = pick(frontline); addIncident(p, someday(p), 'praise', { points: 2, note: '客户来电表扬' }); }
for (let i = 0; i < 5; i++) { const p = pick(frontline); addIncident(p, someday(p), 'recommendation', { points: 3, note: '客户推荐新客户' }); }
for (let i = 0; i < 4; i++) { const p = pick(frontline); addIncident(p, someday(p), 'surprise_service', { points: 5, note: '雨天为客户送伞' }); }
for (let i = 0; i < 2; i++) { const p = pick(frontline); addIncident(p, someday(p), 'suggestion_adopted', { points: 2, note: '优化回访话术' }); }
// The co-winners' clean record is part of the scenario: negative incidents go to others.
const others = frontline.filter((p) => !p.fixed);
for (let i = 0; i < 4; i++) { const p = pick(others); addIncident(p, someday(p), 'complaint', { points: -5, note: '客户有效投诉' }); }
for (let i = 0; i < 3; i++) { const p = pick(others); addIncident(p, someday(p), 'task_missed', { note: '回访表未按时提交' }); }
for (let i = 0; i < 2; i++) { const p = pick(others); addIncident(p, someday(p), 'anger_card', { note: '服务用语不规范' }); }
addIncident(troubled, '2026-08-19', 'task_missed', { note: '工单未闭环' });
{ const p = pick(others); addIncident(p, someday(p), 'violation', { amount: 100, note: '上班时间玩手机' }); }
{ const p = pick(others); addIncident(p, someday(p), 'late', { amount: 20, note: '迟到 15 分钟' }); }
{ const p = pick(frontline); addIncident(p, someday(p), '优秀标兵', { points: 5, note: '部门自定义类型' }); }
incidents.sort((a, b) => (a.date.date < b.date.date ? -1 : a.date.date > b.date.date ? 1 : 0));

// ---- attendance ----
const MONTHS = [['2026-07', 23], ['2026-08', 21], ['2026-09', 22]];
const attendance = [];
for (const [month, scheduled] of MONTHS) {
  for (const p of staff) {
    const last = `${month}-31`;
    if (p.hire > last || (p.leave && p.leave < `${month}-01`)) continue;
    const x = rand();
    attendance.push({
      month, id: p.id, scheduled,
      absent: x < 0.02 ? 1 : 0,
      late: x > 0.85 ? int(1, 2) : 0,
      early: x > 0.96 ? 1 : 0,
      sick: rand() < 0.1 ? int(1, 2) : 0,
      personal: rand() < 0.08 ? 1 : 0,
    });
  }
}

// ---- reviews ----
const reviews = [];
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
for (const p of staff) {
  if (p.level === 'manager' || p.hire > '2026-09-30') continue;
  const base = int(70, 92);
  const sc = (spread) => clamp(base + int(-spread, spread), 50, 100);
  // Quarterly appraisal (weighted-quarterly): performance self + supervisor, attitude, staff vote.
  reviews.push({ period: '2026-Q3', id: p.id, source: 'self', dimension: 'performance', score: sc(6), max: 100 });
  reviews.push({ period: '2026-Q3', id: p.id, source: 'supervisor', dimension: 'performance', score: sc(8), max: 100 });
  reviews.push({ period: '2026-Q3', id: p.id, source: 'supervisor', dimension: 'attitude', score: sc(8), max: 100 });
  reviews.push({ period: '2026-Q3', id: p.id, source: 'vote', dimension: 'attitude', score: clamp(Math.round((base + int(-10, 8)) / 10), 5, 10), max: 10 });
  // Monthly ratings (star-rating, service-star-budget): self, and supervisor on attitude and skill.
  for (const [month] of MONTHS) {
    if (p.hire > `${month}-31` || (p.leave && p.leave < `${month}-01`)) continue;
    reviews.push({ period: month, id: p.id, source: 'self', dimension: 'quality', score: sc(5), max: 100 });
    reviews.push({ period: month, id: p.id, source: 'supervisor', dimension: 'attitude', score: sc(9), max: 100 });
    reviews.push({ period: month, id: p.id, source: 'supervisor', dimension: 'skill', score: sc(9), max: 100 });
  }
}

// ---- cases ----
const CASE_PARTS = [
  '客户来电反映家中热水器无法点火，情绪比较急躁。', '我先安抚客户情绪，耐心询问了使用年限和故障现象，',
  '判断可能是电池电量不足，指导客户更换电池后恢复正常。', '客户表示非常满意，并主动要求为我点赞。',
  '考虑到客户是独居老人，我在次日又回电确认使用情况，', '并提醒冬季使用注意通风，客户十分感动。',
  '这件事让我体会到，服务不只是解决问题，更是站在客户角度多想一步。', '回访中发现客户对维修费用有疑问，',
  '我调取工单逐项解释了收费依据，并申请了会员折扣，', '客户最终消除误会，还介绍了邻居办理业务。',
  '当天暴雨，师傅上门后发现客户家门口积水，', '主动帮客户清理了排水口，客户专门打电话到中心表扬。',
  '在线咨询高峰时段，一位客户连续三次没有得到准确答复，', '我接手后整理了完整的问题记录，协调技术部门当天给出方案，',
  '并把处理经过整理成知识库条目，方便同事以后参考。',
];
function caseText(n) {
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(pick(CASE_PARTS));
  return parts.join('');
}
const cases = [];
const TITLES = ['耐心指导解决热水器故障', '独居老人的回访', '费用疑问的化解', '雨天上门的小事', '三次咨询之后', '一次跨部门协作', '把投诉变成表扬', '夜班的一通电话'];
for (let i = 0; i < 14; i++) {
  const p = pick(frontline);
  const text = caseText(int(6, 16));
  cases.push({ date: D(someday(p)), id: p.id, title: pick(TITLES), text, quality: int(1, 3), regional: rand() < 0.15 ? '是' : '否' });
}
// One case copied from an earlier one with a word changed (the copy check must catch it).
{
  const src = cases[2];
  const p = frontline.find((q) => q.id !== src.id && q.dept === staff.find((s) => s.id === src.id).dept);
  cases.push({ date: D('2026-09-24'), id: p.id, title: src.title, text: src.text.replace('客户', '顾客'), quality: 2, regional: '否' });
}
cases.sort((a, b) => (a.date.date < b.date.date ? -1 : a.date.date > b.date.date ? 1 : 0));

// ---- quotas, redemptions, notes ----
// 热线一组 is the biggest group: two Smile Stars this quarter instead of one.
const quotas = [
  { award: 'service_star', scope: '热线一组', count: 2 },
  { award: 'service_star', scope: '热线二组', count: 1 },
  { award: 'service_star', scope: '在线组', count: 1 },
  { award: 'service_star', scope: '回访组', count: 1 },
];
const redemptions = [];
// Redemptions late in the quarter by busy people, who have earned enough points by then.
const busy = frontline.filter((p) => p.volume >= 20 && !p.leave && p.hire < '2026-06-01' && !p.fixed);
for (let i = 0; i < 5; i++) {
  const p = pick(busy);
  redemptions.push({ date: D(pick(Q3.filter((d) => d >= '2026-09-15'))), id: p.id, points: pick([10, 20]), note: pick(['电影票', '购物卡', '下午茶']) });
}
redemptions.sort((a, b) => (a.date.date < b.date.date ? -1 : 1));

// ---- tables in both languages ----
const RATING_ZH = { exceeded: '超越', met: '达到', below: '低于', '': '' };
const TYPE_ZH = {
  praise: '表扬', recommendation: '推荐', surprise_service: '惊喜服务', suggestion_adopted: '建议采纳', complaint: '投诉',
  task_missed: '作业未达标', anger_card: '愤怒卡', violation: '违纪', late: '迟到',
};
const SOURCE_ZH = { self: '自评', supervisor: '上级', vote: '员工选举', customer: '客户' };
const DIM_ZH = { performance: '工作业绩', attitude: '服务态度', quality: '服务质量', skill: '业务技能' };

function tables(lang) {
  const zh = lang === 'zh';
  const T = (zhName, enName) => (zh ? zhName : enName);
  const dateOrBlank = (s) => (s ? D(s) : '');
  const t = [];
  t.push({ name: T('员工', 'Staff'),
    header: zh ? ['工号', '姓名', '部门', '组别', '岗位', '职级', '入职日期', '转正日期', '离职日期', '上级工号']
      : ['staff_id', 'name', 'department', 'group', 'position', 'level', 'hire_date', 'regular_date', 'leave_date', 'manager_id'],
    rows: staff.map((p) => [p.id, p.name, p.dept, p.group, p.position, zh ? LEVEL_ZH[p.level] : p.level,
      D(p.hire), dateOrBlank(p.regular), dateOrBlank(p.leave), p.managerId]) });
  t.push({ name: T('客户反馈', 'Feedback'),
    header: zh ? ['日期', '工号', '评分', '评价', '客户', '渠道', '内容'] : ['date', 'staff_id', 'score', 'rating', 'customer', 'channel', 'comment'],
    rows: feedback.map((f) => [f.date, f.id, f.score, zh ? RATING_ZH[f.rating] : f.rating, f.customer, f.channel, f.comment]) });
  t.push({ name: T('奖惩记录', 'Incidents'),
    header: zh ? ['日期', '工号', '类型', '分值', '金额', '说明'] : ['date', 'staff_id', 'type', 'points', 'amount', 'note'],
    rows: incidents.map((i) => [i.date, i.id, zh ? (TYPE_ZH[i.type] ?? i.type) : i.type, i.points, i.amount, i.note]) });
  t.push({ name: T('考勤', 'Attendance'),
    header: zh ? ['月份', '工号', '应出勤', '旷工', '迟到次数', '早退次数', '病假', '事假']
      : ['month', 'staff_id', 'scheduled_days', 'absent_days', 'late', 'early_leave', 'sick_leave_days', 'personal_leave_days'],
    rows: attendance.map((a) => [a.month, a.id, a.scheduled, a.absent, a.late, a.early, a.sick, a.personal]) });
  t.push({ name: T('考评', 'Reviews'),
    header: zh ? ['考评期间', '工号', '来源', '维度', '分数', '满分'] : ['period', 'staff_id', 'source', 'dimension', 'score', 'max'],
    rows: reviews.map((r) => [r.period, r.id, zh ? SOURCE_ZH[r.source] : r.source, zh ? DIM_ZH[r.dimension] : r.dimension, r.score, r.max]) });
  t.push({ name: T('服务案例', 'Cases'),
    header: zh ? ['提交日期', '工号', '标题', '内容', '评分', '区域优秀'] : ['date', 'staff_id', 'title', 'text', 'quality', 'regional_excellent'],
    rows: cases.map((c) => [c.date, c.id, c.title, c.text, c.quality, zh ? c.regional : (c.regional === '是' ? 'yes' : 'no')]) });
  t.push({ name: T('名额', 'Quotas'),
    header: zh ? ['奖项', '范围', '名额'] : ['award', 'scope', 'count'],
    rows: quotas.map((q) => [q.award, q.scope, q.count]) });
  t.push({ name: T('积分兑换', 'Redemptions'),
    header: zh ? ['日期', '工号', '积分', '说明'] : ['date', 'staff_id', 'points', 'note'],
    rows: redemptions.map((r) => [r.date, r.id, r.points, r.note]) });
  return t;
}

const NOTES = [
  ['客服中心 2026 年第三季度服务数据（演示）'],
  ['本工作簿为 Service Star 的演示数据，人员与数据均为虚构。'],
  ['运行：npm run demo（smile-cards 方案，期间 2026-Q3）'],
];

// ---- writers ----
function csvField(v, lang) {
  if (v === null || v === undefined || v === '') return '';
  let s;
  if (typeof v === 'object') s = lang === 'zh' ? (v.text ?? v.date) : (v.date ?? v.text);
  else s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
function writeCsvFolder(dir, lang, { bom, eol }) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const t of tables(lang)) {
    const lines = [t.header, ...t.rows].map((r) => r.map((v) => csvField(v, lang)).join(','));
    writeFileSync(join(dir, `${t.name}.csv`), (bom ? '\ufeff' : '') + lines.join(eol) + eol, 'utf8');
  }
}

async function writeWorkbook(path) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Service Star demo';
  wb.created = new Date(Date.UTC(2026, 9, 8));
  wb.modified = wb.created;
  for (const t of tables('zh')) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.header).font = { bold: true };
    for (const r of t.rows) {
      const row = ws.addRow(r.map((v) => {
        if (v && typeof v === 'object') return v.text ?? new Date(toUtc(v.date));
        return v === '' ? null : v;
      }));
      r.forEach((v, i) => { if (v && typeof v === 'object' && !v.text) row.getCell(i + 1).numFmt = 'yyyy-mm-dd'; });
    }
    ws.columns.forEach((c, i) => { c.width = t.name === '服务案例' && i === 3 ? 60 : 12; });
  }
  const notes = wb.addWorksheet('说明');
  for (const n of NOTES) notes.addRow(n);
  notes.getColumn(1).width = 70;
  await wb.xlsx.writeFile(path);
}

mkdirSync(examples, { recursive: true });
await writeWorkbook(join(examples, WORKBOOK));
writeCsvFolder(join(examples, 'csv-zh'), 'zh', { bom: true, eol: '\r\n' });
writeCsvFolder(join(examples, 'csv-en'), 'en', { bom: false, eol: '\n' });
console.log(`staff ${staff.length}, feedback ${feedback.length}, incidents ${incidents.length}, attendance ${attendance.length}, reviews ${reviews.length}, cases ${cases.length}`);
