// Shapes of 健康観察 entries, red-flag alerts and the health centre's work list (issue 4).
import { z } from 'zod';
import { CalendarDate } from './dates.ts';
import { japanToday } from '../calendar.ts';
import { CASE_STATUSES } from '../case-status.ts';
import { RED_FLAG_RULES, SYMPTOM_CODES } from '../red-flags.ts';

const localized = z.object({ ja: z.string(), en: z.string() });
const isoDate = CalendarDate;

/** How staff took the reading; 'app' is the patient's own report (a later issue), never staff's. */
export const STAFF_METHODS = ['phone', 'visit', 'facility_round', 'ward'] as const;
export const OBSERVATION_METHODS = [...STAFF_METHODS, 'app'] as const;

/** One decimal place, as the thermometer shows it (and numeric(3,1) stores it). */
const oneDecimal = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;

export const RecordObservationBody = z
  .object({
    observedOn: isoDate
      .refine((d) => d <= japanToday(new Date()), { error: '未来の日付は入力できません / the date cannot be in the future' })
      .meta({ description: 'The day the reading is for (Japan calendar), today or earlier' }),
    method: z.enum(STAFF_METHODS),
    temperature: z
      .number()
      .min(34)
      .max(42)
      .refine(oneDecimal, { error: '体温は小数点以下1桁で入力してください / one decimal place' })
      .optional()
      .meta({ description: '°C, 34.0–42.0' }),
    spo2: z.number().int().min(50).max(100).optional().meta({ description: '%' }),
    pulse: z.number().int().min(20).max(250).optional().meta({ description: 'beats per minute' }),
    symptoms: z
      .array(z.enum(SYMPTOM_CODES))
      .max(SYMPTOM_CODES.length)
      .refine((s) => new Set(s).size === s.length, { error: '同じ症状が重複しています / a symptom is listed twice' })
      .default([])
      .meta({ description: 'Codes of the symptom checklist (GET /api/observations/symptoms)' }),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((b, ctx) => {
    // An entry says something: a reading, a symptom or a note.
    if (b.temperature === undefined && b.spo2 === undefined && b.pulse === undefined && !b.symptoms.length && !b.note) {
      ctx.addIssue({ code: 'custom', path: [], message: '体温・SpO2・脈拍・症状・メモのいずれかを入力してください / enter a reading, a symptom or a note' });
    }
  });

export const Observation = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  observedOn: isoDate,
  observedAt: z.iso.datetime(),
  source: z.enum(['staff', 'self']),
  method: z.enum(OBSERVATION_METHODS),
  temperature: z.number().nullable(),
  spo2: z.number().int().nullable(),
  pulse: z.number().int().nullable(),
  symptoms: z.array(z.string()),
  note: z.string().nullable(),
  feeling: z.enum(['better', 'same', 'worse']).nullable().meta({ description: 'The patient’s 「今日の体調は？」 (self-reports)' }),
  recordedBy: z.uuid().nullable().meta({ description: 'Null for the patient’s own report' }),
  recordedByName: z.string().nullable().meta({ description: 'As at the time of the entry' }),
  recordedByOrgName: z.string().nullable(),
});

export const Alert = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  observationId: z.uuid().nullable(),
  rule: z.enum(RED_FLAG_RULES),
  observedOn: isoDate,
  message: localized,
  raisedAt: z.iso.datetime(),
  acknowledgedAt: z.iso.datetime().nullable(),
  acknowledgedBy: z.uuid().nullable(),
  acknowledgedByName: z.string().nullable(),
  acknowledgementNote: z.string().nullable(),
});

export const RecordedObservation = z.object({
  observation: Observation,
  alerts: z.array(Alert).meta({ description: 'The red flags this entry raised (none already open for the rule and day)' }),
});
export const Observations = z.object({ observations: z.array(Observation).meta({ description: 'Newest first' }) });
export const Alerts = z.object({ alerts: z.array(Alert).meta({ description: 'Newest first, acknowledged ones included' }) });

export const AcknowledgeAlertBody = z.object({ note: z.string().trim().min(1).max(2000).optional() });

export const SymptomChecklist = z.object({ symptoms: z.array(z.object({ code: z.enum(SYMPTOM_CODES), label: localized })) });

// — the work list —

const CaseRow = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  maskedName: z.string(),
  sex: z.enum(['male', 'female']),
  ageBand: localized,
  currentStatus: z.enum(CASE_STATUSES).nullable(),
  statusChangedAt: z.iso.datetime().nullable(),
  lastObservedAt: z.iso.datetime().nullable(),
});

const list = <T extends z.ZodType>(row: T, description: string) =>
  z.object({ total: z.number().int().meta({ description: 'All rows, also beyond the limit' }), rows: z.array(row) }).meta({ description });

export const WorkList = z.object({
  today: isoDate,
  staleAfterDays: z.number().int(),
  alerts: list(
    CaseRow.extend({ alertId: z.uuid(), rule: z.enum(RED_FLAG_RULES), observedOn: isoDate, message: localized, raisedAt: z.iso.datetime() }),
    'Unacknowledged red-flag alerts, newest day first',
  ),
  statusMissing: list(
    CaseRow.extend({ submittedAt: z.iso.datetime() }),
    'Cases with a submitted notification and no current status (Q&A 14-3), newest submission first',
  ),
  reportDueTime: z.string().meta({ description: 'The centre’s time (Japan, HH:MM) by which patients report themselves (My HER-SYS)' }),
  notReported: list(
    CaseRow.extend({ phone: z.string().nullable().meta({ description: 'To call the patient: for the responsible centre only' }), lastRemindedOn: isoDate.nullable() }),
    'Patients invited to My HER-SYS and under observation who have not reported today by the due time (empty before it)',
  ),
  needsLook: list(
    CaseRow.extend({ reportedAt: z.iso.datetime(), feeling: z.enum(['better', 'same', 'worse']).nullable(), symptoms: z.array(z.enum(SYMPTOM_CODES)) }),
    'Today’s self-reports that say the patient feels worse or has symptoms, until staff record an observation after them',
  ),
  deadlines: list(
    CaseRow.extend({
      notificationId: z.uuid(),
      disease: z.string(),
      diseaseName: localized,
      dueOn: isoDate,
      state: z.enum(['due_soon', 'overdue', 'submitted_late']),
    }),
    'Notifications of the centre’s cases against their deadline: drafts due within a day or overdue, late submissions not yet confirmed; earliest due first',
  ),
  stale: list(
    CaseRow.extend({ lastActivityAt: z.iso.datetime().nullable() }),
    'Cases with a status that is not final and neither a status change nor an observation for the given days, longest untouched first',
  ),
});
