// How the review's rows read in the API: alerts with their subject, organisations by both names.
import type { AlertRowDb } from './repo.ts';

export const iso = (v: string | Date | null | undefined) => (v === null || v === undefined ? null : new Date(v).toISOString());

const org = (id: string, nameJa: string, nameEn: string) => ({ id, nameJa, nameEn });

export const toAlertRow = (a: AlertRowDb) => ({
  id: a.id,
  source: a.source,
  status: a.status,
  day: a.day,
  score: a.score,
  subject: a.subject_user_id
    ? { userId: a.subject_user_id, displayName: a.subject_name ?? '', roles: (a.subject_roles ?? []) as never[], contractorName: a.contractor_name }
    : null,
  subjectOrg: org(a.subject_org_id, a.subject_org_ja, a.subject_org_en),
  reviewOrg: org(a.review_org_id, a.review_org_ja, a.review_org_en),
  rules: [...new Set(a.hits.map((h) => h.rule))],
  createdAt: iso(a.created_at)!,
  version: a.version,
});
