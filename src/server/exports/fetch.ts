// Fetching an export's file (issue 14): once, within 24 hours of it being ready, by its requester,
// from an allowed network. The file is made now, from the database, under the user's scope, and
// streamed as it is read; the lock of the one fetch, the read, the mark and its audit row are one
// transaction. A client that leaves half-way has still taken rows out: the fetch stays spent and
// the audit says how many rows were written ('failed'). The file's last byte leaves only once that
// transaction has committed, so a client that reloads its list on the download's end sees it spent.
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { exportPurpose, type ExportKind, type ExportReason } from '../../domain/privacy/exports.ts';
import type { ExportFilters } from '../../domain/api/exports.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, fieldError, notFound } from '../errors.ts';
import { keyringOf } from '../secrets/keyring.ts';
import { exportKeyPlace, orderSalt } from './fingerprint.ts';
import { requireAllowedNetwork } from './network-refusal.ts';
import type { ExportOptions } from './options.ts';
import * as repo from './repo.ts';
import { readRows, type ExportRow } from './rows.ts';
import { writeExport } from './write.ts';

/** Case ids named in the fetch's audit row; past this the row says how many and the export's record says which filters. */
const AUDITED_IDS = 10_000;

export interface FetchedFile {
  fileName: string;
  contentType: string;
  /** Resolves when the file is written and the transaction committed (or failed). */
  done: Promise<void>;
}

const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/**
 * Checks everything that can be checked before a byte is sent, claims the fetch, and starts writing
 * the file into `out`; answers once the claim holds (an error before then is the request's answer).
 */
export async function fetchExport(db: Database, ctx: RequestContext, id: string, password: string | undefined, options: ExportOptions, out: Writable): Promise<FetchedFile> {
  requirePermission(ctx.actor, 'export');
  const found = await db.asActor(ctx.actor, async (tx) => {
    const row = await repo.findExport(tx, id);
    if (row && row.requesterId !== ctx.actor.userId) return null; // the approver sees it, but only its requester fetches it
    if (row?.status === 'ready' && row.expiresAt && new Date(row.expiresAt).getTime() <= Date.now()) await repo.markExpired(tx, id);
    return row;
  });
  if (!found) throw notFound();
  const expired = found.status === 'expired' || (found.status === 'ready' && found.expiresAt !== null && new Date(found.expiresAt).getTime() <= Date.now());
  if (expired) throw new AppError(409, 'export_expired');
  if (found.status === 'fetched') throw new AppError(409, 'export_already_fetched');
  if (found.status !== 'ready') throw new AppError(409, 'export_not_ready', { status: found.status });
  await requireAllowedNetwork(db, ctx, options, { action: 'exports.fetch', exportId: id, reason: found.reason as ExportReason });
  if (found.encrypted && !password) throw fieldError(['password'], 'invalid_input');
  if (!found.encrypted && password) throw fieldError(['password'], 'export_password_xlsx_only');
  const key = await db.asSystem((tx) => keyringOf(db).open(tx, found.sealedKey, exportKeyPlace(id)));

  let claimed!: (ok: boolean) => void;
  let failed!: (err: unknown) => void;
  const claim = new Promise<boolean>((resolve, reject) => ((claimed = resolve), (failed = reject)));
  // The file flows through `file` into `out`, which is ended only after the commit.
  const file = new PassThrough();
  file.pipe(out, { end: false });
  out.once('close', () => file.destroy()); // a client that left: the writer sees its stream gone
  const done = db
    .asActor(ctx.actor, async (tx) => {
      const row = await repo.lockReady(tx, id);
      claimed(row !== null);
      if (!row) return false;
      const caseIds: string[] = [];
      async function* audited(batches: AsyncIterable<ExportRow[]>) {
        for await (const batch of batches) {
          for (const r of batch) if (caseIds.length < AUDITED_IDS) caseIds.push(r.case_id);
          yield batch;
        }
      }
      const facts = {
        id,
        kind: row.kind as ExportKind,
        requesterName: row.requesterName,
        orgName: row.orgName,
        reason: row.reason as ExportReason,
        note: row.note,
        approverName: row.approverName,
        rowCount: row.rowCount,
        at: new Date(),
      };
      let written = 0;
      let outcome: 'ok' | 'failed' = 'ok';
      try {
        written = await writeExport(file, facts, audited(readRows(tx, row.filters as ExportFilters, new Date(row.createdAt), orderSalt(key))), {
          format: row.format as 'csv' | 'xlsx',
          password,
          key,
        });
      } catch (err) {
        outcome = 'failed';
        written = caseIds.length;
        file.destroy();
        out.destroy(err as Error);
      }
      await repo.markFetched(tx, id, written);
      await audit(tx, { ...ctx, purpose: exportPurpose(facts.reason) }, {
        action: 'exports.fetch',
        recordType: 'case',
        recordIds: caseIds,
        outcome,
        details: { exportId: id, kind: row.kind, format: row.format, encrypted: row.encrypted, rows: written, reason: row.reason, recordIdsCapped: written > AUDITED_IDS },
      });
      return outcome === 'ok';
    })
    .then(async (written) => {
      if (!written) return;
      await finished(file);
      out.end();
    })
    .catch((err) => {
      failed(err); // an error before the claim is the request's answer; after it, the stream's end
      out.destroy(err);
      throw err;
    });
  if (!(await claim)) {
    await done.catch(() => {});
    throw new AppError(409, 'export_already_fetched');
  }
  const ext = found.format === 'csv' ? 'csv' : 'xlsx';
  return { fileName: `hersys-export-${id.slice(0, 8)}.${ext}`, contentType: CONTENT_TYPES[found.format as 'csv' | 'xlsx'], done };
}
