/**
 * `--out result.xlsx` from an .xlsx source too large to rewrite whole (see
 * FULL_REWRITE_MAX_BYTES in cli/hosts.ts): the source's zip entries are copied as
 * they are — compressed bytes, method, CRC and sizes from its central directory,
 * nothing inflated or deflated — and only the output tabs and the few small parts
 * that list sheets or styles are written new. The user's tabs keep everything
 * (formulas, styles, notes, tables, charts …) byte for byte, and the save costs
 * about the output tabs alone.
 *
 * Rewritten parts: the workbook (sheet list; defined names and views re-indexed),
 * its relationships, [Content_Types].xml, the styles (the output tabs' cell styles
 * appended after the user's, so no index of theirs moves), docProps/app.xml (its
 * list of sheet titles dropped; Excel writes it again) — and xl/calcChain.xml is
 * left out (Excel rebuilds it; entries of removed sheets would make it "repair").
 * An output replaces the sheet of its name, or its other-language twin, in place
 * (the same rule as the other writers, cli/xlsx-sheets.ts arrange); parts only a
 * replaced sheet used (its notes, drawings, tables …) go with it. Output sheets are
 * the values writer's (cli/xlsx-values-writer.ts writeOutputSheet) with inline
 * strings, so the source's shared strings are copied untouched too.
 *
 * Anything this cannot do safely (Zip64, encryption, strict OOXML, a workbook part
 * or relationship missing, a prefixed root element, a macro workbook written to
 * .xlsx, header notes …) is reported as a reason, and the caller writes the values
 * copy instead (cli/hosts.ts writeValuesWorkbook).
 */
import { promises as fsp, closeSync, fstatSync, openSync } from 'node:fs';
import { extname } from 'node:path';
import type { OutputTab, RawTab } from '../core/types';
import { decodeXml, resolvePart } from './ooxml-reader';
import { MAIN_NS, REL_NS } from './ooxml-names';
import { arrange, cannotWrite, replaceWith, safeSheetNames } from './xlsx-sheets';
import {
  cellStyleXfList, ChunkedText, customNumFmts, escapeXml, NEW_STYLES_XML, styleAttrs, type StyleAttrs,
  valuesWriterCovers, writeOutputSheet,
} from './xlsx-values-writer';
import { entryBytesAt, entryDataOffset, readZipDirectory, type ZipEntry } from './zip-entries';
import { ZipWriter } from './zip-writer';

export interface CopyWriteOptions {
  /** Called after each output tab with the output rows written so far. */
  onRows?: (rows: number) => void;
  /** zlib level of the parts written new (default 1, as the values writer). */
  level?: number;
}

/** ISO/IEC 29500 Strict names its namespaces under this; its parts would need translating, not copying. */
const STRICT_NS = 'purl.oclc.org/ooxml';
const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_RELS = 'application/vnd.openxmlformats-package.relationships+xml';
/** The workbook part's content type that fits each target extension (a macro workbook only as .xlsm). */
const WORKBOOK_TYPES: Record<string, string> = {
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  '.xlsm': 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
};

/** Why the source cannot be copied part by part; the caller writes the values copy instead. */
class NotCopyable extends Error {}

/** A relationship element of a .rels part, as written, and what it says. */
interface Rel {
  xml: string;
  id: string;
  type: string;
  /** The target as a zip entry name; null for an external one. */
  part: string | null;
  /** The Target attribute as written. */
  target: string;
}

/** A `<sheet>` of the workbook's sheet list. */
interface SheetRef {
  xml: string;
  name: string;
  sheetId: number;
  rid: string | undefined;
}

/** An output tab's new sheet. */
interface NewSheet {
  tab: OutputTab;
  name: string;
  sheetId: number;
  rid: string;
  /** Zip entry name of its worksheet part. */
  part: string;
}

/** What to write: parts replaced by new text, parts left out, parts and sheets added. */
interface CopyPlan {
  replaced: Map<string, string>;
  dropped: Set<string>;
  added: Map<string, string>;
  sheets: NewSheet[];
  attrs: StyleAttrs;
}

/**
 * Write `source` with `outputs` replaced or added to `path` (which may be `source`
 * itself: the new file replaces it only once complete). Returns null when written,
 * or, having written nothing, why this workbook cannot be copied this way.
 * @throws CliError when the target cannot be written.
 */
export async function writeCopyXlsx(source: string, path: string, outputs: OutputTab[], options: CopyWriteOptions = {}): Promise<string | null> {
  if (!valuesWriterCovers(outputs)) return 'output header notes';
  let fd: number;
  try {
    fd = openSync(source, 'r');
  } catch (err) {
    return `cannot open the source (${(err as Error).message})`;
  }
  let plan: CopyPlan;
  let entries: Map<string, ZipEntry>;
  try {
    entries = copyableEntries(fd);
    plan = planCopy(fd, entries, outputs, extname(path).toLowerCase());
  } catch (err) {
    closeSync(fd);
    // A damaged zip or part: the values copy (from what the reader read) decides what to say.
    return err instanceof Error ? err.message : String(err);
  }
  const tmp = `${path}.${process.pid}.tmp`;
  let zip: ZipWriter | null = null;
  try {
    zip = new ZipWriter(tmp, options.level ?? 1);
    for (const [name, e] of entries) {
      if (plan.dropped.has(name)) continue;
      const text = plan.replaced.get(name);
      if (text !== undefined) await zip.add(name, text);
      else zip.copyEntry(e, fd, entryDataOffset(fd, e));
    }
    for (const [name, text] of plan.added) await zip.add(name, text);
    let total = 0;
    for (const sheet of plan.sheets) {
      const out = new ChunkedText(zip.entry(sheet.part));
      await writeOutputSheet(out, sheet.tab, null, plan.attrs);
      await out.end();
      total += sheet.tab.rows.length;
      options.onRows?.(total);
    }
    zip.finish();
    zip = null;
    closeSync(fd);
    await replaceWith(tmp, path);
    return null;
  } catch (err) {
    zip?.close();
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    await fsp.unlink(tmp).catch(() => undefined);
    throw cannotWrite(path, err);
  }
}

/**
 * Why `source` cannot be copied part by part to a file named like `path` (its
 * extension), or null when it can: every check of the copy but the outputs', which
 * only choose the tabs replaced. Cheap (the zip directory and the small parts), so
 * `--out` over the source itself is allowed or refused before computing.
 */
export function whyNotCopyable(source: string, path: string): string | null {
  let fd: number;
  try {
    fd = openSync(source, 'r');
  } catch (err) {
    return `cannot open the source (${(err as Error).message})`;
  }
  try {
    const entries = copyableEntries(fd);
    planCopy(fd, entries, [], extname(path).toLowerCase());
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    closeSync(fd);
  }
}

/** The source's zip entries, when every one can be copied as it is. @throws NotCopyable, ZipFormatError */
function copyableEntries(fd: number): Map<string, ZipEntry> {
  const dir = readZipDirectory(fd, fstatSync(fd).size);
  if (dir.zip64) throw new NotCopyable('Zip64');
  if (dir.duplicates) throw new NotCopyable('an entry name stored twice');
  for (const e of dir.entries.values()) {
    if (e.flags & 1) throw new NotCopyable('encrypted');
    if (e.method !== 0 && e.method !== 8) throw new NotCopyable(`compression method ${e.method}`);
  }
  return dir.entries;
}

/** Decide every part of the copy. @throws NotCopyable (or ZipFormatError / zlib's error for a damaged part) */
function planCopy(fd: number, entries: Map<string, ZipEntry>, outputs: OutputTab[], ext: string): CopyPlan {
  const byLower = new Map<string, string>();
  for (const name of entries.keys()) byLower.set(name.toLowerCase(), name);
  /** The zip entry name of a part (part names ignore case), or undefined. */
  const entryName = (part: string): string | undefined => (entries.has(part) ? part : byLower.get(part.toLowerCase()));
  const texts = new Map<string, string>();
  const text = (part: string): string | null => {
    const name = entryName(part);
    if (name === undefined) return null;
    let t = texts.get(name);
    if (t === undefined) {
      t = entryBytesAt(fd, entries.get(name)!).toString('utf8').replace(/^\uFEFF/, '');
      texts.set(name, t);
    }
    return t;
  };
  const need = (part: string, what: string): string => {
    const t = text(part);
    if (t === null) throw new NotCopyable(`no ${what} (${part})`);
    if (t.includes(STRICT_NS)) throw new NotCopyable('strict Office Open XML');
    return t;
  };

  const contentTypesName = entryName('[Content_Types].xml');
  const contentTypes = need('[Content_Types].xml', 'content types');
  const rootRels = parseRels(need('_rels/.rels', 'package relationships'), '');
  const workbookPart = rootRels.find((r) => /\/officeDocument$/.test(r.type))?.part;
  if (!workbookPart) throw new NotCopyable('no workbook relationship');
  const workbookXml = need(workbookPart, 'workbook part');
  if (!new RegExp(`<workbook\\b[^>]*\\sxmlns="${MAIN_NS}"`).test(workbookXml)) throw new NotCopyable('the workbook element is prefixed or not SpreadsheetML');
  const workbookType = contentTypeOf(contentTypes, workbookPart);
  if (!workbookType || workbookType !== WORKBOOK_TYPES[ext]) throw new NotCopyable(`a workbook of type ${workbookType ?? '(none)'} written as ${ext}`);
  const dir = workbookPart.includes('/') ? workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1) : '';
  const workbookRelsPart = relsPartOf(workbookPart);
  const workbookRelsXml = need(workbookRelsPart, 'workbook relationships');
  if (!/<Relationships\b/.test(workbookRelsXml)) throw new NotCopyable('the workbook relationships are prefixed');
  const workbookRels = parseRels(workbookRelsXml, dir);
  const relById = new Map(workbookRels.map((r) => [r.id, r] as const));

  // The sheet list, and which sheets the outputs replace (in place) or follow.
  const sheetsMatch = /(<sheets\b[^>]*>)([\s\S]*?)(<\/sheets>)/.exec(workbookXml);
  if (!sheetsMatch) throw new NotCopyable('no sheet list');
  const refs: SheetRef[] = [...sheetsMatch[2].matchAll(/<sheet\b[^>]*>/g)].map((m) => ({
    xml: m[0],
    name: decodeXml(attr(m[0], 'name') ?? ''),
    sheetId: Number(attr(m[0], 'sheetId') ?? 0) || 0,
    rid: /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(m[0])?.[1],
  }));
  // arrange() decides the order on tabs; a stand-in per sheet maps its answer back to the sheet.
  const standIns = refs.map((r): RawTab => ({ name: r.name, rows: [] }));
  const refOf = new Map(standIns.map((t, i) => [t, i] as const));
  const order = arrange(standIns, outputs);
  const keptNames = order.flatMap((s) => (s.kind === 'input' ? [s.tab.name] : []));
  const outputOrder = order.flatMap((s) => (s.kind === 'output' ? [s.tab] : []));
  const safeNames = safeSheetNames([...keptNames, ...outputOrder.map((o) => o.name)]).slice(keptNames.length);
  let nextSheetId = refs.reduce((m, r) => Math.max(m, r.sheetId), 0) + 1;
  const usedIds = new Set(workbookRels.map((r) => r.id));
  let nextRid = workbookRels.length + 1;
  const newRid = (): string => {
    while (usedIds.has(`rId${nextRid}`)) nextRid++;
    usedIds.add(`rId${nextRid}`);
    return `rId${nextRid}`;
  };
  let nextPart = 1;
  const newPart = (): string => {
    while (byLower.has(`${dir}worksheets/sheet${nextPart}.xml`.toLowerCase())) nextPart++;
    return `${dir}worksheets/sheet${nextPart++}.xml`;
  };
  const sheets: NewSheet[] = [];
  const newIndexOf = new Map<number, number>(); // old sheet index → new one (kept sheets)
  const keptIndex = new Set<number>();
  let sheetsXml = '';
  // `r` may not be the relationships prefix of this workbook: each new <sheet> declares its own.
  const rDeclared = new RegExp(`\\sxmlns:r="${REL_NS}"`).test(/<workbook\b[^>]*>/.exec(workbookXml)![0]);
  order.forEach((s, i) => {
    if (s.kind === 'input') {
      const k = refOf.get(s.tab)!;
      newIndexOf.set(k, i);
      keptIndex.add(k);
      sheetsXml += refs[k].xml;
      return;
    }
    const sheet: NewSheet = { tab: s.tab, name: safeNames[sheets.length], sheetId: nextSheetId++, rid: newRid(), part: newPart() };
    sheets.push(sheet);
    sheetsXml += `<sheet name="${escapeXml(sheet.name)}" sheetId="${sheet.sheetId}"${rDeclared ? '' : ` xmlns:r="${REL_NS}"`} r:id="${sheet.rid}"/>`;
  });
  const removed = refs.map((_, k) => k).filter((k) => !keptIndex.has(k));
  const removedRids = new Set(removed.map((k) => refs[k].rid).filter((id): id is string => id !== undefined));
  // A removed sheet whose name no new sheet takes: names that refer to it are dropped with it.
  const newNames = new Set([...keptNames, ...safeNames].map((n) => n.toLowerCase()));
  const gone = removed.map((k) => refs[k].name).filter((n) => !newNames.has(n.toLowerCase()));
  // Where a removed sheet's place went (for the active tab): the output that took it, if any.
  const placeOf = (k: number): number => {
    const kept = newIndexOf.get(k);
    if (kept !== undefined) return kept;
    const at = order.findIndex((s) => s.kind === 'output' && (s.tab.name.toLowerCase() === refs[k].name.toLowerCase()
      || (s.tab.replaces ?? []).some((n) => n.toLowerCase() === refs[k].name.toLowerCase())));
    return at >= 0 ? at : 0;
  };

  const replaced = new Map<string, string>();
  const added = new Map<string, string>();
  const newWorkbook = workbookXml.slice(0, sheetsMatch.index) + sheetsMatch[1] + sheetsXml + sheetsMatch[3]
    + workbookXml.slice(sheetsMatch.index + sheetsMatch[0].length);
  replaced.set(entryName(workbookPart)!, fixWorkbookRefs(newWorkbook, newIndexOf, placeOf, gone, order.length));

  // Styles: the output tabs' cell styles after the user's.
  const stylesRel = workbookRels.find((r) => /\/styles$/.test(r.type));
  let attrs: StyleAttrs;
  const newRels: string[] = [];
  const newOverrides: string[] = [];
  if (stylesRel?.part && entryName(stylesRel.part)) {
    const appended = appendStyles(need(stylesRel.part, 'styles part'));
    replaced.set(entryName(stylesRel.part)!, appended.xml);
    attrs = appended.attrs;
  } else {
    if (stylesRel) throw new NotCopyable('a styles relationship without its part');
    const part = newPartName(byLower, `${dir}styles.xml`);
    added.set(part, NEW_STYLES_XML);
    newRels.push(`<Relationship Id="${newRid()}" Type="${REL_NS}/styles" Target="${escapeXml(part.slice(dir.length))}"/>`);
    newOverrides.push(`<Override PartName="/${escapeXml(part)}" ContentType="${CT_STYLES}"/>`);
    attrs = styleAttrs((i) => i);
  }

  // Workbook relationships: the removed sheets' and the calculation chain's go; the new sheets' come.
  for (const s of sheets) newRels.push(`<Relationship Id="${s.rid}" Type="${REL_NS}/worksheet" Target="${escapeXml(s.part.slice(dir.length))}"/>`);
  const keptRels = workbookRels.filter((r) => !removedRids.has(r.id) && !/\/calcChain$/.test(r.type));
  const keptRelXml = new Set(keptRels.map((r) => r.xml));
  const newWorkbookRels = workbookRelsXml.replace(/<Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/Relationship>)/g, (m) => (keptRelXml.has(m) ? m : ''))
    .replace(/<\/Relationships>\s*$/, () => `${newRels.join('')}</Relationships>`);
  if (!newWorkbookRels.includes(newRels.join(''))) throw new NotCopyable('the workbook relationships do not end as expected');
  replaced.set(entryName(workbookRelsPart)!, newWorkbookRels);

  // Parts only the removed sheets (or the calculation chain) used: reachable before, not after.
  // Each part's internal targets, parsed once for both walks (a statements tab's relationships part holds
  // hundreds of thousands of external links and no internal one).
  const targetsCache = new Map<string, string[]>();
  const targetsOf = (part: string): string[] => {
    let t = targetsCache.get(part);
    if (t === undefined) {
      const name = entryName(relsPartOf(part));
      t = name === undefined ? [] : internalTargetsOfBytes(entryBytesAt(fd, entries.get(name)!), part.slice(0, part.lastIndexOf('/') + 1));
      targetsCache.set(part, t);
    }
    return t;
  };
  const newWorkbookTargets = internalTargets(newWorkbookRels, dir);
  const before = reachable(rootRels, targetsOf);
  const after = reachable(rootRels, (p) => (p === workbookPart ? newWorkbookTargets : targetsOf(p)));
  const dropped = new Set<string>();
  for (const part of before) {
    if (after.has(part)) continue;
    const name = entryName(part);
    if (name) dropped.add(name);
    const rels = entryName(relsPartOf(part));
    if (rels) dropped.add(rels);
  }

  // docProps/app.xml lists the sheet titles: dropped (optional; Excel writes them again).
  const appPart = rootRels.find((r) => /\/extended-properties$/.test(r.type))?.part;
  const appXml = appPart ? text(appPart) : null;
  if (appPart && appXml !== null && /<(?:\w+:)?(HeadingPairs|TitlesOfParts)\b/.test(appXml)) {
    replaced.set(entryName(appPart)!, appXml.replace(/<((?:\w+:)?(?:HeadingPairs|TitlesOfParts))\b[\s\S]*?<\/\1>/g, ''));
  }

  // Content types: dropped parts out, new sheets in.
  for (const s of sheets) newOverrides.push(`<Override PartName="/${escapeXml(s.part)}" ContentType="${CT_WORKSHEET}"/>`);
  const droppedLower = new Set([...dropped].map((n) => `/${n.toLowerCase()}`));
  let types = contentTypes.replace(/<Override\b[^>]*>(?:\s*<\/Override>)?/g, (m) => {
    const name = attr(m, 'PartName');
    return name !== undefined && droppedLower.has(decodeXml(name).toLowerCase()) ? '' : m;
  });
  if (!/<Default\b[^>]*\bExtension="rels"/i.test(types)) newOverrides.unshift(`<Default Extension="rels" ContentType="${CT_RELS}"/>`);
  const typesEnd = /<\/Types>\s*$/.exec(types);
  if (!typesEnd || !/<Types\b/.test(types)) throw new NotCopyable('the content types are prefixed or do not end as expected');
  types = types.slice(0, typesEnd.index) + newOverrides.join('') + types.slice(typesEnd.index);
  replaced.set(contentTypesName!, types);

  for (const name of replaced.keys()) dropped.delete(name);
  return { replaced, dropped, added, sheets, attrs };
}

/** The relationships part of a part: `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; the package's for ''. */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A part name not yet in the zip, `wanted` or with a number before its extension. */
function newPartName(byLower: Map<string, string>, wanted: string): string {
  if (!byLower.has(wanted.toLowerCase())) return wanted;
  const dot = wanted.lastIndexOf('.');
  for (let k = 2; ; k++) {
    const name = `${wanted.slice(0, dot)}${k}${wanted.slice(dot)}`;
    if (!byLower.has(name.toLowerCase())) return name;
  }
}

/** Every part reachable from the package's relationships through internal ones (zip entry names, as targets resolve). */
function reachable(rootRels: Rel[], targetsOf: (part: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (parts: (string | null)[]) => {
    for (const part of parts) {
      if (part !== null && !seen.has(part)) {
        seen.add(part);
        queue.push(part);
      }
    }
  };
  visit(rootRels.map((r) => r.part));
  while (queue.length > 0) visit(targetsOf(queue.pop()!));
  return seen;
}

/** The internal targets of a relationships part whose owner's folder is `dir`, as zip entry names. */
function internalTargets(xml: string, dir: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    if (attr(m[0], 'TargetMode') !== 'External') out.push(resolvePart(dir, decodeXml(attr(m[0], 'Target') ?? '')));
  }
  return out;
}

const REL_NAME = Buffer.from('Relationship');
const EXTERNAL = Buffer.from('TargetMode="External"');

/**
 * internalTargets on the part's bytes, without making them a string: a statements tab's
 * relationships part is megabytes of external links, each skipped by byte searches
 * (`TargetMode="External"` inside it); only any other element becomes a string.
 */
function internalTargetsOfBytes(buf: Buffer, dir: string): string[] {
  const out: string[] = [];
  let external = buf.indexOf(EXTERNAL);
  for (let i = buf.indexOf(REL_NAME); i >= 0; i = buf.indexOf(REL_NAME, i + REL_NAME.length)) {
    const end = buf.indexOf(0x3e, i); // `>`
    if (end < 0) break;
    const next = buf[i + REL_NAME.length];
    if (buf[i - 1] !== 0x3c && buf[i - 1] !== 0x3a) continue; // not an element name (`<` or a prefix's `:` before it)
    if (next !== 0x20 && next !== 0x09 && next !== 0x0a && next !== 0x0d && next !== 0x2f && next !== 0x3e) continue; // `Relationships`
    if (external >= 0 && external < i) external = buf.indexOf(EXTERNAL, i);
    if (external >= 0 && external < end) continue; // as written by every producer: no string made
    const element = buf.toString('utf8', buf.lastIndexOf(0x3c, i), end + 1);
    if (attr(element, 'TargetMode') !== 'External') out.push(resolvePart(dir, decodeXml(attr(element, 'Target') ?? '')));
  }
  return out;
}

/** Relationships of a part whose folder is `dir`; internal targets resolved to zip entry names. */
function parseRels(xml: string, dir: string): Rel[] {
  const out: Rel[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?Relationship>)/g)) {
    const open = /^<[^>]*>/.exec(m[0])![0];
    const target = decodeXml(attr(open, 'Target') ?? '');
    const external = attr(open, 'TargetMode') === 'External';
    out.push({ xml: m[0], id: attr(open, 'Id') ?? '', type: attr(open, 'Type') ?? '', target, part: external ? null : resolvePart(dir, target) });
  }
  return out;
}

const attrPatterns = new Map<string, RegExp>();

function attr(element: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(element);
  return m ? (m[1] ?? m[2]) : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replace an attribute's value in an element's opening tag, or add it. */
function setAttr(element: string, name: string, value: string | number): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(element)) return element.replace(re, (_, head: string) => `${head}"${value}"`);
  return element.replace(/\s*(\/?>)$/, (_, end: string) => ` ${name}="${value}"${end}`);
}

/** The content type of `part` from [Content_Types].xml (its Override, else the Default of its extension). */
function contentTypeOf(types: string, part: string): string | undefined {
  const want = `/${part}`.toLowerCase();
  for (const m of types.matchAll(/<Override\b[^>]*>/g)) {
    if (decodeXml(attr(m[0], 'PartName') ?? '').toLowerCase() === want) return attr(m[0], 'ContentType');
  }
  const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  for (const m of types.matchAll(/<Default\b[^>]*>/g)) {
    if ((attr(m[0], 'Extension') ?? '').toLowerCase() === ext) return attr(m[0], 'ContentType');
  }
  return undefined;
}

/**
 * The workbook's references by sheet position after the sheet list changed: defined
 * names local to a sheet follow it (or go with a removed one), names that refer to a
 * removed sheet no new sheet is named after go, and the views' active and first tab follow.
 */
function fixWorkbookRefs(xml: string, newIndexOf: Map<number, number>, placeOf: (old: number) => number, gone: string[], count: number): string {
  // `'My tab'!A1`, or `Sheet2!A1` not preceded by more of a name.
  const goneRefs = gone.map((n) => new RegExp(`'${escapeRegExp(n.replace(/'/g, "''"))}'!|(?:^|[^\\w.'])${escapeRegExp(n)}!`, 'i'));
  xml = xml.replace(/<definedName\b[^>]*?(?:\/>|>([\s\S]*?)<\/definedName>)/g, (m, body: string | undefined) => {
    const open = /^<[^>]*>/.exec(m)![0];
    const local = attr(open, 'localSheetId');
    if (local !== undefined) {
      const now = newIndexOf.get(Number(local));
      if (now === undefined) return '';
      if (now !== Number(local)) m = setAttr(open, 'localSheetId', now) + m.slice(open.length);
    }
    const formula = decodeXml(body ?? '');
    return goneRefs.some((r) => r.test(formula)) ? '' : m;
  });
  // A definedNames element left empty is not allowed.
  xml = xml.replace(/<definedNames\b[^>]*>\s*<\/definedNames>/, '');
  return xml.replace(/<workbookView\b[^>]*>/g, (view) => {
    for (const a of ['activeTab', 'firstSheet']) {
      const v = attr(view, a);
      if (v === undefined) continue;
      const at = Math.min(placeOf(Number(v)), Math.max(0, count - 1));
      if (at !== Number(v)) view = setAttr(view, a, at);
    }
    return view;
  });
}

/**
 * The source's styles part with the output tabs' number formats, bold font and
 * cell styles added after the user's (no index of theirs moves), and where the
 * output cells' styles now are. One the workbook already has, exactly as written
 * here, is used instead of added again — so a re-run over a result adds nothing.
 * The bold font is the workbook's default font made bold, so output tabs look
 * like the rest of the workbook.
 * @throws NotCopyable when a section it adds to is missing.
 */
function appendStyles(xml: string): { xml: string; attrs: StyleAttrs } {
  if (!new RegExp(`<styleSheet\\b[^>]*\\sxmlns="${MAIN_NS}"`).test(xml)) throw new NotCopyable('the styles element is prefixed or not SpreadsheetML');
  const section = (tag: string) => new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?</${tag}>`).exec(xml);
  const children = (sec: RegExpExecArray | null, tag: string): string[] => (sec ? [...sec[0].matchAll(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, 'g'))].map((m) => m[0]) : []);
  const fonts = section('fonts');
  const xfs = section('cellXfs');
  if (!fonts || !xfs || !/<fill\b/.test(section('fills')?.[0] ?? '') || !/<border\b/.test(section('borders')?.[0] ?? '')
    || !/<xf\b/.test(section('cellStyleXfs')?.[0] ?? '')) {
    throw new NotCopyable('the styles part lacks fonts, fills, borders or cell styles');
  }
  // Number formats: the workbook's own of the same code, else new ids after every custom one of the workbook's.
  const numFmtsSection = section('numFmts');
  const ownFmts = new Map<string, number>();
  for (const f of children(numFmtsSection, 'numFmt')) {
    const id = attr(f, 'numFmtId');
    const code = attr(f, 'formatCode');
    if (id !== undefined && code !== undefined && !ownFmts.has(decodeXml(code))) ownFmts.set(decodeXml(code), Number(id));
  }
  let nextId = 163;
  for (const m of xml.matchAll(/<numFmt\b[^>]*\snumFmtId\s*=\s*"(\d+)"/g)) nextId = Math.max(nextId, Number(m[1]));
  const fmtIds = new Map<string, number>();
  let fmtXml = '';
  for (const code of customNumFmts(0).keys()) {
    const own = ownFmts.get(code);
    if (own !== undefined) fmtIds.set(code, own);
    else {
      fmtIds.set(code, ++nextId);
      fmtXml += `<numFmt numFmtId="${nextId}" formatCode="${escapeXml(code)}"/>`;
    }
  }
  const fontList = children(fonts, 'font');
  const firstFont = fontList[0] ?? '<font/>';
  const bold = /<b\b/.test(firstFont) ? '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    : firstFont.endsWith('/>') ? firstFont.replace(/\s*\/>$/, '><b/></font>') : firstFont.replace(/^<font\b[^>]*>/, (open) => `${open}<b/>`);
  let boldFont = fontList.indexOf(bold);
  const fontXml = boldFont < 0 ? bold : '';
  if (boldFont < 0) boldFont = fontList.length;
  const xfList = children(xfs, 'xf');
  const indexOfXf = new Map<string, number>();
  xfList.forEach((x, i) => { if (!indexOfXf.has(x)) indexOfXf.set(x, i); });
  let xfXml = '';
  let xfCount = xfList.length;
  const where = cellStyleXfList(fmtIds, 0, boldFont).map((x) => {
    let at = indexOfXf.get(x);
    if (at === undefined) {
      at = xfCount++;
      indexOfXf.set(x, at);
      xfXml += x;
    }
    return at;
  });
  // Added after the last child of each section (before its closing tag), counts updated.
  const append = (s: string, tag: string, items: string, count: number): string => (items === '' ? s : s.replace(
    new RegExp(`(<${tag}\\b[^>]*>)([\\s\\S]*?)(</${tag}>)`), (_, open: string, inner: string, close: string) => `${setAttr(open, 'count', count)}${inner}${items}${close}`));
  let out = xml;
  if (numFmtsSection) out = append(out, 'numFmts', fmtXml, children(numFmtsSection, 'numFmt').length + (fmtXml.match(/<numFmt\b/g) ?? []).length);
  else if (fmtXml) {
    // No numFmts section (or an empty `<numFmts/>`): one goes first, where the schema wants it.
    const n = (fmtXml.match(/<numFmt\b/g) ?? []).length;
    out = out.replace(/<numFmts\b[^>]*\/>/, '').replace(/<styleSheet\b[^>]*>/, (open) => `${open}<numFmts count="${n}">${fmtXml}</numFmts>`);
  }
  out = append(out, 'fonts', fontXml, fontList.length + 1);
  out = append(out, 'cellXfs', xfXml, xfCount);
  // A plain output cell takes the workbook's default style (no `s`), as in the values writer.
  return { xml: out, attrs: styleAttrs((i) => (i === 0 ? null : where[i])) };
}
