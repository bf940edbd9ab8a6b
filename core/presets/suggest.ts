/**
 * "Did you mean …" for a mistyped preset id (issue 13): the nearest shipped
 * preset by edit distance, when it is near enough to be a typo.
 */
import { presetIds } from './index';

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The preset id nearest to `typed` (case, spaces and underscores ignored), or null when none is close. */
export function nearestPreset(typed: string): string | null {
  const t = typed.trim().toLowerCase().replace(/[\s_]+/g, '-');
  let best: string | null = null;
  let bestD = Infinity;
  for (const id of presetIds()) {
    const d = id.startsWith(t) || t.startsWith(id) ? Math.abs(id.length - t.length) * 0.5 : distance(t, id);
    if (d < bestD) { best = id; bestD = d; }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

/** The presets as the user types them, for messages: `smile-cards、star-rating…` / `smile-cards, star-rating, …`. */
export function presetList(lang: 'zh' | 'en'): string {
  return presetIds().join(lang === 'zh' ? '、' : ', ');
}
