// The SQL of open data: the prefectures' series from the rollups, and the frozen publications.
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';

/** Per prefecture code, measure and day, the rollups' sums up to `to` (several organisations may share a code). */
export async function prefectureSeries(tx: Tx, measures: readonly string[], to: string) {
  return rows<{ code: string; measure: string; day: string; n: number }>(
    tx,
    sql`SELECT o.area_code AS code, r.measure, r.day::text AS day, sum(r.n)::int AS n
          FROM count_by r JOIN organizations o ON o.id = r.area_id
         WHERE o.kind = 'prefecture' AND o.area_code IS NOT NULL AND r.dim = 'all'
           AND r.measure = ANY (${pgArray(measures)}::text[]) AND r.day <= ${to}
         GROUP BY 1, 2, 3`,
  );
}

/** New cases per prefecture, day, age band and sex in a window. */
export async function casesByAgeSex(tx: Tx, from: string, to: string) {
  return rows<{ code: string; day: string; age_band: string; sex: string; n: number }>(
    tx,
    sql`SELECT o.area_code AS code, r.day::text AS day, r.age_band, r.sex, sum(r.n)::int AS n
          FROM count_rollup r JOIN organizations o ON o.id = r.area_id
         WHERE o.kind = 'prefecture' AND o.area_code IS NOT NULL AND r.measure = 'reported' AND r.day BETWEEN ${from} AND ${to}
         GROUP BY 1, 2, 3, 4`,
  );
}

export interface PublicationRow {
  id: string;
  published_on: string;
  covers_from: string;
  covers_to: string;
  threshold: number;
  created_at: string | Date;
}

const PUBLICATION = sql`SELECT id, published_on::text, covers_from::text, covers_to::text, threshold, created_at FROM publications`;

export async function publicationOn(tx: Tx, on: string): Promise<PublicationRow | undefined> {
  return (await rows<PublicationRow>(tx, sql`${PUBLICATION} WHERE published_on = ${on}`))[0];
}

export async function latestBefore(tx: Tx, on: string): Promise<PublicationRow | undefined> {
  return (await rows<PublicationRow>(tx, sql`${PUBLICATION} WHERE published_on < ${on} ORDER BY published_on DESC LIMIT 1`))[0];
}

export async function recentPublications(tx: Tx, limit: number): Promise<PublicationRow[]> {
  return rows<PublicationRow>(tx, sql`${PUBLICATION} ORDER BY published_on DESC LIMIT ${limit}`);
}

export async function fileOf(tx: Tx, publicationId: string, fileId: string): Promise<{ csv: string; sha256: string; rows: number } | undefined> {
  const [f] = await rows<{ csv_gzip: Buffer | Uint8Array; sha256: string; rows: number }>(
    tx,
    sql`SELECT csv_gzip, sha256, rows FROM publication_files WHERE publication_id = ${publicationId} AND file_id = ${fileId}`,
  );
  return f && { csv: gunzipSync(f.csv_gzip).toString('utf8'), sha256: f.sha256, rows: f.rows };
}

export async function filesOf(tx: Tx, publicationId: string) {
  return rows<{ file_id: string; sha256: string; rows: number; bytes: number }>(
    tx,
    sql`SELECT file_id, sha256, rows, length(csv_gzip) AS bytes FROM publication_files WHERE publication_id = ${publicationId} ORDER BY file_id`,
  );
}

export async function revisionsOf(tx: Tx, publicationId: string, limit: number) {
  const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM publication_revisions WHERE publication_id = ${publicationId}`);
  const list = await rows<{ file_id: string; row_key: string; column_name: string; previous: string; value: string }>(
    tx,
    sql`SELECT file_id, row_key, column_name, previous, value FROM publication_revisions WHERE publication_id = ${publicationId}
         ORDER BY file_id, row_key, column_name LIMIT ${limit}`,
  );
  return { total: n, list };
}

export async function insertPublication(
  tx: Tx,
  p: { publishedOn: string; from: string; to: string; threshold: number },
  files: { fileId: string; csvGzip: Buffer; sha256: string; rows: number }[],
  revisions: { fileId: string; key: string; column: string; previous: string; value: string }[],
): Promise<string> {
  const [{ id }] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO publications (published_on, covers_from, covers_to, threshold) VALUES (${p.publishedOn}, ${p.from}, ${p.to}, ${p.threshold}) RETURNING id`,
  );
  for (const f of files) {
    await tx.execute(sql`INSERT INTO publication_files (publication_id, file_id, csv_gzip, sha256, rows) VALUES (${id}, ${f.fileId}, ${f.csvGzip}, ${f.sha256}, ${f.rows})`);
  }
  if (revisions.length) {
    await tx.execute(sql`
      INSERT INTO publication_revisions (publication_id, file_id, row_key, column_name, previous, value)
      SELECT ${id}, r->>'fileId', r->>'key', r->>'column', r->>'previous', r->>'value' FROM jsonb_array_elements(${JSON.stringify(revisions)}::jsonb) r`);
  }
  return id;
}
