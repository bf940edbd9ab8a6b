/**
 * `service-star template <preset> --out new.xlsx [--lang zh|en]`: a new workbook
 * with the input tabs the preset reads (headers from the data contract's alias
 * tables, a note per column, example rows) and the preset's Scheme tab, built by
 * core/templates.
 */
import { promises as fsp } from 'node:fs';
import type { Lang } from '../../core/types';
import { buildTemplate, templatePeriod } from '../../core/templates/index';
import { CliError } from '../errors';
import { isXlsxPath } from '../hosts';
import { checkPreset } from '../presets';

export interface TemplateArgs {
  preset: string;
  out: string;
  lang: Lang;
  force: boolean;
  now: string;
}

/**
 * Write the template workbook; returns the exit status.
 * @throws CliError for an unknown preset, a non-.xlsx --out, an existing file without --force, or a write failure.
 */
export async function templateCommand(args: TemplateArgs, stdout: (text: string) => void): Promise<number> {
  checkPreset(args.preset);
  if (!isXlsxPath(args.out)) {
    throw new CliError(`--out 应为 .xlsx 文件：${args.out}`, `--out must be an .xlsx file: ${args.out}`);
  }
  if (!args.force && await fsp.stat(args.out).then(() => true, () => false)) {
    throw new CliError(`“${args.out}”已存在：换一个文件名，或加 --force 覆盖`,
      `${args.out} already exists: choose another name or add --force to overwrite`);
  }
  // core/templates: the tabs the preset reads, with notes and example rows for the last completed period, and its Scheme tab.
  const { writeXlsx } = await import('../xlsx-writer'); // exceljs is loaded only when a workbook is written
  await writeXlsx(args.out, [], buildTemplate(args.preset, args.lang, { now: args.now }), { now: new Date(args.now) });
  const period = templatePeriod(args.preset, { now: args.now })?.id ?? '';
  stdout(args.lang === 'zh'
    ? `已创建模板：${args.out}（示例数据属于 ${period}，可用 --period ${period} 计算）\n`
    : `Template written: ${args.out} (example rows for ${period}; compute with --period ${period})\n`);
  return 0;
}
