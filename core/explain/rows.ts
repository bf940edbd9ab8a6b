/**
 * The input rows behind a person's figure (SPEC §9): which rows of which tab made
 * a measure's value in a window, and how the value breaks down over them
 * (`微笑卡 25 = 超越 9 × 2 + 达到 7 × 1`). Rows are found through a per-person
 * index of each tab built once (one pass over the tab), so explaining everyone is
 * linear in the rows, never a scan of a tab per person.
 */
import type { Lang, RowRef, TabId } from '../types';
import { TAB_ORDER, TAB_SPECS } from '../input/aliases';
import type { Measure, RowsMeasure } from '../scheme/model';
import { parsePeriod, shiftPeriod, subPeriods, type Period } from '../periods';
import { catColumn, recordKey, windowKeys, type CatColumn, type Ctx, type RowTab } from '../engine/context';
import { rowFacts } from '../input/tabs';
import { evalMeasure, rowSource } from '../engine/measures';
import { joinRowText, rowText, rowTextOf, rowTextPrefix, rowTextSuffix, valueLabel, type Bi } from './labels';

/**
 * Each person's rows of a tab, in tab order: rows[start[i] .. start[i+1]), with
 * their window keys in the same order (`from`/`to`), so that finding a person's rows
 * reads one stretch of memory instead of jumping about a tab of a million rows.
 */
interface PersonRows {
  start: Int32Array;
  rows: Int32Array;
  from: Int32Array;
  to: Int32Array;
}

export function personRows(ctx: Ctx, tab: RowTab): PersonRows {
  const key = `explain:personrows:${tab}`;
  const hit = ctx.memo.get(key) as PersonRows | undefined;
  if (hit) return hit;
  const t = ctx.tabs[tab];
  const staff = t.staff;
  const start = new Int32Array(ctx.n + 1);
  for (let r = 0; r < staff.length; r++) if (staff[r] >= 0) start[staff[r] + 1]++;
  for (let i = 0; i < ctx.n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, ctx.n);
  const rows = new Int32Array(start[ctx.n]);
  const from = new Int32Array(start[ctx.n]);
  const to = new Int32Array(start[ctx.n]);
  for (let r = 0; r < staff.length; r++) {
    if (staff[r] < 0) continue;
    const k = fill[staff[r]]++;
    rows[k] = r;
    from[k] = t.from[r];
    to[k] = t.to[r];
  }
  const out = { start, rows, from, to };
  ctx.memo.set(key, out);
  return out;
}

/**
 * Each person's rows that count for a rows measure in one window: rows[start[i] ..
 * start[i+1]), in tab order, with what a breakdown and a narrower window read of
 * each (its value-map code or value, its window keys) copied beside it in the same
 * order. Explaining goes person by person while the tab's columns are in tab order:
 * read through the row positions, every entry was a jump into a million-row
 * column (a cache miss each, on a VM a page walk too); copied in the one pass
 * that reads the tab front to back, they are read in order.
 */
interface WindowRows {
  start: Int32Array;
  /**
   * The entries, ENTRY numbers each, side by side: tab index position, window keys (from, to),
   * value-map code (−1: none or no table), row number (0 unless the rows' texts are made from
   * columns). One array so that placing a row in person order is one write far away, not five
   * (the pass that places a million rows is bound by those writes).
   */
  e: Int32Array;
  /** Whether `e` holds value-map codes (a measure with a value table; `table` reads them). */
  coded: boolean;
  /** Each entry's value (a measure without a value table), else null; `constant` when neither. */
  vals: Float64Array | null;
  constant: number;
  /** The value of a value-map code (code + 1). */
  table: Float64Array | null;
  /**
   * Whether entries hold row numbers: the measure's rows have their texts made from columns
   * (textColumns), their day being `from` (a dated tab's day key).
   */
  texts: boolean;
  /** Each entry's noting field's code (−1: no value): `e`'s code when the value map's field notes the rows ('code'), else its own, or null (no coded noting field). */
  notes: 'code' | Int32Array | null;
  /** Each entry's noting number (NaN: none) when the noting field holds numbers (`vals` when it is the measure's own). */
  noteNums: Float64Array | null;
}

/** Numbers per entry of WindowRows.e, and where each is. */
const ENTRY = 5;
const E_POS = 0;
const E_FROM = 1;
const E_TO = 2;
const E_CODE = 3;
const E_ROW = 4;

/** The value of entry k (a row that counts: never NaN). */
function valueAt(wr: WindowRows, k: number): number {
  return wr.coded ? wr.table![wr.e[ENTRY * k + E_CODE] + 1] : wr.vals !== null ? wr.vals[k] : wr.constant;
}

/** The noting code of entry k (−1: none). */
function noteCodeAt(wr: WindowRows, k: number): number {
  const n = wr.notes;
  return n === null ? -1 : n === 'code' ? wr.e[ENTRY * k + E_CODE] : n[k];
}

/**
 * Everyone's rows of rows measure `m` in window `win`: every statement asks for
 * the same figures, so one pass for all people reads the tab front to back
 * instead of each person's rows scattered over a million, or the rows of a window
 * already made for the measure that holds this one (a month of the quarter). Two
 * passes (count, then place) so that only the arrays kept are made.
 */
function windowRows(ctx: Ctx, m: RowsMeasure, win: Period): WindowRows {
  // Asked for once per person per figure: looked up without making a key string each time.
  let byMeasure = ctx.memo.get('explain:windowrows') as Map<string, Map<string, WindowRows>> | undefined;
  if (!byMeasure) ctx.memo.set('explain:windowrows', (byMeasure = new Map()));
  let byWindow = byMeasure.get(m.id);
  if (!byWindow) byMeasure.set(m.id, (byWindow = new Map()));
  const hit = byWindow.get(win.id);
  if (hit) return hit;
  const t = ctx.tabs[m.tab];
  const { staff, from, to } = t;
  const [ks, ke] = windowKeys(win);
  const made = (ctx.memo.get(`explain:windowrows:${m.id}`) ?? []) as { ks: number; ke: number; wr: WindowRows }[];
  const outer = made.find((x) => x.ks <= ks && ke <= x.ke)?.wr ?? null;
  const { codes, table, num, constant, mask } = rowSource(ctx, m);
  const withTable = codes !== null && table !== null;
  const tc = sourceColumns(ctx, sourceOf(ctx, m.tab, telling(m))[0]);
  const start = new Int32Array(ctx.n + 1);
  let found = 0;
  let hits: Int32Array | null = null;
  if (outer) {
    // The enclosing window's entries are each person's rows in tab order, their values known: only the window to check.
    const oe = outer.e;
    for (let i = 0; i < ctx.n; i++) {
      for (let k = outer.start[i]; k < outer.start[i + 1]; k++) if (oe[ENTRY * k + E_FROM] >= ks && oe[ENTRY * k + E_TO] <= ke) start[i + 1]++;
      found += start[i + 1];
    }
  } else {
    // Count, and list the rows that count, without a branch per test: whether a row is in the window
    // or has a value is a coin toss row after row (a month of four, one rating of three), and a
    // mispredicted branch per row was most of this pass. A row without a person adds 0 to start[0].
    hits = scratchRows(ctx, staff.length);
    for (let r = 0; r < staff.length; r++) {
      const s = staff[r];
      const v = withTable ? table[codes[r] + 1] : num !== null ? num[r] : constant;
      const inWindow = ~((s | (from[r] - ks) | (ke - to[r])) >> 31) & 1;
      const kept = mask === null ? 1 : -mask[r] >>> 31;
      const ok = inWindow & kept & ((v === v) as unknown as number);
      hits[found] = r;
      found += ok;
      start[s + 1] += ok;
    }
  }
  for (let i = 0; i < ctx.n; i++) start[i + 1] += start[i];
  const e = new Int32Array(ENTRY * found);
  const wv = !withTable && num !== null ? new Float64Array(found) : null;
  const notesShared = tc !== null && tc.codes !== null && tc.codes === codes && withTable;
  const wn = tc !== null && tc.codes !== null && !notesShared ? new Int32Array(found) : null;
  const noteCodes = tc !== null ? tc.codes : null;
  const noteNum = tc !== null ? tc.nums : null;
  const numShared = noteNum !== null && noteNum === num && wv !== null;
  const wnn = noteNum !== null ? (numShared ? wv : new Float64Array(found)) : null;
  if (outer) {
    // In person order already: each kept entry goes next.
    const oe = outer.e;
    let j = 0;
    for (let k = 0; k < outer.start[ctx.n]; k++) {
      const q = ENTRY * k;
      if (oe[q + E_FROM] < ks || oe[q + E_TO] > ke) continue;
      const d = ENTRY * j;
      e[d + E_POS] = oe[q + E_POS];
      e[d + E_FROM] = oe[q + E_FROM];
      e[d + E_TO] = oe[q + E_TO];
      e[d + E_CODE] = oe[q + E_CODE];
      e[d + E_ROW] = oe[q + E_ROW];
      if (wv !== null) wv[j] = outer.vals![k];
      if (wn !== null) wn[j] = noteCodeAt(outer, k);
      if (wnn !== null && !numShared) wnn[j] = outer.noteNums![k];
      j++;
    }
  } else {
    const fill = start.slice(0, ctx.n);
    const rowNo = tc !== null ? tc.rowNo : null;
    // Only the rows that count, listed above, in tab order.
    for (let j = 0; j < found; j++) {
      const r = hits![j];
      const s = staff[r];
      const v = withTable ? table[codes[r] + 1] : num !== null ? num[r] : constant;
      const k = fill[s]++;
      const d = ENTRY * k;
      e[d + E_POS] = r;
      e[d + E_FROM] = from[r];
      e[d + E_TO] = to[r];
      e[d + E_CODE] = withTable ? codes![r] : -1;
      e[d + E_ROW] = rowNo !== null ? rowNo[r] : 0;
      if (wv !== null) wv[k] = v;
      if (wn !== null) wn[k] = noteCodes![r];
      if (wnn !== null && !numShared) wnn[k] = noteNum![r];
    }
  }
  const out: WindowRows = {
    start, e, coded: withTable, vals: wv, constant, table: withTable ? table : null, texts: tc !== null,
    notes: notesShared ? 'code' : wn, noteNums: wnn,
  };
  byWindow.set(win.id, out);
  made.push({ ks, ke, wr: out });
  ctx.memo.set(`explain:windowrows:${m.id}`, made);
  return out;
}

/** A scratch list of up to `n` row positions, one per run (reused by every window's pass). */
function scratchRows(ctx: Ctx, n: number): Int32Array {
  let a = ctx.memo.get('explain:scratchrows') as Int32Array | undefined;
  if (!a || a.length < n) ctx.memo.set('explain:scratchrows', (a = new Int32Array(n)));
  return a;
}

/** Positions (into the tab index) of person `i`'s rows that count for rows measure `m` in window `w`, in tab order. */
export function measureRows(ctx: Ctx, m: RowsMeasure, w: Period, i: number): ArrayLike<number> {
  if (m.of === 'department') return [];
  const wr = windowRows(ctx, m, m.offset ? shiftPeriod(w, m.offset) : w);
  const out: number[] = [];
  for (let k = wr.start[i]; k < wr.start[i + 1]; k++) out.push(wr.e[ENTRY * k + E_POS]);
  return out;
}

/**
 * Rows whose day and value are written out (`2026-08-03，低于`): no list shows more
 * than the first ten, and the notes of every row cost more than the rest of a statement.
 * A merged list (combined measures) keeps its first ten noted: each comes from the
 * first ten of its own part.
 */
const NOTED_ROWS = 10;

/** A row reference with what the row says that matters (`2026-08-03，低于`), for sentences. */
export interface RowNote extends RowRef {
  /** Which input tab (language-free): `--json` names it by its canonical name, lists sort by it. */
  tabId?: TabId;
  note?: Bi;
}

/** The tab of a row as `--json` names it: the canonical English name, whatever the workbook calls it. */
export function canonicalTab(r: RowNote): string {
  return r.tabId ? TAB_SPECS[r.tabId].en : r.tab;
}

type InputRow = Record<string, unknown> & RowRef;

/**
 * valueLabel, each (field, value) made once: a few codes label hundreds of thousands
 * of rows. Free-text values (custom incident types) are few; past a bound, no caching.
 */
const labels = new Map<string, Map<string, Bi>>();
function labelOf(field: string, code: string): Bi {
  let byCode = labels.get(field);
  if (!byCode) labels.set(field, (byCode = new Map()));
  let l = byCode.get(code);
  if (!l) {
    l = valueLabel(field, code);
    if (byCode.size < 1000) byCode.set(code, l);
  }
  return l;
}

/** What row `rec` says that matters in `lang` (its day, then `field`'s value), or null when it says nothing. */
function noteOf(rec: InputRow, field: string | undefined, lang: Lang): string | null {
  const day = noteDay(rec);
  const value = noteValue(rec, field, lang);
  if (day === '' && value === null) return null;
  if (day === '') return value!;
  return value === null || value === '' ? day : day + (lang === 'zh' ? '，' : ', ') + value;
}

/** The day a row's note starts with ('' when it has none). */
function noteDay(rec: InputRow): string {
  return String(rec.date ?? rec.month ?? rec.period ?? '');
}

/** The value of `field` a row's note ends with, in `lang` (null when it has none). */
function noteValue(rec: InputRow, field: string | undefined, lang: Lang): string | null {
  const raw = field ? rec[field] : undefined;
  return typeof raw === 'string' ? labelOf(field!, raw)[lang] : typeof raw === 'number' ? String(raw) : null;
}

/** rowTextOf(rec.tab, rec.row, noteOf(rec, field, lang), lang), with no note string made on the way (a statements tab writes hundreds of thousands). */
function notedRowText(rec: InputRow, field: string | undefined, lang: Lang): string {
  const day = noteDay(rec);
  const value = noteValue(rec, field, lang);
  if (day === '' || value === null || value === '') return rowTextOf(rec.tab, rec.row, noteOf(rec, field, lang), lang);
  return rowTextOf(rec.tab, rec.row, day, lang, value);
}

/** The row reference (tab as written, row as the user sees it) of a tab index position, with its day and `field`'s value. */
export function refOf(ctx: Ctx, tab: RowTab, r: number, field?: string, noted = true): RowNote {
  const rec = ctx.tabs[tab].rows[r] as InputRow;
  if (!noted) return { tab: rec.tab, tabId: tab, row: rec.row };
  const zh = noteOf(rec, field, 'zh');
  return zh === null ? { tab: rec.tab, tabId: tab, row: rec.row } : { tab: rec.tab, tabId: tab, row: rec.row, note: { zh, en: noteOf(rec, field, 'en')! } };
}

/**
 * Whether a tab's index positions follow (tab name, row) strictly — as read, one
 * sheet or file after another in name order: then sorting rows by position sorts
 * them as a merged list must, without reading the rows (checked once per run).
 */
function inRowOrder(ctx: Ctx, tab: RowTab): boolean {
  let byTab = ctx.memo.get('explain:inroworder') as Map<RowTab, boolean> | undefined;
  if (!byTab) ctx.memo.set('explain:inroworder', (byTab = new Map()));
  const hit = byTab.get(tab);
  if (hit !== undefined) return hit;
  const rows = ctx.tabs[tab].rows as unknown as RowRef[];
  let ok = true;
  for (let r = 1; r < rows.length && ok; r++) {
    const a = rows[r - 1];
    const b = rows[r];
    ok = a.tab < b.tab || (a.tab === b.tab && a.row < b.row);
  }
  byTab.set(tab, ok);
  return ok;
}

/** The field whose value says why a row counts for a rows measure (its mapped field, else its text filter's field). */
function telling(m: RowsMeasure): string | undefined {
  return m.field ?? m.where.find((f) => typeof f.value !== 'number')?.field;
}

/** A small number per (tab, noting field, noted or not): with a row's position, what its shown text depends on. */
const TEXT_KINDS = new Map<string, number>();
function textKind(src: RowSource, noted: boolean): number {
  const slot = noted ? 1 : 0;
  const kinds = (src.kinds ??= [-1, -1]);
  if (kinds[slot] < 0) {
    const k = `${src.tab}\u0000${src.field ?? ''}\u0000${slot}`;
    let id = TEXT_KINDS.get(k);
    if (id === undefined) TEXT_KINDS.set(k, (id = TEXT_KINDS.size));
    kinds[slot] = id;
  }
  return kinds[slot];
}

/**
 * The one-source list of (tab, field), made once per run: every person's list of a
 * measure shares it (a list per figure per person otherwise).
 */
function sourceOf(ctx: Ctx, tab: RowTab, field: string | undefined): readonly RowSource[] {
  let byTab = ctx.memo.get('explain:sources') as Map<RowTab, Map<string | undefined, readonly RowSource[]>> | undefined;
  if (!byTab) ctx.memo.set('explain:sources', (byTab = new Map()));
  let byField = byTab.get(tab);
  if (!byField) byTab.set(tab, (byField = new Map()));
  let s = byField.get(field);
  if (!s) byField.set(field, (s = [{ tab, field, rank: TAB_ORDER.indexOf(tab) }]));
  return s;
}

/** The entries made of a list none of whose entries was asked for as a RowNote yet: shared, replaced before the first is made. */
const NONE_MADE: RowNote[] = [];

/**
 * The texts of the rows one statement shows (by row position and textKind), so a row
 * shown on several lines is one text: a small open-addressing table emptied for each
 * person by a new generation, not a Map made and grown per person.
 */
export class ShownTexts {
  private keys = new Float64Array(256);
  private gens = new Int32Array(256);
  private texts: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);
  private gen = 1;
  private size = 0;

  /** Forget every text (the next person). */
  clear(): void {
    this.gen++;
    this.size = 0;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let h = (Math.imul(key | 0, 0x9e3779b1) ^ ((key / 4294967296) | 0)) & mask;
    while (this.gens[h] === this.gen && this.keys[h] !== key) h = (h + 1) & mask;
    return h;
  }

  get(key: number): string | undefined {
    const h = this.slot(key);
    return this.gens[h] === this.gen ? this.texts[h] : undefined;
  }

  set(key: number, text: string): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const h = this.slot(key);
    if (this.gens[h] !== this.gen) {
      this.gens[h] = this.gen;
      this.keys[h] = key;
      this.size++;
    }
    this.texts[h] = text;
  }

  private grow(): void {
    const { keys, gens, texts, gen } = this;
    const cap = keys.length * 2;
    this.keys = new Float64Array(cap);
    this.gens = new Int32Array(cap);
    this.texts = new Array<string | undefined>(cap).fill(undefined);
    this.size = 0;
    for (let h = 0; h < keys.length; h++) if (gens[h] === gen) this.set(keys[h], texts[h]!);
  }
}

/** What takes the rows a list shows (one object for a whole tab: no function made per line). */
export interface ShownSink {
  /** Row `k` of the list (0-based) as text, with its tab as written and its row number. */
  shown(text: string, tab: string, row: number, k: number): void;
}

/** Where a row list's entries come from: the tab, and the field whose value notes each row. */
interface RowSource {
  tab: RowTab;
  field: string | undefined;
  /** The tab's place in the data contract's order (TAB_ORDER): lists sort by it. */
  rank: number;
  /** textKind of an unnoted and a noted row of this source, once asked for. */
  kinds?: [number, number];
  /** What its rows' texts are made of, read from columns (see textColumns); null: from each row's record. Once asked for. */
  cols?: TextColumns | null;
}

/**
 * What a row's shown text is made of (`客户反馈 第 12 行（2026-07-15，达到）`: tab, row,
 * day, the noting field's value), as columns: a statement's rows are scattered over
 * a tab of a million rows, and reading each one's record (then its date string) was
 * two memory misses per row, most of the Statements tab's time. readDataset's row
 * facts hold each record's row number, tab and day key; the noting field's values are
 * its categorical column, when that column holds every value exactly as written.
 */
interface TextColumns {
  tab: string;
  rowNo: Int32Array;
  day: Int32Array;
  /** The noting field's code per row (−1: no value) and its values, when the field is coded; else null. */
  codes: Int32Array | null;
  values: readonly string[] | null;
  /** The noting field's number per row (NaN: no value), when the field holds numbers; else null. */
  nums: Float64Array | null;
  /**
   * Per tab position p: packed[3p] its row number, packed[3p + 1] its day key, packed[3p + 2] its
   * code, side by side so that a row scattered over the tab is one memory miss, not three. Made
   * when first needed (a rows measure's own list reads its window's copies instead, see WindowRows.text).
   */
  packed: Int32Array | null;
  /** A noted row's text after its number (` 行（2026-07-15，达到）`) by day key and code, per language: a few hundred, each made once. */
  suffixes: { zh: Map<number, string>; en: Map<number, string> };
  /** The texts' start (`客户反馈 第 `), per language. */
  prefix: { zh: string; en: string };
}

/** The columns a source's row texts are made from, or null when they must be read from the records. */
function textColumns(ctx: Ctx, tab: RowTab, field: string | undefined): TextColumns | null {
  const t = ctx.tabs[tab];
  const f = rowFacts(t.rows);
  // Dated tabs only (a row's day is its date; a month or a review period is read from the record).
  const n = t.rows.length;
  if (!f || f.day === null || f.rowNo.length !== n || f.day.length !== n) return null;
  let col: CatColumn | null = null;
  let nums: Float64Array | null = null;
  if (field !== undefined) {
    // The column the measure reading the field made (numbers, or codes), when it holds every value as written;
    // none is made for the notes alone (that would read every record, where the notes read only those shown).
    if (recordKey(t, field) !== field) return null;
    const num = t.num.get(field);
    const cat = num ? undefined : t.cat.get(field);
    if (num) {
      if (!num.exact) return null;
      nums = num.v;
    } else if (cat) {
      if (!cat.exact) return null;
      col = cat;
    } else return null;
  }
  return { tab: f.tab, rowNo: f.rowNo, day: f.day, codes: col ? col.codes : null, values: col ? col.values : null, nums, packed: null,
    suffixes: { zh: new Map(), en: new Map() }, prefix: { zh: rowTextPrefix(f.tab, 'zh'), en: rowTextPrefix(f.tab, 'en') },
  };
}

/** The source's TextColumns, asked for once per run. */
function sourceColumns(ctx: Ctx, src: RowSource): TextColumns | null {
  return src.cols === undefined ? (src.cols = textColumns(ctx, src.tab, src.field)) : src.cols;
}

/** Whether rows of `tab` noted by `field` have their texts made from columns (for tests: the other way reads records). */
export function textsFromColumns(ctx: Ctx, tab: RowTab, field: string | undefined): boolean {
  return sourceColumns(ctx, sourceOf(ctx, tab, field)[0]) !== null;
}

function packedOf(c: TextColumns): Int32Array {
  if (c.packed) return c.packed;
  const n = c.rowNo.length;
  const packed = new Int32Array(3 * n);
  const { rowNo, day, codes } = c;
  for (let p = 0, q = 0; p < n; p++, q += 3) {
    packed[q] = rowNo[p];
    packed[q + 1] = day[p];
    packed[q + 2] = codes === null ? -1 : codes[p];
  }
  return (c.packed = packed);
}

/** `2026-07-15` from its day key (y × 372 + (m − 1) × 31 + (d − 1)); a few hundred distinct days, each written once. */
const DAY_TEXTS = new Map<number, string>();
function dayText(key: number): string {
  let s = DAY_TEXTS.get(key);
  if (s === undefined) {
    const y = Math.floor(key / 372);
    const m = Math.floor((key % 372) / 31) + 1;
    const d = (key % 31) + 1;
    s = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    if (DAY_TEXTS.size < 100_000) DAY_TEXTS.set(key, s);
  }
  return s;
}

/** The text after a noted row's number, for a row with day key `day` and the noting field's code `code` (noteOf's note), in `lang`. */
function columnSuffix(c: TextColumns, field: string | undefined, day: number, code: number, lang: Lang): string {
  const key = suffixKey(day, code + 1);
  const cacheable = key >= 0;
  const cache = c.suffixes[lang];
  let suffix = cacheable ? cache.get(key) : undefined;
  if (suffix === undefined) {
    const value = code < 0 ? null : labelOf(field!, c.values![code])[lang];
    suffix = rowTextSuffix(value === null || value === '' ? dayText(day) : dayText(day) + (lang === 'zh' ? '，' : ', ') + value, lang);
    if (cacheable && cache.size < 100_000) cache.set(key, suffix);
  }
  return suffix;
}

/**
 * A small-integer key for a day key and `n` (a code + 1, or a number + 1) below 4,096, for
 * days from the year 2000 on: −1 outside (not cached). A small integer, not a double, so
 * that looking it up makes nothing.
 */
function suffixKey(day: number, n: number): number {
  const d = day - 2000 * 372;
  return n >= 0 && n < 4096 && d >= 0 && d < 1 << 18 ? d * 4096 + n : -1;
}

/** columnSuffix for a field holding numbers: the row's number `v` (NaN: none), as String writes it. */
function numberSuffix(c: TextColumns, day: number, v: number, lang: Lang): string {
  const key = v !== v ? suffixKey(day, 0) : Number.isInteger(v) && v >= 0 ? suffixKey(day, v + 1) : -1;
  const cacheable = key >= 0;
  const cache = c.suffixes[lang];
  let suffix = cacheable ? cache.get(key) : undefined;
  if (suffix === undefined) {
    suffix = rowTextSuffix(v !== v ? dayText(day) : dayText(day) + (lang === 'zh' ? '，' : ', ') + String(v), lang);
    if (cacheable && cache.size < 100_000) cache.set(key, suffix);
  }
  return suffix;
}

/**
 * The input rows behind a figure, kept as tab index positions (numbers), not
 * as one object per row: at size L a statement has hundreds of rows per person and
 * every statement is built on every Compute, while a statement shows only the
 * first ten of a line. `texts`/`eachShown` write the first n rows in one language
 * straight from the input rows; `head(n)` makes RowNotes for the first n entries
 * (kept once made); `all()` for every entry, for the few that print every row
 * (`explain --json`, `--json` near_misses, checks). Iterating a list goes over `all()`.
 *
 * Each entry remembers whether its row is noted (day and value written out) as
 * RowNotes always did: the first ten rows of each rows measure, or every row.
 */
export class RowList implements Iterable<RowNote> {
  /** No rows. */
  static readonly EMPTY: RowList = new RowList(null, [], [], null, 0, []);

  /** Entries made so far (a prefix of the list; every entry for a list given as RowNotes). */
  private made: RowNote[];

  readonly length: number;

  /** Makes the whole list again once it was cut to its first rows (see `trim`); null while whole. */
  private rebuild: (() => RowList) | null = null;

  /** A rows measure's list whose texts its window's entries (WindowRows, from `off` on) hold in order; else null. */
  private win: WindowRows | null = null;
  /** A merge of such lists: each entry's window entry (`ents[k]` in `wins[source]`), read for its text; else null. */
  private wins: readonly WindowRows[] | null = null;
  private ents: number[] | null = null;

  private constructor(
    private readonly ctx: Ctx | null,
    private sources: readonly RowSource[],
    /** Tab index position of each entry (only the first ones once trimmed). */
    private pos: ArrayLike<number>,
    /** Each entry's source index × 2 + 1 when noted; null: every entry from source 0, the first `noted` noted. */
    private how: readonly number[] | null,
    private noted: number,
    given: RowNote[],
    /** A chain: these lists one after another (see `chain`); null otherwise. */
    private readonly parts: readonly RowList[] | null = null,
    /** Entry k's position is pos[(off + k) × stride] (a rows measure's list reads its window's entries in place, see ofWindow). */
    private off = 0,
    len = -1,
    private stride = 1,
  ) {
    this.made = given;
    this.length = parts ? parts.reduce((a, l) => a + l.length, 0) : !ctx ? given.length : len >= 0 ? len : pos.length;
  }

  /** The tab index position of entry `k`. */
  private posAt(k: number): number {
    return this.pos[(this.off + k) * this.stride];
  }

  /**
   * The lists one after another, as they are, without copying them (a statement's
   * score and points lines: every row of every component, of which ten are shown).
   */
  static chain(lists: RowList[]): RowList {
    const parts = lists.filter((l) => l.length > 0);
    if (parts.length === 0) return RowList.EMPTY;
    if (parts.length === 1) return parts[0];
    return new RowList(null, [], [], null, 0, [], parts);
  }

  /**
   * Keep only the first `keep` positions, the rest made again by `rebuild` when
   * asked for: a run keeps every person's statement (and near misses) while only
   * the first ten rows of a line are shown, so the rest need not stay in memory.
   */
  trim(keep: number, rebuild: () => RowList): void {
    if (!this.trimmable(keep)) return;
    this.pos = Array.prototype.slice.call(this.pos, 0, keep) as number[];
    if (this.how) this.how = this.how.slice(0, keep);
    if (this.ents) this.ents = this.ents.slice(0, keep);
    this.rebuild = rebuild;
  }

  /** Whether `trim(keep, …)` would cut this list (asked first, so that no rebuild function is made for the lists it would not). */
  trimmable(keep: number): boolean {
    // Positions in the run's window rows (a rows measure's list) hold no memory of their own: the run
    // keeps those rows anyway, and copying the first ten is what would cost.
    return !!this.ctx && !this.rebuild && this.length > keep && this.made.length <= keep && !ArrayBuffer.isView(this.pos);
  }

  /** Make sure the first `n` positions are at hand (the whole list again after a trim). */
  private ensure(n: number): void {
    if (!this.rebuild || n <= this.pos.length) return;
    const whole = this.rebuild();
    if (whole.length !== this.length) throw new Error('row list rebuilt with another length');
    this.sources = whole.sources;
    this.pos = whole.pos;
    this.off = whole.off;
    this.stride = whole.stride;
    this.wins = whole.wins;
    this.ents = whole.ents;
    this.how = whole.how;
    this.noted = whole.noted;
    this.rebuild = null;
  }

  /** A list of row references made elsewhere (Staff, Attendance records), as they are. */
  static of(notes: RowNote[]): RowList {
    return notes.length === 0 ? RowList.EMPTY : new RowList(null, [], [], null, 0, notes);
  }

  /** Rows of `tab` at tab index positions `positions` (kept, not copied), in that order; the first NOTED_ROWS noted (all when `notedAll`). */
  static at(ctx: Ctx, tab: RowTab, positions: ArrayLike<number>, field: string | undefined, notedAll = false): RowList {
    const n = positions.length;
    if (n === 0) return RowList.EMPTY;
    return new RowList(ctx, sourceOf(ctx, tab, field), positions, null, notedAll ? n : Math.min(n, NOTED_ROWS), NONE_MADE);
  }

  /** Person `i`'s rows of rows measure `m` in its window's entries `wr` (read in place: one list per figure per person, no copy or view made). */
  static ofWindow(ctx: Ctx, m: RowsMeasure, wr: WindowRows, i: number): RowList {
    const a = wr.start[i];
    const n = wr.start[i + 1] - a;
    if (n === 0) return RowList.EMPTY;
    const list = new RowList(ctx, sourceOf(ctx, m.tab, telling(m)), wr.e, null, Math.min(n, NOTED_ROWS), NONE_MADE, null, a, n, ENTRY);
    if (wr.texts) list.win = wr;
    return list;
  }

  /** Source index × 2 + 1 when noted, of entry `k`. */
  private howAt(k: number): number {
    return this.how ? this.how[k] : k < this.noted ? 1 : 0;
  }

  /** The lists one after another, as they are (a statement's score and points lines). */
  static concat(ctx: Ctx, lists: RowList[]): RowList {
    const parts = lists.filter((l) => l.length > 0);
    for (const l of parts) l.ensure(l.length);
    if (parts.length === 0) return RowList.EMPTY;
    if (parts.length === 1) return parts[0];
    if (parts.some((l) => !l.ctx)) return RowList.of(parts.flatMap((l) => l.all()));
    const sources: RowSource[] = [];
    const pos: number[] = [];
    const how: number[] = [];
    for (const l of parts) {
      const shift = sources.length * 2;
      sources.push(...l.sources);
      for (let k = 0; k < l.length; k++) {
        pos.push(l.posAt(k));
        how.push(l.howAt(k) + shift);
      }
    }
    return new RowList(ctx, sources, pos, how, 0, NONE_MADE);
  }

  /**
   * The lists merged (combined and per-window measures): each row once (its first
   * entry in list order kept), sorted by input tab in the data contract's order,
   * then tab name, then row — the same order whatever the tabs are called.
   */
  static merged(ctx: Ctx, lists: RowList[]): RowList {
    // Parts whose rows already follow one another in the merged order, each once (a combined figure's parts
    // from Feedback then Incidents): the merge is the parts one after another, as they are.
    const leaves: RowList[] = [];
    for (const l of lists) l.leavesInto(leaves);
    if (leaves.length > 1 && RowList.inMergedOrder(ctx, leaves)) return RowList.chain(leaves);
    if (leaves.length > 1) {
      const byMerge = RowList.mergeInOrder(ctx, leaves);
      if (byMerge) return byMerge;
    }
    const all = RowList.concat(ctx, leaves);
    if (all.length === 0) return RowList.EMPTY;
    // One rows measure's list whose tab is in (tab name, row) order is already merged: each row once, in that order.
    if (all.ctx && !all.how && !all.parts && all.sources.length === 1 && inRowOrder(ctx, all.sources[0].tab)) return all;
    if (!all.ctx) return RowList.of(sortNotes(all.all()));
    const sources = all.sources;
    const n = all.length;
    const pos: number[] = [];
    for (let k = 0; k < n; k++) pos.push(all.posAt(k));
    // One number per entry orders it: (tab rank, tab name) as a group, then the row.
    const keys: number[] = [];
    if (sources.every((x) => inRowOrder(ctx, x.tab))) {
      // Tab index order is (tab name, row) order: the position stands for both.
      for (let k = 0; k < n; k++) keys.push((sources[all.howAt(k) >> 1].rank + 1) * 2 ** 32 + pos[k]);
    } else {
      const recOf = (k: number) => ctx.tabs[sources[all.howAt(k) >> 1].tab].rows[pos[k]] as unknown as RowRef;
      const names = [...new Set(Array.from({ length: n }, (_, k) => recOf(k).tab))].sort();
      const nameOrd = new Map(names.map((x, j) => [x, j]));
      for (let k = 0; k < n; k++) {
        const rec = recOf(k);
        const group = (sources[all.howAt(k) >> 1].rank + 1) * names.length + nameOrd.get(rec.tab)!;
        keys.push(group * 2 ** 32 + rec.row);
      }
    }
    const order: number[] = [];
    for (let k = 0; k < n; k++) order.push(k);
    // Equal rows end up side by side, the first entry first. Parts from tabs in the contract's order
    // (Feedback, then Incidents) are often in order already: then the sort would change nothing.
    let ascending = true;
    for (let k = 1; k < n && ascending; k++) ascending = keys[k - 1] <= keys[k];
    if (!ascending) order.sort((a, b) => keys[a] - keys[b] || a - b);
    let m = 0;
    for (let j = 0; j < n; j++) if (j === 0 || keys[order[j]] !== keys[order[j - 1]]) order[m++] = order[j];
    const outPos: number[] = [];
    const outHow: number[] = [];
    for (let j = 0; j < m; j++) {
      outPos.push(pos[order[j]]);
      outHow.push(all.howAt(order[j]));
    }
    return new RowList(ctx, sources, outPos, outHow, 0, NONE_MADE);
  }

  /**
   * `merged` for lists each of one source whose tab index follows (tab name, row), each
   * strictly ascending (a rows measure's list: a person's rows in tab order): one pass
   * taking the least next row of any list — the first list's on a tie, the others' equal
   * rows dropped — as the sort would order and dedupe them (a figure over two windows, a
   * quarter's and the previous one's, at ~100 rows each per person). Null when a list is
   * not such a list.
   */
  private static mergeInOrder(ctx: Ctx, leaves: RowList[]): RowList | null {
    const k = leaves.length;
    const keys: number[] = [];
    for (const l of leaves) {
      if (!l.ctx || l.how !== null || l.parts || !inRowOrder(ctx, l.sources[0].tab)) return null;
      l.ensure(l.length);
      // A rows measure's list read in place is ascending by construction; others are checked.
      if (l.stride !== ENTRY) for (let j = 1; j < l.length; j++) if (l.posAt(j - 1) >= l.posAt(j)) return null;
      keys.push(l.sources[0].rank + 1);
    }
    const outPos: number[] = [];
    const outHow: number[] = [];
    // Lists read in place from their windows: each entry keeps where it is there, for its text.
    const wins = leaves.every((l) => l.win !== null) ? leaves.map((l) => l.win!) : null;
    const ents: number[] | null = wins ? [] : null;
    const sources: RowSource[] = [];
    for (const l of leaves) sources.push(l.sources[0]);
    if (k === 2 && leaves[0].stride === ENTRY && leaves[1].stride === ENTRY) {
      // Two rows measures' lists read in place (a figure over this and the previous period): merged reading
      // their entries directly.
      const [a, b] = leaves;
      const ea = a.pos as Int32Array;
      const eb = b.pos as Int32Array;
      const ka = keys[0] * 2 ** 32;
      const kb = keys[1] * 2 ** 32;
      let i = a.off;
      let j = b.off;
      const ie = a.off + a.length;
      const je = b.off + b.length;
      while (i < ie || j < je) {
        const pa = i < ie ? ka + ea[ENTRY * i] : Infinity;
        const pb = j < je ? kb + eb[ENTRY * j] : Infinity;
        if (pa <= pb) {
          outPos.push(ea[ENTRY * i]);
          outHow.push(i - a.off < a.noted ? 1 : 0);
          if (ents !== null) ents.push(i);
          // The same row in the second list is dropped.
          if (pa === pb) j++;
          i++;
        } else {
          outPos.push(eb[ENTRY * j]);
          outHow.push(2 + (j - b.off < b.noted ? 1 : 0));
          if (ents !== null) ents.push(j);
          j++;
        }
      }
      const two = new RowList(ctx, sources, outPos, outHow, 0, NONE_MADE);
      two.wins = wins;
      two.ents = ents;
      return two;
    }
    const at = new Array<number>(k).fill(0);
    for (;;) {
      let best = -1;
      let bestKey = 0;
      for (let j = 0; j < k; j++) {
        const l = leaves[j];
        if (at[j] >= l.length) continue;
        const key = keys[j] * 2 ** 32 + l.posAt(at[j]);
        if (best < 0 || key < bestKey) {
          best = j;
          bestKey = key;
        }
      }
      if (best < 0) break;
      const l = leaves[best];
      outPos.push(l.posAt(at[best]));
      outHow.push(best * 2 + (at[best] < l.noted ? 1 : 0));
      if (ents !== null) ents.push(l.off + at[best]);
      // The same row in the other lists (later in list order) is dropped.
      for (let j = 0; j < k; j++) if (at[j] < leaves[j].length && keys[j] * 2 ** 32 + leaves[j].posAt(at[j]) === bestKey) at[j]++;
    }
    const out = new RowList(ctx, sources, outPos, outHow, 0, NONE_MADE);
    out.wins = wins;
    out.ents = ents;
    return out;
  }

  /** The lists a chain is made of, down to lists of rows (this list when it is one). */
  private leavesInto(out: RowList[]): void {
    if (this.parts) for (const p of this.parts) p.leavesInto(out);
    else if (this.length > 0) out.push(this);
  }

  /**
   * Whether the lists' entries, one list after another, are strictly in merged order
   * (tab in the contract's order, tab name, row): then no row is twice and merging
   * changes nothing. Only for lists of tabs whose index follows (tab name, row).
   */
  private static inMergedOrder(ctx: Ctx, lists: RowList[]): boolean {
    let last = -1;
    for (const l of lists) {
      if (!l.ctx) return false;
      l.ensure(l.length);
      for (const s of l.sources) if (!inRowOrder(ctx, s.tab)) return false;
      if (l.stride === ENTRY) {
        // A rows measure's list read in place: one source, strictly ascending by construction (a person's
        // rows in tab order); only its ends need comparing.
        const rank = (l.sources[0].rank + 1) * 2 ** 32;
        if (rank + l.posAt(0) <= last) return false;
        last = rank + l.posAt(l.length - 1);
        continue;
      }
      for (let k = 0; k < l.length; k++) {
        const key = (l.sources[l.howAt(k) >> 1].rank + 1) * 2 ** 32 + l.posAt(k);
        if (key <= last) return false;
        last = key;
      }
    }
    return true;
  }

  /** The entry at `k` as a RowNote. */
  private make(k: number): RowNote {
    const h = this.howAt(k);
    const src = this.sources[h >> 1];
    return refOf(this.ctx!, src.tab, this.posAt(k), src.field, (h & 1) === 1);
  }

  /** The first `n` rows (fewer when the list is shorter). */
  head(n: number): RowNote[] {
    const want = Math.min(n, this.length);
    if (this.parts) {
      const out: RowNote[] = [];
      for (const p of this.parts) {
        if (out.length >= want) break;
        out.push(...p.head(want - out.length));
      }
      return out;
    }
    this.ensure(want);
    if (this.made === NONE_MADE) this.made = [];
    while (this.made.length < want) this.made.push(this.make(this.made.length));
    return this.made.slice(0, want);
  }

  /**
   * The first `n` rows as `rowText` writes them in `lang` (`客户反馈 第 12 行（2026-07-15，达到）`),
   * each with its tab as written and row: made from the input rows, no RowNote kept
   * (the Statements tab writes ten rows of every line of every person).
   */
  eachShown(n: number, lang: Lang, sink: ShownSink, shown?: ShownTexts, at = 0): void {
    const want = Math.min(n, this.length);
    if (this.parts) {
      let done = 0;
      for (const p of this.parts) {
        if (done >= want) break;
        const take = Math.min(want - done, p.length);
        p.eachShown(take, lang, sink, shown, at + done);
        done += take;
      }
      return;
    }
    this.ensure(want);
    if (this.win !== null && this.how === null && this.made.length === 0) {
      this.eachShownOfWindow(want, lang, sink, shown, at);
      return;
    }
    for (let k = 0; k < want; k++) {
      if (k < this.made.length) {
        const r = this.made[k];
        sink.shown(rowText(r, lang), r.tab, r.row, at + k);
        continue;
      }
      const h = this.howAt(k);
      const src = this.sources[h >> 1];
      const p = this.posAt(k);
      const cols = sourceColumns(this.ctx!, src);
      // A row shown on several lines of one statement (its figure, a requirement on it, a penalty) is one text.
      const kind = shown ? textKind(src, (h & 1) === 1) : -1;
      const key = kind >= 0 && kind < 1024 ? p * 1024 + kind : -1;
      let text = key >= 0 ? shown!.get(key) : undefined;
      if (cols !== null) {
        // From the window's copies (in order) for a rows measure's list, else from the packed columns.
        let row: number, day: number, code: number, v: number;
        if (this.win !== null) {
          const e = this.off + k;
          row = this.win.e[ENTRY * e + E_ROW];
          code = noteCodeAt(this.win, e);
          v = this.win.noteNums === null ? NaN : this.win.noteNums[e];
          day = this.win.e[ENTRY * e + E_FROM];
        } else if (this.ents !== null) {
          const wr = this.wins![h >> 1];
          const e = this.ents[k];
          row = wr.e[ENTRY * e + E_ROW];
          code = noteCodeAt(wr, e);
          v = wr.noteNums === null ? NaN : wr.noteNums[e];
          day = wr.e[ENTRY * e + E_FROM];
        } else {
          const packed = packedOf(cols);
          row = packed[3 * p];
          day = packed[3 * p + 1];
          code = packed[3 * p + 2];
          v = cols.nums === null ? NaN : cols.nums[p];
        }
        if (text === undefined) {
          const suffix = (h & 1) === 0 ? rowTextSuffix(null, lang) : cols.nums !== null ? numberSuffix(cols, day, v, lang) : columnSuffix(cols, src.field, day, code, lang);
          text = joinRowText(cols.prefix[lang], row, suffix);
          if (key >= 0) shown!.set(key, text);
        }
        sink.shown(text, cols.tab, row, at + k);
        continue;
      }
      const rec = this.ctx!.tabs[src.tab].rows[p] as InputRow;
      if (text === undefined) {
        text = (h & 1) === 1 ? notedRowText(rec, src.field, lang) : rowTextOf(rec.tab, rec.row, null, lang);
        if (key >= 0) shown!.set(key, text);
      }
      sink.shown(text, rec.tab, rec.row, at + k);
    }
  }

  /**
   * eachShown for a rows measure's list read in place (one source, texts from its window's
   * copies): what is the same for every row (source, columns, text kinds, prefix) found once.
   */
  private eachShownOfWindow(want: number, lang: Lang, sink: ShownSink, shown: ShownTexts | undefined, at: number): void {
    const src = this.sources[0];
    const cols = sourceColumns(this.ctx!, src)!;
    const wr = this.win!;
    const ent = wr.e;
    const nums = wr.noteNums;
    const kindNoted = shown ? textKind(src, true) : -1;
    const kindPlain = shown ? textKind(src, false) : -1;
    const prefix = cols.prefix[lang];
    const plain = rowTextSuffix(null, lang);
    for (let k = 0; k < want; k++) {
      const e = this.off + k;
      const noted = k < this.noted;
      const kind = noted ? kindNoted : kindPlain;
      const q = ENTRY * e;
      const key = kind >= 0 && kind < 1024 ? ent[q + E_POS] * 1024 + kind : -1;
      let text = key >= 0 ? shown!.get(key) : undefined;
      if (text === undefined) {
        const suffix = !noted ? plain : nums !== null ? numberSuffix(cols, ent[q + E_FROM], nums[e], lang) : columnSuffix(cols, src.field, ent[q + E_FROM], noteCodeAt(wr, e), lang);
        text = joinRowText(prefix, ent[q + E_ROW], suffix);
        if (key >= 0) shown!.set(key, text);
      }
      sink.shown(text, cols.tab, ent[q + E_ROW], at + k);
    }
  }

  /** The first `n` rows as `rowText` writes them in `lang`. */
  texts(n: number, lang: Lang): string[] {
    const out: string[] = [];
    this.eachShown(n, lang, { shown: (text) => out.push(text) });
    return out;
  }

  /**
   * Every row as `--json` names it (canonical tab name, row), without making the
   * row notes `all()` makes: the result's near misses list every row behind each.
   */
  jsonRefs(): { tab: string; row: number }[] {
    if (this.parts) return this.parts.flatMap((p) => p.jsonRefs());
    if (!this.ctx || this.made.length === this.length) return this.all().map((r) => ({ tab: canonicalTab(r), row: r.row }));
    this.ensure(this.length);
    const out: { tab: string; row: number }[] = [];
    for (let k = 0; k < this.length; k++) {
      const src = this.sources[this.howAt(k) >> 1];
      out.push({ tab: TAB_SPECS[src.tab].en, row: (this.ctx.tabs[src.tab].rows[this.posAt(k)] as InputRow).row });
    }
    return out;
  }

  /** Every row (made once, then kept). */
  all(): RowNote[] {
    if (this.parts) {
      if (this.made.length !== this.length) this.made = this.parts.flatMap((p) => p.all());
      return this.made;
    }
    this.ensure(this.length);
    if (this.made === NONE_MADE) this.made = [];
    while (this.made.length < this.length) this.made.push(this.make(this.made.length));
    return this.made;
  }

  [Symbol.iterator](): Iterator<RowNote> {
    return this.all()[Symbol.iterator]();
  }
}

/** RowNotes each once (first kept), by input tab in the data contract's order, then tab name, then row. */
function sortNotes(list: RowNote[]): RowNote[] {
  const seen = new Set<string>();
  const out: RowNote[] = [];
  for (const x of list) {
    const k = `${x.tab}\u0000${x.row}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  const rank = (x: RowNote) => (x.tabId ? TAB_ORDER.indexOf(x.tabId) : TAB_ORDER.length);
  return out.sort((a, b) => rank(a) - rank(b) || (a.tab < b.tab ? -1 : a.tab > b.tab ? 1 : a.row - b.row));
}

/**
 * The rows lists of the person being explained, by measure and window: a statement
 * asks for the same figure's rows several times (its figure line, a gate on it, the
 * score line), and a list never changes once made. Kept in the run's memo for one
 * person at a time.
 */
interface PersonLists {
  /** The person whose lists `lists` holds. */
  i: number;
  /** A slot per (measure, window) asked for in the run: by measure id, then window id. */
  slots: Map<string, Map<string, number>>;
  /** Each slot's measure and window. */
  asked: { id: string; w: Period }[];
  /** Each slot's list for person `i`, when made (`made` lists the slots filled). */
  lists: (RowList | undefined)[];
  made: number[];
}

/** rowsBelow(ctx, id, w, i, depth), made once per person: nothing is allocated to look a list up. */
function remembered(ctx: Ctx, id: string, w: Period, i: number, depth: number): RowList {
  let c = ctx.memo.get('explain:rows:person') as PersonLists | undefined;
  if (!c) ctx.memo.set('explain:rows:person', (c = { i, slots: new Map(), asked: [], lists: [], made: [] }));
  if (c.i !== i) {
    // The previous person's lists are kept by their statement and near misses: cut them to what is shown.
    const prev = c.i;
    for (const s of c.made) {
      const list = c.lists[s]!;
      if (list.trimmable(NOTED_ROWS)) {
        const { id: sid, w: sw } = c.asked[s];
        list.trim(NOTED_ROWS, () => rowsBelow(ctx, sid, sw, prev, 0));
      }
      c.lists[s] = undefined;
    }
    c.made.length = 0;
    c.i = i;
  }
  let byWindow = c.slots.get(id);
  if (!byWindow) c.slots.set(id, (byWindow = new Map()));
  let slot = byWindow.get(w.id);
  if (slot === undefined) {
    byWindow.set(w.id, (slot = c.asked.length));
    c.asked.push({ id, w });
  }
  let list = c.lists[slot];
  if (list === undefined) {
    list = rowsBelow(ctx, id, w, i, depth);
    c.lists[slot] = list;
    c.made.push(slot);
  }
  return list;
}

/** Every input row behind measure `id` for person `i` in window `w` (combined and per-window measures followed down). */
export function rowsBehind(ctx: Ctx, id: string, w: Period, i: number): RowList {
  return remembered(ctx, id, w, i, 0);
}

function rowsBelow(ctx: Ctx, id: string, w: Period, i: number, depth: number): RowList {
  const m = ctx.measures.get(id);
  if (!m || depth > 8) return RowList.EMPTY;
  switch (m.kind) {
    case 'rows': return m.of === 'department' ? RowList.EMPTY : RowList.ofWindow(ctx, m, windowRows(ctx, m, m.offset ? shiftPeriod(w, m.offset) : w), i);
    // A part's list is the one its own figure line shows (made once per person).
    case 'combine': return RowList.merged(ctx, m.of.map((p) => remembered(ctx, p, w, i, depth + 1)));
    case 'over': return RowList.merged(ctx, subPeriods(w, m.each).map((s) => remembered(ctx, m.measure, s, i, depth + 1)));
    default: return RowList.EMPTY;
  }
}

/** One term of a breakdown: `label value × each` or a part's figure. */
export interface Term {
  label: Bi;
  /** How many rows (a value-map or count term), or null for a part's figure. */
  count: number | null;
  /** What each row is worth (value-map terms). */
  each: number | null;
  /** The term's contribution to the figure. */
  value: number;
  /** A plain row count (`5 行` / `5 rows`). */
  rowCount?: boolean;
}

/**
 * How a figure is made: `sum` (the terms add up to it, then × scale), `mean`
 * (the terms' sum ÷ `count`), `difference` / `ratio` of the two terms, or `other`
 * (min, max, distinct, scores: the figure is shown with its rows only).
 */
export interface Breakdown {
  measure: string;
  label: Bi;
  value: number;
  op: 'sum' | 'mean' | 'difference' | 'ratio' | 'other';
  terms: Term[];
  /** Rows aggregated (mean: the divisor). */
  count: number;
  scale: number;
  rows: RowList;
}

const roundQ = (v: number): number => Math.round(v * 1e6) / 1e6;

function rowsBreakdown(ctx: Ctx, m: RowsMeasure, w: Period, i: number, value: number): Breakdown {
  // The list a gate or a combined figure on this measure shows too (made once per person).
  const rows = rowsBehind(ctx, m.id, w, i);
  if (m.of === 'department') return rowsBreakdownOf(m, value, rows, 'other', []);
  if (m.agg === 'count') return rowsBreakdownOf(m, value, rows, 'sum', [{ label: ROWS_LABEL, count: rows.length, each: 1, value: rows.length, rowCount: true }]);
  if (m.agg === 'sum' || m.agg === 'mean') {
    // The person's rows, values and value-map codes, side by side in the window's lists.
    const wr = windowRows(ctx, m, m.offset ? shiftPeriod(w, m.offset) : w);
    // With a value map, the codes are the mapped column's (the table reads it): terms by coded value.
    const codes = m.map && wr.coded ? wr.e : null;
    const col = codes ? catColumn(ctx.tabs[m.tab], m.field!) : null;
    // A few groups at most (the value map's codes, or the distinct numbers): a list beats a Map per figure.
    const keys: number[] = [];
    const groups: Term[] = [];
    let index: Map<number, number> | null = null;
    for (let k = wr.start[i]; k < wr.start[i + 1]; k++) {
      const v = valueAt(wr, k);
      const code = codes ? codes[ENTRY * k + E_CODE] : -1;
      const key = codes ? code : v;
      let j = index ? (index.get(key) ?? -1) : keys.indexOf(key);
      if (j < 0) {
        const label: Bi = col ? labelOf(m.field!, code < 0 ? '' : col.values[code]) : { zh: String(v), en: String(v) };
        j = keys.push(key) - 1;
        groups.push({ label, count: 0, each: v, value: 0 });
        // Many distinct numbers (amounts): a Map from here on.
        if (index) index.set(key, j);
        else if (keys.length > 16) index = new Map(keys.map((x, y) => [x, y]));
      }
      const g = groups[j];
      g.count! += 1;
      g.value = roundQ(g.value + v);
    }
    // Highest value each first, then by label: a few groups, sorted in place (Array#sort makes a work copy per call, per figure per person).
    for (let x = 1; x < groups.length; x++) {
      const g = groups[x];
      let y = x - 1;
      while (y >= 0 && termBefore(g, groups[y])) {
        groups[y + 1] = groups[y];
        y--;
      }
      groups[y + 1] = g;
    }
    const terms = groups;
    return rowsBreakdownOf(m, value, rows, m.agg === 'sum' ? 'sum' : 'mean', terms);
  }
  return rowsBreakdownOf(m, value, rows, 'other', []);
}

const ROWS_LABEL: Bi = { zh: '行', en: 'rows' };

/** Whether term `a` goes before `b`: higher value each, then label (English) in code-unit order (as the comparator `b.each - a.each || (a.label.en < b.label.en ? -1 : 1)` orders them). */
function termBefore(a: Term, b: Term): boolean {
  return a.each! !== b.each! ? a.each! > b.each! : a.label.en < b.label.en;
}

/** A rows measure's breakdown: one object per figure (every figure of every person is broken down on each Compute). */
function rowsBreakdownOf(m: RowsMeasure, value: number, rows: RowList, op: Breakdown['op'], terms: Term[]): Breakdown {
  return { measure: m.id, label: m.label, value, count: rows.length, scale: m.scale, rows, op, terms };
}

/** The breakdown of measure `id` for person `i` in window `w`. */
export function breakdownOf(ctx: Ctx, id: string, w: Period, i: number): Breakdown {
  const m = ctx.measures.get(id) as Measure | undefined;
  const value = evalMeasure(ctx, id, w)[i];
  if (!m) return { measure: id, label: { zh: id, en: id }, value, op: 'other', terms: [], count: 0, scale: 1, rows: RowList.EMPTY };
  if (m.kind === 'rows') return rowsBreakdown(ctx, m, w, i, value);
  const rows = rowsBehind(ctx, id, w, i);
  // Made field by field (not spread from a shared base): one per figure per person.
  const of = (op: Breakdown['op'], terms: Term[]): Breakdown => ({ measure: m.id, label: m.label, value, op, terms, count: 0, scale: 1, rows });
  if (m.kind === 'combine' && (m.op === 'sum' || m.op === 'difference' || m.op === 'ratio')) {
    const terms: Term[] = [];
    for (const p of m.of) {
      const v = evalMeasure(ctx, p, w)[i];
      if (m.op === 'sum' && Number.isNaN(v)) continue;
      terms.push({ label: ctx.measures.get(p)?.label ?? { zh: p, en: p }, count: null, each: null, value: v });
    }
    return of(m.op, terms);
  }
  if (m.kind === 'over' && m.agg === 'sum') {
    const terms: Term[] = [];
    for (const s of subPeriods(w, m.each)) {
      const v = evalMeasure(ctx, m.measure, s)[i];
      if (!Number.isNaN(v)) terms.push({ label: { zh: s.id, en: s.id }, count: null, each: null, value: v });
    }
    return of('sum', terms);
  }
  return of('other', []);
}

/** The period a condition's failing window id names (falls back to `w`). */
export function windowById(id: string | undefined, w: Period): Period {
  if (!id || id === w.id) return w;
  return parsePeriod(id) ?? w;
}
