/**
 * What-if on a workbook's tabs (the orchestrator's runPreview and the front ends
 * that keep tabs between previews): the scheme in force (Scheme tab, else the
 * preset), the period, the data read once, then one session of previews.
 * Nothing here writes; host calls stay in core/orchestrator.ts.
 */
import type { Diagnostic, Lang, RawTab } from '../types';
import type { Scheme } from '../scheme/model';
import { diag } from '../diagnostics';
import { parsePeriod } from '../periods';
import { readDataset } from '../input/tabs';
import { appliedAppealTabs } from '../appeals';
import { resolveScheme } from '../scheme/resolve';
import { parseSchemeTab } from '../scheme-tab/parse';
import { commonEdits, WhatIfSession, type CommonEdit, type WhatIfEdit, type WhatIfOutcome } from './index';

export interface PreviewOutcome {
  /** previewed: the difference is in `whatif`; invalid: an edit is not valid (see diagnostics); fatal: no preview possible. */
  status: 'previewed' | 'invalid' | 'fatal';
  /** The one clear message when not previewed. */
  message: { zh: string; en: string } | null;
  lang: Lang;
  whatif: WhatIfOutcome | null;
  diagnostics: Diagnostic[];
  /** Try a change: the common one-cell edits of the scheme in force, with their values. */
  common: CommonEdit[];
}

/** A preview session on tabs already read: previews reuse the data and the unedited result. */
export interface PreviewSession {
  lang: Lang;
  /** The scheme in force (null when none resolves). */
  scheme: Scheme | null;
  /** Try a change: the scheme's common one-cell edits with their values. */
  common(): CommonEdit[];
  preview(edits: WhatIfEdit[]): PreviewOutcome;
}

const readOptions = (s: Scheme) => ({ probationMonths: s.probationMonths, feedbackScale: s.feedbackScale });

/** Open a session on tabs read (Scheme, Staff and the tabs the scheme uses). */
export function previewSession(tabs: RawTab[], request: { period: string; preset?: string; lang?: Lang }, detected: Lang = 'en'): PreviewSession {
  const lang = request.lang ?? detected;
  const fatal = (d: Diagnostic, diagnostics: Diagnostic[] = [d]): PreviewSession => ({
    lang, scheme: null, common: () => [],
    preview: () => ({ status: 'fatal', message: d.message, lang, whatif: null, diagnostics, common: [] }),
  });
  const period = parsePeriod(request.period);
  if (!period) {
    return fatal(diag({
      severity: 'error', code: 'bad_period', value: request.period,
      zh: `期间“${request.period}”无效：应为 2026-07、2026-Q3、2026-H2 或 2026`,
      en: `Period "${request.period}" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026`,
    }));
  }
  const resolved = resolveScheme(tabs, request.preset);
  if (!resolved.scheme) {
    const f = resolved.fatal ?? diag({ severity: 'error', code: 'no_scheme', zh: '没有可用的方案', en: 'No scheme is available' });
    return fatal(f, [f, ...resolved.diagnostics.filter((d) => d !== f)]);
  }
  const scheme = resolved.scheme;
  const asWritten = readDataset(tabs, readOptions(scheme));
  if (asWritten.fatal) return fatal(asWritten.fatal);
  // Accepted appeals void their rows here as in Compute (SPEC §10).
  const inputs = appliedAppealTabs(tabs, asWritten.dataset, period, scheme.appealDays);
  const read = inputs === tabs ? asWritten : readDataset(inputs, readOptions(scheme));
  const session = new WhatIfSession(scheme, read.dataset, period, { reread: (s) => readDataset(inputs, readOptions(s)).dataset });
  const common = commonEdits(scheme);
  return {
    lang, scheme,
    common: () => common,
    preview: (edits) => {
      const w = session.preview(edits);
      if (!w.json) {
        const first = w.diagnostics.find((d) => d.severity === 'error');
        return { status: 'invalid', message: first?.message ?? null, lang, whatif: w, diagnostics: w.diagnostics, common };
      }
      return { status: 'previewed', message: null, lang, whatif: w, diagnostics: w.diagnostics, common };
    },
  };
}

/** The language a Scheme tab is written in (its titles and headers), or null when it has none. */
export function readSchemeTabLang(tab: RawTab): Lang | null {
  const p = parseSchemeTab(tab);
  return p.input === null ? null : p.lang;
}
