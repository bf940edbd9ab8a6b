/**
 * Candidates from the Nominations tab (SPEC §1 Nominations, seed 002): an award with
 * `nominations` considers only the people nominated for its window (rows whose
 * period lies inside it). With a per-nominator limit, each nominator's distinct
 * nominees beyond the limit, in row order, are left out and reported once as a
 * warning on their row — a repeated nomination of the same person by the same
 * nominator is not an extra one. Rows without a nominator are never over a limit.
 */
import type { Award } from '../scheme/model';
import type { Period } from '../periods';
import { columnAsWritten, diag } from '../diagnostics';
import { windowKeys, type Ctx } from './context';
import type { NominationRecord } from '../types';
import { staffKey } from '../ids';

/** The staff indexes nominated for award `a` in window `w` (cached), or null when the award takes no nominations. */
export function nominatedPool(ctx: Ctx, a: Award, w: Period): Set<number> | null {
  const spec = a.nominations;
  if (!spec) return null;
  const key = `nominated:${spec.perNominator ?? ''}@${w.id}`;
  const hit = ctx.memo.get(key) as Set<number> | undefined;
  if (hit) return hit;
  const t = ctx.tabs.nominations;
  const [ks, ke] = windowKeys(w);
  const pool = new Set<number>();
  const byNominator = new Map<string, Set<number>>();
  const limit = spec.perNominator;
  // Row order as the user sees it (the index keeps the tab's order).
  for (let r = 0; r < t.rows.length; r++) {
    const s = t.staff[r];
    if (s < 0 || t.from[r] < ks || t.to[r] > ke) continue;
    const rec = t.rows[r] as unknown as NominationRecord;
    // Nominators are matched the way staff ids are (spaces, width and case folded).
    const who = staffKey(rec.nominatedBy);
    if (limit !== undefined && who !== '') {
      let mine = byNominator.get(who);
      if (!mine) byNominator.set(who, (mine = new Set()));
      if (!mine.has(s) && mine.size >= limit) {
        reportOverLimit(ctx, rec, limit);
        continue;
      }
      mine.add(s);
    }
    pool.add(s);
  }
  ctx.memo.set(key, pool);
  return pool;
}

function reportOverLimit(ctx: Ctx, rec: NominationRecord, limit: number): void {
  const seen = `nomination_over_limit:${rec.tab}:${rec.row}`;
  if (ctx.memo.has(seen)) return;
  ctx.memo.set(seen, true);
  ctx.diagnostics.push(diag({
    severity: 'warning', code: 'nomination_over_limit', tab: rec.tab, row: rec.row,
    column: columnAsWritten(ctx.data.columnNames, 'nominations', 'nominated_by'), value: rec.nominatedBy,
    zh: `推荐人 ${rec.nominatedBy} 在 ${rec.period} 已推荐 ${limit} 人（每人最多 ${limit} 名），此行提名未计入`,
    en: `${rec.nominatedBy} already nominated ${limit} people for ${rec.period} (at most ${limit} each): this nomination is left out`,
  }));
}
