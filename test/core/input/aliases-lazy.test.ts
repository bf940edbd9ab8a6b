/**
 * core/input/aliases.ts builds its lookup tables (tab names, columns, coded values) on
 * first use, not when the module loads: the command line loads it on every start, and
 * keying every alias cost about 3 ms before its first progress line. Each table is
 * built once and answers as before.
 */
import * as ids from '../../../core/ids';

jest.mock('../../../core/ids', () => {
  const actual = jest.requireActual<typeof ids>('../../../core/ids');
  return { ...actual, foldWidth: jest.fn(actual.foldWidth) };
});

const foldWidth = ids.foldWidth as jest.MockedFunction<typeof ids.foldWidth>;

test('loading the module keys no alias; the first lookup builds a table once', () => {
  foldWidth.mockClear();
  const aliases = jest.requireActual<typeof import('../../../core/input/aliases')>('../../../core/input/aliases');
  expect(foldWidth).not.toHaveBeenCalled();

  expect(aliases.tabIdOf('员工')).toBe('staff');
  const afterTabs = foldWidth.mock.calls.length;
  expect(afterTabs).toBeGreaterThan(10);
  expect(aliases.tabIdOf('Feedback')).toBe('feedback');
  expect(foldWidth.mock.calls.length).toBe(afterTabs + 1);

  expect(aliases.columnOf('staff', '工号')?.id).toBe('staff_id');
  const afterColumns = foldWidth.mock.calls.length;
  expect(aliases.columnOf('feedback', 'Rating')?.id).toBe('rating');
  expect(foldWidth.mock.calls.length).toBe(afterColumns + 1);

  expect(aliases.ratingOf('超出期望')).toBe('exceeded');
  const afterVocabularies = foldWidth.mock.calls.length;
  expect(aliases.booleanOf('是')).toBe(true);
  expect(aliases.incidentTypeOf('投诉')).toBe('complaint');
  expect(foldWidth.mock.calls.length).toBe(afterVocabularies + 2);
});
