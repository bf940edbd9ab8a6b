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
  'staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions', 'nominations',
];

/**
 * Input tabs whose rows can change this scheme's results or its diagnostics:
 * - Staff, always (every person); Quotas, always (its rows are checked against
 *   the scheme's awards, and award quotas and department criteria read it);
 * - the scheme's required tabs;
 * - the tab of every `rows` measure (count, sum, … of a tab, whoever uses it:
 *   score, awards, penalties, points rules, flags, department criteria);
 * - Incidents for a `no_incident` gate, Attendance for a `full_attendance` gate;
 * - Nominations when an award draws its candidates from nominations;
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
  if (scheme.awards.some((a) => a.nominations)) out.add('nominations');
  if (scheme.points) {
    if (scheme.points.redemptions) out.add('redemptions');
    if (scheme.penalties.some((p) => p.points !== 0 || (p.perUnit !== undefined && p.perUnit.points !== 0))) {
      for (const t of ['feedback', 'incidents', 'cases', 'attendance'] as const) out.add(t);
    }
  }
  if (scheme.departments) out.add('cases');
  return out;
}

/** The input tabs one measure reads, following combine/score/stars/over/wins/scope_mean to their rows measures. */
function tabsOfMeasure(scheme: Scheme, id: string, out: Set<InputTab>, seen: Set<string>): void {
  if (seen.has(id)) return;
  seen.add(id);
  const m = scheme.measures.find((x) => x.id === id);
  if (!m) return;
  switch (m.kind) {
    case 'rows': out.add(m.tab); return;
    case 'combine': for (const o of m.of) tabsOfMeasure(scheme, o, out, seen); return;
    case 'over': case 'scope_mean': tabsOfMeasure(scheme, m.measure, out, seen); return;
    case 'wins': tabsOfAward(scheme, m.award, out, seen); return;
    case 'stars':
      if (scheme.stars?.measure) tabsOfMeasure(scheme, scheme.stars.measure, out, seen);
      else tabsOfScore(scheme, out, seen);
      return;
    case 'score': case 'component': tabsOfScore(scheme, out, seen); return;
  }
}

function tabsOfScore(scheme: Scheme, out: Set<InputTab>, seen: Set<string>): void {
  if (!scheme.score || seen.has('\u0000score')) return;
  seen.add('\u0000score');
  for (const c of scheme.score.components) {
    for (const leaf of [c, ...(c.parts ?? [])]) {
      if (leaf.measure) tabsOfMeasure(scheme, leaf.measure, out, seen);
      if (leaf.fallback) tabsOfMeasure(scheme, leaf.fallback.measure, out, seen);
    }
  }
  for (const d of scheme.score.deductions) tabsOfMeasure(scheme, d.measure, out, seen);
}

function tabsOfCondition(scheme: Scheme, c: { measure: string; value: number | { measure: string } }, out: Set<InputTab>, seen: Set<string>): void {
  tabsOfMeasure(scheme, c.measure, out, seen);
  if (typeof c.value === 'object') tabsOfMeasure(scheme, c.value.measure, out, seen);
}

function tabsOfAward(scheme: Scheme, id: string, out: Set<InputTab>, seen: Set<string>): void {
  if (seen.has(`\u0000award:${id}`)) return;
  seen.add(`\u0000award:${id}`);
  const a = scheme.awards.find((x) => x.id === id);
  if (!a) return;
  tabsOfMeasure(scheme, a.rankBy.measure, out, seen);
  for (const k of a.tieBreak) tabsOfMeasure(scheme, k.measure, out, seen);
  for (const c of a.requirements) tabsOfCondition(scheme, c, out, seen);
  for (const gid of a.gates) {
    const g = scheme.gates.find((x) => x.id === gid);
    if (g?.kind === 'no_incident') out.add('incidents');
    if (g?.kind === 'full_attendance') out.add('attendance');
    if (g?.kind === 'measure') tabsOfCondition(scheme, g, out, seen);
  }
  for (const w of a.candidates?.winnersOf ?? []) tabsOfAward(scheme, w, out, seen);
}

/**
 * The tabs a run for period kind `kind` cannot do without (SPEC §7): Staff, and
 * each of the scheme's required tabs that something running for that period
 * reads — the awards of that cadence (and the awards they draw candidates
 * from), stars, penalties, flags, points rules and department criteria, which
 * follow the period asked. A quarterly award that reads only Incidents thus
 * computes without the Feedback tab its monthly awards need. The score alone (a
 * Ranking column) does not make a tab required: a missing tab reads as no data,
 * with the engine's info line.
 */
export function requiredTabsFor(scheme: Scheme, kind: string): InputTab[] {
  const read = new Set<InputTab>();
  const seen = new Set<string>();
  for (const a of scheme.awards) if (a.cadence === kind) tabsOfAward(scheme, a.id, read, seen);
  if (scheme.stars) {
    if (scheme.stars.measure) tabsOfMeasure(scheme, scheme.stars.measure, read, seen);
    else tabsOfScore(scheme, read, seen);
  }
  for (const p of scheme.penalties) {
    tabsOfCondition(scheme, p.when, read, seen);
    if (p.perUnit) tabsOfMeasure(scheme, p.perUnit.measure, read, seen);
  }
  for (const f of scheme.flags) tabsOfCondition(scheme, f.when, read, seen);
  if (scheme.points) {
    for (const r of scheme.points.rules) tabsOfMeasure(scheme, r.measure, read, seen);
    if (scheme.points.redemptions) read.add('redemptions');
  }
  if (scheme.departments) {
    read.add('cases');
    for (const c of scheme.departments.criteria) tabsOfMeasure(scheme, c.measure, read, seen);
  }
  return scheme.requiredTabs.filter((t) => t === 'staff' || read.has(t));
}
