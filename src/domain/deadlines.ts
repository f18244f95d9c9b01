// When a 発生届 is due (感染症法第12条): 直ちに for Categories 1–4 and some of Category 5, within 7 days
// of the diagnosis for the rest of Category 5 (each disease's definition says which). "Immediately"
// has no hour in the law; hersys holds it to the end of the day after the diagnosis, the 24-hour
// aim the ministry asks for measles. Pure: today is an input.
import { addDays } from './contacts.ts';
import type { Deadline, DiseaseCategory } from './forms/definition.ts';

const DAYS: Record<Deadline, number> = { immediate: 1, within_7_days: 7 };

/** The last day a notification diagnosed on `diagnosedOn` is on time. */
export function dueOn(deadline: Deadline, diagnosedOn: string): string {
  return addDays(diagnosedOn, DAYS[deadline]);
}

/** A first 「報告」 on `submittedOn` after the due day is late: the centre is told. */
export function isLate(dueOn: string | null, submittedOn: string): boolean {
  return dueOn !== null && submittedOn > dueOn;
}

/** Days before a draft's due day from which the work list shows it. */
export const DUE_SOON_DAYS = 1;

export type DeadlineState = 'due_soon' | 'overdue' | 'submitted_late';

/** Where a notification stands against its deadline on `today`; null when there is nothing to show. */
export function deadlineState(n: { status: string; dueOn: string | null; submittedLate: boolean; confirmed: boolean }, today: string): DeadlineState | null {
  if (n.status === 'submitted') return n.submittedLate && !n.confirmed ? 'submitted_late' : null;
  if (n.status !== 'draft' || n.dueOn === null) return null;
  if (today > n.dueOn) return 'overdue';
  return today >= addDays(n.dueOn, -DUE_SOON_DAYS) ? 'due_soon' : null;
}

/** Categories 1 and 2 alert the prefecture at once, besides the centre. */
export function alertsPrefecture(category: DiseaseCategory): boolean {
  return category === 'category_1' || category === 'category_2';
}
