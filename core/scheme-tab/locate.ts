/**
 * From a path inside the scheme (`awards[0].quota.count`) to the cell of the
 * Scheme tab that produced it, and the located message people read:
 * "Awards, row 14, column Quota: “ten” is not a number" /
 * 「方案」「奖项」第 14 行「名额」列：“十个”不是数字.
 * Validation problems (zod issues, unknown references, rescaled weights) are
 * rephrased here with the cell's value and what is expected.
 */
import type { Cell, Diagnostic } from '../types';
import { cellText, diag } from '../diagnostics';
import { schemeSchemas, type Text } from '../scheme/model';
import type { BlockDef } from './layout';
import type { CellProblem } from './codec';
import { valueLabel } from './labels';

export interface Loc {
  block: BlockDef;
  /** Row as the user sees it; null when the block is absent. */
  row: number | null;
  /** Column header as written ('' when not tied to a column). */
  header: string;
  /** Field label (table column or missing setting). */
  label: Text | null;
  /** The cell's value. */
  raw: Cell;
  /** Key/value blocks: the setting's label. */
  kvKey: Text | null;
  /** Key/value blocks: the value column's label (when the setting's row exists). */
  kvHeader: Text | null;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  values?: unknown[];
  format?: string;
  input?: unknown;
  note?: string;
  options?: unknown[];
}

export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** The parent of a path: `a[0].b` → `a[0]` → `a` → ''. */
function parentPath(p: string): string {
  const m = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(p);
  return m ? m[1] : '';
}

const EXPECTED_WORDS: Record<string, Text> = {
  number: { zh: '数字', en: 'a number' },
  string: { zh: '文字', en: 'text' },
  boolean: { zh: '是 / 否', en: 'yes / no' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '一组设置', en: 'a group of settings' },
  int: { zh: '整数', en: 'a whole number' },
};

const CUSTOM_ZH: Record<string, string> = {
  'at most 2 decimals': '金额最多两位小数',
  'max must differ from min': '上限不能等于下限',
  'a component has either a measure or parts': '评分项须填写“指标”或“组成”之一（不能都填或都不填）',
  'must be a finite number': '应为有限的数字',
};

const CUSTOM_CODE: Record<string, string> = {
  'at most 2 decimals': 'bad_decimals',
  'max must differ from min': 'bad_range',
  'a component has either a measure or parts': 'measure_or_parts',
  'must be a finite number': 'not_a_number',
};

/** Object-level rules and the column they are about. */
const CUSTOM_FIELD: Record<string, string> = {
  'a component has either a measure or parts': 'measure',
  'max must differ from min': 'max',
};

export class Locator {
  private readonly locs = new Map<string, Loc>();
  private readonly errors = new Set<string>();
  private issues: Map<string, Issue[]> | null = null;

  constructor(private readonly tabName: string) {}

  set(path: string, loc: Loc): void {
    this.locs.set(path, loc);
  }

  get(path: string): Loc | null {
    return this.locs.get(path) ?? null;
  }

  has(path: string): boolean {
    return this.locs.has(path);
  }

  /** A cell already reported by the reader (its validation issue would repeat it). */
  markError(path: string): void {
    this.errors.add(path);
  }

  /** The nearest located path: the path itself, else its parents. */
  find(path: string): Loc | null {
    for (let p = path; ; p = parentPath(p)) {
      const l = this.locs.get(p);
      if (l) return l;
      if (p === '') return null;
    }
  }

  private repeatsError(path: string): boolean {
    for (const e of this.errors) {
      if (path === e || path.startsWith(`${e}.`) || path.startsWith(`${e}[`) || e.startsWith(`${path}.`) || e.startsWith(`${path}[`)) return true;
    }
    return false;
  }

  /** "Awards, row 14, column Quota" / 「方案」「奖项」第 14 行「名额」列. */
  where(loc: Loc): Text {
    const en: string[] = [loc.block.title.en];
    let zh = `「${this.tabName}」「${loc.block.title.zh}」`;
    if (loc.row !== null) {
      en.push(`row ${loc.row}`);
      zh += `第 ${loc.row} 行`;
    }
    if (loc.kvKey) {
      if (loc.kvHeader) {
        en.push(`column ${loc.kvHeader.en} (${loc.kvKey.en})`);
        zh += `「${loc.kvHeader.zh}」列（${loc.kvKey.zh}）`;
      } else {
        en.push(`setting ${loc.kvKey.en}`);
        zh += `（${loc.kvKey.zh}）`;
      }
    } else if (loc.label || loc.header) {
      en.push(`column ${loc.label?.en ?? loc.header}`);
      zh += `「${loc.label?.zh ?? loc.header}」列`;
    }
    return { zh, en: en.join(', ') };
  }

  cellDiagnostic(loc: Loc, code: string, zh: string, en: string, severity: 'error' | 'warning' | 'info'): Diagnostic {
    const w = this.where(loc);
    return diag({
      severity, code, tab: this.tabName, row: loc.row, column: loc.header, value: loc.raw,
      zh: `${w.zh}：${zh}`, en: `${w.en}: ${en}`,
    });
  }

  /** A validation diagnostic (column = scheme path) located at its cell; null when it repeats a reader problem. */
  locate(d: Diagnostic, input: unknown): Diagnostic | null {
    const path = d.column;
    if (d.code === 'scheme_invalid' && this.repeatsError(path)) return null;
    let loc = this.find(path);
    if (d.code === 'weights_rescaled') loc = this.get(`${path}[0].weight`) ?? loc;
    let relocated = false;
    let problem: CellProblem = { code: d.code, zh: d.message.zh, en: d.message.en };
    if (d.code === 'scheme_invalid') {
      const issue = this.nextIssue(path, input);
      const field = issue?.code === 'custom' ? CUSTOM_FIELD[issue.message] : undefined;
      const at = field ? this.get(`${path}.${field}`) : null;
      if (at) { loc = at; relocated = true; }
      if (issue) problem = this.describe(issue, loc, input);
    }
    if (!loc) {
      return { ...d, tab: this.tabName, column: '', code: problem.code, message: { zh: `「${this.tabName}」：${problem.zh}`, en: `${this.tabName}: ${problem.en}` } };
    }
    const atCell = relocated || this.locs.get(path) === loc || loc.raw !== null;
    const out = this.cellDiagnostic(loc, problem.code, problem.zh, problem.en, d.severity);
    // At a cell the value is the cell's; a whole-row or whole-block problem (and the sum of
    // rescaled weights) keeps the value validation reported.
    return atCell && d.code !== 'weights_rescaled' ? out : { ...out, value: d.value };
  }

  private nextIssue(path: string, input: unknown): Issue | null {
    if (!this.issues) {
      this.issues = new Map();
      const r = schemeSchemas().SchemeSchema.safeParse(input);
      if (!r.success) {
        for (const i of r.error.issues as unknown as Issue[]) {
          const k = pathText(i.path);
          const list = this.issues.get(k) ?? [];
          list.push(i);
          this.issues.set(k, list);
        }
      }
    }
    return this.issues.get(path)?.shift() ?? null;
  }

  /** What is wrong, in words, with the cell's value. */
  private describe(i: Issue, loc: Loc | null, input: unknown): CellProblem {
    const raw = loc?.raw;
    const v = raw === null || raw === undefined || raw === '' ? '' : `“${cellText(raw)}”`;
    const at = valueAt(input, i.path);
    switch (i.code) {
      case 'invalid_type': {
        const exp = EXPECTED_WORDS[i.expected ?? ''] ?? { zh: String(i.expected), en: String(i.expected) };
        if (at === undefined) return { code: 'missing_value', zh: `必须填写（${exp.zh}）`, en: `a value is required (${exp.en})` };
        return { code: 'bad_type', zh: `${v || '此值'}不是${exp.zh}`, en: `${v || 'the value'} is not ${exp.en}` };
      }
      case 'too_small': {
        const n = String(i.minimum);
        if (i.origin === 'array' || i.origin === 'set') {
          return { code: 'too_few', zh: `至少需要 ${n} 项`, en: `needs at least ${n} item${n === '1' ? '' : 's'}` };
        }
        if (i.origin === 'string') return { code: 'missing_value', zh: '不能为空', en: 'must not be empty' };
        return i.inclusive === false
          ? { code: 'out_of_range', zh: `${v || '此值'}应大于 ${n}`, en: `${v || 'the value'} must be more than ${n}` }
          : { code: 'out_of_range', zh: `${v || '此值'}不能小于 ${n}`, en: `${v || 'the value'} must be at least ${n}` };
      }
      case 'too_big': {
        const n = String(i.maximum);
        if (i.origin === 'array' || i.origin === 'set') return { code: 'too_many', zh: `最多 ${n} 项`, en: `at most ${n} items` };
        return i.inclusive === false
          ? { code: 'out_of_range', zh: `${v || '此值'}应小于 ${n}`, en: `${v || 'the value'} must be less than ${n}` }
          : { code: 'out_of_range', zh: `${v || '此值'}不能大于 ${n}`, en: `${v || 'the value'} must be at most ${n}` };
      }
      case 'invalid_format':
        return {
          code: 'bad_id',
          zh: `${v || '此值'}不是有效的编号：只能用小写字母、数字和 _（如 smile_cards）`,
          en: `${v || 'the value'} is not a valid id: ${i.message}`,
        };
      case 'invalid_value': {
        if (at === undefined) return { code: 'missing_value', zh: '必须填写', en: 'a value is required' };
        const vals = (i.values ?? []).map(String);
        return {
          code: 'unknown_value',
          zh: `${v || '此值'}不是可选值：${vals.map((x) => valueLabel(x, 'zh')).join('、')}`,
          en: `${v || 'the value'} is not one of: ${vals.join(', ')}`,
        };
      }
      case 'invalid_union': {
        if (at === undefined) return { code: 'missing_value', zh: '必须填写', en: 'a value is required' };
        return { code: 'bad_value', zh: `${v || '此值'}无效`, en: `${v || 'the value'} is not valid` };
      }
      case 'custom': {
        const zh = CUSTOM_ZH[i.message];
        const code = CUSTOM_CODE[i.message] ?? 'scheme_invalid';
        return { code, zh: `${v ? `${v}：` : ''}${zh ?? i.message}`, en: `${v ? `${v}: ` : ''}${i.message}` };
      }
      default:
        return { code: 'scheme_invalid', zh: `${v ? `${v}：` : ''}${i.message}`, en: `${v ? `${v}: ` : ''}${i.message}` };
    }
  }
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}
