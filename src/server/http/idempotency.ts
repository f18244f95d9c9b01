// The Idempotency-Key request header (IETF httpapi draft "The Idempotency-Key HTTP Header Field"):
// a client that retries a POST or PATCH after a lost answer sends the same key, and gets the first
// answer again instead of the work done twice. Keys belong to the user who sent them and are kept
// 24 hours. The answer is stored in the request's own transaction (atCommit), so work can never
// commit without its key, nor a key without its work.
import canonicalize from 'canonicalize';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { StoredAnswer } from '../auth/session-repo.ts';
import { atCommit, isUniqueViolation, type Tx } from '../db/database.ts';
import { idempotencyKeys } from '../db/schema.ts';
import { AppError } from '../errors.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a key answers retries (the jobs delete older ones: jobs/old-idempotency-keys.ts). */
export const IDEMPOTENCY_KEY_HOURS = 24;
/** Methods a key applies to: the ones that are not idempotent themselves. */
export const KEYED_METHODS = new Set(['POST', 'PATCH']);

/** A key is what the draft calls an sf-string: printable ASCII; a UUID is the usual choice. */
export const IdempotencyHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(/^[\x20-\x7e]{1,255}$/, 'ASCII の 1〜255 文字で指定してください / 1 to 255 printable ASCII characters')
    .optional()
    .describe('Any unique value (a UUID) per intended operation: a retry with the same key and body answers as the first time without doing the work again; kept 24 hours.'),
});

/** The key of a request that may carry one, or null. (Validated by IdempotencyHeaders.) */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  if (!KEYED_METHODS.has(request.method)) return null;
  const key = request.headers[IDEMPOTENCY_HEADER];
  return typeof key === 'string' ? key : null;
}

/** What makes two requests "the same": method, path and body (canonical JSON, so key order does not count). */
export function requestHash(request: FastifyRequest): string {
  const path = request.url.split('?')[0];
  return createHash('sha256')
    .update(`${request.method} ${path}\n${canonicalize(request.body ?? null)}`)
    .digest('hex');
}

/** A stored answer older than a day no longer answers; its key is free again. */
export const expired = (stored: StoredAnswer, now = new Date()) => now.getTime() - stored.createdAt.getTime() > IDEMPOTENCY_KEY_HOURS * 3_600_000;

/** Frees an expired key in the request's transaction, so that its new answer can be stored. */
export async function forgetAnswer(tx: Tx, userId: string, key: string): Promise<void> {
  await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** The stored answer to replay, or a 422 if the key was used for another request. */
export function replayOf(stored: StoredAnswer, hash: string): StoredAnswer {
  if (stored.requestHash !== hash) throw new AppError(422, 'idempotency_key_reused');
  return stored;
}

/** Keeps a successful answer under its key, in one statement with the request's other last writes. */
export function storeAnswer(tx: Tx, answer: { userId: string; key: string; requestHash: string; statusCode: number; response: string }): void {
  atCommit(
    tx,
    'idempotency',
    () => sql`INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response)
              VALUES (${answer.userId}, ${answer.key}, ${answer.requestHash}, ${answer.statusCode}, ${answer.response}) RETURNING 1`,
  );
}

/** Two requests with one key at the same time: the second finds the first's key at its commit. */
export const isKeyTaken = (err: unknown) => isUniqueViolation(err, 'idempotency_keys_user_id_key_pk');
