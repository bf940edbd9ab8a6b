/**
 * What-if in the Excel task pane (SPEC §11), kept apart from the adapter: the
 * tabs a preview needs are read once and kept with their what-if session in the
 * what-if worker (office-addin/whatif-worker.ts; on this thread without one), so
 * each further Preview for the same period and preset is one computation and no
 * Excel call. Compute, Apply and a refresh of the pane drop them (the workbook
 * may have changed). Apply writes only the Scheme tab.
 */
import type { WorkbookHost } from '../core/host';
import type { Lang } from '../core/types';
import { runApplyEdits } from '../core/orchestrator';
import { applyView, type WhatIfArgs, type WhatIfView } from '../core/whatif/view';
import { inThreadPreviewer, type WhatIfPreviewer } from './whatif-worker';

export interface WhatIfPane {
  preview(args: WhatIfArgs): Promise<WhatIfView>;
  apply(args: WhatIfArgs): Promise<WhatIfView>;
  /** Forget the data read (after Compute, Apply, or a refresh). */
  reset(): void;
}

const editsOf = (args: WhatIfArgs) => (Array.isArray(args?.edits) ? args.edits.map((e) => ({ key: String(e.key), value: e.value })) : []);

export function createWhatIfPane(host: WorkbookHost, langNow: () => Lang, errorText: (e: unknown, lang: Lang) => string, previewer: WhatIfPreviewer = inThreadPreviewer()): WhatIfPane {
  const failed = (error: unknown, lang: Lang) => applyView('fatal', lang, { zh: errorText(error, 'zh'), en: errorText(error, 'en') });
  return {
    async preview(args) {
      // The pane's language as last read (no Excel call: a kept preview makes none).
      const lang = langNow();
      try {
        return await previewer.preview(host, args, lang);
      } catch (error) {
        previewer.reset();
        return failed(error, lang);
      }
    },
    async apply(args) {
      const preset = args?.preset ? String(args.preset) : undefined;
      const lang = langNow();
      try {
        const out = await runApplyEdits(host, { period: String(args?.period ?? ''), preset, edits: editsOf(args) });
        previewer.reset();
        return applyView(out.status, out.lang, out.message);
      } catch (error) {
        previewer.reset();
        return failed(error, lang);
      }
    },
    reset() {
      previewer.reset();
    },
  };
}
