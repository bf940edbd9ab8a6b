/**
 * The one error the command line shows as a refusal: the run cannot start
 * (unreadable file, bad argument). Anything else that escapes is an internal error.
 */
import type { Lang } from '../core/types';

export class CliError extends Error {
  readonly zh: string;
  readonly en: string;
  /** 2 = the run could not start (SPEC §7). */
  readonly exitCode: number;
  /** The workbook's language when it is known (a refusal found after reading it). */
  readonly lang: Lang | undefined;

  constructor(zh: string, en: string, exitCode = 2, lang?: Lang) {
    super(en);
    this.name = 'CliError';
    this.zh = zh;
    this.en = en;
    this.exitCode = exitCode;
    this.lang = lang;
  }

  text(lang: Lang): string {
    return lang === 'zh' ? this.zh : this.en;
  }
}

/** Error code of a Node fs error, if any (ENOENT, EACCES, …). */
export function fsCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}
