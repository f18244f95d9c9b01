// Fixing a row in the browser: the cells changed (an empty one cleared), or the decision after a
// likely duplicate, then the row checked again as a whole. A registered row stays as it is.
import type { z } from 'zod';
import type { RowEditBody } from '../../domain/api/bulk-uploads.ts';
import { japanToday } from '../../domain/calendar.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import * as repo from './repo.ts';
import { bulkColumns, evaluateRow, rowView } from './rows.ts';

export async function editRow(db: Database, ctx: RequestContext, uploadId: string, rowNo: number, body: z.infer<typeof RowEditBody>) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, async (tx) => {
    const upload = await repo.findUpload(tx, uploadId);
    const row = upload && (await repo.lockRow(tx, uploadId, rowNo));
    if (!row) throw notFound();
    const columns = bulkColumns(upload.disease);
    const unknown = Object.keys(body.cells ?? {}).filter((k) => !columns.has(k));
    if (unknown.length) throw new AppError(400, 'bulk_upload_unknown_column', { columns: unknown }, unknown.map((k) => ({ path: ['body', 'cells', k], code: 'bulk_upload_unknown_column' })));
    if (row.status === 'registered') throw new AppError(409, 'bulk_upload_row_registered', { caseId: row.case_id });
    if (row.version !== body.version) throw versionConflict(row.version);
    const cells = { ...row.cells };
    for (const [k, v] of Object.entries(body.cells ?? {})) {
      if (v.trim() === '') delete cells[k];
      else cells[k] = v.trim();
    }
    const decision = body.duplicateDecision !== undefined ? body.duplicateDecision : row.duplicate_decision;
    const evaluated = await evaluateRow(tx, ctx, upload.disease, { row_no: rowNo, cells, duplicate_decision: decision }, japanToday(new Date()));
    await repo.saveChecked(tx, uploadId, [evaluated]);
    await repo.touchUpload(tx, uploadId);
    await audit(tx, ctx, {
      action: 'bulk_uploads.edit_row',
      recordType: 'bulk_upload',
      recordIds: [uploadId],
      details: { rowNo, columns: Object.keys(body.cells ?? {}), duplicateDecision: body.duplicateDecision !== undefined },
    });
    return rowView((await repo.lockRow(tx, uploadId, rowNo))!);
  });
}
