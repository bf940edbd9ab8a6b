/**
 * The shipped presets (SPEC §4). Each preset is a JSON data file in this folder,
 * validated by the same schema as a user's scheme; nothing here is code that
 * computes. Add a preset by adding its file and one line to PRESET_FILES.
 */
import type { PeriodKind } from '../periods';
import type { Diagnostic } from '../types';
import type { Scheme, SchemeInput, Text } from '../scheme/model';
import { validateScheme } from '../scheme/validate';
import smileCards from './smile-cards.json';
import starRating from './star-rating.json';
import weightedQuarterly from './weighted-quarterly.json';
import serviceStarBudget from './service-star-budget.json';
import surprisePoints from './surprise-points.json';
import revisit from './revisit.json';
import annualStar from './annual-star.json';
import caseCollection from './case-collection.json';
import teamStar from './team-star.json';
import likes from './likes.json';
import itsmQuarterly from './itsm-quarterly.json';
import propertyStars from './property-stars.json';
import annualBest from './annual-best.json';
import committeeQuarterly from './committee-quarterly.json';

const PRESET_FILES: unknown[] = [
  smileCards, starRating, weightedQuarterly, serviceStarBudget, surprisePoints, revisit, annualStar,
  caseCollection, teamStar, likes, itsmQuarterly, propertyStars, annualBest, committeeQuarterly,
];

export interface PresetInfo {
  id: string;
  name: Text;
  description: Text | null;
  cadence: PeriodKind;
}

const inputs = new Map<string, SchemeInput>();
for (const f of PRESET_FILES) {
  const p = f as SchemeInput;
  inputs.set(p.id, p);
}

/** Preset ids in display order. */
export function presetIds(): string[] {
  return [...inputs.keys()];
}

/** The preset as written in its file (a deep copy: callers may edit it). */
export function getPresetInput(id: string): SchemeInput | null {
  const p = inputs.get(id);
  return p ? (JSON.parse(JSON.stringify(p)) as SchemeInput) : null;
}

/** Validate a preset: the scheme (null when invalid) and its warnings (e.g. weights rescaled). */
export function validatePreset(id: string): { scheme: Scheme | null; diagnostics: Diagnostic[] } | null {
  const p = getPresetInput(id);
  return p ? validateScheme(p) : null;
}

/** The validated preset, defaults filled in, or null for an unknown id or an invalid file. */
export function getPreset(id: string): Scheme | null {
  return validatePreset(id)?.scheme ?? null;
}

export function listPresets(): PresetInfo[] {
  return [...inputs.values()].map((p) => ({
    id: p.id, name: p.name, description: p.description ?? null, cadence: p.cadence,
  }));
}
