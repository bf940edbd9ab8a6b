/**
 * Shared types of the engine: cells as hosts return them, raw and output tabs,
 * diagnostics, the normalised dataset every computation reads, and the result
 * object whose JSON form is the CLI's `--json` contract (SPEC §7).
 */

export type Lang = 'zh' | 'en';

/**
 * A cell as any host returns it. A `Date` is read by its UTC calendar fields:
 * adapters build dates with `Date.UTC(y, m, d)` (or pass `YYYY-MM-DD` text),
 * so a calendar day is never shifted by a time zone.
 */
export type Cell = string | number | boolean | Date | null | undefined;

/** One tab as read from a host: its name as written and its rows (row 0 = header). */
export interface RawTab {
  name: string;
  rows: Cell[][];
}

export type ColumnFormat = 'text' | 'money' | 'percent' | 'number' | 'integer' | 'date' | 'stars';

/** One output tab, replaced whole on every run. */
export interface OutputTab {
  /** Name with the period, e.g. `Ranking 2026-Q3` / `排名 2026-Q3`. */
  name: string;
  /** What kind of output this is (stable, language-free). */
  kind: 'ranking' | 'bonus' | 'departments' | 'points' | 'datacheck' | 'runs' | 'changes' | 'scheme' | 'template' | 'statements';
  /** Header row first. Strings beginning with = + - @ must be written as text by adapters. */
  rows: Cell[][];
  /** One format per column (same length as the header), for adapters that format. */
  formats: ColumnFormat[];
  /**
   * Names of tabs this one replaces besides its own: the same period's tab in the
   * other language (`Ranking 2026-Q3` for `排名 2026-Q3`). Adapters remove them
   * (or put this tab in their place) so a --lang switch never leaves both.
   */
  replaces?: string[];
  /** Optional note per header cell (what goes in the column); adapters that can write them as cell comments. */
  notes?: (string | null)[];
  /**
   * Cells that link to a cell of another tab (the cell's value is the link's text):
   * each adapter writes a native cell link (exceljs hyperlink, Sheets rich-text
   * link, Excel range hyperlink), never a formula built from user text.
   */
  links?: CellLinks;
  /** Row indices (into `rows`) that start a printed page, where the host has page breaks. */
  pageBreaks?: number[];
  /** Native charts over the tab's own cells (core/explain/charts); the .xlsx writer draws data bars on their value columns. */
  charts?: ChartSpec[];
}

/**
 * A bar chart over rows [fromRow, toRow) of an output tab (indices into `rows`; the
 * header row names the series): categories from `categoryCol`, one series per
 * `valueCols` entry, placed with its top-left corner at (`anchorRow`, `anchorCol`).
 */
export interface ChartSpec {
  title: string;
  fromRow: number;
  toRow: number;
  categoryCol: number;
  valueCols: number[];
  anchorRow: number;
  anchorCol: number;
}

/**
 * A link from an output cell (`row`, `col`: indices into OutputTab.rows) to row
 * `at` (1-based, as the user sees it) of tab `tab`: the writers point it at that
 * row's first cell (`A12`). A number, not an address string: the Statements tab
 * at size L holds hundreds of thousands of links.
 */
export interface CellLink {
  row: number;
  col: number;
  tab: string;
  at: number;
}

/**
 * The cell links of an output tab, column-wise: link k goes from output cell
 * (row[k], col[k]) to row at[k] of tab tabs[tab[k]] (see CellLink). Numbers in
 * typed arrays, not an object per link (a statements tab at size L has hundreds
 * of thousands), and plain data, so it crosses to and from a worker as it is.
 * Made and read with core/output/cell-links.ts.
 */
export interface CellLinks {
  count: number;
  row: Int32Array;
  col: Int32Array;
  at: Int32Array;
  tab: Int32Array;
  tabs: string[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A located problem in the user's data (SPEC §6). Domain problems are data, never exceptions. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine code, e.g. `not_a_number`, `unknown_staff`, `missing_tab`. */
  code: string;
  /** Tab name as the user wrote it ('' when not tied to a tab). */
  tab: string;
  /** Row number as the user sees it (header = row 1); null when not tied to a row. */
  row: number | null;
  /** Column header as the user wrote it ('' when not tied to a column). */
  column: string;
  /** The offending value rendered as text ('' when none). */
  value: string;
  /** Human message in both languages. */
  message: { zh: string; en: string };
}

/** A calendar day, `YYYY-MM-DD`. Compares correctly as a string. */
export type Day = string;

export type Level = 'staff' | 'team_lead' | 'supervisor' | 'manager';
export type Rating = 'exceeded' | 'met' | 'below';
export type ReviewSource = 'self' | 'supervisor' | 'customer' | 'peer' | 'committee' | 'vote';

/** Where a normalised row came from, for diagnostics and explanations. */
export interface RowRef {
  /** Tab name as written. */
  tab: string;
  /** Row number as the user sees it (header = 1). */
  row: number;
}

export interface StaffRecord extends RowRef {
  /** Id as written in Staff (shown in outputs). */
  id: string;
  /** Lookup key: trimmed, full-width folded, lower case (see core/ids). */
  key: string;
  name: string;
  department: string;
  /** Staff.group, or the department when blank. */
  group: string;
  position: string;
  level: Level;
  hireDate: Day;
  /** regular_date, or hire_date + probation months. */
  regularDate: Day;
  leaveDate: Day | null;
  /** Lookup key of the direct superior, or null. */
  managerKey: string | null;
}

export interface FeedbackRecord extends RowRef {
  date: Day;
  staffKey: string;
  score: number | null;
  rating: Rating | null;
  likes: number | null;
  customer: string;
  channel: string;
  comment: string;
}

export interface IncidentRecord extends RowRef {
  date: Day;
  staffKey: string;
  /** Canonical type (complaint, violation, …) or the text as written when unknown. */
  type: string;
  points: number | null;
  /** Amount in fen, or null. */
  amount: number | null;
  note: string;
}

export interface AttendanceRecord extends RowRef {
  /** `YYYY-MM`. */
  month: string;
  staffKey: string;
  scheduledDays: number | null;
  absentDays: number;
  late: number;
  earlyLeave: number;
  sickLeaveDays: number;
  personalLeaveDays: number;
}

export interface ReviewRecord extends RowRef {
  /** Period id as written (normalised): YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY. */
  period: string;
  staffKey: string;
  source: ReviewSource | string;
  dimension: string;
  /** Normalised to 0–100 (score ÷ max × 100). */
  score: number;
  /** Who gave the score (a staff id or a name, as written), when the optional reviewer column says (committee quorums). */
  reviewer?: string;
}

export interface CaseRecord extends RowRef {
  date: Day;
  staffKey: string;
  title: string;
  /** Full text, '' when only a length was given. */
  text: string;
  /** Character count (CJK characters, white space left out). */
  length: number;
  quality: number | null;
  regionalExcellent: boolean;
}

export interface QuotaRecord extends RowRef {
  award: string;
  scope: string;
  count: number;
}

export interface RedemptionRecord extends RowRef {
  date: Day;
  staffKey: string;
  points: number;
}

export type AppealStatus = 'pending' | 'rejected' | 'accepted';

/** An Appeals row (SPEC §1, §10): who disputes which input row, and where the dispute stands. */
export interface AppealRecord extends RowRef {
  /** The appellant's lookup key and id as written. */
  staffKey: string;
  staffId: string;
  /** The disputed row's tab name as the user wrote it, and its row number as the user sees it. */
  targetTab: string;
  targetRow: number;
  /** Filing day (null when blank: never late). */
  filed: Day | null;
  status: AppealStatus;
  decided: Day | null;
  note: string;
}

/** An Investigations row (SPEC §1, §10): a person under investigation from `start` to `end` (null: still open). */
export interface InvestigationRecord extends RowRef {
  staffKey: string;
  start: Day;
  end: Day | null;
  note: string;
}

/** One nomination (SPEC §1 Nominations): who is nominated for which period, by whom. */
export interface NominationRecord extends RowRef {
  /** Period id (normalised): YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY. */
  period: string;
  staffKey: string;
  /** Who nominated (a staff id as written, or '' when the column is absent or blank). */
  nominatedBy: string;
  note: string;
}

/** Every input tab, validated and normalised. Bad rows are left out and reported. */
export interface Dataset {
  staff: StaffRecord[];
  feedback: FeedbackRecord[];
  incidents: IncidentRecord[];
  attendance: AttendanceRecord[];
  reviews: ReviewRecord[];
  cases: CaseRecord[];
  quotas: QuotaRecord[];
  redemptions: RedemptionRecord[];
  /** Appeals and Investigations (absent or empty: none; hand-built datasets may leave them out). */
  appeals?: AppealRecord[];
  investigations?: InvestigationRecord[];
  /** Optional tab (absent in datasets built before it existed). */
  nominations?: NominationRecord[];
  /** Canonical tab id → tab name as written, for the tabs that were present. */
  tabNames: Partial<Record<TabId, string>>;
  /** Canonical tab id → field id → column header as written, so later diagnostics name the user's column. */
  columnNames?: Partial<Record<TabId, Record<string, string>>>;
}

export type TabId =
  | 'staff' | 'feedback' | 'incidents' | 'attendance' | 'reviews' | 'cases'
  | 'quotas' | 'redemptions' | 'appeals' | 'investigations' | 'nominations' | 'scheme' | 'runs';

// ---- Result (SPEC §7 --json). Money here is in yuan with 2 decimals; fen inside the engine. ----

/** `pending: true` only on a line an undecided appeal could change (SPEC §10); absent otherwise. */
export interface AwardLine { award: string; staff_id: string; scope: string; rank: number; amount: number; tie: boolean; pending?: boolean }
/** What a pending appeal puts at stake: `amount` (yuan, positive) won or lost if it is accepted. */
export interface AppealStakeLine { award: string; staff_id: string; if_accepted: 'wins' | 'loses'; amount: number }
/** One Appeals row (SPEC §10): its row, the appellant, its status and the disputed row; stakes only for a pending appeal. */
export interface AppealLine {
  row: number; staff_id: string; status: AppealStatus; target: { tab: string; row: number }; stakes: AppealStakeLine[];
}
export interface StarLine { staff_id: string; score: number; stars: number; bonus: number }
export interface PenaltyLine { staff_id: string; action: string; window: string; amount: number }
export interface DepartmentLine { department: string; score: number; rank: number; actions: string[] }
export interface PointsLine { staff_id: string; earned: number; balance: number }
export interface FlagLine { staff_id: string; flag: string; window: string }
export interface IneligibleLine { staff_id: string; award: string; reasons: string[] }
/** A near miss (SPEC §9): `target` is the last winning value (rank) or the threshold; `gap` never negative. */
export interface NearMissLine {
  staff_id: string; award: string; scope: string; kind: 'rank' | 'gate' | 'requirement';
  measure: string; value: number; target: number; gap: number; rows: { tab: string; row: number }[];
}
export interface DiagnosticLine {
  severity: Severity; tab: string; row: number | null; column: string; code: string; value: string; message: string;
}

export interface ResultJson {
  period: string;
  scheme: string;
  awards: AwardLine[];
  stars: StarLine[];
  penalties: PenaltyLine[];
  departments: DepartmentLine[];
  points: PointsLine[];
  flags: FlagLine[];
  ineligible: IneligibleLine[];
  diagnostics: DiagnosticLine[];
  totals: { paid: number; by_award: Record<string, number> };
  /** Every Appeals row read, when the workbook has an Appeals tab (SPEC §10). */
  appeals?: AppealLine[];
  /** Input rows left out and the known people they belong to (SPEC §8); set by the orchestrator. */
  left_out?: { rows: number; staff_ids: string[] };
  /** SPEC §9 (core/explain); absent only in results recorded before it existed. */
  near_misses?: NearMissLine[];
}
