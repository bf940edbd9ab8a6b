/**
 * The benchmark's floor (bench/floor.ts) on a hand-built quarter: counts worked
 * out by hand from the smile-cards rules (exceeded → 2 smile cards, met → 1,
 * below → 2 anger cards; anger_card / task_missed incidents → 1 anger card).
 */
import { floorAggregate } from '../../bench/floor';
import type { Dataset, FeedbackRecord, IncidentRecord, Rating, StaffRecord } from '../../core/types';

function staff(id: string, group: string, extra: Partial<StaffRecord> = {}): StaffRecord {
  return {
    tab: 'Staff', row: 2, id, key: id.toLowerCase(), name: id, department: 'D', group, position: '', level: 'staff',
    hireDate: '2020-01-01', regularDate: '2020-04-01', leaveDate: null, managerKey: null, ...extra,
  };
}

function fb(date: string, id: string, rating: Rating | null, score: number | null = null): FeedbackRecord {
  return { tab: 'Feedback', row: 2, date, staffKey: id.toLowerCase(), score, rating, likes: null, customer: '', channel: '', comment: '' };
}

function inc(date: string, id: string, type: string): IncidentRecord {
  return { tab: 'Incidents', row: 2, date, staffKey: id.toLowerCase(), type, points: null, amount: null, note: '' };
}

function dataset(staffRows: StaffRecord[], feedback: FeedbackRecord[], incidents: IncidentRecord[]): Dataset {
  return { staff: staffRows, feedback, incidents, attendance: [], reviews: [], cases: [], quotas: [], redemptions: [], tabNames: {} };
}

const Q3 = ['2026-07-01', '2026-09-30'] as const;

describe('floorAggregate', () => {
  const data = dataset(
    [
      staff('A1', 'A'), staff('A2', 'A'), staff('A3', 'A'),
      staff('B1', 'B'), staff('B2', 'B'),
      staff('C1', 'C'), staff('C2', 'C', { leaveDate: '2026-09-15' }),
    ],
    [
      // A1: exceeded ×2 (one on the first day) + met = 5 smile cards, 2 exceeded; the day before the quarter is out.
      fb('2026-07-01', 'A1', 'exceeded', 5), fb('2026-08-10', 'A1', 'exceeded', 4), fb('2026-09-30', 'A1', 'met', 3), fb('2026-06-30', 'A1', 'exceeded', 5),
      // A2: met ×5 = 5 smile cards, 0 exceeded → loses the tie-break to A1.
      fb('2026-07-02', 'A2', 'met'), fb('2026-07-03', 'A2', 'met'), fb('2026-07-04', 'A2', 'met'), fb('2026-07-05', 'A2', 'met'), fb('2026-07-06', 'A2', 'met'),
      // A3: exceeded ×4 = 8 smile cards but one task_missed incident → 1 anger card, not a candidate.
      fb('2026-07-07', 'A3', 'exceeded'), fb('2026-07-08', 'A3', 'exceeded'), fb('2026-07-09', 'A3', 'exceeded'), fb('2026-07-10', 'A3', 'exceeded'),
      // B1 and B2: exceeded + met each = 3 smile cards, 1 exceeded: co-winners. The day after the quarter is out.
      fb('2026-08-01', 'B1', 'exceeded'), fb('2026-08-02', 'B1', 'met'), fb('2026-10-01', 'B1', 'exceeded'),
      fb('2026-08-01', 'B2', 'met'), fb('2026-08-02', 'B2', 'exceeded'),
      // C1: below = 2 anger cards; C2 left before the last day (not a candidate) despite 2 smile cards; score only counts for the sum.
      fb('2026-07-15', 'C1', 'below', 1), fb('2026-07-15', 'C2', 'exceeded'), fb('2026-07-16', 'C1', null, 2),
    ],
    [inc('2026-07-20', 'A3', 'task_missed'), inc('2026-07-21', 'C1', 'anger_card'), inc('2026-07-22', 'C1', 'complaint'), inc('2026-10-02', 'A1', 'anger_card')],
  );
  const res = floorAggregate(data, ...Q3);

  it('counts smile and anger cards, exceeded ratings and score sums inside the period only', () => {
    expect(res.byStaff.get('a1')).toEqual({ smile: 5, anger: 0, exceeded: 2, scoreSum: 12, feedback: 3 });
    expect(res.byStaff.get('a2')).toEqual({ smile: 5, anger: 0, exceeded: 0, scoreSum: 0, feedback: 5 });
    expect(res.byStaff.get('a3')).toEqual({ smile: 8, anger: 1, exceeded: 4, scoreSum: 0, feedback: 4 });
    expect(res.byStaff.get('b1')).toEqual({ smile: 3, anger: 0, exceeded: 1, scoreSum: 0, feedback: 2 });
    // below → 2 anger cards, anger_card incident → 1 more; the complaint is not an anger card.
    expect(res.byStaff.get('c1')).toEqual({ smile: 0, anger: 3, exceeded: 0, scoreSum: 3, feedback: 2 });
  });

  it('picks each group winner: most smile cards, zero anger, tie-break on exceeded, co-winners when still tied', () => {
    expect(res.winners.get('A')).toEqual(['a1']);
    expect(res.winners.get('B')).toEqual(['b1', 'b2']);
    // C1 has anger cards and C2 left before the last day: group C has no winner.
    expect(res.winners.has('C')).toBe(false);
  });
});
