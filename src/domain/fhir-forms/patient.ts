// The person of a notification as a FHIR Patient and back: names in kanji and kana (the ISO 21090
// representation extension, IDE and SYL, as JP Core marks them), sex, birth date, the residence
// (所在地・居所) and registered (住所) addresses, phone, e-mail and a minor's guardian.
import type { Address, ContactPoint, HumanName, Patient, PatientContact } from '@medplum/fhirtypes';
import type { z } from 'zod';
import { PersonInput } from '../api/cases.ts';
import { isKanaName } from '../kana.ts';
import type { Localized } from '../messages.ts';
import { EXTENSION, IDENTIFIER_SYSTEM } from './canonical.ts';
import { defined, literal, type FhirIssue } from './issues.ts';

export type PersonFields = z.infer<typeof PersonInput>;

const GUARDIAN = { system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'GUARD', display: 'guardian' };

const humanName = (text: string, representation: 'IDE' | 'SYL'): HumanName => {
  const [family, ...given] = text.trim().split(/\s+/);
  return {
    extension: [{ url: EXTENSION.nameRepresentation, valueCode: representation }],
    use: 'official',
    text,
    family,
    ...(given.length ? { given: [given.join(' ')] } : {}),
  };
};

const address = (text: string, kind: 'residence' | 'registered'): Address => ({
  extension: [{ url: EXTENSION.addressKind, valueCode: kind }],
  use: 'home',
  text,
});

/** The person as a Patient (`id`: the person's id). */
export function patientOf(p: {
  id?: string;
  nameKanji: string;
  nameKana: string;
  sex: 'male' | 'female';
  birthDate: string;
  residenceAddress?: string | null;
  registeredAddress?: string | null;
  phone?: string | null;
  email?: string | null;
  guardian?: { name?: string | null; phone?: string | null; address?: string | null } | null;
}): Patient {
  const telecom: ContactPoint[] = [
    ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : []),
    ...(p.email ? [{ system: 'email' as const, value: p.email }] : []),
  ];
  const addresses = [
    ...(p.residenceAddress ? [address(p.residenceAddress, 'residence')] : []),
    ...(p.registeredAddress ? [address(p.registeredAddress, 'registered')] : []),
  ];
  const g = p.guardian;
  const contact: PatientContact[] =
    g && (g.name || g.phone || g.address)
      ? [
          {
            relationship: [{ coding: [GUARDIAN] }],
            ...(g.name ? { name: { text: g.name } } : {}),
            ...(g.phone ? { telecom: [{ system: 'phone' as const, value: g.phone }] } : {}),
            ...(g.address ? { address: { text: g.address } } : {}),
          },
        ]
      : [];
  return {
    resourceType: 'Patient',
    ...(p.id ? { id: p.id, identifier: [{ system: IDENTIFIER_SYSTEM.person, value: p.id }] } : {}),
    name: [humanName(p.nameKanji, 'IDE'), humanName(p.nameKana, 'SYL')],
    gender: p.sex,
    birthDate: p.birthDate,
    ...(addresses.length ? { address: addresses } : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(contact.length ? { contact } : {}),
  };
}

const nameText = (n: HumanName) => (n.text?.trim() ? n.text.trim() : [n.family, ...(n.given ?? [])].filter(Boolean).join(' '));
const addressText = (a: Address) =>
  a.text?.trim() ? a.text.trim() : [a.state, a.city, a.district, ...(a.line ?? [])].filter(Boolean).join('');
const representation = (n: HumanName) => n.extension?.find((e) => e.url === EXTENSION.nameRepresentation)?.valueCode;
const kindOf = (a: Address) => a.extension?.find((e) => e.url === EXTENSION.addressKind)?.valueCode;

const M = {
  gender: { ja: '性別は male（男）または female（女）で指定してください。', en: 'gender must be male or female.' },
  field: (label: Localized, message: string): Localized => ({ ja: `${label.ja}: ${message}`, en: `${label.en}: ${message}` }),
};

const LABELS: Record<string, Localized> = {
  nameKanji: { ja: '氏名（漢字）', en: 'name (kanji)' },
  nameKana: { ja: '氏名（カナ）', en: 'name (kana)' },
  sex: { ja: '性別', en: 'sex' },
  birthDate: { ja: '生年月日', en: 'date of birth' },
  residenceAddress: { ja: '所在地', en: 'residence address' },
  registeredAddress: { ja: '住所', en: 'registered address' },
  phone: { ja: '電話番号', en: 'phone' },
  email: { ja: 'メールアドレス', en: 'e-mail' },
  guardian: { ja: '保護者', en: 'guardian' },
};

/**
 * A Patient as registration's person, checked as the web form checks it (PersonInput); each problem
 * an error issue at its Patient element. The kanji name is the IDE name (else the first that is not
 * kana only), the kana name the SYL one (else the first in kana).
 */
export function personFromPatient(patient: Patient, root = 'Patient'): { value?: PersonFields; issues: FhirIssue[] } {
  const names = patient.name ?? [];
  const kanjiAt = names.findIndex((n) => representation(n) === 'IDE');
  const kanaAt = names.findIndex((n) => representation(n) === 'SYL');
  const kanji = kanjiAt >= 0 ? kanjiAt : names.findIndex((n, i) => i !== kanaAt && !isKanaName(nameText(n)));
  const kana = kanaAt >= 0 ? kanaAt : names.findIndex((n, i) => i !== kanji && isKanaName(nameText(n)));
  const addresses = patient.address ?? [];
  const residenceAt = addresses.findIndex((a) => kindOf(a) === 'residence' || (kindOf(a) === undefined && a.use !== 'old'));
  const registeredAt = addresses.findIndex((a, i) => kindOf(a) === 'registered' && i !== residenceAt);
  const telecom = patient.telecom ?? [];
  const phoneAt = telecom.findIndex((t) => t.system === 'phone' || t.system === 'sms');
  const emailAt = telecom.findIndex((t) => t.system === 'email');
  const guardianAt = (patient.contact ?? []).findIndex((c) => c.relationship?.some((r) => r.coding?.some((x) => x.code === 'GUARD' || x.code === 'N')));
  const g = guardianAt >= 0 ? patient.contact![guardianAt] : undefined;
  const issues: FhirIssue[] = [];
  if (patient.gender !== undefined && patient.gender !== 'male' && patient.gender !== 'female') {
    issues.push({ severity: 'error', code: 'value', detail: 'invalid_sex', expression: [`${root}.gender`], message: M.gender });
  }
  const input = {
    nameKanji: kanji >= 0 ? nameText(names[kanji]) : undefined,
    nameKana: kana >= 0 ? nameText(names[kana]) : undefined,
    sex: patient.gender === 'male' || patient.gender === 'female' ? patient.gender : undefined,
    birthDate: patient.birthDate,
    residenceAddress: residenceAt >= 0 ? addressText(addresses[residenceAt]) || undefined : undefined,
    registeredAddress: registeredAt >= 0 ? addressText(addresses[registeredAt]) || undefined : undefined,
    phone: phoneAt >= 0 ? telecom[phoneAt].value : undefined,
    email: emailAt >= 0 ? telecom[emailAt].value : undefined,
    guardian:
      g && g.name
        ? { name: nameText(g.name), phone: g.telecom?.find((t) => t.system === 'phone')?.value, address: g.address ? addressText(g.address) || undefined : undefined }
        : undefined,
  };
  const where: Record<string, string> = {
    nameKanji: kanji >= 0 ? `${root}.name[${kanji}]` : `${root}.name`,
    nameKana: kana >= 0 ? `${root}.name[${kana}]` : `${root}.name`,
    sex: `${root}.gender`,
    birthDate: `${root}.birthDate`,
    residenceAddress: residenceAt >= 0 ? `${root}.address[${residenceAt}]` : `${root}.address`,
    registeredAddress: registeredAt >= 0 ? `${root}.address[${registeredAt}]` : `${root}.address`,
    phone: phoneAt >= 0 ? `${root}.telecom[${phoneAt}]` : `${root}.telecom`,
    email: emailAt >= 0 ? `${root}.telecom[${emailAt}]` : `${root}.telecom`,
    guardian: guardianAt >= 0 ? `${root}.contact[${guardianAt}]` : `${root}.contact`,
  };
  const parsed = PersonInput.safeParse(input);
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0]);
      if (field === 'sex' && issues.length) continue; // already said
      const missing = i.code === 'invalid_type' && input[field as keyof typeof input] === undefined;
      issues.push({
        severity: 'error',
        code: missing ? 'required' : 'value',
        detail: missing ? 'required' : 'invalid_value',
        expression: [where[field] ?? root],
        message: M.field(LABELS[field] ?? { ja: field, en: field }, i.message),
      });
    }
  }
  if (issues.length || !parsed.success) return { issues };
  const { guardian, ...rest } = parsed.data;
  return { value: { ...defined(rest), ...(guardian ? { guardian: defined(guardian) } : {}) } as PersonFields, issues };
}

/** A Patient's expression for a field path of the logic checks and the legal minimum (['person', 'birthDate'], ['guardian', 'phone']). */
export function personExpression(path: (string | number)[], root = 'Patient'): string {
  const [head, field] = path;
  if (head === 'guardian') return `${root}.contact.where(relationship.coding.code=${literal('GUARD')})`;
  switch (field) {
    case 'name':
    case 'nameKanji':
    case 'nameKana':
      return `${root}.name`;
    case 'sex':
      return `${root}.gender`;
    case 'birthDate':
      return `${root}.birthDate`;
    case 'residenceAddress':
    case 'registeredAddress':
      return `${root}.address`;
    default:
      return root;
  }
}
