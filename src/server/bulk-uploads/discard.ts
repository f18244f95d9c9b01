// Discarding an upload (the uploader's organisation): its rows not registered — the values typed,
// personal data kept outside any case — are deleted; registered rows keep only the case they made
// and the masked name. An upload left without rows is deleted, so the file may be uploaded again.
// Audited with counts only.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as repo from './repo.ts';

export async function discardUpload(db: Database, ctx: RequestContext, uploadId: string) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await repo.findUpload(tx, uploadId))) throw notFound();
    const r = await repo.discardUpload(tx, uploadId);
    await audit(tx, ctx, { action: 'bulk_uploads.discard', recordType: 'bulk_upload', recordIds: [uploadId], details: r });
    return r;
  });
}
