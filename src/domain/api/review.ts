// Shapes of the access review (issue 12): the privacy officer's queue, an alert with its evidence
// and decisions, the asked user's questions and answers, the 通報窓口, and the sensitive mark.
import { z } from 'zod';
import { ALERT_SOURCES, ALERT_STATUSES, SENSITIVE_KINDS } from '../access-review/review.ts';
import { ROLES } from '../organizations.ts';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((s) => (s ? s : undefined));

// — the queue —

export const AlertQuery = z.object({
  status: z.enum(ALERT_STATUSES).optional().meta({ description: 'One status; absent: those still waiting (open, asked, answered, escalated)' }),
  source: z.enum(ALERT_SOURCES).optional(),
  orgId: z.uuid().optional().meta({ description: 'Alerts about users of this organisation (subject organisation)' }),
  from: CalendarDate.optional().meta({ description: 'Alerts of this day or later' }),
  to: CalendarDate.optional().meta({ description: 'Alerts of this day or earlier' }),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const OrgRef = z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() });

export const AlertSubject = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLES)),
    contractorName: z.string().nullable().meta({ description: '委託先: set for contractor staff' }),
  })
  .nullable()
  .meta({ description: 'The user whose accesses the alert is about; null for a report that names nobody known' });

export const AlertRow = z.object({
  id: z.uuid(),
  source: z.enum(ALERT_SOURCES),
  status: z.enum(ALERT_STATUSES),
  day: CalendarDate.nullable(),
  score: z.number().int(),
  subject: AlertSubject,
  subjectOrg: OrgRef,
  reviewOrg: OrgRef,
  rules: z.array(z.string()).meta({ description: 'The ids of the rules hit' }),
  createdAt: z.iso.datetime(),
  version: z.number().int(),
});

export const AlertQueue = z.object({
  alerts: z.array(AlertRow),
  total: z.number().int(),
  counts: z.record(z.enum(ALERT_STATUSES), z.number().int()).meta({ description: 'Alerts per status in the caller’s tree, under the other filters' }),
});

// — one alert —

export const AlertHit = z.object({
  rule: z.string(),
  weight: z.number(),
  evidence: z.object({ seqs: z.array(z.number().int()), caseIds: z.array(z.string()), detail: z.record(z.string(), z.unknown()) }),
});

export const AlertAction = z.object({
  action: z.enum(['dismiss', 'ask', 'answer', 'escalate', 'confirm', 'note']),
  at: z.iso.datetime(),
  by: z.string().nullable().meta({ description: 'Display name of who acted' }),
  text: z.string().nullable(),
  toOrg: OrgRef.nullable(),
});

export const MisuseReportView = z.object({
  id: z.uuid(),
  what: z.string(),
  happened: z.string().nullable(),
  suspect: z.string().nullable(),
  suspectOrg: OrgRef.nullable(),
  reporter: z.object({
    signedIn: z.boolean(),
    displayName: z.string().nullable(),
    org: OrgRef.nullable(),
    name: z.string().nullable(),
    contact: z.string().nullable(),
  }).meta({ description: 'Who reported: shown to the officer only, never logged or e-mailed' }),
  createdAt: z.iso.datetime(),
});

export const PatientQuestionView = z.object({
  id: z.uuid(),
  question: z.string(),
  askedAt: z.iso.datetime(),
  answeredAt: z.iso.datetime().nullable(),
});

export const AlertDetail = AlertRow.extend({
  hits: z.array(AlertHit),
  actions: z.array(AlertAction),
  report: MisuseReportView.nullable(),
  patientQuestion: PatientQuestionView.nullable(),
  canEscalate: z.boolean(),
});

export const EvidenceRow = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  action: z.string(),
  purpose: z.string().nullable(),
  clientAddr: z.string().nullable(),
  outcome: z.string(),
  case: z
    .object({
      caseId: z.uuid(),
      caseNumber: z.string().nullable(),
      personId: z.uuid().nullable(),
      nameKanji: z.string().nullable(),
      nameKana: z.string().nullable(),
      birthDate: CalendarDate.nullable(),
      examined: z.boolean().meta({ description: 'Whether the explanation job has looked at this access yet' }),
      template: z.string().nullable().meta({ description: 'The explanation found; null: unexplained' }),
      purposeOnly: z.boolean(),
    })
    .nullable(),
});

export const AlertEvidence = z.object({ rows: z.array(EvidenceRow) });

// — decisions —

export const DismissBody = z.object({ version: Version, reason: text(2000) });
export const AskBody = z.object({ version: Version, question: text(2000) });
export const EscalateBody = z.object({ version: Version, note: optionalText(2000) });
export const ConfirmBody = z.object({ version: Version, note: optionalText(2000) });
export const AlertDecided = z.object({ id: z.uuid(), status: z.enum(ALERT_STATUSES), version: z.number().int(), visible: z.boolean().meta({ description: 'false after escalation: the parent’s officers hold it now' }) });

// — the asked user —

export const MyReviewQuestions = z.object({
  questions: z.array(
    z.object({ alertId: z.uuid(), askedAt: z.iso.datetime(), question: z.string(), answeredAt: z.iso.datetime().nullable(), answer: z.string().nullable() }),
  ),
});
export const ReviewAnswerBody = z.object({ answer: text(4000) });

// — 通報窓口 —

const ReportFields = {
  what: text(4000).meta({ description: 'What happened' }),
  happened: optionalText(200).meta({ description: 'When, in the reporter’s words' }),
  suspect: optionalText(200).meta({ description: 'Who, if known' }),
  suspectOrgId: z.uuid().optional().meta({ description: 'Which organisation, if known' }),
};
export const SignedInReportBody = z.object(ReportFields);
export const PublicReportBody = z.object({
  ...ReportFields,
  prefectureId: z.uuid().meta({ description: 'The prefecture whose officers receive the report' }),
  name: optionalText(100),
  contact: optionalText(254).meta({ description: 'An e-mail address or phone number, if the reporter wants an answer' }),
});
export const ReportFiled = z.object({ received: z.iso.datetime() });
export const ReportOrganizations = z.object({
  prefectures: z.array(OrgRef),
  organizations: z.array(OrgRef.extend({ prefectureId: z.uuid().nullable() })),
});

// — the sensitive mark —

export const SensitiveBody = z.object({ kind: z.enum(SENSITIVE_KINDS) });
export const SensitiveMark = z.object({
  marked: z.boolean(),
  kind: z.enum(SENSITIVE_KINDS).nullable(),
  markedAt: z.iso.datetime().nullable(),
  canMark: z.boolean().meta({ description: 'Whether the caller (the responsible centre’s staff) may change it' }),
});
