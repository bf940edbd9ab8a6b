/**
 * An output tab's cell links in their column-wise form (core/output/cell-links.ts):
 * what goes in comes out, in order, past the builder's first capacity, each tab
 * name kept once.
 */
import { CellLinksBuilder, cellLinkAt, cellLinkList, cellLinks } from '../../../core/output/cell-links';
import type { CellLink } from '../../../core/types';

describe('cell links', () => {
  test('round trip through the builder, growing past its first capacity', () => {
    const list: CellLink[] = [];
    for (let k = 0; k < 5000; k++) list.push({ row: 1 + (k >> 2), col: 3 + (k & 3), tab: ['客户反馈', 'Incidents', "O'Brien"][k % 3], at: 2 + k * 7 });
    const b = new CellLinksBuilder(4);
    for (const l of list) b.push(l.row, l.col, l.tab, l.at);
    const links = b.done();
    expect(links.count).toBe(5000);
    expect(links.tabs).toEqual(['客户反馈', 'Incidents', "O'Brien"]);
    expect(cellLinkList(links)).toEqual(list);
    expect(cellLinkAt(links, 4999)).toEqual(list[4999]);
    expect(cellLinkList(cellLinks(list))).toEqual(list);
  });

  test('no links', () => {
    expect(cellLinks([]).count).toBe(0);
    expect(cellLinkList(undefined)).toEqual([]);
  });

  test('plain data: a structured clone (the Excel worker boundary) reads the same', () => {
    const links = cellLinks([{ row: 2, col: 3, tab: 'Feedback', at: 12 }, { row: 2, col: 4, tab: 'Incidents', at: 7 }]);
    expect(cellLinkList(structuredClone(links))).toEqual(cellLinkList(links));
  });
});
