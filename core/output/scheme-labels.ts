/**
 * The labels of a scheme's own ids (its name, awards and manager awards, flags,
 * penalty and department actions), gathered once so every output that shows an
 * id from the result (the Changes tab, the summaries) shows its label instead.
 * Generic action ids without a label in the scheme take core/output/labels.ts's.
 */
import type { Scheme } from '../scheme/model';
import { ACTIONS, type L } from './labels';

export interface SchemeLabels {
  scheme: L;
  /** Award id (manager awards included) → name. */
  awards: Record<string, L>;
  /** Flag id → label. */
  flags: Record<string, L>;
  /** Penalty and department action id → label. */
  actions: Record<string, L>;
}

export function schemeLabels(scheme: Scheme): SchemeLabels {
  const awards: Record<string, L> = {};
  for (const a of scheme.awards) {
    awards[a.id] = { zh: a.name.zh, en: a.name.en };
    if (a.payUp) awards[a.payUp.award] = { zh: a.payUp.name.zh, en: a.payUp.name.en };
  }
  const flags: Record<string, L> = {};
  for (const f of scheme.flags) flags[f.id] = { zh: f.label.zh, en: f.label.en };
  const actions: Record<string, L> = { ...ACTIONS };
  return { scheme: { zh: scheme.name.zh, en: scheme.name.en }, awards, flags, actions };
}
