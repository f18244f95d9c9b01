// Which audit rows are accesses to a case or person, which are the lists a user works from, and
// which are work (a change) rather than a look. The explanation job, the risk rules and the hard
// limit read audit actions only through these lists.

/**
 * Areas whose rows are not a look at a patient's record: sign-in, IDs, organisations, the audit
 * and the review itself (an officer reading evidence), statistics, questions, self-registration
 * drafts before a case exists, and the owner's jobs.
 */
const NOT_RECORD_AREAS = [
  'auth',
  'users',
  'orgs',
  'audit',
  'security_flags',
  'statistics',
  'access_questions',
  'access_review',
  'review',
  'incidents',
  'compliance',
  'misuse_reports',
  'request',
  'demo',
  'patient',
  // FHIR clients' registration (issue 15): systems and their keys, no patient.
  'fhir_clients',
] as const;

/** Actions that show no personal data though they name cases: the centre that gave a case away sees its number only. */
const NOT_RECORD_ACTIONS = ['fhir.token', 'cases.transfers_read', 'self_registrations.list', 'self_registrations.code', 'self_registrations.start', 'self_registrations.submit'];

/** The areas and actions the job leaves out, for the SQL that reads the log. */
export const NOT_ACCESS = { areas: [...NOT_RECORD_AREAS] as string[], actions: NOT_RECORD_ACTIONS };

/**
 * Lists a user works from: a page of names chosen by the system within the user's scope. They are
 * not accesses on their own (the record opened from them is), but they explain those that follow
 * (the work list), and a search followed by no work is a risk rule.
 */
export const LISTING_ACTIONS = { work_list: ['worklist.read'], search: ['cases.search', 'persons.duplicate_check'] } as const;
export const LISTINGS: readonly string[] = [...LISTING_ACTIONS.work_list, ...LISTING_ACTIONS.search];

export function isAccess(action: string): boolean {
  return !(NOT_RECORD_AREAS as readonly string[]).includes(action.split('.')[0]) && !NOT_RECORD_ACTIONS.includes(action) && !LISTINGS.includes(action);
}

/** Looks that change nothing; every other access is work on the case. */
export const LOOK_VERBS: readonly string[] = ['read', 'list', 'search', 'history', 'chain', 'status_read', 'responsibility_read', 'duplicate_check', 'photo'];

export function isWork(action: string): boolean {
  return isAccess(action) && !LOOK_VERBS.includes(action.split('.').slice(1).join('.'));
}

/** Opening one record: what the hard limit counts (the list and search pages are limited by their page size). */
export const OPEN_ACTIONS: readonly string[] = [
  'cases.read',
  'notifications.read',
  'notifications.history',
  'contacts.read',
  'observations.read',
  'residences.read',
  'hospital_course.read',
  'alerts.read',
  'cases.status_read',
  'cases.responsibility_read',
  'external_ids.list',
  'processing_numbers.list',
  'patients.access.read',
  'contacts.list',
];

/** The record an opening names: the case in its details, else its first record id (the same rule as app_access_limit()). */
export function openedRecord(entry: { action: string; recordIds?: readonly string[]; details?: Record<string, unknown> }): string | null {
  if (!OPEN_ACTIONS.includes(entry.action)) return null;
  const caseId = entry.details?.caseId;
  if (typeof caseId === 'string') return caseId;
  return entry.recordIds?.[0] ?? null;
}
