// Request validation with the same zod schemas that document the API. Each problem is reported
// with its path (prefixed by the request part: body, querystring, params, headers) and zod's own
// Japanese and English messages, so a client can show it at the field.
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import type { ProblemField } from './problem.ts';

const ja = z.locales.ja().localeError;
const en = z.locales.en().localeError;

function text(result: ReturnType<typeof ja>, fallback: string): string {
  if (!result) return fallback;
  return typeof result === 'string' ? result : result.message;
}

export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(readonly fields: ProblemField[]) {
    super('invalid request');
  }
}

/**
 * zod's own message in each language; a schema's own message ("日本語 / English", as in
 * src/domain/api) when it gave one.
 */
function messageOf(issue: z.core.$ZodIssue) {
  const english = text(en(issue as never), issue.message);
  if (issue.message && issue.message !== english) {
    const [jaText, enText] = issue.message.split(' / ');
    return { ja: jaText, en: enText ?? jaText };
  }
  return { ja: text(ja(issue as never), issue.message), en: english };
}

export function fieldsOf(error: z.ZodError, prefix: string): ProblemField[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    code: issue.code,
    message: messageOf(issue),
  }));
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(fieldsOf(result.error, httpPart ?? 'body')) };
  };
