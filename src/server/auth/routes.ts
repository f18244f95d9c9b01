// /api/auth: parse, call the service, set the cookie, answer.
import { eq } from 'drizzle-orm';
import '@fastify/csrf-protection';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CodeBody, CsrfToken, LoginBody, Me, NextStep, PasswordChangeBody, TotpEnrolment } from '../../domain/api/auth.ts';
import { organizations, users } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { clientOf, contextOf, SESSION_COOKIE, sessionOf, setSessionCookie } from '../http/session.ts';
import { addressLimit } from './address-limit.ts';
import * as auth from './service.ts';

const tags = ['auth'];
const tooSoon = Problem.describe(
  'login_backoff (failed logins of this ID) or rate_limited (requests from this address), with Retry-After: the seconds after which neither refuses, so a retry then is checked',
);
const wrongCode = Problem.describe(
  'totp_invalid: the code is wrong or was already used. Counted with wrong passwords: the back-off (429 login_backoff) and the lock (423 account_locked) follow',
);

export const authRoutes = (deps: auth.AuthDeps & { loginRateWindowMs?: number }): FastifyPluginAsyncZod => async (app) => {
  // Each login step has its own count per address (address-limit.ts).
  const limit = () => addressLimit(app, deps.config.LOGIN_RATE_LIMIT_PER_MINUTE, deps.loginRateWindowMs ?? 60_000);
  const [loginLimit, codeLimit, passwordLimit, enrolmentLimit] = [limit(), limit(), limit(), limit()];

  app.get('/csrf', {
    config: { auth: 'public' },
    schema: { tags, summary: 'A CSRF token to send as X-CSRF-Token with every state-changing request', response: { 200: CsrfToken } },
  }, async (_request, reply) => ({ token: reply.generateCsrf() }));

  app.post('/login', {
    config: { auth: 'public' },
    onRequest: loginLimit.count,
    schema: { tags, summary: 'Step 1: login ID and password', body: LoginBody, response: { 200: NextStep, 429: tooSoon } },
  }, async (request, reply) => {
    const { token, stage } = await auth.login(deps, clientOf(request), request.body.loginId, request.body.password, loginLimit.of(request));
    setSessionCookie(reply, deps, token);
    return { next: stage };
  });

  app.post('/totp', {
    config: { auth: 'pending' },
    onRequest: codeLimit.count,
    schema: { tags, summary: 'Step 2: the one-time code from the authenticator app', body: CodeBody, response: { 200: NextStep, 401: wrongCode, 429: tooSoon } },
  }, async (request, reply) => {
    const { token } = await auth.verifyLoginCode(deps, clientOf(request), sessionOf(request), request.body.code, codeLimit.of(request));
    setSessionCookie(reply, deps, token);
    return { next: 'done' as const };
  });

  app.post('/password', {
    config: { auth: 'pending' },
    onRequest: passwordLimit.count,
    schema: { tags, summary: 'Change the password (required at first login)', body: PasswordChangeBody, response: { 200: NextStep } },
  }, async (request, reply) => {
    passwordLimit.refuseOver(request);
    const { currentPassword, newPassword } = request.body;
    const { token, stage } = await auth.changePassword(deps, clientOf(request), sessionOf(request), currentPassword, newPassword);
    setSessionCookie(reply, deps, token);
    return { next: stage };
  });

  app.post('/totp/enrolment', {
    config: { auth: 'pending' },
    schema: { tags, summary: 'First login: a new authenticator secret as an otpauth URI and QR code', response: { 200: TotpEnrolment } },
  }, async (request) => auth.startTotpEnrolment(deps, clientOf(request), sessionOf(request)));

  app.post('/totp/enrolment/confirm', {
    config: { auth: 'pending' },
    onRequest: enrolmentLimit.count,
    schema: { tags, summary: 'First login: the first code from the app; completes the login', body: CodeBody, response: { 200: NextStep, 401: wrongCode } },
  }, async (request, reply) => {
    enrolmentLimit.refuseOver(request);
    const { token } = await auth.confirmTotpEnrolment(deps, clientOf(request), sessionOf(request), request.body.code);
    setSessionCookie(reply, deps, token);
    return { next: 'done' as const };
  });

  app.post('/logout', {
    config: { auth: 'pending' },
    schema: { tags, summary: 'End this session', response: { 204: z.null() } },
  }, async (request, reply) => {
    await auth.logout(deps, clientOf(request), sessionOf(request), false);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/logout-everywhere', {
    config: { ownTransactions: true },
    schema: { tags, summary: 'End every session of this ID, on every device', response: { 204: z.null() } },
  }, async (request, reply) => {
    await auth.logout(deps, clientOf(request), sessionOf(request), true);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/me', {
    schema: { tags, summary: 'The logged-in user, organisation and session', response: { 200: Me } },
  }, async (request) => {
    const { actor } = contextOf(request);
    const session = sessionOf(request);
    const [row] = await deps.db.asActor(actor, (tx) =>
      tx.select({ user: users, org: organizations }).from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(eq(users.id, actor.userId)),
    );
    return {
      user: { id: row.user.id, loginId: row.user.loginId, displayName: row.user.displayName, roles: actor.roles },
      organization: { id: row.org.id, kind: actor.orgKind, nameJa: row.org.nameJa, nameEn: row.org.nameEn },
      session: { expiresAt: session.expiresAt.toISOString(), idleMinutes: deps.config.SESSION_IDLE_MINUTES },
    };
  });
};
