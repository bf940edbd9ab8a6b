/**
 * Cell coercion (SPEC §1 "Cell values"): one function per kind of cell, each
 * returning the value, `null` for a blank cell, or a `Problem` naming what is wrong.
 * Nothing here throws, and nothing turns bad input into a silent zero.
 *
 * Decisions worth knowing (they are tested):
 * - Blank = null/undefined, white space only, or a placeholder that means "none":
 *   `-`, `--`, `—`, `——`, `无`, `N/A`, `none`. (`#N/A` is a spreadsheet error, not blank.)
 * - Spreadsheet error values arriving as text (`#N/A`, `#REF!`, …) are `error_value`
 *   in every kind of column.
 * - Dates: a JS `Date` is read by its UTC fields (adapters build dates with
 *   Date.UTC); numbers are Excel 1900-system serials (1 = 1900-01-01, the fictitious
 *   1900-02-29 = serial 60 is `bad_date`, 46204 = 2026-07-01) or YYYYMMDD integers;
 *   text is `2026-07-01`, `2026/7/1`, `2026.7.1`, `2026年7月1日`, `20260701`, optionally
 *   followed by a time (`2026-07-01T08:00:00Z`) — the day is taken as written, never
 *   shifted by a zone. Day-first/month-first text (`7/1/2026`) is ambiguous and is
 *   `bad_date`. Years before 1900 are `bad_date`.
 * - Numbers: text numbers may use full-width digits, thousands separators in groups of
 *   three (`1,200`, `1，200`, `1 200`), a leading sign, a trailing unit (分 次 天 个 人 名 字).
 *   A trailing `%` keeps the number as written by default (`85%` → 85) because every
 *   percentage-like input column is a score on a 0–100 scale; `toNumber(cell, 'ratio')`
 *   gives 0.85 for columns that hold fractions (scheme weights). `1,2` is not a number.
 *   Formulas that arrive as text (`=SUM(A1)`) are `not_a_number`.
 * - Money is integer fen, computed on the decimal text (never by float multiplication);
 *   currency marks (¥ ￥ $ 元 RMB CNY) and accounting negatives `(1,200.00)` are accepted;
 *   a third decimal rounds half away from zero.
 */
import { foldWidth } from '../ids';
import { appealStatusOf, booleanOf, levelOf, ratingOf } from './aliases';
import { isValidDay, makeDay, pad2, parsePeriod } from '../periods';
import type { AppealStatus, Cell, Day, Level, Rating } from '../types';

export type CellCode =
  | 'missing_value' | 'error_value' | 'bad_date' | 'bad_month' | 'bad_period'
  | 'not_a_number' | 'not_an_integer' | 'bad_boolean' | 'bad_level' | 'bad_rating'
  | 'negative_value' | 'out_of_range' | 'bad_status' | 'ambiguous_date' | 'mixed_date';

/** What is wrong with a cell. Shared constants: compare with `isProblem` / `.problem`. */
export interface Problem {
  readonly problem: CellCode;
}

const PROBLEMS = new Map<CellCode, Problem>();

export function problem(code: CellCode): Problem {
  let p = PROBLEMS.get(code);
  if (!p) {
    p = Object.freeze({ problem: code });
    PROBLEMS.set(code, p);
  }
  return p;
}

/** Coercions return values, null or Problems; no coercion returns an object otherwise. */
export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && typeof (x as Problem).problem === 'string';
}

const BAD_DATE = problem('bad_date');
const BAD_MONTH = problem('bad_month');
const BAD_PERIOD = problem('bad_period');
const NOT_A_NUMBER = problem('not_a_number');
const NOT_AN_INTEGER = problem('not_an_integer');
const ERROR_VALUE = problem('error_value');
const BAD_BOOLEAN = problem('bad_boolean');
const OUT_OF_RANGE = problem('out_of_range');

const NONE_WORDS = new Set(['-', '--', '—', '——', '–', '无', 'n/a', 'none']);

const ERROR_VALUES = new Set([
  '#N/A', '#REF!', '#VALUE!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#ERROR!', '#SPILL!',
  '#CALC!', '#GETTING_DATA', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!',
]);

/** True for a spreadsheet error value arriving as text (`#N/A`, `#REF!`, …). */
export function isErrorValue(cell: Cell): boolean {
  return typeof cell === 'string' && cell.length < 20 && ERROR_VALUES.has(foldWidth(cell).trim().toUpperCase());
}

/**
 * First characters a "none" word can start with before width folding and lower
 * case: - — – 无 n N and the full-width －, ｎ, Ｎ. Any other first character is
 * not a placeholder, and most cells (names, channels, ratings) are told so
 * without building their folded copy.
 */
const NONE_FIRST = new Set([0x2d, 0x2014, 0x2013, 0x65e0, 0x6e, 0x4e, 0xff0d, 0xff4e, 0xff2e]);

/** A blank cell: nothing, white space, or a "none" placeholder. */
export function isBlank(cell: Cell): boolean {
  if (cell === null || cell === undefined || cell === '') return true;
  if (typeof cell !== 'string') return false;
  if (cell.length > 8) return false;
  const s = cell.trim();
  if (s === '') return true;
  return NONE_FIRST.has(s.charCodeAt(0)) && NONE_WORDS.has(foldWidth(s).toLowerCase());
}

/** Folded, trimmed text of a non-blank string cell, or the error_value problem. */
function prepared(cell: string): string | Problem {
  if (cell.length === 0) return '';
  const s = foldWidth(cell).trim();
  if (s.charCodeAt(0) === 35 /* # */ && ERROR_VALUES.has(s.toUpperCase())) return ERROR_VALUE;
  return s;
}

// ---- Text ----

/** Text, trimmed. Numbers keep their written digits, dates become YYYY-MM-DD. */
export function toText(cell: Cell): string | null | Problem {
  if (isBlank(cell)) return null;
  if (typeof cell === 'string') {
    const s = cell.trim();
    const c = s.charCodeAt(0);
    if ((c === 35 || c === 0xff03) && isErrorValue(s)) return ERROR_VALUE;
    return s;
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : NOT_A_NUMBER;
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (cell instanceof Date) return toDay(cell);
  return null;
}

// ---- Dates ----

const SERIAL_MAX = 2958465; // 9999-12-31
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
const DAY_MS = 86400000;

function utcDay(ms: number): Day {
  const dt = new Date(ms);
  return makeDay(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** Excel 1900-system serial → day. Serial 60 is Excel's fictitious 1900-02-29. */
export function serialToDay(serial: number): Day | Problem {
  if (!Number.isFinite(serial) || serial < 1) return BAD_DATE;
  const whole = Math.floor(serial);
  if (whole === 60 || whole > SERIAL_MAX) return BAD_DATE;
  // Before the fictitious leap day the serials are one day ahead of the real calendar.
  return utcDay(EPOCH_1899_12_30 + (whole < 60 ? whole + 1 : whole) * DAY_MS);
}

function ymd(y: number, m: number, d: number): Day | Problem {
  return isValidDay(y, m, d) ? makeDay(y, m, d) : BAD_DATE;
}

const TIME = String.raw`(?:[T\s]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2})?)?`;
const DATE_SEP = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`, 'i');
const DATE_ZH = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME}$`, 'i');
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

function textToDay(s: string): Day | Problem {
  let m = DATE_SEP.exec(s);
  if (m) return ymd(+m[1], +m[3], +m[4]);
  m = DATE_ZH.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  m = DATE_COMPACT.exec(s);
  if (m) return ymd(+m[1], +m[2], +m[3]);
  // A serial number written as text (CSV exported from a date column without format).
  if (SERIAL_TEXT.test(s)) return serialToDay(Number(s));
  return BAD_DATE;
}

function numberToDay(n: number): Day | Problem {
  if (Number.isInteger(n) && n >= 19000101 && n <= 99991231) {
    return ymd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
  }
  return serialToDay(n);
}

// ---- Slash dates with the year last (SPEC §8): 6/17/2026, 17/6/2026, 7/1/2026 ----

const SLASH_YEAR_LAST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** How a column's slash dates are read: month/day/year, day/month/year, or undecided because the column holds both. */
export type SlashOrder = 'mdy' | 'dmy' | 'mixed';

/** What one slash date can be: only m/d/y, only d/m/y, either (a different day each way), the same day both ways (7/7/2026), or neither. null: not such a date. */
export type SlashKind = 'mdy' | 'dmy' | 'ambiguous' | 'same' | 'invalid';

export function slashKind(cell: Cell): SlashKind | null {
  if (typeof cell !== 'string' || cell.indexOf('/') < 0) return null;
  const s = prepared(cell);
  if (typeof s !== 'string') return null;
  const m = SLASH_YEAR_LAST.exec(s);
  if (!m) return null;
  const a = +m[1];
  const b = +m[2];
  const y = +m[3];
  const asMdy = isValidDay(y, a, b);
  const asDmy = isValidDay(y, b, a);
  if (asMdy && asDmy) return a === b ? 'same' : 'ambiguous';
  return asMdy ? 'mdy' : asDmy ? 'dmy' : 'invalid';
}

const AMBIGUOUS_DATE = problem('ambiguous_date');
const MIXED_DATE = problem('mixed_date');

function slashToDay(m: RegExpExecArray, order: SlashOrder | undefined): Day | Problem {
  const a = +m[1];
  const b = +m[2];
  const y = +m[3];
  if (order === 'mdy') return ymd(y, a, b);
  if (order === 'dmy') return ymd(y, b, a);
  // Undecided: a value that can only be read one way is read that way; one that reads two ways is refused.
  const asMdy = isValidDay(y, a, b);
  const asDmy = isValidDay(y, b, a);
  if (asMdy && asDmy && a !== b) return order === 'mixed' ? MIXED_DATE : AMBIGUOUS_DATE;
  return asMdy ? ymd(y, a, b) : ymd(y, b, a);
}

/**
 * A calendar day `YYYY-MM-DD`. `slash` is how the column reads `6/17/2026`-style
 * text (decided per column by the reader, core/input/tabs.ts); without it a
 * value that reads only one way is read so and one that reads two ways is refused.
 */
export function toDay(cell: Cell, slash?: SlashOrder): Day | null | Problem {
  if (isBlank(cell)) return null;
  if (typeof cell === 'string') {
    const s = prepared(cell);
    if (typeof s !== 'string') return s;
    const m = s.indexOf('/') > 0 ? SLASH_YEAR_LAST.exec(s) : null;
    return m ? slashToDay(m, slash) : textToDay(s);
  }
  if (typeof cell === 'number') return numberToDay(cell);
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return BAD_DATE;
    return ymd(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  return BAD_DATE;
}

// ---- Months and periods ----

const MONTH_SEP = /^(\d{4})[-/.](\d{1,2})$/;
const MONTH_ZH = /^(\d{4})\s*年\s*(\d{1,2})\s*月份?$/;
const MONTH_COMPACT = /^(\d{4})(\d{2})$/;

function ym(y: number, m: number): string | Problem {
  return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 ? `${y}-${pad2(m)}` : BAD_MONTH;
}

function textToMonth(s: string): string | Problem {
  const m = MONTH_SEP.exec(s) ?? MONTH_ZH.exec(s) ?? MONTH_COMPACT.exec(s);
  if (m) return ym(+m[1], +m[2]);
  // A full date names its month (Sheets turns a typed "2026-07" into 2026-07-01).
  const day = textToDay(s);
  return typeof day === 'string' ? day.slice(0, 7) : BAD_MONTH;
}

/** A month `YYYY-MM`. */
export function toMonth(cell: Cell): string | null | Problem {
  if (isBlank(cell)) return null;
  if (typeof cell === 'string') {
    const s = prepared(cell);
    return typeof s === 'string' ? textToMonth(s) : s;
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 190001 && cell <= 999912) return ym(Math.floor(cell / 100), cell % 100);
    const day = numberToDay(cell);
    return typeof day === 'string' ? day.slice(0, 7) : BAD_MONTH;
  }
  const day = toDay(cell);
  return typeof day === 'string' ? day.slice(0, 7) : BAD_MONTH;
}

const PERIOD_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(\d{4})年?第?([1-4一二三四])季度?$/, (m) => `${m[1]}-Q${zhDigit(m[2])}`],
  [/^(\d{4})年?q([1-4])$/, (m) => `${m[1]}-Q${m[2]}`],
  [/^(\d{4})年?h([12])$/, (m) => `${m[1]}-H${m[2]}`],
  [/^(\d{4})年?([上下])半年$/, (m) => `${m[1]}-H${m[2] === '上' ? 1 : 2}`],
  [/^(\d{4})年度?$/, (m) => m[1]],
  [/^(\d{4})年(\d{1,2})月份?$/, (m) => `${m[1]}-${m[2]}`],
  [/^(\d{4})[/.](\d{1,2})$/, (m) => `${m[1]}-${m[2]}`],
  [/^(\d{4})(\d{2})$/, (m) => `${m[1]}-${m[2]}`],
];

function zhDigit(c: string): string {
  const i = '一二三四'.indexOf(c);
  return i >= 0 ? String(i + 1) : c;
}

function textToPeriod(s: string): string | Problem {
  const direct = parsePeriod(s);
  if (direct) return direct.id;
  const compact = s.toLowerCase().replace(/\s+/g, '');
  for (const [re, build] of PERIOD_ZH) {
    const m = re.exec(compact);
    if (m) return parsePeriod(build(m))?.id ?? BAD_PERIOD;
  }
  const day = textToDay(s);
  return typeof day === 'string' ? day.slice(0, 7) : BAD_PERIOD;
}

/** A period id: `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY` (also 2026年第3季度, 2026年上半年, …). */
export function toPeriod(cell: Cell): string | null | Problem {
  if (isBlank(cell)) return null;
  if (typeof cell === 'string') {
    const s = prepared(cell);
    return typeof s === 'string' ? textToPeriod(s) : s;
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1900 && cell <= 9999) return String(cell);
    const month = toMonth(cell);
    return typeof month === 'string' ? month : BAD_PERIOD;
  }
  const day = toDay(cell);
  return typeof day === 'string' ? day.slice(0, 7) : BAD_PERIOD;
}

// ---- Numbers ----

export type PercentMode = 'points' | 'ratio';

const PLAIN_NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_COMMA = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const GROUPED_SPACE = /^\d{1,3}(?: \d{3})+(?:\.\d+)?$/;
const UNIT = /\s*[分次天个人名字]$/;

/** Strip a sign and grouping; returns [sign, unsigned decimal text] or a problem. */
function unsignedDecimal(s: string): [number, string] | Problem {
  let sign = 1;
  let t = s;
  const c = t.charCodeAt(0);
  if (c === 45 /* - */ || c === 0x2212 /* − */) { sign = -1; t = t.slice(1).trimStart(); }
  else if (c === 43 /* + */) t = t.slice(1).trimStart();
  if (t.indexOf(',') >= 0) {
    if (!GROUPED_COMMA.test(t)) return NOT_A_NUMBER;
    t = t.replace(/,/g, '');
  } else if (t.indexOf(' ') >= 0) {
    if (!GROUPED_SPACE.test(t)) return NOT_A_NUMBER;
    t = t.replace(/ /g, '');
  }
  return PLAIN_NUMBER.test(t) ? [sign, t] : NOT_A_NUMBER;
}

function textToNumber(s: string, percent: PercentMode): number | Problem {
  let t = s;
  let isPercent = false;
  if (t.endsWith('%')) { isPercent = true; t = t.slice(0, -1).trimEnd(); }
  else if (UNIT.test(t)) t = t.replace(UNIT, '');
  const parsed = unsignedDecimal(t);
  if (isProblem(parsed)) return parsed;
  const n = parsed[0] * Number(parsed[1]);
  if (!Number.isFinite(n)) return OUT_OF_RANGE;
  const v = isPercent && percent === 'ratio' ? n / 100 : n;
  return v === 0 ? 0 : v; // never -0
}

/** A number. Text forms: see the file comment. */
export function toNumber(cell: Cell, percent: PercentMode = 'points'): number | null | Problem {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : NOT_A_NUMBER;
  if (isBlank(cell)) return null;
  if (typeof cell === 'string') {
    const s = prepared(cell);
    return typeof s === 'string' ? textToNumber(s, percent) : s;
  }
  return NOT_A_NUMBER; // booleans and dates are not numbers
}

/** A whole number (`4`, `"4.0"`); `4.5` is `not_an_integer`. */
export function toInteger(cell: Cell): number | null | Problem {
  const n = toNumber(cell);
  if (typeof n !== 'number') return n;
  return Number.isInteger(n) ? n : NOT_AN_INTEGER;
}

// ---- Money ----

const CURRENCY_PREFIX = /^(?:¥|￥|\$|rmb|cny)\s*/i;
const CURRENCY_SUFFIX = /\s*(?:元|rmb|cny)$/i;
const DECIMAL_PARTS = /^(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Exact decimal text → integer fen (half away from zero on the third decimal). */
export function decimalToFen(sign: number, text: string): number | Problem {
  const m = DECIMAL_PARTS.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return NOT_A_NUMBER;
  const all = m[1] + (m[2] ?? '');
  if (/^0*$/.test(all)) return 0;
  const exp = m[3] ? Number(m[3]) : 0;
  const cut = m[1].length + exp + 2; // digits of `all` before `cut` are whole fen
  if (cut > 17) return OUT_OF_RANGE;
  let whole: string;
  let next: string;
  if (cut <= 0) { whole = '0'; next = cut === 0 ? all[0] : '0'; }
  else if (cut >= all.length) { whole = all + '0'.repeat(cut - all.length); next = '0'; }
  else { whole = all.slice(0, cut); next = all[cut]; }
  let fen = Number(whole);
  if (next >= '5') fen += 1;
  if (!Number.isSafeInteger(fen)) return OUT_OF_RANGE;
  return sign < 0 && fen !== 0 ? -fen : fen;
}

/** An amount of money in integer fen (`"¥1,200.50"` → 120050). */
export function toFen(cell: Cell): number | null | Problem {
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return NOT_A_NUMBER;
    const s = String(Math.abs(cell));
    return decimalToFen(cell < 0 ? -1 : 1, s);
  }
  if (isBlank(cell)) return null;
  if (typeof cell !== 'string') return NOT_A_NUMBER;
  const p = prepared(cell);
  if (typeof p !== 'string') return p;
  let s = p;
  let sign = 1;
  if (s.startsWith('(') && s.endsWith(')')) { sign = -1; s = s.slice(1, -1).trim(); }
  if (s.startsWith('-') || s.startsWith('−')) { sign = -sign; s = s.slice(1).trimStart(); }
  s = s.replace(CURRENCY_PREFIX, '').replace(CURRENCY_SUFFIX, '');
  const parsed = unsignedDecimal(s);
  if (isProblem(parsed)) return parsed;
  return decimalToFen(sign * parsed[0], parsed[1]);
}

// ---- Coded values ----

/** yes/no, true/false, 是/否, Y/N, ✓/✗, 1/0. */
export function toBoolean(cell: Cell): boolean | null | Problem {
  if (typeof cell === 'boolean') return cell;
  if (isBlank(cell)) return null;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : BAD_BOOLEAN;
  if (typeof cell !== 'string') return BAD_BOOLEAN;
  const s = prepared(cell);
  if (typeof s !== 'string') return s;
  return booleanOf(s) ?? BAD_BOOLEAN;
}

export function toLevel(cell: Cell): Level | null | Problem {
  const t = toText(cell);
  if (t === null || isProblem(t)) return t;
  return levelOf(t) ?? problem('bad_level');
}

export function toRating(cell: Cell): Rating | null | Problem {
  const t = toText(cell);
  if (t === null || isProblem(t)) return t;
  return ratingOf(t) ?? problem('bad_rating');
}

export function toAppealStatus(cell: Cell): AppealStatus | null | Problem {
  const t = toText(cell);
  if (t === null || isProblem(t)) return t;
  return appealStatusOf(t) ?? problem('bad_status');
}

// ---- Text measures ----

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x1680;
}

/** Characters of a text with white space left out; a CJK character or an emoji counts 1 (code points). */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    } else if (!isSpace(c)) n++;
  }
  return n;
}
