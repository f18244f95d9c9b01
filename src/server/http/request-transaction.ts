// A logged-in user's request is one transaction: it opens once the request is parsed and valid,
// its first statement checks the session and sets the actor (row-level security), every asActor()
// of the handler joins it, and it commits just before the answer leaves — so an answer that says
// "done" is never sent for work that did not commit, and failed work leaves nothing behind. A
// keyed request (Idempotency-Key) stores its answer in the same transaction.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { enforceAccessLimit } from '../access-review/hard-limit.ts';
import { audit, type AuditSource } from '../audit/audit.ts';
import type { StoredAnswer } from '../auth/session-repo.ts';
import { authenticateIn, type AuthDeps } from '../auth/service.ts';
import type { OpenTransaction } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { answerFor, logFailure } from './error-handler.ts';
import { expired, forgetAnswer, idempotencyKeyOf, isKeyTaken, replayOf, requestHash, storeAnswer } from './idempotency.ts';
import { problem } from './problem.ts';
import { endIdleSession, patientSessionForToken } from '../my/session-repo.ts';
import { levelOf, PATIENT_COOKIE, refuse, SESSION_COOKIE, usesRequestTransaction } from './session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's open transaction, until it is committed or rolled back. */
    transaction?: OpenTransaction;
    /** The Idempotency-Key and request hash whose answer is to be stored; null once replayed. */
    keyed?: { key: string; hash: string; ownerId: string } | null;
  }
}

/** A patient's request (My HER-SYS): the same, with the patient's session and role hersys_patient. */
async function openPatient(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply) {
  const key = idempotencyKeyOf(request);
  const t = await deps.db.begin();
  let found;
  try {
    found = await patientSessionForToken(t.tx, request.cookies[PATIENT_COOKIE] ?? '', deps.config.PATIENT_IDLE_MINUTES, key);
    if (found?.state === 'idle') await endIdleSession(t.tx, found.sessionId);
  } catch (err) {
    await t.rollback(err);
    throw err;
  }
  if (!found?.patient) {
    await t.commit();
    if (found && found.state !== 'pending') {
      reply.clearCookie(PATIENT_COOKIE, { path: '/' });
      throw new AppError(401, 'session_expired');
    }
    throw new AppError(401, 'patient_unauthenticated');
  }
  const patient = found.patient;
  deps.db.bindActor(patient, t);
  request.patient = patient;
  request.transaction = t;
  return keyed(request, reply, t, { ownerId: patient.caseId, key, stored: found.stored, source: { actor: null, clientAddr: request.ip ?? null } });
}

async function open(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply) {
  if (levelOf(request) === 'patient') return openPatient(deps, request, reply);
  const key = idempotencyKeyOf(request);
  const t = await deps.db.begin();
  let checked;
  try {
    checked = await authenticateIn(t.tx, deps.config, request.cookies[SESSION_COOKIE] ?? '', key);
  } catch (err) {
    await t.rollback(err);
    throw err;
  }
  const { auth, stored } = checked;
  if (auth.kind !== 'user') {
    await t.commit(); // an idle session ended on the spot stays ended
    return refuse(auth, reply);
  }
  deps.db.bindActor(auth.actor, t);
  request.authentication = auth;
  request.transaction = t;
  return keyed(request, reply, t, { ownerId: auth.actor.userId, key, stored, source: { actor: auth.actor, clientAddr: request.ip ?? null } });
}

/** An Idempotency-Key: its answer is to be stored at the end, or the stored one is replayed now. */
async function keyed(
  request: FastifyRequest,
  reply: FastifyReply,
  t: OpenTransaction,
  k: { ownerId: string; key: string | null; stored: StoredAnswer | null; source: AuditSource },
) {
  const { ownerId, key, stored } = k;
  if (!key) return;
  const hash = requestHash(request);
  if (!stored || expired(stored)) {
    if (stored) await forgetAnswer(t.tx, ownerId, key);
    request.keyed = { key, hash, ownerId };
    return;
  }
  const answer = replayOf(stored, hash);
  // The stored answer may hold personal data: showing it again is an access like any other.
  await audit(t.tx, k.source, {
    action: 'request.replayed',
    details: { method: request.method, route: request.routeOptions.url, answeredAt: answer.createdAt.toISOString(), statusCode: answer.statusCode },
  });
  return reply.status(answer.statusCode).header('idempotent-replayed', 'true').type('application/json; charset=utf-8').send(answer.response);
}

/** Commits (or, for an error answer, rolls back); a failed commit turns the answer into that error. */
async function finish(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const t = request.transaction;
  if (!t) return payload;
  request.transaction = undefined;
  if (reply.statusCode >= 400) {
    await t.rollback();
    return payload;
  }
  // The hard limit (issue 12): a request that made the user open too many records commits the block, not its data.
  const auth = request.authentication;
  let blocked = false;
  try {
    if (auth?.kind === 'user') blocked = await enforceAccessLimit(t.tx, deps.config, { actor: auth.actor, clientAddr: request.ip ?? null });
  } catch (err) {
    await t.rollback(err);
    return failed(request, reply, err);
  }
  const keyed = request.keyed;
  if (keyed && !blocked) {
    storeAnswer(t.tx, { userId: keyed.ownerId, key: keyed.key, requestHash: keyed.hash, statusCode: reply.statusCode, response: String(payload ?? '') });
  }
  try {
    await t.commit();
  } catch (err) {
    return failed(request, reply, err);
  }
  if (!blocked) return payload;
  reply.status(403).type('application/json; charset=utf-8').clearCookie(SESSION_COOKIE, { path: '/' });
  reply.removeHeader('idempotent-replayed');
  return JSON.stringify(problem(403, 'access_limit_exceeded'));
}

/** The answer for work that could not be committed. */
function failed(request: FastifyRequest, reply: FastifyReply, err: unknown) {
  const error = isKeyTaken(err) ? new AppError(409, 'idempotency_key_in_use') : err;
  const answer = answerFor(error as never);
  if (!answer) logFailure(request.log, err, 'commit failed');
  const { status, body, headers } = answer ?? { status: 500, body: problem(500, 'internal'), headers: {} };
  reply.status(status).headers({ ...headers, ...(isKeyTaken(err) ? { 'retry-after': '1' } : {}) });
  reply.removeHeader('idempotent-replayed');
  return JSON.stringify(body);
}

export function installRequestTransactions(app: FastifyInstance, deps: AuthDeps): void {
  app.addHook('preHandler', async (request, reply) => {
    if (usesRequestTransaction(request)) return open(deps, request, reply);
  });
  app.addHook('onSend', async (request, reply, payload) => finish(deps, request, reply, payload));
  // An answer that never reached onSend (the client went away first) leaves nothing open.
  app.addHook('onResponse', async (request) => {
    const t = request.transaction;
    request.transaction = undefined;
    await t?.rollback();
  });
}
