// Registering the rows that are ready: each row in its own transaction — the person and case
// (registration), the draft, and for those who may submit (a doctor; a health centre for fax and
// paper) 「報告」 — so a row that fails leaves nothing of itself, and the rows before it stay
// registered. Idempotent: a row is taken only while it is 'ready', under a lock, and marked
// 'registered' in its own transaction, so a retried call registers nothing twice.
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { RegisterRowsBody } from '../../domain/api/bulk-uploads.ts';
import { columnsOfPath, type RowProblem } from '../../domain/bulk-upload/check.ts';
import { japanToday } from '../../domain/calendar.ts';
import { maskName } from '../../domain/masking.ts';
import { MESSAGES, type MessageKey } from '../../domain/messages.ts';
import { can } from '../../domain/permissions.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { findPerson } from '../cases/repo.ts';
import { registerIn, updatePerson } from '../cases/service.ts';
import { actorSettings, type Database, type Tx } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { logFailure } from '../http/error-handler.ts';
import { createDraft } from '../notifications/draft.ts';
import { submitNotification, type Links } from '../notifications/submit.ts';
import * as repo from './repo.ts';
import { bulkColumns, evaluateRow, isProxy } from './rows.ts';

/** Runs `work` in a transaction of its own as the actor; services called with the context it gets join it. */
async function ownTransaction<T>(db: Database, ctx: RequestContext, work: (tx: Tx, ctx: RequestContext) => Promise<T>): Promise<T> {
  const actor = { ...ctx.actor };
  const t = await db.begin();
  let result: T;
  try {
    await t.tx.execute(actorSettings(actor));
    db.bindActor(actor, t);
    result = await work(t.tx, { ...ctx, actor });
  } catch (err) {
    await t.rollback(err);
    throw err;
  }
  await t.commit();
  return result;
}

/** The fields of a person found as a duplicate that are empty but that the row gives (e.g. the 所在地 the Q&A 5 minimum needs): filled in, audited; nothing kept is overwritten. */
async function completePerson(db: Database, tx: Tx, ctx: RequestContext, personId: string, row: { residenceAddress?: string; registeredAddress?: string; phone?: string }) {
  const person = await findPerson(tx, personId);
  if (!person) return; // registration answers the 404
  const fields = (['residenceAddress', 'registeredAddress', 'phone'] as const).filter((f) => !person[f] && row[f]);
  if (fields.length) await updatePerson(db, ctx, personId, { version: person.version, ...Object.fromEntries(fields.map((f) => [f, row[f]])) });
}

const messageOf = (code: string) => (code in MESSAGES ? MESSAGES[code as MessageKey] : MESSAGES.bulk_upload_row_failed);

/** What refused a row, at its cells where the refusal names fields (['body', …] or the notification's paths). */
function problemsOf(err: unknown, disease: string): RowProblem[] {
  if (!(err instanceof AppError)) return [{ column: null, severity: 'error', code: 'bulk_upload_row_failed', message: MESSAGES.bulk_upload_row_failed }];
  const columns = bulkColumns(disease);
  const atCells = err.fields.flatMap((f) => {
    const path = f.path[0] === 'body' ? f.path.slice(1) : f.path;
    return columnsOfPath(path, columns).map((column) => ({ column, severity: 'error' as const, code: f.code, message: messageOf(f.code) }));
  });
  return [{ column: null, severity: 'error', code: err.code, message: messageOf(err.code) }, ...atCells];
}

export async function registerRows(
  db: Database,
  ctx: RequestContext,
  uploadId: string,
  body: z.infer<typeof RegisterRowsBody>,
  links: Links,
  log?: FastifyBaseLogger,
) {
  requirePermission(ctx.actor, 'cases.register');
  requirePermission(ctx.actor, 'notifications.draft');
  const submits = can(ctx.actor.roles, 'notifications.submit');
  const upload = await db.asActor(ctx.actor, (tx) => repo.findUpload(tx, uploadId));
  if (!upload) throw notFound();
  const proxy = isProxy(ctx);
  const today = japanToday(new Date());
  const numbers = await db.asActor(ctx.actor, (tx) => repo.readyRowNumbers(tx, uploadId, body.limit, submits && !body.acknowledgeWarnings));

  const registered: { rowNo: number; caseId: string; caseNumber: string; submitted: boolean }[] = [];
  const failed: { rowNo: number; problems: RowProblem[] }[] = [];
  for (const rowNo of numbers) {
    try {
      const done = await ownTransaction(db, ctx, async (tx, rowCtx) => {
        const row = await repo.lockRow(tx, uploadId, rowNo);
        if (!row || row.status !== 'ready') return null; // registered (or changed) by another call meanwhile
        // Checked again now: the day may have turned, a duplicate may have been registered since.
        const e = await evaluateRow(tx, rowCtx, upload.disease, row, today);
        if (e.status !== 'ready' || !e.input) {
          await repo.saveChecked(tx, uploadId, [e]);
          return { failed: e.problems } as { failed?: RowProblem[]; caseId?: string; caseNumber?: string; submitted?: boolean };
        }
        const input = e.input;
        const decision = e.duplicateDecision;
        const choice = decision?.startsWith('person:') ? { kind: 'new_case' as const, personId: decision.slice('person:'.length) } : { kind: 'new_person' as const };
        const institutionId = proxy ? upload.institution_id : undefined;
        if (choice.kind === 'new_case') await completePerson(db, tx, rowCtx, choice.personId, input.person);
        const reg = await registerIn(tx, rowCtx, { person: input.person, choice, institutionId, disease: upload.disease, tests: input.tests });
        const draft = await createDraft(db, rowCtx, reg.caseId, { ...input.notification, source: upload.source, institutionId });
        if (submits) await submitNotification(db, rowCtx, draft.id, { acknowledgedWarnings: body.acknowledgeWarnings ? input.warnings : [] }, links);
        await repo.markRegistered(tx, uploadId, rowNo, {
          maskedName: maskName(input.person.nameKana),
          caseId: reg.caseId,
          caseNumber: reg.caseNumber,
          notificationId: draft.id,
          submitted: submits,
          userId: rowCtx.actor.userId,
        });
        await audit(tx, rowCtx, { action: 'bulk_uploads.register_row', recordType: 'bulk_upload', recordIds: [uploadId, reg.caseId], details: { rowNo, submitted: submits } });
        return { caseId: reg.caseId, caseNumber: reg.caseNumber, submitted: submits };
      });
      if (done?.failed) failed.push({ rowNo, problems: done.failed });
      else if (done?.caseId) registered.push({ rowNo, caseId: done.caseId, caseNumber: done.caseNumber!, submitted: done.submitted! });
    } catch (err) {
      // Nothing of the row was kept (its transaction rolled back): say why on the row, and go on.
      if (!(err instanceof AppError) && log) logFailure(log, err, 'bulk upload row');
      const problems = problemsOf(err, upload.disease);
      await db.asActor(ctx.actor, (tx) => repo.markFailed(tx, uploadId, rowNo, problems));
      failed.push({ rowNo, problems });
    }
  }
  return db.asActor(ctx.actor, async (tx) => {
    if (numbers.length) await repo.touchUpload(tx, uploadId);
    const counts = (await repo.countsOf(tx, [uploadId])).get(uploadId)!;
    const remaining = (await repo.readyRowNumbers(tx, uploadId, 5000, submits && !body.acknowledgeWarnings)).length;
    return { registered, failed, remaining, counts };
  });
}
