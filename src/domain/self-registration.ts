// 陽性者登録センター (issue 11): a person whose antigen self-test was positive registers online
// instead of seeing a doctor (2022), and the prefecture's follow-up centre reviews the registration.
// Pure rules: the statuses and their moves, the reasons for a refusal and the risk factors as data
// with ja/en labels, the test-kit and date rules, the photo's accepted types, and the texts of the
// messages sent to the person (a code or a reference and a link; never personal data).
import { addDays } from './contacts.ts';
import type { Localized } from './messages.ts';
import type { OrgKind, Role } from './organizations.ts';
import type { Classification } from './notification.ts';

/** pending_code -> submitted (the code was right) -> accepted | rejected (by the follow-up centre). */
export const SELF_REGISTRATION_STATUSES = ['pending_code', 'submitted', 'accepted', 'rejected'] as const;
export type SelfRegistrationStatus = (typeof SELF_REGISTRATION_STATUSES)[number];

const MOVES: Record<SelfRegistrationStatus, readonly SelfRegistrationStatus[]> = {
  pending_code: ['submitted'],
  submitted: ['accepted', 'rejected'],
  accepted: [],
  rejected: [],
};

export const canMove = (from: SelfRegistrationStatus, to: SelfRegistrationStatus): boolean => MOVES[from].includes(to);

export const SELF_REGISTRATION_STATUS_LABELS: Record<SelfRegistrationStatus, Localized> = {
  pending_code: { ja: '確認コード待ち', en: 'Awaiting the code' },
  submitted: { ja: '確認待ち', en: 'Awaiting review' },
  accepted: { ja: '受理（発生届済）', en: 'Accepted (notified)' },
  rejected: { ja: '不受理', en: 'Rejected' },
};

/** Why a follow-up centre refuses a registration; the person is told the label and nothing else. */
export const REJECT_REASONS = {
  kit_not_approved: {
    ja: '使用された検査キットが国の承認を受けた抗原定性検査キット（体外診断用医薬品）ではありません。',
    en: 'The test kit used is not an approved antigen test kit (in-vitro diagnostic).',
  },
  test_not_readable: {
    ja: '検査結果を確認できませんでした。もう一度検査して登録してください。',
    en: 'The test result could not be confirmed. Please test again and register again.',
  },
  needs_doctor: {
    ja: '重症化リスクがあるため、医療機関を受診してください。',
    en: 'Because of your risk factors, please see a doctor.',
  },
  outside_area: {
    ja: 'この都道府県の登録センターの対象ではありません。お住まいの都道府県で登録してください。',
    en: 'This prefecture’s centre does not cover you. Please register in the prefecture where you live.',
  },
  already_registered: {
    ja: '既に発生届が出されています。保健所からの連絡をお待ちください。',
    en: 'You have already been notified. Please wait for the health centre to contact you.',
  },
  unreachable: {
    ja: '登録内容について連絡がとれませんでした。もう一度登録してください。',
    en: 'We could not reach you about your registration. Please register again.',
  },
} as const satisfies Record<string, Localized>;
export type RejectReason = keyof typeof REJECT_REASONS;
export const REJECT_REASON_CODES = Object.keys(REJECT_REASONS) as [RejectReason, ...RejectReason[]];

/**
 * Risk factors for a severe course, as the 2022 registration centres asked them: a person who has
 * one should see a doctor rather than register (the centre decides; needs_doctor is its reason).
 */
export const RISK_FACTORS = {
  age_65_or_over: { ja: '65歳以上', en: 'Aged 65 or over' },
  pregnancy: { ja: '妊娠中', en: 'Pregnant' },
  chronic_lung_disease: { ja: '慢性呼吸器疾患（COPD など）', en: 'Chronic lung disease (COPD etc.)' },
  chronic_kidney_disease: { ja: '慢性腎臓病', en: 'Chronic kidney disease' },
  diabetes: { ja: '糖尿病', en: 'Diabetes' },
  hypertension: { ja: '高血圧', en: 'High blood pressure' },
  cardiovascular_disease: { ja: '心血管疾患', en: 'Heart or vascular disease' },
  obesity: { ja: '肥満（BMI 30以上）', en: 'Obesity (BMI 30 or more)' },
  smoking: { ja: '喫煙', en: 'Smoking' },
  immunosuppression: { ja: '免疫抑制（治療中の がん、ステロイド など）', en: 'Weakened immunity (cancer treatment, steroids etc.)' },
  dialysis: { ja: '透析中', en: 'On dialysis' },
} as const satisfies Record<string, Localized>;
export type RiskFactor = keyof typeof RISK_FACTORS;
export const RISK_FACTOR_CODES = Object.keys(RISK_FACTORS) as [RiskFactor, ...RiskFactor[]];

/** Self-test kits sample the front of the nose or saliva (antigen tests take nothing else, lab-tests.ts). */
export const SELF_TEST_SPECIMENS = ['nasal_swab', 'saliva'] as const;
export type SelfTestSpecimen = (typeof SELF_TEST_SPECIMENS)[number];

/** A self-test older than this many days no longer shows the present infection: the person tests again. */
export const MAX_TEST_AGE_DAYS = 3;
/** Onset is counted from at most this many days before the test. */
export const MAX_ONSET_BEFORE_TEST_DAYS = 14;

export interface TestDates {
  testDate: string;
  onsetDate?: string | null;
}

/** What is wrong with the test and onset dates, as field codes (empty: nothing). `today` in Japan. */
export function testDateProblems(d: TestDates, today: string, maxAgeDays = MAX_TEST_AGE_DAYS): { field: 'testDate' | 'onsetDate'; code: 'date_in_future' | 'test_too_old' | 'onset_after_test' | 'onset_too_early' }[] {
  const problems: ReturnType<typeof testDateProblems> = [];
  if (d.testDate > today) problems.push({ field: 'testDate', code: 'date_in_future' });
  else if (d.testDate < addDays(today, -maxAgeDays)) problems.push({ field: 'testDate', code: 'test_too_old' });
  if (d.onsetDate) {
    if (d.onsetDate > today) problems.push({ field: 'onsetDate', code: 'date_in_future' });
    else if (d.onsetDate > d.testDate) problems.push({ field: 'onsetDate', code: 'onset_after_test' });
    else if (d.onsetDate < addDays(d.testDate, -MAX_ONSET_BEFORE_TEST_DAYS)) problems.push({ field: 'onsetDate', code: 'onset_too_early' });
  }
  return problems;
}

/** The doctor's diagnosis on acceptance is on or after the test, and not in the future. */
export function diagnosisDateProblem(diagnosedOn: string, testDate: string, today: string): 'date_in_future' | 'diagnosis_before_test' | null {
  if (diagnosedOn > today) return 'date_in_future';
  if (diagnosedOn < testDate) return 'diagnosis_before_test';
  return null;
}

/** Messages of the date rules (their codes are keys of the message catalogue, SELF_REGISTRATION_MESSAGES). */
export const SELF_REGISTRATION_MESSAGES = {
  date_in_future: { ja: '未来の日付は入力できません。', en: 'The date cannot be in the future.' },
  test_too_old: {
    ja: `検査日は ${MAX_TEST_AGE_DAYS} 日以内にしてください。もう一度検査してから登録してください。`,
    en: `The test must be from the last ${MAX_TEST_AGE_DAYS} days. Please test again, then register.`,
  },
  diagnosis_before_test: { ja: '診断日は検査日以降の日付にしてください。', en: 'The diagnosis cannot be before the test.' },
  onset_after_test: { ja: '発症日は検査日以前の日付にしてください。', en: 'Onset cannot be after the test.' },
  onset_too_early: {
    ja: `発症日は検査日の ${MAX_ONSET_BEFORE_TEST_DAYS} 日前以降にしてください。`,
    en: `Onset must be within ${MAX_ONSET_BEFORE_TEST_DAYS} days before the test.`,
  },
  photo_type: { ja: '写真は JPEG または PNG にしてください。', en: 'The photo must be a JPEG or PNG image.' },
  photo_too_large: { ja: '写真は 2 MB 以下にしてください。', en: 'The photo must be 2 MB or smaller.' },
  contact_for_channel: {
    ja: '確認コードの送り先（メールアドレスまたは携帯電話番号）を入力してください。',
    en: 'Enter where the code is to be sent (e-mail address or mobile number).',
  },
  registration_code_invalid: { ja: '確認コードが正しくありません。', en: 'The code is not correct.' },
  registration_code_expired: {
    ja: '確認コードの有効期限が切れました。最初から登録し直してください。',
    en: 'The code has expired. Please start the registration again.',
  },
  registration_code_locked: {
    ja: '確認コードの入力に続けて失敗したため、この登録は無効になりました。最初から登録し直してください。',
    en: 'Too many wrong codes: this registration can no longer be confirmed. Please start again.',
  },
  registration_not_awaiting_code: { ja: 'この登録は既に確認済みです。', en: 'This registration has already been confirmed.' },
  registration_decided: { ja: 'この登録は既に受理または不受理が決まっています。', en: 'This registration has already been accepted or rejected.' },
  registration_no_photo: { ja: 'この登録には写真がありません。', en: 'This registration has no photo.' },
  not_a_registration_centre: {
    ja: '陽性者登録を確認できるのは、フォローアップセンターの職員と都道府県の職員です。',
    en: 'Only follow-up centre and prefecture staff review self-registrations.',
  },
  accept_needs_centre_doctor: {
    ja: '受理（発生届の提出）は、フォローアップセンターの医師が行います。',
    en: 'Accepting (filing the notification) is for a doctor of the follow-up centre.',
  },
  health_centre_outside_prefecture: {
    ja: '担当保健所は同じ都道府県の保健所から選んでください。',
    en: 'Choose a health centre of the same prefecture.',
  },
  registration_notification_blocked: {
    ja: '登録内容では発生届の必要事項がそろいません。不足項目を確認してください。',
    en: 'The registration lacks what the notification requires. See the missing items.',
  },
} as const satisfies Record<string, Localized>;

// — who reviews —

export interface Reviewer {
  orgKind: OrgKind;
  roles: readonly Role[];
  prefectureId: string | null;
}

/**
 * Reviewing (list, open, reject): staff and doctors of a follow-up centre, and prefecture staff, of
 * the registration's prefecture. Mirrors the self_registrations_review policy (migration 0022).
 */
export function reviewsRegistrationsOf(actor: Reviewer, prefectureId: string): boolean {
  return actor.prefectureId === prefectureId && reviewsRegistrations(actor);
}

/** The kind of organisation and the roles that review (the web app's menu asks this). */
export function reviewsRegistrations(actor: Pick<Reviewer, 'orgKind' | 'roles'>): boolean {
  if (actor.orgKind === 'followup_center') return actor.roles.includes('followup_staff') || actor.roles.includes('doctor');
  return actor.orgKind === 'prefecture' && actor.roles.includes('prefecture_staff');
}

/**
 * Accepting files a 発生届, which the law asks of a doctor who diagnosed: so only a doctor of the
 * follow-up centre accepts, and the centre itself is the reporter (its name, address and phone), as
 * the 2022 registration centres were staffed by doctors who notified for the people they accepted.
 */
export const acceptsRegistrations = (actor: Pick<Reviewer, 'orgKind' | 'roles'>): boolean => actor.orgKind === 'followup_center' && actor.roles.includes('doctor');

// — the notification an acceptance files —

/** A registrant with symptoms is a patient (患者); without, an asymptomatic carrier (無症状病原体保有者). */
export const classificationOf = (symptoms: readonly string[]): Classification => (symptoms.length ? 'patient' : 'asymptomatic_carrier');

// — the photo —

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** The image type its first bytes say (JPEG: FF D8 FF; PNG: the 8-byte signature), whatever the sender claimed. */
export function photoTypeOf(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  return null;
}

// — the code and the reference —

export const CODE_DIGITS = 6;
export const CODE_VALID_MINUTES = 15;
/** Wrong codes after which the registration can no longer be confirmed. */
export const MAX_CODE_ATTEMPTS = 5;

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 受付番号 the person keeps: 'R' and 8 characters of an unambiguous alphabet, e.g. R-7KQ2-MX4P. `random(n)` in [0, n). */
export function newReference(random: (n: number) => number): string {
  const chars = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)]).join('');
  return `R-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export const newCode = (random: (n: number) => number): string => String(random(10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');

/** Where the code went, masked for the screen: ***@example.jp, ***-****-5678. */
export function maskContact(channel: 'email' | 'sms', to: string): string {
  if (channel === 'email') return `***@${to.split('@').pop()}`;
  const digits = to.normalize('NFKC').replace(/\D/g, '');
  return `***-****-${digits.slice(-4)}`;
}

// — the messages to the person (by e-mail or SMS: a code, a reference and a link only) —

export interface Message {
  subject: string;
  text: string;
}

export const codeMessage = (code: string, reference: string): Message => ({
  subject: '陽性者登録の確認コード / Your registration code',
  text:
    `陽性者登録の確認コード: ${code}（${CODE_VALID_MINUTES}分間有効）受付番号 ${reference}\n` +
    `Registration code: ${code} (valid ${CODE_VALID_MINUTES} min), reference ${reference}`,
});

export const rejectionMessage = (reason: RejectReason, reference: string, formUrl: string): Message => ({
  subject: '陽性者登録の結果 / Your registration',
  text:
    `受付番号 ${reference} の陽性者登録は受理されませんでした。${REJECT_REASONS[reason].ja}\n${formUrl}\n` +
    `Registration ${reference} was not accepted. ${REJECT_REASONS[reason].en}`,
});
