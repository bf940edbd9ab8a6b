/**
 * Input tabs (core/input/tabs.ts, core/input/aliases.ts): tab and header recognition in English and
 * Chinese, the normalised Dataset of a complete workbook, and located diagnostics.
 * Expected values are worked out by hand from the fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOOLEANS, INCIDENT_TYPES, LEVELS, RATINGS, REVIEW_DIMENSIONS, REVIEW_SOURCES, TAB_ORDER, TAB_SPECS,
  columnOf, incidentTypeOf, nameKey, reviewSourceOf, dimensionOf,
} from '../../../core/input/aliases';
import { readDataset, recognizeTab } from '../../../core/input/tabs';
import { TabSpecSchema, validateDataset } from '../../../core/input/schemas';
import { formatDiagnostic } from '../../../core/diagnostics';
import type { RawTab, TabId } from '../../../core/types';
import { STAFF_EN, STAFF_ZH, all, read } from '../../fixtures/input/helpers';

const fixture = (name: string): RawTab[] =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'input', name), 'utf8')) as RawTab[];

describe('recognizeTab', () => {
  test.each<[string, TabId]>([
    ['Staff', 'staff'], [' staff ', 'staff'], ['STAFF', 'staff'], ['Ｓｔａｆｆ', 'staff'], ['员工', 'staff'],
    ['员工名单', 'staff'], ['人员', 'staff'], ['\u3000员工\u3000', 'staff'],
    ['Feedback', 'feedback'], ['客户反馈', 'feedback'], ['回访', 'feedback'], ['客户评价', 'feedback'],
    ['Incidents', 'incidents'], ['奖惩记录', 'incidents'], ['事件', 'incidents'], ['违纪投诉', 'incidents'],
    ['Attendance', 'attendance'], ['考勤', 'attendance'],
    ['Reviews', 'reviews'], ['考评', 'reviews'],
    ['Cases', 'cases'], ['服务案例', 'cases'],
    ['Quotas', 'quotas'], ['名额', 'quotas'],
    ['Redemptions', 'redemptions'], ['积分兑换', 'redemptions'],
    ['Scheme', 'scheme'], ['方案', 'scheme'],
    ['Runs', 'runs'], ['运行记录', 'runs'],
  ])('%p is %p', (name, id) => expect(recognizeTab(name)).toBe(id));

  test.each([
    'Ranking 2026-Q3', '排名 2026-Q3', 'Data check 2026-Q3', '数据检查 2026-Q3', 'Bonus 2026-Q3', '奖金 2026-Q3',
    'Points 2026-Q3', 'Departments 2026-07', 'Changes 2026-Q3', 'Sheet1', '', 'Staff 2026',
  ])('%p is not an input tab', (name) => expect(recognizeTab(name)).toBeNull());
});

describe('alias tables', () => {
  test.each(TAB_ORDER.map((id) => [id]))('%s spec is well formed', (id) => {
    expect(TabSpecSchema.safeParse(TAB_SPECS[id]).success).toBe(true);
  });

  // Every header (id, English, Chinese, alias) of every column maps to that column and no other.
  const headers = TAB_ORDER.flatMap((tab) => TAB_SPECS[tab].columns.flatMap((c) =>
    [c.id, c.en, c.zh, ...c.aliases].map((h) => [tab, h, c.id] as [TabId, string, string])));
  test('there are many headers', () => expect(headers.length).toBeGreaterThan(150));
  test.each(headers)('%s: header %p is column %s', (tab, header, id) => {
    expect(columnOf(tab, header)?.id).toBe(id);
  });

  test('no header names two columns of one tab', () => {
    for (const tab of TAB_ORDER) {
      const owner = new Map<string, string>();
      for (const c of TAB_SPECS[tab].columns) {
        for (const h of [c.id, c.en, c.zh, ...c.aliases]) {
          const k = nameKey(h);
          expect([tab, h, owner.get(k) ?? c.id]).toEqual([tab, h, c.id]);
          owner.set(k, c.id);
        }
      }
    }
  });

  // SPEC §1: the aliases every tab with such a column must accept.
  test.each<[TabId, string, string]>([
    ['staff', '工号', 'staff_id'], ['staff', '员工编号', 'staff_id'], ['staff', '编号', 'staff_id'], ['staff', 'ID', 'staff_id'],
    ['staff', '组别', 'group'], ['staff', '小组', 'group'], ['staff', '班组', 'group'], ['staff', '职位', 'position'],
    ['staff', '层级', 'level'], ['staff', '主管工号', 'manager_id'],
    ['feedback', '日期', 'date'], ['feedback', '员工编号', 'staff_id'], ['feedback', '期望值', 'rating'], ['feedback', '备注', 'comment'],
    ['incidents', '分值', 'points'], ['incidents', '积分', 'points'], ['incidents', '金额', 'amount'], ['incidents', '说明', 'note'],
    ['incidents', '备注', 'note'], ['attendance', '应出勤', 'scheduled_days'], ['attendance', '病假', 'sick_leave_days'],
    ['reviews', '满分', 'max'], ['cases', '字数', 'length'], ['cases', '区域优秀', 'regional_excellent'],
    ['quotas', '部门', 'scope'], ['quotas', '组别', 'scope'], ['quotas', '人数', 'count'], ['redemptions', '积分', 'points'],
    ['redemptions', '分值', 'points'],
    ['staff', 'Staff ID', 'staff_id'], ['staff', 'ＳＴＡＦＦ＿ＩＤ', 'staff_id'], ['staff', '工号*', 'staff_id'],
    ['incidents', '金额（元）', 'amount'], ['feedback', 'Date (YYYY-MM-DD)', 'date'], ['staff', 'hire-date', 'hire_date'],
  ])('%s: %p is %s', (tab, header, id) => expect(columnOf(tab, header)?.id).toBe(id));

  test('extra columns are not recognised', () => {
    expect(columnOf('feedback', '姓名')).toBeNull();
    expect(columnOf('staff', '手机号')).toBeNull();
  });

  test('every SPEC incident type alias', () => {
    const expected: [string, string][] = [
      ['投诉', 'complaint'], ['有效投诉', 'complaint'], ['违纪', 'violation'], ['警告', 'warning'], ['书面警告', 'warning'],
      ['通报批评', 'criticism'], ['旷工', 'absence'], ['迟到', 'late'], ['早退', 'early_leave'], ['差错', 'error'],
      ['失误', 'error'], ['重大失误', 'major_error'], ['愤怒卡', 'anger_card'], ['作业未达标', 'task_missed'],
      ['表扬', 'praise'], ['客户表扬', 'praise'], ['惊喜服务', 'surprise_service'], ['超值服务', 'surprise_service'],
      ['推荐', 'recommendation'], ['建议采纳', 'suggestion_adopted'], ['创新', 'innovation'],
      ['回访不及时', 'late_revisit'], ['回访记录不完整', 'incomplete_record'],
      ['Early Leave', 'early_leave'], ['MAJOR_ERROR', 'major_error'], ['anger card', 'anger_card'],
    ];
    expect(expected.map(([t]) => [t, incidentTypeOf(t)])).toEqual(expected);
    expect(Object.keys(INCIDENT_TYPES)).toHaveLength(18);
    expect(incidentTypeOf('打架')).toBeNull();
  });

  test('review sources and dimensions', () => {
    expect(['自评', '上级', '主管', '客户', '同事', '评委', '员工选举', '投票'].map(reviewSourceOf))
      .toEqual(['self', 'supervisor', 'supervisor', 'customer', 'peer', 'committee', 'vote', 'vote']);
    expect(['服务态度', '服务质量', '工作业绩', '业务技能', '创意'].map(dimensionOf))
      .toEqual(['attitude', 'quality', 'performance', 'skill', null]);
  });

  test('vocabularies are exported for reuse', () => {
    expect(Object.keys(LEVELS)).toEqual(['staff', 'team_lead', 'supervisor', 'manager']);
    expect(Object.keys(RATINGS)).toEqual(['exceeded', 'met', 'below']);
    expect(Object.keys(REVIEW_SOURCES)).toEqual(['self', 'supervisor', 'customer', 'peer', 'committee', 'vote']);
    expect(Object.keys(REVIEW_DIMENSIONS)).toEqual(['attitude', 'quality', 'performance', 'skill']);
    expect(BOOLEANS.true).toContain('是');
  });

  test('columns are in template order with bilingual headers', () => {
    expect(TAB_SPECS.staff.columns.map((c) => c.zh)).toEqual(
      ['工号', '姓名', '部门', '组别', '岗位', '职级', '入职日期', '转正日期', '离职日期', '上级工号']);
    expect(TAB_SPECS.feedback.columns.map((c) => [c.en, c.required])).toEqual([
      ['date', true], ['staff_id', true], ['score', false], ['rating', false], ['likes', false],
      ['customer', false], ['channel', false], ['comment', false]]);
  });
});

describe('a complete workbook', () => {
  const zh = readDataset(fixture('workbook-zh.json'), {});

  test('no diagnostics, no fatal', () => {
    expect(zh.fatal).toBeNull();
    expect(all(zh)).toEqual([]);
  });

  test('tab names as written; output tabs ignored', () => {
    expect(zh.dataset.tabNames).toEqual({
      staff: '员工', feedback: '客户反馈', incidents: '奖惩记录', attendance: '考勤', reviews: '考评',
      cases: '服务案例', quotas: '名额', redemptions: '积分兑换',
    });
  });

  test('staff', () => {
    expect(zh.dataset.staff).toEqual([
      { tab: '员工', row: 2, id: 'S01', key: 's01', name: '张伟', department: '客服部', group: 'A组', position: '客服专员',
        level: 'staff', hireDate: '2025-03-10', regularDate: '2025-06-10', leaveDate: null, managerKey: 'm01' },
      { tab: '员工', row: 3, id: 'S02', key: 's02', name: '王芳', department: '客服部', group: '客服部', position: '客服专员',
        level: 'staff', hireDate: '2026-05-20', regularDate: '2026-08-20', leaveDate: null, managerKey: 'm01' },
      { tab: '员工', row: 4, id: 'M01', key: 'm01', name: '李强', department: '客服部', group: '客服部', position: '客服主管',
        level: 'supervisor', hireDate: '2020-01-06', regularDate: '2020-04-06', leaveDate: null, managerKey: null },
      { tab: '员工', row: 5, id: 'S03', key: 's03', name: '赵敏', department: '售后部', group: 'B组', position: '售后专员',
        level: 'team_lead', hireDate: '2026-07-01', regularDate: '2026-10-01', leaveDate: '2026-09-30', managerKey: null },
    ]);
  });

  test('feedback', () => {
    expect(zh.dataset.feedback).toEqual([
      { tab: '客户反馈', row: 2, date: '2026-07-01', staffKey: 's01', score: 5, rating: 'exceeded', likes: 2, customer: '陈先生', channel: '电话', comment: '很满意' },
      { tab: '客户反馈', row: 3, date: '2026-07-02', staffKey: 's02', score: 4, rating: 'met', likes: null, customer: '', channel: '', comment: '' },
      { tab: '客户反馈', row: 4, date: '2026-07-03', staffKey: 's03', score: null, rating: 'below', likes: null, customer: '', channel: '', comment: '' },
    ]);
  });

  test('incidents: canonical types, amounts in fen', () => {
    expect(zh.dataset.incidents.map((r) => [r.row, r.date, r.staffKey, r.type, r.points, r.amount, r.note])).toEqual([
      [2, '2026-07-05', 's01', 'complaint', -10, 20000, '态度'],
      [3, '2026-07-06', 's02', 'praise', 5, null, ''],
      [4, '2026-07-07', 's03', 'anger_card', null, null, ''],
    ]);
  });

  test('attendance: months normalised, blank counts are zero, blank scheduled days unknown', () => {
    expect(zh.dataset.attendance).toEqual([
      { tab: '考勤', row: 2, month: '2026-07', staffKey: 's01', scheduledDays: 22, absentDays: 0, late: 0, earlyLeave: 0, sickLeaveDays: 0, personalLeaveDays: 0 },
      { tab: '考勤', row: 3, month: '2026-07', staffKey: 's02', scheduledDays: 22, absentDays: 0, late: 1, earlyLeave: 0, sickLeaveDays: 0, personalLeaveDays: 0 },
    ]);
  });

  test('reviews: periods normalised, scores on 0–100', () => {
    expect(zh.dataset.reviews.map((r) => [r.period, r.staffKey, r.source, r.dimension, r.score])).toEqual([
      ['2026-Q3', 's01', 'self', 'attitude', 90],
      ['2026-Q3', 's01', 'supervisor', 'performance', 80],
      ['2026-Q3', 's02', 'vote', 'quality', 85],
    ]);
  });

  test('cases: length from text (white space left out) or as given', () => {
    expect(zh.dataset.cases.map((r) => [r.date, r.staffKey, r.title, r.text, r.length, r.quality, r.regionalExcellent])).toEqual([
      ['2026-07-20', 's01', '耐心解答', '客户 来电 咨询', 6, 2, true],
      ['2026-07-26', 's02', '上门维修', '', 350, 3, false],
    ]);
  });

  test('quotas and redemptions', () => {
    expect(zh.dataset.quotas).toEqual([{ tab: '名额', row: 2, award: 'quarter_star', scope: '客服部', count: 2 }]);
    expect(zh.dataset.redemptions).toEqual([{ tab: '积分兑换', row: 2, date: '2026-08-01', staffKey: 's01', points: 20 }]);
  });

  test('every record satisfies the zod row schemas', () => {
    expect(validateDataset(zh.dataset)).toEqual([]);
  });

  test('the English workbook gives the same data', () => {
    const en = readDataset(fixture('workbook-en.json'), {});
    expect(all(en)).toEqual([]);
    const strip = (d: typeof zh.dataset) => JSON.stringify({ ...d, tabNames: {}, columnNames: {} }, (k, v) => (k === 'tab' ? '' : v));
    expect(strip(en.dataset)).toEqual(strip(zh.dataset));
    expect(en.dataset.tabNames.staff).toBe('Staff');
  });

  test('the headers as written are kept per field, for later diagnostics', () => {
    expect(zh.dataset.columnNames?.redemptions).toEqual({ date: '日期', staff_id: '工号', points: '积分' });
    expect(zh.dataset.columnNames?.staff?.manager_id).toBe('上级工号');
  });

  test('probationMonths option', () => {
    const r = readDataset(fixture('workbook-zh.json'), { probationMonths: 6 });
    expect(r.dataset.staff.map((s) => s.regularDate)).toEqual(['2025-09-10', '2026-11-20', '2020-04-06', '2027-01-01']);
  });

  test('a bad option is a warning and the default is used', () => {
    const r = readDataset(fixture('workbook-zh.json'), { probationMonths: -1 });
    expect(all(r)).toEqual([['warning', 'bad_option', '', null, '']]);
    expect(r.dataset.staff[0].regularDate).toBe('2025-06-10');
  });

  test('feedbackScale option', () => {
    const r = read([STAFF_EN, ['Feedback', [['date', 'staff_id', 'score'], ['2026-07-01', 'S01', 9], ['2026-07-01', 'S01', 11]]]],
      { feedbackScale: { min: 0, max: 10 } });
    expect(r.dataset.feedback.map((f) => f.score)).toEqual([9]);
    expect(all(r)).toEqual([['error', 'out_of_range', 'Feedback', 3, 'score']]);
  });
});

// ---- Located diagnostics: [tabs, expected diagnostics (severity, code, tab, row, column)] ----

type Case = [string, Parameters<typeof read>[0], ReturnType<typeof all>];
const FB_ZH = ['日期', '工号', '评分', '评价', '点赞'];
const FB_EN = ['date', 'staff_id', 'score', 'rating', 'likes'];

const located: Case[] = [
  // Chinese tabs and headers
  ['zh impossible date', [STAFF_ZH, ['客户反馈', [FB_ZH, ['2026-02-30', 'S01', 5, '', '']]]],
    [['error', 'bad_date', '客户反馈', 2, '日期']]],
  ['zh unknown staff', [STAFF_ZH, ['客户反馈', [FB_ZH, ['2026-07-01', 'S01', 5], ['2026-07-01', 'S99', 5]]]],
    [['error', 'unknown_staff', '客户反馈', 3, '工号']]],
  ['zh score out of range', [STAFF_ZH, ['客户反馈', [FB_ZH, ['2026-07-01', 'S01', 6]]]],
    [['error', 'out_of_range', '客户反馈', 2, '评分']]],
  ['zh score not a number', [STAFF_ZH, ['回访', [FB_ZH, ['2026-07-01', 'S01', '很好']]]],
    [['error', 'not_a_number', '回访', 2, '评分']]],
  ['zh bad rating', [STAFF_ZH, ['客户评价', [FB_ZH, ['2026-07-01', 'S01', null, '还行']]]],
    [['error', 'bad_rating', '客户评价', 2, '评价']]],
  ['zh negative likes', [STAFF_ZH, ['客户反馈', [FB_ZH, ['2026-07-01', 'S02', null, null, -1]]]],
    [['error', 'negative_value', '客户反馈', 2, '点赞']]],
  ['zh none of score/rating/likes', [STAFF_ZH, ['客户反馈', [FB_ZH, ['2026-07-01', 'S02', '', '', '']]]],
    [['error', 'missing_value', '客户反馈', 2, '评分']]],
  ['zh duplicate staff id', [['员工', [...STAFF_ZH[1], ['s01', '刘洋', '客服部', '2026-01-01']]]],
    [['error', 'duplicate_staff_id', '员工', 4, '工号']]],
  ['zh missing name', [['员工', [...STAFF_ZH[1], ['S03', '', '客服部', '2026-01-01']]]],
    [['error', 'missing_value', '员工', 4, '姓名']]],
  ['zh bad level', [['员工', [['工号', '姓名', '部门', '入职日期', '职级'], ['S01', '张伟', '客服部', '2025-03-10', '董事长']]]],
    [['error', 'bad_level', '员工', 2, '职级']]],
  ['zh incident error value', [STAFF_ZH, ['奖惩记录', [['日期', '工号', '类型', '金额'], ['2026-07-01', 'S01', '投诉', '#REF!']]]],
    [['error', 'error_value', '奖惩记录', 2, '金额']]],
  ['zh unknown incident type (info, row kept)', [STAFF_ZH, ['事件', [['日期', '工号', '类型'], ['2026-07-01', 'S01', '打架']]]],
    [['info', 'unknown_type', '事件', 2, '类型']]],
  ['zh attendance bad month', [STAFF_ZH, ['考勤', [['月份', '工号', '迟到次数'], ['2026-13', 'S01', 1]]]],
    [['error', 'bad_month', '考勤', 2, '月份']]],
  ['zh review out of range', [STAFF_ZH, ['考评', [['考评期间', '工号', '来源', '分数', '满分'], ['2026-Q3', 'S01', '自评', 6, 5]]]],
    [['error', 'out_of_range', '考评', 2, '分数']]],
  ['zh case quality out of range', [STAFF_ZH, ['服务案例', [['提交日期', '工号', '字数', '评分'], ['2026-07-01', 'S01', 300, 4]]]],
    [['error', 'out_of_range', '服务案例', 2, '评分']]],
  ['zh quota not an integer', [STAFF_ZH, ['名额', [['奖项', '组别', '名额'], ['quarter_star', 'A组', 1.5]]]],
    [['error', 'not_an_integer', '名额', 2, '名额']]],
  // English tabs and headers
  ['en impossible date', [STAFF_EN, ['Feedback', [FB_EN, ['2026/2/30', 'S01', 5]]]],
    [['error', 'bad_date', 'Feedback', 2, 'date']]],
  ['en unknown staff', [STAFF_EN, ['Feedback', [FB_EN, ['2026-07-01', 'X7', 5]]]],
    [['error', 'unknown_staff', 'Feedback', 2, 'staff_id']]],
  ['en score zero', [STAFF_EN, ['Feedback', [FB_EN, ['2026-07-01', 'S01', 0]]]],
    [['error', 'out_of_range', 'Feedback', 2, 'score']]],
  ['en likes fraction', [STAFF_EN, ['Feedback', [FB_EN, ['2026-07-01', 'S01', null, null, 2.5]]]],
    [['error', 'not_an_integer', 'Feedback', 2, 'likes']]],
  ['en formula as text', [STAFF_EN, ['Feedback', [FB_EN, ['2026-07-01', 'S01', '=AVERAGE(B2:B9)']]]],
    [['error', 'not_a_number', 'Feedback', 2, 'score']]],
  ['en missing hire date', [['Staff', [...STAFF_EN[1], ['S03', 'Cy', 'Care', null]]]],
    [['error', 'missing_value', 'Staff', 4, 'hire_date']]],
  ['en bad regular date', [['Staff', [['staff_id', 'name', 'department', 'hire_date', 'regular_date'], ['S01', 'Ann', 'Care', '2026-01-01', '2026-04-31']]]],
    [['error', 'bad_date', 'Staff', 2, 'regular_date']]],
  ['en unknown manager (warning, row kept)', [['Staff', [['staff_id', 'name', 'department', 'hire_date', 'manager_id'], ['S01', 'Ann', 'Care', '2026-01-01', 'Z9']]]],
    [['warning', 'unknown_manager', 'Staff', 2, 'manager_id']]],
  ['en amount not money', [STAFF_EN, ['Incidents', [['date', 'staff_id', 'type', 'amount'], ['2026-07-01', 'S01', 'fine', 'lots']]]],
    [['error', 'not_a_number', 'Incidents', 2, 'amount']]],
  ['en negative late', [STAFF_EN, ['Attendance', [['month', 'staff_id', 'late'], ['2026-07', 'S01', -2]]]],
    [['error', 'negative_value', 'Attendance', 2, 'late']]],
  ['en bad period', [STAFF_EN, ['Reviews', [['period', 'staff_id', 'source', 'score'], ['2026-Q5', 'S01', 'self', 80]]]],
    [['error', 'bad_period', 'Reviews', 2, 'period']]],
  ['en bad boolean', [STAFF_EN, ['Cases', [['date', 'staff_id', 'length', 'regional_excellent'], ['2026-07-01', 'S01', 300, 'maybe']]]],
    [['error', 'bad_boolean', 'Cases', 2, 'regional_excellent']]],
  ['en negative redemption', [STAFF_EN, ['Redemptions', [['date', 'staff_id', 'points'], ['2026-07-01', 'S01', -5]]]],
    [['error', 'negative_value', 'Redemptions', 2, 'points']]],
  ['en duplicate attendance month', [STAFF_EN, ['Attendance', [['month', 'staff_id'], ['2026-07', 'S01'], ['2026年7月', 's01']]]],
    [['error', 'duplicate_row', 'Attendance', 3, 'month']]],
  ['en unknown review source (info)', [STAFF_EN, ['Reviews', [['period', 'staff_id', 'source', 'score'], ['2026-07', 'S01', 'mystery shopper', 70]]]],
    [['info', 'unknown_source', 'Reviews', 2, 'source']]],
  ['en headers as written (mixed case, spaces)', [STAFF_EN, ['Feedback', [[' Date ', 'Staff ID', 'SCORE'], ['2026-07-01', 'S01', 'x']]]],
    [['error', 'not_a_number', 'Feedback', 2, 'SCORE']]],
];

describe('located diagnostics', () => {
  test('there are at least 25 in each language', () => {
    expect(located.filter(([l]) => l.startsWith('zh')).length).toBeGreaterThanOrEqual(13);
    expect(located.filter(([l]) => l.startsWith('en')).length).toBeGreaterThanOrEqual(13);
    expect(located.length).toBeGreaterThanOrEqual(25);
  });
  test.each(located)('%s', (_label, tabs, expected) => {
    const r = read(tabs);
    expect(r.fatal).toBeNull();
    expect(all(r)).toEqual(expected);
  });
});

describe('messages in both languages', () => {
  test('unknown staff', () => {
    const d = read([STAFF_ZH, ['客户反馈', [FB_ZH, ['2026-07-01', 'S99', 5]]]]).diagnostics[0];
    expect(d.value).toBe('S99');
    expect(d.message).toEqual({
      zh: '工号“S99”不在员工表中，本行未使用',
      en: 'staff id "S99" is not in the Staff tab; this row is left out',
    });
    expect(formatDiagnostic(d, 'zh')).toBe('「客户反馈」 第 2 行 「工号」列：工号“S99”不在员工表中，本行未使用');
    expect(formatDiagnostic(d, 'en')).toBe('客户反馈, row 2, column 工号: staff id "S99" is not in the Staff tab; this row is left out');
  });

  test('impossible date', () => {
    const d = read([STAFF_EN, ['Feedback', [FB_EN, ['2026-02-30', 'S01', 5]]]]).diagnostics[0];
    expect(d.value).toBe('2026-02-30');
    expect(d.message).toEqual({
      zh: '“2026-02-30”不是有效日期，请写成 2026-07-01 或 2026年7月1日',
      en: '"2026-02-30" is not a valid date; write it as 2026-07-01',
    });
  });

  test('out of range names the range', () => {
    const d = read([STAFF_EN, ['Feedback', [FB_EN, ['2026-07-01', 'S01', 6]]]]).diagnostics[0];
    expect(d.message).toEqual({ zh: '“6”超出范围 1–5', en: '"6" is outside the range 1–5' });
  });

  test('error value', () => {
    const d = read([STAFF_ZH, ['客户反馈', [FB_ZH, ['2026-07-01', 'S01', '#N/A']]]]).diagnostics[0];
    expect(d.message).toEqual({ zh: '单元格是公式错误值“#N/A”，请先修正公式', en: 'holds the spreadsheet error "#N/A"; fix the formula first' });
  });

  test('missing column stops the run with one message naming tab and column', () => {
    const r = read([['Staff', [['name', 'department', 'hire_date'], ['Ann', 'Care', '2026-01-01']]]]);
    expect(r.fatal).toMatchObject({ severity: 'error', code: 'missing_column', tab: 'Staff', row: 1, column: 'staff_id' });
    expect(r.fatal?.message).toEqual({
      zh: '「Staff」缺少必需列：工号（staff_id），无法计算。第 1 行的表头：name、department、hire_date',
      en: 'Tab Staff is missing required column staff_id (工号); the run cannot start. Headers on row 1: name, department, hire_date',
    });
  });

  test('missing Staff tab', () => {
    const r = read([['Feedback', [FB_EN]]]);
    expect(r.fatal).toMatchObject({ code: 'missing_tab', tab: '', row: null, column: '' });
    expect(r.fatal?.message).toEqual({
      zh: '缺少「员工」工作表（也可命名为 Staff），无法计算。现有工作表：Feedback',
      en: 'The workbook has no Staff tab (or 员工); the run cannot start. Tabs found: Feedback',
    });
  });
});
