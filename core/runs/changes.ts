/**
 * The Changes view: what a run changed against the previous run of the same
 * period — people who gained or lost an award, amounts that moved, stars and
 * penalties that changed. Always written with its header; one row says "no
 * changes" (or "first run") so an empty tab is never ambiguous.
 */
import type { Cell, ColumnFormat, Lang, OutputTab, ResultJson } from '../types';
import { staffKey } from '../ids';
import { byCodeUnit } from './hash';
import { type FullSnapshot, type ResultSnapshot, type SnapAppeal, digestOf, snapshotOf } from './snapshot';
import { tabChanges, tabChangesText, type PersonRows } from './person-rows';
import { ACTIONS, labelOf } from '../output/labels';
import type { SchemeLabels } from '../output/scheme-labels';

export type ChangeKind =
  | 'award_gained' | 'award_lost' | 'award_amount'
  | 'stars_added' | 'stars_removed' | 'stars_changed'
  | 'penalty_added' | 'penalty_removed' | 'penalty_amount';

export interface ChangeLine {
  kind: ChangeKind;
  /** Staff id as written (the current run's spelling when both runs have it). */
  staffId: string;
  /** Award id, or `action window` for a penalty, or '' for stars. */
  item: string;
  /** Fen, null when there was none. For stars: the star bonus. */
  before: number | null;
  after: number | null;
  starsBefore: number | null;
  starsAfter: number | null;
  /** How many payment rows before/after (a manager can be paid twice for one award). */
  countBefore: number;
  countAfter: number;
}

interface Bucket { staffId: string; item: string; fen: number; count: number; stars: number | null }

function bucket<T>(list: T[], key: (t: T) => [string, string], fen: (t: T) => number, stars?: (t: T) => number): Map<string, Bucket> {
  const m = new Map<string, Bucket>();
  for (const t of list) {
    const [staffId, item] = key(t);
    const k = `${item}\u0000${staffKey(staffId)}`;
    const b = m.get(k);
    if (b) {
      b.fen += fen(t);
      b.count += 1;
    } else m.set(k, { staffId, item, fen: fen(t), count: 1, stars: stars ? stars(t) : null });
  }
  return m;
}

function sortedKeys(a: Map<string, Bucket>, b: Map<string, Bucket>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort(byCodeUnit);
}

/** Every difference between two full snapshots, in a stable order: awards, stars, penalties. */
export function compareSnapshots(prev: FullSnapshot, cur: FullSnapshot): ChangeLine[] {
  const out: ChangeLine[] = [];
  const line = (kind: ChangeKind, b: Bucket | undefined, a: Bucket | undefined): ChangeLine => ({
    kind, staffId: (a ?? b)!.staffId, item: (a ?? b)!.item,
    before: b ? b.fen : null, after: a ? a.fen : null,
    starsBefore: b?.stars ?? null, starsAfter: a?.stars ?? null,
    countBefore: b?.count ?? 0, countAfter: a?.count ?? 0,
  });

  const aw0 = bucket(prev.awards, (x) => [x.staffId, x.award], (x) => x.amountFen);
  const aw1 = bucket(cur.awards, (x) => [x.staffId, x.award], (x) => x.amountFen);
  for (const k of sortedKeys(aw0, aw1)) {
    const b = aw0.get(k);
    const a = aw1.get(k);
    if (!b) out.push(line('award_gained', b, a));
    else if (!a) out.push(line('award_lost', b, a));
    else if (a.fen !== b.fen || a.count !== b.count) out.push(line('award_amount', b, a));
  }

  const st0 = bucket(prev.stars, (x) => [x.staffId, ''], (x) => x.bonusFen, (x) => x.stars);
  const st1 = bucket(cur.stars, (x) => [x.staffId, ''], (x) => x.bonusFen, (x) => x.stars);
  for (const k of sortedKeys(st0, st1)) {
    const b = st0.get(k);
    const a = st1.get(k);
    if (!b) out.push(line('stars_added', b, a));
    else if (!a) out.push(line('stars_removed', b, a));
    else if (a.stars !== b.stars || a.fen !== b.fen) out.push(line('stars_changed', b, a));
  }

  const pe0 = bucket(prev.penalties, (x) => [x.staffId, `${x.action} ${x.window}`], (x) => x.amountFen);
  const pe1 = bucket(cur.penalties, (x) => [x.staffId, `${x.action} ${x.window}`], (x) => x.amountFen);
  for (const k of sortedKeys(pe0, pe1)) {
    const b = pe0.get(k);
    const a = pe1.get(k);
    if (!b) out.push(line('penalty_added', b, a));
    else if (!a) out.push(line('penalty_removed', b, a));
    else if (a.fen !== b.fen || a.count !== b.count) out.push(line('penalty_amount', b, a));
  }
  return out;
}

const HEADERS: Record<Lang, string[]> = {
  en: ['Change', 'Staff ID', 'Name', 'Item', 'Amount before', 'Amount after', 'Difference', 'Stars before', 'Stars after', 'Compared with run'],
  zh: ['变更', '工号', '姓名', '项目', '变更前金额', '变更后金额', '差额', '变更前星级', '变更后星级', '对比的运行'],
};
const FORMATS: ColumnFormat[] = ['text', 'text', 'text', 'text', 'money', 'money', 'money', 'integer', 'integer', 'text'];

const LABELS: Record<Lang, Record<ChangeKind | 'none' | 'first' | 'unknown' | 'counts', string>> = {
  en: {
    award_gained: 'award gained', award_lost: 'award lost', award_amount: 'amount changed',
    stars_added: 'stars added', stars_removed: 'stars removed', stars_changed: 'stars changed',
    penalty_added: 'penalty added', penalty_removed: 'penalty removed', penalty_amount: 'penalty amount changed',
    none: 'no changes', first: 'first run of this period', unknown: 'previous result not recorded: changes cannot be listed',
    counts: 'changed, not itemised (previous result too large to keep)',
  },
  zh: {
    award_gained: '新获奖', award_lost: '取消获奖', award_amount: '金额变动',
    stars_added: '新增星级', stars_removed: '星级移除', stars_changed: '星级变动',
    penalty_added: '新增处罚', penalty_removed: '撤销处罚', penalty_amount: '处罚金额变动',
    none: '无变化', first: '本期间首次计算', unknown: '上次结果未记录：无法列出变更',
    counts: '有变化，未逐项列出（上次结果过大，未保存明细）',
  },
};

const APPEAL_DECIDED: Record<Lang, string> = { zh: '申诉状态变化', en: 'appeal status changed' };
const APPEAL_STATUS: Record<SnapAppeal['status'], Record<Lang, string>> = {
  pending: { zh: '待处理', en: 'pending' }, rejected: { zh: '驳回', en: 'rejected' }, accepted: { zh: '成立', en: 'accepted' },
};
const NEW_APPEAL: Record<Lang, string> = { zh: '（新）', en: '(new)' };

/**
 * One row per appeal whose status changed since the previous run (a new appeal only
 * when it is accepted), naming the people whose result moved among those it could
 * move: the appellant and everyone its previous run recorded at stake.
 */
function appealRows(prev: FullSnapshot, cur: FullSnapshot, lines: ChangeLine[], options: DiffOptions): Cell[][] {
  const { lang } = options;
  const key = (a: SnapAppeal) => `${a.row}\u0000${a.tab}\u0000${a.targetRow}\u0000${staffKey(a.staffId)}`;
  const before = new Map((prev.appeals ?? []).map((a) => [key(a), a]));
  const rows: Cell[][] = [];
  for (const a of cur.appeals ?? []) {
    const b = before.get(key(a));
    if (b ? b.status === a.status : a.status !== 'accepted') continue;
    const could = new Set([staffKey(a.staffId), ...(b?.stakes ?? []).map((s) => staffKey(s[1]))]);
    const moved: string[] = [];
    for (const l of lines) if (could.has(staffKey(l.staffId)) && !moved.includes(l.staffId)) moved.push(l.staffId);
    const who = moved.map((id) => {
      const n = options.names?.get(staffKey(id));
      return n ? (lang === 'zh' ? `${n}（${id}）` : `${n} (${id})`) : id;
    });
    const from = b ? APPEAL_STATUS[b.status][lang] : NEW_APPEAL[lang];
    const item = lang === 'zh'
      ? `申诉第 ${a.row} 行（「${a.tab}」第 ${a.targetRow} 行）：${from} → ${APPEAL_STATUS[a.status].zh}${who.length ? `；因此结果变化：${who.join('、')}` : ''}`
      : `appeal row ${a.row} (${a.tab} row ${a.targetRow}): ${from} → ${APPEAL_STATUS[a.status].en}${who.length ? `; results moved by it: ${who.join(', ')}` : ''}`;
    rows.push([APPEAL_DECIDED[lang], a.staffId, options.names?.get(staffKey(a.staffId)) ?? '', item, null, null, null, null, null, options.previousTime ?? '']);
  }
  return rows;
}

export function changesTabName(periodId: string, lang: Lang): string {
  return lang === 'zh' ? `变更 ${periodId}` : `Changes ${periodId}`;
}

const yuan = (fen: number | null): number | null => (fen === null ? null : fen / 100);

export interface DiffOptions {
  periodId: string;
  lang: Lang;
  /** Time of the previous run, shown in the last column. */
  previousTime?: string;
  /** Staff lookup key → name, to show names next to ids. */
  names?: ReadonlyMap<string, string>;
  /** The scheme's labels, so items show award and action names, not their ids. */
  labels?: SchemeLabels;
  /** This run's per person and tab row hashes, compared with the previous snapshot's (SPEC §8). */
  rows?: PersonRows;
  /** The previous and this run's scheme versions, when they differ. */
  schemeChange?: { before: string; after: string };
}

export const DATA_CHANGED: Record<Lang, string> = { zh: '数据变化', en: 'data changed' };
export const SCHEME_CHANGED: Record<Lang, string> = { zh: '方案已修改', en: 'scheme changed' };

/** For each person whose result moved, which input tabs changed for them (one row each, after their lines). */
function whyRows(previous: FullSnapshot, lines: ChangeLine[], options: DiffOptions): Cell[][] {
  const out: Cell[][] = [];
  const when = options.previousTime ?? '';
  if (options.schemeChange) {
    const { before, after } = options.schemeChange;
    out.push([SCHEME_CHANGED[options.lang], null, null, `${before} → ${after}`, null, null, null, null, null, when]);
  }
  if (!previous.rows || !options.rows) return out;
  const seen = new Set<string>();
  for (const l of lines) {
    const key = staffKey(l.staffId);
    if (seen.has(key)) continue;
    seen.add(key);
    const changes = tabChanges(previous.rows[key], options.rows[key]);
    if (!changes.length) continue;
    out.push([DATA_CHANGED[options.lang], l.staffId, options.names?.get(key) ?? '', tabChangesText(changes, options.lang), null, null, null, null, null, when]);
  }
  return out;
}

/** An item as the user reads it: the award's name, or the action's label and its window. */
function itemText(l: ChangeLine, options: DiffOptions): string {
  const { lang, labels } = options;
  if (l.kind.startsWith('stars')) return lang === 'zh' ? '星级奖金' : 'star bonus';
  if (l.kind.startsWith('penalty')) {
    const cut = l.item.lastIndexOf(' ');
    const action = cut < 0 ? l.item : l.item.slice(0, cut);
    const window = cut < 0 ? '' : l.item.slice(cut);
    return labelOf(labels?.actions ?? ACTIONS, action, lang) + window;
  }
  return labels ? labelOf(labels.awards, l.item, lang) : l.item;
}

/**
 * The Changes tab for a period. `previous` is the snapshot of the previous run of the
 * same period (undefined: there was none; null: it was not recorded or is damaged).
 */
export function diffResults(
  previous: ResultSnapshot | null | undefined, current: ResultJson | FullSnapshot, options: DiffOptions,
): OutputTab {
  const { lang } = options;
  const cur = 'kind' in current ? current : snapshotOf(current);
  const when = options.previousTime ?? '';
  const rows: Cell[][] = [HEADERS[lang]];
  const note = (label: string): void => {
    rows.push([label, null, null, null, null, null, null, null, null, when]);
  };
  if (previous === undefined) note(LABELS[lang].first);
  else if (previous === null) note(LABELS[lang].unknown);
  else if (previous.kind === 'digest') {
    if (previous.digest === digestOf(cur)) note(LABELS[lang].none);
    else {
      const n = previous.counts;
      const counts = lang === 'zh'
        ? `获奖 ${n.awards} → ${cur.awards.length}；星级 ${n.stars} → ${cur.stars.length}；处罚 ${n.penalties} → ${cur.penalties.length}`
        : `awards ${n.awards} → ${cur.awards.length}; stars ${n.stars} → ${cur.stars.length}; penalties ${n.penalties} → ${cur.penalties.length}`;
      rows.push([LABELS[lang].counts, null, null, counts, null, null, null, null, null, when]);
    }
  } else {
    const lines = compareSnapshots(previous, cur);
    if (lines.length === 0) note(LABELS[lang].none);
    for (const l of lines) {
      const times = l.countBefore > 1 || l.countAfter > 1 ? ` (×${l.countBefore} → ×${l.countAfter})` : '';
      const item = itemText(l, options);
      rows.push([
        LABELS[lang][l.kind], l.staffId, options.names?.get(staffKey(l.staffId)) ?? '', item + times,
        yuan(l.before), yuan(l.after), yuan((l.after ?? 0) - (l.before ?? 0)),
        l.starsBefore, l.starsAfter, when,
      ]);
    }
    rows.push(...whyRows(previous, lines, options));
    rows.push(...appealRows(previous, cur, lines, options));
  }
  return { name: changesTabName(options.periodId, lang), kind: 'changes', rows, formats: FORMATS };
}
