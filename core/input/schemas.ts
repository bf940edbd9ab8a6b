/**
 * zod schemas of the data contract: each input tab's normalised row (the records of
 * core/types.ts, with their invariants: days, ranges, integer fen), the whole
 * Dataset and the alias tables (the reader checks its two options itself, core/input/tabs.ts).
 *
 * The reader does not run zod per row (a million rows must validate in about a
 * second; zod per row costs several times the whole read): its typed getters enforce
 * the same rules, and tests check every record it produces against these schemas.
 * Tools and property tests use `validateDataset` to check a Dataset from anywhere.
 */
import * as z from 'zod';
import type {
  AttendanceRecord, CaseRecord, Dataset, FeedbackRecord, IncidentRecord, QuotaRecord,
  NominationRecord, RedemptionRecord, ReviewRecord, StaffRecord,
} from '../types';

export const DaySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
export const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const PeriodIdSchema = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$/);

const rowRef = {
  tab: z.string().min(1),
  /** Data rows start below the header (row 1). */
  row: z.number().int().min(2),
};
const staffKey = z.string().min(1);
const count = z.number().int().min(0);
const days = z.number().min(0).max(31);

export const StaffRecordSchema = z.object({
  ...rowRef,
  id: z.string().min(1),
  key: staffKey,
  name: z.string().min(1),
  department: z.string().min(1),
  group: z.string().min(1),
  position: z.string(),
  level: z.enum(['staff', 'team_lead', 'supervisor', 'manager']),
  hireDate: DaySchema,
  regularDate: DaySchema,
  leaveDate: DaySchema.nullable(),
  managerKey: staffKey.nullable(),
});

export const FeedbackRecordSchema = z.object({
  ...rowRef,
  date: DaySchema,
  staffKey,
  score: z.number().nullable(),
  rating: z.enum(['exceeded', 'met', 'below']).nullable(),
  likes: count.nullable(),
  customer: z.string(),
  channel: z.string(),
  comment: z.string(),
}).refine((r) => r.score !== null || r.rating !== null || r.likes !== null, { message: 'score, rating or likes' });

export const IncidentRecordSchema = z.object({
  ...rowRef,
  date: DaySchema,
  staffKey,
  type: z.string().min(1),
  points: z.number().nullable(),
  amount: z.number().int().nullable(),
  note: z.string(),
});

export const AttendanceRecordSchema = z.object({
  ...rowRef,
  month: MonthSchema,
  staffKey,
  scheduledDays: days.nullable(),
  absentDays: days,
  late: count,
  earlyLeave: count,
  sickLeaveDays: days,
  personalLeaveDays: days,
});

export const ReviewRecordSchema = z.object({
  ...rowRef,
  period: PeriodIdSchema,
  staffKey,
  source: z.string().min(1),
  dimension: z.string(),
  score: z.number().min(0).max(100),
  reviewer: z.string().min(1).optional(),
});

export const CaseRecordSchema = z.object({
  ...rowRef,
  date: DaySchema,
  staffKey,
  title: z.string(),
  text: z.string(),
  length: count,
  quality: z.number().min(0).max(3).nullable(),
  regionalExcellent: z.boolean(),
});

export const QuotaRecordSchema = z.object({
  ...rowRef,
  award: z.string().min(1),
  scope: z.string().min(1),
  count,
});

export const RedemptionRecordSchema = z.object({
  ...rowRef,
  date: DaySchema,
  staffKey,
  points: z.number().min(0),
});

export const AppealRecordSchema = z.object({
  ...rowRef,
  staffKey,
  staffId: z.string().min(1),
  targetTab: z.string().min(1),
  targetRow: z.number().int().min(2),
  filed: DaySchema.nullable(),
  status: z.enum(['pending', 'rejected', 'accepted']),
  decided: DaySchema.nullable(),
  note: z.string(),
});

export const InvestigationRecordSchema = z.object({
  ...rowRef,
  staffKey,
  start: DaySchema,
  end: DaySchema.nullable(),
  note: z.string(),
}).refine((r) => r.end === null || r.end >= r.start, { message: 'end before start' });

export const NominationRecordSchema = z.object({
  ...rowRef,
  period: PeriodIdSchema,
  staffKey,
  nominatedBy: z.string(),
  note: z.string(),
});

const TAB_IDS = ['staff', 'feedback', 'incidents', 'attendance', 'reviews', 'cases', 'quotas', 'redemptions', 'appeals', 'investigations', 'nominations', 'scheme', 'runs'] as const;

export const DatasetSchema = z.object({
  staff: z.array(StaffRecordSchema),
  feedback: z.array(FeedbackRecordSchema),
  incidents: z.array(IncidentRecordSchema),
  attendance: z.array(AttendanceRecordSchema),
  reviews: z.array(ReviewRecordSchema),
  cases: z.array(CaseRecordSchema),
  quotas: z.array(QuotaRecordSchema),
  redemptions: z.array(RedemptionRecordSchema),
  appeals: z.array(AppealRecordSchema).optional(),
  investigations: z.array(InvestigationRecordSchema).optional(),
  nominations: z.array(NominationRecordSchema).optional(),
  tabNames: z.partialRecord(z.enum(TAB_IDS), z.string()),
  columnNames: z.partialRecord(z.enum(TAB_IDS), z.record(z.string(), z.string())).optional(),
});

/** The row schema of each input tab that the reader turns into records. */
export const ROW_SCHEMAS = {
  staff: StaffRecordSchema,
  feedback: FeedbackRecordSchema,
  incidents: IncidentRecordSchema,
  attendance: AttendanceRecordSchema,
  reviews: ReviewRecordSchema,
  cases: CaseRecordSchema,
  quotas: QuotaRecordSchema,
  redemptions: RedemptionRecordSchema,
  appeals: AppealRecordSchema,
  investigations: InvestigationRecordSchema,
  nominations: NominationRecordSchema,
} as const;

/** Problems of a Dataset built anywhere ('' when valid): `feedback.3.score: …` lines. */
export function validateDataset(dataset: Dataset): string[] {
  const r = DatasetSchema.safeParse(dataset);
  if (r.success) return [];
  return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

// ---- Alias tables and options ----

export const ColumnSpecSchema = z.object({
  id: z.string().regex(/^[a-z][a-z_]*$/),
  en: z.string().min(1),
  zh: z.string().regex(/[\u4e00-\u9fff]/),
  aliases: z.array(z.string().min(1)).readonly(),
  required: z.boolean(),
  type: z.enum(['staff_id', 'staff_ref', 'text', 'date', 'month', 'period', 'number', 'integer', 'money',
    'boolean', 'level', 'rating', 'source', 'dimension', 'incident_type', 'appeal_status']),
});

export const TabSpecSchema = z.object({
  id: z.enum(TAB_IDS),
  en: z.string().min(1),
  zh: z.string().regex(/[\u4e00-\u9fff]/),
  aliases: z.array(z.string().min(1)).readonly(),
  required: z.boolean(),
  columns: z.array(ColumnSpecSchema).readonly(),
  atLeastOne: z.array(z.array(z.string()).readonly()).readonly(),
});

// Compile-time check that the schemas describe exactly the records of core/types.ts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof StaffRecordSchema>, StaffRecord>,
  Same<z.infer<typeof FeedbackRecordSchema>, FeedbackRecord>,
  Same<z.infer<typeof IncidentRecordSchema>, IncidentRecord>,
  Same<z.infer<typeof AttendanceRecordSchema>, AttendanceRecord>,
  Same<z.infer<typeof ReviewRecordSchema>, ReviewRecord>,
  Same<z.infer<typeof CaseRecordSchema>, CaseRecord>,
  Same<z.infer<typeof QuotaRecordSchema>, QuotaRecord>,
  Same<z.infer<typeof RedemptionRecordSchema>, RedemptionRecord>,
  Same<z.infer<typeof NominationRecordSchema>, NominationRecord>,
] = [true, true, true, true, true, true, true, true, true];
void sameShapes;
