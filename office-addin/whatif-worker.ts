/**
 * What-if previews in a Web Worker that stays alive between previews (SPEC §11,
 * issue 17): the worker reads the tabs a preview needs once, through the page
 * (Office.js lives there), keeps them with their what-if session, and answers
 * each further Preview with one computation and no Excel call. The page drops
 * the worker (and its memory) on Compute, Apply or a refresh.
 *
 * Messages (besides the compute protocol of worker-protocol.ts, on the same bundle):
 *   page → worker  {type:'whatif', id, args, lang}
 *   worker → page  {type:'call', …} as in the compute protocol, answered {type:'return', …}
 *   worker → page  {type:'whatif-done', id, view} | {type:'whatif-failed', id, error}
 */
import type { WorkbookHost } from '../core/host';
import type { Lang } from '../core/types';
import { planSchemeTabs, readForPreview } from '../core/orchestrator';
import { applyEdits } from '../core/whatif/edits';
import { previewSession, type PreviewSession } from '../core/whatif/workbook';
import { previewView, type WhatIfArgs, type WhatIfView } from '../core/whatif/view';
import { fromWire, toWire, type WireError, type WorkerLike } from './worker-protocol';

type WhatIfToWorker = { type: 'whatif'; id: number; args: WhatIfArgs; lang: Lang };
type WhatIfToPage = { type: 'whatif-done'; id: number; view: WhatIfView } | { type: 'whatif-failed'; id: number; error: WireError };

const editsOf = (args: WhatIfArgs) => (Array.isArray(args?.edits) ? args.edits.map((e) => ({ key: String(e.key), value: e.value })) : []);

/** Preview with the tabs read once for a period and preset (in a worker, or on the page as the fallback). */
export function createPreviewer(): (host: WorkbookHost, args: WhatIfArgs, lang: Lang) => Promise<WhatIfView> {
  let kept: { key: string; session: PreviewSession; names: string[]; read: Set<string> } | null = null;
  return async (host, args, lang) => {
    const period = String(args?.period ?? '');
    const preset = args?.preset ? String(args.preset) : undefined;
    const key = `${period}\u0000${preset ?? ''}`;
    const edits = editsOf(args);
    // An edit that points the scheme at a tab not read yet (a measure's tab) reads again: never a silent "no data".
    if (kept && kept.key === key && kept.session.scheme) {
      const edited = applyEdits(kept.session.scheme, edits).scheme;
      const read = kept.read;
      if (edited && planSchemeTabs(kept.names, edited).some((n) => !read.has(n))) kept = null;
    }
    if (!kept || kept.key !== key) {
      kept = null;
      const names = await host.listTabs();
      const tabs = await readForPreview(host, { period, preset, edits });
      kept = { key, session: previewSession(tabs, { period, preset }, lang), names, read: new Set(tabs.map((t) => t.name)) };
    }
    return previewView(kept.session.preview(edits));
  };
}

/** Worker side: is this a what-if message? Answer it with the page-backed host. */
export function handleWhatIfMessage(msg: { type: string }, host: WorkbookHost, post: (m: unknown) => void, previewer = workerSide): boolean {
  if (msg.type !== 'whatif') return false;
  const m = msg as WhatIfToWorker;
  previewer(host, m.args, m.lang).then(
    (view) => post({ type: 'whatif-done', id: m.id, view }),
    (error: unknown) => post({ type: 'whatif-failed', id: m.id, error: toWire(error) }),
  );
  return true;
}

/** The worker's one previewer (its kept tabs live as long as the worker). */
const workerSide = createPreviewer();

export interface WhatIfPreviewer {
  preview(host: WorkbookHost, args: WhatIfArgs, lang: Lang): Promise<WhatIfView>;
  /** Forget the kept data (terminates the worker). */
  reset(): void;
}

/** On the page: previews on this thread with kept tabs (no Web Worker, unit tests). */
export function inThreadPreviewer(): WhatIfPreviewer {
  let run = createPreviewer();
  return { preview: (host, args, lang) => run(host, args, lang), reset: () => { run = createPreviewer(); } };
}

/**
 * On the page: one long-lived worker serving previews; its host calls are
 * answered here. A worker that cannot start falls back to this thread.
 */
export function createWorkerPreviewer(makeWorker: () => WorkerLike, fallback: WhatIfPreviewer = inThreadPreviewer()): WhatIfPreviewer {
  let worker: WorkerLike | null = null;
  let broken = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: WhatIfView) => void; reject: (e: Error) => void }>();
  let host: WorkbookHost | null = null;

  const start = (): WorkerLike | null => {
    if (worker || broken) return worker;
    try {
      worker = makeWorker();
    } catch {
      broken = true;
      return null;
    }
    const w = worker;
    w.onerror = (event) => {
      const error = new Error(`what-if worker failed: ${(event as { message?: string }).message ?? 'unknown error'}`);
      for (const p of waiting.values()) p.reject(error);
      waiting.clear();
      w.terminate();
      if (worker === w) worker = null;
    };
    w.onmessage = (event) => {
      const msg = event.data as { type: string; id: number; method?: string; args?: unknown[]; view?: WhatIfView; error?: WireError };
      if (msg.type === 'call' && host) {
        const h = host;
        const call = msg.method === 'listTabs' ? h.listTabs() : msg.method === 'readTabs' ? h.readTabs(msg.args![0] as string[]) : Promise.reject(new Error('a preview never writes'));
        (call as Promise<unknown>).then(
          (value) => w.postMessage({ type: 'return', id: msg.id, ok: true, value: value ?? null }),
          (error: unknown) => w.postMessage({ type: 'return', id: msg.id, ok: false, error: toWire(error) }),
        );
        return;
      }
      const p = waiting.get(msg.id);
      if (!p) return;
      waiting.delete(msg.id);
      if (msg.type === 'whatif-done') p.resolve(msg.view!);
      else if (msg.type === 'whatif-failed') p.reject(fromWire(msg.error!));
    };
    return w;
  };

  return {
    preview(h, args, lang) {
      const w = start();
      if (!w) return fallback.preview(h, args, lang);
      host = h;
      const id = nextId++;
      return new Promise<WhatIfView>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ type: 'whatif', id, args: JSON.parse(JSON.stringify(args)) as WhatIfArgs, lang } satisfies WhatIfToWorker);
      });
    },
    reset() {
      worker?.terminate();
      worker = null;
      fallback.reset();
    },
  };
}
