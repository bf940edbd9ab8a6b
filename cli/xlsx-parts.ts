/**
 * Which parts of an .xlsx exceljs would drop when the workbook is loaded and saved
 * again (charts, pivot tables, macros, …). Rewriting the user's own file must never
 * lose them, so the writer refuses to write such a workbook back over itself and
 * warns when a copy leaves them out. Reads only the zip's central directory (entry
 * names), never the content.
 */
import { promises as fsp } from 'node:fs';

/** A phrase in both languages. */
export interface Message { zh: string; en: string }

/** Entry-name patterns exceljs 4 neither reads nor writes, with what the user would call them. */
const DROPPED: { test: RegExp; what: Message }[] = [
  { test: /^xl\/charts\//i, what: { zh: '图表', en: 'charts' } },
  { test: /^xl\/(pivotTables|pivotCache)\//i, what: { zh: '数据透视表', en: 'pivot tables' } },
  { test: /^xl\/vbaProject\.bin$/i, what: { zh: '宏', en: 'macros' } },
  { test: /^xl\/(slicers|slicerCaches|timelines|timelineCaches)\//i, what: { zh: '切片器', en: 'slicers' } },
  { test: /^xl\/(threadedComments|persons)\//i, what: { zh: '批注会话', en: 'threaded comments' } },
  { test: /^xl\/(ctrlProps|activeX)\//i, what: { zh: '表单控件', en: 'form controls' } },
  { test: /^xl\/embeddings\//i, what: { zh: '嵌入对象', en: 'embedded objects' } },
  { test: /^xl\/externalLinks\//i, what: { zh: '外部链接', en: 'external links' } },
  { test: /^xl\/(connections\.xml$|queryTables\/|model\/)/i, what: { zh: '数据连接', en: 'data connections' } },
];

/**
 * What of `path` a load-and-save through exceljs would lose, in a fixed order, each once.
 * Null when the zip directory cannot be read (zip64 or damaged): the caller decides.
 */
export async function droppedParts(path: string): Promise<Message[] | null> {
  const names = await zipEntryNames(path);
  if (!names) return null;
  return DROPPED.filter((d) => names.some((n) => d.test.test(n))).map((d) => d.what);
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Entry names from the zip's central directory; null when it is not a plain (non-zip64) zip. */
export async function zipEntryNames(path: string): Promise<string[] | null> {
  const fh = await fsp.open(path, 'r');
  try {
    const { size } = await fh.stat();
    // The end record is 22 bytes plus a comment of at most 65,535 bytes.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let at = -1;
    for (let i = tailLen - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { at = i; break; }
    if (at < 0) return null;
    const count = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff || dirOffset + dirSize > size) return null;
    const dir = Buffer.alloc(dirSize);
    await fh.read(dir, 0, dirSize, dirOffset);
    const names: string[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) return null;
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      names.push(dir.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\//, ''));
      p += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  } finally {
    await fh.close();
  }
}
