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

/**
 * What to do about a file that cannot be written (issue 13): a file open in
 * Excel or WPS is locked (EBUSY, EPERM/EACCES on Windows), a folder may be
 * read-only or full. Appended to the refusal, in both languages.
 */
export function writeHint(code: string): { zh: string; en: string } {
  if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
    return {
      zh: '：文件可能正在 Excel 或 WPS 中打开，请关闭后重试，或用 --out 另选一个文件夹',
      en: ': the file may be open in Excel or WPS; close it and try again, or choose another folder with --out',
    };
  }
  if (code === 'EISDIR') return { zh: '：该名称是一个文件夹，请用 --out 另选一个文件名', en: ': a folder has that name; choose another file name with --out' };
  if (code === 'ENOSPC') return { zh: '：磁盘已满，请用 --out 另选一个文件夹', en: ': the disk is full; choose another folder with --out' };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { zh: '：文件夹不存在，请检查 --out 的路径', en: ': the folder does not exist; check the --out path' };
  if (code === 'EROFS') return { zh: '：该位置只读，请用 --out 另选一个文件夹', en: ': that place is read-only; choose another folder with --out' };
  return { zh: '', en: '' };
}
