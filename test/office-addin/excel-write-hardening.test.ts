/**
 * Excel writes hardened for the real host (issue 19), against the recording fake:
 * chunks measured on the serialised payload with CJK counted as its \uXXXX escape,
 * a request Excel refuses as too large sent again in halves, calculation
 * suspended before each batch's writes, and explicit column widths instead of
 * autofit.
 */
import type { Cell, OutputTab } from '../../core/types';
import { addTabs, columnWidths, createExcelHost, escapedJsonLength, ExcelHostError, halveChunk, MAX_COLUMN_POINTS, MIN_COLUMN_POINTS, planChunks, textUnits } from '../../office-addin/excel-host';
import { FakeWorkbook } from './fake-excel';

function tab(name: string, rows: Cell[][], formats: OutputTab['formats']): OutputTab {
  return { name, kind: 'ranking', rows, formats };
}

/** 40 CJK characters, different per row. */
function cjk(i: number): string {
  let s = '';
  for (let k = 0; k < 40; k++) s += String.fromCharCode(0x4e00 + ((i * 7 + k) % 20000));
  return s;
}

function cjkTab(rows: number): OutputTab {
  const out: Cell[][] = [['staff_id', 'comment']];
  for (let i = 1; i <= rows; i++) out.push([`S${String(i).padStart(6, '0')}`, cjk(i)]);
  return tab('Data check 2026-Q3', out, ['text', 'text']);
}

/** Commands of a sync other than object resolution. */
function commands(wb: FakeWorkbook, i: number): string[] {
  return wb.syncs[i].commands.filter((c) => c !== 'resolve');
}

describe('payload measured as serialised, escaped JSON', () => {
  test('escapedJsonLength: ASCII 1, any other UTF-16 unit 6', () => {
    expect(escapedJsonLength('["abc"]')).toBe(7);
    expect(escapedJsonLength('["客服"]')).toBe(4 + 12);
    expect(escapedJsonLength('😀')).toBe(12);
  });

  test('a CJK-heavy tab to a host that escapes CJK, 5 MB request limit: no sync refused, each under 4 MB', async () => {
    // A row: ["S000001","<40 CJK>"] → 9 + 2 + 240 + 3 = 254 escaped bytes (134 in UTF-8), formats ["@","@"] 9.
    // Measured in UTF-8, a 4 MB chunk would carry ~29,000 rows = 7.6 MB escaped: refused.
    const out = cjkTab(60_000);
    const wb = new FakeWorkbook({ Staff: [['staff_id']] });
    wb.escapeNonAscii = true;
    wb.maxRequestBytes = 5_000_000;
    await createExcelHost({ run: wb.run }).writeTabs([out]);
    expect(wb.syncs.every((s) => s.error === null)).toBe(true);
    expect(Math.max(...wb.syncs.map((s) => s.bytes))).toBeLessThan(4_000_000);
    // 60,001 rows × 265 bytes ≈ 15.9 MB → 4 chunks after the probe.
    expect(wb.syncs).toHaveLength(1 + planChunks(out, 2, 4_000_000).length);
    expect(wb.syncs).toHaveLength(5);
    expect(wb.tab('Data check 2026-Q3')).toEqual(out.rows);
  });
});

describe('a request Excel refuses as too large is sent again in halves', () => {
  test('chunks planned larger than the host accepts: halved until they fit, then written whole', async () => {
    const out = cjkTab(2_000);
    const old = [['old'], ['result']];
    const wb = new FakeWorkbook({ Staff: [['staff_id']], 'Data check 2026-Q3': old, Notes: [['mine']] });
    wb.escapeNonAscii = true;
    // The adapter plans 400 kB chunks; this host takes 100 kB.
    wb.maxRequestBytes = 100_000;
    await createExcelHost({ run: wb.run, maxPayloadBytes: 400_000 }).writeTabs([out]);
    const refused = wb.syncs.filter((s) => s.error === 'RequestPayloadSizeLimitExceeded');
    expect(refused.length).toBeGreaterThan(0);
    expect(wb.syncs.every((s) => s.error === null || s.error === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    for (const s of wb.syncs.filter((x) => x.error === null)) expect(s.bytes).toBeLessThanOrEqual(100_000);
    expect(wb.names()).toEqual(['Staff', 'Data check 2026-Q3', 'Notes']);
    expect(wb.tab('Data check 2026-Q3')).toEqual(out.rows);
    expect(wb.find('Data check 2026-Q3')!.formats.every((r) => r.every((f) => f === '@'))).toBe(true);
    // The first refusal carried the sheet's add: it was sent again with the first half.
    const adds = wb.syncs.filter((s) => s.commands.includes('add:~tmp Data check 2026-Q3'));
    expect(adds.length).toBeGreaterThan(1);
    expect(adds.filter((s) => s.error === null)).toHaveLength(1);
  });

  test('a refusal of a later chunk keeps the rows already written and the sheet already added', async () => {
    const out = cjkTab(3_000);
    const wb = new FakeWorkbook({ Staff: [['staff_id']] });
    wb.escapeNonAscii = true;
    // Chunks of ~300 kB; the host takes 250 kB: every chunk is refused once, then goes in halves.
    wb.maxRequestBytes = 250_000;
    await createExcelHost({ run: wb.run, maxPayloadBytes: 300_000 }).writeTabs([out]);
    expect(wb.tab('Data check 2026-Q3')).toEqual(out.rows);
    expect(wb.syncs.filter((s) => s.commands.some((c) => c.startsWith('add:')) && s.error === null)).toHaveLength(1);
    expect(wb.names()).toEqual(['Staff', 'Data check 2026-Q3']);
  });

  test('a single row still refused: a bilingual refusal, the old tab kept, no temporary sheet', async () => {
    const old = [['old']];
    const wb = new FakeWorkbook({ Staff: [['staff_id']], 'Data check 2026-Q3': old });
    wb.maxRequestBytes = 100;
    const error = await createExcelHost({ run: wb.run }).writeTabs([cjkTab(3)]).catch((e) => e);
    expect(error).toBeInstanceOf(ExcelHostError);
    expect(error.code).toBe('request_too_large');
    // The header row goes through alone; the first data row (sheet row 2) cannot.
    expect(error.text.zh).toMatch(/第 2 行/);
    expect(error.text.en).toMatch(/Row 2 of the output tab "Data check 2026-Q3"/);
    expect(wb.names()).toEqual(['Staff', 'Data check 2026-Q3']);
    expect(wb.tab('Data check 2026-Q3')).toEqual(old);
  });

  test('halveChunk: two halves of the rows; one row cannot be halved', () => {
    expect(halveChunk({ start: 10, end: 15, bytes: 1000 }, 'T')).toEqual([{ start: 10, end: 12, bytes: 500 }, { start: 12, end: 15, bytes: 500 }]);
    expect(() => halveChunk({ start: 4, end: 5, bytes: 10 }, 'T')).toThrow(ExcelHostError);
  });
});

describe('calculation suspended before each batch\'s writes', () => {
  test('writeTabs: in every write sync, suspendCalc comes before any write', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']], 'Data check 2026-Q3': [['old']] });
    await createExcelHost({ run: wb.run, maxPayloadBytes: 200_000 }).writeTabs([cjkTab(3_000), tab('Bonus 2026-Q3', [['Paid'], [800]], ['money'])]);
    const writes = wb.syncs.map((_, i) => commands(wb, i)).filter((c) => c.some((k) => /^(values|numberFormat|add):/.test(k)));
    expect(writes.length).toBeGreaterThan(3);
    for (const c of writes) {
      expect(c[0]).toBe('suspendCalc');
      expect(c.filter((k) => k === 'suspendCalc')).toHaveLength(1);
    }
  });

  test('addTabs (templates): every batch starts with calculation suspended', async () => {
    const wb = new FakeWorkbook({ Sheet1: [] });
    await addTabs(wb.run, () => ({ add: [cjkTab(3_000), tab('Staff', [['staff_id'], ['S01']], ['text'])] }), { notes: false, maxPayloadBytes: 200_000 });
    const writes = wb.syncs.map((_, i) => commands(wb, i)).filter((c) => c.some((k) => /^(values|numberFormat):/.test(k)));
    expect(writes.length).toBeGreaterThan(3);
    for (const c of writes) expect(c[0]).toBe('suspendCalc');
    expect(wb.names()).toEqual(['Sheet1', 'Data check 2026-Q3', 'Staff']);
  });
});

describe('column widths set explicitly', () => {
  test('from the header and the first 500 rows; CJK counts double; within the bounds', () => {
    const rows: Cell[][] = [['Rank', '员工姓名', 'Comment'], [1, '张三', 'x'.repeat(200)]];
    for (let i = 0; i < 600; i++) rows.push([i % 10, '李四', 'short']);
    rows.push([1, '一'.repeat(50), 'y']); // row 603: beyond the sample, ignored
    const [rank, name, comment] = columnWidths(rows, 3);
    // 'Rank' and one-digit numbers (1 × 4/3 + 4 = 5.3 characters): (5.3 + 2) × 5.7 < 48.
    expect(rank).toBe(MIN_COLUMN_POINTS);
    expect(name).toBe(Math.round((8 + 2) * 5.7));
    expect(comment).toBe(MAX_COLUMN_POINTS);
    expect(textUnits('员工A')).toBe(5);
  });

  test('no autofit: each output tab gets widths in a handful of commands, whatever its rows', async () => {
    const wb = new FakeWorkbook({ Staff: [['staff_id']] });
    await createExcelHost({ run: wb.run }).writeTabs([cjkTab(5_000)]);
    const all = wb.syncs.flatMap((s) => s.commands);
    expect(all.filter((c) => c.startsWith('autofit:'))).toEqual([]);
    expect(all.filter((c) => c.startsWith('width:')).length).toBeLessThanOrEqual(2);
    const widths = wb.find('Data check 2026-Q3')!.columnWidths!;
    expect(widths[0]).toBe(Math.round((8 + 2) * 5.7)); // 'staff_id'

    expect(widths[1]).toBe(MAX_COLUMN_POINTS); // 40 CJK = 80 characters, capped
  });
});
