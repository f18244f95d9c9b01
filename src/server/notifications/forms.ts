// The notification's form definitions (src/domain/forms/definitions): which version is in force on
// a diagnosis date, and what a version refuses (answers that do not fit, items it no longer collects).
import { readdirSync, readFileSync } from 'node:fs';
import { japanToday } from '../../domain/calendar.ts';
import { currentDiseases, selectForm, validateAnswers } from '../../domain/forms/answers.ts';
import { FormDefinition, versionSequenceProblems } from '../../domain/forms/definition.ts';
import { notCollectedGiven } from '../../domain/notification.ts';
import { AppError } from '../errors.ts';
import type { NotificationRow } from './repo.ts';

const DEFINITIONS_DIR = new URL('../../domain/forms/definitions/', import.meta.url);
let definitions: FormDefinition[] | undefined;

/** The shipped form versions, read once; overlapping or gapped versions are a deployment fault. */
export function formDefinitions(): FormDefinition[] {
  if (!definitions) {
    const defs = readdirSync(DEFINITIONS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => FormDefinition.parse(JSON.parse(readFileSync(new URL(f, DEFINITIONS_DIR), 'utf8'))));
    const problems = versionSequenceProblems(defs);
    if (problems.length) throw new Error(`form definitions: ${problems.join('; ')}`);
    definitions = defs;
  }
  return definitions;
}

/** The version in force on the diagnosis date (today while it is not known); a 400 at `path` when none is. */
export function formInForce(formId: string, diagnosedOn: string | null | undefined, path: (string | number)[] = ['body', 'diagnosedOn']): FormDefinition {
  requireDisease(formId);
  const on = diagnosedOn ?? japanToday(new Date());
  const def = selectForm(formDefinitions(), formId, on);
  if (!def) throw new AppError(400, 'invalid_input', { disease: formId, on }, [{ path, code: 'no_form_in_force' }]);
  return def;
}

let diseases: FormDefinition[] | undefined;

/** Each shipped disease by its newest version, in the law's order (read once, as the definitions are). */
export const shippedDiseases = (): FormDefinition[] => (diseases ??= currentDiseases(formDefinitions()));

/** A disease's newest version: its name, category and deadline as they stand now. */
export function newestForm(disease: string): FormDefinition {
  const def = shippedDiseases().find((d) => d.formId === disease);
  if (!def) throw new Error(`no form for the disease ${disease}`);
  return def;
}

/** A disease is named by the code of a shipped form (form id = disease code). */
export function requireDisease(code: string, path: (string | number)[] = ['body', 'disease']): void {
  if (!formDefinitions().some((d) => d.formId === code)) throw new AppError(400, 'invalid_input', { disease: code }, [{ path, code: 'unknown_disease' }]);
}

/** The version a stored notification was filed under. */
export function formOf(n: Pick<NotificationRow, 'formId' | 'formVersion'>): FormDefinition {
  const def = formDefinitions().find((d) => d.formId === n.formId && d.version === n.formVersion);
  if (!def) throw new Error(`form ${n.formId} ${n.formVersion} is not shipped`);
  return def;
}

/** Answers that do not fit the form are a 400 at ['body', 'answers', …], with the item's own wording in details. */
export function checkAnswers(def: FormDefinition, answers: unknown): void {
  const { errors } = validateAnswers(def, answers, 'law');
  if (!errors.length) return;
  const at = (p: (string | number)[]) => ['body', 'answers', ...p];
  throw new AppError(
    400,
    'invalid_input',
    { formVersion: def.version, answers: errors.map((e) => ({ path: at(e.path), code: e.code, message: e.message })) },
    errors.map((e) => ({ path: at(e.path), code: e.code })),
  );
}

/** The 2022-06-30 ordinance dropped items: a version that no longer collects one refuses a value for it. */
export function checkCollected(def: FormDefinition, n: Parameters<typeof notCollectedGiven>[1]): void {
  const given = notCollectedGiven(def, n);
  if (given.length) throw new AppError(400, 'invalid_input', { formVersion: def.version }, given.map((c) => ({ path: ['body', c], code: 'not_collected_by_form' })));
}
