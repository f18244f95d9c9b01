// 陽性者登録, step 1 (public, no login): the form is checked, the registration is kept as
// pending_code, and a 6-digit code goes to the e-mail address or by SMS to the phone the person
// gave — the message carries the code and the reference only. Nobody sees the registration until
// the code comes back (verify.ts). The address's rate limit is the route's (routes.ts).
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { SelfRegistrationStart } from '../../domain/api/self-registration.ts';
import { japanToday } from '../../domain/calendar.ts';
import {
  CODE_VALID_MINUTES,
  codeMessage,
  MAX_PHOTO_BYTES,
  maskContact,
  newCode,
  newReference,
  photoTypeOf,
  testDateProblems,
} from '../../domain/self-registration.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, type FieldError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { enqueueSms } from '../sms/sms.ts';
import * as repo from './repo.ts';

export type StartBody = z.infer<typeof SelfRegistrationStart>;

/** The code is kept as SHA-256 over the registration's id and the code: the row never holds the code. */
export const hashCode = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`, 'utf8').digest('hex');

/** The photo's bytes, if any, refused unless they are what JPEG or PNG begins with (the claimed type is not trusted). */
export function photoOf(photo: StartBody['photo']): { bytes: Buffer; type: 'image/jpeg' | 'image/png' } | null {
  if (!photo) return null;
  const bytes = Buffer.from(photo.data, 'base64');
  if (bytes.length > MAX_PHOTO_BYTES) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'photo', 'data'], code: 'photo_too_large' }]);
  const type = photoTypeOf(bytes);
  if (!type || type !== photo.contentType) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'photo', 'data'], code: 'photo_type' }]);
  return { bytes, type };
}

/** The date rules against today in Japan, as field errors. */
export function checkDates(body: Pick<StartBody, 'testDate' | 'onsetDate'>, today: string): void {
  const fields: FieldError[] = testDateProblems(body, today).map((p) => ({ path: ['body', p.field], code: p.code }));
  if (fields.length) throw new AppError(400, 'invalid_input', {}, fields);
}

export interface StartOptions {
  /** Where the digits come from: crypto.randomInt. */
  random?: (n: number) => number;
  now?: Date;
}

export async function startRegistration(db: Database, clientAddr: string | null, body: StartBody, options: StartOptions = {}) {
  const { random = randomInt, now = new Date() } = options;
  checkDates(body, japanToday(now));
  const photo = photoOf(body.photo);
  return db.asSystem(async (tx) => {
    const prefecture = await repo.findOrg(tx, body.prefectureId);
    if (!prefecture || prefecture.kind !== 'prefecture') throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'prefectureId'], code: 'invalid_input' }]);
    const code = newCode(random);
    const expiresAt = new Date(now.getTime() + CODE_VALID_MINUTES * 60_000);
    const { id, reference } = await insert(tx, random, (id) => ({
      id,
      prefectureId: body.prefectureId,
      nameKanji: body.nameKanji,
      nameKana: body.nameKana,
      sex: body.sex,
      birthDate: body.birthDate,
      address: body.address,
      phone: body.phone,
      email: body.email ?? null,
      channel: body.channel,
      testKitName: body.testKitName,
      specimen: body.specimen,
      testDate: body.testDate,
      photo: photo?.bytes ?? null,
      photoType: photo?.type ?? null,
      symptoms: body.symptoms,
      onsetDate: body.onsetDate ?? null,
      riskFactors: body.riskFactors,
      codeHash: hashCode(id, code),
      codeExpiresAt: expiresAt,
    }));
    const message = codeMessage(code, reference);
    const to = body.channel === 'email' ? body.email! : body.phone;
    if (body.channel === 'email') enqueueEmail(tx, { to, ...message });
    else enqueueSms(tx, { to, text: message.text });
    // Who registered is not known: the row is the record; the audit names it, never its content.
    await audit(tx, { actor: null, clientAddr }, {
      action: 'self_registrations.start',
      recordType: 'self_registration',
      recordIds: [id],
      details: { prefectureId: body.prefectureId, channel: body.channel, photo: photo !== null },
    });
    return { id, reference, channel: body.channel, sentTo: maskContact(body.channel, to), expiresAt: expiresAt.toISOString() };
  });
}

/** References are random: on the rare collision, draw again. */
async function insert(tx: Tx, random: (n: number) => number, values: (id: string) => Omit<Parameters<typeof repo.insertRegistration>[1], 'reference'>) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const id = randomUUID();
    const reference = newReference(random);
    if (await repo.insertRegistration(tx, { ...values(id), reference })) return { id, reference };
  }
  throw new Error('could not draw a free reference');
}

/** The prefectures the public form offers: those with a follow-up centre to review. */
export async function registrationPrefectures(db: Database) {
  const rows = await db.asSystem((tx) => repo.prefecturesWithCentre(tx));
  return { prefectures: rows.map(({ id, nameJa, nameEn }) => ({ id, nameJa, nameEn })) };
}
