/** core/inspect: the sidebar state built from tabs (pure; expected values worked out by hand). */
import { dataRowCount, inspectWorkbook, pickDataCheckTab } from '../../core/inspect';
import type { Cell, RawTab } from '../../core/types';
import { buildSchemeTab } from '../../core/scheme-tab/index';
import { getPreset } from '../../core/presets/index';

const STAFF: RawTab = {
  name: 'Staff',
  rows: [
    ['staff_id', 'name', 'department', 'hire_date'],
    ['S01', 'Alice', 'Service', '2024-01-15'],
    ['S02', 'Bob', 'Service', '2024-03-01'],
    [null, '', null, null],
    ['', '', '', ''],
  ],
};
const FEEDBACK: RawTab = {
  name: 'Feedback',
  rows: [
    ['date', 'staff_id', 'rating'],
    ['2026-07-03', 'S01', 'exceeded'],
    ['2026-07-04', 'S02', 'sideways'],
  ],
};

describe('dataRowCount', () => {
  test('counts rows below the header, trailing blank rows left out', () => {
    expect(dataRowCount(STAFF)).toBe(2);
    expect(dataRowCount({ name: 'x', rows: [['h']] })).toBe(0);
    expect(dataRowCount({ name: 'x', rows: [] })).toBe(0);
    expect(dataRowCount({ name: 'x', rows: [['h'], [null], ['a'], [null]] })).toBe(2);
  });
});

describe('pickDataCheckTab', () => {
  test('prefers the period asked, else the newest by period id', () => {
    const names = ['Staff', 'Data check 2026-Q1', 'Data check 2026-Q2', 'Ranking 2026-Q2'];
    expect(pickDataCheckTab(names, '2026-Q1')).toBe('Data check 2026-Q1');
    expect(pickDataCheckTab(names, '2026-Q3')).toBe('Data check 2026-Q2');
    expect(pickDataCheckTab(['数据检查 2025-Q4'], '2026-Q1')).toBe('数据检查 2025-Q4');
    expect(pickDataCheckTab(['Staff'], '2026-Q1')).toBeNull();
  });
});

describe('inspectWorkbook', () => {
  test('smile-cards is quarterly: the default period is the last completed quarter', () => {
    const s = inspectWorkbook([STAFF, FEEDBACK], { today: '2026-11-22', preset: 'smile-cards', lang: 'en' });
    expect(s.defaultPeriod).toBe('2026-Q3');
    expect(s.scheme).toMatchObject({ source: 'preset', id: 'smile-cards', cadence: 'quarter', valid: true, tab: null });
    expect(s.tabs).toEqual([
      { name: 'Staff', kind: 'staff', rows: 2 },
      { name: 'Feedback', kind: 'feedback', rows: 2 },
    ]);
    expect(s.blocking).toBeNull();
    expect(s.today).toBe('2026-11-22');
  });

  test('on the first day of a quarter the previous quarter is offered (across the year end)', () => {
    const s = inspectWorkbook([STAFF], { today: '2026-01-01', preset: 'smile-cards' });
    expect(s.defaultPeriod).toBe('2025-Q4');
  });

  test('a monthly preset offers the previous month', () => {
    const s = inspectWorkbook([STAFF], { today: '2026-11-22', preset: 'star-rating' });
    expect(s.scheme?.cadence).toBe('month');
    expect(s.defaultPeriod).toBe('2026-10');
  });

  test('presets are listed with their cadence; an unknown preset falls back to the first', () => {
    const s = inspectWorkbook([STAFF], { today: '2026-11-22', preset: 'no-such-preset' });
    expect(s.presets.map((p) => p.id)).toContain('smile-cards');
    expect(s.presets.find((p) => p.id === 'annual-star')?.cadence).toBe('year');
    expect(s.scheme?.id).toBe(s.presets[0].id);
  });

  test('a bad rating is counted as an error diagnostic and listed', () => {
    const s = inspectWorkbook([STAFF, FEEDBACK], { today: '2026-11-22', preset: 'smile-cards', lang: 'en' });
    expect(s.diagnostics.error).toBe(1);
    expect(s.topDiagnostics).toHaveLength(1);
    expect(s.topDiagnostics[0]).toMatchObject({ severity: 'error', tab: 'Feedback', row: 3, column: 'rating' });
    expect(s.topDiagnostics[0].text.en).toMatch(/^Feedback, row 3, column rating: /);
  });

  test('no Staff tab: the blocking message names it', () => {
    const s = inspectWorkbook([FEEDBACK], { today: '2026-11-22', preset: 'smile-cards', lang: 'zh' });
    expect(s.blocking).not.toBeNull();
    expect(s.blocking!.en).toMatch(/Staff/);
    expect(s.blocking!.zh).toMatch(/员工/);
    expect(s.diagnostics.error).toBeGreaterThanOrEqual(1);
  });

  test('language: given, else from the tab names', () => {
    expect(inspectWorkbook([STAFF], { today: '2026-11-22' }).lang).toBe('en');
    const zhStaff: RawTab = { name: '员工', rows: [['工号', '姓名', '部门', '入职日期'], ['S01', '张三', '客服部', '2024-01-01']] };
    expect(inspectWorkbook([zhStaff], { today: '2026-11-22' }).lang).toBe('zh');
  });

  test('the state is plain JSON (survives a JSON round trip unchanged)', () => {
    const s = inspectWorkbook([STAFF, FEEDBACK], { today: '2026-11-22', preset: 'smile-cards' }, ['Staff', 'Feedback', 'Data check 2026-Q3']);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    expect(s.dataCheckTab).toBe('Data check 2026-Q3');
  });
});

describe('final periods from the Runs tab', () => {
  const runs: RawTab = {
    name: 'Runs',
    rows: [
      ['Time', 'Period', 'Status', 'Scheme', 'Scheme version', 'Paid', 'Awards', 'Errors', 'Warnings', 'Info'],
      ['2026-07-02T09:00:00Z', '2026-Q2', 'draft', 'smile-cards', '1', 1600, 2, 0, 0, 0],
      ['2026-07-03T09:00:00Z', '2026-Q2', 'final', 'smile-cards', '1', 1600, 2, 0, 0, 0],
      ['2026-04-03T09:00:00Z', '2026-Q1', 'final', 'smile-cards', '1', 800, 1, 0, 0, 0],
      ['2026-10-03T09:00:00Z', '2026-Q3', 'draft', 'smile-cards', '1', 800, 1, 0, 0, 0],
    ],
  };
  test('periods with a final run, ascending; draft-only periods are not final', () => {
    const s = inspectWorkbook([STAFF, runs], { today: '2026-11-22', preset: 'smile-cards' });
    expect(s.finalPeriods).toEqual(['2026-Q1', '2026-Q2']);
    // The Runs tab is not an input tab: it is not listed with row counts.
    expect(s.tabs.map((t) => t.name)).toEqual(['Staff']);
  });
});

describe('the scheme in force from a Scheme tab (issue 7)', () => {
  const staff: RawTab = { name: '员工', rows: [['工号', '姓名', '部门', '入职日期'], ['S01', '张三', '客服部', '2024-01-01']] };

  function schemeRows(): Cell[][] {
    return buildSchemeTab(getPreset('smile-cards'), 'en').rows.map((r) => r.slice());
  }

  /** Row index (0-based) of the service_star row of the Awards block. */
  function awardRow(rows: Cell[][]): number {
    const title = rows.findIndex((r) => r[0] === '■ Awards');
    expect(rows[title + 2][0]).toBe('service_star');
    return title + 2;
  }

  /** Column index of the Awards block's Quota column (the layout grows as the model does). */
  function quotaColumn(rows: Cell[][]): number {
    const title = rows.findIndex((r) => r[0] === '■ Awards');
    const c = rows[title + 1].indexOf('Quota');
    expect(c).toBeGreaterThan(0);
    return c;
  }

  test('a valid tab named 奖惩方案 is the scheme in force, by its name', () => {
    const s = inspectWorkbook([staff, { name: '奖惩方案', rows: schemeRows() }], { today: '2026-11-22', preset: 'star-rating' });
    expect(s.scheme).toMatchObject({ source: 'tab', tab: '奖惩方案', id: 'smile-cards', valid: true, cadence: 'quarter', problems: [] });
    expect(s.defaultPeriod).toBe('2026-Q3');
  });

  test('a broken quota: not valid, and the first problem is the located cell (no repeated prefix, no summary line)', () => {
    const rows = schemeRows();
    const r = awardRow(rows);
    rows[r][quotaColumn(rows)] = 'ten';
    const s = inspectWorkbook([staff, { name: 'Scheme', rows }], { today: '2026-11-22' });
    expect(s.scheme?.valid).toBe(false);
    expect(s.scheme?.source).toBe('tab');
    expect(s.scheme?.problems).toHaveLength(1);
    expect(s.scheme?.problems[0]).toMatchObject({ severity: 'error', code: 'not_a_number', tab: 'Scheme', row: r + 1, column: 'Quota' });
    expect(s.scheme?.problems[0].text.en).toBe(`Awards, row ${r + 1}, column Quota: “ten” is not a number`);
    expect(s.scheme?.problems[0].text.zh).toBe(`「Scheme」「奖项」第 ${r + 1} 行「名额」列：“ten”不是数字`);
  });

  test('a Scheme tab with no block at all: that error first, then the stray row', () => {
    const s = inspectWorkbook([staff, { name: '方案', rows: [['hello']] }], { today: '2026-11-22' });
    expect(s.scheme?.valid).toBe(false);
    expect(s.scheme?.problems.map((p) => p.code)).toEqual(['scheme_tab_empty', 'outside_block']);
    expect(s.scheme?.problems[0].text.en).toBe('方案 has no scheme block (such as "■ Settings")');
  });
});
