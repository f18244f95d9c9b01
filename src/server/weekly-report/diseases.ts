// The diseases of the weekly report: every shipped form's disease, named as its newest version
// names it, in the law's order of categories (the screen of notification lists them so too).
import { DISEASE_CATEGORIES } from '../../domain/forms/definition.ts';
import type { WeeklyDisease } from '../../domain/weekly-report/report.ts';
import { formDefinitions, newestForm } from '../notifications/forms.ts';

export function weeklyDiseases(): WeeklyDisease[] {
  return [...new Set(formDefinitions().map((d) => d.formId))]
    .map(newestForm)
    .sort((a, b) => DISEASE_CATEGORIES.indexOf(a.category) - DISEASE_CATEGORIES.indexOf(b.category) || a.disease.ja.localeCompare(b.disease.ja, 'ja'))
    .map((d) => ({ code: d.formId, name: { ja: d.disease.ja, en: d.disease.en }, category: d.category }));
}
