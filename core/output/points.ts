/** The Points tab (SPEC §5): per person, points earned in the period by rule, redeemed, and the balance at its end. */
import type { Cell, ColumnFormat, Lang, OutputTab } from '../types';
import type { EngineResult } from '../engine/compute';
import { H, tabName } from './labels';
import { staffOrder } from './ranking';
import { departmentRuleLabel } from '../engine/departments';

export function buildPointsTab(res: EngineResult, lang: Lang): OutputTab | null {
  const ledger = res.ledger;
  const pts = res.ctx.scheme.points;
  if (!ledger || !pts) return null;
  const ctx = res.ctx;
  const header: Cell[] = [H.staffId[lang], H.name[lang], H.department[lang], H.earned[lang], H.redeemed[lang], H.balance[lang], H.detail[lang]];
  const formats: ColumnFormat[] = ['text', 'text', 'text', 'number', 'number', 'number', 'text'];
  const ruleLabel = (id: string): string => {
    if (id === 'department:last') return departmentRuleLabel(lang);
    if (id.startsWith('penalty:')) {
      const pe = ctx.scheme.penalties.find((p) => p.id === id.slice(8));
      return pe ? pe.label[lang] : id;
    }
    return pts.rules.find((r) => r.id === id)?.label[lang] ?? id;
  };
  const byIdx = new Map(ledger.lines.map((l) => [l.idx, l]));
  const rows: Cell[][] = [header];
  for (const i of staffOrder(res)) {
    const l = byIdx.get(i);
    if (!l) continue;
    const st = ctx.staff[i];
    const detail = [...l.byRule.entries()].map(([id, v]) => `${ruleLabel(id)}: ${v}`).join('; ');
    rows.push([st.id, st.name, st.department, l.earned, l.redeemed, l.balance, detail]);
  }
  // Points are whole numbers unless a rule gives fractions: then the columns show two decimals (never "32.").
  for (const c of [3, 4, 5]) if (rows.slice(1).every((r) => Number.isInteger(r[c]))) formats[c] = 'integer';
  return { name: tabName('points', res.period.id, lang), kind: 'points', rows, formats };
}
