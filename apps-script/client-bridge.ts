/**
 * The sidebar side of the Sheets bridge: a typed promise wrapper over
 * `google.script.run`. Each call builds a fresh runner (handlers are per call),
 * resolves with the server function's return value and rejects with an Error
 * when Apps Script reports a failure (script error, authorisation, timeout).
 */
import type { ComputeArgs, ComputeSummary, FinalizeResult, HostBridge, TemplateResult, WhatIfArgs, WhatIfView, WorkbookState } from '../ui/bridge';

/** The part of `google.script.run` this bridge uses. */
export interface ScriptRunner {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
  withFailureHandler(handler: (error: unknown) => void): ScriptRunner;
  [serverFunction: string]: unknown;
}

/** Server functions the sidebar may call (exported by apps-script/main.ts). */
export type ServerFunction = 'getState' | 'compute' | 'activateTab' | 'insertTemplate' | 'finalize' | 'previewWhatIf' | 'applyWhatIf' | 'statement';

function toError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (error && typeof error === 'object' && 'message' in error) return new Error(String((error as { message: unknown }).message));
  return new Error(String(error));
}

/**
 * Call a server function with plain-JSON arguments.
 * @throws (rejects) an Error when the runner is missing or the server call fails
 */
export function callServer<T>(run: ScriptRunner | undefined, name: ServerFunction, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (!run) {
      reject(new Error('google.script.run is not available: open this sidebar from Google Sheets'));
      return;
    }
    const runner = run.withSuccessHandler((value) => resolve(value as T)).withFailureHandler((e) => reject(toError(e)));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new Error(`Unknown server function ${name}`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

/** The HostBridge of the Sheets sidebar. `run` defaults to the page's google.script.run. */
/** What-if arguments as plain JSON (google.script.run drops undefined). */
function plainWhatIfArgs(args: WhatIfArgs): WhatIfArgs {
  return { period: String(args.period), preset: args.preset ?? null, edits: args.edits.map((e) => ({ key: String(e.key), value: e.value })) };
}

export function createGoogleScriptBridge(run?: ScriptRunner): HostBridge {
  const runner = (): ScriptRunner | undefined =>
    run ?? (globalThis as { google?: { script?: { run?: ScriptRunner } } }).google?.script?.run;
  return {
    getState: () => callServer<WorkbookState>(runner(), 'getState'),
    // Progress cannot stream over google.script.run: the UI shows an indeterminate bar.
    compute: (args: ComputeArgs) => callServer<ComputeSummary>(runner(), 'compute', {
      period: String(args.period), preset: args.preset ?? null, force: args.force === true,
    }),
    activateTab: (name: string) => callServer<null>(runner(), 'activateTab', name).then(() => undefined),
    // `force` crosses the wire only when set, so a plain finalize sends what it always did.
    finalize: (period: string, force?: boolean) => (force === true
      ? callServer<FinalizeResult>(runner(), 'finalize', String(period), true)
      : callServer<FinalizeResult>(runner(), 'finalize', String(period))),
    insertTemplate: (preset: string) => callServer<TemplateResult>(runner(), 'insertTemplate', String(preset)),
    previewWhatIf: (args: WhatIfArgs) => callServer<WhatIfView>(runner(), 'previewWhatIf', plainWhatIfArgs(args)),
    applyWhatIf: (args: WhatIfArgs) => callServer<WhatIfView>(runner(), 'applyWhatIf', plainWhatIfArgs(args)),
    statement: (tab: string, staffId: string) => callServer<string | null>(runner(), 'statement', String(tab), String(staffId)),
  };
}
