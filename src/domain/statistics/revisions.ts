// Published figures are frozen per publication date; a later publication that gives a different
// number for a day already published shows it as a revision, never as a silent change (issue 13).
import { parseCsvText } from './open-data-csv.ts';
import { fileSpec, type OpenDataFileId } from './open-data-dictionary.ts';

export interface Revision {
  /** The row's key: its date, and for the long files its prefecture, age band and sex. */
  key: string;
  column: string;
  previous: string;
  value: string;
}

/** Every value of a row present in both publications that changed; rows new in `current` are not revisions. */
export function revisionsBetween(fileId: OpenDataFileId, previousCsv: string, currentCsv: string): Revision[] {
  const spec = fileSpec(fileId);
  const keyColumns = spec.columns.flatMap((c, i) => (c.type === 'count' ? [] : [i]));
  const rowsOf = (csv: string) => {
    const [header, ...rows] = parseCsvText(csv);
    return { header, rows: new Map(rows.map((r) => [keyColumns.map((i) => r[i]).join(' '), r])) };
  };
  const before = rowsOf(previousCsv);
  const after = rowsOf(currentCsv);
  const out: Revision[] = [];
  for (const [key, row] of after.rows) {
    const old = before.rows.get(key);
    if (!old) continue;
    row.forEach((value, i) => {
      if (!keyColumns.includes(i) && old[i] !== value) out.push({ key, column: after.header[i], previous: old[i], value });
    });
  }
  return out;
}
