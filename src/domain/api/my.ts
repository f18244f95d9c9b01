// Shapes of My HER-SYS (issue 11): the patient's sign-in, daily report, isolation dates and "who
// opened my record", and the staff's invitation, household and reminder controls.
import { z } from 'zod';
import { CASE_STATUSES } from '../case-status.ts';
import { ORG_KINDS, ROLES } from '../organizations.ts';
import { RED_FLAG_RULES, SYMPTOM_CODES } from '../red-flags.ts';
import { CalendarDate } from './dates.ts';

const localized = z.object({ ja: z.string(), en: z.string() });
const oneDecimal = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;

export const SELF_REPORT_ID_PATTERN = /^[0-9A-Z]{10}$/;
export const CLOCK_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const ClockTime = z.string().regex(CLOCK_TIME, { error: '時刻は HH:MM で入力してください / a time as HH:MM' });

export const PATIENT_CHANNELS = ['email', 'sms'] as const;
export const FEELINGS = ['better', 'same', 'worse'] as const;

// — signing in —

export const PatientSignInBody = z.object({
  selfReportId: z
    .string()
    .trim()
    .transform((s) => s.normalize('NFKC').toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().regex(SELF_REPORT_ID_PATTERN, { error: 'スマホ入力IDは英数字10文字です / the ID has 10 letters and digits' }))
    .meta({ description: 'スマホ入力ID from the invitation (10 letters and digits)' }),
  birthDate: CalendarDate.meta({ description: 'Date of birth, yyyy-mm-dd' }),
});

export const PatientCodeSent = z.object({
  channel: z.enum(PATIENT_CHANNELS),
  sentTo: z.string().meta({ description: 'Where the code went, masked: ***@example.jp, ***-****-5678' }),
  expiresAt: z.iso.datetime(),
});

export const PatientCodeBody = z.object({
  code: z.string().trim().regex(/^\d{6}$/, { error: '6桁の数字を入力してください / 6 digits' }).meta({ description: 'The one-time code sent by e-mail or SMS' }),
});

// — the patient's home —

export const Isolation = z.object({
  startsOn: CalendarDate,
  lastDay: CalendarDate.meta({ description: 'The last day of isolation, inclusive' }),
  basis: z.enum(['onset', 'specimen', 'diagnosis']),
  legal: z.boolean().meta({ description: 'Required by law (before 2023-05-08) or only recommended' }),
});

export const SelfReport = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  observedOn: CalendarDate,
  observedAt: z.iso.datetime(),
  temperature: z.number().nullable(),
  spo2: z.number().int().nullable(),
  pulse: z.number().int().nullable(),
  symptoms: z.array(z.enum(SYMPTOM_CODES)),
  feeling: z.enum(FEELINGS).nullable(),
  note: z.string().nullable(),
});

export const CentreContact = z.object({ nameJa: z.string(), nameEn: z.string(), phone: z.string().nullable() });

export const PatientCase = z.object({
  caseId: z.uuid(),
  /** The case signed in with, or a household dependant reported for. */
  relation: z.enum(['self', 'dependant']),
  displayName: z.string().meta({ description: 'The person’s name as registered, to tell household members apart' }),
  status: z.enum(CASE_STATUSES).nullable(),
  isolation: Isolation.nullable(),
  observeUntil: CalendarDate.meta({ description: 'Reports are asked for through this day' }),
  underObservation: z.boolean().meta({ description: 'Today is within the period and the case is not released or closed' }),
  today: SelfReport.nullable().meta({ description: 'Today’s report, if made (correctable today)' }),
  openAlerts: z.array(z.object({ rule: z.enum(RED_FLAG_RULES), message: localized })),
  reportDueTime: ClockTime,
  reminderTime: ClockTime.meta({ description: 'The patient’s own time, or the centre’s' }),
  remindersPaused: z.boolean(),
  centre: CentreContact,
});

export const PatientHome = z.object({
  today: CalendarDate,
  idleMinutes: z.number().int(),
  cases: z.array(PatientCase).meta({ description: 'The case signed in with first, then its household dependants' }),
});

export const SelfReportBody = z.object({
  caseId: z.uuid(),
  temperature: z
    .number()
    .min(34)
    .max(42)
    .refine(oneDecimal, { error: '体温は小数点以下1桁で入力してください / one decimal place' })
    .meta({ description: '°C, 34.0–42.0' }),
  spo2: z.number().int().min(50).max(100).optional().meta({ description: '%, from a pulse oximeter if the patient has one' }),
  pulse: z.number().int().min(20).max(250).optional(),
  symptoms: z
    .array(z.enum(SYMPTOM_CODES))
    .max(SYMPTOM_CODES.length)
    .refine((s) => new Set(s).size === s.length, { error: '同じ症状が重複しています / a symptom is listed twice' })
    .default([]),
  feeling: z.enum(FEELINGS),
  note: z.string().trim().min(1).max(1000).optional(),
});

export const SelfReportResult = z.object({
  report: SelfReport,
  alerts: z.array(z.object({ rule: z.enum(RED_FLAG_RULES), message: localized })).meta({ description: 'Red flags this report raised' }),
  callCentre: z.boolean().meta({ description: 'The values need the centre: the page tells the patient to call it (119 in an emergency)' }),
  centre: CentreContact,
});

export const SelfReports = z.object({ reports: z.array(SelfReport).meta({ description: 'The last 30 days, newest first' }) });

export const ReminderTimeBody = z.object({ caseId: z.uuid(), reminderTime: ClockTime.nullable().meta({ description: 'null: the centre’s time' }) });

// — who opened my record —

export const PatientAccess = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  action: z.string(),
  caseIds: z.array(z.uuid()),
  organization: z.object({ id: z.uuid(), kind: z.enum(ORG_KINDS), nameJa: z.string(), nameEn: z.string() }),
  roles: z.array(z.enum(ROLES)).meta({ description: 'The roles of the ID that opened the record; never its name' }),
  what: localized.meta({ description: 'What was done, in words' }),
  why: localized.meta({ description: 'The purpose given, or the work that explains the access' }),
  purpose: z.string().nullable(),
  asked: z.boolean().meta({ description: 'The patient already asked about this access' }),
});

export const PatientAccesses = z.object({
  accesses: z.array(PatientAccess).meta({ description: 'Newest first' }),
  nextBefore: z.number().int().nullable().meta({ description: 'Pass as ?before= for older accesses' }),
});

export const AccessQuestionBody = z.object({ question: z.string().trim().min(1).max(1000) });
export const AccessQuestionAsked = z.object({ id: z.uuid(), askedAt: z.iso.datetime() });

// — staff: invitation, household, reminders, questions —

export const InvitationBody = z.object({
  channel: z.enum(PATIENT_CHANNELS).meta({ description: 'Send the invitation and the sign-in codes by e-mail or SMS (to the person’s address or phone)' }),
  observeUntil: CalendarDate.optional().meta({ description: 'The last day to report; default: the last day of isolation' }),
});

export const CasePatientAccess = z.object({
  invited: z.boolean(),
  channel: z.enum(PATIENT_CHANNELS).nullable(),
  invitedAt: z.iso.datetime().nullable(),
  observeUntil: CalendarDate.nullable(),
  isolation: Isolation.nullable(),
  remindersPaused: z.boolean(),
  reminderTime: ClockTime.nullable(),
  lastRemindedOn: CalendarDate.nullable(),
  locked: z.boolean(),
  canEmail: z.boolean().meta({ description: 'The person has an e-mail address' }),
  canSms: z.boolean().meta({ description: 'The person has a mobile phone number' }),
  head: z.object({ caseId: z.uuid(), caseNumber: z.string() }).nullable().meta({ description: 'The household member who reports for this case' }),
  dependants: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string() })),
});

export const RemindersBody = z.object({ paused: z.boolean() });
export const HouseholdBody = z.object({ headCaseId: z.uuid().nullable().meta({ description: 'The case whose patient reports for this one; null to unlink' }) });

export const AccessQuestion = z.object({
  id: z.uuid(),
  askedAt: z.iso.datetime(),
  question: z.string(),
  access: z.object({ seq: z.number().int(), at: z.iso.datetime(), action: z.string(), userId: z.uuid().nullable(), purpose: z.string().nullable() }),
  answeredAt: z.iso.datetime().nullable(),
  answer: z.string().nullable(),
});
export const AccessQuestions = z.object({ questions: z.array(AccessQuestion).meta({ description: 'Unanswered first, newest first' }) });
export const AccessAnswerBody = z.object({ answer: z.string().trim().min(1).max(2000) });
