// Every error becomes a Problem answer: what the client sent wrong is a 4xx with field paths and
// both languages; a database that cannot serve now is a 503 with Retry-After; only our own faults
// are 500, logged without request data.
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { MESSAGES, type MessageKey } from '../../domain/messages.ts';
import { pgErrorCode } from '../db/database.ts';
import { isUnavailable } from '../db/unavailable.ts';
import { AppError } from '../errors.ts';
import { problem, type Problem } from './problem.ts';
import { RequestValidationError } from './validation.ts';

/** Seconds a client is asked to wait when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

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
  // NUL in text or jsonb. The validator refuses it at the field (http/validation.ts); this covers
  // text read outside the schemas, such as the decoded X-Hersys-Purpose header.
  '22021': [400, 'invalid_characters'],
  '22P05': [400, 'invalid_characters'],
};

export interface Answer {
  status: number;
  body: Problem;
  headers: Record<string, string>;
}

/** The answer to an error, or null when it is our own fault (a 500). */
export function answerFor(error: FastifyError & { status?: number }): Answer | null {
  const answer = (status: number, body: Problem, headers: Record<string, string> = {}) => ({ status, body, headers });
  if (error instanceof RequestValidationError) return answer(400, problem(400, 'invalid_input', error.fields));
  if (error instanceof AppError) {
    const fields = error.fields.map((f) => ({
      ...f,
      message: f.code in MESSAGES ? MESSAGES[f.code as MessageKey] : MESSAGES.invalid_input,
    }));
    const retryAfter: Record<string, string> =
      error.status === 429 && typeof error.details.retryAfterSeconds === 'number' ? { 'retry-after': String(error.details.retryAfterSeconds) } : {};
    return answer(error.status, problem(error.status, error.code, fields, error.details), retryAfter);
  }
  if (isUnavailable(error)) return answer(503, problem(503, 'database_unavailable'), { 'retry-after': String(RETRY_AFTER_SECONDS) });
  const sqlState = pgErrorCode(error);
  const known = (error.code && FASTIFY_CLIENT_ERRORS[error.code]) || (sqlState && PG_CLIENT_ERRORS[sqlState]);
  if (known) return answer(known[0], problem(known[0], known[1]));
  if (error.statusCode === 429) return answer(429, problem(429, 'rate_limited'));
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return answer(error.statusCode, problem(error.statusCode, 'invalid_input'));
  return null;
}

/**
 * What may be logged of an error: its kind, codes, the constraint and table a database error names,
 * the start of the statement (placeholders, never values) and where in our code it was thrown.
 * Never a message: a database error's message and detail quote the values of a row, Drizzle's
 * message carries the statement's parameters, and even JSON.parse quotes its input.
 */
export function loggable(err: unknown): Record<string, unknown> {
  const e = err as { name?: string; code?: unknown; stack?: string; cause?: unknown; query?: unknown };
  const db = (e.cause ?? e) as { code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown };
  return {
    type: e.name,
    code: pgErrorCode(err) ?? (typeof e.code === 'string' ? e.code : undefined),
    constraint: typeof db.constraint === 'string' ? db.constraint : undefined,
    table: typeof db.table === 'string' ? db.table : undefined,
    column: typeof db.column === 'string' ? db.column : undefined,
    statement: typeof e.query === 'string' ? e.query.replace(/\s+/g, ' ').slice(0, 80) : undefined,
    at: e.stack
      ?.split('\n')
      .filter((line) => line.startsWith('    at '))
      .slice(0, 8)
      .map((line) => line.trim()),
  };
}

/** Logs an error we did not expect, without personal data. */
export function logFailure(log: FastifyBaseLogger, err: unknown, what: string): void {
  log.error({ err: loggable(err) }, what);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError & { status?: number }, request, reply) => {
    const answer = answerFor(error);
    if (!answer) {
      logFailure(request.log, error, 'request failed');
      return reply.status(500).send(problem(500, 'internal'));
    }
    if (answer.status === 503) request.log.warn({ err: loggable(error) }, 'database unavailable');
    return reply.status(answer.status).headers(answer.headers).send(answer.body);
  });

  app.setNotFoundHandler((_request, reply) => reply.status(404).send(problem(404, 'not_found')));
}
