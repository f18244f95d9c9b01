// Request validation with the same zod schemas that document the API. Each problem is reported
// with its path (prefixed by the request part: body, querystring, params, headers) and zod's own
// Japanese and English messages, so a client can show it at the field.
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { MESSAGES } from '../../domain/messages.ts';
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

/**
 * PostgreSQL refuses NUL in text and jsonb (a 500 after the fact), and silently stores an
 * unpaired UTF-16 surrogate as U+FFFD. With the u flag a surrogate pair is one code point and
 * does not match; a lone half does.
 */
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

export const hasUnstorableCharacters = (value: string) => UNSTORABLE.test(value);

interface Step {
  up: Step | null;
  key: string | number;
}

function pathTo(step: Step | null): (string | number)[] {
  const path: (string | number)[] = [];
  for (let s = step; s; s = s.up) path.push(s.key);
  return path.reverse();
}

/**
 * Every string (and object key) of a request part that PostgreSQL cannot store as sent. Walked
 * without recursion and without copying paths: a body may nest as deep as its 1 MB allow.
 */
export function unstorableFields(data: unknown, prefix: string): ProblemField[] {
  const fields: ProblemField[] = [];
  const report = (step: Step | null) =>
    fields.push({ path: [prefix, ...pathTo(step)], code: 'invalid_characters', message: MESSAGES.invalid_characters });
  const stack: [unknown, Step | null][] = [[data, null]];
  while (stack.length) {
    const [value, at] = stack.pop()!;
    if (typeof value === 'string') {
      if (hasUnstorableCharacters(value)) report(at);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { up: at, key: i }]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value).reverse()) {
        if (hasUnstorableCharacters(key)) report({ up: at, key });
        else stack.push([item, { up: at, key }]);
      }
    }
  }
  return fields;
}

const pathKey = (field: ProblemField) => JSON.stringify(field.path);

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const part = httpPart ?? 'body';
    // Checked here, before any schema, so that no field of any route can carry them in.
    const unstorable = unstorableFields(data, part);
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success && !unstorable.length) return { value: result.data };
    const seen = new Set(unstorable.map(pathKey));
    const others = result.success ? [] : fieldsOf(result.error, part).filter((f) => !seen.has(pathKey(f)));
    return { error: new RequestValidationError([...unstorable, ...others]) };
  };
