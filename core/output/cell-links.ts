/**
 * Making and reading an output tab's cell links (OutputTab.links, core/types.ts
 * CellLinks): a builder that appends links into typed arrays, a list of links
 * made into the column-wise form, and one link as a CellLink object again.
 */
import type { CellLink, CellLinks } from '../types';

/**
 * Appends links; `done()` gives them as CellLinks. Start it at the size it may
 * reach: memory asked for but never written costs nothing, while each doubling
 * writes the links again into fresh memory (slow to touch on some machines).
 * `done()` cuts the arrays to the count without copying, unless most of them
 * went unused (a small tab then keeps, and sends to a worker, only what it holds).
 */
export class CellLinksBuilder {
  private count = 0;
  private row: Int32Array;
  private col: Int32Array;
  private at: Int32Array;
  private tab: Int32Array;
  private readonly tabs: string[] = [];
  private readonly tabIndex = new Map<string, number>();
  private lastTab: string | null = null;
  private lastIndex = 0;

  constructor(capacity = 1024) {
    this.row = new Int32Array(capacity);
    this.col = new Int32Array(capacity);
    this.at = new Int32Array(capacity);
    this.tab = new Int32Array(capacity);
  }

  /** Link output cell (row, col) to row `at` of tab `tab`. */
  push(row: number, col: number, tab: string, at: number): void {
    if (this.count === this.row.length) this.grow();
    // Links come in runs to one tab (a statement line's rows): the last tab's number is kept at hand.
    let t = tab === this.lastTab ? this.lastIndex : this.tabIndex.get(tab);
    if (t === undefined) {
      t = this.tabs.push(tab) - 1;
      this.tabIndex.set(tab, t);
    }
    this.lastTab = tab;
    this.lastIndex = t;
    const k = this.count++;
    this.row[k] = row;
    this.col[k] = col;
    this.at[k] = at;
    this.tab[k] = t;
  }

  private grow(): void {
    const wider = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.row = wider(this.row);
    this.col = wider(this.col);
    this.at = wider(this.at);
    this.tab = wider(this.tab);
  }

  done(): CellLinks {
    const n = this.count;
    const cut = (a: Int32Array) => (n * 2 < a.length ? a.slice(0, n) : a.subarray(0, n));
    return { count: n, row: cut(this.row), col: cut(this.col), at: cut(this.at), tab: cut(this.tab), tabs: this.tabs };
  }
}

/** Links given one by one, column-wise. */
export function cellLinks(list: readonly CellLink[]): CellLinks {
  const b = new CellLinksBuilder(Math.max(1, list.length));
  for (const l of list) b.push(l.row, l.col, l.tab, l.at);
  return b.done();
}

/** Link `k` as an object. */
export function cellLinkAt(links: CellLinks, k: number): CellLink {
  return { row: links.row[k], col: links.col[k], tab: links.tabs[links.tab[k]], at: links.at[k] };
}

/** Every link as an object, in order (for a small tab, or a check). */
export function cellLinkList(links: CellLinks | undefined): CellLink[] {
  const out: CellLink[] = [];
  for (let k = 0; k < (links?.count ?? 0); k++) out.push(cellLinkAt(links!, k));
  return out;
}
