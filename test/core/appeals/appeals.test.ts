/**
 * Appeals (SPEC §10), hand-worked on the smile-cards golden fixture
 * (test/core/engine/smile-cards.golden.test.ts), 2026-Q3, A组:
 * S03 has 8 smile cards (four exceeded) but one "below" rating (Feedback row 15,
 * 2026-09-12) = 2 anger cards, so is held out; S01 wins with 5 (tie-break over S02).
 * - Accepted appeal of row 15 by S03: S03 has 0 anger cards and 8 > 5 → S03 wins
 *   800.00, S01 does not. Both report to M01 (→ D01), so the manager payments
 *   (400.00 each, once per winner) follow the winner: same people, same money,
 *   now for S03.
 * - The same appeal pending: the result stays; S01's line is `pending: true`;
 *   stakes: S03 wins 800, S01 loses 800; manager payments are not at stake.
 * - Rejected: nothing changes. Bad appeals: located errors, nothing changes.
 */
import { fixture, rankingById, records, run, tab } from '../engine/helpers';
import type { Cell, RawTab } from '../../../core/types';
import { buildSchemeTab } from '../../../core/scheme-tab';
import { getPresetInput } from '../../../core/presets';
import { personAppeals } from '../../../core/appeals';

const HEADER: Cell[] = ['staff_id', 'tab', 'row', 'filed', 'status', 'decided', 'note'];

function withAppeals(rows: Cell[][], name = 'Appeals', header: Cell[] = HEADER): RawTab[] {
  return [...fixture('smile-cards'), { name, rows: [header, ...rows] }];
}

const base = run(fixture('smile-cards'), 'smile-cards', '2026-Q3').result!;
const without = (awards: typeof base.awards) => awards.map(({ pending: _p, ...a }) => a);

describe('appeals on smile-cards 2026-Q3', () => {
  test('accepted: the below row is void everywhere, S03 wins and S01 loses, manager payments follow', () => {
    const out = run(withAppeals([['S03', 'Feedback', 15, '2026-10-05', 'accepted', '2026-10-10', '客户打错了']]), 'smile-cards', '2026-Q3');
    const r = out.result!;
    const star = r.awards.filter((a) => a.award === 'service_star').map((a) => a.staff_id);
    expect(star).toEqual(['S03', 'S04', 'S05', 'S08']);
    expect(r.awards.find((a) => a.staff_id === 'S03')).toEqual({ award: 'service_star', staff_id: 'S03', scope: 'A组', rank: 1, amount: 800, tie: false });
    expect(r.awards.filter((a) => a.award === 'service_star_manager' && a.scope === 'A组').map((a) => [a.staff_id, a.amount])).toEqual([['M01', 400], ['D01', 400]]);
    expect(r.totals).toEqual(base.totals);
    expect(r.ineligible.find((x) => x.staff_id === 'S03')).toBeUndefined();
    // The Data check says which appeal voided the row; the row stays in its tab.
    const v = out.diagnostics.filter((d) => d.code === 'voided_by_appeal');
    expect(v.map((d) => [d.severity, d.tab, d.row])).toEqual([['info', 'Feedback', 15]]);
    expect(v[0].message.en).toContain('Appeals row 2 (by S03)');
    expect(v[0].message.zh).toContain('「Appeals」第 2 行');
    expect(r.appeals).toEqual([{ row: 2, staff_id: 'S03', status: 'accepted', target: { tab: 'Feedback', row: 15 }, stakes: [] }]);
    expect(rankingById(out).S03['Anger cards']).toBe(0);
    // Manager payments name the new winner.
    const bonus = records(tab(out, 'bonus')).filter((x) => x['Staff ID'] === 'M01');
    expect(String(bonus[0].Note)).toContain('winner 赵敏 (S03)');
  });

  test('pending: the result stays, both are marked and the stakes listed; manager payments are not at stake', () => {
    const out = run(withAppeals([['S03', 'Feedback', 15, '2026-10-05', 'pending', null, '']]), 'smile-cards', '2026-Q3');
    const r = out.result!;
    expect(without(r.awards)).toEqual(base.awards);
    expect(r.awards.filter((a) => a.pending).map((a) => [a.award, a.staff_id])).toEqual([['service_star', 'S01']]);
    expect(r.appeals).toEqual([{
      row: 2, staff_id: 'S03', status: 'pending', target: { tab: 'Feedback', row: 15 },
      stakes: [
        { award: 'service_star', staff_id: 'S03', if_accepted: 'wins', amount: 800 },
        { award: 'service_star', staff_id: 'S01', if_accepted: 'loses', amount: 800 },
      ],
    }]);
    expect(out.disputes![0].alternative.zh).toBe('申诉成立则赵敏（S03）获“服务之星” 800.00、张伟（S01）不获“服务之星”');
    const rk = rankingById(out);
    expect(String(rk.S01.Why)).toContain('Pending appeal (Appeals row 2, on Feedback row 15): if the appeal is accepted, 赵敏 (S03) wins');
    expect(String(rk.S03.Why)).toContain('张伟 (S01) does not win');
    expect(String(rk.S02.Why)).not.toContain('appeal');
    const pay = records(tab(out, 'bonus')).filter((x) => x.Kind === 'award' || x.Kind === 'manager award');
    expect(pay.filter((x) => String(x.Note).includes('pending appeal')).map((x) => x['Staff ID'])).toEqual(['S01']);
    const zh = run(withAppeals([['S03', '客户反馈', 15, null, '待处理', null, '']], '申诉'), 'smile-cards', '2026-Q3', 'zh');
    expect(String(rankingById(zh).S01['说明'])).toContain('待处理申诉（「申诉」第 2 行，针对「Feedback」第 15 行）：申诉成立则赵敏（S03）获“服务之星” 800.00、张伟（S01）不获“服务之星”。');
  });

  test('a blank status is pending; rejected changes nothing', () => {
    const blank = run(withAppeals([['S03', 'Feedback', 15, null, null, null, '']]), 'smile-cards', '2026-Q3').result!;
    expect(blank.appeals![0].status).toBe('pending');
    expect(blank.appeals![0].stakes.length).toBe(2);
    const rejected = run(withAppeals([['S03', 'Feedback', 15, '2026-10-05', '驳回', '2026-10-09', '']]), 'smile-cards', '2026-Q3');
    expect(rejected.result!.awards).toEqual(base.awards);
    expect(rejected.result!.appeals).toEqual([{ row: 2, staff_id: 'S03', status: 'rejected', target: { tab: 'Feedback', row: 15 }, stakes: [] }]);
    expect(rejected.diagnostics.filter((d) => d.tab === 'Appeals')).toEqual([]);
  });

  test('bad appeals are located errors and change nothing', () => {
    const out = run(withAppeals([
      ['S03', 'Feedback', 99, null, 'accepted', null, ''],     // row 2: no such row
      ['S01', 'Feedback', 15, null, 'accepted', null, ''],     // row 3: S03's row, not S01's
      ['S03', 'Payroll', 15, null, 'accepted', null, ''],      // row 4: not an input tab
      ['S03', 'Feedback', 15, null, 'maybe', null, ''],        // row 5: bad status
      ['S03', 'Staff', 4, null, 'accepted', null, ''],         // row 6: Staff rows cannot be appealed
      ['S03', 'Feedback', 'x', null, 'accepted', null, ''],    // row 7: row is not a number
    ]), 'smile-cards', '2026-Q3');
    expect(out.result!.awards).toEqual(base.awards);
    const d = out.diagnostics.filter((x) => x.tab === 'Appeals').map((x) => [x.severity, x.row, x.column, x.code, x.value]);
    expect(d).toEqual([
      ['error', 2, 'row', 'appeal_row_out_of_range', '99'],
      ['error', 3, 'staff_id', 'appeal_wrong_person', 'S01'],
      ['error', 4, 'tab', 'appeal_unknown_tab', 'Payroll'],
      ['error', 5, 'status', 'bad_status', 'maybe'],
      ['error', 6, 'tab', 'appeal_unknown_tab', 'Staff'],
      ['error', 7, 'row', 'not_a_number', 'x'],
    ]);
    expect(out.diagnostics.some((x) => x.code === 'voided_by_appeal')).toBe(false);
    expect(out.result!.appeals!.map((a) => a.row)).toEqual([2, 3, 4, 6]);
  });

  test('appealDays: a late appeal is reported (warning) and not applied', () => {
    const late = withAppeals([['S03', 'Feedback', 15, '2026-11-01', 'accepted', null, '']]);
    expect(run(late, 'smile-cards', '2026-Q3').diagnostics.some((d) => d.code === 'appeal_late')).toBe(false); // no deadline in the preset
    const scheme = { ...(getPresetInput('smile-cards') as object), appealDays: 31 };
    const schemeTab = buildSchemeTab(scheme, 'en');
    const out = run([...late, { name: schemeTab.name, rows: schemeTab.rows }], 'smile-cards', '2026-Q3');
    expect(out.diagnostics.filter((d) => d.code === 'appeal_late').map((d) => [d.severity, d.row, d.column])).toEqual([['warning', 2, 'filed']]);
    expect(out.result!.awards).toEqual(base.awards);
    // 31 days after 09-30 is 10-31: still in time.
    const timely = withAppeals([['S03', 'Feedback', 15, '2026-10-31', 'accepted', null, '']]);
    const ok = run([...timely, { name: schemeTab.name, rows: schemeTab.rows }], 'smile-cards', '2026-Q3');
    expect(ok.result!.awards.find((a) => a.award === 'service_star' && a.scope === 'A组')!.staff_id).toBe('S03');
  });
});

describe('a person\'s appeals in words (for statements)', () => {
  test('the appellant and everyone at stake see the appeal; others do not', () => {
    const out = run(withAppeals([['S03', 'Feedback', 15, null, 'pending', null, ''], ['S02', 'Feedback', 8, null, 'rejected', null, '']]), 'smile-cards', '2026-Q3', 'zh');
    const alts = new Map(out.disputes!.map((d) => [d.row, d.alternative]));
    const lines = (id: string) => personAppeals(out.result!.appeals!, id, 'zh', alts);
    expect(lines('S03')).toEqual(['申诉第 2 行（S03，针对「Feedback」第 15 行）：待处理；申诉成立则赵敏（S03）获“服务之星” 800.00、张伟（S01）不获“服务之星”']);
    expect(lines('S01')).toEqual(lines('S03'));
    expect(lines('S02')).toEqual(['申诉第 3 行（S02，针对「Feedback」第 8 行）：驳回']);
    expect(lines('S04')).toEqual([]);
    expect(personAppeals(out.result!.appeals!, 's02', 'en')).toEqual(['Appeal row 3 (S02, on Feedback row 8): rejected']);
  });

  test('the Statements tab shows each person their appeals (SPEC §9), nobody else\'s', () => {
    const out = run(withAppeals([['S03', 'Feedback', 15, null, 'pending', null, ''], ['S02', 'Feedback', 8, null, 'rejected', null, '']]), 'smile-cards', '2026-Q3', 'zh');
    const st = out.outputs.find((t) => t.kind === 'statements')!;
    const text = st.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))).join(' | '));
    // Blocks start at a person's heading row; collect the appeal lines under each.
    const appealsOf = (id: string): string[] => {
      const start = text.findIndex((l) => l.includes(`（${id}） · `));
      expect(start).toBeGreaterThan(0);
      const end = text.findIndex((l, k) => k > start && l === '');
      return text.slice(start, end === -1 ? undefined : end).filter((l) => l.startsWith('申诉 |'));
    };
    expect(appealsOf('S03')).toEqual(['申诉 |  | 申诉第 2 行（S03，针对「Feedback」第 15 行）：待处理；申诉成立则赵敏（S03）获“服务之星” 800.00、张伟（S01）不获“服务之星”']);
    expect(appealsOf('S01')).toEqual(appealsOf('S03'));
    expect(appealsOf('S02')).toEqual(['申诉 |  | 申诉第 3 行（S02，针对「Feedback」第 8 行）：驳回']);
    expect(appealsOf('S04')).toEqual([]);
  });
});
