/**
 * The Scheme tab (2D array) → the scheme as written, plus located diagnostics.
 * Reading is lenient where people are (headers and coded values in either
 * language, blank rows, extra note columns, rows starting with ※) and strict
 * where money is (a cell that does not read is an error, never a default).
 * The result goes through the same zod schema and checks as a preset
 * (core/scheme/validate.ts); `locate` maps those diagnostics, which name a path
 * like `awards[0].quota.count`, back to the cell that produced it.
 */
import type { Cell, Diagnostic, Lang, RawTab } from '../types';
import { diag } from '../diagnostics';
import { foldWidth } from '../ids';
import { isBlank, toText } from '../input/cells';
import type { Text } from '../scheme/model';
import { KV_HEADERS } from './labels';
import { schemeLayout, leafKeys, type BlockDef, type Layout } from './layout';
import { decode, type CellProblem } from './codec';
import type { Codec, Field, Node, ObjectNode, UnionNode } from './shape';
import { NOTE_MARK } from './render';
import { Locator, type Loc } from './locate';

/** One block as found in the tab. */
interface FoundBlock {
  def: BlockDef;
  titleRow: number;
  /** Header row number, or null (key/value block without header). */
  headerRow: number | null;
  /** Column index → field key (tables), for the columns recognised. */
  columns: Map<string, { index: number; text: string }>;
  parentCol: { index: number; text: string } | null;
  keyCol: number;
  valueCol: number;
  valueHeader: string;
  rows: { row: number; cells: Cell[] }[];
}

export interface SchemeTabParse {
  /** The scheme as written (to validate), or null when the tab has no block at all. */
  input: Record<string, unknown> | null;
  /** Problems of the tab itself, located. */
  diagnostics: Diagnostic[];
  /** Maps a validation diagnostic (column = scheme path) to the cell; null when it repeats a cell problem. */
  locate: (d: Diagnostic) => Diagnostic | null;
  /** Language of the tab's titles and headers. */
  lang: Lang;
}

/** Normalised header / title text: width folded, case, spaces, `_`, `-` and title marks ignored. */
export function headerKey(text: string): string {
  return foldWidth(text).toLowerCase()
    .replace(/^[\s■□▪▶►●#*【[]+/, '').replace(/[\s】\]:：]+$/, '')
    .replace(/[\s_\-]+/g, '');
}

function cellString(c: Cell): string {
  if (c === null || c === undefined) return '';
  const t = toText(c);
  return typeof t === 'string' ? t : String(c);
}

function blankRow(cells: Cell[]): boolean {
  return cells.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
}

const TITLE_MARKS = /^[\s]*[■□▪▶►●【[]/;

interface TitleIndex { byKey: Map<string, { def: BlockDef; lang: Lang | null }> }

function titleIndex(layout: Layout): TitleIndex {
  const byKey = new Map<string, { def: BlockDef; lang: Lang | null }>();
  for (const b of layout.blocks) {
    byKey.set(headerKey(b.title.zh), { def: b, lang: 'zh' });
    byKey.set(headerKey(b.title.en), { def: b, lang: 'en' });
  }
  return { byKey };
}

/** Is this row a block title? Returns the block (null def = unknown block) or undefined (not a title). */
function asTitle(cells: Cell[], index: TitleIndex, layout: Layout): { def: BlockDef | null; text: string; lang: Lang | null } | undefined {
  const first = cells[0];
  if (typeof first !== 'string' || first.trim() === '') return undefined;
  if (!cells.slice(1).every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) return undefined;
  const key = headerKey(first);
  const hit = index.byKey.get(key);
  if (hit) return { def: hit.def, text: first.trim(), lang: hit.lang };
  if (TITLE_MARKS.test(first)) {
    // A marked title may also name a block by its id (`■ awards`).
    const byId = layout.blocks.find((b) => headerKey(b.id) === key);
    return { def: byId ?? null, text: first.trim(), lang: null };
  }
  return undefined;
}

function columnMatchers(def: BlockDef): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of def.columns) {
    for (const s of [c.key, c.label.zh, c.label.en]) if (!m.has(headerKey(s))) m.set(headerKey(s), c.key);
  }
  return m;
}

const PARENT_WORDS = ['parent', '所属', '上级'];

function stripTitle(text: string): string {
  return text.replace(/^[\s■□▪▶►●#*【[]+/, '').replace(/[\s】\]]+$/, '');
}

/** Read the Scheme tab. Never throws. */
export function parseSchemeTab(tab: RawTab): SchemeTabParse {
  const layout = schemeLayout();
  const index = titleIndex(layout);
  const diagnostics: Diagnostic[] = [];
  const found = new Map<string, FoundBlock>();
  const langVotes = { zh: 0, en: 0 };
  let current: FoundBlock | null = null;
  let skipping = false;
  let strayReported = false;
  const rows = tab.rows ?? [];

  const warn = (code: string, row: number | null, column: string, value: Cell, zh: string, en: string) =>
    diagnostics.push(diag({ severity: 'warning', code, tab: tab.name, row, column, value, zh, en }));
  const error = (code: string, row: number | null, column: string, value: Cell, zh: string, en: string) =>
    diagnostics.push(diag({ severity: 'error', code, tab: tab.name, row, column, value, zh, en }));

  for (let r = 0; r < rows.length; r++) {
    const cells = Array.isArray(rows[r]) ? rows[r] : [];
    const rowNo = r + 1;
    if (blankRow(cells)) continue;
    const firstText = cellString(cells.find((c) => !(c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) ?? null).trim();
    if (firstText.startsWith(NOTE_MARK) || firstText.startsWith('//')) continue;
    const title = asTitle(cells, index, layout);
    if (title) {
      if (title.lang) langVotes[title.lang]++;
      if (!title.def) {
        warn('unknown_block', rowNo, '', title.text,
          `「${tab.name}」第 ${rowNo} 行：无法识别的区块“${stripTitle(title.text)}”，其内容被忽略`,
          `${tab.name}, row ${rowNo}: unknown block "${stripTitle(title.text)}"; its rows are ignored`);
        current = null;
        skipping = true;
        continue;
      }
      if (found.has(title.def.id)) {
        const first = found.get(title.def.id)!;
        warn('duplicate_block', rowNo, '', title.text,
          `「${tab.name}」第 ${rowNo} 行：区块“${title.def.title.zh}”重复（第一次在第 ${first.titleRow} 行），此处内容被忽略`,
          `${tab.name}, row ${rowNo}: block "${title.def.title.en}" appears twice (first at row ${first.titleRow}); this copy is ignored`);
        current = null;
        skipping = true;
        continue;
      }
      current = {
        def: title.def, titleRow: rowNo, headerRow: null, columns: new Map(), parentCol: null,
        keyCol: 0, valueCol: 1, valueHeader: '', rows: [],
      };
      found.set(title.def.id, current);
      skipping = false;
      continue;
    }
    if (skipping) continue;
    if (!current) {
      if (!strayReported) {
        strayReported = true;
        warn('outside_block', rowNo, '', firstText,
          `「${tab.name}」第 ${rowNo} 行不在任何区块内（区块以“■ 标题”行开始），已忽略`,
          `${tab.name}, row ${rowNo} is not inside a block (blocks start with a "■ title" row); ignored`);
      }
      continue;
    }
    if (current.headerRow === null && current.rows.length === 0 && readHeader(current, cells, rowNo, tab.name, warn, langVotes)) continue;
    if (current.def.kind === 'table' && current.headerRow === null) {
      error('missing_header', rowNo, '', firstText,
        `「${tab.name}」「${current.def.title.zh}」第 ${rowNo} 行：缺少表头行（区块标题下一行应为列名）`,
        `${current.def.title.en}, row ${rowNo}: the header row is missing (the row under a block title names the columns)`);
      skipping = true;
      current = null;
      continue;
    }
    // A row that is another block's header under this block: that block's title row was deleted (issue 13).
    const implied: BlockDef | null = current.headerRow !== null ? impliedBlock(layout.blocks, current.def, cells, found) : null;
    if (implied) {
      error('missing_block_title', rowNo, '', firstText,
        `「${tab.name}」第 ${rowNo} 行是“${implied.title.zh}”区块的表头，但它上面缺少区块标题行“■ ${implied.title.zh}”：请在第 ${rowNo} 行上方补回该标题行`,
        `${tab.name}, row ${rowNo} is the header of the "${implied.title.en}" block, but its title row "■ ${implied.title.en}" above it is missing: put the title row back above row ${rowNo}`);
      current = {
        def: implied, titleRow: rowNo, headerRow: null, columns: new Map(), parentCol: null,
        keyCol: 0, valueCol: 1, valueHeader: '', rows: [],
      };
      found.set(implied.id, current);
      readHeader(current, cells, rowNo, tab.name, () => undefined, langVotes);
      continue;
    }
    current.rows.push({ row: rowNo, cells });
  }

  const lang: Lang = langVotes.zh > langVotes.en ? 'zh' : 'en';
  if (found.size === 0) {
    error('scheme_tab_empty', null, '', '',
      `「${tab.name}」中没有任何方案区块（如“■ ${layout.blocks[0].title.zh}”）`,
      `${tab.name} has no scheme block (such as "■ ${layout.blocks[0].title.en}")`);
    return { input: null, diagnostics, locate: (d) => d, lang };
  }

  const locator = new Locator(tab.name);
  const reader = new Reader(layout, found, tab.name, lang, diagnostics, locator);
  const input = reader.readRoot();
  reader.reportOrphans();
  return { input, diagnostics, locate: (d) => locator.locate(d, input), lang };
}

/**
 * The table block whose header `cells` is, when it is not the current block's own
 * and that block has not been found yet: most non-empty cells name its columns.
 */
function impliedBlock(blocks: readonly BlockDef[], current: BlockDef, cells: Cell[], found: ReadonlyMap<string, unknown>): BlockDef | null {
  const texts = cells.map((c) => cellString(c ?? null).trim()).filter((t) => t !== '').map(headerKey);
  if (texts.length < 3) return null;
  const score = (d: BlockDef): number => {
    const m = columnMatchers(d);
    return texts.filter((t) => m.has(t)).length;
  };
  if (current.kind === 'table' && score(current) >= texts.length * 0.5) return null;
  for (const d of blocks) {
    if (d === current || d.kind !== 'table' || found.has(d.id)) continue;
    if (score(d) >= Math.max(3, texts.length * 0.8)) return d;
  }
  return null;
}

/** Header of a block; returns false when the row is not a header (key/value blocks may omit it). */
function readHeader(
  b: FoundBlock, cells: Cell[], rowNo: number, tabName: string,
  warn: (code: string, row: number | null, column: string, value: Cell, zh: string, en: string) => void,
  votes: { zh: number; en: number },
): boolean {
  if (b.def.kind === 'kv') {
    const k = headerKey(cellString(cells[0] ?? null));
    if (k !== headerKey(KV_HEADERS.key.zh) && k !== headerKey(KV_HEADERS.key.en)) {
      b.valueHeader = KV_HEADERS.value.en;
      return false;
    }
    b.headerRow = rowNo;
    if (k === headerKey(KV_HEADERS.key.zh)) votes.zh++; else votes.en++;
    for (let i = 1; i < cells.length; i++) {
      const h = headerKey(cellString(cells[i] ?? null));
      if (h === headerKey(KV_HEADERS.value.zh) || h === headerKey(KV_HEADERS.value.en)) {
        b.valueCol = i;
        b.valueHeader = cellString(cells[i] ?? null).trim();
        break;
      }
    }
    if (!b.valueHeader) b.valueHeader = cellString(cells[1] ?? null).trim() || KV_HEADERS.value.en;
    return true;
  }
  const matchers = columnMatchers(b.def);
  const parentKeys = b.def.parentLabel
    ? new Set([headerKey(b.def.parentLabel.zh), headerKey(b.def.parentLabel.en), ...PARENT_WORDS.map(headerKey)])
    : new Set<string>();
  let known = 0;
  const unknown: { i: number; text: string }[] = [];
  for (let i = 0; i < cells.length; i++) {
    const text = cellString(cells[i] ?? null).trim();
    if (text === '') continue;
    const h = headerKey(text);
    if (b.def.parentLabel && !b.parentCol && parentKeys.has(h)) {
      b.parentCol = { index: i, text };
      known++;
      continue;
    }
    const key = matchers.get(h);
    if (key === undefined) { unknown.push({ i, text }); continue; }
    if (b.columns.has(key)) {
      warn('duplicate_column', rowNo, text, text,
        `「${tabName}」「${b.def.title.zh}」第 ${rowNo} 行：列“${text}”重复，只读取第一列`,
        `${b.def.title.en}, row ${rowNo}: column "${text}" appears twice; only the first is read`);
      continue;
    }
    b.columns.set(key, { index: i, text });
    known++;
    const col = b.def.columns.find((c) => c.key === key);
    if (col && headerKey(col.label.zh) === h && headerKey(col.label.en) !== h) votes.zh++;
    else if (col && headerKey(col.label.en) === h && headerKey(col.label.zh) !== h) votes.en++;
  }
  if (known === 0) return false;
  b.headerRow = rowNo;
  for (const u of unknown) {
    warn('unknown_column', rowNo, u.text, u.text,
      `「${tabName}」「${b.def.title.zh}」第 ${rowNo} 行：无法识别的列“${u.text}”，该列被忽略`,
      `${b.def.title.en}, row ${rowNo}: unknown column "${u.text}"; it is ignored`);
  }
  return true;
}

/** Where leaf cells come from while decoding one row (table) or one section (key/value). */
interface Source {
  def: BlockDef;
  /** The cell of a leaf key, or null (column or setting absent). */
  cell(key: string): { raw: Cell; row: number; header: string; index: number } | null;
  /** The row (tables) or the title row (kv). */
  row: number | null;
  /** Block id of a table field found under `key` in this source. */
  tableId(key: string): string;
  /** The parent reference of rows in this source's child tables (tables: own id or position). */
  ref: string | null;
}

function normRef(s: string): string {
  return foldWidth(s).trim().toLowerCase();
}

class Reader {
  private readonly claimed = new Map<string, Set<number>>();

  constructor(
    private readonly layout: Layout,
    private readonly found: Map<string, FoundBlock>,
    private readonly tabName: string,
    private readonly lang: Lang,
    private readonly diagnostics: Diagnostic[],
    private readonly locator: Locator,
  ) {}

  private problem(loc: Loc, p: CellProblem, severity: 'error' | 'warning' = 'error'): void {
    this.diagnostics.push(this.locator.cellDiagnostic(loc, p.code, p.zh, p.en, severity));
  }

  private kvSource(def: BlockDef): Source {
    const b = this.found.get(def.id) ?? null;
    const byKey = new Map<string, { raw: Cell; row: number; header: string; index: number }>();
    const extras: { key: string; raw: Cell; row: number }[] = [];
    if (b) {
      const matchers = columnMatchers(def);
      for (const { row, cells } of b.rows) {
        const keyText = cellString(cells[b.keyCol] ?? null).trim();
        const raw = cells[b.valueCol] ?? null;
        if (keyText === '') {
          if (!isBlank(raw)) {
            this.warnAt(def, row, b.valueHeader, raw, 'unknown_setting',
              '这一行没有填写项目名，值被忽略', 'this row has no setting name; its value is ignored');
          }
          continue;
        }
        const key = matchers.get(headerKey(keyText));
        if (key === undefined) {
          if (def.node.t === 'object' && def.node.passthrough) { extras.push({ key: keyText, raw, row }); continue; }
          this.warnAt(def, row, keyText, keyText, 'unknown_setting',
            `无法识别的设置“${keyText}”，已忽略`, `unknown setting "${keyText}"; ignored`);
          continue;
        }
        if (byKey.has(key)) {
          this.warnAt(def, row, keyText, keyText, 'duplicate_setting',
            `设置“${keyText}”重复（第一次在第 ${byKey.get(key)!.row} 行），此行被忽略`,
            `setting "${keyText}" appears twice (first at row ${byKey.get(key)!.row}); this row is ignored`);
          continue;
        }
        byKey.set(key, { raw, row, header: b.valueHeader, index: b.valueCol });
      }
    }
    const src: Source & { extras: typeof extras } = {
      def, row: b?.titleRow ?? null, ref: null, extras,
      cell: (key) => byKey.get(key) ?? null,
      tableId: (key) => (def.section === null ? key : `${def.section}.${key}`),
    };
    return src;
  }

  private warnAt(def: BlockDef, row: number, column: string, value: Cell, code: string, zh: string, en: string): void {
    this.diagnostics.push(diag({
      severity: 'warning', code, tab: this.tabName, row, column, value,
      zh: `「${this.tabName}」「${def.title.zh}」第 ${row} 行：${zh}`,
      en: `${def.title.en}, row ${row}: ${en}`,
    }));
  }

  readRoot(): Record<string, unknown> {
    const settings = this.layout.blocks[0];
    const src = this.kvSource(settings);
    const only = new Set(this.layout.settingsFields);
    const root = this.object(this.layout.root, src, '', '', only).value as Record<string, unknown>;
    for (const f of this.layout.root.fields) {
      if (this.layout.tables.includes(f.key)) {
        const v = this.table(f.key, f.key, null);
        if (v !== undefined) root[f.key] = v;
      } else if (this.layout.sections.includes(f.key)) {
        const blocks = this.layout.blocks.filter((b) => b.section === f.key && !b.parent);
        if (!blocks.some((b) => this.found.has(b.id))) continue;
        const kv = blocks.find((b) => b.kind === 'kv');
        const sec = kv ? this.kvSource(kv) : this.emptySource(f.key, blocks[0]);
        const r = this.object(f.node as ObjectNode, sec, '', f.key);
        const value = r.value as Record<string, unknown>;
        for (const x of (sec as Source & { extras?: { key: string; raw: Cell; row: number }[] }).extras ?? []) {
          const d = decode({ t: 'json' }, x.raw);
          value[x.key] = d.ok ? d.value : cellString(x.raw);
        }
        root[f.key] = value;
        this.locator.set(f.key, this.blockLoc(blocks.find((b) => this.found.has(b.id)) ?? blocks[0]));
      }
    }
    return root;
  }

  private emptySource(section: string, def: BlockDef): Source {
    return { def, row: null, ref: null, cell: () => null, tableId: (key) => `${section}.${key}` };
  }

  private blockLoc(def: BlockDef, column?: { header: string; label: Text }): Loc {
    const b = this.found.get(def.id);
    return {
      block: def, row: b?.titleRow ?? null, header: column?.header ?? '', label: column?.label ?? null,
      raw: null, kvKey: null, kvHeader: null,
    };
  }

  private leafLoc(src: Source, key: string): Loc {
    const col = src.def.columns.find((c) => c.key === key);
    const label = col?.label ?? { zh: key, en: key };
    const cell = src.cell(key);
    if (src.def.kind === 'kv') {
      return {
        block: src.def, row: cell?.row ?? src.row, header: cell ? cell.header : label[this.lang], label: cell ? null : label,
        raw: cell?.raw ?? null, kvKey: label, kvHeader: cell ? { zh: KV_HEADERS.value.zh, en: KV_HEADERS.value.en } : null,
      };
    }
    return {
      block: src.def, row: src.row, header: cell?.header ?? label[this.lang], label,
      raw: cell?.raw ?? null, kvKey: null, kvHeader: null,
    };
  }

  /** Decode one leaf cell into `target[field]`. */
  private leaf(codec: Codec, src: Source, key: string, abs: string, siblings: Record<string, unknown>): { present: boolean; value?: unknown; nonBlank: boolean } {
    const loc = this.leafLoc(src, key);
    this.locator.set(abs, loc);
    const cell = src.cell(key);
    if (!cell) return { present: false, nonBlank: false };
    const d = decode(codec, cell.raw, siblings);
    if (d.ok) return { present: true, value: d.value, nonBlank: true };
    if (d.blank) return { present: false, nonBlank: false };
    this.problem(loc, d.problem);
    this.locator.markError(abs);
    // Keep what was written so the scheme fails validation too (never a silent default).
    return { present: true, value: cellString(cell.raw), nonBlank: true };
  }

  private object(node: ObjectNode, src: Source, prefix: string, abs: string, only?: Set<string>): { value: unknown; any: boolean } {
    const obj: Record<string, unknown> = {};
    let any = false;
    let firstLoc: Loc | null = null;
    for (const f of node.fields) {
      if (only && !only.has(f.key)) continue;
      const key = prefix + f.key;
      const fabs = abs ? `${abs}.${f.key}` : f.key;
      const r = this.field(f, src, key, fabs, obj);
      if (r.set) obj[f.key] = r.value;
      any ||= r.any;
      firstLoc ??= this.locator.get(fabs);
    }
    fillText(obj, node);
    if (abs && firstLoc && !this.locator.has(abs)) this.locator.set(abs, firstLoc);
    return { value: obj, any };
  }

  private field(f: Field, src: Source, key: string, abs: string, siblings: Record<string, unknown>): { set: boolean; value?: unknown; any: boolean } {
    const n: Node = f.node;
    if (n.t === 'leaf') {
      const r = this.leaf(n.codec, src, key, abs, siblings);
      return { set: r.present, value: r.value, any: r.nonBlank };
    }
    if (n.t === 'table') {
      const v = this.table(src.tableId(key), abs, src);
      // No child rows for an optional list without default (a component's parts): absent, not empty.
      if (v !== undefined && v.length === 0 && f.optional && !f.hasDefault) return { set: false, any: false };
      return { set: v !== undefined, value: v, any: (v?.length ?? 0) > 0 };
    }
    const r = n.t === 'object' ? this.object(n, src, `${key}.`, abs) : this.union(n, src, `${key}.`, abs);
    if (r.any || !f.optional) return { set: true, value: r.value, any: r.any };
    return { set: false, any: false };
  }

  private union(node: UnionNode, src: Source, prefix: string, abs: string): { value: unknown; any: boolean } {
    const discKey = prefix + node.disc;
    const discAbs = abs ? `${abs}.${node.disc}` : node.disc;
    const values = node.options.map((o) => o.value);
    const d = this.leaf({ t: 'enum', values }, src, discKey, discAbs, {});
    const kind = d.present && values.includes(d.value as string) ? (d.value as string) : undefined;
    const opt = node.options.find((o) => o.value === kind);
    if (!opt) {
      // Unknown or blank kind: read the other cells with the first kind that has them, so they are located.
      const obj: Record<string, unknown> = {};
      let any = d.nonBlank;
      if (d.present) obj[node.disc] = d.value;
      const seen = new Set<string>([node.disc]);
      for (const o of node.options) {
        for (const f of o.node.fields) {
          if (seen.has(f.key)) continue;
          seen.add(f.key);
          const r = this.field(f, src, prefix + f.key, abs ? `${abs}.${f.key}` : f.key, obj);
          if (r.set) obj[f.key] = r.value;
          any ||= r.any;
        }
      }
      if (abs && !this.locator.has(abs)) this.locator.set(abs, this.locator.get(discAbs)!);
      return { value: obj, any };
    }
    const r = this.object(opt.node, src, prefix, abs);
    // Cells of other kinds' columns are not used by this kind: say so rather than drop them silently.
    const own: string[] = [];
    leafKeys(opt.node, prefix, own, []);
    const all: string[] = [];
    leafKeys(node, prefix, all, []);
    for (const k of all) {
      if (own.includes(k)) continue;
      const c = src.cell(k);
      if (!c || isBlank(c.raw)) continue;
      const loc = this.leafLoc(src, k);
      const kindText = src.cell(discKey)?.raw;
      this.diagnostics.push(this.locator.cellDiagnostic(loc, 'unused_cell',
        `类型为“${cellString(kindText ?? null)}”时不使用此列，值被忽略`,
        `not used when the kind is "${cellString(kindText ?? null)}"; the value is ignored`, 'warning'));
    }
    return { value: r.value, any: r.any || d.nonBlank };
  }

  /** Items of a table block (top-level or the children of the row `parent`). Undefined when the block is absent. */
  private table(id: string, abs: string, parent: Source | null): unknown[] | undefined {
    const def = this.layout.blocks.find((b) => b.id === id);
    if (!def) return undefined;
    const b = this.found.get(id);
    if (!b) return undefined;
    if (!this.locator.has(abs)) this.locator.set(abs, this.blockLoc(def));
    let rows = b.rows;
    if (def.parent) {
      if (!parent || parent.ref === null) return undefined;
      const claimed = this.claimed.get(id) ?? new Set<number>();
      this.claimed.set(id, claimed);
      const ref = parent.ref;
      rows = rows.filter((r) => {
        if (claimed.has(r.row) || !b.parentCol) return false;
        const v = normRef(cellString(r.cells[b.parentCol.index] ?? null));
        return v === ref;
      });
      for (const r of rows) claimed.add(r.row);
      if (rows.length > 0) this.locator.set(abs, { ...this.blockLoc(def), row: rows[0].row });
    }
    return rows.map((r, i) => this.row(def, b, r, `${abs}[${i}]`));
  }

  private row(def: BlockDef, b: FoundBlock, r: { row: number; cells: Cell[] }, abs: string): unknown {
    // Child rows name this row by its id, or by its position when rows have no id.
    const idCol = b.columns.get('id');
    const ref = this.childRefById(def)
      ? (idCol ? normRef(cellString(r.cells[idCol.index] ?? null)) : null)
      : String(b.rows.indexOf(r) + 1);
    const src: Source = {
      def, row: r.row, ref,
      cell: (key) => {
        const c = b.columns.get(key);
        return c ? { raw: r.cells[c.index] ?? null, row: r.row, header: c.text, index: c.index } : null;
      },
      tableId: (key) => `${def.id}[].${key}`,
    };
    const res = def.node.t === 'object' ? this.object(def.node, src, '', abs) : this.union(def.node, src, '', abs);
    this.locator.set(abs, { ...this.leafLoc(src, def.columns[0]?.key ?? ''), raw: null });
    return res.value;
  }

  private childRefById(def: BlockDef): boolean {
    return this.layout.blocks.some((c) => c.parent === def && c.parentById);
  }

  /** Child rows whose parent is blank or names no row of the parent table. */
  reportOrphans(): void {
    for (const def of this.layout.blocks) {
      if (!def.parent) continue;
      const b = this.found.get(def.id);
      if (!b) continue;
      const claimed = this.claimed.get(def.id) ?? new Set<number>();
      for (const r of b.rows) {
        if (claimed.has(r.row)) continue;
        const header = b.parentCol?.text ?? def.parentLabel![this.lang];
        const raw = b.parentCol ? r.cells[b.parentCol.index] ?? null : null;
        const loc: Loc = { block: def, row: r.row, header, label: def.parentLabel, raw, kvKey: null, kvHeader: null };
        const parentTitle = def.parent.title;
        if (isBlank(raw)) {
          this.diagnostics.push(this.locator.cellDiagnostic(loc, 'missing_parent',
            `没有填写所属的${parentTitle.zh}，此行无法使用`, `no ${parentTitle.en.toLowerCase()} is named; the row cannot be used`, 'error'));
        } else {
          this.diagnostics.push(this.locator.cellDiagnostic(loc, 'unknown_parent',
            `“${cellString(raw)}”不是“${parentTitle.zh}”区块中的编号`, `“${cellString(raw)}” is not an id of the ${parentTitle.en} block`, 'error'));
        }
      }
    }
  }
}

/** A text in both languages with one of them left blank takes the other (a new row in a Chinese workbook). */
function fillText(obj: Record<string, unknown>, node: ObjectNode): void {
  const keys = node.fields.map((f) => f.key);
  if (keys.length !== 2 || !keys.includes('zh') || !keys.includes('en')) return;
  if (typeof obj.zh === 'string' && obj.en === undefined) obj.en = obj.zh;
  else if (typeof obj.en === 'string' && obj.zh === undefined) obj.zh = obj.en;
}
