/**
 * Preset ids and award names for the command line, from core's preset registry
 * (the CLI keeps no list of its own).
 */
import type { Bilingual } from '../core/inspect';
import { presetIds } from '../core/presets/index';
import { resolveScheme } from '../core/scheme/resolve';
import type { RawTab } from '../core/types';
import { CliError } from './errors';

/** @throws CliError naming the known presets when `id` is not one. */
export function checkPreset(id: string): void {
  const ids = presetIds();
  if (!ids.includes(id)) {
    throw new CliError(`未知方案“${id}”：可用 ${ids.join('、')}`, `Unknown preset "${id}": use one of ${ids.join(', ')}`);
  }
}

/** Award id → display name of the scheme in force (the Scheme tab, else the preset), for the summary. */
export function awardNames(tabs: RawTab[], presetId: string | undefined): Record<string, Bilingual> {
  const out: Record<string, Bilingual> = {};
  let scheme;
  try {
    scheme = resolveScheme(tabs, presetId).scheme;
  } catch {
    return out; // names are a nicety: the summary falls back to ids
  }
  for (const a of scheme?.awards ?? []) {
    out[a.id] = { zh: a.name.zh, en: a.name.en };
    if (a.payUp) out[a.payUp.award] = { zh: a.payUp.name.zh, en: a.payUp.name.en };
  }
  return out;
}
