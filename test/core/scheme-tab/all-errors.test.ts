/**
 * Issue 13: a Scheme tab reports all its errors in one run, each located once,
 * and a deleted block title is named as such.
 */
import { computeWorkbook } from '../../../core/orchestrator';
import { buildTemplate } from '../../../core/templates';
import type { Cell, RawTab } from '../../../core/types';

function template(): RawTab[] {
  return buildTemplate('smile-cards', 'zh', { period: '2026-Q3' }).map((t) => ({ name: t.name, rows: t.rows.map((r) => [...r]) }));
}

/** The Scheme tab's row (0-based) whose first cell is `first`, and the column named `header` in the header row above it. */
function cellOf(rows: Cell[][], block: string, first: string, header: string): [number, number] {
  const title = rows.findIndex((r) => String(r[0] ?? '').includes(block));
  const head = rows[title + 1];
  const r = rows.findIndex((x, k) => k > title && x[0] === first);
  return [r, head.indexOf(header)];
}

test('three broken cells are reported in one run, each once, with its location once', () => {
  const tabs = template();
  const rows = tabs.find((t) => t.name === '方案')!.rows;
  const broken: [string, string, string][] = [['■ 奖项', 'service_star', '名额'], ['■ 指标', 'smile_cards', '倍数'], ['■ 指标', 'exceeded_ratings', '期间偏移']];
  const at = broken.map(([b, f, h]) => cellOf(rows, b, f, h));
  at.forEach(([r, c], k) => { rows[r][c] = ['abc', 'y', 'zz'][k]; });
  const out = computeWorkbook(tabs, { period: '2026-Q3', now: '2026-12-02T10:25:00+08:00' });
  expect(out.status).toBe('fatal');
  const zh = out.message!.zh;
  expect(zh).toMatch(/^方案有 3 处错误：/);
  for (const [r] of at) expect(zh.split(`第 ${r + 1} 行`).length - 1).toBe(1);
  for (const v of ['abc', 'y', 'zz']) expect(zh).toContain(`“${v}”`);
  expect(out.message!.en).toMatch(/^The scheme has 3 errors: \(1\) /);
  // Each cell problem is also its own Data check row.
  const cellRows = out.diagnostics.filter((d) => d.code !== 'scheme_invalid' && d.severity === 'error').map((d) => d.row);
  expect(cellRows.sort()).toEqual(at.map(([r]) => r + 1).sort());
});

test('a deleted block title is named as such, not as a wrong id in the block above', () => {
  const tabs = template();
  const rows = tabs.find((t) => t.name === '方案')!.rows;
  const title = rows.findIndex((r) => r[0] === '■ 处罚');
  rows.splice(title, 1);
  const out = computeWorkbook(tabs, { period: '2026-Q3', now: '2026-12-02T10:25:00+08:00' });
  expect(out.status).toBe('fatal');
  expect(out.message!.zh).toBe(`方案有错误：「方案」第 ${title + 1} 行是“处罚”区块的表头，但它上面缺少区块标题行“■ 处罚”：请在第 ${title + 1} 行上方补回该标题行`);
  expect(out.message!.en).toContain('is the header of the "Penalties" block, but its title row "■ Penalties" above it is missing');
});

test('a Chinese Scheme tab writes value maps in Chinese and reads them in either language', () => {
  const zhTabs = template();
  const rows = zhTabs.find((t) => t.name === '方案')!.rows;
  const [r, c] = cellOf(rows, '■ 指标', 'smile_cards', '取值换算');
  expect(rows[r][c]).toBe('超越→2；达到→1');
  const base = computeWorkbook(zhTabs, { period: '2026-Q3', now: '2026-12-02T10:25:00+08:00' });
  expect(base.status).toBe('computed');
  for (const written of ['exceeded→2; met→1', '超越期望→2、met→1', 'Exceeded→2；达到→1']) {
    const tabs = template();
    const s = tabs.find((t) => t.name === '方案')!.rows;
    s[r][c] = written;
    const out = computeWorkbook(tabs, { period: '2026-Q3', now: '2026-12-02T10:25:00+08:00' });
    expect(out.status).toBe('computed');
    expect(out.result!.awards).toEqual(base.result!.awards);
  }
});

test.each(['weighted-quarterly', 'annual-star'])('the %s template says in its notes that the seed weights (110) cause a warning', (id) => {
  for (const lang of ['zh', 'en'] as const) {
    const scheme = buildTemplate(id, lang).find((t) => t.kind === 'scheme')!;
    const notes = scheme.rows.filter((r) => String(r[0] ?? '').startsWith('※')).map((r) => String(r[0]));
    expect(notes.some((n) => (lang === 'zh' ? /权重之和为 110，计算时按比例调整为 100/ : /weights sum to 110: they are rescaled to 100/).test(n))).toBe(true);
  }
  // And a preset without such numbers says nothing of the kind.
  const plain = buildTemplate('smile-cards', 'zh').find((t) => t.kind === 'scheme')!;
  expect(plain.rows.some((r) => /权重之和/.test(String(r[0] ?? '')))).toBe(false);
});

test('a Chinese Scheme tab writes coded filter values in Chinese and reads them in either language', () => {
  const zhTabs = template();
  const rows = zhTabs.find((t) => t.name === '方案')!.rows;
  const [r, c] = cellOf(rows, '■ 指标筛选条件', 'anger_from_incidents', '值');
  expect(rows[r][c]).toBe('作业未达标, 愤怒卡');
  const base = computeWorkbook(zhTabs, { period: '2026-Q3', now: '2026-12-02T10:25:00+08:00' });
  for (const written of ['task_missed, anger_card', '作业未达标、anger_card']) {
    const tabs = template();
    tabs.find((t) => t.name === '方案')!.rows[r][c] = written;
    const out = computeWorkbook(tabs, { period: '2026-Q3', now: '2026-12-02T10:25:00+08:00' });
    expect(out.status).toBe('computed');
    expect(out.result!.ineligible).toEqual(base.result!.ineligible);
    expect(out.result!.awards).toEqual(base.result!.awards);
  }
});
