/**
 * What-if keys (SPEC §11): every one-cell value of a scheme, named by a dotted
 * path into the scheme model (list items by their id) or by the Scheme tab's own
 * labels in either language, and how an edit of one is decoded.
 *
 * Generic over the zod model: the cells come from the Scheme tab's layout
 * (core/scheme-tab/layout.ts, itself derived from core/scheme/model.ts), so a
 * field another issue adds to the model is a valid key here without code.
 */
import type { Cell, Lang } from '../types';
import type { Text } from '../scheme/model';
import { schemeLayout, leafCodec, type BlockDef } from '../scheme-tab/layout';
import { getPath } from '../scheme-tab/render';
import { decode, expected } from '../scheme-tab/codec';
import { headerKey } from '../scheme-tab/parse';
import type { Codec } from '../scheme-tab/shape';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One value of the scheme that fits one cell of the Scheme tab. */
export interface EditableCell {
  /** Canonical key: dotted path, list items by id (`awards.service_star.prize.amount`). */
  key: string;
  /** Where the value lives in the scheme object (array indices as numbers). */
  path: (string | number)[];
  /** The Scheme tab's words for it: block › row › column. */
  label: Text;
  /** The Scheme tab block (`awards`, `score.components`, `settings` …) and the column key inside it (`prize.amount`). */
  block: string;
  column: string;
  codec: Codec;
  /** The value now (undefined when blank). */
  value: unknown;
  /** Every accepted spelling, normalised (see normKey). */
  aliases: string[];
  /** The spellings a near miss is measured against: the key and the full label path in each language. */
  near: string[];
}

/** Separators people use between the parts of a label path. */
const SEP = /\s*(?:›|»|>|\/|\||。|\.)\s*/;

/** One segment, normalised like the Scheme tab's headers (width, case, spaces, `_`, `-` ignored). */
function normSeg(s: string): string {
  return headerKey(s);
}

/** A whole key normalised: segments split on . › > / | and each normalised. */
export function normKey(key: string): string {
  return key.trim().split(SEP).map(normSeg).filter((s) => s !== '').join('.');
}

/** Fields that name a row of a table without an id (in this order), else its position. */
const ROW_NAMERS = ['id', 'reason', 'measure', 'award'];

/** The address of each item of a list: its id (or another naming field) when unique, else its 1-based position. */
function addresses(items: unknown[]): string[] {
  for (const f of ROW_NAMERS) {
    const vals = items.map((it) => (isObj(it) && typeof it[f] === 'string' ? (it[f] as string) : null));
    if (vals.every((v) => v !== null && /^[A-Za-z0-9_]+$/.test(v)) && new Set(vals).size === vals.length) return vals as string[];
  }
  return items.map((_, i) => String(i + 1));
}

/**
 * Names a row is known by in the tab: its address, and its Chinese and English
 * name or label; a row without either (a requirement, a tie-break) is shown by
 * the label of the measure it is addressed by, so no code is shown to people.
 */
function rowNames(item: unknown, addr: string, measureLabels: Map<string, Text>): { names: string[]; shown: Text } {
  const names = [addr];
  let shown: Text = measureLabels.get(addr) ?? (isObj(item) && typeof item.measure === 'string' ? measureLabels.get(item.measure) : undefined) ?? { zh: addr, en: addr };
  if (shown.zh !== addr) names.push(shown.zh, shown.en);
  if (isObj(item)) {
    for (const k of ['name', 'label']) {
      const t = item[k];
      if (isObj(t) && typeof t.zh === 'string' && typeof t.en === 'string') {
        names.push(t.zh, t.en);
        if (k === 'name' || !isObj(item.name)) shown = { zh: t.zh, en: t.en };
      }
    }
  }
  return { names, shown };
}

interface Part { names: string[]; shown: Text }

const textPart = (t: Text): Part => ({ names: [t.zh, t.en], shown: t });

/** Every way of spelling a label path (each part in either language; the block title may be left out). */
function labelAliases(parts: Part[]): string[] {
  const out = new Set<string>();
  const walk = (i: number, acc: string[]) => {
    if (i === parts.length) {
      out.add(acc.join('.'));
      return;
    }
    for (const n of new Set(parts[i].names.map(normSeg))) if (n) walk(i + 1, [...acc, n]);
  };
  walk(0, []);
  walk(1, []);
  return [...out];
}

function joinLabel(parts: Part[]): Text {
  return { zh: parts.map((p) => p.shown.zh).join(' › '), en: parts.map((p) => p.shown.en).join(' › ') };
}

/** Every editable cell of a scheme (validated or as written), in the Scheme tab's order. */
export function editableCells(scheme: unknown): EditableCell[] {
  const layout = schemeLayout();
  const out: EditableCell[] = [];
  const measureLabels = new Map<string, Text>();
  const measures = getPath(scheme, 'measures');
  if (Array.isArray(measures)) {
    for (const m of measures) if (isObj(m) && typeof m.id === 'string' && isObj(m.label)) measureLabels.set(m.id, m.label as Text);
  }
  const push = (b: BlockDef, column: string, codec: Codec, keySegs: string[], path: (string | number)[], parts: Part[], value: unknown) => {
    const key = keySegs.join('.');
    const label = joinLabel(parts);
    const canonical = normKey(key);
    let aliases: string[] | null = null;
    out.push({
      key, path, label, block: b.id, column, codec, value,
      // Every label spelling is built only when a key is not a dotted path (the common case needs none).
      get aliases() {
        aliases ??= [...new Set<string>([canonical, ...labelAliases(parts)])];
        return aliases;
      },
      near: [...new Set([canonical, normKey(label.zh), normKey(label.en)])],
    });
  };
  const splitPath = (p: string) => (p === '' ? [] : p.split('.'));

  const table = (b: BlockDef, container: unknown, keyPrefix: string[], pathPrefix: (string | number)[], partsPrefix: Part[]) => {
    const items = getPath(container, b.path);
    if (!Array.isArray(items)) return;
    const addrs = addresses(items);
    const title = textPart(b.title);
    items.forEach((item, i) => {
      const rn = rowNames(item, addrs[i], measureLabels);
      const row: Part = { names: rn.names, shown: rn.shown };
      const keyBase = [...keyPrefix, ...splitPath(b.path), addrs[i]];
      const pathBase = [...pathPrefix, ...splitPath(b.path), i];
      for (const col of b.columns) {
        const codec = leafCodec(b.node, col.key, (dk) => str(getPath(item, dk)));
        if (!codec) continue;
        push(b, col.key, codec, [...keyBase, ...col.key.split('.')], [...pathBase, ...col.key.split('.')],
          [title, ...partsPrefix, row, textPart(col.label)], getPath(item, col.key));
      }
      for (const child of layout.blocks) {
        if (child.parent === b) table(child, item, keyBase, pathBase, [...partsPrefix, row]);
      }
    });
  };

  for (const b of layout.blocks) {
    if (b.parent) continue;
    if (b.kind === 'table') {
      table(b, scheme, [], [], []);
      continue;
    }
    const section = b.path === '' ? scheme : getPath(scheme, b.path);
    for (const col of b.columns) {
      const codec = leafCodec(b.node, col.key, (dk) => str(getPath(section, dk)));
      if (!codec) continue;
      const segs = [...splitPath(b.path), ...col.key.split('.')];
      push(b, col.key, codec, segs, segs, [textPart(b.title), textPart(col.label)], getPath(section, col.key));
    }
  }
  return out;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export type KeyLookup =
  | { ok: true; cell: EditableCell }
  | { ok: false; reason: 'unknown' | 'ambiguous'; nearest: EditableCell[] };

/** The cell a key names (dotted path or the Scheme tab's labels), or the nearest valid keys. */
export function lookupKey(cells: EditableCell[], key: string): KeyLookup {
  const k = normKey(key);
  const exact = cells.filter((c) => c.near[0] === k);
  const hits = exact.length ? exact : k ? cells.filter((c) => c.aliases.includes(k)) : [];
  if (hits.length === 1) return { ok: true, cell: hits[0] };
  if (hits.length > 1) return { ok: false, reason: 'ambiguous', nearest: hits.slice(0, 5) };
  return { ok: false, reason: 'unknown', nearest: nearestCells(cells, k, 5) };
}

/** The cells whose spellings are nearest to a key (edit distance, then Scheme tab order). */
export function nearestCells(cells: EditableCell[], normalised: string, n: number): EditableCell[] {
  const scored = cells.map((c, i) => ({ c, i, d: Math.min(...c.near.map((a) => keyDistance(normalised, a))) }));
  scored.sort((a, b) => a.d - b.d || a.i - b.i);
  return scored.slice(0, n).map((s) => s.c);
}

/** Levenshtein distance, with a shared prefix of whole segments counting for much (the right list first). */
function keyDistance(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  let shared = 0;
  while (shared < as.length && shared < bs.length && as[shared] === bs[shared]) shared++;
  return levenshtein(a, b) - shared * 2;
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

export type ValueDecoding = { ok: true; value: unknown; blank: boolean } | { ok: false; zh: string; en: string };

/** Decode an edit's value with the cell's codec (the Scheme tab's own reading: 1,000 / ¥800 / 否 / 季度 …). */
export function decodeValue(cell: EditableCell, value: Cell): ValueDecoding {
  const d = decode(cell.codec, value, undefined);
  if (d.ok) return { ok: true, value: d.value, blank: false };
  if (d.blank) return { ok: true, value: undefined, blank: true };
  return { ok: false, zh: d.problem.zh, en: d.problem.en };
}

/** What a cell expects, in words. */
export function expectedText(cell: EditableCell, lang: Lang): string {
  return expected(cell.codec, lang);
}

/** Set (or, with undefined, remove) the value at a path, creating objects on the way. */
export function setAt(root: Obj, path: (string | number)[], value: unknown): void {
  let cur: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    const p = path[i];
    const holder = cur as Record<string | number, unknown>;
    if (holder[p] === undefined || holder[p] === null) holder[p] = typeof path[i + 1] === 'number' ? [] : {};
    cur = holder[p];
  }
  const last = path[path.length - 1];
  const holder = cur as Record<string | number, unknown>;
  if (value === undefined) delete holder[last];
  else holder[last] = value;
}
