/**
 * `service-star compute <workbook.xlsx | folder> --period P …`: open the file host,
 * run the shared orchestrator, save `--out`, print JSON or a readable summary.
 */
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { recognizeTab } from '../../core/input/tabs';
import { detectLang, runCompute } from '../../core/orchestrator';
import { parsePeriod } from '../../core/periods';
import { summarizeOutcome, summaryContextFor } from '../../core/summary';
import type { Lang } from '../../core/types';
import { CliError } from '../errors';
import { checkOutTarget, openHost, saveOutputs } from '../hosts';
import { checkPreset } from '../presets';
import { count, Progress, type ProgressSink } from '../progress';
import { renderSummary } from '../summary-text';

/** What the printed summary reads: staff names (Staff) and award names (Scheme, else the preset). */
const SUMMARY_TABS: ReadonlySet<string | null> = new Set(['staff', 'scheme']);

export interface ComputeArgs {
  source: string;
  period: string;
  preset?: string;
  /** Output language; from the tab names when absent. */
  lang?: Lang;
  /** Language of messages before the workbook is read. */
  messageLang: Lang;
  out?: string;
  json: boolean;
  force: boolean;
  /** The run's time (ISO 8601). */
  now: string;
  /** Also write the JSON result to this file (the demo). */
  jsonFile?: string;
  /** Show progress lines after this many ms even when stderr is not a terminal (default 1000). */
  progressAfterMs?: number;
}

export interface Io {
  stdout(text: string): void;
  stderr: ProgressSink;
}

/** @throws CliError when the run cannot start: bad period or preset, unreadable input, unwritable --out. */
export function checkComputeArgs(args: ComputeArgs): void {
  if (!parsePeriod(args.period)) {
    throw new CliError(`期间“${args.period}”无效：应为 2026-07、2026-Q3、2026-H2 或 2026`,
      `Period "${args.period}" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026`);
  }
  if (args.preset !== undefined) checkPreset(args.preset);
}

/**
 * Run one computation; returns the exit status (0 computed, 2 could not start or refused).
 * @throws CliError for a refusal found by the CLI itself (arguments, files).
 */
export async function computeCommand(args: ComputeArgs, io: Io): Promise<number> {
  checkComputeArgs(args);
  const progress = new Progress(io.stderr, args.lang ?? args.messageLang, { quietMs: args.progressAfterMs });
  const rowsText = (rows: number) => progress.rows(rows);
  const host = await openHost(args.source, (rows, tabNames) => {
    // Progress speaks the workbook's language (its tab names) as soon as one is known, unless --lang chose one.
    if (!args.lang && tabNames.length) progress.setLang(detectLang([...tabNames]));
    progress.step('read', rowsText(rows));
  });
  // From here on progress speaks the workbook's language (its tab names), unless --lang chose one.
  if (!args.lang) progress.setLang(detectLang(await host.listTabs()));
  // A --out that would be refused after the run is refused before it.
  if (args.out) await checkOutTarget(host, args.out);
  const outcome = await runCompute(host, {
    period: args.period, preset: args.preset, lang: args.lang, now: args.now, force: args.force,
    // --json without --out writes nothing: the tabs are not built (the printed result is the same).
    resultOnly: args.json && !args.out,
    // The result object is printed or saved only with --json / --json-file: near misses' row lists only then.
    nearMissLines: args.json || Boolean(args.jsonFile),
    onProgress: (step) => progress.step(step),
  });
  if (outcome.status !== 'computed' || !outcome.result) {
    progress.finish();
    const message = outcome.message ?? { zh: '无法计算', en: 'The run could not start' };
    throw new CliError(message.zh, message.en, 2, outcome.lang);
  }
  const saved: string[] = [];
  if (args.out) {
    progress.step('save', args.out);
    saved.push(...await saveOutputs(args.out, host, host.outputs(), {
      now: new Date(args.now),
      onRows: (rows) => progress.step('save', rowsText(rows)),
      warn: (m) => io.stderr.write(`service-star: ${m[outcome.lang]}\n`),
    }).catch((err: unknown) => {
      // The workbook has been read: a write failure speaks its language (issue 13).
      throw err instanceof CliError && err.lang === undefined ? new CliError(err.zh, err.en, err.exitCode, outcome.lang) : err;
    }));
    progress.step('done');
  }
  const json = args.json || args.jsonFile ? `${JSON.stringify(outcome.result, null, 2)}\n` : '';
  if (args.jsonFile) {
    await fsp.mkdir(dirname(args.jsonFile), { recursive: true });
    await fsp.writeFile(args.jsonFile, json, 'utf8');
    saved.push(args.jsonFile);
  }
  progress.finish();
  if (args.json) {
    io.stdout(json);
  } else {
    // The summary names staff and awards: Staff and Scheme are all it reads (a workbook file's other tabs stay unread).
    const inputs = await host.readTabs((await host.listTabs()).filter((n) => SUMMARY_TABS.has(recognizeTab(n))));
    const context = summaryContextFor(inputs, args.preset);
    const summary = summarizeOutcome(outcome, context);
    io.stdout(renderSummary(summary, outcome.result, outcome.lang, saved, context.staffNames ?? {}));
    // A forced recompute of a final period ends by saying so and where its changes are (issue 13).
    const forced = outcome.diagnostics.find((d) => d.code === 'final_recomputed');
    if (forced) io.stdout(`${forced.message[outcome.lang]}\n`);
  }
  return 0;
}
