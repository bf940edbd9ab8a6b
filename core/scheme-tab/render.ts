/**
 * Scheme → the Scheme tab (2D array). Layout (see layout.ts): a few `※` note
 * rows, then blocks separated by a blank row; each block is a `■ title` row,
 * a header row, and one row per setting (key/value blocks) or per item (tables).
 * Child tables (an award's requirements) follow their parent table and name the
 * parent in their first column.
 */
import type { Cell, Lang, OutputTab } from '../types';
import type { Text } from '../scheme/model';
import { KV_HEADERS, NOTES } from './labels';
import { schemeLayout, leafCodec, type BlockDef } from './layout';
import { encode, expected } from './codec';
import type { Codec, Node, ObjectNode, UnionNode } from './shape';

/** Marks a block title row. */
export const TITLE_MARK = '■ ';
/** Marks a note row (ignored when reading). */
export const NOTE_MARK = '※';

export const SCHEME_TAB_NAME: Text = { zh: '方案', en: 'Scheme' };

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Value at a dotted path. */
export function getPath(data: unknown, path: string): unknown {
  if (path === '') return data;
  let cur = data;
  for (const p of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** The cells of one row/section: leaf key → cell. Extra keys of passthrough objects go to `extras`. */
function cellsOf(node: Node, data: unknown, prefix: string, out: Map<string, Cell>, lang: Lang, extras: [string, Cell][] | null, only?: readonly string[]): void {
  if (node.t === 'object') {
    const o = isObj(data) ? data : undefined;
    for (const f of node.fields) {
      if (only && !only.includes(f.key)) continue;
      const key = prefix + f.key;
      const v = o?.[f.key];
      // An empty list that is also the default reads better as a blank cell.
      if (f.node.t === 'leaf') out.set(key, Array.isArray(v) && v.length === 0 && f.hasDefault ? null : encode(f.node.codec, v, lang, o));
      else if (f.node.t !== 'table') cellsOf(f.node, v, `${key}.`, out, lang, null);
    }
    if (extras && node.passthrough && o) {
      const known = new Set(node.fields.map((f) => f.key));
      for (const [k, v] of Object.entries(o)) if (!known.has(k) && v !== undefined) extras.push([prefix + k, encode({ t: 'json' }, v, lang)]);
    }
    return;
  }
  if (node.t === 'dunion') {
    const o = isObj(data) ? data : undefined;
    const kind = o?.[node.disc];
    out.set(prefix + node.disc, encode({ t: 'enum', values: node.options.map((x) => x.value) }, kind, lang, o));
    const opt = node.options.find((x) => x.value === kind);
    if (opt) cellsOf({ ...opt.node, fields: opt.node.fields.filter((f) => f.key !== node.disc) }, data, prefix, out, lang, null);
  }
}

/** A short help text for a setting: its own note, else the values it accepts. */
function noteFor(block: BlockDef, key: string, lang: Lang): string {
  const own = NOTES[`${block.id}:${key}`];
  if (own) return own[lang];
  const c = leafCodec(block.node, key, () => undefined);
  if (!c) return '';
  if (c.t === 'enum' || c.t === 'boolean' || (c.t === 'list' && c.element.t === 'enum')) return expected(c as Codec, lang);
  return '';
}

/** Items of a table block, with the name of their parent row for child tables. */
function itemsOf(block: BlockDef, scheme: unknown): { parent: Cell; item: unknown }[] {
  if (!block.parent) {
    const list = getPath(scheme, block.path);
    return Array.isArray(list) ? list.map((item) => ({ parent: null, item })) : [];
  }
  const parents = itemsOf(block.parent, scheme);
  const out: { parent: Cell; item: unknown }[] = [];
  parents.forEach((p, i) => {
    const list = getPath(p.item, block.path);
    if (!Array.isArray(list)) return;
    const id = isObj(p.item) ? p.item.id : undefined;
    const ref: Cell = block.parentById && typeof id === 'string' ? id : i + 1;
    for (const item of list) out.push({ parent: ref, item });
  });
  return out;
}

function blockPresent(block: BlockDef, scheme: unknown): boolean {
  if (block.parent) return itemsOf(block.parent, scheme).length > 0;
  if (block.section === null) return true;
  return getPath(scheme, block.section) !== undefined;
}

/**
 * The Scheme tab's rows for a scheme (as written or validated). Reading these
 * rows back gives the same scheme (see parse.ts).
 */
export function renderSchemeRows(scheme: unknown, lang: Lang): Cell[][] {
  const layout = schemeLayout();
  const rows: Cell[][] = [];
  const s = isObj(scheme) ? scheme : {};
  const name = isObj(s.name) ? (s.name as Obj)[lang] : undefined;
  if (lang === 'zh') {
    rows.push([`${NOTE_MARK} 方案：${typeof name === 'string' ? name : ''}（${typeof s.id === 'string' ? s.id : ''}）。直接修改单元格即可调整金额、名额、权重、门槛；“启用”列填“否”即关闭该条件。`]);
    rows.push([`${NOTE_MARK} 以 ■ 开头的行是区块标题，其下一行是表头，请勿改动；可在区块内增删行。以 ※ 开头的行是说明，计算时忽略。`]);
  } else {
    rows.push([`${NOTE_MARK} Scheme: ${typeof name === 'string' ? name : ''} (${typeof s.id === 'string' ? s.id : ''}). Edit cells to change amounts, quotas, weights and thresholds; set Enabled to "no" to turn a gate off.`]);
    rows.push([`${NOTE_MARK} Rows starting with ■ are block titles and the row below is the header: keep them. Add or delete rows inside a block. Rows starting with ※ are notes and are ignored.`]);
  }
  for (const block of layout.blocks) {
    if (!blockPresent(block, s)) continue;
    rows.push([]);
    rows.push([TITLE_MARK + block.title[lang]]);
    if (block.kind === 'kv') {
      rows.push([KV_HEADERS.key[lang], KV_HEADERS.value[lang], KV_HEADERS.note[lang]]);
      const cells = new Map<string, Cell>();
      const extras: [string, Cell][] = [];
      const data = block.section === null ? s : getPath(s, block.path);
      const only = block.section === null ? layout.settingsFields : undefined;
      cellsOf(block.node, data, '', cells, lang, extras, only);
      for (const c of block.columns) {
        const note = noteFor(block, c.key, lang);
        rows.push(note ? [c.label[lang], cells.get(c.key) ?? null, note] : [c.label[lang], cells.get(c.key) ?? null]);
      }
      for (const [k, v] of extras) rows.push([k, v]);
      continue;
    }
    const header: Cell[] = block.columns.map((c) => c.label[lang]);
    if (block.parentLabel) header.unshift(block.parentLabel[lang]);
    rows.push(header);
    for (const { parent, item } of itemsOf(block, s)) {
      const cells = new Map<string, Cell>();
      cellsOf(block.node as ObjectNode | UnionNode, item, '', cells, lang, null);
      const row: Cell[] = block.columns.map((c) => cells.get(c.key) ?? null);
      if (block.parentLabel) row.unshift(parent);
      rows.push(trimRow(row));
    }
  }
  return rows;
}

function trimRow(row: Cell[]): Cell[] {
  let n = row.length;
  while (n > 0 && (row[n - 1] === null || row[n - 1] === undefined || row[n - 1] === '')) n--;
  return row.slice(0, n);
}

/** The Scheme tab as an output tab (for templates and "copy preset to tab"). */
export function buildSchemeTab(scheme: unknown, lang: Lang): OutputTab {
  const rows = renderSchemeRows(scheme, lang);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 1);
  return { name: SCHEME_TAB_NAME[lang], kind: 'scheme', rows, formats: Array.from({ length: width }, () => 'text' as const) };
}
