// Who is asking: the session cookie is resolved before any route runs. Routes say how much they
// need with `config.auth`: 'public' (nobody), 'pending' (a login in progress), 'patient' (a patient
// signed in to My HER-SYS, with a cookie of its own) or, by default, a fully logged-in user. A logged-in user's session is checked in the request's own transaction
// (request-transaction.ts); the login steps check it in a transaction of their own.
// `contextOf` hands services the actor and audit context.
import '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../access/actor.ts';
import type { Patient, PatientContext } from '../access/patient.ts';
import { authenticate, type AuthDeps, type Authentication, type Client } from '../auth/service.ts';
import type { SessionRow } from '../auth/session-repo.ts';
import { AppError } from '../errors.ts';
import { hasUnstorableCharacters } from './validation.ts';

export const SESSION_COOKIE = 'hersys_session';
/** My HER-SYS: a patient's session, apart from any staff session in the same browser. */
export const PATIENT_COOKIE = 'hersys_patient';

export type AuthLevel = 'public' | 'pending' | 'user' | 'patient';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthLevel;
    /** Called by another server with a bearer token, never with cookies: no CSRF token to ask for. */
    bearer?: true;
    /** The service opens its own transactions (sessions of the user, like the login steps): no request transaction. */
    ownTransactions?: true;
  }
  interface FastifyRequest {
    authentication: Authentication;
    /** The signed-in patient of a 'patient' route. */
    patient?: Patient;
  }
}

export const levelOf = (request: FastifyRequest): AuthLevel => request.routeOptions.config.auth ?? 'user';
const guarded = (request: FastifyRequest) => !request.is404 && request.url.startsWith('/api/');

/** A logged-in user's API request: its session is checked in its own transaction, which the work joins. */
export const usesRequestTransaction = (request: FastifyRequest) =>
  guarded(request) && (levelOf(request) === 'user' || levelOf(request) === 'patient') && !request.routeOptions.config.ownTransactions;

/** Answers a request whose session does not allow it. */
export function refuse(auth: Authentication, reply: FastifyReply): never {
  if (auth.kind === 'expired') {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new AppError(401, 'session_expired');
  }
  if (auth.kind === 'pending') throw new AppError(401, 'step_required', { stage: auth.session.stage });
  throw new AppError(401, 'unauthenticated');
}

export function installSessions(app: FastifyInstance, deps: AuthDeps): void {
  app.decorateRequest('authentication', null as never);
  app.addHook('onRequest', async (request, reply) => {
    const level = levelOf(request);
    // Sessions guard the API; the web app's files outside /api hold no data.
    if (level === 'public' || !guarded(request)) return;
    if (level === 'patient') {
      if (!request.cookies[PATIENT_COOKIE]) throw new AppError(401, 'patient_unauthenticated');
      return; // checked in the request's transaction
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) refuse({ kind: 'none' }, reply);
    if (usesRequestTransaction(request)) return; // checked once the request is parsed, in its transaction
    const auth = await authenticate(deps, token);
    request.authentication = auth;
    if (auth.kind === 'user' || (auth.kind === 'pending' && level === 'pending')) return;
    refuse(auth, reply);
  });
}

export function setSessionCookie(reply: FastifyReply, deps: AuthDeps, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    secure: deps.config.COOKIE_SECURE,
    sameSite: 'strict',
    path: '/',
  });
}

export function setPatientCookie(reply: FastifyReply, deps: AuthDeps, token: string): void {
  reply.setCookie(PATIENT_COOKIE, token, { httpOnly: true, secure: deps.config.COOKIE_SECURE, sameSite: 'strict', path: '/' });
}

/** The patient of a 'patient' route and the audit context. */
export function patientContextOf(request: FastifyRequest): PatientContext {
  if (!request.patient) throw new AppError(401, 'patient_unauthenticated');
  return { patient: request.patient, clientAddr: request.ip ?? null };
}

export const clientOf = (request: FastifyRequest): Client => ({
  clientAddr: request.ip ?? null,
  userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
});

/** The session of a route with auth 'pending' (also accepts a finished login). */
export function sessionOf(request: FastifyRequest): SessionRow {
  const auth = request.authentication;
  if (auth.kind !== 'pending' && auth.kind !== 'user') throw new AppError(401, 'unauthenticated');
  return auth.session;
}

/** The purpose a user gave for opening personal data, sent in a header (never in the URL). */
const PURPOSE_HEADER = 'x-hersys-purpose';

export function contextOf(request: FastifyRequest): RequestContext {
  const auth = request.authentication;
  if (auth.kind !== 'user') throw new AppError(401, 'unauthenticated');
  const raw = request.headers[PURPOSE_HEADER];
  let purpose: string | null = null;
  if (typeof raw === 'string' && raw) {
    try {
      purpose = decodeURIComponent(raw).slice(0, 500);
    } catch {
      throw new AppError(400, 'invalid_input', {}, [{ path: ['headers', PURPOSE_HEADER], code: 'invalid_input' }]);
    }
    if (hasUnstorableCharacters(purpose)) throw new AppError(400, 'invalid_input', {}, [{ path: ['headers', PURPOSE_HEADER], code: 'invalid_characters' }]);
  }
  return { actor: auth.actor, clientAddr: request.ip ?? null, purpose };
}
