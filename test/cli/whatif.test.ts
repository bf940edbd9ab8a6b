/**
 * `service-star whatif` (SPEC §11) as users run it: the JSON of SPEC §11, the
 * difference in words in the workbook's language, exit 2 with the nearest valid
 * keys for a KEY that names nothing, nothing written.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultJson } from '../../core/types';
import { ensureBuilt, EXAMPLES, lines, runCli } from './helpers';

beforeAll(() => ensureBuilt());

const Q3 = ['--period', '2026-Q3', '--preset', 'smile-cards'];
const ZH = join(EXAMPLES, 'csv-zh');
const EN = join(EXAMPLES, 'csv-en');

function snapshot(dir: string): string[] {
  return readdirSync(dir).map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}:${statSync(join(dir, f)).size}`).sort();
}

test('--json: period, scheme, changes, gained, lost, paid; a prize 800 → 1,000 adds 200 per winner', () => {
  const before = snapshot(ZH);
  const r = runCli(['whatif', ZH, ...Q3, '--set', 'awards.service_star.prize.amount=1000', '--json']);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  const j = JSON.parse(r.stdout);
  expect(Object.keys(j).slice(0, 5)).toEqual(['period', 'scheme', 'changes', 'gained', 'lost']);
  expect(j).toMatchObject({ period: '2026-Q3', scheme: 'smile-cards', changes: [{ key: 'awards.service_star.prize.amount', from: 800, to: 1000 }], gained: [], lost: [] });
  const compute = runCli(['compute', ZH, ...Q3, '--json']);
  const base = JSON.parse(compute.stdout) as ResultJson;
  const winners = base.awards.filter((a) => a.award === 'service_star').length;
  expect(winners).toBeGreaterThan(0);
  expect(j.paid.before).toBe(base.totals.paid);
  expect(Math.round((j.paid.after - j.paid.before) * 100)).toBe(200 * 100 * winners);
  expect(snapshot(ZH)).toEqual(before);
});

test('without --json: the difference in words, Chinese for a Chinese workbook, English for an English one', () => {
  const zh = runCli(['whatif', ZH, ...Q3, '--set', '奖项.服务之星.每人奖金（元）=1000']);
  expect(zh.status).toBe(0);
  expect(zh.stdout).toContain('奖项 › 服务之星 › 每人奖金（元）：800 → 1,000');
  expect(zh.stdout).toContain('未写入工作簿');
  expect(zh.stdout).not.toMatch(/service_star|[A-Za-z]{5,}/);
  const en = runCli(['whatif', EN, ...Q3, '--set', 'awards.service_star.prize.amount=1000']);
  expect(en.status).toBe(0);
  expect(en.stdout).toContain('Awards › Service Star › Amount each: 800 → 1,000');
  expect(en.stdout).not.toMatch(/奖项|合计|service_star/);
});

test('a KEY that names nothing: exit 2, one line, the nearest valid keys', () => {
  const r = runCli(['whatif', EN, ...Q3, '--set', 'awards.service_star.quota.cont=2']);
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const err = lines(r.stderr).filter((l) => !/ \(\d+(\.\d+)? s\)$/.test(l));
  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(/^service-star: The scheme has no "awards\.service_star\.quota\.cont"; the nearest valid keys: awards\.service_star\.quota\.count \(Awards › Service Star › Quota\)/);
  const zh = runCli(['whatif', ZH, ...Q3, '--set', 'awards.service_star.prize.amount=很多']);
  expect(zh.status).toBe(2);
  expect(lines(zh.stderr).pop()).toMatch(/^service-star: awards\.service_star\.prize\.amount（奖项 › 服务之星 › 每人奖金（元））的值/);
});

test('no --set, or a --set without =: exit 2', () => {
  expect(runCli(['whatif', EN, ...Q3]).status).toBe(2);
  expect(runCli(['whatif', EN, ...Q3, '--set', 'awards.service_star.prize.amount']).status).toBe(2);
});
