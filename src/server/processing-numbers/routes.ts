// /api/cases/:id/processing-numbers (health centre) and /api/processing-numbers/redeem (the contact
// app's server, with a bearer token shared with its operator).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProcessingNumberIssued, ProcessingNumberList, RedeemBody, Redeemed } from '../../domain/api/processing-numbers.ts';
import { IdParams } from '../../domain/api/users.ts';
import { PROCESSING_NUMBER_VALIDITY_HOURS } from '../../domain/processing-number.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { Problem } from '../http/problem.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const tags = ['processing numbers'];

export interface ProcessingNumberOptions {
  /** Hours a new number may be redeemed (PROCESSING_NUMBER_VALIDITY_HOURS). */
  validityHours?: number;
  /** Shared with the contact app's operator; without one there is no redemption route (404). */
  redeemToken?: string;
  /** Redemption attempts per minute from one address. */
  redeemRateLimitPerMinute?: number;
}

/** A token shorter than this is too easy to guess for a route open to the Internet. */
export const MIN_REDEEM_TOKEN_LENGTH = 32;

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Compares digests, which have one length, so the time taken tells nothing of the token. */
function bearerMatches(request: FastifyRequest, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), expected);
}

export const processingNumberRoutes = (db: Database, options: ProcessingNumberOptions = {}): FastifyPluginAsyncZod => async (app) => {
  const validityHours = options.validityHours ?? PROCESSING_NUMBER_VALIDITY_HOURS;
  if (!(validityHours > 0)) throw new Error('processing numbers: validityHours must be positive');

  app.post('/cases/:id/processing-numbers', {
    schema: {
      tags,
      summary: '処理番号: issue a one-time number for the contact-confirmation app at the patient’s request (responsible or related centre); shown once, earlier unused ones are revoked',
      params: IdParams,
      response: { 201: ProcessingNumberIssued },
    },
  }, async (request, reply) => reply.status(201).send(await service.issueProcessingNumber(db, contextOf(request), request.params.id, { validityHours })));

  app.get('/cases/:id/processing-numbers', {
    schema: {
      tags,
      summary: 'The processing numbers issued for a case: when, by whom, until when, and their state; never the numbers',
      params: IdParams,
      response: { 200: ProcessingNumberList },
    },
  }, async (request) => ({ processingNumbers: await service.listProcessingNumbers(db, contextOf(request), request.params.id) }));

  if (!options.redeemToken) return;
  if (options.redeemToken.length < MIN_REDEEM_TOKEN_LENGTH) {
    throw new Error(`processing numbers: the redemption token must have at least ${MIN_REDEEM_TOKEN_LENGTH} characters`);
  }
  const expected = digest(options.redeemToken);
  app.post('/processing-numbers/redeem', {
    config: { auth: 'public', bearer: true, rateLimit: { max: options.redeemRateLimitPerMinute ?? 60, timeWindow: '1 minute' } },
    // After the rate limit (onRequest), before the body is read: a wrong token learns nothing.
    preValidation: async (request) => {
      if (!bearerMatches(request, expected)) throw new AppError(401, 'redeem_token_invalid');
    },
    schema: {
      tags,
      summary: 'For the contact app’s server (Authorization: Bearer <token>): redeem a processing number once; answers the case’s self-report ID only',
      security: [{ contactAppToken: [] }],
      body: RedeemBody,
      response: { 200: Redeemed, 422: Problem },
    },
  }, async (request) => {
    const result = await service.redeemProcessingNumber(db, request.body.number, request.ip ?? null);
    if (!result.ok) throw new AppError(422, `processing_number_${result.reason}`);
    return { selfReportId: result.selfReportId };
  });
};
