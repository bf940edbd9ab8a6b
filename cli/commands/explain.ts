/**
 * `service-star explain <wb> --period P --staff ID [--json]` prints one person's
 * statement (SPEC §9); `service-star statements <wb> --period P --out DIR` writes
 * one self-contained printable HTML page per person on Staff. Both compute with
 * the shared orchestrator and write nothing into the workbook.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { runCompute, type ComputeOutcome } from '../../core/orchestrator';
import { staffKey } from '../../core/ids';
import type { Lang } from '../../core/types';
import { nearMissLines, safeFileNames, statementContext, statementHtml, statementJson, statementOf, statementText, statementsOf } from '../../core/explain';
import { CliError } from '../errors';
import { openHost } from '../hosts';
import { checkComputeArgs, type Io } from './compute';

export interface ExplainArgs {
  source: string;
  period: string;
  preset?: string;
  lang?: Lang;
  messageLang: Lang;
  now: string;
}

/** Compute without writing: a final period is explained as computed (nothing is recorded). */
async function computed(args: ExplainArgs): Promise<ComputeOutcome & { engine: NonNullable<ComputeOutcome['engine']> }> {
  checkComputeArgs({ ...args, json: false, force: true });
  const host = await openHost(args.source);
  // Nothing is written, so no output tabs are built (a statement is made from the engine's result alone).
  const outcome = await runCompute(host, { period: args.period, preset: args.preset, lang: args.lang, now: args.now, force: true, resultOnly: true });
  if (outcome.status !== 'computed' || !outcome.engine) {
    const message = outcome.message ?? { zh: '无法计算', en: 'The run could not start' };
    throw new CliError(message.zh, message.en, 2, outcome.lang);
  }
  return outcome as ComputeOutcome & { engine: NonNullable<ComputeOutcome['engine']> };
}

export async function explainCommand(args: ExplainArgs & { staff: string; json: boolean }, io: Io): Promise<number> {
  const outcome = await computed(args);
  const res = outcome.engine;
  const key = staffKey(args.staff);
  const i = res.ctx.keyIndex.get(key);
  if (i === undefined) {
    throw new CliError(`员工表中没有工号“${args.staff}”`, `There is no staff id "${args.staff}" in Staff`, 2, outcome.lang);
  }
  const st = statementOf(statementContext(res, outcome.lang, outcome.appealWords), i);
  if (args.json) {
    const near = nearMissLines(res).filter((n) => n.staff_id === res.ctx.staff[i].id);
    io.stdout(`${JSON.stringify({ ...statementJson(st), near_misses: near }, null, 2)}\n`);
  } else {
    io.stdout(statementText(st, outcome.lang));
  }
  return 0;
}

export async function statementsCommand(args: ExplainArgs & { out: string }, io: Io): Promise<number> {
  const outcome = await computed(args);
  const list = statementsOf(outcome.engine, outcome.lang, outcome.appealWords);
  try {
    await fsp.mkdir(args.out, { recursive: true });
  } catch (err) {
    throw new CliError(`无法创建文件夹“${args.out}”：${(err as Error).message}`, `Cannot create the folder "${args.out}": ${(err as Error).message}`, 2, outcome.lang);
  }
  const names = safeFileNames(list.map((s) => s.staffId));
  for (let k = 0; k < list.length; k++) await fsp.writeFile(join(args.out, names[k]), statementHtml(list[k], outcome.lang), 'utf8');
  io.stdout(outcome.lang === 'zh' ? `已写入 ${list.length} 份个人说明：${args.out}\n` : `Wrote ${list.length} statements to ${args.out}\n`);
  return 0;
}
