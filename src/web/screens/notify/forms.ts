// The form definitions in the browser: the same versioned JSON files the server validates with
// (src/domain/forms/definitions), parsed by the same schema, the version in force chosen by the
// same function (selectForm) for the disease on the diagnosis date, today while it is not known.
import { japanToday } from '../../../domain/calendar.ts';
import { currentDiseases, selectForm } from '../../../domain/forms/answers.ts';
import { FormDefinition } from '../../../domain/forms/definition.ts';
import type { DiagnosisMethod } from '../../../domain/lab-tests.ts';
import type { Localized } from '../../../domain/messages.ts';
import { ageOn, isIsoDate } from '../../../domain/logic-checks.ts';

const files = import.meta.glob('../../../domain/forms/definitions/*.json', { eager: true, import: 'default' });

/** Every shipped version, checked as the server checks it when it starts. */
export const DEFINITIONS: FormDefinition[] = Object.values(files).map((json) => FormDefinition.parse(json));

/** Today's calendar date in Japan. */
export const today = () => japanToday(new Date());

/** The version of the disease's form in force on a diagnosis date (today while it is empty); undefined when none was. */
export const formInForce = (disease: string, diagnosedOn: string | null | undefined): FormDefinition | undefined =>
  diagnosedOn && !isIsoDate(diagnosedOn) ? undefined : selectForm(DEFINITIONS, disease, diagnosedOn || today());

/** A stored notification's version. */
export const formVersion = (disease: string, version: string): FormDefinition | undefined => DEFINITIONS.find((d) => d.formId === disease && d.version === version);

/** Each disease by its newest version (name, category, deadline, methods as they stand), in the law's order. */
export const DISEASES: FormDefinition[] = currentDiseases(DEFINITIONS);

/** The disease's newest version. */
export const diseaseOf = (code: string): FormDefinition | undefined => DISEASES.find((d) => d.formId === code);

/** The disease's name in both languages; its code when no shipped form names it. */
export const diseaseName = (code: string): Localized => diseaseOf(code)?.disease ?? { ja: code, en: code };

/** The disease's methods and their specimens as its newest form has them (tests added to a case). */
export const methodsOf = (code: string): readonly DiagnosisMethod[] => diseaseOf(code)?.diagnosis.methods ?? [];

export { formatDate } from '../../dates.ts';

/** Age in completed years on a date (the diagnosis date, or today), when the birth date is a real date. */
export const ageAt = (birthDate: string | null | undefined, on?: string | null): number | undefined =>
  birthDate && isIsoDate(birthDate) ? ageOn(birthDate, on && isIsoDate(on) ? on : today()) : undefined;
