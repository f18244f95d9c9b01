// Checking an upload's rows, a chunk per call: the screen calls again while rows remain and shows
// how many are checked (a 5,000-row file is never one long request).
import { japanToday } from '../../domain/calendar.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { evaluateRow } from './rows.ts';

export const CHECK_CHUNK = 250;

export async function checkNext(db: Database, ctx: RequestContext, uploadId: string, limit = CHECK_CHUNK) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, async (tx) => {
    const upload = await repo.findUpload(tx, uploadId);
    if (!upload) throw notFound();
    const today = japanToday(new Date());
    const pending = await repo.uncheckedRows(tx, uploadId, limit);
    const checked = [];
    for (const row of pending) checked.push(await evaluateRow(tx, ctx, upload.disease, row, today));
    await repo.saveChecked(tx, uploadId, checked);
    if (checked.length) {
      await repo.touchUpload(tx, uploadId);
      await audit(tx, ctx, { action: 'bulk_uploads.check', recordType: 'bulk_upload', recordIds: [uploadId], details: { rows: checked.length } });
    }
    const counts = (await repo.countsOf(tx, [uploadId])).get(uploadId)!;
    return { counts, done: counts.checked === counts.total };
  });
}
