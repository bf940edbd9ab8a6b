/**
 * Which scheme is in force (SPEC §1 "Scheme"): the workbook's Scheme tab when it
 * has one, else the preset chosen in the sidebar or on the command line.
 *
 * HOOK for issue 7: the Scheme tab parser (core/scheme-tab) is the default `tabReader`.
 * It must return the scheme as written (a SchemeInput-shaped object) plus located
 * diagnostics; everything after that (zod validation, references, weight
 * warnings) is shared with presets through validateScheme.
 */
import type { Diagnostic, RawTab } from '../types';
import { diag } from '../diagnostics';
import { tabIdOf } from '../input/aliases';
import { getPresetInput } from '../presets/index';
import type { Scheme } from './model';
import { validateScheme } from './validate';
import { nearestPreset, presetList } from '../presets/suggest';
import { schemeTabReader } from '../scheme-tab/index';

/** What a Scheme tab reader returns. */
export interface SchemeTabReading {
  /** The scheme as written in the tab (validated afterwards), or null when unreadable. */
  input: unknown;
  /** Located problems of the tab itself (cell-level). */
  diagnostics: Diagnostic[];
  /** Maps a validation diagnostic (column = scheme path) to its cell; null drops a repeat of a cell problem. */
  locate?: (d: Diagnostic) => Diagnostic | null;
}

export type SchemeTabReader = (tab: RawTab) => SchemeTabReading;

/**
 * Recognises the Scheme tab by name with the same matching as every input tab
 * (core/input/aliases.ts: Scheme, 方案, 评选方案, 奖惩方案 …, any case, spaces and width folded),
 * so a tab the data summary calls the scheme is also the one that is read.
 */
export function isSchemeTabName(name: string): boolean {
  return tabIdOf(name) === 'scheme';
}

let tabReader: SchemeTabReader | null = schemeTabReader;

/** Replace the Scheme tab reader (default: core/scheme-tab's; null = a Scheme tab is reported and the preset used). */
export function setSchemeTabReader(reader: SchemeTabReader | null): void {
  tabReader = reader;
}

export interface ResolvedScheme {
  /** The scheme in force, validated; null when none could be resolved. */
  scheme: Scheme | null;
  source: 'tab' | 'preset' | null;
  /** Scheme tab name as written, or null. */
  tabName: string | null;
  /** Scheme diagnostics (errors, rescaling warnings). */
  diagnostics: Diagnostic[];
  /** Why no scheme is in force (one clear message), else null. */
  fatal: Diagnostic | null;
}

/**
 * Resolve the scheme: the Scheme tab when present and a reader is installed,
 * otherwise the preset `presetId`.
 */
export function resolveScheme(tabs: RawTab[], presetId: string | null | undefined): ResolvedScheme {
  const tab = tabs.find((t) => isSchemeTabName(t.name)) ?? null;
  const diagnostics: Diagnostic[] = [];
  if (tab && tabReader) {
    const reading = tabReader(tab);
    diagnostics.push(...reading.diagnostics.map((d) => ({ ...d, tab: d.tab || tab.name })));
    const v = reading.input === null ? { scheme: null, diagnostics: [] } : validateScheme(reading.input);
    const located = reading.locate ? v.diagnostics.map(reading.locate).filter((d): d is Diagnostic => d !== null) : v.diagnostics;
    diagnostics.push(...located.map((d) => ({ ...d, tab: tab.name })));
    // A cell the reader could not read is an error even when the rest validates (never a silent default).
    if (!v.scheme || reading.diagnostics.some((d) => d.severity === 'error')) {
      return { scheme: null, source: 'tab', tabName: tab.name, diagnostics, fatal: schemeFatal(tab.name, diagnostics.filter((d) => d.severity === 'error')) };
    }
    return { scheme: v.scheme, source: 'tab', tabName: tab.name, diagnostics, fatal: null };
  }
  if (tab && !tabReader) {
    diagnostics.push(diag({
      severity: 'info', code: 'scheme_tab_not_read', tab: tab.name,
      zh: '暂不读取“方案”表，使用所选预设方案', en: 'The Scheme tab is not read yet; the chosen preset is used',
    }));
  }
  if (!presetId) {
    return {
      scheme: null, source: null, tabName: null, diagnostics,
      fatal: diag({
        severity: 'error', code: 'no_scheme',
        zh: `没有“方案”表，也没有选择预设方案：请选择一个预设方案（命令行加 --preset，例如 --preset smile-cards；可选：${presetList('zh')}），或插入模板得到“方案”表`,
        en: `There is no Scheme tab and no preset was chosen: choose a preset (on the command line --preset, e.g. --preset smile-cards; one of ${presetList('en')}), or insert a template to get a Scheme tab`,
      }),
    };
  }
  const input = getPresetInput(presetId);
  if (!input) {
    return {
      scheme: null, source: null, tabName: null, diagnostics,
      fatal: unknownPreset(presetId),
    };
  }
  const v = validateScheme(input);
  // A preset is not a tab of the workbook: its notes (e.g. weights rescaled) point at no tab, and its
  // JSON paths are no column a user can find (the message names what it is about).
  diagnostics.push(...v.diagnostics.map((d) => ({ ...d, tab: '', column: '' })));
  if (!v.scheme) {
    return { scheme: null, source: 'preset', tabName: null, diagnostics, fatal: schemeFatal(presetId, diagnostics.filter((d) => d.severity === 'error')) };
  }
  return { scheme: v.scheme, source: 'preset', tabName: null, diagnostics, fatal: null };
}

/** An unknown preset id: the nearest one when it looks like a typo, else the list. */
export function unknownPreset(presetId: string): Diagnostic {
  const near = nearestPreset(presetId);
  return diag({
    severity: 'error', code: 'unknown_preset', value: presetId,
    zh: near ? `没有名为“${presetId}”的预设方案，是不是 ${near}？（可选：${presetList('zh')}）` : `没有名为“${presetId}”的预设方案（可选：${presetList('zh')}）`,
    en: near ? `There is no preset "${presetId}": did you mean ${near}? (one of ${presetList('en')})` : `There is no preset "${presetId}" (use one of ${presetList('en')})`,
  });
}

/**
 * The one message of a scheme that cannot be used: every error at once (issue 13:
 * three broken cells are reported in one run), each located once — a located
 * message already says where (「方案」「指标」第 54 行「倍数」列), so it is not prefixed again.
 */
function schemeFatal(where: string, errors: Diagnostic[]): Diagnostic {
  const first = errors[0];
  const text = (lang: 'zh' | 'en'): string => {
    if (errors.length === 0) return lang === 'zh' ? `方案“${where}”有错误` : `The scheme ${where} has errors`;
    // In the order of the tab, so the list reads top to bottom.
    const items = [...errors].sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity)).map((d) => d.message[lang]);
    if (errors.length === 1) return lang === 'zh' ? `方案有错误：${items[0]}` : `The scheme has an error: ${items[0]}`;
    return lang === 'zh'
      ? `方案有 ${errors.length} 处错误：${items.map((t, k) => `(${k + 1}) ${t}`).join('；')}`
      : `The scheme has ${errors.length} errors: ${items.map((t, k) => `(${k + 1}) ${t}`).join('; ')}`;
  };
  return diag({ severity: 'error', code: 'scheme_invalid', tab: first?.tab ?? '', column: first?.column ?? '', value: first?.value ?? '', zh: text('zh'), en: text('en') });
}
