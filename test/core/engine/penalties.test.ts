/**
 * Fines and the fund they go to, and runs that cannot start. The smile-cards preset with
 * its fine per anger card raised from 0.00 to 10.00, on the smile-cards golden fixture
 * (anger cards worked out in smile-cards.golden.test.ts):
 *   S07 July 4 anger cards → fine 40.00 (and standby_training); August 2 → fine 20.00;
 *   S03 September 2 → fine 20.00. Fund total 80.00. Net: S07 −60.00, S03 −20.00.
 */
import { readDataset } from '../../../core/input/tabs';
import { computeScheme } from '../../../core/engine/compute';
import { validateScheme } from '../../../core/scheme/validate';
import { getPresetInput } from '../../../core/presets/index';
import { parsePeriod } from '../../../core/periods';
import { buildResultJson } from '../../../core/output/result-json';
import { buildBonusTab } from '../../../core/output/bonus';
import { fixture, records, run } from './helpers';

describe('fines', () => {
  const input = getPresetInput('smile-cards') as any;
  input.penalties[1].perUnit.amount = 10;
  const scheme = validateScheme(input).scheme!;
  const res = computeScheme(scheme, readDataset(fixture('smile-cards'), {}).dataset, parsePeriod('2026-Q3')!);
  test('a fine per unit, once per person per month', () => {
    const json = buildResultJson(res, scheme.id, [], 'en');
    expect(json.penalties).toEqual([
      { staff_id: 'S07', action: 'standby_training', window: '2026-07', amount: 0 },
      { staff_id: 'S07', action: 'fine', window: '2026-07', amount: 40 },
      { staff_id: 'S07', action: 'fine', window: '2026-08', amount: 20 },
      { staff_id: 'S03', action: 'fine', window: '2026-09', amount: 20 },
    ]);
    // Fines are not payments.
    expect(json.totals.paid).toBe(6000);
  });
  test('Bonus tab: fine rows, the fund total and the net per person', () => {
    const rows = records(buildBonusTab(res, 'en'));
    expect(rows.filter((r) => r.Kind === 'fine').map((r) => [r['Staff ID'], r.Window, r.Amount, r.Note]))
      .toEqual([
        ['S07', '2026-07', -40, 'Company fund (books, sports and leisure)'],
        ['S07', '2026-08', -20, 'Company fund (books, sports and leisure)'],
        ['S03', '2026-09', -20, 'Company fund (books, sports and leisure)'],
      ]);
    expect(rows.filter((r) => r.Kind === 'fund').map((r) => [r.Item, r.Amount])).toEqual([['Company fund (books, sports and leisure)', 80]]);
    const net = Object.fromEntries(rows.filter((r) => r.Kind === 'net').map((r) => [r['Staff ID'], r.Amount]));
    expect([net.S07, net.S03, net.S01]).toEqual([-60, -20, 800]);
  });
});

describe('runs that cannot start', () => {
  test('a tab the scheme requires is missing: one clear message', () => {
    const tabs = fixture('smile-cards').filter((t) => t.name !== 'Feedback');
    const out = run(tabs, 'smile-cards', '2026-Q3');
    expect(out.status).toBe('fatal');
    expect(out.result).toBeNull();
    expect(out.outputs).toEqual([]);
    expect(out.message!.en).toBe('The scheme "Smile Star" needs the Feedback tab, which the workbook does not have');
    expect(out.message!.zh).toBe('方案“微笑之星”需要“客户反馈”表，工作簿中没有');
  });
  test('an unknown preset', () => {
    const out = run(fixture('smile-cards'), 'no-such-preset', '2026-Q3');
    expect(out.status).toBe('fatal');
    // The message names the presets to choose from (issue 13).
    expect(out.message!.en).toMatch(/^There is no preset "no-such-preset" \(use one of .*smile-cards.*\)$/);
  });
  test('a bad period', () => {
    expect(run(fixture('smile-cards'), 'smile-cards', '2026-Q5').status).toBe('fatal');
  });
});
