/**
 * What-if on Google Sheets (SPEC §11), kept apart from the adapter: a Preview is
 * one server call that lists the tabs, reads the Runs tab for the default preset
 * and reads what the scheme uses exactly as Compute does, and writes nothing; an
 * Apply writes only the Scheme tab.
 */
import type { SyncWorkbookHost } from '../core/host';
import type { Lang } from '../core/types';
import { runApplyEditsSync, runPreviewSync } from '../core/orchestrator';
import { defaultPresetId } from '../core/inspect';
import { recognizeTab } from '../core/input/tabs';
import { applyView, previewView, type WhatIfArgs, type WhatIfView } from '../core/whatif/view';

function request(host: SyncWorkbookHost, args: WhatIfArgs, lang: Lang) {
  const names = host.listTabs();
  // As Compute: the preset chosen, else the one the workbook last ran (its Runs tab).
  const preset = args?.preset ? String(args.preset) : defaultPresetId(host.readTabs(names.filter((n) => recognizeTab(n) === 'runs'))) ?? undefined;
  const edits = Array.isArray(args?.edits) ? args.edits.map((e) => ({ key: String(e.key), value: e.value })) : [];
  return { period: String(args?.period ?? ''), preset, lang, edits };
}

export function previewWhatIfSheets(host: SyncWorkbookHost, args: WhatIfArgs, lang: Lang): WhatIfView {
  return previewView(runPreviewSync(host, request(host, args, lang)));
}

export function applyWhatIfSheets(host: SyncWorkbookHost, args: WhatIfArgs, lang: Lang): WhatIfView {
  const out = runApplyEditsSync(host, request(host, args, lang));
  return applyView(out.status, out.lang, out.message);
}
