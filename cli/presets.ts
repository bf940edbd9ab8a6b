/**
 * Preset ids for the command line, from core's preset registry (the CLI keeps no
 * list of its own). Award names and budgets for the summary come from core/summary.
 */
import { presetIds } from '../core/presets/index';
import { unknownPreset } from '../core/scheme/resolve';
import { CliError } from './errors';

/** @throws CliError naming the nearest preset (a typo) or the known ones when `id` is not one. */
export function checkPreset(id: string): void {
  if (!presetIds().includes(id)) {
    const d = unknownPreset(id);
    throw new CliError(d.message.zh, d.message.en);
  }
}
