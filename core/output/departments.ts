/**
 * The Departments tab (SPEC §5) and the `departments` lines of `--json` (SPEC §7):
 * per department window, rank, department, its head (who, and at which level),
 * the points of every criterion, the score, the actions and a plain-language why
 * with the figures; then one row per copied case naming the case it matches
 * (tab and row) so a manager can check it.
 */
import type { Cell, ColumnFormat, DepartmentLine, Lang, OutputTab } from '../types';
import type { EngineResult } from '../engine/compute';
import type { DepartmentsResult, DepartmentRow } from '../engine/departments';
import { numText } from '../engine/gates';
import { LEVELS } from './labels';

const H = {
  window: { zh: '期间', en: 'Window' },
  rank: { zh: '名次', en: 'Rank' },
  department: { zh: '部门', en: 'Department' },
  head: { zh: '部门负责人', en: 'Head' },
  members: { zh: '在岗人数', en: 'Members' },
  score: { zh: '总分', en: 'Score' },
  actions: { zh: '处理', en: 'Actions' },
  headPoints: { zh: '负责人加减分', en: 'Head points' },
  why: { zh: '说明', en: 'Why' },
  max: { zh: '满分', en: 'max' },
};

const ACTION_LABELS: Record<string, Record<Lang, string>> = {
  red_flag: { zh: '流动红旗', en: 'rotating red flag' },
  criticism: { zh: '通报批评', en: 'criticism' },
  copied_case: { zh: '抄袭案例', en: 'copied case' },
};

export function departmentActionLabel(id: string, lang: Lang): string {
  return ACTION_LABELS[id]?.[lang] ?? id;
}

export function departmentsTabName(periodId: string, lang: Lang): string {
  return lang === 'zh' ? `部门 ${periodId}` : `Departments ${periodId}`;
}

function departmentsOf(res: EngineResult): DepartmentsResult | null {
  return res.departments ?? null;
}

function person(res: EngineResult, i: number, lang: Lang): string {
  const s = res.ctx.staff[i];
  return lang === 'zh' ? `${s.name}（${s.id}）` : `${s.name} (${s.id})`;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function why(res: EngineResult, r: DepartmentRow, lang: Lang): string {
  const spec = res.ctx.scheme.departments!;
  const parts: string[] = [];
  if (r.unranked === 'quota_zero') {
    parts.push(lang === 'zh' ? '名额为 0：不参加排名' : 'quota 0: not ranked');
  }
  spec.criteria.forEach((c, k) => {
    const cr = r.criteria[k];
    const label = c.label[lang];
    const measure = res.ctx.measures.get(c.measure)?.label[lang] ?? c.measure;
    if (Number.isNaN(cr.value)) {
      parts.push(lang === 'zh' ? `${label}：无数据（${measure}）→ 0` : `${label}: no data (${measure}) → 0`);
      return;
    }
    let fig = `${measure} ${numText(cr.value)}`;
    if (cr.quota !== null) fig += lang === 'zh' ? ` ÷ 名额 ${numText(cr.quota)}` : ` ÷ quota ${numText(cr.quota)}`;
    if (c.normalize) fig += lang === 'zh' ? `（按 ${c.normalize.min}–${c.normalize.max} 折算）` : ` (scaled ${c.normalize.min}–${c.normalize.max})`;
    parts.push(`${label}${lang === 'zh' ? '：' : ': '}${fig} → ${numText(cr.fraction * 100)}% × ${numText(c.max)} = ${numText(cr.points)}`);
  });
  if (r.head < 0) parts.push(lang === 'zh' ? '没有部门负责人' : 'no department head');
  if (r.actions.length) {
    const acts = r.actions.map((a) => departmentActionLabel(a, lang)).join(lang === 'zh' ? '、' : ', ');
    parts.push(lang === 'zh' ? `排名第 ${r.rank}：${acts}` : `rank ${r.rank}: ${acts}`);
  }
  return parts.join(lang === 'zh' ? '；' : '; ');
}

export function buildDepartmentsTab(res: EngineResult, lang: Lang): OutputTab | null {
  const dep = departmentsOf(res);
  const spec = res.ctx.scheme.departments;
  if (!dep || !spec) return null;
  const ctx = res.ctx;
  const header: Cell[] = [H.window[lang], H.rank[lang], H.department[lang], H.head[lang], H.members[lang]];
  const formats: ColumnFormat[] = ['text', 'integer', 'text', 'text', 'integer'];
  for (const c of spec.criteria) {
    header.push(`${c.label[lang]}${lang === 'zh' ? `（${H.max.zh} ${numText(c.max)}）` : ` (${H.max.en} ${numText(c.max)})`}`);
    formats.push('number');
  }
  header.push(H.score[lang], H.actions[lang], H.headPoints[lang], H.why[lang]);
  formats.push('number', 'text', 'number', 'text');
  const rows: Cell[][] = [header];
  const blanks = spec.criteria.map(() => null);
  for (const win of dep.windows) {
    for (const r of win.rows) {
      const head = r.head >= 0 ? `${person(res, r.head, lang)} ${LEVELS[ctx.staff[r.head].level]?.[lang] ?? ''}`.trim() : '';
      rows.push([
        win.window.id, r.rank, r.department, head, r.members,
        ...r.criteria.map((c) => round2(c.points)),
        r.score, r.actions.map((a) => departmentActionLabel(a, lang)).join(lang === 'zh' ? '、' : ', '),
        r.headPoints || null, why(res, r, lang),
      ]);
    }
    // Copies in submission order (date, then row), whatever order the Cases rows came in.
    const copies = [...win.copies].sort((x, y) => {
      const a = ctx.data.cases[x.copy], b = ctx.data.cases[y.copy];
      return a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row;
    });
    for (const c of copies) {
      const cs = ctx.data.cases[c.copy];
      const src = ctx.data.cases[c.source];
      const writer = c.staff >= 0 ? person(res, c.staff, lang) : cs.staffKey;
      const srcStaff = ctx.keyIndex.get(src.staffKey);
      const srcWho = srcStaff !== undefined ? person(res, srcStaff, lang) : src.staffKey;
      const pct = numText(c.similarity * 100);
      const text = lang === 'zh'
        ? `${cs.tab} 第 ${cs.row} 行（${cs.date}${cs.title ? `，“${cs.title}”` : ''}）与 ${src.tab} 第 ${src.row} 行（${srcWho}，${src.date}）相同 ${pct}%`
        : `${cs.tab} row ${cs.row} (${cs.date}${cs.title ? `, "${cs.title}"` : ''}) is ${pct}% the same as ${src.tab} row ${src.row} (${srcWho}, ${src.date})`;
      rows.push([win.window.id, null, c.staff >= 0 ? ctx.staff[c.staff].department : '', writer, null, ...blanks, null, departmentActionLabel('copied_case', lang), null, text]);
    }
  }
  return { name: departmentsTabName(res.period.id, lang), kind: 'departments', rows, formats };
}

/** `departments` of `--json`: ranked departments by window, rank, name; `window` is added when the period holds several. */
export function departmentLines(res: EngineResult): DepartmentLine[] {
  const dep = departmentsOf(res);
  if (!dep) return [];
  const several = dep.windows.length > 1;
  const out: DepartmentLine[] = [];
  for (const win of dep.windows) {
    for (const r of win.rows) {
      if (r.rank === null) continue;
      const line: DepartmentLine = { department: r.department, score: r.score, rank: r.rank, actions: [...r.actions] };
      out.push(several ? { ...line, window: win.window.id } as DepartmentLine : line);
    }
  }
  return out;
}
