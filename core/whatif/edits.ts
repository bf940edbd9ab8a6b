/**
 * Applying what-if edits to a scheme: each KEY resolved to one cell of the
 * scheme (core/whatif/keys.ts), its value decoded like the Scheme tab reads that
 * cell, the edited scheme validated by the same schema and checks as the Scheme
 * tab and presets (core/scheme/validate.ts). Problems are located, bilingual
 * diagnostics (column = the key as given) listing the nearest valid keys.
 */
import type { Cell, Diagnostic } from '../types';
import type { Scheme, Text } from '../scheme/model';
import { validateScheme } from '../scheme/validate';
import { pathText } from '../scheme-tab/locate';
import { deepEqual, encode } from '../scheme-tab/codec';
import { diag } from '../diagnostics';
import { decodeValue, editableCells, expectedText, lookupKey, setAt, type EditableCell } from './keys';

/** One edit: a key (dotted path or the Scheme tab's label of the cell) and the value as typed. */
export interface WhatIfEdit {
  key: string;
  value: Cell;
}

/** One change in force: the canonical key, the Scheme tab's words for it, the value before and after. */
export interface WhatIfChange {
  key: string;
  label: Text;
  from: unknown;
  to: unknown;
  /** The values as the Scheme tab writes them, per language (是 / yes, 季度 / quarter, blank). */
  shown: { from: Text; to: Text };
}

export interface EditedScheme {
  /** The edited scheme, validated (null when an edit or the result is not valid). */
  scheme: Scheme | null;
  changes: WhatIfChange[];
  /** Errors (bad key, bad value, invalid scheme) and the validation's warnings. */
  diagnostics: Diagnostic[];
  /** For an unknown or ambiguous key: the nearest valid keys (canonical), first problem's. */
  nearest: string[];
}

const q = (s: string) => `“${s}”`;

/** Apply edits, in order (a later edit of the same cell wins), to a scheme (validated or as written). */
export function applyEdits(scheme: Scheme | Record<string, unknown>, edits: WhatIfEdit[]): EditedScheme {
  // A scheme is JSON data (SPEC §3); JSON copies it on every host (Apps Script has no structuredClone).
  const edited = JSON.parse(JSON.stringify(scheme)) as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  let nearest: string[] = [];
  const changed = new Map<string, { key: string; label: Text; from: unknown; to: unknown; path: (string | number)[]; cell: EditableCell }>();
  for (const e of edits) {
    // Cells are listed from the scheme as edited so far: `prize.kind=pool` then `prize.budget=…` works.
    const cells = editableCells(edited);
    const found = lookupKey(cells, e.key);
    if (!found.ok) {
      const list = found.nearest.map((c) => c.key);
      if (!nearest.length) nearest = list;
      diagnostics.push(keyProblem(e, found.reason, found.nearest));
      continue;
    }
    const cell = found.cell;
    const v = decodeValue(cell, e.value);
    if (!v.ok) {
      diagnostics.push(diag({
        severity: 'error', code: 'whatif_bad_value', column: e.key, value: e.value,
        zh: `${e.key}（${cell.label.zh}）的值${v.zh}；应为${expectedText(cell, 'zh')}`,
        en: `${e.key} (${cell.label.en}): ${v.en}; expected ${expectedText(cell, 'en')}`,
      }));
      continue;
    }
    const prior = changed.get(cell.key);
    setAt(edited, cell.path, v.value);
    changed.set(cell.key, { key: cell.key, label: cell.label, from: prior ? prior.from : cell.value, to: v.value, path: cell.path, cell });
  }
  const changes = [...changed.values()].filter((c) => !deepEqual(c.from, c.to)).map(({ key, label, from, to, cell }) => ({
    key, label, from: from ?? null, to: to ?? null,
    shown: { from: { zh: shownValue(cell, from, 'zh'), en: shownValue(cell, from, 'en') }, to: { zh: shownValue(cell, to, 'zh'), en: shownValue(cell, to, 'en') } },
  }));
  if (diagnostics.some((d) => d.severity === 'error')) return { scheme: null, changes, diagnostics, nearest };

  const v = validateScheme(edited);
  const byPath = new Map([...changed.values()].map((c) => [pathText(c.path), c]));
  for (const d of v.diagnostics) {
    const c = byPath.get(d.column) ?? [...changed.values()].find((x) => d.column.startsWith(`${pathText(x.path)}.`) || pathText(x.path).startsWith(`${d.column}.`));
    diagnostics.push(c ? { ...d, column: c.key, message: { zh: `${c.key}（${c.label.zh}）：${d.message.zh}`, en: `${c.key} (${c.label.en}): ${d.message.en}` } } : d);
  }
  return { scheme: v.scheme, changes, diagnostics, nearest };
}

function keyProblem(e: WhatIfEdit, reason: 'unknown' | 'ambiguous', near: EditableCell[]): Diagnostic {
  const zhList = near.map((c) => `${c.key}（${c.label.zh}）`).join('、');
  const enList = near.map((c) => `${c.key} (${c.label.en})`).join(', ');
  if (reason === 'ambiguous') {
    return diag({
      severity: 'error', code: 'whatif_ambiguous_key', column: e.key, value: e.value,
      zh: `${q(e.key)}可指多个单元格，请写得更具体：${zhList}`,
      en: `"${e.key}" names more than one cell; be more specific: ${enList}`,
    });
  }
  return diag({
    severity: 'error', code: 'whatif_unknown_key', column: e.key, value: e.value,
    zh: `方案中没有${q(e.key)}；最接近的有：${zhList}`,
    en: `The scheme has no "${e.key}"; the nearest valid keys: ${enList}`,
  });
}

/** `key=value` as typed on the command line (the first `=` splits; the value may be empty). */
export function parseEditArg(text: string): WhatIfEdit | null {
  const i = text.indexOf('=');
  if (i <= 0) return null;
  return { key: text.slice(0, i).trim(), value: text.slice(i + 1) };
}


/** A value as the Scheme tab would write it, as text ('（空）' / '(blank)' when absent). */
function shownValue(cell: EditableCell, v: unknown, lang: 'zh' | 'en'): string {
  if (v === undefined || v === null) return lang === 'zh' ? '（空）' : '(blank)';
  const c = encode(cell.codec, v, lang);
  if (typeof c === 'number') return groupThousands(c);
  return c === null || c === undefined ? '' : String(c);
}

/** 1000 → 1,000; 1333.5 → 1,333.5 (no locale lookup: the same text everywhere). */
export function groupThousands(n: number): string {
  const [whole, frac] = String(n).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}
