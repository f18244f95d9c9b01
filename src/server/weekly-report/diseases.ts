// The diseases of the weekly report: every shipped form's disease, named as its newest version
// names it, in the law's order (as the notification screens list them).
import type { WeeklyDisease } from '../../domain/weekly-report/report.ts';
import { shippedDiseases } from '../notifications/forms.ts';

export function weeklyDiseases(): WeeklyDisease[] {
  return shippedDiseases().map((d) => ({ code: d.formId, name: { ja: d.disease.ja, en: d.disease.en }, category: d.category }));
}
