/**
 * A small smile-cards workbook as Excel returns it: dates are serial numbers
 * (days since 1899-12-30), empty cells are ''. Worked by hand for 2026-Q3 under
 * the smile-cards preset (SPEC §4):
 *  group A: S01 Alice 3 × exceeded = 6 smile cards, 0 anger → wins service_star;
 *           S02 Bob 2 × met = 2 smile cards;
 *           S03 Carol 1 × exceeded + 1 × below (2 anger cards) → not eligible.
 *  group B: S04 "=HYPERLINK(...)" 1 × exceeded = 2 smile cards → wins;
 *           S05 Dan 1 × met = 1 smile card.
 *  S06 Erin (manager of S01..S05) and S07 Frank (Erin's manager) have no feedback.
 */
import type { Value } from './fake-excel';

/** Excel serial number of a calendar day (UTC arithmetic, so no time zone enters). */
export function serial(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export const HYPERLINK_NAME = '=HYPERLINK("http://x","y")';

export function smileWorkbook(): Record<string, Value[][]> {
  return {
    Staff: [
      ['staff_id', 'name', 'department', 'group', 'level', 'hire_date', 'manager_id'],
      ['S01', 'Alice', 'Service', 'A', 'staff', serial('2024-01-15'), 'S06'],
      ['S02', 'Bob', 'Service', 'A', 'staff', serial('2024-03-01'), 'S06'],
      ['S03', 'Carol', 'Service', 'A', 'staff', serial('2025-02-10'), 'S06'],
      ['S04', HYPERLINK_NAME, 'Service', 'B', 'staff', serial('2023-11-20'), 'S06'],
      ['S05', 'Dan', 'Service', 'B', 'staff', serial('2024-06-01'), 'S06'],
      ['S06', 'Erin', 'Service', '', 'manager', serial('2020-05-05'), 'S07'],
      ['S07', 'Frank', 'Head office', '', 'manager', serial('2018-01-02'), ''],
    ],
    Feedback: [
      ['date', 'staff_id', 'rating'],
      [serial('2026-07-03'), 'S01', 'exceeded'],
      [serial('2026-07-20'), 'S01', 'exceeded'],
      [serial('2026-08-11'), 'S01', 'exceeded'],
      [serial('2026-07-08'), 'S02', 'met'],
      [serial('2026-09-02'), 'S02', 'met'],
      [serial('2026-08-15'), 'S03', 'exceeded'],
      [serial('2026-08-16'), 'S03', 'below'],
      [serial('2026-09-09'), 'S04', 'exceeded'],
      [serial('2026-07-30'), 'S05', 'met'],
    ],
    Incidents: [['date', 'staff_id', 'type'], [serial('2026-10-02'), 'S02', 'complaint']],
    Notes: [['my own notes'], ['=not touched']],
  };
}

/** The same workbook with Chinese tab names, headers and values (for the zh-CN task pane). */
export function smileWorkbookZh(): Record<string, Value[][]> {
  return {
    员工: [
      ['工号', '姓名', '部门', '组别', '职级', '入职日期', '上级工号'],
      ['S01', '王丽娜', '售后服务部', '一组', '员工', serial('2024-01-15'), 'S06'],
      ['S02', '张伟', '售后服务部', '一组', '员工', serial('2024-03-01'), 'S06'],
      ['S03', '李静', '售后服务部', '一组', '员工', serial('2025-02-10'), 'S06'],
      ['S04', '刘洋', '售后服务部', '二组', '员工', serial('2023-11-20'), 'S06'],
      ['S05', '陈晨', '售后服务部', '二组', '员工', serial('2024-06-01'), 'S06'],
      ['S06', '赵敏', '售后服务部', '', '经理', serial('2020-05-05'), 'S07'],
      ['S07', '孙强', '总部', '', '经理', serial('2018-01-02'), ''],
    ],
    客户反馈: [
      ['日期', '工号', '评价'],
      [serial('2026-07-03'), 'S01', '超越'],
      [serial('2026-07-20'), 'S01', '超越'],
      [serial('2026-08-11'), 'S01', '超越'],
      [serial('2026-07-08'), 'S02', '达到'],
      [serial('2026-09-02'), 'S02', '达到'],
      [serial('2026-08-15'), 'S03', '超越'],
      [serial('2026-08-16'), 'S03', '低于'],
      [serial('2026-09-09'), 'S04', '超越'],
      [serial('2026-07-30'), 'S05', '达到'],
    ],
    奖惩记录: [['日期', '工号', '类型'], [serial('2026-10-02'), 'S02', '投诉']],
  };
}
