// Error answers in the one shape (src/domain/api/problem.ts), with both languages from the catalogue.
import { Problem } from '../../domain/api/problem.ts';
import { MESSAGES, type Localized, type MessageKey } from '../../domain/messages.ts';

export { Problem };

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
