/**
 * Each shipped preset with its hand-built golden fixture (test/fixtures) and a period
 * that fixture computes: the table tests run per preset (every-preset, result-only).
 */
export const PRESET_CASES: [preset: string, fixture: string, period: string][] = [
  ['smile-cards', 'presets/smile-cards.json', '2026-Q3'],
  ['star-rating', 'presets/star-rating.json', '2026-08'],
  ['weighted-quarterly', 'presets/weighted-quarterly.json', '2026-Q3'],
  ['service-star-budget', 'presets/service-star-budget.json', '2026-07'],
  ['surprise-points', 'presets/surprise-points.json', '2026-08'],
  ['revisit', 'presets/revisit.json', '2026-09'],
  ['annual-star', 'presets/annual-star.json', '2026'],
  ['case-collection', 'departments/case-collection.json', '2026-07'],
  ['team-star', 'departments/team-star.json', '2026-Q3'],
  ['likes', 'presets/likes.json', '2026-08'],
  ['itsm-quarterly', 'presets/itsm-quarterly.json', '2026-Q3'],
  ['property-stars', 'presets/property-stars.json', '2026'],
  ['annual-best', 'presets/annual-best.json', '2026'],
  ['committee-quarterly', 'presets/committee-quarterly.json', '2026-Q3'],
];
