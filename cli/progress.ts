/**
 * Progress on stderr (never stdout, so `--json` output stays one object): shown
 * live on a terminal, and in a pipe only once a run has taken more than about a
 * second, so quick runs and test logs stay quiet. In a pipe a step's counts are
 * repeated at most every two seconds, so logs of big runs stay short.
 */
import type { Lang } from '../core/types';

export interface ProgressSink {
  isTTY: boolean;
  write(text: string): void;
}

const STEP_NAMES: Record<string, { zh: string; en: string }> = {
  read: { zh: '读取', en: 'read' },
  validate: { zh: '校验', en: 'validate' },
  compute: { zh: '计算', en: 'compute' },
  output: { zh: '生成结果', en: 'build output' },
  write: { zh: '写入', en: 'write' },
  save: { zh: '保存', en: 'save' },
  done: { zh: '完成', en: 'done' },
};

export class Progress {
  private readonly sink: ProgressSink;
  private readonly started: number;
  private readonly quietMs: number;
  private readonly clock: () => number;
  private lang: Lang;
  private live = false;
  private lastStep = '';
  private lastCounted = false;
  private lastAt = -Infinity;
  /** A count held back by the throttle: shown before the next step, so a step's last count is never lost ("读取 575 行", not the first file's 5). */
  private held: string | null = null;

  constructor(sink: ProgressSink, lang: Lang, options: { quietMs?: number; clock?: () => number } = {}) {
    this.sink = sink;
    this.lang = lang;
    this.clock = options.clock ?? Date.now;
    this.started = this.clock();
    this.quietMs = options.quietMs ?? 1000;
  }

  /** Speak the workbook's language once it is known (issue 13: every message after the workbook is read in its language). */
  setLang(lang: Lang): void {
    this.lang = lang;
  }

  get language(): Lang {
    return this.lang;
  }

  /** `12,034 rows` / `12,034 行` in the current language. */
  rows(n: number): string {
    return this.lang === 'zh' ? `${count(n)} 行` : `${count(n)} rows`;
  }

  /** Report a step with an optional count detail, e.g. step('read', '12,034 rows'). */
  step(step: string, detail = ''): void {
    const now = this.clock();
    const elapsed = now - this.started;
    if (!this.sink.isTTY && elapsed < this.quietMs) return;
    const gap = this.sink.isTTY ? 100 : 2000;
    // Only count updates of the same step are throttled; a new step always shows.
    const name = STEP_NAMES[step]?.[this.lang] ?? step;
    const secs = (elapsed / 1000).toFixed(1);
    const line = `service-star: ${name}${detail ? ` ${detail}` : ''} (${secs} s)`;
    if (detail && step === this.lastStep && this.lastCounted && now - this.lastAt < gap) {
      this.held = line;
      return;
    }
    if (this.held !== null && step !== this.lastStep && !this.sink.isTTY) this.emit(this.held);
    this.held = null;
    this.lastStep = step;
    this.lastCounted = detail !== '';
    this.lastAt = now;
    this.emit(line);
  }

  private emit(line: string): void {
    if (this.sink.isTTY) {
      this.sink.write(`\r\x1b[K${line}`);
      this.live = true;
    } else {
      this.sink.write(`${line}\n`);
    }
  }

  /** End a live line so the next output starts on a clean line. */
  finish(): void {
    if (this.live) this.sink.write('\r\x1b[K');
    this.live = false;
  }
}

/** `12345` → `12,345`. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
