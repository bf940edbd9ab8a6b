/**
 * `service-star whatif <workbook | folder> --period P [--preset id] --set KEY=VALUE … [--json]`
 * (SPEC §11): read the workbook once, compute with and without the edits, print
 * the difference (JSON, or words in the workbook's language). Writes nothing.
 * A KEY that names nothing, a bad value or an edited scheme that does not
 * validate is exit 2 with one line naming the nearest valid keys.
 */
import { detectLang, readForPreview } from '../../core/orchestrator';
import { previewSession } from '../../core/whatif/workbook';
import { parseEditArg, renderWhatIf, type WhatIfEdit } from '../../core/whatif/index';
import type { Lang } from '../../core/types';
import { CliError } from '../errors';
import { openHost } from '../hosts';
import { checkComputeArgs } from './compute';
import { count, Progress } from '../progress';
import type { Io } from './compute';

export interface WhatIfArgs {
  source: string;
  period: string;
  preset?: string;
  lang?: Lang;
  messageLang: Lang;
  sets: string[];
  json: boolean;
  progressAfterMs?: number;
}

/** @throws CliError for a malformed --set (no `=`). */
export function parseSets(sets: string[]): WhatIfEdit[] {
  if (!sets.length) {
    throw new CliError('请用 --set 给出至少一项改动，例如 --set awards.service_star.prize.amount=1000',
      'Give at least one change with --set, e.g. --set awards.service_star.prize.amount=1000');
  }
  return sets.map((s) => {
    const e = parseEditArg(s);
    if (!e) throw new CliError(`--set 应写成 键=值（收到“${s}”）`, `--set takes KEY=VALUE (got "${s}")`);
    return e;
  });
}

export async function whatIfCommand(args: WhatIfArgs, io: Io): Promise<number> {
  checkComputeArgs({ ...args, json: args.json, force: false, now: '' });
  const edits = parseSets(args.sets);
  const progress = new Progress(io.stderr, args.lang ?? args.messageLang, { quietMs: args.progressAfterMs });
  const host = await openHost(args.source, (rows) => progress.step('read', progress.rows(rows)));
  const request = { period: args.period, preset: args.preset, lang: args.lang, edits };
  // The data is read once for the process: one session serves the preview.
  const tabs = await readForPreview(host, request);
  progress.step('compute');
  const session = previewSession(tabs, request, detectLang(await host.listTabs()));
  const out = session.preview(edits);
  progress.finish();
  if (out.status !== 'previewed' || !out.whatif?.json) {
    const errors = out.diagnostics.filter((d) => d.severity === 'error');
    const zh = errors.length ? errors.map((d) => d.message.zh).join('；') : out.message?.zh ?? '无法试算';
    const en = errors.length ? errors.map((d) => d.message.en).join('; ') : out.message?.en ?? 'The what-if could not run';
    throw new CliError(zh, en, 2, out.lang);
  }
  const w = out.whatif;
  if (args.json) {
    io.stdout(`${JSON.stringify(w.json, null, 2)}\n`);
    return 0;
  }
  const lang = out.lang;
  const name = session.scheme ? session.scheme.name[lang] : w.json!.scheme;
  const lines = [lang === 'zh'
    ? `试算：方案“${name}”，期间 ${w.json!.period}（未写入工作簿）`
    : `What-if: scheme "${name}", period ${w.json!.period} (nothing written to the workbook)`];
  for (const sec of renderWhatIf(w, lang)) lines.push('', sec.title, ...sec.lines.map((l) => `  ${l}`));
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
