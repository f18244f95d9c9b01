// A rule's refusals as one 400 with a field path and a catalogue message for each (DESIGN.md §6).
import type { DailyReportProblem } from '../../domain/daily-reports/rules.ts';
import { AppError } from '../errors.ts';

export const refuse = (problems: DailyReportProblem[], details: Record<string, unknown> = {}) =>
  new AppError(400, 'invalid_input', details, problems.map((p) => ({ path: ['body', ...p.path], code: p.code })));
