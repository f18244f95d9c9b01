// The rows of an export: one query under the user's transaction, so row-level security keeps it to
// their scope, read through a cursor in batches (flat memory for a million rows), in the export's
// own order (fingerprint.ts), and bounded by the moment it was asked for, so the approver approved
// what is fetched (cases registered later are not in it).
import { sql, type SQL } from 'drizzle-orm';
import type { ExportFilters } from '../../domain/api/exports.ts';
import { rows, type Tx } from '../db/database.ts';

export interface ExportRow {
  case_id: string;
  case_number: string;
  name_kanji: string;
  name_kana: string;
  sex: 'male' | 'female';
  birth_date: string;
  residence_address: string | null;
  phone: string | null;
  institution: string | null;
  classification: string | null;
  onset_on: string | null;
  diagnosed_on: string | null;
  confirmed: boolean;
  current_status: string | null;
  status_effective_on: string | null;
  created_at: string;
}

function from(f: ExportFilters, asOf: Date): SQL {
  const where: SQL[] = [sql`c.created_at <= ${asOf.toISOString()}::timestamptz`];
  if (f.classification) where.push(sql`n.classification = ${f.classification}`);
  if (f.confirmed !== undefined) where.push(f.confirmed ? sql`n.confirmed_at IS NOT NULL` : sql`n.confirmed_at IS NULL`);
  if (f.institutionId) where.push(sql`c.reporting_org_id = ${f.institutionId}::uuid`);
  // Registration dates are Japan's calendar days, as on the case list.
  if (f.createdFrom) where.push(sql`c.created_at >= (${f.createdFrom}::date::timestamp AT TIME ZONE 'Asia/Tokyo')`);
  if (f.createdTo) where.push(sql`c.created_at < ((${f.createdTo}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')`);
  if (f.diagnosedFrom) where.push(sql`n.diagnosed_on >= ${f.diagnosedFrom}::date`);
  if (f.diagnosedTo) where.push(sql`n.diagnosed_on <= ${f.diagnosedTo}::date`);
  return sql`FROM cases c
    JOIN persons p ON p.id = c.person_id
    LEFT JOIN LATERAL (SELECT n.classification, n.onset_on, n.diagnosed_on, n.confirmed_at FROM notifications n
                       WHERE n.case_id = c.id AND n.status <> 'withdrawn' AND n.superseded_at IS NULL
                       ORDER BY n.created_at DESC LIMIT 1) n ON TRUE
    LEFT JOIN organizations o ON o.id = c.reporting_org_id
    WHERE ${sql.join(where, sql` AND `)}`;
}

/** How many rows the export holds (the number the approval is about). */
export async function countRows(tx: Tx, f: ExportFilters, asOf: Date): Promise<number> {
  const [row] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n ${from(f, asOf)}`);
  return row.n;
}

/** The rows in the export's order, `batch` at a time; the transaction must stay open while they are read. */
export async function* readRows(tx: Tx, f: ExportFilters, asOf: Date, salt: string, batch = 5000): AsyncGenerator<ExportRow[]> {
  // A fetch of a million rows is bulk work, not a request: no statement timeout for this transaction.
  await tx.execute(sql`SET LOCAL statement_timeout = 0`);
  await tx.execute(sql`DECLARE export_rows NO SCROLL CURSOR FOR
    SELECT c.id AS case_id, c.case_number, p.name_kanji, p.name_kana, p.sex, p.birth_date::text AS birth_date, p.residence_address, p.phone,
           o.name_ja AS institution, n.classification, n.onset_on::text AS onset_on, n.diagnosed_on::text AS diagnosed_on,
           n.confirmed_at IS NOT NULL AS confirmed, c.current_status, c.status_effective_on::text AS status_effective_on,
           to_json(c.created_at)#>>'{}' AS created_at
    ${from(f, asOf)}
    ORDER BY md5(${salt}::text || c.case_number) COLLATE "C", c.case_number`);
  for (;;) {
    const found = await rows<ExportRow>(tx, sql.raw(`FETCH ${batch} FROM export_rows`));
    if (found.length === 0) break;
    yield found;
    if (found.length < batch) break;
  }
  await tx.execute(sql`CLOSE export_rows`);
}
