/**
 * What-if in the Excel task pane (SPEC §11), kept apart from the adapter: the
 * tabs a preview needs are read once and kept with their what-if session, so
 * each further Preview for the same period and preset is one computation and no
 * Excel call. Compute, Apply and a refresh of the pane drop the session (the
 * workbook may have changed). Apply writes only the Scheme tab.
 */
import type { WorkbookHost } from '../core/host';
import type { Lang } from '../core/types';
import { readForPreview, runApplyEdits } from '../core/orchestrator';
import { previewSession, type PreviewSession } from '../core/whatif/workbook';
import { applyView, previewView, type WhatIfArgs, type WhatIfView } from '../core/whatif/view';

export interface WhatIfPane {
  preview(args: WhatIfArgs): Promise<WhatIfView>;
  apply(args: WhatIfArgs): Promise<WhatIfView>;
  /** Forget the data read (after Compute, Apply, or a refresh). */
  reset(): void;
}

const editsOf = (args: WhatIfArgs) => (Array.isArray(args?.edits) ? args.edits.map((e) => ({ key: String(e.key), value: e.value })) : []);

export function createWhatIfPane(host: WorkbookHost, langFor: (names: string[]) => Lang, errorText: (e: unknown, lang: Lang) => string): WhatIfPane {
  let kept: { key: string; session: PreviewSession } | null = null;
  const failed = (error: unknown, lang: Lang) => applyView('fatal', lang, { zh: errorText(error, 'zh'), en: errorText(error, 'en') });
  return {
    async preview(args) {
      const period = String(args?.period ?? '');
      const preset = args?.preset ? String(args.preset) : undefined;
      const key = `${period}\u0000${preset ?? ''}`;
      let lang: Lang = 'en';
      try {
        if (!kept || kept.key !== key) {
          const names = await host.listTabs();
          lang = langFor(names);
          const tabs = await readForPreview(host, { period, preset, edits: editsOf(args) });
          kept = { key, session: previewSession(tabs, { period, preset }, lang) };
        }
        return previewView(kept.session.preview(editsOf(args)));
      } catch (error) {
        kept = null;
        return failed(error, lang);
      }
    },
    async apply(args) {
      const preset = args?.preset ? String(args.preset) : undefined;
      let lang: Lang = 'en';
      try {
        lang = langFor(await host.listTabs());
        const out = await runApplyEdits(host, { period: String(args?.period ?? ''), preset, edits: editsOf(args) });
        kept = null;
        return applyView(out.status, out.lang, out.message);
      } catch (error) {
        kept = null;
        return failed(error, lang);
      }
    },
    reset() {
      kept = null;
    },
  };
}
