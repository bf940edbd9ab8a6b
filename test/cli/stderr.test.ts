/**
 * cli/stderr.ts: progress and refusals go straight to fd 2 when stderr is a pipe, a
 * socket or a file; anything else (a terminal) keeps process.stderr; after a direct
 * write fails, the rest of that text and every later one go through process.stderr.
 */
import * as fs from 'node:fs';

jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof fs>('node:fs');
  return { ...actual, fstatSync: jest.fn(), writeSync: jest.fn() };
});

const fstatSync = fs.fstatSync as unknown as jest.Mock;
const writeSync = fs.writeSync as unknown as jest.Mock;
const kind = (k: 'fifo' | 'socket' | 'file' | 'tty') => ({
  isFIFO: () => k === 'fifo', isSocket: () => k === 'socket', isFile: () => k === 'file',
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { processStderr } = require('../../cli/stderr') as typeof import('../../cli/stderr');

let streamWrites: string[];
beforeEach(() => {
  fstatSync.mockReset();
  writeSync.mockReset();
  streamWrites = [];
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    streamWrites.push(Buffer.from(chunk).toString('utf8'));
    return true;
  });
});
afterEach(() => jest.restoreAllMocks());

const describeUnix = process.platform === 'win32' ? describe.skip : describe;

describeUnix('stderr a pipe, a socket or a file: written to fd 2 directly', () => {
  test.each(['fifo', 'socket', 'file'] as const)('%s: the bytes of each text, in order, not a TTY', (k) => {
    fstatSync.mockReturnValue(kind(k));
    const direct: string[] = [];
    writeSync.mockImplementation((fd: number, bytes: Buffer, offset: number) => {
      expect(fd).toBe(2);
      direct.push(bytes.subarray(offset).toString('utf8'));
      return bytes.length - offset;
    });
    const sink = processStderr();
    expect(sink.isTTY).toBe(false);
    sink.write('service-star: 读取 (0.0 s)\n');
    sink.write('service-star: read 12 rows (0.1 s)\n');
    expect(direct).toEqual(['service-star: 读取 (0.0 s)\n', 'service-star: read 12 rows (0.1 s)\n']);
    expect(streamWrites).toEqual([]);
  });

  test('a short write is finished; a failed write hands the rest, and every later text, to process.stderr', () => {
    fstatSync.mockReturnValue(kind('fifo'));
    let calls = 0;
    writeSync.mockImplementation((_fd: number, bytes: Buffer, offset: number) => {
      calls++;
      if (calls === 1) return 5; // "servi"
      if (calls === 2) return 9; // "ce-star: "
      throw Object.assign(new Error('EAGAIN'), { code: 'EAGAIN' });
    });
    const sink = processStderr();
    sink.write('service-star: 读取 (0.0 s)\n');
    expect(streamWrites).toEqual(['读取 (0.0 s)\n']);
    sink.write('next\n');
    expect(writeSync).toHaveBeenCalledTimes(3);
    expect(streamWrites).toEqual(['读取 (0.0 s)\n', 'next\n']);
  });
});

test('stderr a terminal (or anything else): process.stderr, with its isTTY', () => {
  fstatSync.mockReturnValue(kind('tty'));
  const sink = processStderr();
  expect(sink.isTTY).toBe(Boolean(process.stderr.isTTY));
  sink.write('service-star: read (0.0 s)\n');
  expect(streamWrites).toEqual(['service-star: read (0.0 s)\n']);
  expect(writeSync).not.toHaveBeenCalled();
});
