// Errors a service raises on purpose. The HTTP layer turns them into answers with the status, the
// message key and both languages (src/server/http/error-handler.ts); anything else is a 500.
import type { MessageKey } from '../domain/messages.ts';

export interface FieldError {
  path: (string | number)[];
  code: string;
}

export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 423 | 429,
    readonly code: MessageKey,
    readonly details: Record<string, unknown> = {},
    readonly fields: FieldError[] = [],
  ) {
    super(code);
  }
}

export const notFound = () => new AppError(404, 'not_found');
export const versionConflict = (current: number) => new AppError(409, 'version_conflict', { currentVersion: current });
/** A 400 on one field whose message is a catalogue key (e.g. a password rule). */
export const fieldError = (path: (string | number)[], code: MessageKey) =>
  new AppError(400, 'invalid_input', {}, [{ path, code }]);
