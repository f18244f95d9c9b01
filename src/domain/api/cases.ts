// Shapes of registration (persons, cases, likely duplicates) and test records (検査タブ).
import { z } from 'zod';
import { DiseaseCode } from './diseases.ts';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';
import { isKanaName } from '../kana.ts';
import { CASE_STATUSES } from '../case-status.ts';
import { CLASSIFICATIONS, NOTIFICATION_STATUSES } from '../notification.ts';
import { EXTERNAL_SYSTEMS, externalValueSchema } from './external-ids.ts';
import { MAX_TESTS_PER_ENTRY, Specimen, specimenAllowed, TestMethod, TestResult } from '../lab-tests.ts';

const isoDate = CalendarDate;
const phone = z.string().trim().regex(/^[0-9０-９+()（）\-‐ー－\s]{6,30}$/, { error: '電話番号は数字とハイフンで入力してください / digits, hyphens and brackets' });
const kanaName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine(isKanaName, { error: 'カタカナまたはひらがなで入力してください / kana only' });

export const PersonInput = z.object({
  nameKanji: z.string().trim().min(1).max(100),
  nameKana: kanaName,
  sex: z.enum(['male', 'female']),
  birthDate: isoDate,
  residenceAddress: z.string().trim().max(300).optional().meta({ description: '所在地 (居所): where the person stays' }),
  registeredAddress: z.string().trim().max(300).optional().meta({ description: '住所 (registered address)' }),
  phone: phone.optional(),
  email: z.email().max(254).optional(),
  guardian: z
    .object({ name: z.string().trim().min(1).max(100), phone: phone.optional(), address: z.string().trim().max(300).optional() })
    .optional()
    .meta({ description: 'For a minor' }),
});

/**
 * PATCH /api/persons/:id: a correction of the person's identity after registration (e.g. a 所在地
 * that was missing, Q&A 5). Each field as registration validates it; an optional one may be
 * cleared with null; the fields left out stay as they are.
 */
const personField = PersonInput.shape;
export const PersonUpdateBody = z.object({
  version: Version,
  nameKanji: personField.nameKanji.optional(),
  nameKana: personField.nameKana.optional(),
  sex: personField.sex.optional(),
  birthDate: personField.birthDate.optional(),
  residenceAddress: personField.residenceAddress.unwrap().nullable().optional().meta({ description: '所在地 (居所); null clears it' }),
  registeredAddress: personField.registeredAddress.unwrap().nullable().optional().meta({ description: '住所; null clears it' }),
  phone: personField.phone.unwrap().nullable().optional(),
  email: personField.email.unwrap().nullable().optional(),
  guardian: personField.guardian.unwrap().nullable().optional().meta({ description: 'For a minor: replaces the guardian as a whole; null removes it' }),
});

/** The person as the case page and the notification form show it. */
export const PersonDetail = z.object({
  id: z.uuid(),
  nameKanji: z.string(),
  nameKana: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  residenceAddress: z.string().nullable(),
  registeredAddress: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  guardian: z.object({ name: z.string().nullable(), phone: z.string().nullable(), address: z.string().nullable() }),
  version: z.number().int(),
});

export const LabTestInput = z
  .object({
    method: TestMethod,
    specimen: Specimen,
    specimenOther: z.string().trim().max(100).optional(),
    collectedOn: isoDate.optional(),
    result: TestResult,
    resultOn: isoDate.optional(),
    labName: z.string().trim().max(200).optional(),
  })
  .superRefine((t, ctx) => {
    // Specimens are restricted per method (antigen tests take swabs or saliva only).
    if (!specimenAllowed(t.method, t.specimen)) {
      ctx.addIssue({ code: 'custom', path: ['specimen'], message: 'この検査方法では使えない検体です / specimen not allowed for this method' });
    }
  });

const tests = z.array(LabTestInput).max(MAX_TESTS_PER_ENTRY).meta({ description: 'Up to 4 test records at once (Q&A 6)' });

export const DuplicateCheckBody = z.object({
  nameKana: kanaName,
  birthDate: isoDate,
  sex: z.enum(['male', 'female']),
  phone: phone.optional(),
});

export const DuplicateCandidate = z.object({
  personId: z.uuid(),
  maskedName: z.string(),
  sex: z.enum(['male', 'female']),
  ageBand: z.object({ ja: z.string(), en: z.string() }),
  matchedBy: z.array(z.enum(['same_kana', 'similar_kana', 'same_phone'])),
  similarity: z.number(),
  cases: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string(), createdAt: z.iso.datetime(), reportingOrgNameJa: z.string().nullable() })),
});
export const DuplicateCandidates = z.object({ candidates: z.array(DuplicateCandidate) });

export const RegistrationChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_person') }),
  z.object({ kind: z.literal('new_case'), personId: z.uuid() }).meta({ description: 'Same person, a new case: a new episode, or another institution (Q&A 7)' }),
  z.object({ kind: z.literal('existing_case'), caseId: z.uuid() }).meta({ description: 'The same course of care: add to the existing case (Q&A 7)' }),
]);

export const RegisterBody = z.object({
  person: PersonInput,
  disease: DiseaseCode.optional().meta({
    description:
      'The disease, chosen first: nothing is created unless a form for it is in force on the date the tests suggest (the latest positive result, else the latest specimen, else today). Without it the case is COVID-19, as before diseases were chosen, and no date is checked.',
  }),
  choice: RegistrationChoice,
  institutionId: z.uuid().optional().meta({ description: 'Health-centre staff entering a faxed or paper form: the reporting institution' }),
  tests: tests.default([]),
});

export const Registered = z.object({
  personId: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  selfReportId: z.string(),
  created: z.enum(['person_and_case', 'case', 'nothing']),
  testIds: z.array(z.uuid()),
});

export const LabTest = z.object({
  id: z.uuid(),
  entryId: z.uuid(),
  method: TestMethod,
  specimen: Specimen,
  specimenOther: z.string().nullable(),
  collectedOn: z.string().nullable(),
  result: TestResult,
  resultOn: z.string().nullable(),
  labName: z.string().nullable(),
  version: z.number().int(),
});

export const CaseDetail = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  disease: DiseaseCode,
  selfReportId: z.string(),
  responsibleHcId: z.uuid(),
  reportingOrgId: z.uuid().nullable(),
  createdAt: z.iso.datetime(),
  version: z.number().int(),
  person: PersonDetail,
  tests: z.array(LabTest),
  notifications: z
    .array(
      z.object({
        id: z.uuid(),
        classification: z.enum(CLASSIFICATIONS),
        status: z.enum(NOTIFICATION_STATUSES),
        formVersion: z.string(),
        institutionId: z.uuid(),
        doctorName: z.string().nullable(),
        diagnosedOn: z.string().nullable(),
        firstSubmittedAt: z.iso.datetime().nullable(),
        confirmed: z.boolean(),
        superseded: z.boolean().meta({ description: 'Read-only: a later notification was added (追加登録, Q&A 7)' }),
        createdAt: z.iso.datetime(),
      }),
    )
    .meta({ description: 'The notifications of the case, oldest first: the first and each 追加登録' }),
});

export const AddTestsBody = z.object({ tests: tests.min(1) });
export const AddedTests = z.object({ tests: z.array(LabTest) });

export const UpdateTestBody = z.object({
  version: Version,
  result: TestResult.optional(),
  resultOn: isoDate.nullable().optional(),
  collectedOn: isoDate.nullable().optional(),
  labName: z.string().trim().max(200).nullable().optional(),
});

const classification = z.enum(CLASSIFICATIONS);

export const CaseQuery = z.object({
  caseNumber: z.string().regex(/^\d{8}$/).optional(),
  kana: z.string().trim().min(1).max(100).refine(isKanaName, { error: 'カナで入力してください / kana only' }).optional(),
  kanaMatch: z.enum(['prefix', 'similar']).default('prefix').meta({ description: 'prefix of the kana name, or trigram similarity' }),
  birthDate: isoDate.optional(),
  institutionId: z.uuid().optional(),
  classification: classification.optional(),
  confirmed: z.enum(['true', 'false']).optional().meta({ description: 'Submitted notifications confirmed by the health centre (保健所確認済) or not' }),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  diagnosedFrom: isoDate.optional(),
  diagnosedTo: isoDate.optional(),
  after: z.string().max(200).optional().meta({ description: 'The nextCursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  externalSystem: z.enum(EXTERNAL_SYSTEMS).optional().meta({ description: 'With externalId: find the case by its NESID or local ID (Q&A 10)' }),
  externalId: z.string().max(64).optional().meta({ description: 'With externalSystem: the ID, as it was entered' }),
  disease: DiseaseCode.optional().meta({ description: "Only the cases of this disease (a form's code); every disease when absent" }),
}).transform((q, ctx) => {
  // The two go together; the ID is read as the system stores it (NESID: trimmed, upper case).
  if ((q.externalSystem === undefined) !== (q.externalId === undefined)) {
    const missing = q.externalSystem === undefined ? 'externalSystem' : 'externalId';
    ctx.addIssue({ code: 'custom', path: [missing], message: '外部 ID の種別と ID は両方指定してください / give both externalSystem and externalId' });
    return z.NEVER;
  }
  if (q.externalSystem === undefined || q.externalId === undefined) return q;
  const value = externalValueSchema(q.externalSystem).safeParse(q.externalId);
  if (!value.success) {
    for (const issue of value.error.issues) ctx.addIssue({ ...issue, path: ['externalId'] } as never);
    return z.NEVER;
  }
  return { ...q, externalId: value.data };
});

export const CaseListItem = z.object({
  caseId: z.uuid(),
  caseNumber: z.string(),
  maskedName: z.string(),
  sex: z.enum(['male', 'female']),
  ageBand: z.object({ ja: z.string(), en: z.string() }),
  institutionNameJa: z.string().nullable(),
  classification: classification.nullable(),
  notificationStatus: z.enum(['draft', 'submitted']).nullable(),
  confirmed: z.boolean(),
  diagnosedOn: z.string().nullable(),
  createdAt: z.iso.datetime(),
  currentStatus: z.enum(CASE_STATUSES).nullable().meta({ description: '記録タブ「現在のステータス」; null while none is recorded' }),
  disease: DiseaseCode,
});

export const CaseList = z.object({ cases: z.array(CaseListItem), nextCursor: z.string().nullable() });
