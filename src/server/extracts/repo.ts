// SQL for pseudonymised extracts (issue 14, migration 0039), run in the user's transaction: row-level
// security decides which cases the extract reads, and who reads the log.
import { desc, sql } from 'drizzle-orm';
import type { CaseStatus } from '../../domain/case-status.ts';
import type { Classification } from '../../domain/notification.ts';
import type { Severity } from '../../domain/severity.ts';
import { rows, type Tx } from '../db/database.ts';
import { extracts } from '../db/schema.ts';

export type ExtractRowDb = typeof extracts.$inferSelect;

export interface SourceRow {
  case_id: string;
  sex: 'male' | 'female';
  birth_date: string;
  residence_address: string | null;
  disease: string;
  classification: Classification;
  diagnosed_on: string | null;
  onset_on: string | null;
  reported_on: string;
  current_status: CaseStatus | null;
  worst_severity: Severity | null;
  hospitalised: boolean;
  answers: unknown;
}

/**
 * The notified cases the user sees whose first 「報告」 (Japan date) falls in the period, with the
 * notification in force (the newest not superseded by 追加登録, Q&A 7). A case seen only under a
 * break-the-glass grant is left out: a grant is for the emergency, not for analysis.
 */
export function sources(tx: Tx, from: string, to: string) {
  return rows<SourceRow>(
    tx,
    sql`
      SELECT c.id AS case_id, p.sex, p.birth_date::text AS birth_date, p.residence_address,
             n.form_id AS disease, n.classification, n.diagnosed_on::text AS diagnosed_on, n.onset_on::text AS onset_on,
             r.reported_on::text AS reported_on, c.current_status, n.answers,
             (SELECT cc.severity FROM clinical_course cc WHERE cc.case_id = c.id
               ORDER BY array_position(ARRAY['mild','moderate1','moderate2','severe'], cc.severity) DESC LIMIT 1) AS worst_severity,
             (coalesce(n.admitted, false)
              OR EXISTS (SELECT 1 FROM admissions a WHERE a.case_id = c.id)
              OR EXISTS (SELECT 1 FROM case_status_changes s WHERE s.case_id = c.id AND s.status = 'hospitalized')) AS hospitalised
        FROM cases c
        JOIN persons p ON p.id = c.person_id
        JOIN LATERAL (SELECT min((first_submitted_at AT TIME ZONE 'Asia/Tokyo')::date) AS reported_on
                        FROM notifications WHERE case_id = c.id AND status = 'submitted') r ON true
        JOIN LATERAL (SELECT form_id, classification, diagnosed_on, onset_on, admitted, answers
                        FROM notifications WHERE case_id = c.id AND status = 'submitted'
                       ORDER BY superseded_at IS NULL DESC, first_submitted_at DESC LIMIT 1) n ON true
       WHERE c.created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo'
         AND r.reported_on BETWEEN ${from}::date AND ${to}::date
         AND (NOT c.id = ANY ((SELECT app_granted_case_ids(false))::uuid[]) OR app_in_scope_case(c.id))`,
  );
}

export type NewExtract = Omit<typeof extracts.$inferInsert, 'id' | 'createdAt'>;

export async function insertExtract(tx: Tx, values: NewExtract): Promise<ExtractRowDb> {
  const [row] = await tx.insert(extracts).values(values).returning();
  return row;
}

/** The extracts the user may see (row-level security: the organisation's, or the officer's tree), newest first. */
export function listExtracts(tx: Tx, limit: number) {
  return tx.select().from(extracts).orderBy(desc(extracts.createdAt)).limit(limit);
}
