/**
 * `service-star demo` (= `npm run demo`): compute the shipped example workbook with
 * the smile-cards preset for 2026-Q3, print the summary, and write
 * `out/demo-result.xlsx` and `out/demo-result.json` under the current folder.
 */
import { join, resolve } from 'node:path';
import type { Lang } from '../../core/types';
import { computeCommand, type Io } from './compute';

export const DEMO_WORKBOOK = '客服中心-2026Q3.xlsx';
export const DEMO_PERIOD = '2026-Q3';
export const DEMO_PRESET = 'smile-cards';

/** The examples folder of the installed package (this file is bundled to dist/cli/main.js). */
export function examplesDir(): string {
  return resolve(__dirname, '..', '..', 'examples');
}

export interface DemoArgs {
  lang?: Lang;
  messageLang: Lang;
  json: boolean;
  now: string;
  /** Folder for the results (default `out`). */
  outDir: string;
  progressAfterMs?: number;
}

/** @throws CliError when the example workbook is missing or out/ cannot be written. */
export function demoCommand(args: DemoArgs, io: Io): Promise<number> {
  return computeCommand({
    source: join(examplesDir(), DEMO_WORKBOOK),
    period: DEMO_PERIOD,
    preset: DEMO_PRESET,
    lang: args.lang,
    messageLang: args.messageLang,
    out: join(args.outDir, 'demo-result.xlsx'),
    jsonFile: join(args.outDir, 'demo-result.json'),
    json: args.json,
    force: false,
    now: args.now,
    progressAfterMs: args.progressAfterMs,
  }, io);
}
