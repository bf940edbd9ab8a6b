/**
 * The Statements tab (`个人说明 2026-Q3` / `Statements 2026-Q3`, SPEC §9): one
 * block per person in scope order, each a printed page (a page break before every
 * block but the first): a heading row, then one row per statement line — item,
 * value, detail, then the first ten input rows behind it, each a cell link to
 * that row of its tab (column A of the row), and "and N more".
 */
import type { Cell, ColumnFormat, Lang, OutputTab } from '../types';
import { CellLinksBuilder } from '../output/cell-links';
import type { EngineResult } from '../engine/compute';
import { fill } from '../output/labels';
import { STATEMENT } from './labels';
import { eachStatement, STATEMENT_ROWS, type Statement } from './statement';
import { ShownTexts, type ShownSink } from './rows';

/** Columns: item, value, detail, ten row links, "and N more". */
const WIDTH = 3 + STATEMENT_ROWS + 1;

export function statementsTabName(periodId: string, lang: Lang): string {
  return `${STATEMENT.tab[lang]} ${periodId}`;
}

/** The heading of a person's block. */
export function statementHeading(st: Statement, lang: Lang): string {
  return fill(STATEMENT.heading[lang], { who: st.title, department: st.department, group: st.group, period: st.period });
}

/** Puts a line's shown rows into its cells and their links (one for the whole tab, pointed at each line in turn). */
class LineRows implements ShownSink {
  cells: Cell[] = [];
  r = 0;
  constructor(private readonly links: CellLinksBuilder) {}
  shown(text: string, tab: string, row: number, k: number): void {
    this.cells[3 + k] = text;
    this.links.push(this.r, 3 + k, tab, row);
  }
}

export function buildStatementsTab(res: EngineResult, lang: Lang, statements: Iterable<Statement> = eachStatement(res, lang)): OutputTab {
  const header: Cell[] = [STATEMENT.item[lang], STATEMENT.value[lang], STATEMENT.detail[lang], STATEMENT.rows[lang]];
  while (header.length < WIDTH) header.push(null);
  const rows: Cell[][] = [header];
  // Room for ten links on every line of a few lines per person, from the start (see CellLinksBuilder).
  const links = new CellLinksBuilder(Math.max(1024, res.ctx.n * 48));
  const pageBreaks: number[] = [];
  // Per person: a row's text, made once however many lines show the row.
  const shown = new ShownTexts();
  // Each line's rows go into its cells from column D on, each with its link.
  const sink = new LineRows(links);
  for (const st of statements) {
    shown.clear();
    if (rows.length > 1) {
      rows.push([]);
      pageBreaks.push(rows.length);
    }
    rows.push([statementHeading(st, lang)]);
    if (st.lines.length === 0) rows.push([STATEMENT.none[lang]]);
    for (const line of st.lines) {
      // Made at its length (item, value, detail, the rows shown, "and N more"), not grown cell by cell.
      const n = line.rows.length;
      const more = n > STATEMENT_ROWS;
      const row: Cell[] = new Array<Cell>(3 + Math.min(n, STATEMENT_ROWS) + (more ? 1 : 0));
      row[0] = line.label;
      row[1] = line.value;
      row[2] = line.detail;
      sink.cells = row;
      sink.r = rows.length;
      line.rows.eachShown(STATEMENT_ROWS, lang, sink, shown);
      if (more) row[3 + STATEMENT_ROWS] = fill(STATEMENT.more_rows[lang], { n: n - STATEMENT_ROWS });
      rows.push(row);
    }
  }
  const formats: ColumnFormat[] = new Array(WIDTH).fill('text');
  return { name: statementsTabName(res.period.id, lang), kind: 'statements', rows, formats, links: links.done(), pageBreaks };
}
