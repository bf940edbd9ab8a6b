/**
 * Appeals (SPEC §10, seed 002 "允许被选评人与参评员工对评选结果提出异议"): what the
 * orchestrator calls between reading and writing.
 *
 * - planAppeals checks every Appeals row against the input tabs as written (the
 *   disputed tab exists and is one a person's rows live in, the row exists, it is
 *   the appellant's row, the appeal is not late) and blanks the rows of accepted
 *   appeals in a copy of the tabs. A blanked row reads exactly like a deleted row
 *   (blank rows are skipped), but keeps every other row's number, so voiding is
 *   "deleting the row" without moving anything (property-tested).
 * - weighAppeals recomputes, for each pending appeal, the whole scheme with that
 *   row voided too and compares the awards paid (award and manager payments per
 *   person): what differs is at stake. A payment made either way (a manager paid
 *   400.00 for whichever report wins) is the same in both and so is not at stake.
 * - The rest marks the result (`appeals`, `pending: true`) and the Ranking and
 *   Bonus tabs, with the alternative stated.
 */
import type {
  AppealLine, AppealRecord, Cell, Dataset, Diagnostic, Lang, OutputTab, RawTab, ResultJson, TabId,
} from '../types';
import type { Period } from '../periods';
import { dayNumber } from '../periods';
import { cellText, diag } from '../diagnostics';
import { staffKey } from '../ids';
import { TAB_SPECS, columnOf, tabIdOf } from '../input/aliases';
import type { EngineResult } from '../engine/compute';
import { payments } from '../output/bonus';
import { formatFen, fenToYuan } from '../money';
import { BONUS_KIND, H } from '../output/labels';

export interface Bilingual { zh: string; en: string }

/** Tabs whose rows belong to one person and can be disputed: every input tab with a staff_id column except Staff and the dispute tabs. */
export function isAppealableTab(id: TabId): boolean {
  if (id === 'staff' || id === 'appeals' || id === 'investigations') return false;
  return TAB_SPECS[id].columns.some((c) => c.id === 'staff_id');
}

const APPEALABLE_NAMES: Bilingual = (() => {
  const ids = (Object.keys(TAB_SPECS) as TabId[]).filter(isAppealableTab);
  return { zh: ids.map((id) => TAB_SPECS[id].zh).join('、'), en: ids.map((id) => TAB_SPECS[id].en).join(', ') };
})();

export interface CheckedAppeal {
  record: AppealRecord;
  /** The disputed tab's name as written in the workbook when found, else as the appeal wrote it. */
  targetName: string;
  /** Accepted rows are voided and pending ones weighed only when applied (a good, timely appeal). */
  applied: boolean;
}

export interface AppealPlan {
  appeals: CheckedAppeal[];
  diagnostics: Diagnostic[];
  /** The input tabs with the rows of applied accepted appeals blanked (the tabs given when there are none). */
  tabs: RawTab[];
  /** How many rows were voided. */
  voided: number;
  /** The Appeals tab's name as written, or null when the workbook has none. */
  appealsTab: string | null;
}

function isBlankCell(c: Cell): boolean {
  return c === null || c === undefined || (typeof c === 'string' && c.trim() === '');
}

function rowIsBlank(row: Cell[] | undefined): boolean {
  return !row || row.every(isBlankCell);
}

/** The tabs with the given rows (tab name as written, row as the user sees it) blanked; tabs not touched are shared. */
export function voidRows(tabs: RawTab[], rows: readonly { tab: string; row: number }[]): RawTab[] {
  if (rows.length === 0) return tabs;
  const byTab = new Map<string, number[]>();
  for (const r of rows) byTab.set(r.tab, [...(byTab.get(r.tab) ?? []), r.row]);
  return tabs.map((t) => {
    const list = byTab.get(t.name);
    if (!list) return t;
    const copy = [...t.rows];
    for (const r of list) if (r - 1 < copy.length) copy[r - 1] = [];
    return { name: t.name, rows: copy };
  });
}

/**
 * Check every Appeals row of `dataset` against the tabs as read and void the rows of
 * accepted appeals. `appealDays` is the scheme's deadline after the period's last day.
 */
export function planAppeals(tabs: RawTab[], dataset: Dataset, period: Period, appealDays: number | undefined): AppealPlan {
  const appealsTab = dataset.tabNames.appeals ?? null;
  const records = dataset.appeals ?? [];
  const diagnostics: Diagnostic[] = [];
  const appeals: CheckedAppeal[] = [];
  const voided: { tab: string; row: number }[] = [];
  const cols = dataset.columnNames?.appeals ?? {};
  const byId = new Map<TabId, RawTab>();
  for (const t of tabs) {
    const id = tabIdOf(t.name);
    if (id && !byId.has(id)) byId.set(id, t);
  }
  for (const a of records) {
    const at = { tab: a.tab, row: a.row };
    const bad = (severity: 'error' | 'warning' | 'info', code: string, column: string, value: Cell, m: Bilingual) => {
      diagnostics.push(diag({ severity, code, ...at, column: cols[column] ?? column, value, ...m }));
    };
    const id = tabIdOf(a.targetTab);
    if (id === null || !isAppealableTab(id)) {
      bad('error', 'appeal_unknown_tab', 'tab', a.targetTab, {
        zh: `“${a.targetTab}”不是可申诉的输入表（${APPEALABLE_NAMES.zh}），本申诉不生效`,
        en: `"${a.targetTab}" is not an input tab an appeal can point at (${APPEALABLE_NAMES.en}); this appeal changes nothing`,
      });
      appeals.push({ record: a, targetName: a.targetTab, applied: false });
      continue;
    }
    const target = byId.get(id);
    if (!target) {
      bad('info', 'appeal_tab_not_read', 'tab', a.targetTab, {
        zh: `本方案不读取“${a.targetTab}”表，此申诉不会改变任何结果，未作核对`,
        en: `the scheme does not read the ${a.targetTab} tab, so this appeal cannot change any result and was not checked`,
      });
      appeals.push({ record: a, targetName: a.targetTab, applied: false });
      continue;
    }
    const name = target.name;
    const rows = target.rows ?? [];
    const rowCells = rows[a.targetRow - 1];
    if (rowIsBlank(rowCells)) {
      bad('error', 'appeal_row_out_of_range', 'row', a.targetRow, {
        zh: `「${name}」没有第 ${a.targetRow} 行数据（数据在第 2–${Math.max(2, rows.length)} 行），本申诉不生效`,
        en: `${name} has no data on row ${a.targetRow} (its data is on rows 2–${Math.max(2, rows.length)}); this appeal changes nothing`,
      });
      appeals.push({ record: a, targetName: name, applied: false });
      continue;
    }
    const header = rows[0] ?? [];
    const j = header.findIndex((h) => !isBlankCell(h) && columnOf(id, cellText(h))?.id === 'staff_id');
    const rowId = j < 0 ? '' : cellText(rowCells![j]).trim();
    if (staffKey(rowId) !== a.staffKey) {
      bad('error', 'appeal_wrong_person', 'staff_id', a.staffId, {
        zh: `「${name}」第 ${a.targetRow} 行是 ${rowId || '（空）'} 的记录，不是申诉人 ${a.staffId} 的，本申诉不生效`,
        en: `${name} row ${a.targetRow} belongs to ${rowId || '(blank)'}, not to the appellant ${a.staffId}; this appeal changes nothing`,
      });
      appeals.push({ record: a, targetName: name, applied: false });
      continue;
    }
    if (appealDays !== undefined && a.filed !== null && dayNumber(a.filed) - dayNumber(period.end) > appealDays) {
      bad('warning', 'appeal_late', 'filed', a.filed, {
        zh: `提交日期 ${a.filed} 已过申诉期限（期间 ${period.id} 最后一天 ${period.end} 后 ${appealDays} 天），未予处理`,
        en: `filed on ${a.filed}, after the deadline (${appealDays} days after ${period.id}'s last day, ${period.end}); not applied`,
      });
      appeals.push({ record: a, targetName: name, applied: false });
      continue;
    }
    appeals.push({ record: a, targetName: name, applied: true });
    if (a.status === 'accepted') {
      voided.push({ tab: name, row: a.targetRow });
      diagnostics.push(diag({
        severity: 'info', code: 'voided_by_appeal', tab: name, row: a.targetRow, value: '',
        zh: `此行因申诉成立而作废（「${a.tab}」第 ${a.row} 行，申诉人 ${a.staffId}），不参与任何计算`,
        en: `this row is void: the appeal on ${a.tab} row ${a.row} (by ${a.staffId}) was accepted, so it is left out of every computation`,
      }));
    }
  }
  return { appeals, diagnostics, tabs: voidRows(tabs, voided), voided: voided.length, appealsTab };
}

/**
 * The tabs as a computation sees them once accepted appeals are applied (what-if
 * previews and anything else that reads the workbook outside the orchestrator).
 */
export function appliedAppealTabs(tabs: RawTab[], dataset: Dataset, period: Period, appealDays: number | undefined): RawTab[] {
  return (dataset.appeals ?? []).length ? planAppeals(tabs, dataset, period, appealDays).tabs : tabs;
}

export interface Stake {
  award: string;
  awardName: Bilingual;
  /** Staff index in the computation. */
  idx: number;
  staffId: string;
  ifAccepted: 'wins' | 'loses';
  amountFen: number;
  /** Paid either way, only the amount differs. */
  amountOnly: boolean;
}

export interface Dispute {
  appeal: CheckedAppeal;
  stakes: Stake[];
  /** "申诉成立则 赵敏（S03）获“微笑之星”…" — empty when nothing is at stake. */
  alternative: Bilingual;
}

interface Paid { fen: number; name: Bilingual; order: number }

/** Award and manager payments per award and person: `award\0idx` → fen (zero-cash winners included). */
function paidMap(res: EngineResult): Map<string, Paid> {
  const names = new Map<string, { name: Bilingual; order: number }>();
  res.awards.forEach((o, k) => {
    names.set(o.award.id, { name: o.award.name, order: 2 * k });
    if (o.award.payUp) names.set(o.award.payUp.award, { name: o.award.payUp.name, order: 2 * k + 1 });
  });
  const out = new Map<string, Paid>();
  for (const p of payments(res)) {
    if (p.kind === 'stars') continue;
    const key = `${p.award}\u0000${p.idx}`;
    const cur = out.get(key);
    if (cur) cur.fen += p.amountFen;
    else out.set(key, { fen: p.amountFen, ...(names.get(p.award) ?? { name: { zh: p.award, en: p.award }, order: 1e9 }) });
  }
  return out;
}

/** What differs between the result as recorded and the result if the appeal were accepted. */
export function stakesBetween(base: EngineResult, alt: EngineResult): Stake[] {
  const a = paidMap(base);
  const b = paidMap(alt);
  const out: (Stake & { order: number })[] = [];
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const key of keys) {
    const x = a.get(key);
    const y = b.get(key);
    if (x && y && x.fen === y.fen) continue;
    const [award, idxText] = key.split('\u0000');
    const idx = Number(idxText);
    const info = (x ?? y)!;
    const wins = !x || (y !== undefined && y.fen > x.fen);
    const amountFen = x && y ? Math.abs(y.fen - x.fen) : (x ?? y)!.fen;
    out.push({
      award, awardName: info.name, idx, staffId: base.ctx.staff[idx].id, ifAccepted: wins ? 'wins' : 'loses',
      amountFen, amountOnly: !!(x && y), order: info.order,
    });
  }
  out.sort((p, q) => p.order - q.order || (p.ifAccepted === q.ifAccepted ? 0 : p.ifAccepted === 'wins' ? -1 : 1) ||
    (p.staffId < q.staffId ? -1 : p.staffId > q.staffId ? 1 : 0));
  return out.map(({ order: _order, ...s }) => s);
}

function who(res: EngineResult, idx: number, lang: Lang): string {
  const s = res.ctx.staff[idx];
  if (!s.name) return s.id;
  return lang === 'zh' ? `${s.name}（${s.id}）` : `${s.name} (${s.id})`;
}

/** The alternative in words: "申诉成立则 赵敏（S03）获“服务之星” 800.00、张伟（S01）不获“服务之星”". */
export function alternativeText(res: EngineResult, stakes: readonly Stake[]): Bilingual {
  if (stakes.length === 0) return { zh: '', en: '' };
  const zh = stakes.map((s) => {
    const w = who(res, s.idx, 'zh');
    const award = `“${s.awardName.zh}”`;
    if (s.amountOnly) return `${w}${award}${s.ifAccepted === 'wins' ? '多得' : '少得'} ${formatFen(s.amountFen)}`;
    return s.ifAccepted === 'wins' ? `${w}获${award}${s.amountFen > 0 ? ` ${formatFen(s.amountFen)}` : ''}` : `${w}不获${award}`;
  });
  const en = stakes.map((s) => {
    const w = who(res, s.idx, 'en');
    if (s.amountOnly) return `${w} gets ${formatFen(s.amountFen)} ${s.ifAccepted === 'wins' ? 'more' : 'less'} from ${s.awardName.en}`;
    return s.ifAccepted === 'wins' ? `${w} wins ${s.awardName.en}${s.amountFen > 0 ? ` (${formatFen(s.amountFen)})` : ''}` : `${w} does not win ${s.awardName.en}`;
  });
  return { zh: `申诉成立则${zh.join('、')}`, en: `if the appeal is accepted, ${en.join(', ')}` };
}

/**
 * Weigh every applied pending appeal: recompute with its row voided too
 * (`recompute` reads and computes the tabs given) and compare with `base`.
 */
export function weighAppeals(plan: AppealPlan, base: EngineResult, recompute: (tabs: RawTab[]) => EngineResult | null): Dispute[] {
  const out: Dispute[] = [];
  for (const a of plan.appeals) {
    if (!a.applied || a.record.status !== 'pending') continue;
    const alt = recompute(voidRows(plan.tabs, [{ tab: a.targetName, row: a.record.targetRow }]));
    const stakes = alt ? stakesBetween(base, alt) : [];
    out.push({ appeal: a, stakes, alternative: alternativeText(base, stakes) });
  }
  return out;
}

/** `appeals` in `--json` (every Appeals row read) and `pending: true` on the award lines at stake. */
export function markResult(result: ResultJson, plan: AppealPlan, disputes: readonly Dispute[]): void {
  if (plan.appealsTab === null) return;
  const byRecord = new Map(disputes.map((d) => [d.appeal.record, d]));
  const pending = new Set<string>();
  for (const d of disputes) for (const s of d.stakes) pending.add(`${s.award}\u0000${s.staffId}`);
  for (const a of result.awards) if (pending.has(`${a.award}\u0000${a.staff_id}`)) a.pending = true;
  const lines: AppealLine[] = plan.appeals.map((a) => ({
    row: a.record.row, staff_id: a.record.staffId, status: a.record.status,
    target: { tab: a.targetName, row: a.record.targetRow },
    stakes: (byRecord.get(a.record)?.stakes ?? []).map((s) => ({
      award: s.award, staff_id: s.staffId, if_accepted: s.ifAccepted, amount: fenToYuan(s.amountFen),
    })),
  }));
  result.appeals = lines;
}

/** "待处理申诉（申诉 第 2 行，对 客户反馈 第 15 行）" */
export function appealRef(d: Dispute, lang: Lang): string {
  const r = d.appeal.record;
  return lang === 'zh'
    ? `待处理申诉（「${r.tab}」第 ${r.row} 行，针对「${d.appeal.targetName}」第 ${r.targetRow} 行）`
    : `pending appeal (${r.tab} row ${r.row}, on ${d.appeal.targetName} row ${r.targetRow})`;
}

function column(t: OutputTab, label: Bilingual, lang: Lang): number {
  return (t.rows[0] ?? []).findIndex((h) => h === label[lang]);
}

/**
 * Mark the Ranking tab (the why of everyone at stake states the pending appeal and
 * its alternative) and the Bonus tab (the note of every payment at stake).
 */
export function markOutputs(outputs: OutputTab[], disputes: readonly Dispute[], lang: Lang): void {
  const live = disputes.filter((d) => d.stakes.length > 0);
  if (live.length === 0) return;
  const ranking = outputs.find((t) => t.kind === 'ranking');
  if (ranking) {
    const jId = column(ranking, H.staffId, lang);
    const jWhy = column(ranking, H.why, lang);
    const notes = new Map<string, string[]>();
    for (const d of live) {
      const sentence = lang === 'zh' ? `${appealRef(d, 'zh')}：${d.alternative.zh}。` : `${cap(appealRef(d, 'en'))}: ${d.alternative.en}.`;
      for (const s of d.stakes) {
        const l = notes.get(s.staffId) ?? [];
        if (!l.includes(sentence)) l.push(sentence);
        notes.set(s.staffId, l);
      }
    }
    if (jId >= 0 && jWhy >= 0) {
      for (const row of ranking.rows.slice(1)) {
        const n = notes.get(String(row[jId] ?? ''));
        if (n) row[jWhy] = `${row[jWhy] ?? ''}${lang === 'zh' ? '' : ' '}${n.join(lang === 'zh' ? '' : ' ')}`.trim();
      }
    }
  }
  const bonus = outputs.find((t) => t.kind === 'bonus');
  if (bonus) {
    const jKind = column(bonus, H.kind, lang), jId = column(bonus, H.staffId, lang);
    const jItem = column(bonus, H.item, lang), jNote = column(bonus, H.note, lang);
    if (jKind < 0 || jId < 0 || jItem < 0 || jNote < 0) return;
    const notes = new Map<string, string[]>();
    for (const d of live) {
      for (const s of d.stakes) {
        if (s.ifAccepted === 'wins' && !s.amountOnly) continue; // not paid now: nothing to mark in Bonus
        const key = `${s.awardName[lang]}\u0000${s.staffId}`;
        const l = notes.get(key) ?? [];
        l.push(appealRef(d, lang));
        notes.set(key, l);
      }
    }
    const kinds = new Set([BONUS_KIND.award[lang], BONUS_KIND.payup[lang]]);
    for (const row of bonus.rows.slice(1)) {
      if (!kinds.has(String(row[jKind] ?? ''))) continue;
      const n = notes.get(`${String(row[jItem] ?? '')}\u0000${String(row[jId] ?? '')}`);
      if (n) row[jNote] = [row[jNote], ...n].filter((x) => x !== null && x !== undefined && x !== '').join(lang === 'zh' ? '；' : '; ');
    }
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const STATUS_WORDS: Record<AppealLine['status'], Bilingual> = {
  pending: { zh: '待处理', en: 'pending' }, rejected: { zh: '驳回', en: 'rejected' }, accepted: { zh: '成立', en: 'accepted' },
};

/**
 * A person's appeals in words, for their statement (SPEC §9 "appeals"): those they
 * filed and the pending ones that put a result of theirs at stake. `alternatives`
 * maps an appeal row to its alternative (ComputeOutcome.disputes).
 */
export function personAppeals(
  appeals: readonly AppealLine[], staffId: string, lang: Lang,
  alternatives: ReadonlyMap<number, Bilingual> = new Map(),
): string[] {
  const key = staffKey(staffId);
  const out: string[] = [];
  for (const a of appeals) {
    const filed = staffKey(a.staff_id) === key;
    const atStake = a.stakes.some((s) => staffKey(s.staff_id) === key);
    if (!filed && !atStake) continue;
    const status = STATUS_WORDS[a.status][lang];
    const alt = alternatives.get(a.row)?.[lang] ?? '';
    out.push(lang === 'zh'
      ? `申诉第 ${a.row} 行（${a.staff_id}，针对「${a.target.tab}」第 ${a.target.row} 行）：${status}${alt ? `；${alt}` : ''}`
      : `Appeal row ${a.row} (${a.staff_id}, on ${a.target.tab} row ${a.target.row}): ${status}${alt ? `; ${alt}` : ''}`);
  }
  return out;
}
