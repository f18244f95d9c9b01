// /api/self-registrations: 陽性者登録. The person's two steps are public (no login; CSRF token from
// GET /api/auth/csrf; a per-address limit); the follow-up centre's review needs a login.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptSelfRegistrationBody,
  HealthCentreChoices,
  RegistrationPrefectures,
  RejectSelfRegistrationBody,
  SelfRegistrationAccepted,
  SelfRegistrationCode,
  SelfRegistrationDetail,
  SelfRegistrationList,
  SelfRegistrationQuery,
  SelfRegistrationRejected,
  SelfRegistrationStart,
  SelfRegistrationStarted,
  SelfRegistrationSubmitted,
} from '../../domain/api/self-registration.ts';
import { IdParams } from '../../domain/api/users.ts';
import { addressLimit } from '../auth/address-limit.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import { contextOf } from '../http/session.ts';
import { acceptRegistration } from './accept.ts';
import { healthCentreChoices, listRegistrations } from './list.ts';
import { readRegistration, registrationPhoto } from './read.ts';
import { rejectRegistration } from './reject.ts';
import { registrationPrefectures, startRegistration } from './start.ts';
import { verifyRegistration } from './verify.ts';

const tags = ['self-registration'];
/** The form with a photo of up to 2 MB, as base64 in JSON. */
const START_BODY_LIMIT = 3 * 1024 * 1024;

export const selfRegistrationRoutes = (
  db: Database,
  config: Pick<Config, 'PUBLIC_URL' | 'SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE'>,
  options: { rateWindowMs?: number } = {},
): FastifyPluginAsyncZod => async (app) => {
  const links = { publicUrl: config.PUBLIC_URL };
  const limit = () => addressLimit(app, config.SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE, options.rateWindowMs ?? 60_000);
  const [startLimit, codeLimit] = [limit(), limit()];

  app.get('/self-registrations/prefectures', {
    config: { auth: 'public' },
    schema: { tags, summary: 'The prefectures whose follow-up centre takes registrations (public)', response: { 200: RegistrationPrefectures } },
  }, async () => registrationPrefectures(db));

  app.post('/self-registrations', {
    config: { auth: 'public' },
    bodyLimit: START_BODY_LIMIT,
    onRequest: startLimit.count,
    schema: {
      tags,
      summary: 'Register a positive self-test (public, rate-limited per address): a 6-digit code goes by e-mail or SMS; the message carries the code and the reference only',
      body: SelfRegistrationStart,
      response: { 201: SelfRegistrationStarted, 429: Problem },
    },
  }, async (request, reply) => {
    startLimit.refuseOver(request);
    return reply.status(201).send(await startRegistration(db, request.ip ?? null, request.body));
  });

  app.post('/self-registrations/:id/verify', {
    config: { auth: 'public' },
    onRequest: codeLimit.count,
    schema: {
      tags,
      summary: 'Confirm the registration with the code: it then waits for the follow-up centre. Wrong codes are counted; after 5, or once expired, the person starts again',
      params: IdParams,
      body: SelfRegistrationCode,
      response: { 200: SelfRegistrationSubmitted, 422: Problem, 429: Problem },
    },
  }, async (request) => {
    codeLimit.refuseOver(request);
    return verifyRegistration(db, request.ip ?? null, request.params.id, request.body.code);
  });

  app.get('/self-registrations', {
    schema: {
      tags,
      summary: 'Registrations of the caller’s prefecture, masked (follow-up centre and prefecture staff; audited)',
      querystring: SelfRegistrationQuery,
      response: { 200: SelfRegistrationList },
    },
  }, async (request) => listRegistrations(db, contextOf(request), request.query));

  app.get('/self-registrations/health-centres', {
    schema: { tags, summary: 'The health centres of the caller’s prefecture: the responsible centre of an accepted case', response: { 200: HealthCentreChoices } },
  }, async (request) => healthCentreChoices(db, contextOf(request)));

  app.get('/self-registrations/:id', {
    schema: {
      tags,
      summary: 'Open a registration with its likely duplicates (reading is audited with its purpose)',
      params: IdParams,
      response: { 200: SelfRegistrationDetail },
    },
  }, async (request) => readRegistration(db, contextOf(request), request.params.id));

  app.get('/self-registrations/:id/photo', {
    schema: {
      tags,
      summary: 'The photo of the test result (audited)',
      params: IdParams,
      response: { 200: z.any().meta({ description: 'image/jpeg or image/png' }) },
    },
  }, async (request, reply) => {
    const photo = await registrationPhoto(db, contextOf(request), request.params.id);
    return reply.type(photo.contentType).header('content-disposition', 'inline').send(photo.bytes);
  });

  app.post('/self-registrations/:id/accept', {
    schema: {
      tags,
      summary: '受理: a doctor of the follow-up centre accepts: person, case, test, a submitted 発生届 filed by the doctor, and the My HER-SYS invitation',
      params: IdParams,
      body: AcceptSelfRegistrationBody,
      response: { 200: SelfRegistrationAccepted, 422: Problem },
    },
  }, async (request) => acceptRegistration(db, contextOf(request), request.params.id, request.body, links));

  app.post('/self-registrations/:id/reject', {
    schema: {
      tags,
      summary: '不受理: refuse with a reason; the person is told the reason by e-mail or SMS (no personal data in the message)',
      params: IdParams,
      body: RejectSelfRegistrationBody,
      response: { 200: SelfRegistrationRejected },
    },
  }, async (request) => rejectRegistration(db, contextOf(request), request.params.id, request.body, links));
};
