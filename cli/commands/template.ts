/**
 * `service-star template <preset> --out new.xlsx [--lang zh|en]`: a new workbook
 * with the input tabs and their headers, ready to fill in. The headers come from
 * the data contract's alias tables, so whatever the template writes, the reader
 * recognises.
 */
import { stat } from 'node:fs/promises';
import { TAB_ORDER, TAB_SPECS } from '../../core/aliases';
import type { ColumnFormat, Lang, OutputTab } from '../../core/types';
import { CliError } from '../errors';
import { isXlsxPath } from '../hosts';
import { checkPreset } from '../presets';
import { writeXlsx } from '../xlsx-writer';

export interface TemplateArgs {
  preset: string;
  out: string;
  lang: Lang;
  force: boolean;
  now: string;
}

const FORMAT_OF: Record<string, ColumnFormat> = {
  date: 'date', money: 'money', number: 'number', integer: 'integer',
};

/** The input tabs of a template: one per data tab, header row only. */
export function templateTabs(lang: Lang): OutputTab[] {
  return TAB_ORDER.filter((id) => TAB_SPECS[id].columns.length > 0).map((id) => {
    const spec = TAB_SPECS[id];
    return {
      name: spec[lang],
      kind: 'template' as const,
      rows: [spec.columns.map((c) => c[lang])],
      formats: spec.columns.map((c) => FORMAT_OF[c.type] ?? 'text'),
    };
  });
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
  if (!args.force && await stat(args.out).then(() => true, () => false)) {
    throw new CliError(`“${args.out}”已存在：换一个文件名，或加 --force 覆盖`,
      `${args.out} already exists: choose another name or add --force to overwrite`);
  }
  await writeXlsx(args.out, [], templateTabs(args.lang), { now: new Date(args.now) });
  stdout(args.lang === 'zh' ? `已创建模板：${args.out}\n` : `Template written: ${args.out}\n`);
  return 0;
}
