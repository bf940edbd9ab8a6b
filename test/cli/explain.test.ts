/**
 * `service-star explain` and `service-star statements` (issue 15, SPEC §9), and the
 * Statements tab in the `.xlsx` the CLI writes: row references are hyperlinks
 * (`#'Tab'!A12`), never formulas, with a page break before each person's block.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { staffKey } from '../../core/ids';
import { DEMO_XLSX, EXAMPLES, ensureBuilt, runCli, tempDir } from './helpers';

beforeAll(() => ensureBuilt());

const Q3 = ['--period', '2026-Q3', '--preset', 'smile-cards'];

describe('explain', () => {
  test('prints one statement: figures with their breakdown and rows, the award with its near miss', () => {
    const r = runCli(['explain', DEMO_XLSX, ...Q3, '--staff', 'S013']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('马丽（S013） · 客服部 · 热线二组 · 2026-Q3');
    expect(r.stdout).toContain('微笑卡 31 = 超越 8 × 2 + 达到 15 × 1');
    expect(r.stdout).toContain('愤怒卡 3 = 回访愤怒卡 2 + 记录愤怒卡 1');
    expect(r.stdout).toContain('若没有这一条限制，本可在“热线二组”排第 1 名（名额 1）；相关记录：客户反馈 第 543 行（2026-09-25，低于）、奖惩记录 第 12 行（2026-07-28，愤怒卡）');
    expect(r.stdout).toContain('另有 13 行');
    expect(r.stdout).not.toMatch(/[A-Za-z]{4,}/); // a Chinese run has no English words
  });

  test('--json: lines with every row, and the person\'s near misses', () => {
    const r = runCli(['explain', join(EXAMPLES, 'csv-en'), ...Q3, '--staff', 's013', '--json', '--lang', 'en']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.staff_id).toBe('S013');
    const smile = j.lines.find((l: { label: string }) => l.label === 'Smile cards');
    expect(smile.detail).toBe('Smile cards 31 = exceeded 8 × 2 + met 15 × 1');
    expect(smile.rows).toHaveLength(23);
    expect(j.near_misses).toEqual([{ staff_id: 'S013', award: 'service_star', scope: '热线二组', kind: 'requirement', measure: 'anger_cards', value: 3, target: 0, gap: 3,
      rows: [{ tab: 'Feedback', row: 543 }, { tab: 'Incidents', row: 12 }] }]);
  });

  test('an unknown staff id is refused with one line (exit 2)', () => {
    const r = runCli(['explain', DEMO_XLSX, ...Q3, '--staff', 'NOPE', '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('service-star: There is no staff id "NOPE" in Staff\n');
  });
});

describe('statements', () => {
  test('one self-contained page per person on Staff: no script, no network, names escaped', () => {
    const src = tempDir();
    cpSync(join(EXAMPLES, 'csv-en'), src, { recursive: true });
    // An injected name and an unsafe id.
    const staff = readFileSync(join(src, 'Staff.csv'), 'utf8').split('\n');
    staff[1] = staff[1].replace('王丽娜', '"<script>alert(1)</script><img src=x onerror=alert(2)>"').replace(/^S001/, 'S/001..');
    writeFileSync(join(src, 'Staff.csv'), staff.join('\n'));
    const out = join(tempDir(), 'pages');
    const r = runCli(['statements', src, ...Q3, '--out', out, '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(staff.filter((l) => l.trim()).length - 1);
    expect(files).toContain('S_001__.html');
    for (const f of files) {
      expect(f).toMatch(/^[\p{L}\p{N}_-]+\.html$/u);
      const html = readFileSync(join(out, f), 'utf8');
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/http/i);
      expect(html).not.toMatch(/<img|<link|<iframe|url\(/i);
    }
    const page = readFileSync(join(out, 'S_001__.html'), 'utf8');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;');
  });
});

describe('Statements tab in the .xlsx', () => {
  test('row references are hyperlinks into the workbook, never formulas; page breaks between people', async () => {
    const file = join(tempDir(), 'q3.xlsx');
    const r = runCli(['compute', DEMO_XLSX, ...Q3, '--out', file]);
    expect(r.status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('个人说明 2026-Q3')!;
    let links = 0;
    ws.eachRow((row) => row.eachCell((cell) => {
      expect(cell.formula).toBeFalsy();
      const v = cell.value as ExcelJS.CellHyperlinkValue;
      if (v && typeof v === 'object' && 'hyperlink' in v) {
        links += 1;
        const m = /^#'(.+)'!A(\d+)$/.exec(v.hyperlink)!;
        expect(m).not.toBeNull();
        expect(v.text).toContain(`${m[1]} 第 ${m[2]} 行`);
        // The row it points at holds the person of the block: their id is in the target row.
        const target = wb.getWorksheet(m[1])!.getRow(Number(m[2])).getCell(2).value;
        let h = Number(row.number);
        while (h > 1 && ws.getRow(h).actualCellCount !== 1) h--;
        const id = /（([^）]+)）/.exec(String(ws.getRow(h).getCell(1).value))![1];
        expect(staffKey(String(target))).toBe(staffKey(id));
      }
    }));
    expect(links).toBeGreaterThan(100);
  });
});
