/**
 * Preset ids for the command line, from core's preset registry (the CLI keeps no
 * list of its own). Award names and budgets for the summary come from core/summary.
 */
import { presetIds } from '../core/presets/index';
import { CliError } from './errors';

/** @throws CliError naming the known presets when `id` is not one. */
export function checkPreset(id: string): void {
  const ids = presetIds();
  if (!ids.includes(id)) {
    throw new CliError(`未知方案“${id}”：可用 ${ids.join('、')}`, `Unknown preset "${id}": use one of ${ids.join(', ')}`);
  }
}
