// The one shape of every error answer, documented in OpenAPI from this schema:
//   { statusCode, code, message: {ja, en}, errors?: [{ path, code, message: {ja, en} }] }
import { z } from 'zod';
import { MESSAGES, type Localized, type MessageKey } from '../../domain/messages.ts';

const localized = z.object({ ja: z.string(), en: z.string() });

export const Problem = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    message: localized,
    errors: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: localized }))
      .optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export interface ProblemField {
  path: (string | number)[];
  code: string;
  message: Localized;
}

export function problem(
  statusCode: number,
  code: MessageKey,
  errors?: ProblemField[],
  details?: Record<string, unknown>,
): Problem {
  return {
    statusCode,
    code,
    message: MESSAGES[code],
    ...(errors?.length ? { errors } : {}),
    ...(details && Object.keys(details).length ? { details } : {}),
  };
}
