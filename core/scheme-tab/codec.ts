/**
 * One value ↔ one cell. Writing picks the friendliest form (numbers as numbers,
 * 是/否, 季度, `a, b`, `超越→2; 达到→1`); reading accepts either language and the
 * forms people type (`1,000.00`, `¥800`, `≥`). Whenever the friendly form would
 * not read back as the same value (a label that looks like a number, a list of
 * one where a text is also allowed …), the cell is written as JSON instead, so
 * a rendered scheme always reads back exactly.
 */
import type { Cell, Lang } from '../types';
import { foldWidth } from '../ids';
import { isBlank, isProblem, toBoolean, toFen, toNumber, toText } from '../input/cells';
import { INCIDENT_TYPES, RATINGS, REVIEW_DIMENSIONS, REVIEW_SOURCES, booleanOf } from '../input/aliases';
import { BOOL_WORDS, valueLabel, valueSpellings } from './labels';
import { DIMENSION_LABELS, INCIDENT_LABELS, LEVELS as LEVEL_LABELS, RATING_LABELS, SOURCE_LABELS, type L } from '../output/labels';

/** Data-contract values a value map's keys name (ratings, incident types, sources, dimensions, levels). */
const KEY_TABLES: Record<string, L>[] = [RATING_LABELS, INCIDENT_LABELS, SOURCE_LABELS, DIMENSION_LABELS, LEVEL_LABELS];
const KEY_BY_LABEL = new Map<string, string>();
for (const t of KEY_TABLES) for (const [id, l] of Object.entries(t)) for (const w of [l.zh, l.en]) if (!KEY_BY_LABEL.has(w.toLowerCase())) KEY_BY_LABEL.set(w.toLowerCase(), id);
// The spellings the data contract accepts in cells (超越期望, 有效投诉 …) are read in a map key too.
for (const t of [RATINGS, INCIDENT_TYPES, REVIEW_SOURCES, REVIEW_DIMENSIONS] as Readonly<Record<string, readonly string[]>>[]) {
  for (const [id, words] of Object.entries(t)) for (const w of words) if (!KEY_BY_LABEL.has(w.toLowerCase())) KEY_BY_LABEL.set(w.toLowerCase(), id);
}

/** A value map key as the tab writes it: its Chinese label in a Chinese tab (超越→2), the id otherwise. */
function mapKeyText(key: string, lang: Lang): string {
  if (lang !== 'zh') return key;
  for (const t of KEY_TABLES) if (t[key]) return t[key].zh;
  return key;
}

/** A value map key as written (超越, exceeded, task missed) → the data-contract id; other text as written. */
function mapKeyOf(text: string): string {
  const k = text.trim();
  if (KEY_TABLES.some((t) => t[k])) return k;
  return KEY_BY_LABEL.get(k.toLowerCase()) ?? k;
}
import type { Codec } from './shape';

export interface CellProblem {
  code: string;
  zh: string;
  en: string;
}

export type Decoded = { ok: true; value: unknown } | { ok: false; blank: true } | { ok: false; blank: false; problem: CellProblem };

/** Sibling values already read from the same object (a filter's `op` decides whether its value is a list). */
export type Siblings = Record<string, unknown> | undefined;

const BLANK: Decoded = { ok: false, blank: true };
const ok = (value: unknown): Decoded => ({ ok: true, value });
const bad = (code: string, zh: string, en: string): Decoded => ({ ok: false, blank: false, problem: { code, zh, en } });

const LIST_SPLIT = /\s*[,，、;；\n]\s*/;
const NUMBER_LIST_SPLIT = /\s*[;；、\n]\s*/;
const MAP_ENTRY = /^(.*?)\s*(?:→|->|=>|=|:|：)\s*(.+)$/;
// Comparison operators as people type them (a lone "=" starts a formula in a spreadsheet, so words help).
const OP_SYNONYMS: Record<string, string> = {
  '≥': '>=', '≤': '<=', '≠': '!=', '==': '=', '<>': '!=', '＝': '=',
  '等于': '=', '不等于': '!=', '大于等于': '>=', '不少于': '>=', '至少': '>=', '大于': '>', '小于等于': '<=', '不超过': '<=', '至多': '<=', '小于': '<',
  eq: '=', equals: '=', ne: '!=', gte: '>=', 'at least': '>=', gt: '>', lte: '<=', 'at most': '<=', lt: '<',
};

/** Normalised spelling used to compare coded values: width folded, case and separators ignored. */
export function codeKey(text: string): string {
  const s = foldWidth(text).trim().toLowerCase();
  const op = OP_SYNONYMS[s];
  if (op) return op;
  return /^[<>=!]+$/.test(s) ? s : s.replace(/[\s_\-]+/g, '');
}

function q(v: string): string {
  return `“${v}”`;
}

function shown(cell: Cell): string {
  const t = toText(cell);
  return typeof t === 'string' ? t : String(cell ?? '');
}

// ---- Describing what a codec expects (for messages and notes) ----

/** What a cell of this codec holds, in words. */
export function expected(c: Codec, lang: Lang): string {
  const zh = lang === 'zh';
  switch (c.t) {
    case 'string': return zh ? '文字' : 'text';
    case 'number': return c.money ? (zh ? '金额（元）' : 'an amount') : c.int ? (zh ? '整数' : 'a whole number') : (zh ? '数字' : 'a number');
    case 'boolean': return zh ? '是 / 否' : 'yes / no';
    case 'enum': return c.values.map((v) => valueLabel(v, lang)).join(' / ');
    case 'literal': return c.values.map(String).join(' / ');
    case 'list': return zh ? `用逗号分隔的列表（${expected(c.element, lang)}）` : `a comma-separated list (${expected(c.element, lang)})`;
    case 'map': return zh ? '取值换算，如“超越→2; 达到→1”' : 'a value map, e.g. "exceeded→2; met→1"';
    case 'union': return c.options.map((o) => expected(o, lang)).join(zh ? '，或' : ', or ');
    case 'ref': return zh ? `${c.key} 编号` : `a ${c.key} id`;
    case 'json': return 'JSON';
  }
}

// ---- Writing ----

function encodeRaw(c: Codec, v: unknown, lang: Lang): Cell {
  if (v === undefined || v === null) return null;
  switch (c.t) {
    case 'string': return typeof v === 'string' ? v : JSON.stringify(v);
    case 'number': return typeof v === 'number' ? v : JSON.stringify(v);
    case 'boolean': return typeof v === 'boolean' ? BOOL_WORDS[lang][v ? 'true' : 'false'] : JSON.stringify(v);
    case 'enum': return typeof v === 'string' ? valueLabel(v, lang) : JSON.stringify(v);
    case 'literal': return typeof v === 'number' ? v : typeof v === 'string' ? valueLabel(v, lang) : JSON.stringify(v);
    case 'list': {
      if (!Array.isArray(v)) return JSON.stringify(v);
      const parts = v.map((x) => scalarText(c.element, x, lang));
      const sep = c.element.t === 'number' ? '; ' : ', ';
      return parts.join(sep);
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return JSON.stringify(v);
      return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${mapKeyText(k, lang)}→${scalarText(c.value, x, lang)}`).join(lang === 'zh' ? '；' : '; ');
    }
    case 'union': {
      if (Array.isArray(v)) {
        const list = c.options.find((o) => o.t === 'list');
        return list ? encodeRaw(list, v, lang) : JSON.stringify(v);
      }
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return BOOL_WORDS[lang][v ? 'true' : 'false'];
      if (typeof v === 'string') {
        const en = c.options.find((o) => o.t === 'enum' && o.values.includes(v));
        return en ? valueLabel(v, lang) : v;
      }
      const ref = c.options.find((o) => o.t === 'ref') as Extract<Codec, { t: 'ref' }> | undefined;
      if (ref && typeof v === 'object') {
        const keys = Object.keys(v as object);
        if (keys.length === 1 && keys[0] === ref.key) return encodeRaw(ref.inner, (v as Record<string, unknown>)[ref.key], lang);
      }
      return JSON.stringify(v);
    }
    case 'ref': {
      if (typeof v === 'object' && v !== null && Object.keys(v).length === 1 && ref1(v, c.key) !== undefined) return encodeRaw(c.inner, ref1(v, c.key), lang);
      return JSON.stringify(v);
    }
    case 'json': return JSON.stringify(v);
  }
}

function ref1(v: object, key: string): unknown {
  return (v as Record<string, unknown>)[key];
}

function scalarText(c: Codec, v: unknown, lang: Lang): string {
  const cell = encodeRaw(c, v, lang);
  return cell === null || cell === undefined ? '' : String(cell);
}

/**
 * The cell for a value: the friendly form when it reads back as the same value,
 * else JSON text (exact).
 */
/** Filter fields whose values are data-contract codes (a filter on them is written with their labels in a Chinese tab). */
const CODED_FIELDS = new Set(['type', 'rating', 'source', 'dimension', 'level']);

function codedField(siblings: Siblings): boolean {
  return typeof siblings?.field === 'string' && CODED_FIELDS.has(siblings.field);
}

/** A filter value of a coded field with its codes canonical (作业未达标 → task_missed), either language read. */
function canonicalCoded(v: unknown): unknown {
  if (typeof v === 'string') return mapKeyOf(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? mapKeyOf(x) : x));
  return v;
}

export function encode(c: Codec, v: unknown, lang: Lang, siblings?: Siblings): Cell {
  if (v === undefined) return null;
  if (c.t === 'union' && codedField(siblings) && lang === 'zh') {
    // 作业未达标、愤怒卡 rather than task_missed, anger_card (issue 13); read back through decode's canonical codes.
    const shown = typeof v === 'string' ? mapKeyText(v, lang) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? mapKeyText(x, lang) : x)) : v;
    const cell = encodeRaw(c, shown, lang);
    const back = decode(c, cell, siblings);
    if (back.ok && deepEqual(back.value, v)) return cell;
  }
  const cell = encodeRaw(c, v, lang);
  const back = decode(c, cell, siblings);
  if (back.ok && deepEqual(back.value, v)) return cell;
  const json = JSON.stringify(v);
  const again = decode(c, json, siblings);
  return again.ok && deepEqual(again.value, v) ? json : cell;
}

// ---- Reading ----

function looksJson(s: string): boolean {
  const c = s[0];
  return c === '[' || c === '{' || (c === '"' && s.length >= 2 && s.endsWith('"'));
}

function tryJson(s: string): { ok: boolean; value?: unknown } {
  try {
    return { ok: true, value: JSON.parse(s) };
  } catch {
    return { ok: false };
  }
}

function errorValue(cell: Cell): Decoded {
  return bad('error_value', `${q(shown(cell))}是表格错误值`, `${q(shown(cell))} is a spreadsheet error value`);
}

function notNumber(c: Extract<Codec, { t: 'number' }>, cell: Cell): Decoded {
  const v = q(shown(cell));
  if (c.money) return bad('not_a_number', `${v}不是金额`, `${v} is not an amount`);
  return bad('not_a_number', `${v}不是数字`, `${v} is not a number`);
}

function decodeNumber(c: Extract<Codec, { t: 'number' }>, cell: Cell): Decoded {
  let n: number | null;
  if (c.money) {
    const f = toFen(cell);
    if (isProblem(f)) return f.problem === 'error_value' ? errorValue(cell) : notNumber(c, cell);
    n = f === null ? null : f / 100;
  } else {
    const x = toNumber(cell);
    if (isProblem(x)) return x.problem === 'error_value' ? errorValue(cell) : notNumber(c, cell);
    n = x;
  }
  if (n === null) return BLANK;
  // Money never rounds silently: a third decimal is a mistake to show, not to fix.
  if (c.money && tooManyDecimals(cell)) {
    return bad('bad_decimals', `${q(shown(cell))}：金额最多两位小数`, `${q(shown(cell))}: an amount has at most 2 decimals`);
  }
  if (c.int && !Number.isInteger(n)) return bad('not_an_integer', `${q(shown(cell))}不是整数`, `${q(shown(cell))} is not a whole number`);
  return ok(n);
}

function tooManyDecimals(cell: Cell): boolean {
  if (typeof cell === 'number') return Math.abs(cell * 100 - Math.round(cell * 100)) > 1e-6;
  if (typeof cell !== 'string') return false;
  const m = /[.．](\d+)/.exec(foldWidth(cell));
  return m !== null && /[1-9]/.test(m[1].slice(2));
}

function decodeEnum(values: readonly string[], text: string): Decoded {
  const k = codeKey(text);
  for (const v of values) {
    if (valueSpellings(v).some((s) => codeKey(s) === k)) return ok(v);
  }
  return bad('unknown_value',
    `${q(text)}不是可选值：${values.map((v) => valueLabel(v, 'zh')).join('、')}`,
    `${q(text)} is not one of: ${values.join(', ')}`);
}

function splitList(c: Codec, text: string): string[] {
  if (c.t === 'number') {
    const parts = text.split(NUMBER_LIST_SPLIT).filter((s) => s !== '');
    if (parts.length === 1 && /[,，]/.test(parts[0])) {
      const whole = toNumber(parts[0]);
      if (typeof whole !== 'number') return parts[0].split(/\s*[,，]\s*/).filter((s) => s !== '');
    }
    return parts;
  }
  return text.split(LIST_SPLIT).filter((s) => s !== '');
}

function decodeList(c: Extract<Codec, { t: 'list' }>, text: string): Decoded {
  const out: unknown[] = [];
  for (const part of splitList(c.element, text)) {
    const d = decode(c.element, part);
    if (!d.ok) {
      if (d.blank) continue;
      return d;
    }
    out.push(d.value);
  }
  return ok(out);
}

function decodeMap(c: Extract<Codec, { t: 'map' }>, text: string): Decoded {
  const out: Record<string, unknown> = {};
  const entries = text.split(/\s*[;；,，、\n]\s*/).filter((s) => s !== '');
  for (const e of entries) {
    const m = MAP_ENTRY.exec(e);
    if (!m || m[1].trim() === '') {
      return bad('bad_map', `${q(text)}不是取值换算：应写成“超越→2; 达到→1”`, `${q(text)} is not a value map: write key→number; key→number (e.g. exceeded→2; met→1)`);
    }
    const d = decode(c.value, m[2]);
    if (!d.ok) {
      return d.blank
        ? bad('bad_map', `${q(text)}中“${m[1]}”没有值`, `${q(text)}: "${m[1]}" has no value`)
        : d;
    }
    out[mapKeyOf(m[1])] = d.value;
  }
  return ok(out);
}

const LIST_OPS = new Set(['in', 'not_in']);

function decodeUnion(c: Extract<Codec, { t: 'union' }>, cell: Cell, siblings: Siblings): Decoded {
  const has = (t: Codec['t']) => c.options.find((o) => o.t === t);
  if (typeof cell === 'number') {
    if (has('number')) return decode(has('number') as Codec, cell);
    if (has('string')) return ok(String(cell));
  }
  if (typeof cell === 'boolean' && has('boolean')) return ok(cell);
  const t = toText(cell);
  if (t === null) return BLANK;
  if (isProblem(t)) return errorValue(cell);
  if (looksJson(t)) {
    const j = tryJson(t);
    if (j.ok) return ok(j.value);
  }
  const list = has('list') as Extract<Codec, { t: 'list' }> | undefined;
  if (list) {
    const op = siblings?.op;
    const wantsList = typeof op === 'string' ? LIST_OPS.has(op) : /[,，、;；]/.test(t);
    if (wantsList) return decodeList(list, t);
  }
  const num = has('number');
  if (num && typeof toNumber(t) === 'number') return decode(num, t);
  if (has('boolean') && booleanOf(t) !== null) return ok(booleanOf(t));
  for (const o of c.options) {
    if (o.t === 'enum') {
      const d = decodeEnum(o.values, t);
      if (d.ok) return d;
    }
    if (o.t === 'literal') {
      const d = decode(o, t);
      if (d.ok) return d;
    }
  }
  if (has('string')) return ok(t);
  const ref = has('ref') as Extract<Codec, { t: 'ref' }> | undefined;
  if (ref) {
    const d = decode(ref.inner, t);
    if (d.ok) return ok({ [ref.key]: d.value });
  }
  return bad('bad_value', `${q(t)}无效：应为${expected(c, 'zh')}`, `${q(t)} is not valid: expected ${expected(c, 'en')}`);
}

/** Read one cell with a codec. Blank cells are `blank`, never a default. */
export function decode(c: Codec, cell: Cell, siblings?: Siblings): Decoded {
  if (c.t === 'number') return decodeNumber(c, cell);
  if (c.t === 'boolean') {
    if (typeof cell === 'string' && isBlank(cell)) return BLANK;
    const b = toBoolean(cell);
    if (b === null) return BLANK;
    if (isProblem(b)) {
      return b.problem === 'error_value' ? errorValue(cell)
        : bad('not_a_boolean', `${q(shown(cell))}不是“是”或“否”`, `${q(shown(cell))} is not yes or no`);
    }
    return ok(b);
  }
  if (c.t === 'union') {
    const d = decodeUnion(c, cell, siblings);
    return d.ok && codedField(siblings) ? { ...d, value: canonicalCoded(d.value) } : d;
  }
  if (c.t === 'string' && typeof cell === 'string' && cell !== '' && !isBlank(cell)) {
    // Text keeps its spaces inside; only the ends are trimmed.
    const s = cell.trim();
    if (s.startsWith('#') || s.startsWith('＃')) {
      const tt = toText(cell);
      if (isProblem(tt)) return errorValue(cell);
    }
    if (looksJson(s) && s[0] === '"') {
      const j = tryJson(s);
      if (j.ok && typeof j.value === 'string') return ok(j.value);
    }
    return ok(s);
  }
  const t = toText(cell);
  if (t === null) return BLANK;
  if (isProblem(t)) return errorValue(cell);
  switch (c.t) {
    case 'string': return ok(t);
    case 'enum': return decodeEnum(c.values, t);
    case 'literal': {
      for (const v of c.values) {
        if (typeof v === 'number' && toNumber(t) === v) return ok(v);
        if (typeof v === 'boolean' && toBoolean(t) === v) return ok(v);
        if (typeof v === 'string' && valueSpellings(v).some((s) => codeKey(s) === codeKey(t))) return ok(v);
      }
      return bad('unknown_value', `${q(t)}不是可选值：${c.values.join('、')}`, `${q(t)} is not one of: ${c.values.join(', ')}`);
    }
    case 'list': {
      if (t.startsWith('[')) {
        const j = tryJson(t);
        if (j.ok) return ok(j.value);
      }
      return decodeList(c, t);
    }
    case 'map': {
      if (t.startsWith('{')) {
        const j = tryJson(t);
        if (j.ok) return ok(j.value);
      }
      return decodeMap(c, t);
    }
    case 'ref': {
      if (t.startsWith('{')) {
        const j = tryJson(t);
        if (j.ok) return ok(j.value);
      }
      const d = decode(c.inner, t);
      return d.ok ? ok({ [c.key]: d.value }) : d;
    }
    case 'json': {
      const j = tryJson(t);
      return j.ok ? ok(j.value) : bad('bad_json', `${q(t)}不是有效的 JSON`, `${q(t)} is not valid JSON`);
    }
  }
}

/** Structural equality of JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ao[k], bo[k]));
}
