/**
 * Baseline 2: what an HR office does by hand today. The smile-cards scheme is
 * written as a formula template — the input tabs plus a 计算 (Calc) sheet with
 * one row of COUNTIFS / SUMIFS formulas per person (exceeded, met, below
 * ratings, anger-card incidents, smile and anger cards, score sum, rank within
 * the group, group winner) — and LibreOffice headless recalculates it while
 * converting xlsx → xlsx.
 *
 * Two throwaway profiles differ only in `Calc/Formula/Load/OOXMLRecalcMode`
 * (0 = always recalculate on load, 1 = never; LibreOffice's default is 1):
 * recalculation time = always − never, both runs loading and saving the same file.
 * Every formula is written with a cached result of −1, so reading the converted
 * file back proves which run recalculated: "never" keeps −1, "always" must
 * match the engine's counts for the spot-checked people.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell, RawTab } from '../core/types';
import { generateWorkbook, SIZES } from './generate';
import type { SizeName } from './engine-run';

export const SOFFICE = '/usr/bin/soffice';
const STALE = -1;

/** Calc sheet columns (1-based) and their headers. */
export const CALC_HEADERS = ['工号', '组别', '超越', '达到', '低于', '记录愤怒卡', '微笑卡', '愤怒卡', '评分合计', '组内排名', '服务之星'];

function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * The formulas of one Calc row (row `r`, 1-based) for a quarter [y-m1-01, y-m3-end],
 * over feedback rows 2..fbLast and incident rows 2..incLast, staff rows 2..staffLast.
 */
export function calcFormulas(r: number, fbLast: number, incLast: number, calcLast: number, from: [number, number, number], to: [number, number, number]): string[] {
  const fb = (c: string) => `'客户反馈'!$${c}$2:$${c}$${fbLast}`;
  const inc = (c: string) => `'奖惩记录'!$${c}$2:$${c}$${incLast}`;
  const inFb = `${fb('A')},">="&DATE(${from.join(',')}),${fb('A')},"<="&DATE(${to.join(',')})`;
  const inInc = `${inc('A')},">="&DATE(${from.join(',')}),${inc('A')},"<="&DATE(${to.join(',')})`;
  const rating = (v: string) => `COUNTIFS(${fb('B')},$A${r},${fb('D')},"${v}",${inFb})`;
  const incType = (v: string) => `COUNTIFS(${inc('B')},$A${r},${inc('C')},"${v}",${inInc})`;
  const calc = (c: string) => `$${c}$2:$${c}$${calcLast}`;
  return [
    rating('超越'),
    rating('达到'),
    rating('低于'),
    `${incType('愤怒卡')}+${incType('作业未达标')}`,
    `2*C${r}+D${r}`,
    `2*E${r}+F${r}`,
    `SUMIFS(${fb('C')},${fb('B')},$A${r},${inFb})`,
    `COUNTIFS(${calc('B')},$B${r},${calc('G')},">"&G${r})+1`,
    `IF(AND(H${r}=0,G${r}>=1,COUNTIFS(${calc('B')},$B${r},${calc('H')},0,${calc('G')},">"&G${r})=0),"★","")`,
  ];
}

function utcDay(day: string): Date {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))));
}

const DATE_HEADERS = new Set(['日期', '入职日期', '转正日期', '离职日期']);

/** Write the formula template of a generated workbook (streaming writer). */
export async function writeTemplate(tabs: RawTab[], path: string): Promise<{ staff: number; formulas: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const keep = ['员工', '客户反馈', '奖惩记录'];
  const lengths: Record<string, number> = {};
  for (const name of keep) {
    const tab = tabs.find((t) => t.name === name)!;
    lengths[name] = tab.rows.length;
    const ws = wb.addWorksheet(name);
    const dateCols = tab.rows[0].map((h, c) => (DATE_HEADERS.has(String(h)) ? c : -1)).filter((c) => c >= 0);
    for (const c of dateCols) ws.getColumn(c + 1).numFmt = 'yyyy-mm-dd';
    tab.rows.forEach((row, r) => {
      const values: Cell[] = row.map((v) => (v === '' ? null : v));
      if (r > 0) for (const c of dateCols) if (typeof row[c] === 'string' && row[c] !== '') values[c] = utcDay(row[c] as string);
      ws.addRow(values).commit();
    });
    ws.commit();
  }
  const staff = tabs.find((t) => t.name === '员工')!.rows;
  const calc = wb.addWorksheet('计算');
  calc.addRow(CALC_HEADERS).commit();
  const calcLast = staff.length;
  let formulas = 0;
  for (let i = 1; i < staff.length; i++) {
    const r = i + 1;
    const fs = calcFormulas(r, lengths['客户反馈'], lengths['奖惩记录'], calcLast, [2026, 7, 1], [2026, 9, 30]);
    formulas += fs.length;
    calc.addRow([staff[i][0], staff[i][3] || staff[i][2], ...fs.map((formula) => ({ formula, result: STALE }))]).commit();
  }
  calc.commit();
  await wb.commit();
  return { staff: staff.length - 1, formulas };
}

/** Cached results of the Calc sheet for the given ids, read back with the streaming reader. */
export async function readCalc(path: string, ids: string[]): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  // The streaming reader reports a missing file as an unhandled stream error: check first.
  if (!existsSync(path)) throw new Error(`converted file missing: ${path}`);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  for await (const ws of reader) {
    const sheet = ws as unknown as AsyncIterable<ExcelJS.Row> & { name: string };
    for await (const row of sheet) {
      if (sheet.name !== '计算') continue;
      const id = String(row.getCell(1).value);
      if (!ids.includes(id)) continue;
      const rec: Record<string, unknown> = {};
      CALC_HEADERS.forEach((h, c) => {
        const v = row.getCell(c + 1).value as unknown;
        // exceljs drops a cached result of 0 (it reads `<f>…</f><v>0</v>` as a formula with no result).
        if (v !== null && typeof v === 'object' && 'formula' in (v as object)) rec[h] = (v as { result?: unknown }).result ?? 0;
        else rec[h] = v;
      });
      out[id] = rec;
    }
  }
  return out;
}

/** A throwaway LibreOffice profile whose only setting is the recalculation mode on load. */
export function makeProfile(dir: string, mode: 0 | 1): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'user'), { recursive: true });
  writeFileSync(join(dir, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
</oor:items>
`);
  return `file://${dir}`;
}

/** Convert with soffice; wall time in ms. @throws Error when soffice fails or writes nothing */
export function convert(profileUrl: string, file: string, outDir: string, timeoutMs: number): number {
  mkdirSync(outDir, { recursive: true });
  const t = performance.now();
  const r = spawnSync(SOFFICE, [`-env:UserInstallation=${profileUrl}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', outDir, file], { encoding: 'utf8', timeout: timeoutMs });
  const ms = performance.now() - t;
  const out = join(outDir, file.split('/').pop()!);
  if (r.status !== 0 || !existsSync(out)) throw new Error(`soffice failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || '').trim().slice(0, 300)}`);
  return Math.round(ms);
}

export interface LibreOfficeRun {
  size: SizeName;
  staff: number;
  formulas: number;
  templateBytes: number;
  /** Load + save with recalculation off, and with recalculation forced on load. */
  neverMs: number;
  alwaysMs: number;
  recalcMs: number;
  /** Spot checks: LibreOffice's recalculated values next to the engine's. */
  checks: { id: string; field: string; engine: unknown; libreoffice: unknown; stale: unknown }[];
  verified: boolean;
}

/**
 * Build the template for `size`, convert it under both profiles, read it back.
 * `engineSample` maps staff id → the engine's Ranking values (微笑卡, 愤怒卡, 超越期望次数).
 */
export async function runLibreOffice(size: SizeName, workDir: string, engineSample: Record<string, Record<string, Cell>>, timeoutMs: number): Promise<LibreOfficeRun> {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const tabs = generateWorkbook(SIZES[size]);
  const file = join(workDir, `template-${size}.xlsx`);
  const { staff, formulas } = await writeTemplate(tabs, file);
  // Per-process profiles: two benchmark runs at once must not share (and wipe) a profile.
  const never = makeProfile(`/tmp/lo-bench-profile-${process.pid}-never`, 1);
  const always = makeProfile(`/tmp/lo-bench-profile-${process.pid}`, 0);
  try {
    // First start of a fresh profile builds it (several seconds): do that on a tiny file, untimed.
    const tiny = join(workDir, 'warmup.xlsx');
    const w = new ExcelJS.Workbook();
    w.addWorksheet('a').addRow([1, { formula: 'A1+1', result: STALE }]);
    await w.xlsx.writeFile(tiny);
    convert(never, tiny, join(workDir, 'warm-never'), 120_000);
    convert(always, tiny, join(workDir, 'warm-always'), 120_000);

    const neverMs = convert(never, file, join(workDir, 'never'), timeoutMs);
    const alwaysMs = convert(always, file, join(workDir, 'always'), timeoutMs);
    const ids = Object.keys(engineSample);
    const recalculated = await readCalc(join(workDir, 'always', `template-${size}.xlsx`), ids);
    const stale = await readCalc(join(workDir, 'never', `template-${size}.xlsx`), ids);
    const checks: LibreOfficeRun['checks'] = [];
    const fields: [string, string][] = [['微笑卡', '微笑卡'], ['愤怒卡', '愤怒卡'], ['超越期望次数', '超越']];
    for (const id of ids) {
      for (const [engineField, loField] of fields) {
        checks.push({ id, field: engineField, engine: engineSample[id]?.[engineField] ?? null, libreoffice: recalculated[id]?.[loField] ?? null, stale: stale[id]?.[loField] ?? null });
      }
    }
    // An engine blank (no data) is 0 in a COUNTIFS.
    const verified = checks.length > 0 && checks.every((c) => c.engine !== null && c.engine !== undefined && Number(c.engine) === Number(c.libreoffice)) && checks.every((c) => c.stale === STALE);
    return { size, staff, formulas, templateBytes: statSync(file).size, neverMs, alwaysMs, recalcMs: alwaysMs - neverMs, checks, verified };
  } finally {
    for (const p of [never, always]) rmSync(p.slice('file://'.length), { recursive: true, force: true });
  }
}

export function sofficeAvailable(): boolean {
  return existsSync(SOFFICE);
}
