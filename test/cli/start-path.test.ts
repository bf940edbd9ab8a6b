/**
 * What the command line loads before its first progress line (the bench's "process
 * start to first progress line", docs/PERFORMANCE.md): the real first line of a CSV
 * compute, printed through process.stderr as always, while node's own modules loaded
 * by then are recorded by a preload that wraps the writes to stderr (fs.writeSync to
 * fd 2 and process.stderr's write). The start must not load what the run needs only
 * later or never: node:fs/promises (loaded on first use, once the files are read),
 * child_process (only to rebuild a stale bundle), zlib, and, with stderr a pipe (here a
 * socket pair, as spawn makes it), node:net and the streams a process.stderr socket needs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, EXAMPLES, ensureBuilt, tempDir } from './helpers';

beforeAll(() => ensureBuilt(), 180000);

const PRELOAD = `'use strict';
const fs = require('node:fs');
let first = true;
const record = (text) => {
  if (!first) return;
  first = false;
  fs.writeFileSync(process.env.LOADED_AT_FIRST_LINE, JSON.stringify({ line: String(text), modules: process.moduleLoadList }));
};
const writeSync = fs.writeSync;
fs.writeSync = function (fd, data, ...rest) {
  if (fd === 2) record(Buffer.isBuffer(data) ? data.subarray(rest[0] ?? 0).toString() : data);
  return writeSync.call(this, fd, data, ...rest);
};
const desc = Object.getOwnPropertyDescriptor(process, 'stderr');
Object.defineProperty(process, 'stderr', { configurable: true, enumerable: desc.enumerable, get() {
  const stream = desc.get.call(process);
  Object.defineProperty(process, 'stderr', { value: stream, configurable: true, enumerable: desc.enumerable });
  const write = stream.write;
  stream.write = function (...args) {
    record(args[0]);
    return write.apply(this, args);
  };
  return stream;
} });
`;
test('a CSV compute prints its first progress line without loading fs/promises, child_process, zlib or net', () => {
  const dir = tempDir('ss-start-');
  const preload = join(dir, 'preload.js');
  const record = join(dir, 'loaded.json');
  writeFileSync(preload, PRELOAD);
  const args = ['-r', preload, BIN, 'compute', join(EXAMPLES, 'csv-en'), '--period', '2026-Q3', '--preset', 'smile-cards', '--json'];
  const env = { PATH: process.env.PATH ?? '', LANG: 'C', SERVICE_STAR_PROGRESS: '1', LOADED_AT_FIRST_LINE: record };
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env });
  expect(r.status).toBe(0);
  const { line, modules } = JSON.parse(readFileSync(record, 'utf8')) as { line: string; modules: string[] };
  expect(line).toBe('service-star: read (0.0 s)\n');
  expect(modules).toEqual(expect.arrayContaining(['NativeModule internal/util/parse_args/parse_args']));
  for (const late of ['NativeModule internal/fs/promises', 'NativeModule fs/promises', 'NativeModule child_process', 'NativeModule zlib', 'NativeModule net', 'NativeModule stream']) {
    expect(modules).not.toContain(late);
  }
  // The run itself goes on as before: the whole result on stdout.
  expect(JSON.parse(r.stdout)).toHaveProperty('awards');
});
