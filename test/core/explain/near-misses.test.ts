/**
 * Near misses (SPEC §9), worked out by hand on the golden fixtures (see the
 * golden tests' headers for every figure), asserted in `--json` and in the
 * Ranking tab's *why*; and checked against a real second computation: removing
 * the rows a gate or requirement near miss names makes that person win.
 */
import { fixture, rankingById, run } from '../engine/helpers';
import type { RawTab } from '../../../core/types';

function whyOf(out: ReturnType<typeof run>, id: string): string {
  const row = rankingById(out)[id];
  return String(row.Why ?? row['说明']);
}

/** The fixture without the given rows (row numbers as the user sees them, header = 1) of a tab. */
function without(tabs: RawTab[], tab: string, rows: number[]): RawTab[] {
  return tabs.map((t) => (t.name !== tab ? t : { ...t, rows: t.rows.filter((_, k) => !rows.includes(k + 1)) }));
}

describe('near misses: smile-cards 2026-Q3 (requirement, tie decided by tie-break)', () => {
  const out = run(fixture('smile-cards'), 'smile-cards', '2026-Q3');
  const zh = run(fixture('smile-cards'), 'smile-cards', '2026-Q3', 'zh');

  test('--json near_misses', () => {
    expect(out.result!.near_misses).toEqual([
      // A组: S02 level with S01 on 5 smile cards, decided by exceeded ratings 1 vs 2.
      { staff_id: 'S02', award: 'service_star', scope: 'A组', kind: 'rank', measure: 'exceeded_ratings', value: 1, target: 2, gap: 1, rows: [] },
      // S03: 8 smile cards (more than S01's 5) but one "below" rating = 2 anger cards (Feedback row 15).
      { staff_id: 'S03', award: 'service_star', scope: 'A组', kind: 'requirement', measure: 'anger_cards', value: 2, target: 0, gap: 2, rows: [{ tab: 'Feedback', row: 15 }] },
      // S07: 2 smile cards beat S08's 1; 6 anger cards: two "below" ratings (2 each) and two incidents.
      { staff_id: 'S07', award: 'service_star', scope: 'C组', kind: 'requirement', measure: 'anger_cards', value: 6, target: 0, gap: 6,
        rows: [{ tab: 'Feedback', row: 26 }, { tab: 'Feedback', row: 28 }, { tab: 'Incidents', row: 2 }, { tab: 'Incidents', row: 3 }] },
    ]);
    expect(zh.result!.near_misses).toEqual(out.result!.near_misses);
  });

  test('in the why, in both languages', () => {
    expect(whyOf(out, 'S02')).toContain('near miss: 1 short on Exceeded ratings.');
    expect(whyOf(out, 'S03')).toContain('near miss: without this condition would have ranked 1 in A组 (quota 1); rows: Feedback row 15 (2026-09-12, below).');
    expect(whyOf(zh, 'S03')).toContain('差一点：若没有这一条限制，本可在“A组”排第 1 名（名额 1）；相关记录：Feedback 第 15 行（2026-09-12，低于）。');
    expect(whyOf(zh, 'S07')).toContain('相关记录：Feedback 第 26 行（2026-07-21，低于）、Feedback 第 28 行（2026-08-22，低于）、Incidents 第 2 行（2026-07-22，作业未达标），另有 1 行');
    // Winners, people without smile cards and people who left are not near misses.
    for (const id of ['S01', 'S04', 'S08', 'M01', 'S06']) expect(whyOf(out, id)).not.toContain('near miss');
  });

  test('the summary names the closest per award', () => {
    expect(zh.nearMisses!.map((n) => n.staffId)).toEqual(['S03', 'S07', 'S02']);
    expect(zh.nearMisses![0].text.zh).toBe('服务之星 · 赵敏（S03）：愤怒卡 为 2，要求 = 0；若没有这一条限制，本可在“A组”排第 1 名（名额 1）；相关记录：Feedback 第 15 行（2026-09-12，低于）');
  });

  test('a second computation without the named row: S03 wins A组', () => {
    const again = run(without(fixture('smile-cards'), 'Feedback', [15]), 'smile-cards', '2026-Q3');
    expect(again.result!.awards.filter((a) => a.award === 'service_star' && a.scope === 'A组').map((a) => a.staff_id)).toEqual(['S03']);
  });
});

describe('near misses: weighted-quarterly 2026-Q3 (gates, rank gaps)', () => {
  const out = run(fixture('weighted-quarterly'), 'weighted-quarterly', '2026-Q3');

  test('--json near_misses', () => {
    expect(out.result!.near_misses).toEqual([
      // 工程部 quota 2: E03 66.36 against E02's 77.14.
      { staff_id: 'E03', award: 'quarter_star', scope: '工程部', kind: 'rank', measure: 'score', value: 66.36, target: 77.14, gap: 10.78, rows: [] },
      // 物业部: W02 level with W01 on 85.27, decided by the vote 80 vs 90.
      { staff_id: 'W02', award: 'quarter_star', scope: '物业部', kind: 'rank', measure: 'vote_review', value: 80, target: 90, gap: 10, rows: [] },
      // W04 regular only from 2026-10-15: 15 days after the quarter; score 99 would rank 1.
      { staff_id: 'W04', award: 'quarter_star', scope: '物业部', kind: 'gate', measure: 'not_regular', value: 15, target: 0, gap: 15, rows: [{ tab: 'Staff', row: 5 }] },
      // W05 warning on 2026-09-30 (Incidents row 2); score 95 would rank 1.
      { staff_id: 'W05', award: 'quarter_star', scope: '物业部', kind: 'gate', measure: 'disciplinary_record', value: 1, target: 0, gap: 1, rows: [{ tab: 'Incidents', row: 2 }] },
      // 秩序部: G03 70 against the co-winners' 80.
      { staff_id: 'G03', award: 'quarter_star', scope: '秩序部', kind: 'rank', measure: 'score', value: 70, target: 80, gap: 10, rows: [] },
    ]);
  });

  test('in the why', () => {
    expect(whyOf(out, 'E03')).toContain('near miss: 10.78 short of the last winning place (Score 66.36 vs 77.14)');
    expect(whyOf(out, 'W05')).toContain('near miss: without this condition would have ranked 1 in 物业部 (quota 1); rows: Incidents row 2 (2026-09-30, warning)');
    // W03 is a team lead: a level gate is not a near miss.
    expect(whyOf(out, 'W03')).not.toContain('near miss');
  });

  test('a second computation without the named incident: W05 wins 物业部', () => {
    const again = run(without(fixture('weighted-quarterly'), 'Incidents', [2]), 'weighted-quarterly', '2026-Q3');
    expect(again.result!.awards.filter((a) => a.scope === '物业部').map((a) => a.staff_id)).toEqual(['W05']);
  });
});

describe('near misses: revisit and service-star-budget (requirements, incident gate)', () => {
  test('revisit 2026-07: too few feedback rows, would have ranked 1', () => {
    const out = run(fixture('revisit'), 'revisit', '2026-07');
    expect(out.result!.near_misses).toEqual([
      { staff_id: 'R30', award: 'revisit_excellence', scope: 'company', kind: 'requirement', measure: 'feedback_count', value: 3, target: 5, gap: 2,
        rows: [{ tab: 'Feedback', row: 124 }, { tab: 'Feedback', row: 126 }, { tab: 'Feedback', row: 128 }] },
      { staff_id: 'R31', award: 'revisit_excellence', scope: 'company', kind: 'requirement', measure: 'feedback_count', value: 3, target: 5, gap: 2,
        rows: [{ tab: 'Feedback', row: 125 }, { tab: 'Feedback', row: 127 }, { tab: 'Feedback', row: 129 }] },
    ]);
  });

  test('service-star-budget 2026-07: a violation, and a tie-break', () => {
    const out = run(fixture('service-star-budget'), 'service-star-budget', '2026-07');
    const lines = out.result!.near_misses!;
    expect(lines.find((l) => l.staff_id === 'B09')).toEqual(
      { staff_id: 'B09', award: 'service_star', scope: 'company', kind: 'gate', measure: 'violation', value: 1, target: 0, gap: 1, rows: [{ tab: 'Incidents', row: 2 }] });
    expect(lines.find((l) => l.staff_id === 'B06')).toEqual(
      { staff_id: 'B06', award: 'satisfaction_improvement', scope: 'company', kind: 'rank', measure: 'feedback_mean', value: 3, target: 4, gap: 1, rows: [] });
    // B09 fails three conditions of the second award: not a near miss there.
    expect(lines.filter((l) => l.staff_id === 'B09').map((l) => l.award)).toEqual(['service_star']);
    for (const l of lines) expect(l.gap).toBeGreaterThanOrEqual(0);
  });
});
