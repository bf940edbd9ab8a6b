/**
 * The command line's stderr (progress lines and the one-line refusals). Where stderr
 * is a pipe, a socket or a file (scripts, CI, a parent process reading it) the text is
 * written straight to file descriptor 2 with fs.writeSync, as node's process.stderr
 * ends up doing there on Linux and macOS: creating process.stderr for a pipe builds a
 * net.Socket, and loading node:net and the streams behind it was about 10 ms before
 * the first progress line. A terminal, Windows, or anything else keeps process.stderr
 * (a terminal needs its stream: it converts text for the Windows console and knows it
 * is a TTY). Once a direct write fails (a full non-blocking pipe, a closed one), this
 * and every later write go through process.stderr, in order, which handles those as before.
 */
import { fstatSync, writeSync } from 'node:fs';

export interface StderrSink {
  isTTY: boolean;
  write(text: string): void;
}

/** The sink for this process's stderr (see the module comment). */
export function processStderr(): StderrSink {
  let direct = false;
  if (process.platform !== 'win32') {
    try {
      const st = fstatSync(2);
      direct = st.isFIFO() || st.isSocket() || st.isFile();
    } catch {
      direct = false;
    }
  }
  if (!direct) return { isTTY: Boolean(process.stderr.isTTY), write: (text) => { process.stderr.write(text); } };
  return {
    isTTY: false,
    write(text: string): void {
      if (direct) {
        const bytes = Buffer.from(text, 'utf8');
        let written = 0;
        try {
          while (written < bytes.length) written += writeSync(2, bytes, written);
          return;
        } catch {
          direct = false;
          process.stderr.write(bytes.subarray(written));
          return;
        }
      }
      process.stderr.write(text);
    },
  };
}
