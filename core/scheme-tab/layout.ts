/**
 * The blocks of the Scheme tab, derived from the scheme model: a key/value
 * "Settings" block for the scheme's own simple fields, one key/value block per
 * section object (score, stars, points, ranking, departments …) and one table per
 * array of objects (measures, awards, score components …), with child tables for
 * arrays inside rows (an award's requirements). Measures, the most technical
 * block, come last.
 */
import type * as z from 'zod';
import { schemeSchemas, type Text } from '../scheme/model';
import { blockTitle, fieldLabel, parentLabel } from './labels';
import { nodeOf, type Codec, type Field, type Node, type ObjectNode, type UnionNode } from './shape';

export interface ColumnDef {
  /** Dotted key relative to the block's row or section (`quota.count`). */
  key: string;
  label: Text;
}

export interface BlockDef {
  /** `settings`, a section key (`score`), a table path (`score.components`, `awards[].requirements`). */
  id: string;
  kind: 'kv' | 'table';
  title: Text;
  /** Settings (kv) or columns (table), in order. Child tables' parent column is not listed here. */
  columns: ColumnDef[];
  /** Path of the value in the scheme: `''` root, `score`, `awards`, or relative to the parent row (`requirements`). */
  path: string;
  /** The node a row (table) or the section (kv) is decoded with. */
  node: ObjectNode | UnionNode;
  /** For child tables: the parent table and the label of the column naming the parent. */
  parent: BlockDef | null;
  parentLabel: Text | null;
  /** Parent rows are named by their `id` (else by their position, 1-based). */
  parentById: boolean;
  /** The root section that owns the block (`score` for score.components), or null (settings, root tables, child tables). */
  section: string | null;
}

/** Root fields that are laid out last (technical) — only an order hint. */
const LAST = ['measures'];

/** Flatten leaves of an object/union into dotted keys; arrays of objects are reported as tables. */
export function leafKeys(node: ObjectNode | UnionNode, prefix: string, out: string[], tables: { key: string; node: ObjectNode | UnionNode }[]): void {
  const add = (k: string) => { if (!out.includes(k)) out.push(k); };
  const visitFields = (fields: Field[], skip: string | null) => {
    for (const f of fields) {
      if (f.key === skip) continue;
      const key = prefix + f.key;
      visitNode(f.node, key);
    }
  };
  const visitNode = (n: Node, key: string) => {
    if (n.t === 'leaf') add(key);
    else if (n.t === 'table') { if (!tables.some((x) => x.key === key)) tables.push({ key, node: n.element }); }
    else leafKeys(n, `${key}.`, out, tables);
  };
  if (node.t === 'object') visitFields(node.fields, null);
  else {
    // The kind column sits where the first kind declares it (after id and name).
    const seen = new Set<ObjectNode>();
    for (const o of node.options) {
      if (seen.has(o.node)) continue;
      seen.add(o.node);
      visitFields(o.node.fields, null);
    }
  }
}

function hasIdField(node: ObjectNode | UnionNode): boolean {
  const fields = node.t === 'object' ? node.fields : node.options.flatMap((o) => o.node.fields);
  return fields.some((f) => f.key === 'id' && f.node.t === 'leaf' && f.node.codec.t === 'string');
}

function tableBlocks(id: string, path: string, node: ObjectNode | UnionNode, parent: BlockDef | null, section: string | null, out: BlockDef[]): void {
  const keys: string[] = [];
  const tables: { key: string; node: ObjectNode | UnionNode }[] = [];
  leafKeys(node, '', keys, tables);
  const title = blockTitle(id);
  const block: BlockDef = {
    id, kind: 'table', title, columns: keys.map((k) => ({ key: k, label: fieldLabel(id, k) })),
    path, node, parent, parentLabel: parent ? parentLabel(id, parent.title) : null,
    parentById: parent ? hasIdField(parent.node) : false, section,
  };
  out.push(block);
  for (const t of tables) tableBlocks(`${id}[].${t.key}`, t.key, t.node, block, section, out);
}

/** A root field that gets blocks of its own rather than rows in Settings. */
function isSection(node: Node): boolean {
  if (node.t !== 'object') return false;
  const keys: string[] = [];
  const tables: { key: string; node: ObjectNode | UnionNode }[] = [];
  leafKeys(node, '', keys, tables);
  return tables.length > 0 || keys.length > 2;
}

export interface Layout {
  root: ObjectNode;
  blocks: BlockDef[];
  /** Root fields laid out in Settings (flattened), by key. */
  settingsFields: string[];
  /** Root fields that are sections (their own blocks). */
  sections: string[];
  /** Root fields that are tables. */
  tables: string[];
}

let cached: Layout | null = null;

/** The layout of the scheme model (computed once). */
export function schemeLayout(): Layout {
  cached ??= buildLayout(schemeSchemas().SchemeSchema as unknown as z.ZodType);
  return cached;
}

/** @throws Error when the schema is not an object (a programming error, never user input). */
export function buildLayout(schema: z.ZodType): Layout {
  const root = nodeOf(schema);
  if (root.t !== 'object') throw new Error('the scheme schema must be an object');
  const settingsKeys: string[] = [];
  const settingsFields: string[] = [];
  const sections: string[] = [];
  const tables: string[] = [];
  const later: Field[] = [];
  const ordered = [...root.fields.filter((f) => !LAST.includes(f.key)), ...root.fields.filter((f) => LAST.includes(f.key))];
  for (const f of ordered) {
    if (f.node.t === 'table') { tables.push(f.key); later.push(f); }
    else if (isSection(f.node)) { sections.push(f.key); later.push(f); }
    else {
      settingsFields.push(f.key);
      if (f.node.t === 'leaf') settingsKeys.push(f.key);
      else leafKeys(f.node, `${f.key}.`, settingsKeys, []);
    }
  }
  const blocks: BlockDef[] = [{
    id: 'settings', kind: 'kv', title: blockTitle('settings'),
    columns: settingsKeys.map((k) => ({ key: k, label: fieldLabel('settings', k) })),
    path: '', node: root, parent: null, parentLabel: null, parentById: false, section: null,
  }];
  for (const f of later) {
    if (f.node.t === 'table') { tableBlocks(f.key, f.key, f.node.element, null, null, blocks); continue; }
    const node = f.node as ObjectNode;
    const keys: string[] = [];
    const inner: { key: string; node: ObjectNode | UnionNode }[] = [];
    leafKeys(node, '', keys, inner);
    if (keys.length > 0 || node.passthrough) {
      blocks.push({
        id: f.key, kind: 'kv', title: blockTitle(f.key), columns: keys.map((k) => ({ key: k, label: fieldLabel(f.key, k) })),
        path: f.key, node, parent: null, parentLabel: null, parentById: false, section: f.key,
      });
    }
    for (const t of inner) tableBlocks(`${f.key}.${t.key}`, `${f.key}.${t.key}`, t.node, null, f.key, blocks);
  }
  return { root, blocks, settingsFields, sections, tables };
}

/** The codec of a leaf reached by `key` under a node for a given row (union option chosen by `kindOf`). */
export function leafCodec(node: ObjectNode | UnionNode, key: string, kindOf: (discKey: string) => string | undefined, prefix = ''): Codec | null {
  const parts = key.split('.');
  let cur: Node = node;
  let path = prefix;
  for (let i = 0; i < parts.length; i++) {
    if (cur.t === 'dunion') {
      const u: UnionNode = cur;
      const discKey = path + u.disc;
      if (parts[i] === u.disc) {
        return i === parts.length - 1 ? { t: 'enum', values: u.options.map((o) => o.value) } : null;
      }
      const k = kindOf(discKey);
      const opt = u.options.find((o) => o.value === k) ?? u.options.find((o) => o.node.fields.some((f) => f.key === parts[i]));
      if (!opt) return null;
      cur = opt.node;
    }
    if (cur.t !== 'object') return null;
    const f: Field | undefined = cur.fields.find((x) => x.key === parts[i]);
    if (!f) return null;
    path += `${parts[i]}.`;
    cur = f.node;
    if (i === parts.length - 1) return cur.t === 'leaf' ? cur.codec : null;
  }
  return null;
}
