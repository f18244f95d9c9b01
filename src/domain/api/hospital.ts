// Shapes of the 医療タブ (admissions and the clinical course; Q&A 9, 15) and of the inpatient
// statistics the ministry and the prefectures read instead of a separate report.
import { z } from 'zod';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';
import { japanToday } from '../calendar.ts';
import { CASE_STATUSES } from '../case-status.ts';
import { SEVERITIES, STATED_SEVERITIES } from '../severity.ts';

const notFuture = CalendarDate.refine((d) => d <= japanToday(new Date()), { error: '未来の日付は入力できません / the date cannot be in the future' });
const shortText = z.string().trim().min(1).max(100);

export const ADMISSION_OUTCOMES = ['recovered', 'transferred', 'died', 'other'] as const;
/** Where a recovered (or otherwise discharged) patient goes: the hospital's moves out of 入院中 (case-status.ts). */
export const STATUSES_AFTER_DISCHARGE = ['home', 'accommodation', 'welfare_facility', 'released'] as const;
const Outcome = z.enum(ADMISSION_OUTCOMES);
const CaseStatus = z.enum(CASE_STATUSES);

/** A discharge is a day and how the stay ended, together. */
function dischargeTogether(b: { dischargedOn?: string; outcome?: string }, ctx: z.RefinementCtx) {
  if (b.dischargedOn !== undefined && b.outcome === undefined) {
    ctx.addIssue({ code: 'custom', path: ['outcome'], message: '退院時の転帰を選んでください / give the outcome with the discharge' });
  }
  if (b.outcome !== undefined && b.dischargedOn === undefined) {
    ctx.addIssue({ code: 'custom', path: ['dischargedOn'], message: '退院日を入力してください / give the discharge date with the outcome' });
  }
}

export const AdmissionBody = z
  .object({
    hospitalId: z
      .uuid()
      .optional()
      .meta({ description: 'A hospital admits to itself (the default; no other); a health centre names the medical institution' }),
    admittedOn: notFuture.meta({ description: '入院日, today or earlier (Japan calendar)' }),
    ward: shortText.optional(),
    attendingDoctor: shortText.optional().meta({ description: '主治医' }),
    note: z.string().trim().min(1).max(2000).optional(),
    dischargedOn: notFuture.optional().meta({
      description: '退院日, with the outcome, for a stay keyed in after it ended: it leaves the case’s current status as it is',
    }),
    outcome: Outcome.optional(),
  })
  .superRefine(dischargeTogether);

export const AdmissionUpdateBody = z
  .object({
    version: Version,
    ward: shortText.nullable().optional(),
    attendingDoctor: shortText.nullable().optional(),
    note: z.string().trim().min(1).max(2000).nullable().optional(),
    dischargedOn: notFuture.optional().meta({ description: '退院日, with the outcome; not before the admission' }),
    outcome: Outcome.optional().meta({ description: 'recovered, transferred (the receiving hospital records its own admission), died, other' }),
    statusAfter: z
      .enum(STATUSES_AFTER_DISCHARGE)
      .optional()
      .meta({
        description:
          'With outcome recovered or other, when the discharge ends the case’s stay in hospital (入院中, no other admission open): the case’s status from the discharge day',
      }),
  })
  .superRefine((b, ctx) => {
    dischargeTogether(b, ctx);
    // Died and transferred say the status themselves (died; still in hospital elsewhere).
    if (b.statusAfter !== undefined && b.outcome !== 'recovered' && b.outcome !== 'other') {
      ctx.addIssue({
        code: 'custom',
        path: ['statusAfter'],
        message: '退院後のステータスは転帰が軽快・その他のときだけ選べます / only with outcome recovered or other',
      });
    }
  });

export const ClinicalCourseBody = z.object({
  observedOn: notFuture,
  severity: z.enum(STATED_SEVERITIES).meta({ description: 'As the clinician judges it; 重症 follows from ICU, ventilator or ECMO (Q&A 15)' }),
  oxygen: z.boolean().default(false).meta({ description: '酸素投与: makes the severity at least 中等症Ⅱ' }),
  icu: z.boolean().default(false).meta({ description: 'ICU or equivalent: 重症' }),
  ventilator: z.boolean().default(false).meta({ description: '人工呼吸器: 重症' }),
  ecmo: z.boolean().default(false).meta({ description: 'ECMO: 重症' }),
  note: z.string().trim().min(1).max(2000).optional(),
  admissionId: z.uuid().optional().meta({ description: 'The stay the entry belongs to; default for a hospital: its open admission of the case' }),
});

export const CaseStatusNow = z
  .object({ status: CaseStatus.nullable(), effectiveOn: z.string().nullable(), version: z.number().int() })
  .meta({ description: 'The case’s current status after the request (and the case version for POST /api/cases/:id/status)' });

export const Admission = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  hospital: z.object({ id: z.uuid(), nameJa: z.string() }),
  admittedOn: z.string(),
  dischargedOn: z.string().nullable(),
  ward: z.string().nullable(),
  attendingDoctor: z.string().nullable(),
  outcome: Outcome.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});

export const AdmissionResult = z.object({ admission: Admission, caseStatus: CaseStatusNow });

export const ClinicalCourseEntry = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  admissionId: z.uuid().nullable(),
  observedOn: z.string(),
  severity: z.enum(SEVERITIES).meta({ description: 'As stored: derived from the stated severity and the interventions' }),
  oxygen: z.boolean(),
  icu: z.boolean(),
  ventilator: z.boolean(),
  ecmo: z.boolean(),
  note: z.string().nullable(),
  changedByName: z.string().meta({ description: 'As at the time of the entry' }),
  changedByOrgName: z.string(),
  changedAt: z.iso.datetime(),
});

export const HospitalCourse = z.object({
  caseId: z.uuid(),
  currentSeverity: z.enum(SEVERITIES).nullable().meta({ description: 'The newest clinical-course entry’s; null without one' }),
  admissions: z.array(Admission).meta({ description: 'Newest admission first' }),
  clinicalCourse: z.array(ClinicalCourseEntry).meta({ description: 'Newest day first' }),
});

const SeverityCounts = z.object({
  mild: z.number().int(),
  moderate1: z.number().int(),
  moderate2: z.number().int(),
  severe: z.number().int(),
  unknown: z.number().int().meta({ description: 'Inpatients without a clinical-course entry' }),
});

export const InpatientStatistics = z.object({
  asOf: z.iso.datetime(),
  total: z.number().int(),
  severe: z.number().int().meta({ description: '重症 inpatients (Q&A 15) in all the prefectures listed' }),
  prefectures: z
    .array(z.object({ prefectureId: z.uuid(), prefectureNameJa: z.string(), total: z.number().int(), bySeverity: SeverityCounts }))
    .meta({ description: 'The ministry: every prefecture; a prefecture: its own. Counts only, no personal data' }),
});
