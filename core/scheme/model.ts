/**
 * The scheme model (SPEC §3): ONE zod schema, JSON-compatible, that every preset
 * and every user scheme goes through. The engine reads only this model; it has no
 * code path for any particular preset. Exported types are STABLE (other helpers
 * build the Scheme tab editor and department criteria on them): add optional
 * fields, never rename or remove.
 *
 * Overview (money is written in yuan with at most 2 decimals; the engine turns it
 * into integer fen):
 *
 * - `measures`: named figures per person (or per department) per *window*.
 *     - `rows`: aggregate rows of an input tab (count / sum / mean / min / max /
 *       distinct of `field`), with `where` filters, an optional value `map`
 *       (rating exceeded → 2), `scale`, `offset` (−1 = the previous window of the
 *       same kind, for "improvement"), `of` staff | department.
 *       A row belongs to a window when its date (Attendance: month; Reviews:
 *       period) lies inside it. count/sum/distinct of no rows = 0; mean/min/max = no data.
 *     - `combine`: sum / difference / min / max / mean / ratio of other measures.
 *     - `score`: the scheme's total score; `stars`: the star band of the score;
 *       `component`: one score component (0–100).
 *     - `over`: another measure evaluated in each sub-window (`each`) and combined.
 *     - `wins`: how many sub-windows (`each`) the person won an award in.
 *     - `scope_mean`: mean of a measure among the people of the person's
 *       department / group / company who have data.
 * - `score`: weighted components normalised to 0–100 (`normalize` maps [min,max]
 *   linearly to [0,100]), optional `parts` (a blend), `fallback` when a measure has
 *   no data; weights not summing to 100 are rescaled with a warning; components
 *   without data are left out and the rest rescaled (`missing: rescale`), with a
 *   warning; `deductions` subtract points per unit of a measure; `floor`/`cap`.
 *   Scores are rounded to 2 decimals and everything downstream uses the rounded figure.
 * - `gates`: named eligibility rules; the gate id is the reason code shown when it
 *   fails. Awards list the gate ids they apply. Implicit for every candidate:
 *   `left` (left before the window's last day) and `not_hired` (hired after it).
 * - `stars`: bands on a measure (default the score) → stars and a bonus.
 * - `awards`: cadence, scope, candidates, rankBy, tieBreak, quota, requirements,
 *   gates, prize (fixed or pool), extras, payments up the manager chain.
 * - `penalties`: a condition on a measure in each window of a kind → action,
 *   money and/or points; once per person per window.
 * - `points`: ledger rules (points per unit of a row measure, dated by the row),
 *   less Redemptions in date order.
 * - `flags`: a condition in each window of a kind, optionally over consecutive windows.
 * - `ranking`: what the Ranking tab ranks by and shows.
 * - `departments`: department-level criteria with maximum points, a ranking, and
 *   actions for the first and the last (core/engine/departments).
 * - Team awards: an award with `team` ranks teams, not people (core/engine/teams).
 */
import * as z from 'zod';

/**
 * The schemas, built on first use (schemeSchemas()): building them is a good part of
 * the command line's start-up, and a run needs them only once its tabs are being read.
 */
function defineSchemas() {
  /** A text in both languages. */
  const TextSchema = z.object({ zh: z.string(), en: z.string() });

  const PeriodKindSchema = z.enum(['month', 'quarter', 'half', 'year']);
  const LevelSchema = z.enum(['staff', 'team_lead', 'supervisor', 'manager']);
  const InputTabSchema = z.enum(['staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions', 'nominations']);

  /** Identifiers used as references and reason codes: lower snake case. */
  const IdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower case letters, digits and _ (e.g. late_count)');

  /** An amount in yuan, ≥ 0, at most 2 decimals. */
  const YuanSchema = z.number().min(0).refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'at most 2 decimals');

  /** A figure that may be negative (points). */
  const FiniteSchema = z.number().refine(Number.isFinite, 'must be a finite number');

  const CompareOpSchema = z.enum(['>=', '>', '<=', '<', '=', '!=']);

  const FilterSchema = z.object({
    /** Field of the normalised record: type, rating, source, dimension, score, channel, customer, likes, points, amount, quality, regional_excellent, length, … */
    field: z.string().min(1),
    op: z.enum(['=', '!=', 'in', 'not_in', '>=', '>', '<=', '<']),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
  });

  const MeasureBase = {
    id: IdSchema,
    label: TextSchema,
  };

  const RowsMeasureSchema = z.object({
    ...MeasureBase,
    kind: z.literal('rows'),
    tab: InputTabSchema.exclude(['staff', 'quotas']),
    agg: z.enum(['count', 'sum', 'mean', 'min', 'max', 'distinct']),
    /** The field aggregated (sum/mean/min/max/distinct) or mapped; not needed for a plain count. */
    field: z.string().optional(),
    /** Value map on `field`: each row's value is map[field value]; rows whose value is not in the map are left out. */
    map: z.record(z.string(), FiniteSchema).optional(),
    where: z.array(FilterSchema).default([]),
    /** Multiply the result (e.g. ×20 to bring a 1–5 score to 0–100). */
    scale: FiniteSchema.default(1),
    /** 0 = the window itself, −1 = the previous window of the same kind. */
    offset: z.number().int().max(0).default(0),
    /** Aggregate per person or per department (rows go to the writer's department). */
    of: z.enum(['staff', 'department']).default('staff'),
  });

  const CombineMeasureSchema = z.object({
    ...MeasureBase,
    kind: z.literal('combine'),
    /** sum/mean/min/max ignore missing values (all missing → no data); difference/ratio need both. */
    op: z.enum(['sum', 'difference', 'min', 'max', 'mean', 'ratio', 'first']),
    /** `first`: the first of `of` that has data (committee score, else supervisor score). */
    of: z.array(IdSchema).min(1),
  });

  const ScoreMeasureSchema = z.object({ ...MeasureBase, kind: z.literal('score') });
  const StarsMeasureSchema = z.object({ ...MeasureBase, kind: z.literal('stars') });
  const ComponentMeasureSchema = z.object({ ...MeasureBase, kind: z.literal('component'), component: IdSchema });

  const OverMeasureSchema = z.object({
    ...MeasureBase,
    kind: z.literal('over'),
    measure: IdSchema,
    each: PeriodKindSchema,
    /** count = number of sub-windows where the measure has data. */
    agg: z.enum(['sum', 'mean', 'min', 'max', 'count']),
  });

  const WinsMeasureSchema = z.object({
    ...MeasureBase,
    kind: z.literal('wins'),
    award: IdSchema,
    each: PeriodKindSchema,
  });

  const ScopeMeanMeasureSchema = z.object({
    ...MeasureBase,
    kind: z.literal('scope_mean'),
    measure: IdSchema,
    scope: z.enum(['company', 'department', 'group']),
  });

  /**
   * Staff turnover of the person's department or group in the window: people of the
   * unit whose leave_date falls in the window ÷ people of the unit on Staff at the
   * window's first day (hired on or before it, not left before it); no data when
   * nobody was. The same value for every member (a team tie-break, seed 002 标杆团队).
   */
  const TurnoverMeasureSchema = z.object({
    ...MeasureBase,
    kind: z.literal('turnover'),
    unit: z.enum(['department', 'group']),
  });

  const MeasureSchema = z.discriminatedUnion('kind', [
    RowsMeasureSchema, CombineMeasureSchema, ScoreMeasureSchema, StarsMeasureSchema, ComponentMeasureSchema,
    OverMeasureSchema, WinsMeasureSchema, ScopeMeanMeasureSchema, TurnoverMeasureSchema,
  ]);

  /** Linear map of [min, max] to [0, 100], clamped. Absent = the value is already 0–100 (clamped). */
  const NormalizeSchema = z.object({ min: FiniteSchema, max: FiniteSchema })
    .refine((n) => n.max !== n.min, 'max must differ from min');

  const FallbackSchema = z.object({ measure: IdSchema, normalize: NormalizeSchema.optional() });

  const LeafComponentSchema = z.object({
    id: IdSchema,
    label: TextSchema,
    weight: z.number().min(0),
    measure: IdSchema,
    normalize: NormalizeSchema.optional(),
    /** Used when `measure` has no data for the person (e.g. customer score from Feedback). */
    fallback: FallbackSchema.optional(),
  });

  const ComponentSchema = z.object({
    id: IdSchema,
    label: TextSchema,
    weight: z.number().min(0),
    measure: IdSchema.optional(),
    normalize: NormalizeSchema.optional(),
    fallback: FallbackSchema.optional(),
    /** A weighted blend of parts (each 0–100) instead of a single measure. */
    parts: z.array(LeafComponentSchema).optional(),
  }).refine((c) => (c.measure === undefined) !== (c.parts === undefined), 'a component has either a measure or parts');

  const DeductionSchema = z.object({
    measure: IdSchema,
    /** Points subtracted per unit of the measure. */
    points: z.number().min(0),
    label: TextSchema.optional(),
  });

  const ScoreSchema = z.object({
    components: z.array(ComponentSchema).min(1),
    deductions: z.array(DeductionSchema).default([]),
    floor: FiniteSchema.optional(),
    cap: FiniteSchema.optional(),
    /** rescale: a component without data is left out and the others rescaled (warning); zero: it counts as 0. */
    missing: z.enum(['rescale', 'zero']).default('rescale'),
  });

  /** A reference to another measure as the right-hand side of a condition. */
  const MeasureRefSchema = z.object({ measure: IdSchema });

  /**
   * The window a gate or condition looks at: the award's window itself (default), or
   * from 1 January of its year to its last day (`year_to_date`: "本年度发生…者不得参与").
   */
  const WindowSchema = z.enum(['period', 'year_to_date']);

  const ConditionSchema = z.object({
    measure: IdSchema,
    op: CompareOpSchema,
    value: z.union([FiniteSchema, MeasureRefSchema]),
    /** Where the measure is evaluated (default the window itself). */
    window: WindowSchema.optional(),
    /** Must hold in every sub-window of this kind inside the window. */
    each: PeriodKindSchema.optional(),
    /** Must hold in this window and the N−1 windows of the same kind before it. */
    consecutive: z.number().int().min(1).optional(),
    /** Reason code when it fails (requirements); default `<measure>`. */
    reason: IdSchema.optional(),
    label: TextSchema.optional(),
  });

  const GateBase = {
    /** Also the reason code shown when the gate fails, e.g. `not_regular`. */
    id: IdSchema,
    label: TextSchema,
    enabled: z.boolean().default(true),
  };

  /** A share of a committee, e.g. 2/3 ("三分之二以上多数委员参加方为有效"). */
  const ShareSchema = z.object({ num: z.number().int().min(1), den: z.number().int().min(1) })
    .refine((s) => s.num <= s.den, 'num must not exceed den');

  const GateSchema = z.discriminatedUnion('kind', [
    z.object({ ...GateBase, kind: z.literal('tenure'), minMonths: z.number().int().min(0) }),
    z.object({ ...GateBase, kind: z.literal('regular') }),
    z.object({ ...GateBase, kind: z.literal('active') }),
    z.object({ ...GateBase, kind: z.literal('level'), in: z.array(LevelSchema).optional(), notIn: z.array(LevelSchema).optional() }),
    z.object({ ...GateBase, kind: z.literal('no_incident'), types: z.array(z.string().min(1)).min(1), window: WindowSchema.optional() }),
    z.object({ ...GateBase, kind: z.literal('full_attendance'), window: WindowSchema.optional() }),
    /** Held out while under investigation (Investigations tab, SPEC §10): any investigation overlapping the award's window. */
    z.object({ ...GateBase, kind: z.literal('no_investigation') }),
    z.object({ ...GateBase, kind: z.literal('measure'), measure: IdSchema, op: CompareOpSchema, value: z.union([FiniteSchema, MeasureRefSchema]), window: WindowSchema.optional() }),
    /** Staff.position (as written, compared trimmed and case-insensitively) in / not in these texts; a blank position is not in any list. */
    z.object({ ...GateBase, kind: z.literal('position'), in: z.array(z.string().min(1)).optional(), notIn: z.array(z.string().min(1)).optional() }),
    /** Newcomers: hire_date inside the window (or the year to date). */
    z.object({ ...GateBase, kind: z.literal('hired_within'), window: WindowSchema.optional() }),
    /** Not a winner of another award in the same window ("获得优秀员工…将不可参与评选"). */
    z.object({ ...GateBase, kind: z.literal('not_winner'), award: IdSchema }),
    /**
     * A committee quorum: `measure` (e.g. distinct `reviewer` of committee Reviews) must
     * reach ⌈share × size⌉; the failing value is the count.
     */
    z.object({ ...GateBase, kind: z.literal('quorum'), measure: IdSchema, size: z.number().int().min(1), share: ShareSchema }),
  ]);

  const StarBandSchema = z.object({
    min: FiniteSchema,
    stars: z.number().int().min(1).max(5),
    bonus: YuanSchema.default(0),
  });

  const StarsSchema = z.object({
    /** The measure banded (default: the total score). */
    measure: IdSchema.optional(),
    /** Highest band first; a value below every band gets no stars. */
    bands: z.array(StarBandSchema).min(1),
  });

  const KeySchema = z.object({
    measure: IdSchema,
    order: z.enum(['desc', 'asc']).default('desc'),
  });

  const QuotaSchema = z.object({
    /** Winners per scope; absent with no percent = every qualifying candidate wins. */
    count: z.number().int().min(0).optional(),
    /** Percent of the qualifying candidates in the scope, rounded up. */
    percent: z.number().min(0).max(100).optional(),
    /** Quotas tab rows for this award override the count per department / group. */
    fromTab: z.boolean().default(true),
  });

  const PrizeSchema = z.discriminatedUnion('kind', [
    /** Each winner (co-winners included) gets the amount in full. */
    z.object({ kind: z.literal('fixed'), amount: YuanSchema }),
    /** Budget per scope; each place is budget ÷ quota; unspent places stay unspent. */
    z.object({ kind: z.literal('pool'), budget: YuanSchema }),
  ]);

  const ExtrasSchema = z.object({
    certificate: z.boolean().optional(),
    trophy: z.boolean().optional(),
    honourLeaveDays: z.number().min(0).optional(),
    title: TextSchema.optional(),
  });

  const PayUpSchema = z.object({
    /** Award id of these payments in the outputs (e.g. `<award>_manager`). */
    award: IdSchema,
    name: TextSchema,
    /** amounts[0] to the winner's manager, amounts[1] to that person's manager, … (yuan). */
    amounts: z.array(YuanSchema).min(1),
  });

  const AwardSchema = z.object({
    id: IdSchema,
    name: TextSchema,
    /** The award runs only when the period asked is of this kind. */
    cadence: PeriodKindSchema,
    /** group falls back to department when Staff.group is blank. */
    scope: z.enum(['company', 'department', 'group']),
    /** Candidates drawn from another award's winners in the sub-windows (e.g. annual from quarterly). */
    candidates: z.object({ winnersOf: z.array(IdSchema).min(1), each: PeriodKindSchema }).optional(),
    /**
     * Candidates are only the people nominated for the award's window (Nominations
     * rows whose period lies inside it; reason `not_nominated`). With `perNominator`,
     * each nominator's distinct nominees beyond that many (in row order) are reported
     * (warning `nomination_over_limit`) and left out.
     */
    nominations: z.object({ from: z.literal('nominations'), perNominator: z.number().int().min(1).optional() }).optional(),
    rankBy: KeySchema,
    tieBreak: z.array(KeySchema).default([]),
    quota: QuotaSchema,
    /** Conditions on measures (minimums, zero anger cards, …); each failing one is a reason. */
    requirements: z.array(ConditionSchema).default([]),
    /** Gate ids (from `gates`) applied to candidates. */
    gates: z.array(IdSchema).default([]),
    prize: PrizeSchema,
    extras: ExtrasSchema.default({}),
    payUp: PayUpSchema.optional(),
    /**
     * A team award (core/engine/teams): teams (`unit`) inside each `scope` are ranked by
     * the mean of their members' rank-by values (members without data left out; teams
     * with fewer than `minMembers` members with data are not ranked); each winning
     * team's prize is split equally among its eligible members (largest remainder).
     */
    team: z.object({ unit: z.enum(['department', 'group']), minMembers: z.number().int().min(1).default(1) }).optional(),
  });

  const PenaltySchema = z.object({
    id: IdSchema,
    label: TextSchema,
    /** Evaluated in each window of this kind inside the period (once per person per window). */
    window: PeriodKindSchema,
    when: ConditionSchema,
    /** fine, point_deduction, warning, training, standby_training, retraining, … */
    action: IdSchema,
    /** Money per trigger (yuan). */
    amount: YuanSchema.default(0),
    /** Points per trigger (negative = deduction). */
    points: FiniteSchema.default(0),
    /** Money and/or points per unit of a measure in the window. */
    perUnit: z.object({ measure: IdSchema, amount: YuanSchema.default(0), points: FiniteSchema.default(0) }).optional(),
    /** Where fines go (e.g. the staff fund). */
    fund: TextSchema.optional(),
  });

  const PointsRuleSchema = z.object({
    id: IdSchema,
    label: TextSchema,
    /** A `rows` measure with agg count or sum: each row earns points × its value on its date. */
    measure: IdSchema,
    points: FiniteSchema,
    /** Who earns them: the row's person, or the head of that person's department (see `departments.headLevels`). */
    to: z.enum(['self', 'department_head']).default('self'),
  });

  const PointsSchema = z.object({
    name: TextSchema,
    rules: z.array(PointsRuleSchema).default([]),
    /** Spend points with the Redemptions tab. */
    redemptions: z.boolean().default(true),
  });

  const FlagSchema = z.object({
    id: IdSchema,
    label: TextSchema,
    window: PeriodKindSchema,
    when: ConditionSchema,
  });

  const RankingSchema = z.object({
    /** What the Ranking tab ranks by (default: the score). */
    by: KeySchema.optional(),
    scope: z.enum(['company', 'department', 'group']).default('company'),
    /** Extra measures shown as columns (score components are always shown). */
    columns: z.array(IdSchema).default([]),
  });

  /**
   * Department-level criteria (issue 4, seed 000 感动顾客优秀服务案例): each criterion
   * turns a department figure into a fraction 0–1 and earns `max` × that fraction.
   * The figure is a department measure (`of: department`) or any measure averaged
   * over the department's members present at the window end (no data left out).
   * Fraction: figure ÷ quota when `quota` is set (the Quotas tab row of that award
   * for the department, else `default`, per `per` window), then `normalize` [min, max]
   * → [0, 1] when set; clamped to [0, 1] (so "capped"). No data → 0 points.
   */
  const DepartmentCriterionSchema = z.object({
    id: IdSchema,
    label: TextSchema,
    /** Maximum points of this criterion. */
    max: z.number().min(0),
    /** A department measure (`of: department`) or any measure averaged over the department. */
    measure: IdSchema,
    normalize: NormalizeSchema.optional(),
    /** Divide by the department's quota (Quotas rows whose award is `award` or an alias). A quota of 0 leaves the department unranked. */
    quota: z.object({
      award: z.string().min(1),
      aliases: z.array(z.string().min(1)).default([]),
      default: z.number().min(0),
      /** The quota is per window of this kind (scaled to the department window). */
      per: PeriodKindSchema.default('month'),
    }).optional(),
  });

  const DepartmentsSchema = z.object({
    criteria: z.array(DepartmentCriterionSchema).default([]),
    /** Departments are scored in each window of this kind inside the period asked. */
    window: PeriodKindSchema.default('month'),
    /** Actions for the departments ranked first (competition rank 1). */
    first: z.object({ actions: z.array(IdSchema) }).optional(),
    /** Actions for the departments ranked last (never also first), when the score is below `below`; `headPoints` to the head. */
    last: z.object({ below: z.number().optional(), actions: z.array(IdSchema), headPoints: FiniteSchema.default(0) }).optional(),
    /** The department head: the present member of the first of these levels found (then by staff id). */
    headLevels: z.array(LevelSchema).min(1).default(['manager', 'supervisor']),
    /** Containment at or above which a case is a copy (core/engine/copies). */
    copyThreshold: z.number().min(0.5).max(1).default(0.8),
  }).passthrough();

  const SchemeSchema = z.object({
    id: z.string().min(1),
    version: z.literal(1).default(1),
    name: TextSchema,
    description: TextSchema.optional(),
    /** The period kind offered by default. */
    cadence: PeriodKindSchema,
    currency: z.string().default('CNY'),
    /** Probation months when Staff.regular_date is blank. */
    probationMonths: z.number().int().min(0).max(24).default(3),
    /** Appeals filed more than this many days after the period's last day are reported and not applied (SPEC §10); absent: no deadline. */
    appealDays: z.number().int().min(0).max(3660).optional(),
    /** The scale of Feedback.score. */
    feedbackScale: z.object({ min: z.number(), max: z.number() }).default({ min: 1, max: 5 }),
    /** Tabs that must exist for the run to start. */
    requiredTabs: z.array(InputTabSchema).default(['staff']),
    measures: z.array(MeasureSchema).default([]),
    score: ScoreSchema.optional(),
    gates: z.array(GateSchema).default([]),
    stars: StarsSchema.optional(),
    awards: z.array(AwardSchema).default([]),
    penalties: z.array(PenaltySchema).default([]),
    points: PointsSchema.optional(),
    flags: z.array(FlagSchema).default([]),
    ranking: RankingSchema.default({ scope: 'company', columns: [] }),
    departments: DepartmentsSchema.optional(),
  });
  return {
    TextSchema,
    PeriodKindSchema,
    LevelSchema,
    InputTabSchema,
    IdSchema,
    YuanSchema,
    CompareOpSchema,
    FilterSchema,
    RowsMeasureSchema,
    CombineMeasureSchema,
    ScoreMeasureSchema,
    StarsMeasureSchema,
    ComponentMeasureSchema,
    OverMeasureSchema,
    WinsMeasureSchema,
    ScopeMeanMeasureSchema,
    TurnoverMeasureSchema,
    MeasureSchema,
    NormalizeSchema,
    FallbackSchema,
    LeafComponentSchema,
    ComponentSchema,
    DeductionSchema,
    ScoreSchema,
    MeasureRefSchema,
    WindowSchema,
    ConditionSchema,
    ShareSchema,
    GateSchema,
    StarBandSchema,
    StarsSchema,
    KeySchema,
    QuotaSchema,
    PrizeSchema,
    ExtrasSchema,
    PayUpSchema,
    AwardSchema,
    PenaltySchema,
    PointsRuleSchema,
    PointsSchema,
    FlagSchema,
    RankingSchema,
    DepartmentCriterionSchema,
    DepartmentsSchema,
    SchemeSchema,
  };
}

type Schemas = ReturnType<typeof defineSchemas>;
let defined: Schemas | undefined;

/** The scheme model's zod schemas (SchemeSchema for a whole scheme), built once. */
export function schemeSchemas(): Schemas {
  return (defined ??= defineSchemas());
}

export type Text = z.infer<Schemas['TextSchema']>;
export type InputTab = z.infer<Schemas['InputTabSchema']>;
export type CompareOp = z.infer<Schemas['CompareOpSchema']>;
export type Filter = z.infer<Schemas['FilterSchema']>;
export type Measure = z.infer<Schemas['MeasureSchema']>;
export type RowsMeasure = z.infer<Schemas['RowsMeasureSchema']>;
export type Component = z.infer<Schemas['ComponentSchema']>;
export type LeafComponent = z.infer<Schemas['LeafComponentSchema']>;
export type Score = z.infer<Schemas['ScoreSchema']>;
export type Condition = z.infer<Schemas['ConditionSchema']>;
export type Gate = z.infer<Schemas['GateSchema']>;
export type Stars = z.infer<Schemas['StarsSchema']>;
export type Key = z.infer<Schemas['KeySchema']>;
export type Award = z.infer<Schemas['AwardSchema']>;
export type Penalty = z.infer<Schemas['PenaltySchema']>;
export type Points = z.infer<Schemas['PointsSchema']>;
export type Flag = z.infer<Schemas['FlagSchema']>;
export type DepartmentCriterion = z.infer<Schemas['DepartmentCriterionSchema']>;

/** A validated scheme, defaults filled in: what the engine reads. */
export type Scheme = z.output<Schemas['SchemeSchema']>;
/** A scheme as written (presets, Scheme tab): defaults may be left out. */
export type SchemeInput = z.input<Schemas['SchemeSchema']>;
