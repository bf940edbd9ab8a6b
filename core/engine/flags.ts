/** Flags (SPEC §3): a condition in each window of a kind, possibly over consecutive windows. */
import type { Flag } from '../scheme/model';
import type { Period } from '../periods';
import { presence, type Ctx } from './context';
import { checkCondition } from './gates';
import { windowsIn } from './penalties';

export interface FlagHit {
  idx: number;
  flag: Flag;
  window: Period;
}

export function flagsIn(ctx: Ctx, p: Period): FlagHit[] {
  const out: FlagHit[] = [];
  for (const f of ctx.scheme.flags) {
    for (const w of windowsIn(p, f.window)) {
      for (let i = 0; i < ctx.n; i++) {
        if (presence(ctx.staff[i], w) !== 'ok') continue;
        if (checkCondition(ctx, f.when, w, i).ok) out.push({ idx: i, flag: f, window: w });
      }
    }
  }
  return out;
}
