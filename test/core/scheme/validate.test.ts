/** Scheme validation: shape errors located by path, references, duplicates, cycles, weight warnings. */
import { getPresetInput } from '../../../core/presets/index';
import { validateScheme } from '../../../core/scheme/validate';
import type { SchemeInput } from '../../../core/scheme/model';

function base(): SchemeInput {
  return getPresetInput('smile-cards')!;
}

function codes(input: unknown): string[] {
  return validateScheme(input).diagnostics.map((d) => `${d.severity}:${d.code}:${d.column}`);
}

describe('validateScheme', () => {
  test('a preset is valid', () => {
    const v = validateScheme(base());
    expect(v.scheme).not.toBeNull();
    expect(v.diagnostics).toEqual([]);
  });

  test('never throws on garbage', () => {
    for (const x of [null, undefined, 3, 'x', [], {}, { measures: 'no' }, { id: 'x', name: 1 }]) {
      const v = validateScheme(x);
      expect(v.scheme).toBeNull();
      expect(v.diagnostics.length).toBeGreaterThan(0);
      expect(v.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    }
  });

  test('a wrong value is located by its path, with the value', () => {
    const s = base() as any;
    s.awards[0].quota.count = 'ten';
    const v = validateScheme(s);
    expect(v.scheme).toBeNull();
    expect(v.diagnostics).toHaveLength(1);
    expect(v.diagnostics[0]).toMatchObject({ code: 'scheme_invalid', column: 'awards[0].quota.count', value: 'ten' });
  });

  test('money with more than two decimals is refused', () => {
    const s = base() as any;
    s.awards[0].prize.amount = 800.005;
    expect(codes(s)).toEqual(['error:scheme_invalid:awards[0].prize.amount']);
  });

  test('unknown measure, gate and award references', () => {
    const s = base() as any;
    s.awards[0].rankBy.measure = 'nope';
    s.awards[0].gates = ['missing_gate'];
    s.measures.push({ id: 'w', label: { zh: 'w', en: 'w' }, kind: 'wins', award: 'ghost', each: 'month' });
    expect(codes(s)).toEqual([
      'error:scheme_unknown_award:measures[5].award',
      'error:scheme_unknown_measure:awards[0].rankBy.measure',
      'error:scheme_unknown_gate:awards[0].gates[0]',
    ]);
  });

  test('duplicate ids', () => {
    const s = base() as any;
    s.measures.push({ ...s.measures[0] });
    expect(codes(s)).toEqual(['error:scheme_duplicate_id:measures[5].id']);
  });

  test('a cycle between measures', () => {
    const s = base() as any;
    s.measures.push(
      { id: 'a', label: { zh: 'a', en: 'a' }, kind: 'combine', op: 'sum', of: ['b'] },
      { id: 'b', label: { zh: 'b', en: 'b' }, kind: 'combine', op: 'sum', of: ['a'] },
    );
    const d = validateScheme(s).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['scheme_cycle']);
    expect(d[0].message.en).toContain('a → b → a');
  });

  test('a score component that uses the score is a cycle', () => {
    const s = getPresetInput('star-rating') as any;
    s.score.components[0].measure = 'score';
    delete s.score.components[0].fallback;
    expect(codes(s).some((c) => c.startsWith('error:scheme_cycle'))).toBe(true);
  });

  test('a pool needs a quota; count and percent exclude each other', () => {
    const s = base() as any;
    s.awards[0].prize = { kind: 'pool', budget: 1000 };
    s.awards[0].quota = {};
    expect(codes(s)).toEqual(['error:scheme_pool_without_quota:awards[0].quota']);
    s.awards[0].quota = { count: 1, percent: 10 };
    expect(codes(s)).toEqual(['error:scheme_invalid:awards[0].quota']);
  });

  test('weights not summing to 100 are a warning, with the rescaled weights; the scheme still runs', () => {
    const s = getPresetInput('star-rating') as any;
    s.score.components[0].weight = 60; // 60 + 30 + 20 = 110
    const v = validateScheme(s);
    expect(v.scheme).not.toBeNull();
    expect(v.diagnostics.map((d) => [d.severity, d.code, d.column, d.value])).toEqual([['warning', 'weights_rescaled', 'score.components', '110']]);
    // 60/110 = 54.5454… → 54.55; 30/110 = 27.27; 20/110 = 18.18
    expect(v.diagnostics[0].message.en).toContain('Customer 60 → 54.55, Supervisor 30 → 27.27, Self 20 → 18.18');
    expect(v.diagnostics[0].message.zh).toContain('客户评价 60 → 54.55');
  });

  test('blend weights are checked too', () => {
    const s = getPresetInput('weighted-quarterly') as any;
    s.score.components[0].parts[0].weight = 30; // 30 + 80 = 110
    const w = validateScheme(s).diagnostics.filter((d) => d.code === 'weights_rescaled').map((d) => d.column);
    expect(w).toEqual(['score.components[0].parts', 'score.components']);
  });

  test('a points rule must be a dated row measure', () => {
    const s = getPresetInput('surprise-points') as any;
    s.measures.push({ id: 'mean_score', label: { zh: 'm', en: 'm' }, kind: 'rows', tab: 'feedback', agg: 'mean', field: 'score' });
    s.points.rules[0].measure = 'mean_score';
    expect(codes(s)).toEqual(['error:scheme_points_measure:points.rules[0].measure']);
  });

  test('ids must be lower snake case', () => {
    const s = base() as any;
    s.awards[0].id = 'Service Star';
    expect(codes(s)).toEqual(['error:scheme_invalid:awards[0].id']);
  });

  test('a gate can be turned off with enabled: false', () => {
    const s = getPresetInput('weighted-quarterly') as any;
    s.gates[0].enabled = false;
    expect(validateScheme(s).scheme!.gates[0].enabled).toBe(false);
  });
});
