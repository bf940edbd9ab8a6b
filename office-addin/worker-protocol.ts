/**
 * Compute off the task pane's UI thread. The worker runs the orchestrator's
 * `runCompute` with a proxy WorkbookHost whose calls come back to the page as
 * messages: Office.js lives on the page, so the page executes listTabs /
 * readTabs / writeTabs with the Excel adapter and posts the results back. The
 * engine (validation, scoring, output building) runs entirely in the worker,
 * so a long computation never freezes the pane or Excel on the web.
 *
 * Reads are streamed (issue 19): when the page's host can hand over read blocks
 * (StreamingExcelHost), each block is posted to the worker as it arrives and the
 * page keeps none of it, so the workbook is held once, in the worker, not on the
 * page and in the worker. The worker appends the blocks to its tabs with short
 * strings interned (an id or a label repeated over a million rows is one string,
 * not a million copies from the structured clone), and the page reports the
 * share of rows read as `read` progress.
 *
 * Messages (all structured-clone safe; the request's onProgress stays local):
 *   page → worker  {type:'run', request}
 *   worker → page  {type:'call', id, method, args}      page → worker {type:'return', id, ok, value | error}
 *   page → worker  {type:'block', id, tab, rows}        (a streamed readTabs, before its return {streamed:true})
 *   worker → page  {type:'progress', step, fraction}
 *   worker → page  {type:'done', outcome} | {type:'failed', error}
 */
import type { WorkbookHost } from '../core/host';
import type { Cell, RawTab } from '../core/types';
import type { ComputeOutcome, ComputeRequest } from '../core/orchestrator';
import { runCompute } from '../core/orchestrator';
import { ExcelHostError, type StreamingExcelHost } from './excel-host';

/** What a Worker, a worker's global scope and a MessagePort have in common. */
export interface PortLike {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** An Error flattened for postMessage (Error subclasses lose their fields in structured clone). */
export interface WireError {
  name: string;
  message: string;
  code?: string;
  text?: { zh: string; en: string };
}

export type WireRequest = Omit<ComputeRequest, 'onProgress'>;

type HostMethod = 'listTabs' | 'readTabs' | 'writeTabs';

type ToWorker =
  | { type: 'run'; request: WireRequest }
  | { type: 'block'; id: number; tab: number; rows: Cell[][] }
  | { type: 'return'; id: number; ok: true; value: unknown }
  | { type: 'return'; id: number; ok: false; error: WireError };

type ToPage =
  | { type: 'call'; id: number; method: HostMethod; args: unknown[] }
  | { type: 'progress'; step: string; fraction: number }
  | { type: 'done'; outcome: ComputeOutcome }
  | { type: 'failed'; error: WireError };

export function toWire(error: unknown): WireError {
  if (error instanceof ExcelHostError) return { name: error.name, message: error.message, code: error.code, text: error.text };
  if (error instanceof Error) return { name: error.name, message: error.message, code: (error as { code?: string }).code };
  return { name: 'Error', message: String(error) };
}

export function fromWire(wire: WireError): Error {
  if (wire.code && wire.text) return new ExcelHostError(wire.code, wire.text);
  const error = new Error(wire.message);
  error.name = wire.name;
  if (wire.code) (error as { code?: string }).code = wire.code;
  return error;
}

/** The value a streamed readTabs returns once its blocks are all posted. */
const STREAMED = { streamed: true } as const;

function isStreaming(host: WorkbookHost): host is StreamingExcelHost {
  return typeof (host as Partial<StreamingExcelHost>).readTabsInBlocks === 'function';
}

/** Strings up to this length are interned (ids, names, labels); longer ones are mostly unique texts. */
const INTERN_MAX_LENGTH = 40;
/** Bound on the interning table, so a column of unique short texts cannot grow it without end. */
const INTERN_MAX_ENTRIES = 500_000;

/** One shared instance per distinct short string: what makes the worker's copy compact. */
export function createInterner(): (value: Cell) => Cell {
  const table = new Map<string, string>();
  return (value) => {
    if (typeof value !== 'string' || value.length > INTERN_MAX_LENGTH) return value;
    const hit = table.get(value);
    if (hit !== undefined) return hit;
    if (table.size < INTERN_MAX_ENTRIES) table.set(value, value);
    return value;
  };
}

/** Append a block's rows (taken as they are) to a tab, interning their short strings in place. */
export function appendBlock(out: Cell[][], rows: Cell[][], intern: (value: Cell) => Cell): void {
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === 'string') row[c] = intern(v);
    }
    out.push(row);
  }
}

/**
 * Serve a worker's readTabs by streaming: post every block as it is read, report
 * the share of rows read as `read` progress, then return STREAMED.
 */
function streamRead(port: PortLike, host: StreamingExcelHost, id: number, names: string[], onProgress: ComputeRequest['onProgress']): Promise<unknown> {
  let total = 0;
  let read = 0;
  return host.readTabsInBlocks(names, (tab, rows) => {
    port.postMessage({ type: 'block', id, tab, rows } satisfies ToWorker);
    read += rows.length;
    if (total > 0) onProgress?.('read', Math.min(1, read / total));
  }, (sizes) => {
    total = sizes.reduce((a, b) => a + b, 0);
  }).then(() => STREAMED);
}

/** How the task pane runs a computation against a host. */
export interface ComputeEngine {
  run(host: WorkbookHost, request: ComputeRequest): Promise<ComputeOutcome>;
}

/** Same thread: used when Web Workers are unavailable and in unit tests. */
export const inThreadEngine: ComputeEngine = {
  run: (host, request) => runCompute(host, request),
};

function stripRequest(request: ComputeRequest): WireRequest {
  const { onProgress: _drop, ...rest } = request;
  return rest;
}

/**
 * Run one computation on a fresh port (a Worker), serving its host calls with
 * `host` on this thread.
 * @throws (rejects) the host's error or the worker's failure
 */
export function runOnPort(port: PortLike, host: WorkbookHost, request: ComputeRequest): Promise<ComputeOutcome> {
  return new Promise<ComputeOutcome>((resolve, reject) => {
    port.onmessage = (event) => {
      const msg = event.data as ToPage;
      if (msg.type === 'progress') {
        request.onProgress?.(msg.step, msg.fraction);
      } else if (msg.type === 'done') {
        port.onmessage = null;
        resolve(msg.outcome);
      } else if (msg.type === 'failed') {
        port.onmessage = null;
        reject(fromWire(msg.error));
      } else if (msg.type === 'call') {
        const call = msg.method === 'listTabs' ? host.listTabs()
          : msg.method === 'readTabs' ? (isStreaming(host) ? streamRead(port, host, msg.id, msg.args[0] as string[], request.onProgress) : host.readTabs(msg.args[0] as string[]))
            : host.writeTabs(msg.args[0] as Parameters<WorkbookHost['writeTabs']>[0]);
        (call as Promise<unknown>).then(
          (value) => port.postMessage({ type: 'return', id: msg.id, ok: true, value: value ?? null } satisfies ToWorker),
          (error: unknown) => port.postMessage({ type: 'return', id: msg.id, ok: false, error: toWire(error) } satisfies ToWorker),
        );
      }
    };
    port.postMessage({ type: 'run', request: stripRequest(request) } satisfies ToWorker);
  });
}

/** A Worker as the page sees it. */
export interface WorkerLike extends PortLike {
  terminate(): void;
  onerror: ((event: unknown) => void) | null;
}

/**
 * A fresh worker per computation (terminated afterwards, so a run's memory is
 * released). If the worker script cannot start (blocked, missing), the run
 * falls back to this thread rather than failing: nothing has been read or
 * written by then.
 */
export function createWorkerEngine(makeWorker: () => WorkerLike, fallback: ComputeEngine = inThreadEngine): ComputeEngine {
  return {
    async run(host, request) {
      let worker: WorkerLike;
      try {
        worker = makeWorker();
      } catch {
        return fallback.run(host, request);
      }
      let started = false;
      const tracking: WorkbookHost = {
        listTabs: () => { started = true; return host.listTabs(); },
        readTabs: (names) => { started = true; return host.readTabs(names); },
        writeTabs: (tabs) => { started = true; return host.writeTabs(tabs); },
      };
      if (isStreaming(host)) {
        (tracking as StreamingExcelHost).readTabsInBlocks = (names, onBlock, onSize) => { started = true; return host.readTabsInBlocks(names, onBlock, onSize); };
      }
      try {
        return await new Promise<ComputeOutcome>((resolve, reject) => {
          worker.onerror = (event) => {
            if (!started) resolve(fallback.run(host, request));
            else reject(new Error(`compute worker failed: ${(event as { message?: string }).message ?? 'unknown error'}`));
          };
          runOnPort(worker, tracking, request).then(resolve, reject);
        });
      } finally {
        worker.terminate();
      }
    },
  };
}

/** Other messages the same worker answers (what-if previews, office-addin/whatif-worker.ts): true when handled. */
export type ExtraHandler = (msg: { type: string }, host: WorkbookHost, post: (m: unknown) => void) => boolean;

/** Worker side: answer `run` messages by computing with a host that lives on the page. */
export function serveWorker(scope: PortLike, extra?: ExtraHandler): void {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; tabs?: RawTab[] }>();
  let intern = createInterner();
  const call = (method: HostMethod, args: unknown[]): Promise<unknown> => new Promise((resolve, reject) => {
    const id = nextId++;
    // A readTabs may be answered in blocks: they are gathered here, in the tabs asked for.
    const tabs = method === 'readTabs' ? (args[0] as string[]).map((name) => ({ name, rows: [] as Cell[][] })) : undefined;
    pending.set(id, { resolve, reject, tabs });
    scope.postMessage({ type: 'call', id, method, args } satisfies ToPage);
  });
  const host: WorkbookHost = {
    listTabs: () => call('listTabs', []) as Promise<string[]>,
    readTabs: (names) => call('readTabs', [names]) as ReturnType<WorkbookHost['readTabs']>,
    writeTabs: async (tabs) => { await call('writeTabs', [tabs]); },
  };
  scope.onmessage = (event) => {
    const msg = event.data as ToWorker;
    if (msg.type === 'block') {
      const tab = pending.get(msg.id)?.tabs?.[msg.tab];
      if (tab) appendBlock(tab.rows, msg.rows, intern);
    } else if (msg.type === 'return') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      const streamed = msg.ok && (msg.value as { streamed?: unknown } | null)?.streamed === true;
      if (msg.ok) p.resolve(streamed ? p.tabs : msg.value);
      else p.reject(fromWire(msg.error));
    } else if (msg.type === 'run') {
      intern = createInterner();
      const request: ComputeRequest = {
        ...msg.request,
        onProgress: (step, fraction) => scope.postMessage({ type: 'progress', step, fraction } satisfies ToPage),
      };
      runCompute(host, request).then(
        (outcome) => scope.postMessage({ type: 'done', outcome } satisfies ToPage),
        (error: unknown) => scope.postMessage({ type: 'failed', error: toWire(error) } satisfies ToPage),
      );
    } else {
      extra?.(msg as { type: string }, host, (m) => scope.postMessage(m));
    }
  };
}
