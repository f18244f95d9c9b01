// `hersys export identify FILE` (issue 14): which export a leaked file, or a few rows of it, came
// from. Read as the owner: every export's key is opened and its tag and check codes recomputed.
//
// - Check codes: the tag names the export (from the codes alone, other columns deleted); with the
//   row's HER-SYS ID beside it the row's MAC proves the row came from that export.
// - Without the check-code column: the rows' HER-SYS IDs in the export's own order (fingerprint.ts).
//   n rows in that order match a wrong export with chance 1/n!, so it is evidence from about 8
//   rows in the file's order (1/40320) and none once the rows are re-sorted.
// - The header block or the document properties, when present, name the export directly.
import { exportReasonOf, type ExportReason } from '../../domain/privacy/exports.ts';
import type { Database } from '../db/database.ts';
import type { Keyring } from '../secrets/keyring.ts';
import { CASE_NUMBER, CHECK_CODE, checkCode, exportKeyPlace, exportTag, orderKey, orderSalt } from './fingerprint.ts';
import * as repo from './repo.ts';

export interface Candidate {
  exportId: string;
  requesterName: string;
  orgName: string;
  createdAt: string;
  fetchedAt: string | null;
  reason: string;
  note: string;
  /** Rows whose check code carries the export's tag. */
  taggedRows: number;
  /** Of those, rows whose code verifies with the HER-SYS ID on the same line. */
  verifiedRows: number;
  /** Rows with a HER-SYS ID, and whether they stand in the export's own order. */
  orderedRows: number;
  inExportOrder: boolean;
  /** The header block or the document properties name this export. */
  named: boolean;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Lines of text (a CSV, a paste from a sheet, or an XLSX's sheets and properties turned into lines). */
export async function identify(db: Database, keyring: Keyring, lines: string[]): Promise<Candidate[]> {
  const parsed = lines.map((line) => ({
    codes: [...line.matchAll(CHECK_CODE)].map((m) => ({ code: m[0], tag: m[1] })),
    caseNumbers: [...line.matchAll(CASE_NUMBER)].map((m) => m[0]),
    ids: [...line.matchAll(UUID)].map((m) => m[0]),
  }));
  const named = new Set(parsed.flatMap((p) => p.ids));
  return db.asSystem(async (tx) => {
    const found: Candidate[] = [];
    for (const e of await repo.allExports(tx)) {
      const key = await keyring.open(tx, e.sealedKey, exportKeyPlace(e.id));
      const tag = exportTag(key, e.id);
      let taggedRows = 0;
      let verifiedRows = 0;
      for (const p of parsed) {
        const mine = p.codes.filter((c) => c.tag === tag);
        if (mine.length === 0) continue;
        taggedRows++;
        if (mine.some((c) => p.caseNumbers.some((n) => checkCode(key, e.id, n) === c.code))) verifiedRows++;
      }
      // The order: each line's first HER-SYS ID, in the file's order, against the export's order.
      const salt = orderSalt(key);
      const order = parsed.filter((p) => p.caseNumbers.length > 0).map((p) => orderKey(salt, p.caseNumbers[0]));
      const inExportOrder = order.length >= 2 && order.every((k, i) => i === 0 || order[i - 1] < k);
      if (taggedRows === 0 && !named.has(e.id) && !(inExportOrder && order.length >= 8)) continue;
      found.push({
        exportId: e.id,
        requesterName: e.requesterName,
        orgName: e.orgName,
        createdAt: new Date(e.createdAt).toISOString(),
        fetchedAt: e.fetchedAt ? new Date(e.fetchedAt).toISOString() : null,
        reason: exportReasonOf(e.reason as ExportReason).ja,
        note: e.note,
        taggedRows,
        verifiedRows,
        orderedRows: order.length,
        inExportOrder,
        named: named.has(e.id),
      });
    }
    return found.sort((a, b) => b.verifiedRows - a.verifiedRows || b.taggedRows - a.taggedRows);
  });
}

/** The chance that n rows stand in a wrong export's order by luck: 1/n!. */
export function orderChance(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return 1 / f;
}

/** The CLI's answer: each candidate export with the evidence for it, strongest first. */
export function reportOf(found: Candidate[]): string {
  if (found.length === 0) return 'No export of this database matches: no check code, header or row order of any export was found.';
  return found
    .map((c) => {
      const evidence = [
        c.named ? 'the header / document properties name it' : null,
        c.taggedRows ? `${c.taggedRows} rows carry its check-code tag, ${c.verifiedRows} verified with their HER-SYS ID` : null,
        c.inExportOrder ? `${c.orderedRows} rows stand in its row order (chance of a coincidence 1 in ${Math.round(1 / orderChance(c.orderedRows)).toLocaleString('en')})` : null,
      ].filter(Boolean);
      return [
        `export ${c.exportId}`,
        `  exported by ${c.requesterName} (${c.orgName})`,
        `  asked at ${c.createdAt}, fetched at ${c.fetchedAt ?? 'not fetched'}`,
        `  why: ${c.reason}: ${c.note}`,
        `  evidence: ${evidence.join('; ')}`,
      ].join('\n');
    })
    .join('\n');
}
