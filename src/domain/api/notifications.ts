// Request and response shapes of /api/cases/:caseId/notifications and /api/notifications (発生届).
import { z } from 'zod';
import { CalendarDate } from './dates.ts';
import { DiseaseCode } from './diseases.ts';
import { Version } from './version.ts';
import { CLASSIFICATIONS, NOTIFICATION_SOURCES, NOTIFICATION_STATUSES } from '../notification.ts';
import { PathId } from './users.ts';

const localized = z.object({ ja: z.string(), en: z.string() });
const path = z.array(z.union([z.string(), z.number()]));
const date = CalendarDate.meta({ description: 'A calendar date in Japan, yyyy-mm-dd' });
const optionalDate = date.nullable().optional();

export const Classification = z.enum(CLASSIFICATIONS).meta({
  description: '診断分類: patient (患者・確定例), asymptomatic_carrier, suspected (inpatients only), deceased, suspected_deceased',
});

/** The items a doctor (or a clerk for them, Q&A 17) fills in; the person and tests live on the case. */
const draftFields = {
  classification: Classification,
  diagnosedOn: optionalDate.meta({ description: 'Chooses the form version in force (today while unknown)' }),
  initialConsultationOn: optionalDate,
  specimenCollectedOn: optionalDate,
  onsetOn: optionalDate,
  estimatedInfectionOn: optionalDate,
  deathOn: optionalDate,
  occupation: z.string().trim().max(100).nullable().optional(),
  admitted: z.boolean().nullable().optional(),
  symptomatic: z.boolean().nullable().optional(),
  clinicalDiagnosis: z.boolean().optional().meta({ description: 'Diagnosed without a positive test (みなし陽性), where the form allows it' }),
  doctorName: z.string().trim().min(1).max(100).nullable().optional(),
  answers: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "Answers to the form version's items, keyed by item id (validated against the definition)" }),
};

export const CreateNotificationBody = z.object({
  formId: DiseaseCode.optional().meta({ description: "The disease's form: the case's own disease (the default); another is refused" }),
  ...draftFields,
  source: z.enum(NOTIFICATION_SOURCES).default('direct').meta({ description: 'fax / paper: a health centre enters it on an institution’s behalf' }),
  institutionId: z.uuid().optional().meta({ description: 'Health centres entering on behalf: the reporting medical institution' }),
});

export const UpdateNotificationBody = z.object({
  version: Version,
  ...draftFields,
  classification: Classification.optional(),
});

export const SubmitNotificationBody = z.object({
  version: Version.optional().meta({ description: 'The version the doctor checked; a newer one answers 409' }),
  acknowledgedWarnings: z.array(z.string().max(64)).max(50).default([]).meta({ description: 'Rule ids of the warnings the doctor has checked' }),
});

export const ConfirmNotificationBody = z.object({ version: Version.optional() });

const reason = z.string().trim().min(1).max(500);

export const CorrectNotificationBody = z.object({
  version: Version.meta({ description: 'The version being corrected; a newer one answers 409' }),
  reason: reason.meta({ description: 'Why the submitted notification is corrected (kept in its history)' }),
  ...draftFields,
  classification: Classification.optional().meta({
    description: 'Reclassification (Q&A 3): give diagnosedOn too; the new classification gets its own submission date',
  }),
  acknowledgedWarnings: z.array(z.string().max(64)).max(50).default([]).meta({ description: 'Rule ids of new warnings the corrector has checked' }),
});

export const WithdrawNotificationBody = z.object({
  version: Version.optional(),
  reason: reason.meta({ description: 'Why it is withdrawn, e.g. the test of a suspected case was negative (Q&A 3)' }),
});

export const ItemChange = z.object({ path, old: z.unknown(), new: z.unknown() });

export const NotificationHistory = z.object({
  changes: z.array(
    z.object({
      id: z.uuid(),
      changedAt: z.iso.datetime(),
      changedBy: z.uuid(),
      changedByName: z.string().nullable(),
      changedByOrgName: z.string().nullable(),
      reason: z.string().nullable(),
      changes: z.array(ItemChange),
    }),
  ),
});

export const NotificationIdParams = z.object({ id: PathId });
export const CaseIdParams = z.object({ caseId: PathId });

export const Missing = z.object({
  path,
  level: z.enum(['legal_minimum', 'submit', 'law']).meta({
    description: 'legal_minimum (Q&A 5) and submit block submission; law is statutory but may follow later',
  }),
});

export const Finding = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  paths: z.array(path),
  message: localized,
  acknowledged: z.boolean(),
});

export const Submission = z.object({
  classification: Classification,
  submittedOn: date.meta({ description: 'Submission = acceptance date, fixed at the first 報告 of the classification (Q&A 8)' }),
  submittedAt: z.iso.datetime(),
  submittedBy: z.uuid(),
});

export const Notification = z
  .object({
    id: z.uuid(),
    caseId: z.uuid(),
    formId: z.string(),
    formVersion: z.string(),
    classification: Classification,
    status: z.enum(NOTIFICATION_STATUSES),
    institutionId: z.uuid(),
    institutionName: z.string().nullable().meta({ description: 'The reporter: as at 「報告」 once submitted, as now for a draft' }),
    institutionAddress: z.string().nullable(),
    institutionPhone: z.string().nullable(),
    doctorUserId: z.uuid().nullable(),
    doctorName: z.string().nullable(),
    source: z.enum(NOTIFICATION_SOURCES),
    diagnosedOn: date.nullable(),
    initialConsultationOn: date.nullable(),
    specimenCollectedOn: date.nullable(),
    onsetOn: date.nullable(),
    estimatedInfectionOn: date.nullable(),
    deathOn: date.nullable(),
    occupation: z.string().nullable(),
    admitted: z.boolean().nullable(),
    symptomatic: z.boolean().nullable(),
    clinicalDiagnosis: z.boolean(),
    answers: z.record(z.string(), z.unknown()),
    acknowledgedWarnings: z.array(z.string()),
    dueOn: date.nullable().meta({ description: "The last day it is on time: the disease's deadline from the diagnosis date (直ちに: the next day; 7 days)" }),
    submittedLate: z.boolean().meta({ description: 'The first 「報告」 came after dueOn: flagged to the centre' }),
    firstSubmittedAt: z.iso.datetime().nullable(),
    submittedBy: z.uuid().nullable(),
    confirmed: z.boolean().meta({ description: '保健所確認済 (Q&A 14-2)' }),
    confirmedAt: z.iso.datetime().nullable(),
    confirmedBy: z.uuid().nullable(),
    withdrawnAt: z.iso.datetime().nullable().meta({ description: 'Withdrawn by the health centre: kept, out of the counts' }),
    withdrawnBy: z.uuid().nullable(),
    withdrawnReason: z.string().nullable(),
    supersededAt: z.iso.datetime().nullable().meta({ description: 'A later notification was added (追加登録): read-only since (Q&A 7)' }),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
    submissions: z.array(Submission),
    missing: z.array(Missing),
    findings: z.array(Finding),
  })
  .meta({ id: 'Notification' });

export const ConfirmedNotification = z.object({
  notification: Notification,
  warnings: z.array(z.object({ code: z.string(), message: localized })),
});
