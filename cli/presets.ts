/**
 * Preset ids and award names for the command line, from core's preset registry
 * (the CLI keeps no list of its own).
 */
import type { Bilingual } from '../core/inspect';
import { presetIds } from '../core/presets/index';
import { resolveScheme } from '../core/scheme/resolve';
import { BONUS_KIND, H } from '../core/output/labels';
import type { Lang, OutputTab, RawTab } from '../core/types';
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

/**
 * Award id → pool budget in yuan, read from the Bonus tab's award-total rows
 * (the engine writes paid against budget there; columns found by their headers).
 * Awards with a fixed prize have no budget and are left out.
 */
export function budgetsFromOutputs(outputs: OutputTab[], lang: Lang, names: Record<string, Bilingual>): Record<string, number> {
  const out: Record<string, number> = {};
  const bonus = outputs.find((t) => t.kind === 'bonus');
  if (!bonus || bonus.rows.length === 0) return out;
  const header = bonus.rows[0].map((c) => String(c ?? ''));
  const kindCol = header.indexOf(H.kind[lang]);
  const itemCol = header.indexOf(H.item[lang]);
  const budgetCol = header.indexOf(H.budget[lang]);
  if (kindCol < 0 || itemCol < 0 || budgetCol < 0) return out;
  const idByName = new Map(Object.entries(names).map(([id, n]) => [n[lang], id] as const));
  for (const row of bonus.rows.slice(1)) {
    const budget = row[budgetCol];
    if (row[kindCol] !== BONUS_KIND.total[lang] || typeof budget !== 'number') continue;
    const id = idByName.get(String(row[itemCol] ?? ''));
    if (id !== undefined) out[id] = budget;
  }
  return out;
}
