/**
 * The Statements tab (issue 15): one block per person in the Ranking tab's order, a
 * page break above every block but the first, row references as links, and a run in
 * one language replaces the tab the other language wrote.
 */
import { cellLinkList } from '../../../core/output/cell-links';
import { fixture, run, tab } from '../engine/helpers';

describe('Statements tab', () => {
  const out = run(fixture('smile-cards'), 'smile-cards', '2026-Q3', 'zh');
  const st = tab(out, 'statements');

  test('named with the period, replacing its English twin', () => {
    expect(st.name).toBe('个人说明 2026-Q3');
    expect(st.replaces).toEqual(['Statements 2026-Q3']);
  });

  test('one block per person, in the Ranking tab order, a page break above each block but the first', () => {
    const headings = st.rows.map((r, k) => [r, k] as const).filter(([r]) => r.length === 1 && / · 2026-Q3$/.test(String(r[0])));
    const ranking = tab(out, 'ranking').rows.slice(1).map((r) => String(r[1]));
    expect(headings.map(([r]) => /（([^）]+)）/.exec(String(r[0]))![1])).toEqual(ranking);
    expect(st.pageBreaks).toEqual(headings.slice(1).map(([, k]) => k));
  });

  test('S03: the smile cards broken down, the rows behind them linked to column A of their row', () => {
    const start = st.rows.findIndex((r) => String(r[0]).startsWith('赵敏（S03）'));
    const smile = st.rows.findIndex((r, k) => k > start && r[0] === '微笑卡');
    expect(st.rows[smile].slice(0, 3)).toEqual(['微笑卡', '8', '微笑卡 8 = 超越 4 × 2']);
    const links = cellLinkList(st.links).filter((l) => l.row === smile);
    expect(links.map((l) => `${l.tab}!A${l.at}`)).toEqual(links.map((l) => `Feedback!A${/第 (\d+) 行/.exec(String(st.rows[smile][l.col]))![1]}`));
    expect(links).toHaveLength(4);
  });
});
