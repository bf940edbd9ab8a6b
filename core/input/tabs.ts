/**
 * Input tabs (SPEC §1, §6): recognising tabs and headers by their English/Chinese
 * aliases (core/input/aliases.ts), coercing cells (core/input/cells.ts), and producing the
 * normalised Dataset with located diagnostics.
 *
 * Reading rules (tested in test/core/input/tabs.test.ts and catalogue.test.ts):
 * - Row 1 is the header row, always. A title row above the header stops the run
 *   with `header_not_first_row` naming the row where the header was found.
 * - Staff is required (`missing_tab`); a missing required column stops the run
 *   (`missing_column`, naming the tab as written and the column). Extra columns are ignored.
 * - A header that names a column already mapped is `duplicate_header` (warning); the
 *   first one wins. A second tab of the same kind is `duplicate_tab`; the first wins.
 * - Blank rows (every recognised cell blank) are skipped silently, so gaps from merged
 *   cells cost nothing; a merged cell that leaves a *required* cell blank is `missing_value`.
 * - A row with any problem is left out and each problem reported (error) with the tab
 *   as written, the row as the user sees it (header = 1), the header as written, the value.
 * - Staff ids match by core/ids `staffKey` (spaces, full-width, case ignored). A later
 *   duplicate id is left out. Rows of people whose Staff row was left out are left out
 *   too, summarised once per person (`staff_left_out`) instead of one error per row.
 * - At most 1,000 diagnostics per code per tab; the rest become one `too_many`.
 * - Per tab: Feedback needs one of score/rating/likes per row; Cases needs text or
 *   length (a given text wins: length = its characters without white space); a blank
 *   Attendance count is 0 (a blank scheduled_days stays unknown); Reviews need period,
 *   staff_id, source and score (max defaults to 100; scores become 0–100); unknown
 *   incident types and review sources are kept as written, one `info` per distinct value;
 *   a manager id that is unknown or the person themself is a warning (no manager).
 *
 * Speed: headers are resolved once per tab, then a tight loop of typed getters with
 * small caches for repeated dates, ids and coded values — no zod per row (core/input/schemas.ts).
 */
import { addMonths } from '../periods';
import { staffKey } from '../ids';
import { cellText, diag } from '../diagnostics';
import {
  TAB_ORDER, TAB_SPECS, columnOf, dimensionOf, incidentTypeOf, reviewSourceOf, tabIdOf,
  type ColumnSpec, type ColumnType, type TabSpec,
} from './aliases';
import {
  charCount, isBlank, isProblem, slashKind, toBoolean, toDay, toFen, toInteger, toLevel, toNumber,
  toPeriod, toMonth, toRating, toText, toAppealStatus, type CellCode, type Problem, type SlashOrder,
} from './cells';
import { MESSAGES, cellMessage, type Message } from './messages';
import { FeedbackRow, IncidentRow } from './records';
import type {
  AppealRecord, AppealStatus, AttendanceRecord, CaseRecord, InvestigationRecord, Cell, Dataset, Day, Diagnostic, FeedbackRecord, IncidentRecord, Level,
  NominationRecord, QuotaRecord, RawTab, Rating, RedemptionRecord, ReviewRecord, Severity, StaffRecord, TabId,
} from '../types';

export interface ReadOptions {
  /** Months of probation when regular_date is blank (default 3). */
  probationMonths?: number;
  /** Scale of Feedback.score (default 1–5, the scheme may say otherwise). */
  feedbackScale?: { min: number; max: number };
}

export interface ReadResult {
  dataset: Dataset;
  diagnostics: Diagnostic[];
  /** A missing required tab or column: the run cannot start. */
  fatal: Diagnostic | null;
}

/** Most diagnostics of one code listed for one tab; the rest are counted in one `too_many`. */
export const DIAGNOSTIC_LIMIT = 1000;

/** The input tab a tab name stands for, or null (output tabs, unrelated tabs). */
export function recognizeTab(name: string): TabId | null {
  return tabIdOf(name);
}

// ---- Diagnostics with a cap per tab and code ----

class Sink {
  readonly list: Diagnostic[] = [];
  private readonly counts = new Map<string, { tab: string; code: string; severity: Severity; n: number }>();

  /** Count one more problem; true when it should still be listed. */
  want(tab: string, code: string, severity: Severity): boolean {
    const key = `${tab}\u0000${code}`;
    let c = this.counts.get(key);
    if (!c) {
      c = { tab, code, severity, n: 0 };
      this.counts.set(key, c);
    }
    c.n++;
    return c.n <= DIAGNOSTIC_LIMIT;
  }

  add(d: Diagnostic): void {
    if (this.want(d.tab, d.code, d.severity)) this.list.push(d);
  }

  finish(): Diagnostic[] {
    for (const c of this.counts.values()) {
      if (c.n <= DIAGNOSTIC_LIMIT) continue;
      const extra = c.n - DIAGNOSTIC_LIMIT;
      this.list.push(diag({ severity: c.severity, code: 'too_many', tab: c.tab, value: String(extra), ...MESSAGES.tooMany(c.code, extra) }));
    }
    return this.list;
  }
}

function located(severity: Severity, code: string, tab: string, row: number | null, column: string, value: Cell, m: Message): Diagnostic {
  return diag({ severity, code, tab, row, column, value, zh: m.zh, en: m.en });
}

// ---- Header mapping ----

function headerText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  return cell instanceof Date ? cellText(cell) : String(cell).trim();
}

const CJK = /[\u3400-\u9fff]/;

interface Mapping {
  /** Field id → column index. */
  index: Map<string, number>;
  /** Column index → header as written. */
  headers: string[];
  duplicates: { column: number; header: string; first: string }[];
}

function mapHeader(spec: TabSpec, row: Cell[] | undefined): Mapping {
  const index = new Map<string, number>();
  const headers: string[] = [];
  const duplicates: Mapping['duplicates'] = [];
  const cells = row ?? [];
  for (let j = 0; j < cells.length; j++) {
    const h = headerText(cells[j]);
    headers[j] = h;
    if (!h) continue;
    const c = columnOf(spec.id, h);
    if (!c) continue;
    const first = index.get(c.id);
    if (first === undefined) index.set(c.id, j);
    else duplicates.push({ column: j, header: h, first: headers[first] });
  }
  return { index, headers, duplicates };
}

interface MissingColumns {
  columns: ColumnSpec[];
  groups: ColumnSpec[][];
}

function missingColumns(spec: TabSpec, m: Mapping): MissingColumns {
  const columns = spec.columns.filter((c) => c.required && !m.index.has(c.id));
  const groups = spec.atLeastOne
    .filter((g) => !g.some((id) => m.index.has(id)))
    .map((g) => g.map((id) => spec.columns.find((c) => c.id === id) as ColumnSpec));
  return { columns, groups };
}

const HEADER_SEARCH_ROWS = 20;

function rowIsBlank(row: Cell[] | undefined): boolean {
  if (!row) return true;
  for (let j = 0; j < row.length; j++) if (!isBlank(row[j])) return false;
  return true;
}

/** The mapping of a tab, or the fatal diagnostic that stops the run. */
function resolveTab(tab: RawTab, spec: TabSpec): { mapping: Mapping | null; fatal: Diagnostic | null; empty: boolean } {
  const rows = tab.rows ?? [];
  const mapping = mapHeader(spec, rows[0]);
  const missing = missingColumns(spec, mapping);
  if (missing.columns.length === 0 && missing.groups.length === 0) return { mapping, fatal: null, empty: false };

  let empty = rowIsBlank(rows[0]);
  // A title row above the header: find the header further down and say so.
  for (let r = 1; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    if (!rowIsBlank(rows[r])) empty = false;
    const m = mapHeader(spec, rows[r]);
    const miss = missingColumns(spec, m);
    if (m.index.size > 0 && miss.columns.length === 0 && miss.groups.length === 0) {
      return {
        mapping: null, empty: false,
        fatal: located('error', 'header_not_first_row', tab.name, r + 1, '', '', MESSAGES.headerNotFirstRow(tab.name, r + 1)),
      };
    }
  }
  if (empty && !spec.required) return { mapping: null, fatal: null, empty: true };

  const found = mapping.headers.filter((h) => h);
  const zh = CJK.test(found.join('')) || (found.length === 0 && CJK.test(tab.name));
  const named = (c: ColumnSpec) => (zh ? c.zh : c.en);
  if (missing.columns.length > 0) {
    return {
      mapping: null, empty: false,
      fatal: located('error', 'missing_column', tab.name, 1, named(missing.columns[0]), '',
        MESSAGES.missingColumn(tab.name, missing.columns.map((c) => ({ zh: c.zh, en: c.en })), found)),
    };
  }
  const group = missing.groups[0];
  return {
    mapping: null, empty: false,
    fatal: located('error', 'missing_column', tab.name, 1, named(group[0]), '',
      MESSAGES.missingOneOf(tab.name, group.map((c) => ({ zh: c.zh, en: c.en })))),
  };
}

// ---- Row reading ----

interface Range {
  min: number;
  max: number | null;
  /** Below zero is `negative_value` (counts) rather than `out_of_range` (scores). */
  countLike?: boolean;
}

interface StaffIndex {
  /** Accepted staff keys → position in the Staff records. */
  accepted: Map<string, number>;
  /** Staff id cells as written (a few hundred distinct texts repeated over a tab) → position of their accepted person. */
  byCell: Map<string, number>;
  /** Position in the Staff records → its key. */
  keyAt: string[];
  /** Keys of Staff rows left out → their row number. */
  rejected: Map<string, number>;
  staffTab: string;
}

const NONE = -1;
const CACHE_LIMIT = 50000;
const DAY_MS = 86400000;

/** A day read from a cell, with its day key. */
interface DayRead {
  day: Day;
  key: number;
}

function readDay(c: Cell): DayRead | Problem | null {
  const d = toDay(c);
  return d === null || isProblem(d) ? d : { day: d, key: dayKey(d) };
}

/** Reads one tab's rows: typed getters record problems and mark the row bad. */
class Reader {
  rowNo = 0;
  bad = false;
  /** Position in the Staff records of the person the last `staff()` call found (−1: none). */
  staffAt = -1;
  /** Problems recorded so far (all rows), to tell whether one getter failed. */
  problems = 0;
  private row: Cell[] = [];
  private readonly mapped: number[];
  private readonly dayCache = new Map<string | number, DayRead | Problem>();
  /** Dates by UTC day number (days since 1970-01-01). */
  private readonly timeCache = new Map<number, DayRead | Problem>();
  /** Day key (see dayKey) of the day the last `day()` call returned: cached with the day, so free per row. */
  dayKeyRead = 0;
  private readonly codeCache = new Map<string, Rating | Level | Problem | null>();
  private readonly numCache = new Map<string, number | Problem | null>();
  private readonly intCache = new Map<string, number | Problem | null>();
  private readonly keyCache: Map<string, string>;
  /** Rows of people whose Staff row was left out: key → summary. */
  readonly leftOut = new Map<string, { id: string; count: number; row: number }>();

  constructor(
    readonly tab: RawTab,
    readonly spec: TabSpec,
    readonly mapping: Mapping,
    readonly sink: Sink,
    keyCache: Map<string, string>,
  ) {
    this.mapped = [...mapping.index.values()].sort((a, b) => a - b);
    this.keyCache = keyCache;
    for (const c of spec.columns) if (c.type === 'date') this.decideSlashDates(this.col(c.id));
  }

  /** How each date column reads `6/17/2026`-style text (SPEC §8), decided once per column. */
  private readonly slash = new Map<number, SlashOrder>();

  /**
   * Per-column pre-pass over slash dates with the year last: a value that can
   * only be month/day/year makes the column month/day/year (and day/month/year
   * likewise), with an info line saying so; a column holding both is `mixed`
   * (each value that reads two ways is reported on its row); a column whose
   * every such value reads two ways stays undecided (each reported, with the
   * unambiguous ways to write it).
   */
  private decideSlashDates(j: number): void {
    if (j === NONE) return;
    let mdy = '';
    let dmy = '';
    const rows = this.tab.rows;
    for (let i = 1; i < rows.length && !(mdy && dmy); i++) {
      const c = rows[i]?.[j];
      if (typeof c !== 'string' || c.indexOf('/') < 0) continue;
      const k = slashKind(c);
      if (k === 'mdy' && !mdy) mdy = c.trim();
      else if (k === 'dmy' && !dmy) dmy = c.trim();
    }
    if (mdy && dmy) this.slash.set(j, 'mixed');
    else if (mdy || dmy) {
      const order: SlashOrder = mdy ? 'mdy' : 'dmy';
      const example = mdy || dmy;
      this.slash.set(j, order);
      const day = toDay(example, order);
      const read = typeof day === 'string' ? day : '';
      this.sink.add(located('info', 'slash_date_order', this.tab.name, null, this.header(j), '', order === 'mdy'
        ? { zh: `斜杠日期按“月/日/年”读取（如“${example}”为 ${read}）`, en: `slash dates read as month/day/year (e.g. "${example}" is ${read})` }
        : { zh: `斜杠日期按“日/月/年”读取（如“${example}”为 ${read}）`, en: `slash dates read as day/month/year (e.g. "${example}" is ${read})` }));
    }
  }

  col(field: string): number {
    return this.mapping.index.get(field) ?? NONE;
  }

  header(j: number): string {
    return this.mapping.headers[j] ?? '';
  }

  /** Move to row i (0-based); false when the row is blank and must be skipped. */
  start(i: number): boolean {
    const row = this.tab.rows[i];
    if (!row) return false;
    this.row = row;
    this.rowNo = i + 1;
    this.bad = false;
    const mapped = this.mapped;
    for (let k = 0; k < mapped.length; k++) if (!isBlank(row[mapped[k]])) return true;
    return false;
  }

  cell(j: number): Cell {
    return j === NONE ? undefined : this.row[j];
  }

  fail(j: number, code: CellCode, type: ColumnType, range?: Range): void {
    this.bad = true;
    this.problems++;
    if (!this.sink.want(this.tab.name, code, 'error')) return;
    const value = this.cell(j);
    const m = cellMessage(code, cellText(value), type, range);
    this.sink.list.push(located('error', code, this.tab.name, this.rowNo, this.header(j), value, m));
  }

  /** Report a row problem that is not about one cell's type. */
  report(severity: Severity, code: string, j: number, value: Cell, m: Message): void {
    if (severity === 'error') this.bad = true;
    if (this.sink.want(this.tab.name, code, severity)) {
      this.sink.list.push(located(severity, code, this.tab.name, this.rowNo, j === NONE ? '' : this.header(j), value, m));
    }
  }

  private blank(j: number, required: boolean, type: ColumnType): void {
    if (required) this.fail(j, 'missing_value', type);
  }

  text(j: number, required: boolean): string {
    const v = toText(this.cell(j));
    if (v === null) { this.blank(j, required, 'text'); return ''; }
    if (isProblem(v)) { this.fail(j, v.problem, 'text'); return ''; }
    return v;
  }

  day(j: number, required: boolean): Day | null {
    const c = this.cell(j);
    let v: DayRead | null | Problem;
    const order = this.slash.get(j);
    if (order !== undefined && typeof c === 'string' && c.indexOf('/') >= 0) {
      // Read by this column's order (not cached: another date column of the tab may read the same text another way).
      const d = toDay(c, order);
      v = d === null || isProblem(d) ? d : { day: d, key: dayKey(d) };
    } else if ((typeof c === 'string' && c.length <= 40) || typeof c === 'number') {
      const hit = this.dayCache.get(c);
      if (hit !== undefined) v = hit;
      else {
        v = readDay(c);
        if (v !== null && this.dayCache.size < CACHE_LIMIT) this.dayCache.set(c, v);
      }
    } else if (c instanceof Date && !Number.isNaN(c.getTime())) {
      // A Date is read by its UTC calendar day alone, so the day number is the key: a small integer, where the time would be a boxed float.
      const dayNo = Math.floor(c.getTime() / DAY_MS);
      const hit = this.timeCache.get(dayNo);
      if (hit !== undefined) v = hit;
      else {
        v = readDay(c) as DayRead | Problem;
        if (this.timeCache.size < CACHE_LIMIT) this.timeCache.set(dayNo, v);
      }
    } else v = readDay(c);
    if (v === null) { this.blank(j, required, 'date'); return null; }
    if (isProblem(v)) { this.fail(j, v.problem, 'date'); return null; }
    this.dayKeyRead = v.key;
    return v.day;
  }

  month(j: number, required: boolean): string | null {
    const v = toMonth(this.cell(j));
    if (v === null) { this.blank(j, required, 'month'); return null; }
    if (isProblem(v)) { this.fail(j, v.problem, 'month'); return null; }
    return v;
  }

  period(j: number, required: boolean): string | null {
    const v = toPeriod(this.cell(j));
    if (v === null) { this.blank(j, required, 'period'); return null; }
    if (isProblem(v)) { this.fail(j, v.problem, 'period'); return null; }
    return v;
  }

  num(j: number, required: boolean, range: Range | null, integer = false): number | null {
    const c = this.cell(j);
    const type: ColumnType = integer ? 'integer' : 'number';
    let v: number | null | Problem;
    if (typeof c === 'string' && c.length <= 12) {
      // Numbers read from text (CSV) repeat a few values a million times (scores 1–5): parse each text once.
      const cache = integer ? this.intCache : this.numCache;
      const hit = cache.get(c);
      if (hit !== undefined) v = hit;
      else {
        v = integer ? toInteger(c) : toNumber(c);
        if (cache.size < CACHE_LIMIT) cache.set(c, v);
      }
    } else v = integer ? toInteger(c) : toNumber(c);
    if (v === null) { this.blank(j, required, type); return null; }
    if (isProblem(v)) { this.fail(j, v.problem, type); return null; }
    if (range) {
      if (v < 0 && range.countLike && range.min >= 0) { this.fail(j, 'negative_value', type); return null; }
      if (v < range.min || (range.max !== null && v > range.max)) { this.fail(j, 'out_of_range', type, range); return null; }
    }
    return v;
  }

  fen(j: number, required: boolean): number | null {
    const v = toFen(this.cell(j));
    if (v === null) { this.blank(j, required, 'money'); return null; }
    if (isProblem(v)) { this.fail(j, v.problem, 'money'); return null; }
    return v;
  }

  bool(j: number, required: boolean): boolean | null {
    const v = toBoolean(this.cell(j));
    if (v === null) { this.blank(j, required, 'boolean'); return null; }
    if (isProblem(v)) { this.fail(j, v.problem, 'boolean'); return null; }
    return v;
  }

  /** Coded cells repeat a few values a million times: read each distinct text once. */
  private coded<T extends Rating | Level>(c: Cell, read: (c: Cell) => T | null | Problem): T | null | Problem {
    if (typeof c !== 'string' || c.length > 40) return read(c);
    let v = this.codeCache.get(c) as T | null | Problem | undefined;
    if (v === undefined) {
      v = read(c);
      if (this.codeCache.size < CACHE_LIMIT) this.codeCache.set(c, v);
    }
    return v;
  }

  level(j: number): Level {
    const v = this.coded(this.cell(j), toLevel);
    if (v === null) return 'staff';
    if (isProblem(v)) { this.fail(j, v.problem, 'level'); return 'staff'; }
    return v;
  }

  rating(j: number): Rating | null {
    const v = this.coded(this.cell(j), toRating);
    if (v === null) return null;
    if (isProblem(v)) { this.fail(j, v.problem, 'rating'); return null; }
    return v;
  }

  appealStatus(j: number): AppealStatus {
    const v = toAppealStatus(this.cell(j));
    // A blank status is an appeal not yet decided.
    if (v === null) return 'pending';
    if (isProblem(v)) { this.fail(j, v.problem, 'appeal_status'); return 'pending'; }
    return v;
  }

  /** The lookup key of a staff id cell ('' when blank or bad). */
  key(j: number, required: boolean): { id: string; key: string } {
    const c = this.cell(j);
    let id: string;
    if (typeof c === 'string' && c.length > 0 && c.length <= 64 && c.charCodeAt(0) !== 35) {
      const k = this.keyCache.get(c);
      if (k !== undefined) return { id: c.trim(), key: k };
      id = this.text(j, required);
    } else id = this.text(j, required);
    if (!id) return { id: '', key: '' };
    const key = staffKey(id);
    if (typeof c === 'string' && this.keyCache.size < CACHE_LIMIT) this.keyCache.set(c, key);
    return { id, key };
  }

  /** A staff_id referring to a person of Staff: unknown → error; left out of Staff → summarised. */
  staff(j: number, staff: StaffIndex): string {
    this.staffAt = -1;
    // Hot path (every row of Feedback and Incidents): an id seen before of a person in Staff, with no object or trim.
    const c = this.cell(j);
    const cacheable = typeof c === 'string' && c.length > 0 && c.length <= 64 && c.charCodeAt(0) !== 35;
    if (cacheable) {
      const at = staff.byCell.get(c);
      if (at !== undefined) {
        this.staffAt = at;
        return staff.keyAt[at];
      }
    }
    const { id, key } = this.key(j, true);
    if (!key) return '';
    const at = staff.accepted.get(key);
    if (at !== undefined) {
      this.staffAt = at;
      if (cacheable && staff.byCell.size < CACHE_LIMIT) staff.byCell.set(c, at);
      return key;
    }
    const staffRow = staff.rejected.get(key);
    if (staffRow !== undefined) {
      this.bad = true;
      const s = this.leftOut.get(key);
      if (s) s.count++;
      else this.leftOut.set(key, { id, count: 1, row: this.rowNo });
      return '';
    }
    this.report('error', 'unknown_staff', j, this.cell(j), MESSAGES.unknownStaff(id));
    return '';
  }

  /** Emit the per-person summaries of rows left out with their Staff row. */
  finishLeftOut(staff: StaffIndex, j: number): void {
    for (const [key, s] of this.leftOut) {
      const staffRow = staff.rejected.get(key) as number;
      this.sink.add(located('warning', 'staff_left_out', this.tab.name, s.row, this.header(j), s.id,
        MESSAGES.staffLeftOut(s.id, s.count, staff.staffTab, staffRow)));
    }
  }
}

/** Kept-as-written values (unknown incident types, review sources): one info per distinct value. */
class Unknowns {
  private readonly seen = new Map<string, { row: number; count: number }>();
  note(value: string, row: number): void {
    const s = this.seen.get(value);
    if (s) s.count++;
    else this.seen.set(value, { row, count: 1 });
  }
  emit(sink: Sink, rd: Reader, j: number, code: string, message: (v: string, n: number) => Message): void {
    for (const [value, s] of this.seen) {
      sink.add(located('info', code, rd.tab.name, s.row, rd.header(j), value, message(value, s.count)));
    }
  }
}

// ---- What the engine would otherwise work out again ----

/**
 * An order-preserving integer for a `YYYY-MM-DD` day (not a day count: months
 * take 31 slots), as the engine indexes rows by day (core/engine/context.ts).
 */
export function dayKey(d: Day): number {
  const y = (d.charCodeAt(0) - 48) * 1000 + (d.charCodeAt(1) - 48) * 100 + (d.charCodeAt(2) - 48) * 10 + (d.charCodeAt(3) - 48);
  const m = (d.charCodeAt(5) - 48) * 10 + (d.charCodeAt(6) - 48);
  const dd = (d.charCodeAt(8) - 48) * 10 + (d.charCodeAt(9) - 48);
  return y * 372 + (m - 1) * 31 + (dd - 1);
}

/**
 * What readDataset already knows about each record of a tab, handed to the
 * engine (core/engine/context.ts) so it does not work it out again from a
 * million records: `staff[i]` is the position in `staffRecords` (the dataset's
 * Staff records) of record i's person (found when the staff id was checked);
 * for dated tabs, `day[i]` is the dayKey of record i's date (cached with each
 * distinct date cell); `rowNo[i]` and `tab` are record i's row and tab (what a row
 * reference shows, read without the record). Keyed by the record array itself, so an array not made by
 * readDataset (a hand-built dataset, a filtered copy) has none; the engine also
 * checks the lengths. Datasets are read-only inputs: a caller that replaced
 * records inside these arrays would make the facts stale.
 */
export interface RowFacts {
  staff: Int32Array;
  day: Int32Array | null;
  /** Each record's row number as the user sees it (record.row), and the tab they are all from (record.tab). */
  rowNo: Int32Array;
  tab: string;
  staffRecords: readonly StaffRecord[];
  staffCount: number;
}

const FACTS = new WeakMap<readonly object[], RowFacts>();

/** The facts readDataset recorded for this record array, or null. */
export function rowFacts(rows: readonly object[]): RowFacts | null {
  return FACTS.get(rows) ?? null;
}

/** Collects each kept record's staff position (and day key) while a tab is read. */
class FactsBuilder {
  private readonly staff: Int32Array;
  private readonly day: Int32Array | null;
  private readonly rowNo: Int32Array;
  private n = 0;
  constructor(private readonly rd: Reader, dated: boolean) {
    const rows = Math.max(0, rd.tab.rows.length);
    this.staff = new Int32Array(rows);
    this.day = dated ? new Int32Array(rows) : null;
    this.rowNo = new Int32Array(rows);
  }
  /** The record of the row being read is kept (after its checks). */
  push(): void {
    this.rowNo[this.n] = this.rd.rowNo;
    if (this.day) this.day[this.n] = this.rd.dayKeyRead;
    this.staff[this.n++] = this.rd.staffAt;
  }
  attach<T extends object>(records: T[], ctx: Context): T[] {
    if (records.length === this.n) {
      FACTS.set(records, {
        staff: this.staff.subarray(0, this.n), day: this.day ? this.day.subarray(0, this.n) : null,
        rowNo: this.rowNo.subarray(0, this.n), tab: this.rd.tab.name,
        staffRecords: ctx.staffRecords, staffCount: ctx.staffRecords.length,
      });
    }
    return records;
  }
}

// ---- Per-tab readers ----

interface Context {
  sink: Sink;
  staff: StaffIndex;
  /** The Staff records (set once Staff is read), for RowFacts. */
  staffRecords: StaffRecord[];
  options: Required<ReadOptions>;
  keyCache: Map<string, string>;
}

function readStaff(rd: Reader, ctx: Context): StaffRecord[] {
  const out: StaffRecord[] = [];
  const jId = rd.col('staff_id'), jName = rd.col('name'), jDept = rd.col('department'), jGroup = rd.col('group');
  const jPos = rd.col('position'), jLevel = rd.col('level'), jHire = rd.col('hire_date');
  const jReg = rd.col('regular_date'), jLeave = rd.col('leave_date'), jMgr = rd.col('manager_id');
  const firstRow = new Map<string, number>();
  const managers: { rec: StaffRecord; id: string }[] = [];
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const { id, key } = rd.key(jId, true);
    const name = rd.text(jName, true);
    const department = rd.text(jDept, true);
    const group = rd.text(jGroup, false);
    const position = rd.text(jPos, false);
    const level = rd.level(jLevel);
    const hire = rd.day(jHire, true);
    const regular = rd.day(jReg, false);
    const leave = rd.day(jLeave, false);
    const manager = rd.key(jMgr, false);
    if (key && firstRow.has(key)) {
      rd.report('error', 'duplicate_staff_id', jId, rd.cell(jId), MESSAGES.duplicateStaffId(id, firstRow.get(key) as number));
      continue;
    }
    if (rd.bad || hire === null) {
      if (key && !ctx.staff.rejected.has(key)) ctx.staff.rejected.set(key, rd.rowNo);
      continue;
    }
    firstRow.set(key, rd.rowNo);
    ctx.staff.keyAt[out.length] = key;
    ctx.staff.accepted.set(key, out.length);
    const rec: StaffRecord = {
      tab: rd.tab.name, row: rd.rowNo, id, key, name, department,
      group: group || department, position, level, hireDate: hire,
      regularDate: regular ?? addMonths(hire, ctx.options.probationMonths),
      leaveDate: leave, managerKey: null,
    };
    if (leave !== null && leave < hire) {
      rd.report('warning', 'date_order', jLeave, rd.cell(jLeave), MESSAGES.dateOrder(leave, hire));
    }
    if (regular !== null && regular < hire) {
      rd.report('warning', 'date_order', jReg, rd.cell(jReg), MESSAGES.dateOrder(regular, hire));
    }
    if (manager.key) managers.push({ rec, id: manager.id });
    out.push(rec);
  }
  // Managers are resolved once every person is known (a superior may be listed below).
  for (const { rec, id } of managers) {
    const key = staffKey(id);
    rd.rowNo = rec.row;
    if (key === rec.key) rd.report('warning', 'unknown_manager', jMgr, id, MESSAGES.selfManager(id));
    else if (!ctx.staff.accepted.has(key)) rd.report('warning', 'unknown_manager', jMgr, id, MESSAGES.unknownManager(id));
    else rec.managerKey = key;
  }
  // A key both rejected and accepted (a bad row, then a good one) is a known person.
  for (const key of ctx.staff.accepted.keys()) ctx.staff.rejected.delete(key);
  return out;
}

function readFeedback(rd: Reader, ctx: Context): FeedbackRecord[] {
  const out: FeedbackRecord[] = [];
  const facts = new FactsBuilder(rd, true);
  const jDate = rd.col('date'), jStaff = rd.col('staff_id'), jScore = rd.col('score'), jRating = rd.col('rating');
  const jLikes = rd.col('likes'), jCustomer = rd.col('customer'), jChannel = rd.col('channel'), jComment = rd.col('comment');
  const measureCol = [jScore, jRating, jLikes].find((j) => j !== NONE) as number;
  const measureNames = ['score', 'rating', 'likes'].map((id) => TAB_SPECS.feedback.columns.find((c) => c.id === id) as ColumnSpec);
  const scale: Range = { min: ctx.options.feedbackScale.min, max: ctx.options.feedbackScale.max };
  const likesRange: Range = { min: 0, max: null, countLike: true };
  const rows = rd.tab.rows;
  const tab = rd.tab.name;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const date = rd.day(jDate, true);
    const staffKey = rd.staff(jStaff, ctx.staff);
    const score = jScore === NONE ? null : rd.num(jScore, false, scale);
    const rating = jRating === NONE ? null : rd.rating(jRating);
    const likes = jLikes === NONE ? null : rd.num(jLikes, false, likesRange, true);
    const customer = jCustomer === NONE ? '' : rd.text(jCustomer, false);
    const channel = jChannel === NONE ? '' : rd.text(jChannel, false);
    const comment = jComment === NONE ? '' : rd.text(jComment, false);
    if (rd.bad || date === null) continue;
    if (score === null && rating === null && likes === null) {
      rd.report('error', 'missing_value', measureCol, '', MESSAGES.missingMeasure(measureNames));
      continue;
    }
    facts.push();
    out.push(new FeedbackRow(tab, rd.rowNo, date, staffKey, score, rating, likes, customer, channel, comment));
  }
  rd.finishLeftOut(ctx.staff, jStaff);
  return facts.attach(out, ctx);
}

function readIncidents(rd: Reader, ctx: Context): IncidentRecord[] {
  const out: IncidentRecord[] = [];
  const facts = new FactsBuilder(rd, true);
  const jDate = rd.col('date'), jStaff = rd.col('staff_id'), jType = rd.col('type');
  const jPoints = rd.col('points'), jAmount = rd.col('amount'), jNote = rd.col('note');
  const unknown = new Unknowns();
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const date = rd.day(jDate, true);
    const staffKey = rd.staff(jStaff, ctx.staff);
    const written = rd.text(jType, true);
    const points = rd.num(jPoints, false, null);
    const amount = rd.fen(jAmount, false);
    const note = rd.text(jNote, false);
    if (rd.bad || date === null) continue;
    let type = incidentTypeOf(written);
    if (type === null) {
      type = written;
      unknown.note(written, rd.rowNo);
    }
    facts.push();
    out.push(new IncidentRow(rd.tab.name, rd.rowNo, date, staffKey, type, points, amount, note));
  }
  unknown.emit(ctx.sink, rd, jType, 'unknown_type', MESSAGES.unknownType);
  rd.finishLeftOut(ctx.staff, jStaff);
  return facts.attach(out, ctx);
}

const DAYS: Range = { min: 0, max: 31, countLike: true };
const COUNT: Range = { min: 0, max: null, countLike: true };

function readAttendance(rd: Reader, ctx: Context): AttendanceRecord[] {
  const out: AttendanceRecord[] = [];
  const facts = new FactsBuilder(rd, false);
  const jMonth = rd.col('month'), jStaff = rd.col('staff_id'), jSched = rd.col('scheduled_days');
  const jAbsent = rd.col('absent_days'), jLate = rd.col('late'), jEarly = rd.col('early_leave');
  const jSick = rd.col('sick_leave_days'), jPersonal = rd.col('personal_leave_days');
  const seen = new Map<string, number>();
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const month = rd.month(jMonth, true);
    const staffKey = rd.staff(jStaff, ctx.staff);
    const scheduledDays = rd.num(jSched, false, DAYS);
    // A blank count in an attendance sheet means none of it that month.
    const absentDays = rd.num(jAbsent, false, DAYS) ?? 0;
    const late = rd.num(jLate, false, COUNT, true) ?? 0;
    const earlyLeave = rd.num(jEarly, false, COUNT, true) ?? 0;
    const sickLeaveDays = rd.num(jSick, false, DAYS) ?? 0;
    const personalLeaveDays = rd.num(jPersonal, false, DAYS) ?? 0;
    if (rd.bad || month === null) continue;
    const k = `${staffKey}\u0000${month}`;
    const first = seen.get(k);
    if (first !== undefined) {
      rd.report('error', 'duplicate_row', jMonth, rd.cell(jMonth), MESSAGES.duplicateMonth(month, first));
      continue;
    }
    seen.set(k, rd.rowNo);
    facts.push();
    out.push({ tab: rd.tab.name, row: rd.rowNo, month, staffKey, scheduledDays, absentDays, late, earlyLeave, sickLeaveDays, personalLeaveDays });
  }
  rd.finishLeftOut(ctx.staff, jStaff);
  return facts.attach(out, ctx);
}

function readReviews(rd: Reader, ctx: Context): ReviewRecord[] {
  const out: ReviewRecord[] = [];
  const facts = new FactsBuilder(rd, false);
  const jPeriod = rd.col('period'), jStaff = rd.col('staff_id'), jSource = rd.col('source');
  const jDim = rd.col('dimension'), jScore = rd.col('score'), jMax = rd.col('max'), jReviewer = rd.col('reviewer');
  const unknown = new Unknowns();
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const period = rd.period(jPeriod, true);
    const staffKey = rd.staff(jStaff, ctx.staff);
    const sourceText = rd.text(jSource, true);
    const dimText = rd.text(jDim, false);
    const reviewer = jReviewer === NONE ? '' : rd.text(jReviewer, false);
    const problemsBefore = rd.problems;
    const max = rd.num(jMax, false, null);
    if (max !== null && max <= 0) rd.fail(jMax, 'out_of_range', 'number');
    // Without a usable max the score's range cannot be checked (the row is already bad).
    const maxOk = rd.problems === problemsBefore;
    const score = rd.num(jScore, true, maxOk ? { min: 0, max: max ?? 100 } : null);
    if (rd.bad || period === null || score === null) continue;
    let source: string | null = reviewSourceOf(sourceText);
    if (source === null) {
      source = sourceText;
      unknown.note(sourceText, rd.rowNo);
    }
    const dimension = dimText ? dimensionOf(dimText) ?? dimText : '';
    facts.push();
    const rec: ReviewRecord = { tab: rd.tab.name, row: rd.rowNo, period, staffKey, source, dimension, score: (score * 100) / (max ?? 100) };
    // Only when given: a workbook without reviewers keeps the records (and fingerprints) it had.
    if (reviewer) rec.reviewer = reviewer;
    out.push(rec);
  }
  unknown.emit(ctx.sink, rd, jSource, 'unknown_source', MESSAGES.unknownSource);
  rd.finishLeftOut(ctx.staff, jStaff);
  return facts.attach(out, ctx);
}

function readCases(rd: Reader, ctx: Context): CaseRecord[] {
  const out: CaseRecord[] = [];
  const facts = new FactsBuilder(rd, true);
  const jDate = rd.col('date'), jStaff = rd.col('staff_id'), jTitle = rd.col('title'), jText = rd.col('text');
  const jLength = rd.col('length'), jQuality = rd.col('quality'), jRegional = rd.col('regional_excellent');
  const measureCol = jText !== NONE ? jText : jLength;
  const names = ['text', 'length'].map((id) => TAB_SPECS.cases.columns.find((c) => c.id === id) as ColumnSpec);
  const quality: Range = { min: 0, max: 3 };
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const date = rd.day(jDate, true);
    const staffKey = rd.staff(jStaff, ctx.staff);
    const title = rd.text(jTitle, false);
    const text = rd.text(jText, false);
    const length = rd.num(jLength, false, COUNT, true);
    const q = rd.num(jQuality, false, quality);
    const regional = rd.bool(jRegional, false);
    if (rd.bad || date === null) continue;
    if (!text && length === null) {
      rd.report('error', 'missing_value', measureCol, '', MESSAGES.missingMeasure(names));
      continue;
    }
    facts.push();
    out.push({
      tab: rd.tab.name, row: rd.rowNo, date, staffKey, title, text,
      length: text ? charCount(text) : (length as number), quality: q, regionalExcellent: regional ?? false,
    });
  }
  rd.finishLeftOut(ctx.staff, jStaff);
  return facts.attach(out, ctx);
}

function readQuotas(rd: Reader): QuotaRecord[] {
  const out: QuotaRecord[] = [];
  const jAward = rd.col('award'), jScope = rd.col('scope'), jCount = rd.col('count');
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const award = rd.text(jAward, true);
    const scope = rd.text(jScope, true);
    const count = rd.num(jCount, true, COUNT, true);
    if (rd.bad || count === null) continue;
    out.push({ tab: rd.tab.name, row: rd.rowNo, award, scope, count });
  }
  return out;
}

function readRedemptions(rd: Reader, ctx: Context): RedemptionRecord[] {
  const out: RedemptionRecord[] = [];
  const facts = new FactsBuilder(rd, true);
  const jDate = rd.col('date'), jStaff = rd.col('staff_id'), jPoints = rd.col('points');
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const date = rd.day(jDate, true);
    const staffKey = rd.staff(jStaff, ctx.staff);
    const points = rd.num(jPoints, true, COUNT);
    if (rd.bad || date === null || points === null) continue;
    facts.push();
    out.push({ tab: rd.tab.name, row: rd.rowNo, date, staffKey, points });
  }
  rd.finishLeftOut(ctx.staff, jStaff);
  return facts.attach(out, ctx);
}

const ROW_NUMBER: Range = { min: 2, max: null };

/** Appeals (SPEC §10): checked here as cells; whether the disputed row exists and is the appellant's is core/appeals' job. */
function readAppeals(rd: Reader, ctx: Context): AppealRecord[] {
  const out: AppealRecord[] = [];
  const jStaff = rd.col('staff_id'), jTab = rd.col('tab'), jRow = rd.col('row'), jFiled = rd.col('filed');
  const jStatus = rd.col('status'), jDecided = rd.col('decided'), jNote = rd.col('note');
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const staffKey = rd.staff(jStaff, ctx.staff);
    const staffId = rd.staffAt >= 0 ? ctx.staffRecords[rd.staffAt].id : '';
    const targetTab = rd.text(jTab, true);
    const targetRow = rd.num(jRow, true, ROW_NUMBER, true);
    const filed = rd.day(jFiled, false);
    const status = rd.appealStatus(jStatus);
    const decided = rd.day(jDecided, false);
    const note = rd.text(jNote, false);
    if (rd.bad || targetRow === null) continue;
    out.push({ tab: rd.tab.name, row: rd.rowNo, staffKey, staffId, targetTab, targetRow, filed, status, decided, note });
  }
  rd.finishLeftOut(ctx.staff, jStaff);
  return out;
}

/** Investigations (SPEC §10): a person, a start and an end (blank while open). */
function readInvestigations(rd: Reader, ctx: Context): InvestigationRecord[] {
  const out: InvestigationRecord[] = [];
  const jStaff = rd.col('staff_id'), jStart = rd.col('start'), jEnd = rd.col('end'), jNote = rd.col('note');
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const staffKey = rd.staff(jStaff, ctx.staff);
    const start = rd.day(jStart, true);
    const end = rd.day(jEnd, false);
    const note = rd.text(jNote, false);
    if (rd.bad || start === null) continue;
    if (end !== null && end < start) {
      rd.report('error', 'date_order', jEnd, rd.cell(jEnd), MESSAGES.investigationOrder(end, start));
      continue;
    }
    out.push({ tab: rd.tab.name, row: rd.rowNo, staffKey, start, end, note });
  }
  rd.finishLeftOut(ctx.staff, jStaff);
  return out;
}

function readNominations(rd: Reader, ctx: Context): NominationRecord[] {
  const out: NominationRecord[] = [];
  const facts = new FactsBuilder(rd, false);
  const jPeriod = rd.col('period'), jStaff = rd.col('staff_id'), jBy = rd.col('nominated_by'), jNote = rd.col('note');
  const rows = rd.tab.rows;
  for (let i = 1; i < rows.length; i++) {
    if (!rd.start(i)) continue;
    const period = rd.period(jPeriod, true);
    const staffKey = rd.staff(jStaff, ctx.staff);
    const nominatedBy = jBy === NONE ? '' : rd.text(jBy, false);
    const note = jNote === NONE ? '' : rd.text(jNote, false);
    if (rd.bad || period === null) continue;
    facts.push();
    out.push({ tab: rd.tab.name, row: rd.rowNo, period, staffKey, nominatedBy, note });
  }
  rd.finishLeftOut(ctx.staff, jStaff);
  return facts.attach(out, ctx);
}

// ---- Entry point ----

function emptyDataset(): Dataset {
  return {
    staff: [], feedback: [], incidents: [], attendance: [], reviews: [], cases: [], quotas: [], redemptions: [],
    appeals: [], investigations: [], tabNames: {},
  };
}

const DEFAULTS: Required<ReadOptions> = { probationMonths: 3, feedbackScale: { min: 1, max: 5 } };

/** The options' rules (a scheme's are checked by its schema first; these guard a direct caller). */
function validOption(name: keyof ReadOptions, value: unknown): boolean {
  if (name === 'probationMonths') return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 120;
  const s = value as { min?: unknown; max?: unknown } | null;
  return typeof s === 'object' && s !== null && typeof s.min === 'number' && typeof s.max === 'number'
    && Number.isFinite(s.min) && Number.isFinite(s.max) && s.min < s.max;
}

function resolveOptions(options: ReadOptions | undefined, sink: Sink): Required<ReadOptions> {
  const out = { ...DEFAULTS };
  const given = (options ?? {}) as Record<string, unknown>;
  for (const name of ['probationMonths', 'feedbackScale'] as const) {
    const value = given[name];
    if (value === undefined) continue;
    if (validOption(name, value)) (out as Record<string, unknown>)[name] = value;
    else {
      const text = JSON.stringify(value) ?? String(value);
      sink.add(located('warning', 'bad_option', '', null, '', text, MESSAGES.badOption(name, text)));
    }
  }
  return out;
}

/**
 * Read every recognised input tab into the normalised Dataset. Never throws on
 * any tab content; a missing Staff tab or required column is returned as `fatal`.
 */
export function readDataset(tabs: RawTab[], options: ReadOptions = {}): ReadResult {
  const sink = new Sink();
  const dataset = emptyDataset();
  const opts = resolveOptions(options, sink);

  // Which tab is which: the first tab of each kind is read, later ones reported.
  const chosen = new Map<TabId, RawTab>();
  for (const tab of tabs ?? []) {
    if (!tab || typeof tab.name !== 'string') continue;
    const id = recognizeTab(tab.name);
    if (!id) continue;
    const first = chosen.get(id);
    if (first) {
      sink.add(located('warning', 'duplicate_tab', tab.name, null, '', '', MESSAGES.duplicateTab(first.name)));
      continue;
    }
    chosen.set(id, { name: tab.name, rows: Array.isArray(tab.rows) ? tab.rows : [] });
    dataset.tabNames[id] = tab.name;
  }

  const staffTab = chosen.get('staff');
  if (!staffTab) {
    const spec = TAB_SPECS.staff;
    const d = located('error', 'missing_tab', '', null, '', '',
      MESSAGES.missingTab(spec.zh, spec.en, (tabs ?? []).map((t) => t?.name).filter((n): n is string => typeof n === 'string')));
    return { dataset, diagnostics: sink.finish(), fatal: d };
  }

  // Every header first: a missing column stops the run before any row is read.
  const mappings = new Map<TabId, Mapping>();
  for (const id of TAB_ORDER) {
    const tab = chosen.get(id);
    const spec = TAB_SPECS[id];
    if (!tab || spec.columns.length === 0) continue;
    const r = resolveTab(tab, spec);
    if (r.fatal) return { dataset, diagnostics: sink.finish(), fatal: r.fatal };
    if (r.empty || !r.mapping) {
      sink.add(located('info', 'empty_tab', tab.name, null, '', '', MESSAGES.emptyTab()));
      continue;
    }
    for (const dup of r.mapping.duplicates) {
      sink.add(located('warning', 'duplicate_header', tab.name, 1, dup.header, dup.header, MESSAGES.duplicateHeader(dup.first)));
    }
    mappings.set(id, r.mapping);
    const written: Record<string, string> = {};
    for (const [field, column] of r.mapping.index) written[field] = r.mapping.headers[column];
    (dataset.columnNames ??= {})[id] = written;
  }

  const keyCache = new Map<string, string>();
  const ctx: Context = {
    sink, options: opts, keyCache,
    staff: { accepted: new Map(), byCell: new Map(), keyAt: [], rejected: new Map(), staffTab: staffTab.name },
    staffRecords: [],
  };
  const reader = (id: TabId): Reader | null => {
    const m = mappings.get(id);
    const tab = chosen.get(id);
    return m && tab ? new Reader(tab, TAB_SPECS[id], m, sink, keyCache) : null;
  };

  const staffReader = reader('staff');
  if (staffReader) dataset.staff = ctx.staffRecords = readStaff(staffReader, ctx);
  let rd = reader('feedback');
  if (rd) dataset.feedback = readFeedback(rd, ctx);
  rd = reader('incidents');
  if (rd) dataset.incidents = readIncidents(rd, ctx);
  rd = reader('attendance');
  if (rd) dataset.attendance = readAttendance(rd, ctx);
  rd = reader('reviews');
  if (rd) dataset.reviews = readReviews(rd, ctx);
  rd = reader('cases');
  if (rd) dataset.cases = readCases(rd, ctx);
  rd = reader('quotas');
  if (rd) dataset.quotas = readQuotas(rd);
  rd = reader('redemptions');
  if (rd) dataset.redemptions = readRedemptions(rd, ctx);
  rd = reader('appeals');
  if (rd) dataset.appeals = readAppeals(rd, ctx);
  rd = reader('investigations');
  if (rd) dataset.investigations = readInvestigations(rd, ctx);
  rd = reader('nominations');
  if (rd) dataset.nominations = readNominations(rd, ctx);

  return { dataset, diagnostics: sink.finish(), fatal: null };
}
