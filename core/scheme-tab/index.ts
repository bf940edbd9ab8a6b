/**
 * The scheme as an editable tab (issue 7): render a scheme to the Scheme tab,
 * read the tab back (same zod schema and checks as presets), every problem
 * located at its cell.
 */
import type { Diagnostic, Lang, RawTab } from '../types';
import type { Scheme } from '../scheme/model';
import { validateScheme } from '../scheme/validate';
import { parseSchemeTab } from './parse';

export { parseSchemeTab, headerKey } from './parse';
export type { SchemeTabParse } from './parse';
export { renderSchemeRows, buildSchemeTab, SCHEME_TAB_NAME, TITLE_MARK, NOTE_MARK } from './render';
export { schemeLayout } from './layout';
export type { BlockDef, ColumnDef, Layout } from './layout';

export interface SchemeTabResult {
  /** The validated scheme (defaults filled in), or null when the tab has errors. */
  scheme: Scheme | null;
  /** The scheme as written in the tab (before validation), or null when no block was found. */
  input: Record<string, unknown> | null;
  /** Every problem, located at its cell (tab, row, column as written). */
  diagnostics: Diagnostic[];
  lang: Lang;
}

/**
 * What core/scheme/resolve.ts calls for a workbook's Scheme tab: the scheme as
 * written, the tab's own problems, and how to locate validation problems.
 */
export function schemeTabReader(tab: RawTab): { input: unknown; diagnostics: Diagnostic[]; locate: (d: Diagnostic) => Diagnostic | null } {
  const p = parseSchemeTab(tab);
  return { input: p.input, diagnostics: p.diagnostics, locate: p.locate };
}

/** Read and validate a Scheme tab in one step (tests, the sidebar's validation state). */
export function readSchemeTab(tab: RawTab): SchemeTabResult {
  const p = parseSchemeTab(tab);
  if (p.input === null) return { scheme: null, input: null, diagnostics: p.diagnostics, lang: p.lang };
  const v = validateScheme(p.input);
  const located = v.diagnostics.map(p.locate).filter((d): d is Diagnostic => d !== null);
  const diagnostics = [...p.diagnostics, ...located];
  const failed = diagnostics.some((d) => d.severity === 'error');
  return { scheme: failed ? null : v.scheme, input: p.input, diagnostics, lang: p.lang };
}
