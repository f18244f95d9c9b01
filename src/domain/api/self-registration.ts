// Shapes of 陽性者登録 (issue 11): the public form and its code step, and the follow-up centre's
// review (list, open with likely duplicates, accept, reject). The dates' rules relative to today
// are the service's (testDateProblems), so that one clock decides.
import { z } from 'zod';
import { isMobileNumber } from '../my-messages.ts';
import { SYMPTOM_CODES } from '../red-flags.ts';
import {
  MAX_PHOTO_BYTES,
  PHOTO_TYPES,
  REJECT_REASON_CODES,
  RISK_FACTOR_CODES,
  SELF_REGISTRATION_STATUSES,
  SELF_TEST_SPECIMENS,
} from '../self-registration.ts';
import { DuplicateCandidate, PersonInput } from './cases.ts';
import { CalendarDate } from './dates.ts';
import { Version } from './version.ts';

const person = PersonInput.shape;
/** Base64 of at most MAX_PHOTO_BYTES bytes (4 characters per 3 bytes). */
const MAX_PHOTO_BASE64 = Math.ceil(MAX_PHOTO_BYTES / 3) * 4;

export const SelfRegistrationStart = z
  .object({
    prefectureId: z.uuid().meta({ description: 'The prefecture whose registration centre is asked (GET /api/self-registrations/prefectures)' }),
    nameKanji: person.nameKanji,
    nameKana: person.nameKana,
    sex: person.sex,
    birthDate: person.birthDate,
    address: z.string().trim().min(1).max(300).meta({ description: '所在地: where the person stays' }),
    phone: person.phone.unwrap(),
    email: person.email,
    channel: z.enum(['email', 'sms']).meta({ description: 'Where the 6-digit code goes: the e-mail address, or the phone by SMS' }),
    testKitName: z.string().trim().min(1).max(200).meta({ description: 'The antigen test kit as printed on its box' }),
    specimen: z.enum(SELF_TEST_SPECIMENS),
    testDate: CalendarDate.meta({ description: 'The day of the positive self-test: not in the future, at most 3 days ago' }),
    photo: z
      .object({
        contentType: z.enum(PHOTO_TYPES),
        data: z.base64().max(MAX_PHOTO_BASE64, { error: '写真は 2 MB 以下にしてください / at most 2 MB' }),
      })
      .optional()
      .meta({ description: 'A photo of the test result (JPEG or PNG, at most 2 MB, checked by its content)' }),
    symptoms: z.array(z.enum(SYMPTOM_CODES)).max(SYMPTOM_CODES.length).default([]),
    onsetDate: CalendarDate.optional().meta({ description: 'With symptoms: the day they began' }),
    riskFactors: z.array(z.enum(RISK_FACTOR_CODES)).max(RISK_FACTOR_CODES.length).default([]),
  })
  .superRefine((b, ctx) => {
    if (b.channel === 'email' && !b.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'コードの送り先のメールアドレスを入力してください / the e-mail address for the code' });
    if (b.channel === 'sms' && !isMobileNumber(b.phone)) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'SMS を受け取れる携帯電話番号を入力してください / a mobile number for SMS' });
    if (b.onsetDate && !b.symptoms.length) ctx.addIssue({ code: 'custom', path: ['onsetDate'], message: '発症日は症状があるときに入力します / onset only with symptoms' });
  });

export const SelfRegistrationStarted = z.object({
  id: z.uuid().meta({ description: 'Used to send the code (POST …/verify); not the reference' }),
  reference: z.string().meta({ description: '受付番号 to keep' }),
  channel: z.enum(['email', 'sms']),
  sentTo: z.string().meta({ description: 'Where the code went, masked' }),
  expiresAt: z.iso.datetime(),
});

export const SelfRegistrationCode = z.object({
  code: z.string().trim().regex(/^\d{6}$/, { error: '6桁の数字を入力してください / 6 digits' }),
});

export const SelfRegistrationSubmitted = z.object({
  reference: z.string(),
  status: z.literal('submitted'),
});

export const RegistrationPrefectures = z.object({
  prefectures: z.array(z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() })),
});

// — the review —

const status = z.enum(SELF_REGISTRATION_STATUSES);

export const SelfRegistrationQuery = z.object({
  status: z.enum(['submitted', 'accepted', 'rejected']).default('submitted'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const SelfRegistrationListItem = z.object({
  id: z.uuid(),
  reference: z.string(),
  maskedName: z.string(),
  sex: z.enum(['male', 'female']),
  ageBand: z.object({ ja: z.string(), en: z.string() }),
  testDate: z.string(),
  symptomatic: z.boolean(),
  riskFactorCount: z.number().int(),
  hasPhoto: z.boolean(),
  status,
  submittedAt: z.iso.datetime().nullable(),
});
export const SelfRegistrationList = z.object({ registrations: z.array(SelfRegistrationListItem) });

export const SelfRegistrationDetail = z.object({
  id: z.uuid(),
  reference: z.string(),
  prefectureId: z.uuid(),
  status,
  nameKanji: z.string(),
  nameKana: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  channel: z.enum(['email', 'sms']),
  testKitName: z.string(),
  specimen: z.enum(SELF_TEST_SPECIMENS),
  testDate: z.string(),
  photo: z.object({ contentType: z.enum(PHOTO_TYPES), bytes: z.number().int() }).nullable(),
  symptoms: z.array(z.enum(SYMPTOM_CODES)),
  onsetDate: z.string().nullable(),
  riskFactors: z.array(z.enum(RISK_FACTOR_CODES)),
  submittedAt: z.iso.datetime().nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  rejectReason: z.enum(REJECT_REASON_CODES).nullable(),
  acceptedCaseId: z.uuid().nullable(),
  version: z.number().int(),
  duplicates: z.array(DuplicateCandidate).meta({ description: 'Likely duplicates among the persons the reviewer may see, as registration finds them' }),
});

export const AcceptSelfRegistrationBody = z.object({
  version: Version,
  healthCentreId: z.uuid().meta({ description: 'The responsible health centre: the one of the place the person stays' }),
  person: z
    .discriminatedUnion('kind', [z.object({ kind: z.literal('new_person') }), z.object({ kind: z.literal('existing_person'), personId: z.uuid() })])
    .default({ kind: 'new_person' })
    .meta({ description: 'A likely duplicate the reviewer recognised as the same person: the new case is theirs' }),
  diagnosedOn: CalendarDate.optional().meta({ description: 'The doctor’s diagnosis date (default today in Japan): on or after the test; it selects the form in force' }),
  observeUntil: CalendarDate.optional().meta({ description: 'My HER-SYS: the last day to report (default: the last day of isolation, which must not be over)' }),
  acknowledgedWarnings: z.array(z.string().max(100)).max(50).default([]).meta({ description: 'Logic-check warnings the doctor has seen, as at 「報告」' }),
});

export const SelfRegistrationAccepted = z.object({
  id: z.uuid(),
  status: z.literal('accepted'),
  caseId: z.uuid(),
  caseNumber: z.string(),
  personId: z.uuid(),
  notificationId: z.uuid(),
  invited: z.boolean(),
  version: z.number().int(),
});

export const RejectSelfRegistrationBody = z.object({
  version: Version,
  reason: z.enum(REJECT_REASON_CODES),
  note: z.string().trim().max(1000).optional().meta({ description: 'For the centre only; never sent to the person' }),
});

export const SelfRegistrationRejected = z.object({
  id: z.uuid(),
  status: z.literal('rejected'),
  reason: z.enum(REJECT_REASON_CODES),
  messaged: z.enum(['email', 'sms']),
  version: z.number().int(),
});

export const HealthCentreChoices = z.object({
  healthCentres: z.array(z.object({ id: z.uuid(), nameJa: z.string(), nameEn: z.string() })),
});
