/**
 * Which input tabs a scheme reads, derived from the scheme's own parts (never
 * from a preset's name): the orchestrator reads, validates and fingerprints only
 * these, and the engine indexes only what it touches. A tab left out here would
 * silently read as empty, so the list is deliberately generous, and
 * test/core/engine/uses.test.ts checks for every preset that computing on these
 * tabs alone gives exactly the result of computing on every tab.
 */
import type { InputTab, Scheme } from '../scheme/model';

/** The data tabs, in the order readDataset reads them. */
export const INPUT_TABS: readonly InputTab[] = [
  'staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions',
];

/**
 * Input tabs whose rows can change this scheme's results or its diagnostics:
 * - Staff, always (every person); Quotas, always (its rows are checked against
 *   the scheme's awards, and award quotas and department criteria read it);
 * - the scheme's required tabs;
 * - the tab of every `rows` measure (count, sum, … of a tab, whoever uses it:
 *   score, awards, penalties, points rules, flags, department criteria);
 * - Incidents for a `no_incident` gate, Attendance for a `full_attendance` gate;
 * - Redemptions when the points ledger spends points;
 * - Cases for department scoring (copied cases, the departments' case history);
 * - when penalties carry points and there is a ledger, the dated tabs whose
 *   earliest row starts the ledger's penalty history (core/engine/points.ts).
 */
export function inputTabsOf(scheme: Scheme): Set<InputTab> {
  const out = new Set<InputTab>(['staff', 'quotas', ...scheme.requiredTabs]);
  for (const m of scheme.measures) if (m.kind === 'rows') out.add(m.tab);
  for (const g of scheme.gates) {
    if (g.kind === 'no_incident') out.add('incidents');
    if (g.kind === 'full_attendance') out.add('attendance');
  }
  if (scheme.points) {
    if (scheme.points.redemptions) out.add('redemptions');
    if (scheme.penalties.some((p) => p.points !== 0 || (p.perUnit !== undefined && p.perUnit.points !== 0))) {
      for (const t of ['feedback', 'incidents', 'cases', 'attendance'] as const) out.add(t);
    }
  }
  if (scheme.departments) out.add('cases');
  return out;
}
