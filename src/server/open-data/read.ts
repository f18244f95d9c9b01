// Reading published open data (public, no login): the index, a file as CSV or JSON.
import { parseCsvText } from '../../domain/statistics/open-data-csv.ts';
import { fileSpec, OPEN_DATA_FILE_IDS, type OpenDataFileId } from '../../domain/statistics/open-data-dictionary.ts';
import type { OpenDataFileParams } from '../../domain/api/open-data.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { fileOf, filesOf, publicationOn, recentPublications, revisionsOf } from './repo.ts';

const REVISIONS_SHOWN = 200;

export async function openDataIndex(db: Database) {
  return db.asSystem(async (tx) => {
    const recent = await recentPublications(tx, 60);
    const p = recent[0];
    if (!p) return { latest: null, publications: [] };
    const files = await filesOf(tx, p.id);
    const revisions = await revisionsOf(tx, p.id, REVISIONS_SHOWN);
    return {
      latest: {
        publishedOn: p.published_on,
        coversFrom: p.covers_from,
        coversTo: p.covers_to,
        threshold: p.threshold,
        files: files.map((f) => ({ fileId: f.file_id as OpenDataFileId, fileName: fileSpec(f.file_id as OpenDataFileId).fileName, rows: f.rows, sha256: f.sha256 })),
        revisions: {
          total: revisions.total,
          list: revisions.list.map((r) => ({ fileId: r.file_id as OpenDataFileId, rowKey: r.row_key, column: r.column_name, previous: r.previous, value: r.value })),
        },
      },
      publications: recent.map((r) => ({ publishedOn: r.published_on, coversTo: r.covers_to })),
    };
  });
}

/** A published file, by date ('latest' or yyyy-mm-dd) and name (<id>.csv or <id>.json). */
export async function openDataFile(db: Database, params: OpenDataFileParams): Promise<{ type: 'csv' | 'json'; body: string | object; fileName: string }> {
  const [id, type] = params.file.split('.') as [string, 'csv' | 'json'];
  if (!(OPEN_DATA_FILE_IDS as readonly string[]).includes(id)) throw notFound();
  const fileId = id as OpenDataFileId;
  return db.asSystem(async (tx) => {
    const p = params.date === 'latest' ? (await recentPublications(tx, 1))[0] : await publicationOn(tx, params.date);
    const file = p && (await fileOf(tx, p.id, fileId));
    if (!p || !file) throw notFound();
    const fileName = `${p.published_on}-${params.file}`;
    if (type === 'csv') return { type, body: file.csv, fileName };
    // JSON: the same table keyed by its headers, counts as numbers and suppressed cells as null.
    const spec = fileSpec(fileId);
    const [header, ...rows] = parseCsvText(file.csv);
    const records = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, spec.columns[i].type === 'count' ? (r[i] === '' ? null : Number(r[i])) : r[i]])));
    return { type, body: { fileId, publishedOn: p.published_on, columns: header, records }, fileName };
  });
}
