/**
 * Templates (issue 7): the input tabs a preset reads — headers in the workbook's
 * language from the data contract (core/input/aliases.ts), a note on every header
 * saying what goes there, example rows consistent with the scheme for one recent
 * period — the Appeals and Investigations tabs (headers and notes) and the preset's Scheme tab. `planTemplateInsert` says what a host may
 * add to a workbook that already has tabs: a user's tab is never replaced.
 */
import type { Cell, ColumnFormat, Lang, OutputTab, TabId } from '../types';
import { TAB_SPECS, tabIdOf } from '../input/aliases';
import { getPreset, validatePreset } from '../presets/index';
import { isSchemeTabName } from '../scheme/resolve';
import { lastCompletedPeriod, parsePeriod, type Period } from '../periods';
import type { Scheme } from '../scheme/model';
import { buildSchemeTab, NOTE_MARK } from '../scheme-tab/index';
import { exampleData, tabsUsed } from './examples';
import { columnNote } from './notes';

export { tabsUsed, exampleData, incidentTypes, measurePolarity } from './examples';

export interface TemplateOptions {
  /** The period the example rows fall in (default: the last completed period of the scheme's cadence before `now`). */
  period?: string;
  /** Today, ISO 8601 (hosts pass their clock in; core never reads it). */
  now?: string;
  /** Leave the input tabs empty (header and notes only). */
  empty?: boolean;
}

/** "Today" when the host gives none, so the same call always builds the same template. */
export const DEFAULT_TODAY = '2026-07-01';

const FORMAT_OF: Partial<Record<string, ColumnFormat>> = {
  date: 'date', money: 'money', number: 'number', integer: 'integer',
};

/** The period of a template's example rows, or null for an unknown preset or a bad `period`. */
export function templatePeriod(presetId: string, options: TemplateOptions = {}): Period | null {
  const scheme = getPreset(presetId);
  if (!scheme) return null;
  return periodFor(scheme, options);
}

function periodFor(scheme: Scheme, options: TemplateOptions): Period | null {
  if (options.period !== undefined) return parsePeriod(options.period);
  const today = /^\d{4}-\d{2}-\d{2}/.test(options.now ?? '') ? options.now!.slice(0, 10) : DEFAULT_TODAY;
  return lastCompletedPeriod(scheme.cadence, today);
}

/** One input tab: header, notes, rows (cells by column, blanks as null). */
function inputTab(id: TabId, lang: Lang, rows: Record<string, Cell>[]): OutputTab {
  const spec = TAB_SPECS[id];
  return {
    name: spec[lang],
    kind: 'template',
    rows: [spec.columns.map((c) => c[lang]), ...rows.map((r) => spec.columns.map((c) => r[c.id] ?? null))],
    formats: spec.columns.map((c) => FORMAT_OF[c.type] ?? 'text'),
    notes: spec.columns.map((c) => columnNote(spec, c, lang)),
  };
}

/**
 * The template of a preset: its input tabs (Staff first) with example rows, then
 * the Scheme tab. An unknown preset or period gives no tabs.
 */
export function buildTemplate(presetId: string, lang: Lang, options: TemplateOptions = {}): OutputTab[] {
  const scheme = getPreset(presetId);
  if (!scheme) return [];
  const period = periodFor(scheme, options);
  if (!period) return [];
  const data = options.empty ? {} : exampleData({ scheme, period, lang });
  const tabs = tabsUsed(scheme).map((id) => inputTab(id, lang, data[id] ?? []));
  // Appeals and Investigations (SPEC §10): never required, so headers and notes only.
  tabs.push(inputTab('appeals', lang, []), inputTab('investigations', lang, []));
  const schemeTab = buildSchemeTab(scheme, lang);
  if (!options.empty) {
    schemeTab.rows.splice(2, 0, [lang === 'zh'
      ? `${NOTE_MARK} 示例数据属于 ${period.id}：计算该期间即可看到结果。`
      : `${NOTE_MARK} The example rows are for ${period.id}: compute that period to see results.`]);
  }
  // The seed's own numbers that make the first run warn (weights 40 + 40 + 30 = 110, seed 002): said up front (issue 13).
  const notes = (validatePreset(presetId)?.diagnostics ?? []).filter((d) => d.code === 'weights_rescaled');
  schemeTab.rows.splice(2, 0, ...notes.map((d) => [lang === 'zh'
    ? `${NOTE_MARK} 种子方案原文的权重之和为 ${d.value}，计算时按比例调整为 100，数据检查中会有一条提示（${d.message.zh}）。如不需要提示，把权重改为合计 100。`
    : `${NOTE_MARK} The seed's own weights sum to ${d.value}: they are rescaled to 100 and the Data check shows a warning (${d.message.en}). To avoid it, make the weights sum to 100.`]));
  return [...tabs, schemeTab];
}

export interface TemplatePlan {
  /** Tabs to add, in order. */
  add: OutputTab[];
  /** Template tabs not added because the workbook has them (name in the template, name as found). */
  skipped: { name: string; existing: string }[];
  /** The period of the example rows ('' when no rows were added). */
  period: string;
}

/**
 * What to insert into a workbook that already has `existing` tabs: only the
 * missing ones, never a replacement. When the workbook already has a data tab
 * of its own (Staff, Feedback …), the added input tabs get headers and notes
 * but no example rows: examples would name people it does not have, or its
 * rows would name people the examples do not have.
 */
export function planTemplateInsert(existing: string[], presetId: string, lang: Lang, options: TemplateOptions = {}): TemplatePlan {
  const have = new Map<string, string>();
  for (const name of existing) {
    const id = isSchemeTabName(name) ? 'scheme' : tabIdOf(name);
    if (id && !have.has(id)) have.set(id, name);
    have.set(`name:${name.trim().toLowerCase()}`, name);
  }
  // Example rows only make sense together: any data tab of the user's means headers only.
  const ownData = existing.some((n) => { const id = tabIdOf(n); return id !== null && id !== 'scheme' && id !== 'runs'; });
  const tabs = buildTemplate(presetId, lang, { ...options, empty: ownData || options.empty });
  const add: OutputTab[] = [];
  const skipped: { name: string; existing: string }[] = [];
  for (const t of tabs) {
    const id = t.kind === 'scheme' ? 'scheme' : tabIdOf(t.name);
    const found = (id ? have.get(id) : undefined) ?? have.get(`name:${t.name.trim().toLowerCase()}`);
    if (found !== undefined) skipped.push({ name: t.name, existing: found });
    else add.push(t);
  }
  const period = ownData || options.empty ? '' : templatePeriod(presetId, options)?.id ?? '';
  return { add, skipped, period };
}

/** What a host reports after inserting a template (the shape of ui/bridge.ts TemplateResult). */
export interface TemplateInsertResult {
  status: 'inserted' | 'exists';
  message: { zh: string; en: string };
  added: string[];
  skipped: string[];
}

/**
 * The host's answer for a plan it has written (`plan.add` written with
 * writeTabs, which can only add: every name in it is missing from the workbook).
 */
export function templateInsertResult(plan: TemplatePlan): TemplateInsertResult {
  const added = plan.add.map((t) => t.name);
  const skipped = plan.skipped.map((s) => s.existing);
  if (added.length === 0) {
    return {
      status: 'exists', added, skipped,
      message: { zh: '模板中的工作表都已存在，未做任何修改', en: 'Every tab of the template is already there; nothing was changed' },
    };
  }
  const keptZh = skipped.length ? `；已有的“${skipped.join('”“')}”保持不变` : '';
  const keptEn = skipped.length ? `; kept as they are: ${skipped.join(', ')}` : '';
  const periodZh = plan.period ? `。示例数据属于 ${plan.period}，计算该期间即可看到结果` : '';
  const periodEn = plan.period ? `. The example rows are for ${plan.period}: compute that period to see results` : '';
  return {
    status: 'inserted', added, skipped,
    message: {
      zh: `已添加“${added.join('”“')}”${keptZh}${periodZh}`,
      en: `Added ${added.join(', ')}${keptEn}${periodEn}`,
    },
  };
}
