// SQL of bulk uploads (migration 0043): uploads, their rows, and the counts the screen polls.
// Row-level security keeps both to the uploader's organisation.
import { sql } from 'drizzle-orm';
import type { RowProblem } from '../../domain/bulk-upload/check.ts';
import { rows, type Tx } from '../db/database.ts';

export interface UploadRow {
  id: string;
  org_id: string;
  file_name: string;
  file_format: 'csv' | 'xlsx';
  institution_id: string;
  institution_name: string | null;
  disease: string;
  source: 'direct' | 'fax' | 'paper';
  row_count: number;
  created_at: string | Date;
}

export interface Duplicate {
  personId: string;
  maskedName: string;
  matchedBy: string[];
  cases: { caseId: string; caseNumber: string }[];
}

export interface RowRecord {
  row_no: number;
  status: 'unchecked' | 'error' | 'duplicate' | 'ready' | 'registered';
  cells: Record<string, string>;
  problems: RowProblem[];
  duplicates: Duplicate[];
  duplicate_decision: string | null;
  masked_name: string | null;
  case_id: string | null;
  case_number: string | null;
  notification_id: string | null;
  submitted: boolean;
  version: number;
}

export interface Counts {
  total: number;
  checked: number;
  error: number;
  duplicate: number;
  ready: number;
  registered: number;
}

const UPLOAD_COLUMNS = sql`u.id, u.org_id, u.file_name, u.file_format, u.institution_id, o.name_ja AS institution_name, u.disease, u.source, u.row_count, u.created_at`;

/** A new upload; null when the organisation already uploaded the same file (the unique index answers). */
export async function insertUpload(
  tx: Tx,
  u: { id: string; orgId: string; uploadedBy: string; fileName: string; fileFormat: string; contentHash: string; institutionId: string; disease: string; source: string; rowCount: number },
): Promise<boolean> {
  const r = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO bulk_uploads (id, org_id, uploaded_by, file_name, file_format, content_hash, institution_id, disease, source, row_count)
        VALUES (${u.id}, ${u.orgId}, ${u.uploadedBy}, ${u.fileName}, ${u.fileFormat}, ${u.contentHash}, ${u.institutionId}, ${u.disease}, ${u.source}, ${u.rowCount})
        ON CONFLICT (org_id, content_hash) DO NOTHING RETURNING id`,
  );
  return r.length === 1;
}

export async function findUploadByHash(tx: Tx, orgId: string, contentHash: string): Promise<UploadRow | undefined> {
  const [u] = await rows<UploadRow>(
    tx,
    sql`SELECT ${UPLOAD_COLUMNS} FROM bulk_uploads u LEFT JOIN organizations o ON o.id = u.institution_id
        WHERE u.org_id = ${orgId} AND u.content_hash = ${contentHash}`,
  );
  return u;
}

export async function findUpload(tx: Tx, id: string): Promise<UploadRow | undefined> {
  const [u] = await rows<UploadRow>(tx, sql`SELECT ${UPLOAD_COLUMNS} FROM bulk_uploads u LEFT JOIN organizations o ON o.id = u.institution_id WHERE u.id = ${id}`);
  return u;
}

export async function listUploads(tx: Tx, limit: number): Promise<UploadRow[]> {
  return rows<UploadRow>(tx, sql`SELECT ${UPLOAD_COLUMNS} FROM bulk_uploads u LEFT JOIN organizations o ON o.id = u.institution_id ORDER BY u.created_at DESC LIMIT ${limit}`);
}

/** The rows as read from the file, in one statement per thousand. */
export async function insertRows(tx: Tx, uploadId: string, orgId: string, list: { rowNo: number; cells: Record<string, string> }[]): Promise<void> {
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000).map((r) => ({ row_no: r.rowNo, cells: r.cells }));
    await tx.execute(sql`INSERT INTO bulk_upload_rows (upload_id, org_id, row_no, cells)
      SELECT ${uploadId}, ${orgId}, r.row_no, r.cells FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS r(row_no integer, cells jsonb)`);
  }
}

export async function countsOf(tx: Tx, uploadIds: string[]): Promise<Map<string, Counts>> {
  if (!uploadIds.length) return new Map();
  const found = await rows<{ upload_id: string; status: RowRecord['status']; n: number }>(
    tx,
    sql`SELECT upload_id, status, count(*)::int AS n FROM bulk_upload_rows
        WHERE upload_id IN (${sql.join(uploadIds.map((id) => sql`${id}::uuid`), sql`, `)}) GROUP BY upload_id, status`,
  );
  const counts = new Map(uploadIds.map((id) => [id, { total: 0, checked: 0, error: 0, duplicate: 0, ready: 0, registered: 0 } as Counts]));
  for (const r of found) {
    const c = counts.get(r.upload_id)!;
    c.total += r.n;
    if (r.status !== 'unchecked') {
      c.checked += r.n;
      c[r.status] += r.n;
    }
  }
  return counts;
}

const ROW_COLUMNS = sql`row_no, status, cells, problems, duplicates, duplicate_decision, masked_name, case_id, case_number, notification_id, submitted, version`;

export async function rowsOf(tx: Tx, uploadId: string): Promise<RowRecord[]> {
  return rows<RowRecord>(tx, sql`SELECT ${ROW_COLUMNS} FROM bulk_upload_rows WHERE upload_id = ${uploadId} ORDER BY row_no`);
}

/** The next rows not yet checked, locked so that two pollers do not check the same ones. */
export async function uncheckedRows(tx: Tx, uploadId: string, limit: number): Promise<RowRecord[]> {
  return rows<RowRecord>(
    tx,
    sql`SELECT ${ROW_COLUMNS} FROM bulk_upload_rows WHERE upload_id = ${uploadId} AND status = 'unchecked' ORDER BY row_no LIMIT ${limit} FOR UPDATE SKIP LOCKED`,
  );
}

/** A row locked for a change or its registration. */
export async function lockRow(tx: Tx, uploadId: string, rowNo: number): Promise<RowRecord | undefined> {
  const [r] = await rows<RowRecord>(tx, sql`SELECT ${ROW_COLUMNS} FROM bulk_upload_rows WHERE upload_id = ${uploadId} AND row_no = ${rowNo} FOR UPDATE`);
  return r;
}

/** Rows ready to register; `withoutWarnings`: only those no check warns about (to submit, a warning must be acknowledged). */
export async function readyRowNumbers(tx: Tx, uploadId: string, limit: number, withoutWarnings = false): Promise<number[]> {
  const r = await rows<{ row_no: number }>(
    tx,
    sql`SELECT row_no FROM bulk_upload_rows WHERE upload_id = ${uploadId} AND status = 'ready'
        ${withoutWarnings ? sql`AND NOT problems @> '[{"severity":"warning"}]'::jsonb` : sql``} ORDER BY row_no LIMIT ${limit}`,
  );
  return r.map((x) => x.row_no);
}

export interface CheckedRow {
  rowNo: number;
  cells: Record<string, string>;
  status: RowRecord['status'];
  problems: RowProblem[];
  duplicates: Duplicate[];
  duplicateDecision: string | null;
}

/** The outcome of checking rows, in one statement. */
export async function saveChecked(tx: Tx, uploadId: string, list: CheckedRow[]): Promise<void> {
  if (!list.length) return;
  const json = JSON.stringify(
    list.map((r) => ({ row_no: r.rowNo, cells: r.cells, status: r.status, problems: r.problems, duplicates: r.duplicates, duplicate_decision: r.duplicateDecision })),
  );
  await tx.execute(sql`UPDATE bulk_upload_rows b
    SET cells = r.cells, status = r.status, problems = r.problems, duplicates = r.duplicates, duplicate_decision = r.duplicate_decision, version = b.version + 1
    FROM jsonb_to_recordset(${json}::jsonb) AS r(row_no integer, cells jsonb, status text, problems jsonb, duplicates jsonb, duplicate_decision text)
    WHERE b.upload_id = ${uploadId} AND b.row_no = r.row_no AND b.status <> 'registered'`);
}

/** A registered row keeps the case it made and the masked name; the values typed are dropped. */
export async function markRegistered(
  tx: Tx,
  uploadId: string,
  rowNo: number,
  r: { maskedName: string; caseId: string; caseNumber: string; notificationId: string; submitted: boolean; userId: string },
): Promise<void> {
  await tx.execute(sql`UPDATE bulk_upload_rows
    SET status = 'registered', cells = '{}'::jsonb, problems = '[]'::jsonb, duplicates = '[]'::jsonb, masked_name = ${r.maskedName},
        case_id = ${r.caseId}, case_number = ${r.caseNumber}, notification_id = ${r.notificationId}, submitted = ${r.submitted},
        registered_at = now(), registered_by = ${r.userId}, version = version + 1
    WHERE upload_id = ${uploadId} AND row_no = ${rowNo} AND status = 'ready'`);
}

/** A row whose registration failed: an error to fix (nothing of it was registered). */
export async function markFailed(tx: Tx, uploadId: string, rowNo: number, problems: RowProblem[]): Promise<void> {
  await tx.execute(sql`UPDATE bulk_upload_rows SET status = 'error', problems = problems || ${JSON.stringify(problems)}::jsonb, version = version + 1
    WHERE upload_id = ${uploadId} AND row_no = ${rowNo} AND status <> 'registered'`);
}

/** The upload was worked on (a check, a fix, a registration): its unregistered rows are kept BULK_UPLOAD_KEEP_DAYS from now. */
export async function touchUpload(tx: Tx, uploadId: string): Promise<void> {
  await tx.execute(sql`UPDATE bulk_uploads SET touched_at = now() WHERE id = ${uploadId}`);
}

/**
 * Discarding an upload: its rows not registered are deleted (the values typed, personal data);
 * registered rows keep what they keep (the case, the masked name). An upload left with no row is
 * deleted too, so the same file may be uploaded again. Answers the counts.
 */
export async function discardUpload(tx: Tx, uploadId: string): Promise<{ rowsDeleted: number; registeredKept: number; uploadDeleted: boolean }> {
  const deleted = await rows<{ row_no: number }>(tx, sql`DELETE FROM bulk_upload_rows WHERE upload_id = ${uploadId} AND status <> 'registered' RETURNING row_no`);
  const [kept] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM bulk_upload_rows WHERE upload_id = ${uploadId}`);
  let uploadDeleted = false;
  if (kept.n === 0) uploadDeleted = (await rows<{ id: string }>(tx, sql`DELETE FROM bulk_uploads WHERE id = ${uploadId} RETURNING id`)).length === 1;
  return { rowsDeleted: deleted.length, registeredKept: kept.n, uploadDeleted };
}

/** Uploads untouched for `days` days that still hold rows not registered (the expiry job, as the system). */
export async function staleUploadIds(tx: Tx, days: number): Promise<string[]> {
  const r = await rows<{ id: string }>(
    tx,
    sql`SELECT u.id FROM bulk_uploads u WHERE u.touched_at < now() - make_interval(days => ${days})
        AND EXISTS (SELECT 1 FROM bulk_upload_rows r WHERE r.upload_id = u.id AND r.status <> 'registered') ORDER BY u.touched_at`,
  );
  return r.map((x) => x.id);
}
