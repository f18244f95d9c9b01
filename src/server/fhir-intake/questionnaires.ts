// GET /fhir/Questionnaire and /fhir/Questionnaire/:id: every shipped form-definition version as a
// Questionnaire. Forms carry no personal data: nothing to scope or audit.
import type { Questionnaire } from '@medplum/fhirtypes';
import { questionnaireOf } from '../../domain/fhir-forms/questionnaire.ts';
import { formDefinitions } from '../notifications/forms.ts';

let all: Questionnaire[] | undefined;

/** Every form-definition version, oldest first; `url` / `version` narrow it as FHIR search does. */
export function questionnaires(search: { url?: string; version?: string } = {}): Questionnaire[] {
  all ??= [...formDefinitions()].sort((a, b) => a.formId.localeCompare(b.formId) || a.effectiveFrom.localeCompare(b.effectiveFrom)).map(questionnaireOf);
  return all.filter((q) => (search.url === undefined || q.url === search.url) && (search.version === undefined || q.version === search.version));
}

/** One version by its id (`covid19-2022-09-26`), or undefined. */
export function questionnaire(id: string): Questionnaire | undefined {
  return questionnaires().find((q) => q.id === id);
}
