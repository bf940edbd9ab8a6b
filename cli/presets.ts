/**
 * Preset ids the command line accepts (SPEC §4). Kept here only until core exports
 * its preset registry; then this file re-exports it.
 */
export const PRESET_IDS: readonly string[] = [
  'smile-cards', 'star-rating', 'weighted-quarterly', 'service-star-budget',
  'surprise-points', 'revisit', 'case-collection', 'annual-star',
];
