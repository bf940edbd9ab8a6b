/** core/ must stay host-free: no Sheets, Excel, Office, DOM, fs, network or clock. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const FORBIDDEN: [string, RegExp][] = [
  ['SpreadsheetApp', /\bSpreadsheetApp\b/],
  ['HtmlService', /\bHtmlService\b/],
  ['Utilities', /\bUtilities\./],
  ['Excel', /\bExcel\.(run|RequestContext)\b/],
  ['Office', /\bOffice\.\w/],
  ['DOM', /\bdocument\.\w|\bwindow\.(document|location|navigator|addEventListener|localStorage|open)\b|\b(localStorage|sessionStorage|navigator)\.\w/],
  ['node builtins', /from\s+['"](node:)?(fs|path|os|child_process|http|https|net)['"]/],
  ['require', /\brequire\(/],
  ['clock', /\bDate\.now\(|new Date\(\s*\)/],
  ['network', /\b(fetch|XMLHttpRequest|WebSocket|UrlFetchApp)\b/],
  ['randomness', /\bMath\.random\(/],
];

describe('core purity', () => {
  const root = join(__dirname, '..', '..', 'core');
  const all = files(root);
  test('there are core files', () => expect(all.length).toBeGreaterThan(3));
  test.each(FORBIDDEN)('no %s in core/', (_label, re) => {
    const hits = all.filter((f) => re.test(readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')));
    expect(hits).toEqual([]);
  });
});
