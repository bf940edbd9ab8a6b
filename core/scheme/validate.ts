/**
 * Scheme validation: the zod schema (shape and values) plus the checks zod cannot
 * express — references between sections, duplicate ids, cycles — and the
 * weight-rescaling warnings (SPEC §3). Problems are Diagnostics located by the
 * path inside the scheme (`awards[0].quota.count`), so the Scheme tab reader can
 * map a path to a cell.
 */
import type { Diagnostic } from '../types';
import { diag } from '../diagnostics';
import { schemeSchemas, type Component, type Condition, type Measure, type Scheme } from './model';

export interface SchemeValidation {
  /** The scheme with defaults filled in, or null when it has errors. */
  scheme: Scheme | null;
  /** Errors (the scheme cannot run) and warnings (it runs, see the message). */
  diagnostics: Diagnostic[];
}

/** Where scheme diagnostics point when the scheme did not come from a tab. */
export const SCHEME_TAB_LABEL = 'Scheme';

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

function err(code: string, path: string, value: unknown, zh: string, en: string): Diagnostic {
  return diag({ severity: 'error', code, tab: SCHEME_TAB_LABEL, column: path, value: valueText(value), zh, en });
}

function valueText(v: unknown): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
}

function getAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** Format a weight for a message: at most 2 decimals, no trailing zeros. */
export function weightText(w: number): string {
  return String(Math.round(w * 100) / 100);
}

/**
 * Validate anything (parsed JSON, a preset, the Scheme tab's reading) as a scheme.
 * Never throws.
 */
export function validateScheme(input: unknown): SchemeValidation {
  const parsed = schemeSchemas().SchemeSchema.safeParse(input);
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.map((issue) => {
      const path = pathText(issue.path);
      return err('scheme_invalid', path, getAt(input, issue.path),
        `方案字段 ${path || '(整体)'} 无效：${issue.message}`,
        `Scheme field ${path || '(root)'} is not valid: ${issue.message}`);
    });
    return { scheme: null, diagnostics };
  }
  const scheme = parsed.data;
  const diagnostics = checkReferences(scheme);
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return { scheme: hasError ? null : scheme, diagnostics };
}

function checkReferences(s: Scheme): Diagnostic[] {
  const out: Diagnostic[] = [];
  const measures = new Map<string, Measure>();
  const measureIndex = new Map<string, number>();

  const dup = (kind: string, path: string, id: string) =>
    out.push(err('scheme_duplicate_id', path, id, `${kind} id“${id}”重复`, `${kind} id "${id}" is used twice`));

  s.measures.forEach((m, i) => {
    if (measures.has(m.id)) dup('measure', `measures[${i}].id`, m.id);
    measures.set(m.id, m);
    measureIndex.set(m.id, i);
  });
  const gateIds = new Set<string>();
  s.gates.forEach((g, i) => {
    if (gateIds.has(g.id)) dup('gate', `gates[${i}].id`, g.id);
    gateIds.add(g.id);
  });
  const awardIds = new Set<string>();
  s.awards.forEach((a, i) => {
    if (awardIds.has(a.id)) dup('award', `awards[${i}].id`, a.id);
    awardIds.add(a.id);
    if (a.payUp) {
      if (awardIds.has(a.payUp.award)) dup('award', `awards[${i}].payUp.award`, a.payUp.award);
      awardIds.add(a.payUp.award);
    }
  });
  const componentIds = new Set<string>();
  s.score?.components.forEach((c, i) => {
    if (componentIds.has(c.id)) dup('component', `score.components[${i}].id`, c.id);
    componentIds.add(c.id);
    c.parts?.forEach((p, j) => {
      if (componentIds.has(p.id)) dup('component', `score.components[${i}].parts[${j}].id`, p.id);
      componentIds.add(p.id);
    });
  });
  const penaltyIds = new Set<string>();
  s.penalties.forEach((p, i) => {
    if (penaltyIds.has(p.id)) dup('penalty', `penalties[${i}].id`, p.id);
    penaltyIds.add(p.id);
  });
  const flagIds = new Set<string>();
  s.flags.forEach((f, i) => {
    if (flagIds.has(f.id)) dup('flag', `flags[${i}].id`, f.id);
    flagIds.add(f.id);
  });

  const needMeasure = (path: string, id: string) => {
    if (!measures.has(id)) {
      out.push(err('scheme_unknown_measure', path, id, `没有 id 为“${id}”的指标（measures）`, `No measure with id "${id}" (measures)`));
    }
  };
  const needAward = (path: string, id: string) => {
    if (!awardIds.has(id)) out.push(err('scheme_unknown_award', path, id, `没有 id 为“${id}”的奖项`, `No award with id "${id}"`));
  };
  const condition = (path: string, c: Condition) => {
    needMeasure(`${path}.measure`, c.measure);
    if (typeof c.value === 'object') needMeasure(`${path}.value.measure`, c.value.measure);
  };

  // Measures.
  s.measures.forEach((m, i) => {
    const p = `measures[${i}]`;
    switch (m.kind) {
      case 'rows':
        if (m.agg !== 'count' && !m.field) {
          out.push(err('scheme_missing_field', `${p}.field`, '', `指标“${m.id}”的 ${m.agg} 需要 field`, `Measure "${m.id}": ${m.agg} needs a field`));
        }
        if (m.map && !m.field) {
          out.push(err('scheme_missing_field', `${p}.field`, '', `指标“${m.id}”有 map，需要 field`, `Measure "${m.id}" has a map and needs a field`));
        }
        break;
      case 'combine':
        m.of.forEach((id, j) => needMeasure(`${p}.of[${j}]`, id));
        if ((m.op === 'difference' || m.op === 'ratio') && m.of.length !== 2) {
          out.push(err('scheme_invalid', `${p}.of`, m.of, `${m.op} 需要正好两个指标`, `${m.op} needs exactly two measures`));
        }
        break;
      case 'over':
      case 'scope_mean':
        needMeasure(`${p}.measure`, m.measure);
        break;
      case 'wins':
        needAward(`${p}.award`, m.award);
        break;
      case 'score':
        if (!s.score) out.push(err('scheme_no_score', p, m.id, `指标“${m.id}”引用总分，但方案没有 score`, `Measure "${m.id}" uses the score but the scheme has no score section`));
        break;
      case 'stars':
        if (!s.stars) out.push(err('scheme_no_stars', p, m.id, `指标“${m.id}”引用星级，但方案没有 stars`, `Measure "${m.id}" uses stars but the scheme has no stars section`));
        break;
      case 'component':
        if (!componentIds.has(m.component)) out.push(err('scheme_unknown_component', `${p}.component`, m.component, `没有 id 为“${m.component}”的评分项`, `No score component with id "${m.component}"`));
        break;
    }
  });

  // Score.
  if (s.score) {
    const comps = s.score.components;
    comps.forEach((c, i) => {
      const p = `score.components[${i}]`;
      if (c.measure) needMeasure(`${p}.measure`, c.measure);
      if (c.fallback) needMeasure(`${p}.fallback.measure`, c.fallback.measure);
      c.parts?.forEach((q, j) => {
        needMeasure(`${p}.parts[${j}].measure`, q.measure);
        if (q.fallback) needMeasure(`${p}.parts[${j}].fallback.measure`, q.fallback.measure);
      });
      if (c.parts) weightWarning(out, `${p}.parts`, c.parts, `“${c.label.zh}”的组成`, `the parts of "${c.label.en}"`);
    });
    weightWarning(out, 'score.components', comps, '评分项', 'score components');
    s.score.deductions.forEach((d, i) => needMeasure(`score.deductions[${i}].measure`, d.measure));
  }

  s.gates.forEach((g, i) => {
    if (g.kind === 'measure') {
      needMeasure(`gates[${i}].measure`, g.measure);
      if (typeof g.value === 'object') needMeasure(`gates[${i}].value.measure`, g.value.measure);
    }
    if (g.kind === 'level' && !g.in && !g.notIn) {
      out.push(err('scheme_invalid', `gates[${i}]`, g.id, `职级条件“${g.id}”需要 in 或 notIn`, `Level gate "${g.id}" needs in or notIn`));
    }
    if (g.kind === 'position' && !g.in && !g.notIn) {
      out.push(err('scheme_invalid', `gates[${i}]`, g.id, `岗位条件“${g.id}”需要 in 或 notIn`, `Position gate "${g.id}" needs in or notIn`));
    }
    if (g.kind === 'quorum') needMeasure(`gates[${i}].measure`, g.measure);
    if (g.kind === 'not_winner') needAward(`gates[${i}].award`, g.award);
  });
  if (s.stars?.measure) needMeasure('stars.measure', s.stars.measure);
  if (s.stars && !s.stars.measure && !s.score) {
    out.push(err('scheme_no_score', 'stars', '', '星级默认按总分评定，但方案没有 score', 'Stars band the score by default but the scheme has no score section'));
  }

  s.awards.forEach((a, i) => {
    const p = `awards[${i}]`;
    needMeasure(`${p}.rankBy.measure`, a.rankBy.measure);
    a.tieBreak.forEach((k, j) => needMeasure(`${p}.tieBreak[${j}].measure`, k.measure));
    a.requirements.forEach((c, j) => condition(`${p}.requirements[${j}]`, c));
    a.gates.forEach((g, j) => {
      if (!gateIds.has(g)) out.push(err('scheme_unknown_gate', `${p}.gates[${j}]`, g, `没有 id 为“${g}”的资格条件（gates）`, `No gate with id "${g}" (gates)`));
    });
    a.candidates?.winnersOf.forEach((w, j) => {
      needAward(`${p}.candidates.winnersOf[${j}]`, w);
      if (w === a.id) out.push(err('scheme_cycle', `${p}.candidates.winnersOf[${j}]`, w, `奖项“${a.id}”不能从自己的获奖者中产生`, `Award "${a.id}" cannot draw candidates from itself`));
    });
    if (a.prize.kind === 'pool' && a.quota.count === undefined && a.quota.percent === undefined) {
      out.push(err('scheme_pool_without_quota', `${p}.quota`, '', `奖项“${a.id}”是奖金池，需要名额（count 或 percent）`, `Award "${a.id}" has a pool and needs a quota (count or percent)`));
    }
    if (a.quota.count !== undefined && a.quota.percent !== undefined) {
      out.push(err('scheme_invalid', `${p}.quota`, a.quota, `奖项“${a.id}”的名额只能设 count 或 percent 之一`, `Award "${a.id}": set count or percent, not both`));
    }
  });

  s.penalties.forEach((pe, i) => {
    condition(`penalties[${i}].when`, pe.when);
    if (pe.perUnit) needMeasure(`penalties[${i}].perUnit.measure`, pe.perUnit.measure);
  });
  s.flags.forEach((f, i) => condition(`flags[${i}].when`, f.when));
  s.points?.rules.forEach((r, i) => {
    const path = `points.rules[${i}].measure`;
    needMeasure(path, r.measure);
    const m = measures.get(r.measure);
    if (m && !isLedgerMeasure(m, measures, new Set())) {
      out.push(err('scheme_points_measure', path, r.measure,
        `积分规则“${r.id}”须引用按行计数或求和的指标（rows，count/sum，offset 0）`,
        `Points rule "${r.id}" needs a row measure with count or sum (rows, offset 0)`));
    }
  });
  if (s.ranking.by) needMeasure('ranking.by.measure', s.ranking.by.measure);
  s.ranking.columns.forEach((c, i) => needMeasure(`ranking.columns[${i}]`, c));
  if (!s.ranking.by && !s.score && s.awards.length === 0) {
    // Nothing to rank by: the Ranking tab lists people unranked. Not an error.
  }
  s.departments?.criteria.forEach((c, i) => needMeasure(`departments.criteria[${i}].measure`, c.measure));

  if (!out.some((d) => d.severity === 'error')) out.push(...checkCycles(s, measures, measureIndex));
  return out;
}

/** A measure the points ledger can date row by row. */
export function isLedgerMeasure(m: Measure, all: Map<string, Measure>, seen: Set<string>): boolean {
  if (seen.has(m.id)) return false;
  seen.add(m.id);
  if (m.kind === 'rows') return (m.agg === 'count' || m.agg === 'sum') && m.offset === 0 && m.of === 'staff';
  if (m.kind === 'combine' && m.op === 'sum') {
    return m.of.every((id) => {
      const inner = all.get(id);
      return inner !== undefined && isLedgerMeasure(inner, all, seen);
    });
  }
  return false;
}

function weightWarning(out: Diagnostic[], path: string, list: { weight: number; label: { zh: string; en: string } }[], zhWhat: string, enWhat: string): void {
  const sum = list.reduce((a, c) => a + c.weight, 0);
  if (sum <= 0) {
    out.push(err('scheme_zero_weights', path, 0, `${zhWhat}的权重之和为 0`, `The weights of ${enWhat} sum to 0`));
    return;
  }
  if (Math.abs(sum - 100) < 1e-9) return;
  const zh = list.map((c) => `${c.label.zh} ${weightText(c.weight)} → ${weightText((c.weight * 100) / sum)}`).join('，');
  const en = list.map((c) => `${c.label.en} ${weightText(c.weight)} → ${weightText((c.weight * 100) / sum)}`).join(', ');
  out.push(diag({
    severity: 'warning', code: 'weights_rescaled', tab: SCHEME_TAB_LABEL, column: path, value: weightText(sum),
    zh: `${zhWhat}的权重之和为 ${weightText(sum)}，已按比例调整为 100：${zh}`,
    en: `The weights of ${enWhat} sum to ${weightText(sum)}; rescaled to 100: ${en}`,
  }));
}

/** Dependencies of a measure on other measures (and, through awards, on what those awards use). */
function checkCycles(s: Scheme, measures: Map<string, Measure>, index: Map<string, number>): Diagnostic[] {
  const componentMeasures = (c: Component): string[] => [
    ...(c.measure ? [c.measure] : []), ...(c.fallback ? [c.fallback.measure] : []),
    ...(c.parts ?? []).flatMap((p) => [p.measure, ...(p.fallback ? [p.fallback.measure] : [])]),
  ];
  const scoreDeps = s.score
    ? [...s.score.components.flatMap(componentMeasures), ...s.score.deductions.map((d) => d.measure)]
    : [];
  const awardDeps = new Map<string, string[]>();
  for (const a of s.awards) {
    const deps = [a.rankBy.measure, ...a.tieBreak.map((k) => k.measure), ...a.requirements.flatMap(condMeasures)];
    for (const g of s.gates) {
      if (!a.gates.includes(g.id)) continue;
      if (g.kind === 'measure') deps.push(g.measure, ...(typeof g.value === 'object' ? [g.value.measure] : []));
      if (g.kind === 'quorum') deps.push(g.measure);
    }
    awardDeps.set(a.id, deps);
    if (a.payUp) awardDeps.set(a.payUp.award, deps);
  }
  const deps = (m: Measure): string[] => {
    switch (m.kind) {
      case 'combine': return m.of;
      case 'over': case 'scope_mean': return [m.measure];
      case 'score': return scoreDeps;
      case 'stars': return s.stars?.measure ? [s.stars.measure] : scoreDeps;
      case 'component': {
        const c = s.score?.components.find((x) => x.id === m.component) ??
          s.score?.components.flatMap((x) => x.parts ?? []).find((x) => x.id === m.component);
        return c ? componentMeasures(c as Component) : [];
      }
      case 'wins': {
        const a = s.awards.find((x) => x.id === m.award || x.payUp?.award === m.award);
        return [...(awardDeps.get(m.award) ?? []), ...(a?.candidates ? [] : [])];
      }
      default: return [];
    }
  };
  const state = new Map<string, 1 | 2>();
  const out: Diagnostic[] = [];
  const visit = (id: string, stack: string[]): void => {
    const st = state.get(id);
    if (st === 2) return;
    if (st === 1) {
      const cycle = [...stack.slice(stack.indexOf(id)), id].join(' → ');
      out.push(err('scheme_cycle', `measures[${index.get(id)}]`, id, `指标互相引用成环：${cycle}`, `Measures refer to each other in a cycle: ${cycle}`));
      return;
    }
    state.set(id, 1);
    const m = measures.get(id);
    if (m) for (const d of deps(m)) if (measures.has(d)) visit(d, [...stack, id]);
    state.set(id, 2);
  };
  for (const id of measures.keys()) if (!state.has(id)) visit(id, []);
  return out.slice(0, 1);
}

function condMeasures(c: Condition): string[] {
  return [c.measure, ...(typeof c.value === 'object' ? [c.value.measure] : [])];
}
