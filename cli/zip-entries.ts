/**
 * Reading the entries of a zip file (what an .xlsx or .ods is) with Node's own
 * zlib: the central directory gives each entry's name, method and offset, and an
 * entry is inflated either whole (small XML parts) or as a stream of chunks (a
 * worksheet of a million rows never needs to exist as one string).
 */
import { zlib } from './zlib-lazy';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts. */
  headerOffset: number;
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

/** Every entry of the zip held in `buf`, by name. @throws ZipFormatError */
export function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) { eocd = i; break; }
  }
  if (eocd < 0) throw new ZipFormatError('the zip directory is missing (the file is cut short or not a zip)', '缺少压缩包目录（文件不完整或不是压缩包）');
  let count = buf.readUInt16LE(eocd + 10);
  let dirOffset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || dirOffset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = Number(buf.readBigUInt64LE(eocd - 20 + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) throw new ZipFormatError('the zip64 directory is damaged', '压缩包目录已损坏');
    count = Number(buf.readBigUInt64LE(at + 32));
    dirOffset = Number(buf.readBigUInt64LE(at + 48));
  }
  const entries = new Map<string, ZipEntry>();
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError('the zip directory is damaged', '压缩包目录已损坏');
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let headerOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/\\/g, '/');
    if (size === 0xffffffff || compressedSize === 0xffffffff || headerOffset === 0xffffffff) {
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
    entries.set(name, { name, method, compressedSize, size, headerOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
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
  return entry.method === 0 ? raw : zlib().inflateRawSync(raw);
}

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
