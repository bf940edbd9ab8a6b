/**
 * Bad-input catalogue (issue 9), input tabs part: hostile tabs given as 2D arrays (and
 * a CSV folder read with a real parser), each asserting the exact diagnostics — severity,
 * code, tab as written, row as the user sees it, column as written — or the one fatal
 * refusal. Expected values are worked out by hand.
 *
 * Decisions documented here:
 * - Staff ids match like a spreadsheet lookup: surrounding spaces (also full-width),
 *   full-width letters/digits and letter case are ignored (` ｓ０１ ` is `S01`).
 * - Row 1 is always the header; blank rows are skipped silently (merged-cell gaps),
 *   but a blank *required* cell is `missing_value` (a merged department is not filled down).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DIAGNOSTIC_LIMIT, readDataset, type ReadResult } from '../../core/input/tabs';
import { validateDataset } from '../../core/input/schemas';
import type { Cell, RawTab } from '../../core/types';
import { STAFF_EN, STAFF_ZH, all, read, type TabDef, type Where } from '../fixtures/input/helpers';

const FB_EN = ['date', 'staff_id', 'score', 'rating', 'likes'];
const FB_ZH = ['日期', '工号', '评分', '评价', '点赞'];
const fb = (name: string, header: string[], ...rows: Cell[][]): TabDef => [name, [header, ...rows]];
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

type Expect = { fatal: Where; diags?: Where[] } | { diags: Where[]; check?: (r: ReadResult) => void };
type Case = [label: string, tabs: TabDef[], expect: Expect];

const cases: Case[] = [
  // ---- Missing tabs and columns (fatal) ----
  ['no tabs at all', [], { fatal: ['error', 'missing_tab', '', null, ''] }],
  ['only a Feedback tab', [fb('Feedback', FB_EN)], { fatal: ['error', 'missing_tab', '', null, ''] }],
  ['staff tab under an unknown name', [['Staff list', STAFF_EN[1]]], { fatal: ['error', 'missing_tab', '', null, ''] }],
  ['staff tab present only as an output tab', [['排名 2026-Q3', STAFF_ZH[1]]], { fatal: ['error', 'missing_tab', '', null, ''] }],
  ['Staff without staff_id', [['Staff', [['name', 'department', 'hire_date'], ['Ann', 'Care', '2026-01-01']]]],
    { fatal: ['error', 'missing_column', 'Staff', 1, 'staff_id'] }],
  ['员工 without 入职日期', [['员工', [['工号', '姓名', '部门'], ['S01', '张伟', '客服部']]]],
    { fatal: ['error', 'missing_column', '员工', 1, '入职日期'] }],
  ['Staff tab with no rows at all', [['Staff', []]], { fatal: ['error', 'missing_column', 'Staff', 1, 'staff_id'] }],
  ['员工 tab with no rows at all (Chinese tab name → Chinese column)', [['员工', []]],
    { fatal: ['error', 'missing_column', '员工', 1, '工号'] }],
  ['Feedback without date', [STAFF_EN, fb('Feedback', ['staff_id', 'score'])],
    { fatal: ['error', 'missing_column', 'Feedback', 1, 'date'] }],
  ['Feedback without any of score/rating/likes', [STAFF_EN, fb('Feedback', ['date', 'staff_id', 'comment'])],
    { fatal: ['error', 'missing_column', 'Feedback', 1, 'score'] }],
  ['服务案例 without 内容 or 字数', [STAFF_ZH, fb('服务案例', ['提交日期', '工号', '标题'])],
    { fatal: ['error', 'missing_column', '服务案例', 1, '内容'] }],
  ['奖惩记录 without 类型', [STAFF_ZH, fb('奖惩记录', ['日期', '工号', '金额'], ['2026-07-01', 'S01', 5])],
    { fatal: ['error', 'missing_column', '奖惩记录', 1, '类型'] }],
  ['title row above the Staff header', [['员工', [['2026年第三季度员工名单'], ...STAFF_ZH[1]]]],
    { fatal: ['error', 'header_not_first_row', '员工', 2, ''] }],
  ['blank first row above the Feedback header', [STAFF_EN, ['Feedback', [[], FB_EN, ['2026-07-01', 'S01', 5]]]],
    { fatal: ['error', 'header_not_first_row', 'Feedback', 2, ''] }],
  ['an empty optional tab is no data', [STAFF_EN, ['Incidents', []]], { diags: [['info', 'empty_tab', 'Incidents', null, '']] }],

  // ---- Duplicate headers and tabs ----
  ['Staff with 工号 and staff_id (first wins)', [['Staff', [
    ['工号', 'name', 'department', 'hire_date', 'staff_id'], ['S01', 'Ann', 'Care', '2026-01-01', 'ZZZ']]]],
  { diags: [['warning', 'duplicate_header', 'Staff', 1, 'staff_id']], check: (r) => expect(r.dataset.staff[0].id).toBe('S01') }],
  ['客户反馈 with two 评分 columns', [STAFF_ZH, fb('客户反馈', ['日期', '工号', '评分', '评分'], ['2026-07-01', 'S01', 5, 'x'])],
    { diags: [['warning', 'duplicate_header', '客户反馈', 1, '评分']], check: (r) => expect(r.dataset.feedback[0].score).toBe(5) }],
  ['Staff and 员工 both present (first wins)', [STAFF_EN, STAFF_ZH],
    { diags: [['warning', 'duplicate_tab', '员工', null, '']], check: (r) => expect(r.dataset.staff[0].name).toBe('Ann') }],

  // ---- Headers in mixed languages and forms ----
  ['mixed English and Chinese Staff headers', [['Staff', [['staff_id', '姓名', 'Department', '入职日期'], ['S01', '张伟', '客服部', '2026-01-01']]]],
    { diags: [], check: (r) => expect(r.dataset.staff.map((s) => [s.id, s.name, s.department])).toEqual([['S01', '张伟', '客服部']]) }],
  ['mixed Feedback headers', [STAFF_ZH, fb('Feedback', ['日期', 'Staff ID', 'score', '评价'], ['2026-07-01', 'S01', 4, '超越'])],
    { diags: [], check: (r) => expect(r.dataset.feedback.map((f) => [f.score, f.rating])).toEqual([[4, 'exceeded']]) }],
  ['full-width, starred, bracketed and BOM headers', [['员工', [['\uFEFF工号*', 'ＮＡＭＥ', '部门：', '入职日期(YYYY-MM-DD)'], ['S01', '张伟', '客服部', '2026-01-01']]]],
    { diags: [], check: (r) => expect(r.dataset.staff).toHaveLength(1) }],

  // ---- Blank runs (merged-cell gaps) ----
  ['blank, empty, white-space and missing rows are skipped; later rows keep their numbers', [STAFF_EN, ['Feedback', [
    FB_EN, ['2026-07-01', 'S01', 5], [], ['', null, undefined], ['  ', '\u3000', ''], undefined as unknown as Cell[], ['2026-07-01', 'S01', 'x']]]],
  { diags: [['error', 'not_a_number', 'Feedback', 7, 'score']], check: (r) => expect(r.dataset.feedback).toHaveLength(1) }],
  ['merged department cells leave blanks: missing_value per row', [['员工', [
    ['工号', '姓名', '部门', '入职日期'], ['S01', '张伟', '客服部', '2026-01-01'], ['S02', '王芳', null, '2026-01-01'], ['S03', '刘洋', '', '2026-01-01']]]],
  { diags: [['error', 'missing_value', '员工', 3, '部门'], ['error', 'missing_value', '员工', 4, '部门']] }],
  ['ragged rows shorter than the header read optional cells as blank', [STAFF_EN, ['Feedback', [
    ['date', 'staff_id', 'score', 'comment', 'customer'], ['2026-07-01', 'S01', 5]]]],
  { diags: [], check: (r) => expect(r.dataset.feedback[0].comment).toBe('') }],
  ['a row with only extra columns filled is blank', [STAFF_EN, ['Feedback', [['date', 'staff_id', 'score', 'note to self'], [null, null, null, 'ignore me']]]],
    { diags: [] }],

  // ---- Duplicate ids and id forms ----
  ['duplicate staff id', [['Staff', [...STAFF_EN[1], ['S01', 'Cy', 'Care', '2026-01-01']]]],
    { diags: [['error', 'duplicate_staff_id', 'Staff', 4, 'staff_id']] }],
  ['duplicate differing in case and spaces', [['Staff', [...STAFF_EN[1], [' s01 ', 'Cy', 'Care', '2026-01-01']]]],
    { diags: [['error', 'duplicate_staff_id', 'Staff', 4, 'staff_id']] }],
  ['duplicate in full-width', [['员工', [...STAFF_ZH[1], ['Ｓ０１', '刘洋', '客服部', '2026-01-01']]]],
    { diags: [['error', 'duplicate_staff_id', '员工', 4, '工号']] }],
  ['ids match ignoring case, spaces and width', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 's01', 5], ['2026-07-01', '\u3000Ｓ０２\u3000', 4], ['2026-07-01', ' S01', 3])],
    { diags: [], check: (r) => expect(r.dataset.feedback.map((f) => f.staffKey)).toEqual(['s01', 's02', 's01']) }],
  ['numeric staff id matches text id', [['Staff', [['staff_id', 'name', 'department', 'hire_date'], [1001, 'Ann', 'Care', '2026-01-01']]],
    fb('Feedback', FB_EN, ['2026-07-01', '1001', 5])],
  { diags: [], check: (r) => expect([r.dataset.staff[0].id, r.dataset.feedback[0].staffKey]).toEqual(['1001', '1001']) }],

  // ---- Unknown staff ----
  ['unknown staff in Feedback', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S99', 5])],
    { diags: [['error', 'unknown_staff', 'Feedback', 2, 'staff_id']] }],
  ['unknown staff in 奖惩记录', [STAFF_ZH, fb('奖惩记录', ['日期', '工号', '类型'], ['2026-07-01', 'X1', '投诉'])],
    { diags: [['error', 'unknown_staff', '奖惩记录', 2, '工号']] }],
  ['unknown staff in 积分兑换', [STAFF_ZH, fb('积分兑换', ['日期', '工号', '积分'], ['2026-07-01', 'S1', 10])],
    { diags: [['error', 'unknown_staff', '积分兑换', 2, '工号']] }],
  ['rows of a person whose Staff row was left out: one summary', [['Staff', [...STAFF_EN[1], ['S03', 'Cy', 'Care', '2026-02-30']]],
    fb('Feedback', FB_EN, ['2026-07-01', 'S03', 5], ['2026-07-02', 'S03', 4], ['2026-07-03', 's03', 3])],
  { diags: [['error', 'bad_date', 'Staff', 4, 'hire_date'], ['warning', 'staff_left_out', 'Feedback', 2, 'staff_id']],
    check: (r) => expect(r.diagnostics[1].message.en).toBe('3 rows for staff id "S03" left out because their row 4 in Staff has errors') }],
  ['manager id that is the person', [['Staff', [['staff_id', 'name', 'department', 'hire_date', 'manager_id'], ['S01', 'Ann', 'Care', '2026-01-01', 's01']]]],
    { diags: [['warning', 'unknown_manager', 'Staff', 2, 'manager_id']] }],

  // ---- Malformed dates ----
  ...([
    ['2026-02-30'], ['2026/13/01'], ['2026年2月30日'], ['01.07.2026'], ['yesterday'], ['2026-7'], ['1899-12-31'],
  ] as [string][]).map(([v]): Case => [`date ${JSON.stringify(v)}`, [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', 5], [v, 'S01', 5])],
    { diags: [['error', 'bad_date', 'Feedback', 3, 'date']] }]),
  // SPEC §8 (issue 12): a slash date that reads two ways in a column with no other slash date is refused as ambiguous.
  ['date "7/1/2026"', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', 5], ['7/1/2026', 'S01', 5])],
    { diags: [['error', 'ambiguous_date', 'Feedback', 3, 'date']] }],
  ['date serial 60 (1900-02-29)', [STAFF_ZH, fb('客户反馈', FB_ZH, [60, 'S01', 5])], { diags: [['error', 'bad_date', '客户反馈', 2, '日期']] }],
  ['invalid Date object', [STAFF_ZH, fb('客户反馈', FB_ZH, [new Date(Number.NaN), 'S01', 5])], { diags: [['error', 'bad_date', '客户反馈', 2, '日期']] }],
  ['boolean in a date column', [STAFF_ZH, fb('客户反馈', FB_ZH, [true, 'S01', 5])], { diags: [['error', 'bad_date', '客户反馈', 2, '日期']] }],
  ['blank required date', [STAFF_ZH, fb('客户反馈', FB_ZH, [null, 'S01', 5])], { diags: [['error', 'missing_value', '客户反馈', 2, '日期']] }],
  ['Date objects and serials are accepted', [STAFF_EN, fb('Feedback', FB_EN, [utc(2026, 7, 1), 'S01', 5], [46204, 'S01', 5], ['2026-07-01T00:00:00', 'S01', 5])],
    { diags: [], check: (r) => expect(r.dataset.feedback.map((f) => f.date)).toEqual(['2026-07-01', '2026-07-01', '2026-07-01']) }],
  ['bad month', [STAFF_ZH, fb('考勤', ['月份', '工号'], ['2026年13月', 'S01'])], { diags: [['error', 'bad_month', '考勤', 2, '月份']] }],
  ['bad period', [STAFF_EN, fb('Reviews', ['period', 'staff_id', 'source', 'score'], ['2026-H3', 'S01', 'self', 80])],
    { diags: [['error', 'bad_period', 'Reviews', 2, 'period']] }],
  ['leave date before hire date (warning, row kept)', [['Staff', [['staff_id', 'name', 'department', 'hire_date', 'leave_date'], ['S01', 'Ann', 'Care', '2026-03-01', '2026-01-01']]]],
    { diags: [['warning', 'date_order', 'Staff', 2, 'leave_date']], check: (r) => expect(r.dataset.staff).toHaveLength(1) }],

  // ---- Malformed numbers ----
  ...([
    ['abc', 'not_a_number'], ['1,2', 'not_a_number'], ['4 5', 'not_a_number'], ['=SUM(C2:C9)', 'not_a_number'], ['+', 'not_a_number'],
    ['4..5', 'not_a_number'], ['五', 'not_a_number'], ['1e999', 'out_of_range'],
  ] as [string, string][]).map(([v, code]): Case => [`score ${JSON.stringify(v)}`, [STAFF_ZH, fb('客户反馈', FB_ZH, [46204, 'S01', v])],
    { diags: [['error', code, '客户反馈', 2, '评分']] }]),
  ['boolean score', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', true])], { diags: [['error', 'not_a_number', 'Feedback', 2, 'score']] }],
  ['NaN score', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', Number.NaN])], { diags: [['error', 'not_a_number', 'Feedback', 2, 'score']] }],
  ['money with a wrong separator', [STAFF_EN, fb('Incidents', ['date', 'staff_id', 'type', 'amount'], ['2026-07-01', 'S01', 'fine', '¥1,2'])],
    { diags: [['error', 'not_a_number', 'Incidents', 2, 'amount']] }],
  ['numbers as text are read', [STAFF_ZH, fb('客户反馈', FB_ZH, ['2026-07-01', 'S01', '４'], ['2026-07-01', 'S01', ' 3 '], ['2026-07-01', 'S01', null, null, '1,200'])],
    { diags: [], check: (r) => expect(r.dataset.feedback.map((f) => [f.score, f.likes])).toEqual([[4, null], [3, null], [null, 1200]]) }],
  ['quota count 2.5', [STAFF_EN, fb('Quotas', ['award', 'scope', 'count'], ['quarter_star', 'Care', 2.5])],
    { diags: [['error', 'not_an_integer', 'Quotas', 2, 'count']] }],

  // ---- Out of range and negative ----
  ['feedback score 6', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', 6])], { diags: [['error', 'out_of_range', 'Feedback', 2, 'score']] }],
  ['feedback score -1', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', -1])], { diags: [['error', 'out_of_range', 'Feedback', 2, 'score']] }],
  ['review 120 of 100', [STAFF_ZH, fb('考评', ['考评期间', '工号', '来源', '分数'], ['2026-Q3', 'S01', '上级', 120])],
    { diags: [['error', 'out_of_range', '考评', 2, '分数']] }],
  ['review 11 of 10', [STAFF_EN, fb('Reviews', ['period', 'staff_id', 'source', 'score', 'max'], ['2026-Q3', 'S01', 'self', 11, 10])],
    { diags: [['error', 'out_of_range', 'Reviews', 2, 'score']] }],
  ['review max 0', [STAFF_EN, fb('Reviews', ['period', 'staff_id', 'source', 'score', 'max'], ['2026-Q3', 'S01', 'self', 0, 0])],
    { diags: [['error', 'out_of_range', 'Reviews', 2, 'max']] }],
  ['case quality 3.5', [STAFF_ZH, fb('服务案例', ['提交日期', '工号', '字数', '评分'], ['2026-07-01', 'S01', 300, 3.5])],
    { diags: [['error', 'out_of_range', '服务案例', 2, '评分']] }],
  ['negative likes', [STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', null, null, -3])], { diags: [['error', 'negative_value', 'Feedback', 2, 'likes']] }],
  ['negative early leaves', [STAFF_ZH, fb('考勤', ['月份', '工号', '早退次数'], ['2026-07', 'S01', '-1'])], { diags: [['error', 'negative_value', '考勤', 2, '早退次数']] }],
  ['40 absent days in a month', [STAFF_ZH, fb('考勤', ['月份', '工号', '旷工'], ['2026-07', 'S01', 40])], { diags: [['error', 'out_of_range', '考勤', 2, '旷工']] }],
  ['negative quota', [STAFF_ZH, fb('名额', ['奖项', '范围', '名额'], ['quarter_star', 'A组', -1])], { diags: [['error', 'negative_value', '名额', 2, '名额']] }],
  ['negative case length', [STAFF_EN, fb('Cases', ['date', 'staff_id', 'length'], ['2026-07-01', 'S01', -300])], { diags: [['error', 'negative_value', 'Cases', 2, 'length']] }],

  // ---- Error values and formulas arriving as cell values ----
  ['#N/A score', [STAFF_ZH, fb('客户反馈', FB_ZH, ['2026-07-01', 'S01', '#N/A'])], { diags: [['error', 'error_value', '客户反馈', 2, '评分']] }],
  ['#REF! staff id', [STAFF_ZH, fb('客户反馈', FB_ZH, ['2026-07-01', '#REF!', 5])], { diags: [['error', 'error_value', '客户反馈', 2, '工号']] }],
  ['#VALUE! date', [STAFF_EN, fb('Feedback', FB_EN, ['#VALUE!', 'S01', 5])], { diags: [['error', 'error_value', 'Feedback', 2, 'date']] }],
  ['#DIV/0! amount', [STAFF_EN, fb('Incidents', ['date', 'staff_id', 'type', 'amount'], ['2026-07-01', 'S01', 'fine', '#DIV/0!'])],
    { diags: [['error', 'error_value', 'Incidents', 2, 'amount']] }],
  ['#N/A staff name leaves the person out', [['员工', [...STAFF_ZH[1], ['S03', '#N/A', '客服部', '2026-01-01']]]],
    { diags: [['error', 'error_value', '员工', 4, '姓名']], check: (r) => expect(r.dataset.staff).toHaveLength(2) }],
  ['formula text in a text column stays text', [STAFF_EN, fb('Feedback', ['date', 'staff_id', 'score', 'comment'], ['2026-07-01', 'S01', 5, '=HYPERLINK("x")'])],
    { diags: [], check: (r) => expect(r.dataset.feedback[0].comment).toBe('=HYPERLINK("x")') }],

  // ---- Coded values ----
  ['no score, rating or likes in a row', [STAFF_EN, fb('Feedback', ['date', 'staff_id', 'rating', 'likes'], ['2026-07-01', 'S01', '', null])],
    { diags: [['error', 'missing_value', 'Feedback', 2, 'rating']] }],
  ['case with neither text nor length', [STAFF_ZH, fb('服务案例', ['提交日期', '工号', '标题', '字数', '内容'], ['2026-07-01', 'S01', '标题', null, ' '])],
    { diags: [['error', 'missing_value', '服务案例', 2, '内容']] }],
  ['unknown incident type reported once for three rows', [STAFF_ZH, fb('奖惩记录', ['日期', '工号', '类型'],
    ['2026-07-01', 'S01', '打架'], ['2026-07-02', 'S02', '打架'], ['2026-07-03', 'S01', '投诉'], ['2026-07-04', 'S01', '打架'])],
  { diags: [['info', 'unknown_type', '奖惩记录', 2, '类型']],
    check: (r) => expect(r.dataset.incidents.map((i) => i.type)).toEqual(['打架', '打架', 'complaint', '打架']) }],
];

describe('bad-input catalogue', () => {
  test('has at least 50 cases', () => expect(cases.length).toBeGreaterThanOrEqual(50));

  test.each(cases)('%s', (_label, tabs, exp) => {
    const r = read(tabs);
    if ('fatal' in exp) {
      expect(r.fatal && [r.fatal.severity, r.fatal.code, r.fatal.tab, r.fatal.row, r.fatal.column]).toEqual(exp.fatal);
      expect(r.fatal?.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.fatal?.message.en).toMatch(/[a-z]/);
      if (exp.diags) expect(all(r)).toEqual(exp.diags);
      return;
    }
    expect(r.fatal).toBeNull();
    expect(all(r)).toEqual(exp.diags);
    for (const d of r.diagnostics) {
      expect(d.message.zh.length).toBeGreaterThan(0);
      expect(d.message.en.length).toBeGreaterThan(0);
    }
    expect(validateDataset(r.dataset)).toEqual([]);
    if ('check' in exp && exp.check) exp.check(r);
  });
});

describe('huge cells', () => {
  const big = '服务'.repeat(25000); // 50,000 characters

  test('a 50,000-character comment is kept', () => {
    const r = read([STAFF_EN, fb('Feedback', ['date', 'staff_id', 'score', 'comment'], ['2026-07-01', 'S01', 5, big])]);
    expect(all(r)).toEqual([]);
    expect(r.dataset.feedback[0].comment).toHaveLength(50000);
  });

  test('a 50,000-character case text counts 50,000 characters', () => {
    const r = read([STAFF_ZH, fb('服务案例', ['提交日期', '工号', '内容'], ['2026-07-01', 'S01', big])]);
    expect(r.dataset.cases[0].length).toBe(50000);
  });

  test('a 50,000-character score is not a number, and the value shown is cut short', () => {
    const r = read([STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S01', big])]);
    expect(all(r)).toEqual([['error', 'not_a_number', 'Feedback', 2, 'score']]);
    expect(r.diagnostics[0].value.length).toBeLessThanOrEqual(201);
    expect(r.diagnostics[0].message.en.length).toBeLessThan(200);
  });

  test('a 50,000-character staff id is unknown staff', () => {
    const r = read([STAFF_EN, fb('Feedback', FB_EN, ['2026-07-01', 'S'.repeat(50000), 5])]);
    expect(all(r)).toEqual([['error', 'unknown_staff', 'Feedback', 2, 'staff_id']]);
  });

  test('a 50,000-character date and header', () => {
    const r = read([STAFF_EN, fb('Feedback', [...FB_EN, big], [big, 'S01', 5])]);
    expect(all(r)).toEqual([['error', 'bad_date', 'Feedback', 2, 'date']]);
  });
});

describe('robustness', () => {
  test('input tabs are not modified', () => {
    const tabs: RawTab[] = [
      { name: 'Staff', rows: [...STAFF_EN[1].map((r) => [...r]), [' s01 ', 'X', '', '2026-02-30']] },
      { name: 'Feedback', rows: [FB_EN, ['2026-07-01', 's01', '４'], [utc(2026, 7, 1), 'S02', '#N/A']] },
    ];
    const before = JSON.stringify(tabs);
    readDataset(tabs, {});
    expect(JSON.stringify(tabs)).toBe(before);
  });

  test('garbage shapes do not throw', () => {
    const garbage = [
      null, { name: 7, rows: [] }, { name: 'Staff' }, { name: 'Feedback', rows: [[{}], [[1, 2]], [Symbol.for('x')]] },
    ] as unknown as RawTab[];
    expect(() => readDataset(garbage, {})).not.toThrow();
    expect(readDataset(garbage, {}).fatal?.code).toBe('missing_column');
  });

  test('objects, arrays and symbols as cells are reported, not thrown', () => {
    const odd = [{}, [1, 2], Symbol.for('x'), () => 1] as unknown as Cell[];
    const tabs = [
      { name: 'Staff', rows: STAFF_EN[1] },
      { name: 'Feedback', rows: [[...FB_EN, {}, Symbol.for('h')], ['2026-07-01', 'S01', odd[0]], [odd[2], 'S01', 5], ['2026-07-01', odd[1], 5]] },
    ] as unknown as RawTab[];
    const r = readDataset(tabs, {});
    expect(all(r)).toEqual([
      ['error', 'not_a_number', 'Feedback', 2, 'score'],
      ['error', 'bad_date', 'Feedback', 3, 'date'],
      ['error', 'missing_value', 'Feedback', 4, 'staff_id'],
    ]);
  });

  test('the same input gives the same output', () => {
    const tabs = (): RawTab[] => [
      { name: '员工', rows: STAFF_ZH[1] },
      { name: '客户反馈', rows: [FB_ZH, ['2026-07-01', 'S01', 'x'], ['2026-07-01', 'S09', 5], ['2026-02-30', 'S02', 5]] },
    ];
    expect(JSON.stringify(readDataset(tabs(), {}))).toBe(JSON.stringify(readDataset(tabs(), {})));
  });

  test(`at most ${DIAGNOSTIC_LIMIT} diagnostics per code and tab, then one too_many`, () => {
    const rows: Cell[][] = [FB_EN];
    for (let i = 0; i < 1500; i++) rows.push(['2026-07-01', 'S01', 'bad']);
    const r = read([STAFF_EN, ['Feedback', rows]]);
    expect(r.diagnostics.filter((d) => d.code === 'not_a_number')).toHaveLength(1000);
    expect(r.diagnostics.at(-1)).toMatchObject({ severity: 'error', code: 'too_many', tab: 'Feedback', row: null, value: '500' });
    expect(r.diagnostics).toHaveLength(1001);
  });
});

describe('a 1,048,576-row tab (the sheet maximum)', () => {
  const N = 1048576;
  const staff: TabDef = ['Staff', [['staff_id', 'name', 'department', 'hire_date'],
    ...Array.from({ length: 40 }, (_, i): Cell[] => [`S${i}`, `N${i}`, 'Care', '2025-01-01'])]];

  test('valid rows are all read', () => {
    const rows: Cell[][] = new Array(N);
    rows[0] = ['date', 'staff_id', 'score', 'rating'];
    for (let i = 1; i < N; i++) rows[i] = [46204 + (i % 92), `S${i % 40}`, 1 + (i % 5), i % 2 ? '达到' : '超越'];
    const r = read([staff, ['Feedback', rows]]);
    expect(r.fatal).toBeNull();
    expect(r.diagnostics).toEqual([]);
    expect(r.dataset.feedback).toHaveLength(N - 1);
    expect(r.dataset.feedback[N - 2]).toMatchObject({ row: N, staffKey: `s${(N - 1) % 40}` });
  });

  test('every row bad: diagnostics stay bounded', () => {
    const rows: Cell[][] = new Array(N);
    rows[0] = ['date', 'staff_id', 'score'];
    for (let i = 1; i < N; i++) rows[i] = ['2026-07-01', 'S1', 'n/a?'];
    const r = read([staff, ['Feedback', rows]]);
    expect(r.dataset.feedback).toHaveLength(0);
    expect(r.diagnostics).toHaveLength(DIAGNOSTIC_LIMIT + 1);
    expect(r.diagnostics.at(-1)).toMatchObject({ code: 'too_many', tab: 'Feedback', value: String(N - 1 - DIAGNOSTIC_LIMIT) });
  });
});

describe('tabs as files: a CSV folder (BOM, CRLF, quoted commas and line breaks)', () => {
  const dir = join(__dirname, '..', 'fixtures', 'input', 'csv-zh');
  const tabs: RawTab[] = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort().map((f) => ({
    name: basename(f, '.csv'),
    rows: parse(readFileSync(join(dir, f)), { bom: true, relax_column_count: true }) as Cell[][],
  }));
  const r = readDataset(tabs, {});

  test('exact diagnostics', () => {
    expect(all(r)).toEqual([
      ['error', 'duplicate_staff_id', '员工', 5, '工号'],
      ['error', 'not_a_number', '客户反馈', 3, '评分'],
      ['error', 'unknown_staff', '客户反馈', 4, '工号'],
      ['error', 'bad_date', '客户反馈', 6, '日期'],
      ['error', 'error_value', '奖惩记录', 3, '类型'],
    ]);
  });

  test('records', () => {
    expect(r.dataset.staff.map((s) => [s.id, s.key, s.managerKey])).toEqual([['S01', 's01', 'm01'], ['ｓ０２', 's02', 'm01'], ['M01', 'm01', null]]);
    expect(r.dataset.feedback.map((f) => [f.row, f.score, f.comment])).toEqual([[2, 5, '很好,非常耐心']]);
    expect(r.dataset.incidents.map((i) => [i.type, i.amount])).toEqual([['complaint', 120050]]);
  });
});
