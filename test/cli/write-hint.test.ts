/** Issue 13: a file locked by Excel or WPS (EBUSY, EPERM, EACCES) gets a refusal that says what to do. */
import { writeHint } from '../../cli/errors';

test.each(['EBUSY', 'EPERM', 'EACCES'])('%s: close it in Excel/WPS or choose another folder', (code) => {
  expect(writeHint(code).zh).toBe('：文件可能正在 Excel 或 WPS 中打开，请关闭后重试，或用 --out 另选一个文件夹');
  expect(writeHint(code).en).toBe(': the file may be open in Excel or WPS; close it and try again, or choose another folder with --out');
});

test('an unknown code adds nothing', () => {
  expect(writeHint('EWHATEVER')).toEqual({ zh: '', en: '' });
});
