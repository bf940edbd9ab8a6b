/**
 * A small smile-cards workbook whose people, groups and departments are named like
 * formulas (= + - @) and like HTML, for the injection tests of every front end.
 * Dates are ISO text, so the same rows serve the CSV folder, the Sheets fake and the
 * Excel fake.
 *
 * Worked by hand for 2026-Q3 under smile-cards (SPEC §4; groups as written):
 *  group "A":       S01 2 × exceeded = 4 smile cards; S04 1 × met = 1 → S01 wins 800.00;
 *  group "<b>B</b>": S02 1 × exceeded = 2 → wins 800.00;
 *  group "@C":      S03 1 × met = 1 → wins 800.00;
 *  M1 manages S01–S04 and M2 manages M1: each gets 400.00 per winner (3 rows each).
 *  Bad rows: Feedback row 7 has the date "=TODAY()" (bad_date, value "=TODAY()");
 *  Incidents row 2 has the unknown type "+danger" (info unknown_type, value "+danger").
 */
export const NAMES = {
  S01: '=HYPERLINK("http://evil.example","click")',
  S02: '<img src=x onerror="window.__pwned=1">',
  S03: '+SUM(1,2)',
  S04: '-2+3',
  M1: '<script>window.__pwned=2</script>',
  M2: '@SUM(A1)',
};
export const DEPT_M1 = '=cmd|"/c calc"!A0';

/** Every hostile text the outputs are expected to carry somewhere. */
export const HOSTILE = [...Object.values(NAMES), DEPT_M1, '<b>B</b>', '@C', '=TODAY()', '+danger'];

/** Text a spreadsheet would read as a formula or a signed number when typed in. */
export const FORMULA_LIKE = /^[=+\-@]/;

export type Rows = (string | number)[][];

export function hostileTabs(): Record<string, Rows> {
  return {
    Staff: [
      ['staff_id', 'name', 'department', 'group', 'level', 'hire_date', 'manager_id'],
      ['S01', NAMES.S01, 'Care', 'A', 'staff', '2024-01-15', 'M1'],
      ['S02', NAMES.S02, 'Care', '<b>B</b>', 'staff', '2024-03-01', 'M1'],
      ['S03', NAMES.S03, 'Care', '@C', 'staff', '2024-03-01', 'M1'],
      ['S04', NAMES.S04, 'Care', 'A', 'staff', '2024-06-01', 'M1'],
      ['M1', NAMES.M1, DEPT_M1, '', 'manager', '2020-05-05', 'M2'],
      ['M2', NAMES.M2, 'Head office', '', 'manager', '2018-01-02', ''],
    ],
    Feedback: [
      ['date', 'staff_id', 'rating'],
      ['2026-07-03', 'S01', 'exceeded'],
      ['2026-08-11', 'S01', 'exceeded'],
      ['2026-07-08', 'S02', 'exceeded'],
      ['2026-09-02', 'S03', 'met'],
      ['2026-07-30', 'S04', 'met'],
      ['=TODAY()', 'S04', 'met'],
    ],
    Incidents: [['date', 'staff_id', 'type'], ['2026-08-01', 'S04', '+danger']],
  };
}

/**
 * The payments worked out above, as [staff id, amount] in Bonus order: awards by group
 * name in code-unit order ("<b>B</b>" < "@C" < "A"), then the managers, winner by winner.
 */
export const PAYMENTS: [string, number][] = [
  ['S02', 800], ['S03', 800], ['S01', 800],
  ['M1', 400], ['M2', 400], ['M1', 400], ['M2', 400], ['M1', 400], ['M2', 400],
];

/** CSV text of a tab (RFC 4180 quoting). */
export function toCsvText(rows: Rows): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${rows.map((r) => r.map(field).join(',')).join('\n')}\n`;
}
