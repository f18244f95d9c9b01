// 陽性者登録, step 2 (public): the code from the message makes the registration submitted, and the
// follow-up centre sees it from then on. A wrong code is counted on the registration and commits
// (so retrying does not reset it); after MAX_CODE_ATTEMPTS, or once the code expired, the
// registration cannot be confirmed any more and the person starts again.
import { timingSafeEqual } from 'node:crypto';
import { canMove, MAX_CODE_ATTEMPTS, type SelfRegistrationStatus } from '../../domain/self-registration.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { hashCode } from './start.ts';
import * as repo from './repo.ts';

type Refusal = 'unknown' | 'registration_code_invalid' | 'registration_code_expired' | 'registration_code_locked' | 'registration_not_awaiting_code';

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function verifyRegistration(db: Database, clientAddr: string | null, id: string, code: string, now = new Date()) {
  // The work commits whatever the outcome (a wrong code must stay counted); the refusal is thrown after.
  const outcome = await db.asSystem(async (tx): Promise<{ refused: Refusal; attempts?: number } | { reference: string }> => {
    const r = await repo.findRegistration(tx, id, true);
    if (!r) return { refused: 'unknown' };
    if (!canMove(r.status as SelfRegistrationStatus, 'submitted')) return { refused: 'registration_not_awaiting_code' };
    if (r.codeAttempts >= MAX_CODE_ATTEMPTS) return { refused: 'registration_code_locked' };
    if (!r.codeExpiresAt || r.codeExpiresAt <= now) return { refused: 'registration_code_expired' };
    const source = { actor: null, clientAddr };
    if (!r.codeHash || !sameHash(r.codeHash, hashCode(id, code))) {
      const attempts = await repo.countWrongCode(tx, id);
      await audit(tx, source, { action: 'self_registrations.code', recordType: 'self_registration', recordIds: [id], outcome: 'denied', details: { attempts } });
      return { refused: attempts >= MAX_CODE_ATTEMPTS ? 'registration_code_locked' : 'registration_code_invalid', attempts };
    }
    await repo.updateRegistration(tx, id, r.version, { status: 'submitted', submittedAt: now, codeHash: null, codeExpiresAt: null });
    await audit(tx, source, { action: 'self_registrations.submit', recordType: 'self_registration', recordIds: [id], details: { prefectureId: r.prefectureId } });
    return { reference: r.reference };
  });
  if ('reference' in outcome) return { reference: outcome.reference, status: 'submitted' as const };
  if (outcome.refused === 'unknown') throw notFound();
  const left = outcome.attempts === undefined ? {} : { attemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - outcome.attempts) };
  if (outcome.refused === 'registration_code_invalid') throw new AppError(400, outcome.refused, left, [{ path: ['body', 'code'], code: outcome.refused }]);
  throw new AppError(outcome.refused === 'registration_not_awaiting_code' ? 409 : 422, outcome.refused, left);
}
