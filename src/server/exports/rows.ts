// The rows of an export: one query in the user's transaction, kept to their scope by export_rows
// (0037: the cases policy's own condition, without a policy function per person and notification), read through a cursor in batches (flat memory for a million rows), in the export's
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
  const where: SQL[] = [sql`v.created_at <= ${asOf.toISOString()}::timestamptz`];
  if (f.classification) where.push(sql`v.classification = ${f.classification}`);
  if (f.confirmed !== undefined) where.push(f.confirmed ? sql`v.confirmed_at IS NOT NULL` : sql`v.confirmed_at IS NULL`);
  if (f.institutionId) where.push(sql`v.reporting_org_id = ${f.institutionId}::uuid`);
  // Registration dates are Japan's calendar days, as on the case list.
  if (f.createdFrom) where.push(sql`v.created_at >= (${f.createdFrom}::date::timestamp AT TIME ZONE 'Asia/Tokyo')`);
  if (f.createdTo) where.push(sql`v.created_at < ((${f.createdTo}::date + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')`);
  if (f.diagnosedFrom) where.push(sql`v.diagnosed_on >= ${f.diagnosedFrom}::date`);
  if (f.diagnosedTo) where.push(sql`v.diagnosed_on <= ${f.diagnosedTo}::date`);
  // export_rows (0037) applies the user's scope as the cases policy does, without a policy call per row.
  return sql`FROM export_rows v WHERE ${sql.join(where, sql` AND `)}`;
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
    SELECT v.case_id, v.case_number, v.name_kanji, v.name_kana, v.sex, v.birth_date::text AS birth_date, v.residence_address, v.phone,
           v.institution, v.classification, v.onset_on::text AS onset_on, v.diagnosed_on::text AS diagnosed_on,
           v.confirmed_at IS NOT NULL AS confirmed, v.current_status, v.status_effective_on::text AS status_effective_on,
           to_json(v.created_at)#>>'{}' AS created_at
    ${from(f, asOf)}
    ORDER BY md5(${salt}::text || v.case_number) COLLATE "C", v.case_number`);
  for (;;) {
    const found = await rows<ExportRow>(tx, sql.raw(`FETCH ${batch} FROM export_rows`));
    if (found.length === 0) break;
    yield found;
    if (found.length < batch) break;
  }
  await tx.execute(sql`CLOSE export_rows`);
}
