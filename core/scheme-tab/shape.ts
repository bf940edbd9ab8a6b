/**
 * Reads the scheme's zod schema as a tree the Scheme tab can lay out: objects
 * (flattened into dotted columns), discriminated unions (a kind column plus the
 * fields of every kind), arrays of objects (their own table) and leaves (one
 * cell each, with a codec). Everything the tab does is derived from this tree,
 * so a field added to core/scheme/model.ts appears in the tab without code here.
 */
import type * as z from 'zod';
import { schemeSchemas } from '../scheme/model';

/** How one cell holds one value. */
export type Codec =
  | { t: 'string' }
  | { t: 'number'; int: boolean; money: boolean }
  | { t: 'boolean' }
  | { t: 'enum'; values: string[] }
  | { t: 'literal'; values: (string | number | boolean)[] }
  /** An array of scalars, written as a list in one cell. */
  | { t: 'list'; element: Codec }
  /** A record, written `key→value; key→value`. */
  | { t: 'map'; value: Codec }
  /** A union of cell-sized options (number | measure reference, string | number | list …). */
  | { t: 'union'; options: Codec[] }
  /** An object with a single field, written as that field's value (`{ measure: x }` → `x`). */
  | { t: 'ref'; key: string; inner: Codec }
  /** Anything else: JSON text. */
  | { t: 'json' };

export interface Field {
  key: string;
  node: Node;
  /** Optional or with a default: may be left out. */
  optional: boolean;
  /** Has a default (left out = the default, not "absent"). */
  hasDefault: boolean;
}

export interface ObjectNode { t: 'object'; fields: Field[]; passthrough: boolean }
export interface UnionNode { t: 'dunion'; disc: string; options: { value: string; node: ObjectNode }[] }
export interface TableNode { t: 'table'; element: ObjectNode | UnionNode }
export interface LeafNode { t: 'leaf'; codec: Codec }
export type Node = ObjectNode | UnionNode | TableNode | LeafNode;

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: (string | number | boolean)[];
  valueType?: z.ZodType;
  checks?: { _zod: { def: { check: string; format?: string } } }[];
  in?: z.ZodType;
}

function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'readonly', 'catch', 'prefault', 'nonoptional']);

/** Strip optional/default wrappers; `optional` tells whether the value may be left out. */
export function unwrap(s: z.ZodType): { inner: z.ZodType; optional: boolean; hasDefault: boolean } {
  let cur = s;
  let optional = false;
  let hasDefault = false;
  for (let i = 0; i < 20; i++) {
    const d = defOf(cur);
    if (d.type === 'pipe' && d.in) { cur = d.in; continue; }
    if (!WRAPPERS.has(d.type) || !d.innerType) break;
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault' || d.type === 'catch') optional = true;
    if (d.type === 'default' || d.type === 'prefault') hasDefault = true;
    cur = d.innerType;
  }
  return { inner: cur, optional, hasDefault };
}

function isInt(s: z.ZodType): boolean {
  return (defOf(s).checks ?? []).some((c) => c._zod.def.check === 'number_format' && /int/.test(c._zod.def.format ?? ''));
}

const cache = new WeakMap<z.ZodType, Node>();

/** The layout tree of a schema. */
export function nodeOf(schema: z.ZodType): Node {
  const hit = cache.get(schema);
  if (hit) return hit;
  const n = build(unwrap(schema).inner);
  cache.set(schema, n);
  return n;
}

function build(s: z.ZodType): Node {
  const d = defOf(s);
  if (d.type === 'object') return objectNode(s);
  if (d.type === 'union' && d.discriminator && (d.options ?? []).every((o) => defOf(unwrap(o).inner).type === 'object')) {
    return unionNode(d.discriminator, d.options ?? []) ?? { t: 'leaf', codec: codecOf(s) };
  }
  if (d.type === 'array' && d.element) {
    const el = unwrap(d.element).inner;
    const en = build(el);
    if (en.t === 'object' || en.t === 'dunion') return { t: 'table', element: en };
  }
  return { t: 'leaf', codec: codecOf(s) };
}

function objectNode(s: z.ZodType): ObjectNode {
  const d = defOf(s);
  const fields: Field[] = Object.entries(d.shape ?? {}).map(([key, fs]) => {
    const u = unwrap(fs);
    return { key, node: nodeOf(fs), optional: u.optional, hasDefault: u.hasDefault };
  });
  const passthrough = d.catchall !== undefined && defOf(d.catchall).type !== 'never';
  return { t: 'object', fields, passthrough };
}

function unionNode(disc: string, options: z.ZodType[]): UnionNode | null {
  const out: { value: string; node: ObjectNode }[] = [];
  for (const o of options) {
    const inner = unwrap(o).inner;
    const node = objectNode(inner);
    const df = node.fields.find((f) => f.key === disc);
    if (!df || df.node.t !== 'leaf' || df.node.codec.t !== 'literal') return null;
    for (const v of df.node.codec.values) out.push({ value: String(v), node });
  }
  return { t: 'dunion', disc, options: out };
}

function codecOf(s: z.ZodType): Codec {
  const { inner } = unwrap(s);
  const d = defOf(inner);
  switch (d.type) {
    case 'string': return { t: 'string' };
    case 'number': return { t: 'number', int: isInt(inner), money: inner === (schemeSchemas().YuanSchema as z.ZodType) };
    case 'boolean': return { t: 'boolean' };
    case 'enum': return { t: 'enum', values: Object.values(d.entries ?? {}).map(String) };
    case 'literal': return { t: 'literal', values: d.values ?? [] };
    case 'array': {
      const el = codecOf(d.element as z.ZodType);
      return isScalar(el) || el.t === 'union' && el.options.every(isScalar) ? { t: 'list', element: el } : { t: 'json' };
    }
    case 'record': {
      const v = codecOf(d.valueType as z.ZodType);
      return isScalar(v) ? { t: 'map', value: v } : { t: 'json' };
    }
    case 'union': {
      const options = (d.options ?? []).map(codecOf);
      return options.every((o) => o.t !== 'json' && o.t !== 'map' && o.t !== 'union') ? { t: 'union', options } : { t: 'json' };
    }
    case 'object': {
      const fields = Object.entries(d.shape ?? {});
      if (fields.length === 1) {
        const inner1 = codecOf(fields[0][1]);
        if (inner1.t === 'string' || inner1.t === 'number') return { t: 'ref', key: fields[0][0], inner: inner1 };
      }
      return { t: 'json' };
    }
    default: return { t: 'json' };
  }
}

export function isScalar(c: Codec): boolean {
  return c.t === 'string' || c.t === 'number' || c.t === 'boolean' || c.t === 'enum' || c.t === 'literal';
}
