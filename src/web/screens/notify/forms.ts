// The form definitions in the browser: the same versioned JSON files the server validates with
// (src/domain/forms/definitions), parsed by the same schema, the version in force chosen by the
// same function (selectForm) on the diagnosis date, today while it is not known.
import { japanToday } from '../../../domain/calendar.ts';
import { selectForm } from '../../../domain/forms/answers.ts';
import { FormDefinition } from '../../../domain/forms/definition.ts';
import { ageOn, isIsoDate } from '../../../domain/logic-checks.ts';

const files = import.meta.glob('../../../domain/forms/definitions/*.json', { eager: true, import: 'default' });

/** Every shipped version, checked as the server checks it when it starts. */
export const DEFINITIONS: FormDefinition[] = Object.values(files).map((json) => FormDefinition.parse(json));

export const FORM_ID = 'covid19';

/** Today's calendar date in Japan. */
export const today = () => japanToday(new Date());

/** The version in force on a diagnosis date (today while it is empty); undefined when none was. */
export const formInForce = (diagnosedOn: string | null | undefined): FormDefinition | undefined =>
  diagnosedOn && !isIsoDate(diagnosedOn) ? undefined : selectForm(DEFINITIONS, FORM_ID, diagnosedOn || today());

/** A stored notification's version. */
export const formVersion = (version: string): FormDefinition | undefined => DEFINITIONS.find((d) => d.formId === FORM_ID && d.version === version);

export { formatDate } from '../../dates.ts';

/** Age in completed years on a date (the diagnosis date, or today), when the birth date is a real date. */
export const ageAt = (birthDate: string | null | undefined, on?: string | null): number | undefined =>
  birthDate && isIsoDate(birthDate) ? ageOn(birthDate, on && isIsoDate(on) ? on : today()) : undefined;
