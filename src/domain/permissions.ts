// What each role may do, deny by default (DESIGN.md §4). Services ask `can()` before any work so
// that a user gets a clear 403; row-level security then limits which rows the work may touch.
import type { Role } from './organizations.ts';

const GRANTS = {
  /** Issue, suspend, reactivate and delete IDs, change their roles and the quotas. */
  'users.manage': ['org_admin'],
  /** Read the list of IDs (with last login and the unused-ID list) and review flags. */
  'users.read': ['org_admin'],
  /** Read the audit trail of the organisations one administers. */
  'audit.read': ['org_admin'],
  /** Read cases within one's scope (which cases: row-level security decides). */
  'cases.read': ['doctor', 'clerk', 'hc_staff', 'prefecture_staff', 'coordination_hq', 'facility_staff', 'followup_staff', 'helpdesk'],
  /** Register persons and cases and enter test records (a health centre on an institution's behalf). */
  'cases.register': ['doctor', 'clerk', 'hc_staff'],
  /** Write a notification draft: a clerk may type it (Q&A 17). */
  'notifications.draft': ['doctor', 'clerk', 'hc_staff'],
  /** Submit (報告): the doctor, or a health centre entering a faxed or paper notification. */
  'notifications.submit': ['doctor', 'hc_staff'],
  /** Correct a submitted notification (SG: proxy edit for the prefecture). */
  'notifications.correct': ['doctor', 'hc_staff', 'prefecture_staff'],
  /** 保健所確認済, and withdrawing a notification (Q&A 3, 14-2). */
  'notifications.confirm': ['hc_staff'],
  'notifications.withdraw': ['hc_staff'],
  // Follow-up (issue 4). Which cases: row-level security; which moves: the domain rules.
  /** 記録タブ「現在のステータス」: the centre owns it; a hospital, facility or follow-up centre moves its own (case-status.ts). */
  'cases.status': ['hc_staff', 'doctor', 'clerk', 'facility_staff', 'followup_staff'],
  /** 居所: where the person stays; a facility or hospital stay gives that organisation access. */
  'residences.write': ['hc_staff'],
  /** Transfer to another centre, related centres, follow-up-centre assignments (Q&A 4). */
  'cases.responsibility': ['hc_staff'],
  /** 医療タブ: admissions and the clinical course, by the hospital (Q&A 9) or the centre. */
  'hospital_course.write': ['doctor', 'clerk', 'hc_staff'],
  /** 健康観察 entries by staff. */
  'observations.record': ['hc_staff', 'facility_staff', 'followup_staff', 'doctor', 'clerk'],
  /** The centre's work list (missing or stale status, red-flag alerts) and acknowledging alerts. */
  'worklist.read': ['hc_staff'],
  'alerts.acknowledge': ['hc_staff'],
  /** 濃厚接触者: registered and followed by the centre; read by the prefecture too. */
  'contacts.read': ['hc_staff', 'prefecture_staff', 'coordination_hq'],
  'contacts.manage': ['hc_staff'],
  /** 処理番号 for the contact-notification app, at the patient's request (Q&A 2). */
  'processing_numbers.issue': ['hc_staff'],
  /** NESID and local IDs of a case (Q&A 10). */
  'external_ids.manage': ['hc_staff', 'prefecture_staff'],
  // My HER-SYS (issue 11).
  /** Invite the patient of a case to report from a phone: the centre, the notifying doctor, a follow-up centre for its cases. */
  'patients.invite': ['hc_staff', 'doctor', 'followup_staff'],
  /** Pause a case's reminders, link household members. */
  'patients.manage': ['hc_staff', 'followup_staff'],
  /** Read and answer patients' questions about an access by one's organisation. */
  'access_questions.answer': ['org_admin'],
  // Access review (issue 12): the privacy officer of each organisation reviews its tree.
  /** The alert queue, the evidence of an alert (personal data only inside it), explanation statistics. */
  'access_review.read': ['privacy_officer'],
  /** Dismiss, ask the user, escalate, confirm misuse. */
  'access_review.decide': ['privacy_officer'],
  /** Mark a person's record sensitive (public figure, staff): the responsible centre's staff. */
  'persons.mark_sensitive': ['hc_staff'],
  /** The leak-incident register (seed 004) and the reports made from it. */
  'incidents.manage': ['privacy_officer'],
  /** The compliance report for an organisation and a period (seed 000 §2–4). */
  'compliance.read': ['privacy_officer'],
  /** Counts without personal data, e.g. inpatients by severity (Q&A 9). */
  'statistics.read': ['ministry_staff', 'prefecture_staff', 'coordination_hq'],
  /** The counting dashboards (issue 13): a centre its own area, a prefecture its centres, the ministry every prefecture. */
  'statistics.counts': ['ministry_staff', 'prefecture_staff', 'coordination_hq', 'hc_staff'],
  /** The weekly surveillance report (週報, issue 16): the ministry any prefecture, others their own and the nation; counts only. */
  'weekly_report.read': ['ministry_staff', 'prefecture_staff', 'coordination_hq', 'hc_staff'],
  // The daily aggregate report (日次報告, issue 13): counts only, no personal data.
  /** File the institution's own report (a clerk may type it: the counts are no diagnosis). */
  'daily_reports.file': ['doctor', 'clerk'],
  /** Correct a report: the institution on its day, the prefecture any day with a reason. */
  'daily_reports.correct': ['doctor', 'clerk', 'prefecture_staff'],
  /** Read reports in scope (which: row-level security, migration 0030). */
  'daily_reports.read': ['doctor', 'clerk', 'hc_staff', 'prefecture_staff', 'ministry_staff'],
  /** The centre's list of its area's reports with late, missing and overlap flags; who is expected to report. */
  'daily_reports.monitor': ['hc_staff', 'prefecture_staff'],
  // Sentinel surveillance (定点把握, issue 16): counts only, no personal data.
  /** Designate the prefecture's medical institutions as sentinel sites, and end designations. */
  'sentinel.designate': ['prefecture_staff'],
  /** File the designated institution's weekly report (a clerk may type it, as the daily report). */
  'sentinel.file': ['doctor', 'clerk'],
  /** Correct a weekly report: the institution until it is due, the prefecture any time with a reason. */
  'sentinel.correct': ['doctor', 'clerk', 'prefecture_staff'],
  /** Read designations and reports in scope (which: row-level security, migration 0046). */
  'sentinel.read': ['doctor', 'clerk', 'hc_staff', 'prefecture_staff', 'ministry_staff'],
  /** Per-sentinel averages and alert levels: a prefecture its own, the ministry every prefecture. */
  'sentinel.statistics': ['prefecture_staff', 'ministry_staff'],
  // Break-the-glass (issue 14): a doctor receiving an emergency patient, a centre taking a case over.
  /** Find a case outside one's scope by HER-SYS ID or exact identity and take a time-limited grant on it. */
  'break_glass.request': ['doctor', 'hc_staff'],
  /** The grants on the centre's cases: who, when, why, until; mark them seen. */
  'break_glass.review': ['hc_staff'],
  // Pseudonymised extracts (issue 14, Q&A 21–22): a municipality analyses its own area's data or gives it
  // to researchers. Not the ministry: row-level security gives ministry_staff no case to extract.
  /** Make an extract of the cases in one's scope (pseudonyms, generalised quasi-identifiers, k-anonymity). */
  'extracts.create': ['hc_staff', 'prefecture_staff'],
  /** The organisation's log of extracts: their makers, and the privacy officers of the tree. */
  'extracts.read': ['hc_staff', 'prefecture_staff', 'privacy_officer'],
  // Retention (issue 14): the job's runs and what is due next, counts only; an administrator of the
  // ministry or a prefecture (mayReadRetention, src/domain/privacy/retention.ts), a privacy officer.
  'retention.read': ['privacy_officer', 'org_admin'],
  // Helpdesk access (issue 14, Q&A 24). The helpdesk reads a case only while its centre lets it (RLS).
  /** Ask the responsible centre for read-only, time-boxed access to named cases for a support ticket. */
  'helpdesk.request': ['helpdesk'],
  /** The helpdesk accesses to the centre's cases: approve, refuse, end, and the pages viewed under them. */
  'helpdesk.review': ['hc_staff'],
  // Exports (issue 14): staff who work from lists of their scope's cases; the database mirrors it (app_exports_holder, 0037).
  /** Export the case list or the line list (CSV/XLSX) with a reason, and approve another's export of the organisation. */
  export: ['hc_staff', 'prefecture_staff'],
  // FHIR API (issue 15): whoever administers a medical institution's IDs registers its systems as clients.
  /** Register, list and revoke the FHIR clients of the medical institutions one issues IDs for (own, or a centre's area). */
  'fhir_clients.manage': ['org_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;
export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = GRANTS[permission];
  return roles.some((r) => allowed.includes(r));
}
