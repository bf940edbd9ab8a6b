/** Every shipped preset passes the same validation as a user's scheme, with SPEC §4 award ids. */
import { getPreset, listPresets, presetIds, validatePreset } from '../../../core/presets/index';
import { validateScheme } from '../../../core/scheme/validate';

const AWARDS: Record<string, string[]> = {
  'smile-cards': ['service_star', 'service_star_manager'],
  'star-rating': ['service_star'],
  'weighted-quarterly': ['quarter_star'],
  'service-star-budget': ['service_star', 'satisfaction_improvement', 'referral', 'surprise_service'],
  'surprise-points': [],
  revisit: ['revisit_excellence', 'outstanding_contribution'],
  'annual-star': ['quarter_star', 'annual_star'],
  'case-collection': [],
  'team-star': ['team_star'],
  likes: ['most_likes'],
  'itsm-quarterly': ['itsm_star'],
  'property-stars': ['quarter_star', 'excellent_employee', 'best_newcomer'],
  'annual-best': ['best_employee', 'best_service', 'best_innovation', 'best_image', 'benchmark_team'],
  'committee-quarterly': ['quarter_service_star', 'annual_service_star'],
};

describe('presets', () => {
  test('the seven presets are shipped', () => {
    expect(presetIds()).toEqual(Object.keys(AWARDS));
    expect(listPresets().map((p) => p.cadence)).toEqual(['quarter', 'month', 'quarter', 'month', 'month', 'month', 'year', 'month', 'quarter', 'month', 'quarter', 'year', 'year', 'quarter']);
  });
  test.each(Object.keys(AWARDS))('%s validates without errors and has the SPEC award ids', (id) => {
    const v = validatePreset(id)!;
    expect(v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const s = getPreset(id)!;
    expect(s.id).toBe(id);
    const ids = s.awards.flatMap((a) => [a.id, ...(a.payUp ? [a.payUp.award] : [])]);
    expect(ids).toEqual(AWARDS[id]);
    expect(s.name.zh).not.toBe('');
    expect(s.name.en).not.toBe('');
    expect(s.requiredTabs).toContain('staff');
  });
  test('weighted-quarterly warns that 40+40+30 is rescaled to 100', () => {
    const v = validatePreset('weighted-quarterly')!;
    const w = v.diagnostics.filter((d) => d.code === 'weights_rescaled');
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe('warning');
    expect(w[0].value).toBe('110');
    // 40/110*100 = 36.3636… → 36.36; 30/110*100 = 27.2727… → 27.27
    expect(w[0].message.en).toContain('Performance 40 → 36.36');
    expect(w[0].message.en).toContain('Staff vote 30 → 27.27');
  });
  test('the other presets have no warnings', () => {
    for (const id of ['smile-cards', 'star-rating', 'service-star-budget', 'surprise-points', 'revisit', 'annual-star', 'likes', 'itsm-quarterly', 'property-stars', 'annual-best', 'committee-quarterly']) {
      const v = validatePreset(id)!;
      expect(v.diagnostics.filter((d) => d.code !== 'weights_rescaled')).toEqual([]);
    }
  });
  test('unknown preset', () => {
    expect(getPreset('nope')).toBeNull();
  });
  test('the validated preset is JSON-compatible (round trip)', () => {
    for (const id of Object.keys(AWARDS)) {
      const s = getPreset(id)!;
      expect(validateScheme(JSON.parse(JSON.stringify(s))).scheme).toEqual(s);
    }
  });
});
