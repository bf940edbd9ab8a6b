/**
 * What-if before writing (SPEC §11), the public entry of core/whatif: compute a
 * scheme with some one-cell edits on the data already read, and say what would
 * change against the unedited scheme — winners gained and lost with amounts,
 * money paid per award before → after, stars and penalties that change. Nothing
 * is written: the front ends show the difference, and Apply writes the edited
 * scheme into the Scheme tab (core/orchestrator.ts).
 *
 * A session keeps the data and the unedited result, so each further preview is
 * one computation (the Excel worker and the command line read the data once).
 */
import type { Dataset, Diagnostic, Lang, ResultJson } from '../types';
import type { Scheme, Text } from '../scheme/model';
import type { Period } from '../periods';
import { computeScheme } from '../engine/compute';
import { buildResultJson } from '../output/result-json';
import { applyEdits, type WhatIfChange, type WhatIfEdit } from './edits';
import { diffResults, type ResultDiff } from './diff';
import { editableCells, type EditableCell } from './keys';
import { encode } from '../scheme-tab/codec';
import { schemeLabels } from '../output/scheme-labels';

export { applyEdits, parseEditArg, groupThousands } from './edits';
export type { WhatIfChange, WhatIfEdit, EditedScheme } from './edits';
export { diffResults, isEmptyDiff } from './diff';
export type { ResultDiff, WinnerLine, AmountChange, StarChange } from './diff';
export { editableCells, lookupKey, normKey } from './keys';
export type { EditableCell } from './keys';
export { renderWhatIf } from './text';
export type { WhatIfSection } from './text';
export { previewView, applyView } from './view';
export type { WhatIfArgs, WhatIfView } from './view';

/** The `--json` object of `service-star whatif` (SPEC §11), plus what else changes. */
export interface WhatIfJson extends ResultDiff {
  period: string;
  scheme: string;
  changes: { key: string; from: unknown; to: unknown }[];
}

/** Names for showing a difference to people (ids stay in the JSON). */
export interface WhatIfNames {
  awards: Record<string, Text>;
  staff: Record<string, string>;
  /** Penalty action id → label (core/output/scheme-labels.ts). */
  actions: Record<string, Text>;
}

export interface WhatIfOutcome {
  /** The difference (null when an edit is not valid). */
  json: WhatIfJson | null;
  changes: WhatIfChange[];
  /** Problems of the edits (errors) and the edited scheme's warnings. */
  diagnostics: Diagnostic[];
  /** For a key that names nothing: the nearest valid keys. */
  nearest: string[];
  /** The edited scheme (what Apply writes), null when not valid. */
  scheme: Scheme | null;
  names: WhatIfNames;
}

export interface WhatIfOptions {
  /**
   * The data read again with another scheme's read settings (probation months,
   * feedback scale), for an edit of those; without it such an edit is an error.
   */
  reread?: (scheme: Scheme) => Dataset;
}

const sameReadSettings = (a: Scheme, b: Scheme) =>
  a.probationMonths === b.probationMonths && a.feedbackScale.min === b.feedbackScale.min && a.feedbackScale.max === b.feedbackScale.max;

function resultOf(scheme: Scheme, data: Dataset, period: Period): ResultJson {
  // The language only words the diagnostics, and near misses are not compared (core/whatif/diff.ts): neither is made.
  return buildResultJson(computeScheme(scheme, data, period), scheme.id, [], 'en', { nearMisses: false });
}

function namesOf(schemes: Scheme[], data: Dataset): WhatIfNames {
  const awards: Record<string, Text> = {};
  for (const s of schemes) {
    for (const a of s.awards) {
      awards[a.id] ??= a.name;
      if (a.payUp) awards[a.payUp.award] ??= a.payUp.name;
    }
  }
  const staff: Record<string, string> = {};
  for (const p of data.staff) staff[p.id] = p.name;
  const actions: Record<string, Text> = {};
  for (const s of schemes) for (const [id, l] of Object.entries(schemeLabels(s).actions)) actions[id] ??= l;
  return { awards, staff, actions };
}

/** A what-if session on data already read: the unedited result is computed once, each preview once more. */
export class WhatIfSession {
  private before: ResultJson | null = null;

  constructor(readonly scheme: Scheme, readonly data: Dataset, readonly period: Period, private readonly options: WhatIfOptions = {}) {}

  /** The unedited scheme's result (computed on first use). */
  baseResult(): ResultJson {
    this.before ??= resultOf(this.scheme, this.data, this.period);
    return this.before;
  }

  /** Compute with the edits and compare with the unedited scheme. Writes nothing. */
  preview(edits: WhatIfEdit[]): WhatIfOutcome {
    const e = applyEdits(this.scheme, edits);
    const names = namesOf(e.scheme ? [this.scheme, e.scheme] : [this.scheme], this.data);
    const failed = { json: null, changes: e.changes, diagnostics: e.diagnostics, nearest: e.nearest, scheme: null, names };
    if (!e.scheme) return failed;
    let data = this.data;
    if (!sameReadSettings(this.scheme, e.scheme)) {
      if (!this.options.reread) {
        return {
          ...failed,
          diagnostics: [...e.diagnostics, {
            severity: 'error', code: 'whatif_read_setting', tab: '', row: null, column: e.changes.map((c) => c.key).join(', '), value: '',
            message: {
              zh: '试用期和客户评分范围决定数据如何读取，不能在预览中修改：请应用后重新计算',
              en: 'Probation months and the feedback scale decide how the data is read and cannot be previewed: apply the change, then compute',
            },
          }],
        };
      }
      data = this.options.reread(e.scheme);
    }
    // No change in force (none asked, or every value as it was): the unedited result, computed once.
    const after = e.changes.length ? resultOf(e.scheme, data, this.period) : this.baseResult();
    const diff = diffResults(this.baseResult(), after);
    const json: WhatIfJson = {
      period: this.period.id,
      scheme: this.scheme.id,
      changes: e.changes.map((c) => ({ key: c.key, from: c.from, to: c.to })),
      ...diff,
    };
    return { json, changes: e.changes, diagnostics: [...e.diagnostics, ...quotaNotes(e.scheme, e.changes, data)], nearest: [], scheme: e.scheme, names };
  }
}

/**
 * A quota edit of an award whose places the Quotas tab sets for some scopes does
 * not reach those scopes (SPEC §1 Quotas): say so, or "nothing changes" puzzles.
 */
function quotaNotes(scheme: Scheme, changes: WhatIfChange[], data: Dataset): Diagnostic[] {
  const out: Diagnostic[] = [];
  const norm = (s: string) => s.trim().toLowerCase();
  for (const a of scheme.awards) {
    const edited = changes.some((c) => c.key === `awards.${a.id}.quota.count` || c.key === `awards.${a.id}.quota.percent`);
    if (!edited || !a.quota.fromTab) continue;
    const names = new Set([a.id, a.name.zh, a.name.en].map(norm));
    const scopes = [...new Set(data.quotas.filter((q) => names.has(norm(q.award))).map((q) => q.scope))];
    if (!scopes.length) continue;
    const list = scopes.slice(0, 5).join(', ') + (scopes.length > 5 ? ' …' : '');
    out.push({
      severity: 'info', code: 'whatif_quota_from_tab', tab: data.tabNames.quotas ?? '', row: null, column: '', value: list,
      message: {
        zh: `“名额”表为“${a.name.zh}”设定了 ${scopes.length} 个范围的名额（${list}）：这些范围不受此改动影响`,
        en: `The Quotas tab sets the places of "${a.name.en}" for ${scopes.length} scope${scopes.length === 1 ? '' : 's'} (${list}): the change does not reach them`,
      },
    });
  }
  return out;
}

/** One preview without a session: the scheme, the edits, the data already read (core/input/tabs.ts readDataset) and the period. */
export function whatIf(scheme: Scheme, edits: WhatIfEdit[], data: Dataset, period: Period, options: WhatIfOptions = {}): WhatIfOutcome {
  return new WhatIfSession(scheme, data, period, options).preview(edits);
}

/** One line of *Try a change*: a common one-cell edit with its current value. */
export interface CommonEdit {
  key: string;
  label: Text;
  /** The current value as the Scheme tab writes it, per language. */
  value: Text;
  /** How the sidebar asks for a new value. */
  input: 'number' | 'money' | 'boolean' | 'text';
}

/**
 * Which cells *Try a change* offers (SPEC §11: prize amounts, pool budgets, quotas,
 * weights, thresholds, gates on/off): by block and column of the Scheme tab's
 * layout, so every scheme — shipped or the user's — gets its own list.
 */
const COMMON_COLUMNS: Record<string, string[]> = {
  awards: ['prize.amount', 'prize.budget', 'quota.count', 'quota.percent', 'payUp.amounts'],
  'awards[].requirements': ['value'],
  'score.components': ['weight'],
  'score.components[].parts': ['weight'],
  gates: ['enabled', 'minMonths', 'value'],
  'stars.bands': ['min', 'bonus'],
  penalties: ['when.value', 'amount'],
  flags: ['when.value'],
  // Points per rule are the prize of a points scheme.
  'points.rules': ['points'],
};

/** The scheme's common one-cell edits with their current values (cells holding a value, gates on/off always). */
export function commonEdits(scheme: Scheme): CommonEdit[] {
  return editableCells(scheme)
    .filter((c) => COMMON_COLUMNS[c.block]?.includes(c.column) && (c.value !== undefined || c.codec.t === 'boolean'))
    .filter((c) => c.codec.t !== 'json')
    .map((c) => ({ key: c.key, label: c.label, value: { zh: cellShown(c, 'zh'), en: cellShown(c, 'en') }, input: inputOf(c) }));
}

function cellShown(c: EditableCell, lang: Lang): string {
  const v = c.value === undefined && c.codec.t === 'boolean' ? true : c.value;
  const cell = encode(c.codec, v, lang);
  return cell === null || cell === undefined ? '' : String(cell);
}

function inputOf(c: EditableCell): CommonEdit['input'] {
  if (c.codec.t === 'boolean') return 'boolean';
  if (c.codec.t === 'number') return c.codec.money ? 'money' : 'number';
  return 'text';
}
