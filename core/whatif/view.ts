/**
 * What crosses a host bridge for *Try a change* (SPEC §11): plain JSON built by
 * core, so the Sheets sidebar and the Excel task pane show the same thing — the
 * common edits with their values, the difference in both languages' words, and
 * the status of a preview or an Apply.
 */
import type { Lang } from '../types';
import type { CommonEdit, WhatIfJson } from './index';
import type { WhatIfSection } from './text';
import { renderWhatIf } from './text';
import type { PreviewOutcome } from './workbook';

/** What the sidebar sends: the period, the preset (when there is no Scheme tab) and the edits (key → value as typed). */
export interface WhatIfArgs {
  period: string;
  preset?: string | null;
  edits: { key: string; value: string | number | boolean }[];
}

export interface WhatIfView {
  /** previewed / invalid (an edit is not valid) / fatal (no preview possible) / applied / refused (busy). */
  status: 'previewed' | 'invalid' | 'fatal' | 'applied' | 'refused';
  lang: Lang;
  message: { zh: string; en: string } | null;
  /** Try a change: the scheme's common one-cell edits with their current values. */
  edits: CommonEdit[];
  /** The difference in words, per language (empty when nothing was previewed). */
  sections: Record<Lang, WhatIfSection[]>;
  json: WhatIfJson | null;
}

/** The bridge payload of a preview (no Date, no undefined). */
export function previewView(out: PreviewOutcome): WhatIfView {
  const w = out.whatif;
  const sections = { zh: w ? renderWhatIf(w, 'zh') : [], en: w ? renderWhatIf(w, 'en') : [] };
  const message = out.status === 'previewed' ? null : out.message;
  return JSON.parse(JSON.stringify({ status: out.status, lang: out.lang, message, edits: out.common, sections, json: w?.json ?? null })) as WhatIfView;
}

/** The bridge payload of an Apply (the Scheme tab written, or why not). */
export function applyView(status: WhatIfView['status'], lang: Lang, message: { zh: string; en: string } | null): WhatIfView {
  const done = { zh: '已写入“方案”表；点击“计算”生成结果', en: 'Written to the Scheme tab; click Compute to write the results' };
  return { status, lang, message: status === 'applied' ? done : message, edits: [], sections: { zh: [], en: [] }, json: null };
}
