// 処理番号 for the contact-confirmation app (Q&A 2): part of the active epidemiological
// investigation, issued only at the patient's request by the case's responsible or related health
// centre. The number is shown once, when issued; the database keeps an HMAC-SHA256 of it under a
// server key (sealed in server_secrets, src/server/secrets/), so neither a list nor a copy of the
// database shows it: 10^8 numbers are tried in seconds against a plain hash, not against a keyed one. A new number revokes the case's earlier ones still
// redeemable. The app's server redeems a number once and learns the self-report ID, nothing more.
import { randomInt } from 'node:crypto';
import { expiryOf, newProcessingNumber, normalizeProcessingNumber, processingNumberState, PROCESSING_NUMBER_VALIDITY_HOURS } from '../../domain/processing-number.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { keyringOf, PROCESSING_NUMBER_HMAC } from '../secrets/keyring.ts';
import * as repo from './repo.ts';

/** Deterministic, so the unique index on number_hash finds a number (0034). */
export const hashProcessingNumber = (db: Database, number: string) => keyringOf(db).hmac(PROCESSING_NUMBER_HMAC, number);

/** The case, if the actor's centre is responsible for it or related to it; 404 when it is not visible at all. */
async function caseOfCentre(tx: Tx, ctx: RequestContext, caseId: string, lock: boolean) {
  const kase = await repo.findCase(tx, caseId, lock);
  if (!kase) throw notFound();
  // A public-health institute with H rights sees the prefecture's cases (Q&A 19) but is no centre of them.
  const centre = ctx.actor.orgKind === 'health_center' ? ctx.actor.orgId : null;
  if (centre && (kase.responsibleHcId === centre || (await repo.isRelatedCentre(tx, caseId, centre)))) return kase;
  throw new AppError(403, 'processing_number_centre_only');
}

export interface IssueOptions {
  validityHours?: number;
  /** Where the digits come from: crypto.randomInt (tests pass a sequence to provoke a collision). */
  random?: (n: number) => number;
}

export async function issueProcessingNumber(db: Database, ctx: RequestContext, caseId: string, options: IssueOptions = {}) {
  const { validityHours = PROCESSING_NUMBER_VALIDITY_HOURS, random = randomInt } = options;
  requirePermission(ctx.actor, 'processing_numbers.issue');
  return db.asActor(ctx.actor, async (tx) => {
    await caseOfCentre(tx, ctx, caseId, true);
    const revoked = await repo.revokeActive(tx, caseId);
    const issuedAt = new Date();
    const expiresAt = expiryOf(issuedAt, validityHours);
    // Random, so a hash may already exist (any number ever issued): draw again.
    for (let attempt = 0; attempt < 10; attempt++) {
      const number = newProcessingNumber(random);
      const row = await repo.insertNumber(tx, { caseId, numberHash: hashProcessingNumber(db, number), issuedBy: ctx.actor.userId, issuedAt, expiresAt });
      if (!row) continue;
      await audit(tx, ctx, {
        action: 'processing_numbers.issue',
        recordType: 'case',
        recordIds: [caseId, row.id],
        details: { processingNumberId: row.id, expiresAt: expiresAt.toISOString(), revoked },
      });
      return { id: row.id, number, issuedAt: issuedAt.toISOString(), expiresAt: expiresAt.toISOString(), revokedEarlier: revoked.length };
    }
    throw new Error('could not draw a free processing number');
  });
}

/** The numbers issued for a case, without the numbers (they are not kept). */
export async function listProcessingNumbers(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'processing_numbers.issue');
  return db.asActor(ctx.actor, async (tx) => {
    await caseOfCentre(tx, ctx, caseId, false);
    const found = await repo.numbersOfCase(tx, caseId);
    await audit(tx, ctx, { action: 'processing_numbers.list', recordType: 'case', recordIds: [caseId] });
    const now = new Date();
    return found.map((n) => ({
      id: n.id,
      issuedAt: n.issuedAt.toISOString(),
      issuedBy: n.issuedBy,
      expiresAt: n.expiresAt.toISOString(),
      usedAt: n.usedAt?.toISOString() ?? null,
      revokedAt: n.revokedAt?.toISOString() ?? null,
      state: processingNumberState(n, now),
    }));
  });
}

export type Redemption =
  | { ok: true; selfReportId: string }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' };

/**
 * The app's server checks a number the patient typed: valid once. Runs as the system (there is no
 * user), audited with no actor; the attempt is audited whatever the answer.
 */
export async function redeemProcessingNumber(db: Database, input: string, clientAddr: string | null = null): Promise<Redemption> {
  const number = normalizeProcessingNumber(input);
  const source = { actor: null, clientAddr };
  return db.asSystem(async (tx) => {
    if (number === null) {
      await audit(tx, source, { action: 'processing_numbers.redeem', outcome: 'denied', details: { reason: 'unknown' } });
      return { ok: false, reason: 'unknown' };
    }
    const hash = hashProcessingNumber(db, number);
    const used = await repo.markUsed(tx, hash);
    if (used) {
      await audit(tx, source, { action: 'processing_numbers.redeem', recordType: 'case', recordIds: [used.case_id, used.id] });
      return { ok: true, selfReportId: used.self_report_id };
    }
    const row = await repo.findByHash(tx, hash);
    const state = row ? processingNumberState(row, new Date()) : 'unknown';
    // The UPDATE refused it: if this clock still calls it active, the database's clock had passed its expiry.
    const reason = state === 'active' ? 'expired' : state;
    await audit(tx, source, {
      action: 'processing_numbers.redeem',
      recordType: 'case',
      recordIds: row ? [row.caseId, row.id] : [],
      outcome: 'denied',
      details: { reason },
    });
    return { ok: false, reason };
  });
}
