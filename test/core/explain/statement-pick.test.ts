/** core/explain/statement-pick: a person's block cut from the Statements tab rows. */
import { statementFromRows } from '../../../core/explain/statement-pick';

const rows = [
  ['Item', 'Value', 'Detail', 'Rows'],
  ['Alice (S01) · Sales · A · 2026-Q3'],
  ['Smile cards', 12, 'rank 1 of 5', 'Feedback row 2'],
  [],
  ['王小红（S02） · 售后 · B · 2026-Q3'],
  ['微笑卡', 3, null],
  [],
  ['S03 · Sales · A · 2026-Q3'],
  ['No line'],
];

describe('statementFromRows', () => {
  test('finds the block by id in either language, joins cells, stops at the empty row', () => {
    expect(statementFromRows(rows, 'S01')).toBe('Alice (S01) · Sales · A · 2026-Q3\nSmile cards · 12 · rank 1 of 5 · Feedback row 2');
    expect(statementFromRows(rows, 'S02')).toBe('王小红（S02） · 售后 · B · 2026-Q3\n微笑卡 · 3');
    expect(statementFromRows(rows, 'S03')).toBe('S03 · Sales · A · 2026-Q3\nNo line');
  });
  test('an unknown or partial id finds nothing', () => {
    expect(statementFromRows(rows, 'S0')).toBeNull();
    expect(statementFromRows(rows, 'S09')).toBeNull();
    expect(statementFromRows(rows, '')).toBeNull();
  });
});
