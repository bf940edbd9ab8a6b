/**
 * Writing a zip file (what an .xlsx is) entry by entry with Node's own zlib, the
 * counterpart of cli/zip-entries.ts. An entry's text arrives in chunks and is
 * deflated as it comes (in zlib's worker thread, while the caller builds the next
 * chunk), so a worksheet of a million rows never exists as one string or buffer.
 * Sizes and CRC follow each entry in a data descriptor. An entry of another zip
 * can also be copied as it is, compressed bytes and all (copyEntry). Entries carry
 * a fixed time stamp, so the same content gives the same bytes.
 */
import { once } from 'node:events';
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import type { DeflateRaw } from 'node:zlib';
import { zlib } from './zlib-lazy';
import { CliError } from './errors';

const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
/** Bit 3: sizes and CRC in a data descriptor after the data; bit 11: names in UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
/** 1980-01-01 00:00 in MS-DOS time and date fields. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Text queued for the deflater before the writer waits for it (lets building and deflating overlap). */
const QUEUE_BYTES = 8 << 20;

/** zlib's CRC-32 (Node ≥ 20.15), else the same sum in JavaScript for older Node 20 releases. */
function crc32(data: Buffer, value: number): number {
  const native = (zlib() as { crc32?: (data: Buffer, value: number) => number }).crc32;
  return native ? native(data, value) : crc32Js(data, value);
}

let crcTable: Int32Array | null = null;

export function crc32Js(data: Buffer, value: number): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface Written {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** What copyEntry needs of a source entry (a ZipEntry of cli/zip-entries.ts). */
export interface CopiedEntry {
  name: string;
  rawName: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
}

/** Bytes read from the source per copy step. */
const COPY_CHUNK = 1 << 20;

/** One entry being written: `write` chunks of text or UTF-8 bytes (await the promise it may return), then `end`. */
export interface ZipEntryWriter {
  write(chunk: string | Buffer): Promise<void> | undefined;
  end(): Promise<void>;
}

export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly entries: Written[] = [];
  private open = false;

  /** @param level zlib compression level (1 is fastest; the .xlsx of a big run is written at 1–6). */
  constructor(path: string, private readonly level = zlib().constants.Z_DEFAULT_COMPRESSION) {
    this.fd = openSync(path, 'w');
  }

  private put(buf: Buffer): void {
    let done = 0;
    while (done < buf.length) done += writeSync(this.fd, buf, done, buf.length - done);
    this.offset += buf.length;
  }

  /** Start an entry; only one entry is open at a time. */
  entry(name: string): ZipEntryWriter {
    if (this.open) throw new Error('zip: previous entry not ended');
    this.open = true;
    const nameBytes = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    // CRC and sizes (14–25) stay 0: they follow the data in the descriptor.
    header.writeUInt16LE(nameBytes.length, 26);
    this.put(header);
    this.put(nameBytes);
    const deflate: DeflateRaw = zlib().createDeflateRaw({ level: this.level, highWaterMark: QUEUE_BYTES } as never);
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    let failed: Error | null = null;
    deflate.on('data', (chunk: Buffer) => {
      try {
        this.put(chunk);
        compressedSize += chunk.length;
      } catch (err) {
        failed = err as Error;
        deflate.destroy(failed);
      }
    });
    const finished = new Promise<void>((resolve, reject) => {
      deflate.once('end', resolve);
      deflate.once('error', reject);
    });
    finished.catch(() => undefined);
    return {
      write: (chunk: string | Buffer) => {
        if (failed) throw failed;
        if (chunk.length === 0) return undefined;
        const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        crc = crc32(buf, crc);
        size += buf.length;
        return deflate.write(buf) ? undefined : Promise.race([once(deflate, 'drain').then(() => undefined), finished]);
      },
      end: async () => {
        deflate.end();
        await finished;
        if (failed) throw failed;
        if (size > 0xffffffff || this.offset > 0xffffffff) throw tooLarge();
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(DESCRIPTOR, 0);
        descriptor.writeUInt32LE(crc >>> 0, 4);
        descriptor.writeUInt32LE(compressedSize, 8);
        descriptor.writeUInt32LE(size, 12);
        this.put(descriptor);
        this.entries.push({ name: nameBytes, method: DEFLATE, flags: FLAGS, crc: crc >>> 0, compressedSize, size, offset });
        this.open = false;
      },
    };
  }

  /** A whole small entry at once. */
  async add(name: string, text: string): Promise<void> {
    const e = this.entry(name);
    await e.write(text);
    await e.end();
  }

  /**
   * An entry copied as it is from another zip: its compressed bytes (`size`
   * bytes of `fd` from `dataOffset`) with the method, CRC and sizes of the source's
   * central directory — nothing inflated or deflated. The sizes go in the local
   * header (no data descriptor).
   */
  copyEntry(source: CopiedEntry, fd: number, dataOffset: number): void {
    if (this.open) throw new Error('zip: previous entry not ended');
    const offset = this.offset;
    // Bit 3 (sizes after the data) is cleared: they are known and written here. Bits 1–2 (deflate options) and 11 (UTF-8 name) stay.
    const flags = source.flags & ~0x8;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(source.method, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(source.crc >>> 0, 14);
    header.writeUInt32LE(source.compressedSize, 18);
    header.writeUInt32LE(source.size, 22);
    header.writeUInt16LE(source.rawName.length, 26);
    this.put(header);
    this.put(source.rawName);
    const chunk = Buffer.allocUnsafe(Math.min(COPY_CHUNK, Math.max(1, source.compressedSize)));
    for (let done = 0; done < source.compressedSize;) {
      const want = Math.min(chunk.length, source.compressedSize - done);
      const n = readSync(fd, chunk, 0, want, dataOffset + done);
      if (n === 0) throw new Error(`zip: ${source.name} is cut short`);
      this.put(n === chunk.length ? chunk : chunk.subarray(0, n));
      done += n;
    }
    if (this.offset > 0xffffffff) throw tooLarge();
    this.entries.push({ name: source.rawName, method: source.method, flags, crc: source.crc >>> 0, compressedSize: source.compressedSize, size: source.size, offset });
  }

  /** Write the central directory and close the file. */
  finish(): void {
    try {
      const start = this.offset;
      for (const e of this.entries) {
        const h = Buffer.alloc(46);
        h.writeUInt32LE(CENTRAL, 0);
        h.writeUInt16LE(20, 4);
        h.writeUInt16LE(20, 6);
        h.writeUInt16LE(e.flags, 8);
        h.writeUInt16LE(e.method, 10);
        h.writeUInt16LE(DOS_TIME, 12);
        h.writeUInt16LE(DOS_DATE, 14);
        h.writeUInt32LE(e.crc, 16);
        h.writeUInt32LE(e.compressedSize, 20);
        h.writeUInt32LE(e.size, 24);
        h.writeUInt16LE(e.name.length, 28);
        // Extra, comment, disk, attributes: 0.
        h.writeUInt32LE(e.offset, 42);
        this.put(h);
        this.put(e.name);
      }
      if (this.entries.length > 0xffff || this.offset > 0xffffffff) throw tooLarge();
      const end = Buffer.alloc(22);
      end.writeUInt32LE(EOCD, 0);
      end.writeUInt16LE(this.entries.length, 8);
      end.writeUInt16LE(this.entries.length, 10);
      end.writeUInt32LE(this.offset - start, 12);
      end.writeUInt32LE(start, 16);
      this.put(end);
    } finally {
      this.close();
    }
  }

  /** Close the file without finishing it (after a failure; the caller removes it). */
  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/** Over 4 GB a zip needs the Zip64 extensions, which this writer does not write. */
function tooLarge(): CliError {
  return new CliError('结果工作簿超过 4 GB，无法写成 .xlsx：请改用 --out 文件夹（CSV）', 'The result workbook would exceed 4 GB, too large for this .xlsx writer: use --out with a folder (CSV) instead');
}
