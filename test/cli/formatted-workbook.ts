/**
 * A hand-formatted workbook for the tests that `--out` keeps the user's tabs whole,
 * and a plain-data picture of everything exceljs knows of its sheets to compare.
 */
import ExcelJS from 'exceljs';

export const USER_SHEETS = ['Staff', 'Feedback', 'My notes'];
export const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/**
 * The fixture of test/fixtures/runs/scenario-en as a hand-formatted workbook: a SUM
 * formula, a note, bold and filled cells, a merged range, widths, a validation list,
 * a conditional format, real date cells, a frozen header, a defined name, a stale
 * output tab, and a sheet of the user's own (formula, merge, hyperlink, tab colour).
 */
export async function formattedWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const staff = wb.addWorksheet('Staff', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  staff.addRow(['staff_id', 'name', 'department', 'group', 'position', 'level', 'hire_date', 'regular_date', 'leave_date', 'manager_id', 'bonus_base', 'remark']);
  staff.addRow(['M1', 'Mia Chen', 'Service', 'Managers', 'Manager', 'manager', utc(2018, 1, 1), utc(2018, 4, 1), null, null, 100, 'same team']);
  staff.addRow(['S01', 'Alice Wang', 'Service', 'Team A', 'Agent', 'staff', utc(2024, 1, 15), utc(2024, 4, 15), null, 'M1', 200]);
  staff.addRow(['S02', 'Bob Li', 'Service', 'Team A', 'Agent', 'staff', utc(2024, 3, 1), utc(2024, 6, 1), null, 'M1', { formula: 'SUM(K2:K3)', result: 300 }]);
  for (const address of ['G2', 'G3', 'G4', 'H2', 'H3', 'H4']) staff.getCell(address).numFmt = 'yyyy-mm-dd';
  staff.getCell('A1').note = 'ids as in payroll';
  staff.getCell('B2').font = { bold: true, color: { argb: 'FFC00000' } };
  staff.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  staff.getCell('K4').numFmt = '#,##0.00';
  staff.mergeCells('L2:L3');
  staff.getColumn(2).width = 40;
  staff.getColumn(12).width = 18;
  wb.definedNames.add('Staff!$A$2:$A$4', 'StaffIds');

  const feedback = wb.addWorksheet('Feedback');
  feedback.addRow(['date', 'staff_id', 'rating', 'customer', 'comment']);
  feedback.addRow([utc(2026, 6, 20), 'S02', 'exceeded', 'Mr Zhou', 'before the quarter']);
  feedback.addRow([utc(2026, 7, 3), 'S01', 'exceeded', 'Ms Liu', 'very patient']);
  feedback.addRow([utc(2026, 7, 10), 'S02', 'exceeded', 'Mr Wu', 'solved at once']);
  feedback.addRow([utc(2026, 8, 5), 'S01', 'met', 'Ms Lin', 'fine']);
  for (let r = 2; r <= 5; r++) {
    feedback.getCell(`A${r}`).numFmt = 'yyyy-mm-dd';
    feedback.getCell(`C${r}`).dataValidation = { type: 'list', allowBlank: false, formulae: ['"exceeded,met,below"'] };
  }
  feedback.addConditionalFormatting({
    ref: 'C2:C5',
    rules: [{ type: 'containsText', operator: 'containsText', text: 'below', priority: 1, style: { font: { color: { argb: 'FFFF0000' } } } }],
  });
  feedback.getColumn(5).width = 30;

  const stale = wb.addWorksheet('Ranking 2026-Q3');
  stale.addRow(['stale result from an older run']);

  const notes = wb.addWorksheet('My notes', { properties: { tabColor: { argb: 'FF00B050' } } });
  notes.getCell('A1').value = 'Team notes';
  notes.getCell('A1').font = { bold: true, size: 14 };
  notes.mergeCells('A1:C1');
  notes.getCell('A2').value = 'total bonus base';
  notes.getCell('B2').value = { formula: 'SUM(Staff!K2:K4)', result: 600 };
  notes.getCell('A3').value = { text: 'handbook', hyperlink: 'https://example.com/handbook' };
  notes.getCell('A4').value = '=not a formula, just text';
  notes.getCell('A5').value = utc(2026, 10, 1);
  notes.getCell('A5').numFmt = 'yyyy-mm-dd';
  notes.getColumn(1).width = 25;
  await wb.xlsx.writeFile(path);
}

export async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** What exceljs keeps on a sheet but leaves out of its typings. */
type SheetExtras = { dataValidations: { model: unknown }; conditionalFormattings: { ref: string }[] };
export const extras = (ws: ExcelJS.Worksheet) => ws as unknown as SheetExtras;

/** Plain JSON data (dates become ISO text; each cell's type still tells a date from text). */
export function plain(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v ?? null));
}

/** Everything exceljs knows of one sheet, as plain data. */
export function sheetState(ws: ExcelJS.Worksheet): unknown {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => {
    cells.push({ at: cell.address, type: cell.type, value: cell.value, style: cell.style, note: cell.note ?? null });
  }));
  const model = ws.model as unknown as { merges: string[]; cols?: unknown };
  return plain({
    state: ws.state, views: ws.views, tabColor: ws.properties.tabColor, cols: model.cols,
    merges: [...model.merges].sort(), validations: extras(ws).dataValidations.model,
    conditional: extras(ws).conditionalFormattings, cells,
  });
}

/** The defined names and the user's sheets of a workbook file, each through `normalise`. */
export async function userState(path: string, normalise: (v: unknown) => unknown = (v) => v): Promise<Record<string, unknown>> {
  const wb = await load(path);
  const out: Record<string, unknown> = { definedNames: plain(wb.definedNames.model) };
  for (const name of USER_SHEETS) out[name] = normalise(sheetState(wb.getWorksheet(name)!));
  return out;
}
