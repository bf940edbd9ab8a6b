/**
 * Investigations (SPEC §10): the gate `no_investigation` (reason `under_investigation`)
 * holds a person out of every award whose window overlaps [start, end] (end blank:
 * still open), with the investigation's dates and row in the Why. Hand-worked on the
 * annual-star fixture's 2026-Q3 quarter_star (客服部: Y01, Y02, Y03).
 */
import { fixture, rankingById, run } from '../engine/helpers';
import type { Cell, RawTab } from '../../../core/types';

function withInvestigations(rows: Cell[][], header: Cell[] = ['staff_id', 'start', 'end', 'note']): RawTab[] {
  return [...fixture('annual-star'), { name: 'Investigations', rows: [header, ...rows] }];
}

describe('Investigations and the no_investigation gate', () => {
  const base = run(fixture('annual-star'), 'annual-star', '2026-Q3');
  const winner = base.result!.awards.find((a) => a.award === 'quarter_star' && a.scope === '客服部')!.staff_id;

  test('an investigation overlapping the quarter holds the winner out, with reason and dates in the Why', () => {
    const out = run(withInvestigations([[winner, '2026-06-20', '2026-07-01', '投诉调查']]), 'annual-star', '2026-Q3');
    const r = out.result!;
    expect(r.awards.some((a) => a.staff_id === winner)).toBe(false);
    expect(r.ineligible).toContainEqual({ staff_id: winner, award: 'quarter_star', reasons: ['under_investigation'] });
    const why = String(rankingById(out)[winner].Why);
    expect(why).toContain('under investigation (2026-06-20 – 2026-07-01, Investigations row 2)');
    const zh = run(withInvestigations([[winner, '2026-06-20', '2026-07-01', '']]), 'annual-star', '2026-Q3', 'zh');
    expect(String(rankingById(zh)[winner]['说明'])).toContain('不在调查处理期间：正在调查处理（2026-06-20 – 2026-07-01，Investigations 第 2 行）');
  });

  test('an open investigation (blank end) that started inside the quarter holds them out', () => {
    const out = run(withInvestigations([[winner, '2026-09-30', null, '']]), 'annual-star', '2026-Q3', 'en');
    expect(out.result!.awards.some((a) => a.staff_id === winner)).toBe(false);
    expect(String(rankingById(out)[winner].Why)).toContain('since 2026-09-30, still open');
  });

  test('one that ended the day before the quarter, or starts the day after, does not', () => {
    const out = run(withInvestigations([[winner, '2026-05-01', '2026-06-30', ''], [winner, '2026-10-01', null, '']]), 'annual-star', '2026-Q3');
    expect(out.result!.awards).toEqual(base.result!.awards);
    expect(out.result!.ineligible).toEqual(base.result!.ineligible);
  });

  test('Chinese headers and tab name; bad rows are located errors and hold nobody out', () => {
    const tabs = [...fixture('annual-star'), {
      name: '调查', rows: [['工号', '开始日期', '结束日期', '说明'], [winner, '2026-13-01', null, ''], ['Z99', '2026-07-01', null, ''], [winner, '2026-08-01', '2026-07-01', '']] as Cell[][],
    }];
    const out = run(tabs, 'annual-star', '2026-Q3');
    expect(out.result!.awards).toEqual(base.result!.awards);
    const d = out.diagnostics.filter((x) => x.tab === '调查').map((x) => [x.severity, x.row, x.column, x.code]);
    expect(d).toEqual([['error', 2, '开始日期', 'bad_date'], ['error', 3, '工号', 'unknown_staff'], ['error', 4, '结束日期', 'date_order']]);
  });

  test('a scheme without the gate ignores investigations; the tab is never required', () => {
    const tabs = [...fixture('smile-cards'), { name: 'Investigations', rows: [['staff_id', 'start'], ['S01', '2026-07-01']] as Cell[][] }];
    expect(run(tabs, 'smile-cards', '2026-Q3').result!.awards).toEqual(run(fixture('smile-cards'), 'smile-cards', '2026-Q3').result!.awards);
    expect(base.status).toBe('computed');
  });
});

describe('committee-quarterly carries the gate (SPEC §10)', () => {
  test('a quarter winner under investigation is held out with the reason', () => {
    const base = run(fixture('committee-quarterly'), 'committee-quarterly', '2026-Q3').result!;
    const winner = base.awards.find((a) => a.award === 'quarter_service_star')!.staff_id;
    // The fixture already has an Investigations tab (C06, see its golden test): add a row to it.
    const tabs = fixture('committee-quarterly').map((t) => (/^(Investigations|调查)$/.test(t.name) ? { ...t, rows: [...t.rows, [winner, '2026-09-30', null]] } : t));
    expect(tabs.some((t) => /^(Investigations|调查)$/.test(t.name))).toBe(true);
    const r = run(tabs, 'committee-quarterly', '2026-Q3').result!;
    expect(r.awards.some((a) => a.award === 'quarter_service_star' && a.staff_id === winner)).toBe(false);
    expect(r.ineligible.find((x) => x.staff_id === winner && x.award === 'quarter_service_star')!.reasons).toContain('under_investigation');
  });
});
