/**
 * The benchmark's floor: the smile-cards arithmetic done the cheapest way this
 * machine allows — one loop over the validated feedback and incident arrays, a
 * Map by staff key, counting smile and anger cards and summing scores. No
 * scheme, no diagnostics, no explanations. Engine compute ÷ this is the
 * overhead of the general engine over hand-written code on the same arrays.
 *
 * It also picks each group's winner (most smile cards, zero anger cards, at least
 * one smile card, tie-break on exceeded ratings, co-winners when still tied) so
 * the benchmark can check the engine and the floor computed the same thing.
 */
import type { Dataset, Day } from '../core/types';

export interface FloorTotals {
  smile: number;
  anger: number;
  exceeded: number;
  scoreSum: number;
  feedback: number;
}

export interface FloorResult {
  byStaff: Map<string, FloorTotals>;
  /** Group → staff keys of the winners (sorted), for groups that have one. */
  winners: Map<string, string[]>;
}

function totals(map: Map<string, FloorTotals>, key: string): FloorTotals {
  let t = map.get(key);
  if (t === undefined) {
    t = { smile: 0, anger: 0, exceeded: 0, scoreSum: 0, feedback: 0 };
    map.set(key, t);
  }
  return t;
}

/** Aggregate rows dated within [start, end] and pick one winner per group. */
export function floorAggregate(data: Dataset, start: Day, end: Day): FloorResult {
  const byStaff = new Map<string, FloorTotals>();
  const feedback = data.feedback;
  for (let i = 0; i < feedback.length; i++) {
    const f = feedback[i];
    if (f.date < start || f.date > end) continue;
    const t = totals(byStaff, f.staffKey);
    t.feedback++;
    if (f.score !== null) t.scoreSum += f.score;
    if (f.rating === 'exceeded') { t.smile += 2; t.exceeded++; }
    else if (f.rating === 'met') t.smile += 1;
    else if (f.rating === 'below') t.anger += 2;
  }
  const incidents = data.incidents;
  for (let i = 0; i < incidents.length; i++) {
    const r = incidents[i];
    if (r.date < start || r.date > end) continue;
    if (r.type === 'anger_card' || r.type === 'task_missed') totals(byStaff, r.staffKey).anger++;
  }

  // Candidates: hired by the last day and not left before it (SPEC §2).
  const best = new Map<string, { smile: number; exceeded: number; keys: string[] }>();
  for (const s of data.staff) {
    if (s.hireDate > end || (s.leaveDate !== null && s.leaveDate < end)) continue;
    const t = byStaff.get(s.key);
    if (!t || t.anger !== 0 || t.smile < 1) continue;
    const group = s.group || s.department;
    const b = best.get(group);
    if (!b || t.smile > b.smile || (t.smile === b.smile && t.exceeded > b.exceeded)) {
      best.set(group, { smile: t.smile, exceeded: t.exceeded, keys: [s.key] });
    } else if (t.smile === b.smile && t.exceeded === b.exceeded) {
      b.keys.push(s.key);
    }
  }
  const winners = new Map<string, string[]>();
  for (const [group, b] of best) winners.set(group, [...b.keys].sort());
  return { byStaff, winners };
}
