/**
 * Reading the entries of a zip file (what an .xlsx or .ods is) with Node's own
 * zlib: the central directory gives each entry's name, method and offset, and an
 * entry is inflated either whole (small XML parts) or as a stream of chunks (a
 * worksheet of a million rows never needs to exist as one string). The directory
 * can also be read from an open file alone (readZipDirectory), for copying
 * entries as they are (cli/xlsx-copy-writer.ts).
 */
import { readSync } from 'node:fs';
import { zlib } from './zlib-lazy';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
  /** CRC-32 of the uncompressed bytes (from the central directory). */
  crc: number;
  /** General-purpose flags (bit 0: encrypted; bit 3: sizes in a data descriptor; bit 11: UTF-8 name). */
  flags: number;
  /** The name exactly as stored (for a copy of the entry). */
  rawName: Buffer;
  /** Sizes or offset given in a Zip64 extra field. */
  zip64: boolean;
}

/** What is wrong with a file that looked like a workbook, in both languages (the caller words the refusal). */
export class ZipFormatError extends Error {
  readonly zh: string;

  constructor(en: string, zh: string) {
    super(en);
    this.zh = zh;
  }
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Where the central directory is: entry count and offset, and whether the Zip64 end records gave them. */
interface DirectoryEnd {
  count: number;
  dirOffset: number;
  dirSize: number;
  zip64: boolean;
}

/**
 * Find the end record in `tail` (the last bytes of a file of `fileSize` bytes),
 * and the Zip64 one when the plain record is saturated.
 * @throws ZipFormatError
 */
function directoryEnd(tail: Buffer, fileSize: number): DirectoryEnd {
  const base = fileSize - tail.length;
  let eocd = -1;
  for (let i = tail.length - 22; i >= Math.max(0, tail.length - 22 - 65535); i--) {
    if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new ZipFormatError('the zip directory is missing (the file is cut short or not a zip)', '缺少压缩包目录（文件不完整或不是压缩包）');
  let count = tail.readUInt16LE(eocd + 10);
  let dirSize = tail.readUInt32LE(eocd + 12);
  let dirOffset = tail.readUInt32LE(eocd + 16);
  let zip64 = false;
  if ((count === 0xffff || dirOffset === 0xffffffff || dirSize === 0xffffffff) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = Number(tail.readBigUInt64LE(eocd - 20 + 8)) - base;
    if (at < 0 || at + 56 > tail.length || tail.readUInt32LE(at) !== EOCD64) throw new ZipFormatError('the zip64 directory is damaged', '压缩包目录已损坏');
    count = Number(tail.readBigUInt64LE(at + 32));
    dirSize = Number(tail.readBigUInt64LE(at + 40));
    dirOffset = Number(tail.readBigUInt64LE(at + 48));
    zip64 = true;
  }
  return { count, dirOffset, dirSize, zip64 };
}

/** The `count` central-directory records from `p` in `buf`, by name. @throws ZipFormatError */
function directoryEntries(buf: Buffer, p: number, count: number): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('the zip directory is damaged', '压缩包目录已损坏');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let headerOffset = buf.readUInt32LE(p + 42);
    const rawName = Buffer.from(buf.subarray(p + 46, p + 46 + nameLen));
    const name = rawName.toString('utf8').replace(/\\/g, '/');
    const zip64 = size === 0xffffffff || compressedSize === 0xffffffff || headerOffset === 0xffffffff;
    if (zip64) {
      // Zip64 extra field: the 64-bit values, in this order, for those saturated above.
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e);
        const len = buf.readUInt16LE(e + 2);
        if (id === 1) {
          let q = e + 4;
          if (size === 0xffffffff) { size = Number(buf.readBigUInt64LE(q)); q += 8; }
          if (compressedSize === 0xffffffff) { compressedSize = Number(buf.readBigUInt64LE(q)); q += 8; }
          if (headerOffset === 0xffffffff) headerOffset = Number(buf.readBigUInt64LE(q));
          break;
        }
        e += 4 + len;
      }
    }
    entries.set(name, { name, method, compressedSize, size, headerOffset, crc, flags, rawName, zip64 });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Every entry of the zip held in `buf`, by name. @throws ZipFormatError */
export function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  const end = directoryEnd(buf, buf.length);
  return directoryEntries(buf, end.dirOffset, end.count);
}

/** A zip file's directory read from disk without reading the entries (for copying them as they are). */
export interface ZipDirectory {
  entries: Map<string, ZipEntry>;
  /** The directory is in Zip64 form (or an entry is). */
  zip64: boolean;
  /** Names stored twice (a damaged or hand-made zip). */
  duplicates: boolean;
}

/** Read the central directory of the zip open as `fd` (size `fileSize`). @throws ZipFormatError */
export function readZipDirectory(fd: number, fileSize: number): ZipDirectory {
  // The end record (22 bytes and a comment of up to 65,535), the Zip64 locator (20) and the Zip64 end record (56).
  const tailLen = Math.min(fileSize, 22 + 65535 + 20 + 56);
  const tail = Buffer.alloc(tailLen);
  readFully(fd, tail, fileSize - tailLen);
  const end = directoryEnd(tail, fileSize);
  if (end.dirOffset + end.dirSize > fileSize) throw new ZipFormatError('the zip directory is damaged', '压缩包目录已损坏');
  const dir = Buffer.alloc(end.dirSize);
  readFully(fd, dir, end.dirOffset);
  const entries = directoryEntries(dir, 0, end.count);
  let zip64 = end.zip64;
  for (const e of entries.values()) if (e.zip64) zip64 = true;
  return { entries, zip64, duplicates: entries.size !== end.count };
}

/** Fill `buf` from `fd` at `position`. @throws ZipFormatError when the file ends first */
export function readFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) throw new ZipFormatError('the file is cut short', '文件不完整');
    done += n;
  }
}

/**
 * Where the compressed bytes of `entry` start in the zip open as `fd` (after its
 * local header, whose name and extra field lengths may differ from the directory's).
 * @throws ZipFormatError
 */
export function entryDataOffset(fd: number, entry: ZipEntry): number {
  const h = Buffer.alloc(30);
  readFully(fd, h, entry.headerOffset);
  if (h.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`the zip entry ${entry.name} is damaged`, `压缩包中的 ${entry.name} 已损坏`);
  return entry.headerOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
}

/** The uncompressed bytes of `entry` of the zip open as `fd`. @throws ZipFormatError, or zlib's error for damaged data */
export function entryBytesAt(fd: number, entry: ZipEntry): Buffer {
  if (entry.flags & 1) throw new ZipFormatError('the file is encrypted', '文件已加密');
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`the zip entry ${entry.name} uses compression method ${entry.method}`, `压缩包中的 ${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
  const raw = Buffer.alloc(entry.compressedSize);
  readFully(fd, raw, entryDataOffset(fd, entry));
  // One output chunk of the size the directory gives: no joining of 16 KB pieces afterwards.
  return entry.method === 0 ? raw : zlib().inflateRawSync(raw, { chunkSize: Math.max(1 << 16, entry.size) });
}

/** The entry's compressed bytes. @throws ZipFormatError */
function rawBytes(buf: Buffer, entry: ZipEntry): Buffer {
  const h = entry.headerOffset;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL) throw new ZipFormatError(`the zip entry ${entry.name} is damaged`, `压缩包中的 ${entry.name} 已损坏`);
  if (buf.readUInt16LE(h + 6) & 1) throw new ZipFormatError('the file is encrypted', '文件已加密');
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw new ZipFormatError(`the zip entry ${entry.name} is cut short`, `压缩包中的 ${entry.name} 不完整`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`the zip entry ${entry.name} uses compression method ${entry.method}`, `压缩包中的 ${entry.name} 使用了不支持的压缩方式 ${entry.method}`);
  return buf.subarray(start, end);
}

/** The entry's bytes, uncompressed. @throws ZipFormatError, or zlib's error for damaged data */
export function entryBytes(buf: Buffer, entry: ZipEntry): Buffer {
  const raw = rawBytes(buf, entry);
  return entry.method === 0 ? raw : zlib().inflateRawSync(raw, oneChunk(entry));
}

/**
 * The entry's bytes, uncompressed on the thread pool: a large part (the shared
 * strings) inflates while the caller goes on. Same bytes and errors as entryBytes.
 * @rejects ZipFormatError, or zlib's error for damaged data
 */
export function entryBytesAsync(buf: Buffer, entry: ZipEntry): Promise<Buffer> {
  let raw: Buffer;
  try {
    raw = rawBytes(buf, entry);
  } catch (err) {
    return Promise.reject(err);
  }
  if (entry.method === 0) return Promise.resolve(raw);
  return new Promise((resolve, reject) => {
    zlib().inflateRaw(raw, oneChunk(entry) ?? {}, (err, out) => (err ? reject(err) : resolve(out)));
  });
}

/**
 * One output chunk of the size the directory gives (a 10 MB shared strings part is
 * otherwise 640 pieces of 16 KB joined afterwards); a size past any real part is not trusted.
 */
function oneChunk(entry: ZipEntry): { chunkSize: number } | undefined {
  return entry.size > 0 && entry.size <= MAX_ONE_CHUNK ? { chunkSize: Math.max(1 << 16, entry.size) } : undefined;
}

/** Largest uncompressed size inflated into one chunk sized from the directory (256 MiB). */
const MAX_ONE_CHUNK = 1 << 28;

/**
 * The entry's bytes, uncompressed, in chunks of about `chunkSize` bytes (one
 * chunk for a stored entry). @throws ZipFormatError, or zlib's error for damaged data
 */
export async function* entryChunks(buf: Buffer, entry: ZipEntry, chunkSize = 1 << 20): AsyncGenerator<Buffer> {
  const raw = rawBytes(buf, entry);
  if (entry.method === 0) {
    yield raw;
    return;
  }
  const inflate = zlib().createInflateRaw({ chunkSize });
  inflate.end(raw);
  for await (const chunk of inflate) yield chunk as Buffer;
}
