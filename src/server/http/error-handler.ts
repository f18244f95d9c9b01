// Every error becomes a Problem answer: what the client sent wrong is a 4xx with field paths and
// both languages; only our own faults are 500, logged without request data.
import type { FastifyError, FastifyInstance } from 'fastify';
import { MESSAGES, type MessageKey } from '../../domain/messages.ts';
import { pgErrorCode } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { problem } from './problem.ts';
import { RequestValidationError } from './validation.ts';

/** Fastify's own client errors, by code. */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, MessageKey]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [400, 'invalid_input'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_input'],
  FST_CSRF_INVALID_TOKEN: [403, 'csrf_invalid'],
  FST_CSRF_MISSING_SECRET: [403, 'csrf_invalid'],
};

/** PostgreSQL errors a request can provoke without any fault of ours. */
const PG_CLIENT_ERRORS: Record<string, [number, MessageKey]> = {
  '23505': [409, 'version_conflict'], // a concurrent insert of the same key
  '40001': [409, 'version_conflict'], // serialization failure
  '42501': [403, 'forbidden'], // row-level security refused the row
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { status?: number }, request, reply) => {
    if (error instanceof RequestValidationError) {
      return reply.status(400).send(problem(400, 'invalid_input', error.fields));
    }
    if (error instanceof AppError) {
      const fields = error.fields.map((f) => ({
        ...f,
        message: f.code in MESSAGES ? MESSAGES[f.code as MessageKey] : MESSAGES.invalid_input,
      }));
      if (error.status === 429 && typeof error.details.retryAfterSeconds === 'number') {
        reply.header('retry-after', String(error.details.retryAfterSeconds));
      }
      return reply.status(error.status).send(problem(error.status, error.code, fields, error.details));
    }
    const sqlState = pgErrorCode(error);
    const known = (error.code && FASTIFY_CLIENT_ERRORS[error.code]) || (sqlState && PG_CLIENT_ERRORS[sqlState]);
    if (known) return reply.status(known[0]).send(problem(known[0], known[1]));
    if (error.statusCode === 429) return reply.status(429).send(problem(429, 'rate_limited'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(problem(error.statusCode, 'invalid_input'));
    }
    // Ours. Log what helps to fix it, never the request body or a database error's detail
    // (which can quote the values of a row).
    request.log.error({ err: { type: error.name, code: error.code, message: error.message, stack: error.stack } }, 'request failed');
    return reply.status(500).send(problem(500, 'internal'));
  });

  app.setNotFoundHandler((_request, reply) => reply.status(404).send(problem(404, 'not_found')));
}
