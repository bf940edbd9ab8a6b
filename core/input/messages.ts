/**
 * Messages (zh-CN and en) for the diagnostics of reading input tabs. The tab, row
 * and column are rendered by core/diagnostics.ts, so a message speaks about the value.
 */
import type { CellCode } from './cells';
import type { ColumnType } from './aliases';

export interface Message {
  zh: string;
  en: string;
}

/** Keep a quoted value short inside a sentence. */
function q(value: string): string {
  return value.length > 60 ? `${value.slice(0, 60)}…` : value;
}

/** Message for a cell that could not be read as its column's type. */
export function cellMessage(code: CellCode, value: string, type: ColumnType, range?: { min: number; max: number | null }): Message {
  const v = q(value);
  switch (code) {
    case 'missing_value':
      return {
        zh: '必填，不能为空（如是合并单元格，请取消合并并逐行填写）',
        en: 'is required but blank (if cells were merged, unmerge them and fill every row)',
      };
    case 'error_value':
      return { zh: `单元格是公式错误值“${v}”，请先修正公式`, en: `holds the spreadsheet error "${v}"; fix the formula first` };
    case 'bad_date':
      return { zh: `“${v}”不是有效日期，请写成 2026-07-01 或 2026年7月1日`, en: `"${v}" is not a valid date; write it as 2026-07-01` };
    case 'ambiguous_date':
    case 'mixed_date': {
      const [a, b, y] = v.split('/').map((x) => x.trim());
      const md = `${y}-${a.padStart(2, '0')}-${b.padStart(2, '0')}`;
      const dm = `${y}-${b.padStart(2, '0')}-${a.padStart(2, '0')}`;
      const why = code === 'mixed_date'
        ? { zh: '本列的斜杠日期既有“月/日/年”又有“日/月/年”写法，', en: 'this column mixes month/day/year and day/month/year, so ' }
        : { zh: '本列每个斜杠日期都可以两种读法，', en: 'every slash date of this column reads two ways, so ' };
      return {
        zh: `${why.zh}“${v}”可能是 ${+a} 月 ${+b} 日，也可能是 ${+b} 月 ${+a} 日：请写成 ${md} 或 ${dm}`,
        en: `${why.en}"${v}" could be month ${+a} day ${+b} or day ${+a} month ${+b}: write ${md} or ${dm}`,
      };
    }
    case 'bad_month':
      return { zh: `“${v}”不是有效月份，请写成 2026-07`, en: `"${v}" is not a valid month; write it as 2026-07` };
    case 'bad_period':
      return {
        zh: `“${v}”不是有效期间，请写成 2026-07、2026-Q3、2026-H2 或 2026`,
        en: `"${v}" is not a valid period; write 2026-07, 2026-Q3, 2026-H2 or 2026`,
      };
    case 'not_a_number':
      return type === 'money'
        ? { zh: `“${v}”不是金额，请写成 1200 或 1,200.50`, en: `"${v}" is not an amount of money; write 1200 or 1,200.50` }
        : { zh: `“${v}”不是数字`, en: `"${v}" is not a number` };
    case 'not_an_integer':
      return { zh: `“${v}”应为整数`, en: `"${v}" should be a whole number` };
    case 'bad_boolean':
      return { zh: `“${v}”应为 是 或 否`, en: `"${v}" should be yes or no` };
    case 'bad_level':
      return {
        zh: `“${v}”不是已知职级（员工、班长/领班、主管/课长/主任、经理）`,
        en: `"${v}" is not a known level (staff, team_lead, supervisor, manager)`,
      };
    case 'bad_rating':
      return {
        zh: `“${v}”不是已知评价（超越、达到、低于）`,
        en: `"${v}" is not a known rating (exceeded, met, below)`,
      };
    case 'bad_status':
      return {
        zh: `“${v}”不是已知状态（待处理/处理中、驳回/维持、成立/撤销）`,
        en: `"${v}" is not a known status (pending, rejected, accepted)`,
      };
    case 'negative_value':
      return { zh: `“${v}”不能为负数`, en: `"${v}" cannot be negative` };
    case 'out_of_range': {
      if (!range) return { zh: `“${v}”超出可用范围`, en: `"${v}" is out of range` };
      const span = range.max === null ? `≥ ${range.min}` : `${range.min}–${range.max}`;
      return { zh: `“${v}”超出范围 ${span}`, en: `"${v}" is outside the range ${span}` };
    }
  }
}

export const MESSAGES = {
  missingTab: (zhName: string, enName: string, found: string[]): Message => ({
    zh: `缺少「${zhName}」工作表（也可命名为 ${enName}），无法计算。现有工作表：${found.join('、') || '无'}`,
    en: `The workbook has no ${enName} tab (or ${zhName}); the run cannot start. Tabs found: ${found.join(', ') || 'none'}`,
  }),
  missingColumn: (tab: string, names: { zh: string; en: string }[], found: string[]): Message => ({
    zh: `「${tab}」缺少必需列：${names.map((n) => `${n.zh}（${n.en}）`).join('、')}，无法计算。第 1 行的表头：${found.join('、') || '（空）'}`,
    en: `Tab ${tab} is missing required column${names.length > 1 ? 's' : ''} ${names.map((n) => `${n.en} (${n.zh})`).join(', ')}; the run cannot start. Headers on row 1: ${found.join(', ') || '(none)'}`,
  }),
  missingOneOf: (tab: string, names: { zh: string; en: string }[]): Message => ({
    zh: `「${tab}」至少需要以下列之一：${names.map((n) => `${n.zh}（${n.en}）`).join('、')}，无法计算`,
    en: `Tab ${tab} needs at least one of the columns ${names.map((n) => `${n.en} (${n.zh})`).join(', ')}; the run cannot start`,
  }),
  headerNotFirstRow: (tab: string, row: number): Message => ({
    zh: `「${tab}」的表头应在第 1 行，但在第 ${row} 行找到了表头：请删除表头上方的标题行或空行`,
    en: `Tab ${tab} must have its header on row 1, but the header is on row ${row}: delete the title or blank rows above it`,
  }),
  emptyTab: (): Message => ({ zh: '工作表为空，按无数据处理', en: 'the tab is empty; read as no data' }),
  duplicateTab: (first: string): Message => ({
    zh: `与工作表「${first}」是同一类数据，只读取「${first}」`,
    en: `holds the same kind of data as tab ${first}; only ${first} is read`,
  }),
  duplicateHeader: (first: string): Message => ({
    zh: `与前面的列“${first}”重复，只使用前面那一列`,
    en: `repeats the earlier column "${first}"; only the earlier column is used`,
  }),
  duplicateStaffId: (id: string, firstRow: number): Message => ({
    zh: `工号“${q(id)}”与第 ${firstRow} 行重复（不区分大小写、全半角和首尾空格），本行未使用`,
    en: `staff id "${q(id)}" repeats row ${firstRow} (ids ignore case, full-width and surrounding spaces); this row is left out`,
  }),
  unknownStaff: (id: string): Message => ({
    zh: `工号“${q(id)}”不在员工表中，本行未使用`,
    en: `staff id "${q(id)}" is not in the Staff tab; this row is left out`,
  }),
  staffLeftOut: (id: string, count: number, staffTab: string, staffRow: number): Message => ({
    zh: `工号“${q(id)}”在「${staffTab}」第 ${staffRow} 行有错误而未使用，因此本表中此人的 ${count} 行也未使用`,
    en: `${count} row${count > 1 ? 's' : ''} for staff id "${q(id)}" left out because their row ${staffRow} in ${staffTab} has errors`,
  }),
  unknownManager: (id: string): Message => ({
    zh: `上级工号“${q(id)}”不在员工表中，按无上级处理`,
    en: `manager id "${q(id)}" is not in the Staff tab; read as no manager`,
  }),
  selfManager: (id: string): Message => ({
    zh: `上级工号“${q(id)}”是本人，按无上级处理`,
    en: `manager id "${q(id)}" is the person themself; read as no manager`,
  }),
  dateOrder: (later: string, earlier: string): Message => ({
    zh: `${later}早于入职日期 ${earlier}，请核对`,
    en: `is before the hire date ${earlier} (${later}); please check`,
  }),
  missingMeasure: (names: { zh: string; en: string }[]): Message => ({
    zh: `${names.map((n) => n.zh).join('、')} 至少要填一项，本行未使用`,
    en: `at least one of ${names.map((n) => n.en).join(', ')} must be filled; this row is left out`,
  }),
  unknownType: (value: string, count: number): Message => ({
    zh: `类型“${q(value)}”不是内置类型，按原文保留（共 ${count} 行），可在自定义规则中使用`,
    en: `type "${q(value)}" is not a built-in type; kept as written (${count} row${count > 1 ? 's' : ''}) for custom rules`,
  }),
  unknownSource: (value: string, count: number): Message => ({
    zh: `来源“${q(value)}”不是内置来源（自评、上级、客户、同事、评委、投票），按原文保留（共 ${count} 行）`,
    en: `source "${q(value)}" is not a built-in source (self, supervisor, customer, peer, committee, vote); kept as written (${count} row${count > 1 ? 's' : ''})`,
  }),
  duplicateMonth: (month: string, firstRow: number): Message => ({
    zh: `此人 ${month} 的考勤与第 ${firstRow} 行重复，本行未使用`,
    en: `attendance for ${month} repeats row ${firstRow} for this person; this row is left out`,
  }),
  investigationOrder: (end: string, start: string): Message => ({
    zh: `结束日期 ${end} 早于开始日期 ${start}，本行未使用`,
    en: `the end ${end} is before the start ${start}; this row is left out`,
  }),
  tooMany: (code: string, count: number): Message => ({
    zh: `另有 ${count} 个同类问题（${code}）未逐条列出`,
    en: `${count} more problems of this kind (${code}) are not listed one by one`,
  }),
  badOption: (name: string, value: string): Message => ({
    zh: `选项 ${name} 的值“${q(value)}”无效，已使用默认值`,
    en: `option ${name} has an invalid value "${q(value)}"; the default is used`,
  }),
} as const;
