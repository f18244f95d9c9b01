// A rule's refusals as one 400 with a field path and a catalogue message for each (DESIGN.md §6);
// the daily report's and the sentinel report's rules (src/server/sentinel) both refuse this way.
import type { MessageKey } from '../../domain/messages.ts';
import { AppError } from '../errors.ts';

export const refuse = (problems: { path: (string | number)[]; code: MessageKey }[], details: Record<string, unknown> = {}) =>
  new AppError(400, 'invalid_input', details, problems.map((p) => ({ path: ['body', ...p.path], code: p.code })));
