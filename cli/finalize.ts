/**
 * `service-star finalize <workbook.xlsx | folder> --period P [--out path] [--json]`:
 * mark the period's latest run in the Runs tab final (refused while pending appeals
 * could change its results, unless `--force`, which records both results), so a later Compute of that
 * period refuses unless `--force`. Unlike `compute`, finalize writes back into the
 * workbook itself by default (that is its purpose): the xlsx is rewritten through a
 * temporary file with only its Runs tab replaced (every other tab kept whole; a
 * workbook too large for that is refused, pointing at `--out`), a CSV folder gets
 * its Runs.csv replaced. `--out` writes the result elsewhere instead.
 */
import { detectLang } from '../core/orchestrator';
import { parsePeriod } from '../core/periods';
import { finalizePeriod } from '../core/runs';
import { recognizeTab } from '../core/input/tabs';
import { formatDiagnostic } from '../core/diagnostics';
import type { Lang } from '../core/types';
import { CliError } from './errors';
import { checkOutTarget, openHost, saveOutputs } from './hosts';
import type { Io } from './commands/compute';

export interface FinalizeArgs {
  source: string;
  period: string;
  /** Write here instead of back into the source. */
  out?: string;
  lang?: Lang;
  messageLang: Lang;
  json: boolean;
  /** The time of finalizing (ISO 8601). */
  now: string;
  /** Finalize even while pending appeals could change results (both results are recorded in the Runs note). */
  force?: boolean;
}

/**
 * Finalize a period; returns the exit status (0 finalized or already final).
 * @throws CliError (exit 2) for a bad period, an unreadable workbook, a period never computed, or an unwritable target.
 */
export async function finalizeCommand(args: FinalizeArgs, io: Io): Promise<number> {
  if (!parsePeriod(args.period)) {
    throw new CliError(`期间“${args.period}”无效：应为 2026-07、2026-Q3、2026-H2 或 2026`,
      `Period "${args.period}" is not valid: use 2026-07, 2026-Q3, 2026-H2 or 2026`);
  }
  const host = await openHost(args.source);
  await checkOutTarget(host, args.out ?? args.source);
  const names = await host.listTabs();
  const lang = args.lang ?? detectLang(names);
  const runsName = names.find((n) => recognizeTab(n) === 'runs');
  const runsTab = runsName === undefined ? undefined : (await host.readTabs([runsName]))[0];
  const outcome = finalizePeriod(runsTab, args.period, args.now, lang, args.force ?? false);
  for (const d of outcome.diagnostics) io.stderr.write(`service-star: ${formatDiagnostic(d, lang)}\n`);
  if (!outcome.ok) throw new CliError(outcome.message.zh, outcome.message.en, 2, lang);
  const saved: string[] = [];
  if (outcome.tab) {
    saved.push(...await saveOutputs(args.out ?? args.source, host, [outcome.tab], {
      now: new Date(args.now),
      warn: (m) => io.stderr.write(`service-star: ${m[lang]}\n`),
    }));
  }
  if (args.json) {
    io.stdout(`${JSON.stringify({
      period: parsePeriod(args.period)!.id, status: 'final', changed: outcome.tab !== null,
      message: outcome.message[lang], saved,
    }, null, 2)}\n`);
  } else {
    io.stdout(`${outcome.message[lang]}\n`);
    for (const p of saved) io.stdout(lang === 'zh' ? `已保存：${p}\n` : `saved: ${p}\n`);
  }
  return 0;
}
