/**
 * Every header cell of the Scheme tab is in the tab's language (issue 13): a field
 * added to the model without a label shows its dotted path (e.g. `when.window`) in a
 * Chinese tab. Rendered for every preset, so new model fields are covered as they land.
 */
import { getPreset, presetIds } from '../../../core/presets/index';
import { TITLE_MARK, renderSchemeRows } from '../../../core/scheme-tab/index';

const CJK = /[\u4e00-\u9fff]/;

/** The header row of every block: the row right after a `■ …` title row. */
function headerCells(id: string, lang: 'zh' | 'en'): string[] {
  const rows = renderSchemeRows(getPreset(id), lang);
  const out: string[] = [];
  rows.forEach((r, i) => {
    if (typeof r[0] === 'string' && r[0].startsWith(TITLE_MARK) && rows[i + 1]) {
      for (const c of rows[i + 1]) if (typeof c === 'string' && c.trim() !== '') out.push(c);
    }
  });
  return out;
}

describe.each(presetIds())('Scheme tab headers of %s', (id) => {
  test('zh: every header cell is Chinese', () => {
    const cells = headerCells(id, 'zh');
    expect(cells.length).toBeGreaterThan(3);
    expect(cells.filter((c) => !CJK.test(c))).toEqual([]);
  });
  test('en: no header cell is Chinese, none is a dotted model path', () => {
    const cells = headerCells(id, 'en');
    expect(cells.filter((c) => CJK.test(c) || /^[a-z]+(\.[a-zA-Z]+)+$/.test(c))).toEqual([]);
  });
});
