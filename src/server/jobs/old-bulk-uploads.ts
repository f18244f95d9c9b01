// Rows of a bulk upload not registered are personal data kept outside any case: those of uploads
// untouched (no upload, check, fix or registration) for BULK_UPLOAD_KEEP_DAYS are deleted, as
// discarding would (registered rows keep their case and masked name; an upload left without rows
// goes). Run daily by the scheduler and by `hersys jobs run`; each run is audited with counts only.
import { audit } from '../audit/audit.ts';
import * as repo from '../bulk-uploads/repo.ts';
import type { Database } from '../db/database.ts';

const SYSTEM = { actor: null, clientAddr: null };

export async function expireOldBulkUploads(db: Database, days: number): Promise<{ uploads: number; rowsDeleted: number; uploadsDeleted: number }> {
  return db.asSystem(async (tx) => {
    const ids = await repo.staleUploadIds(tx, days);
    const result = { uploads: ids.length, rowsDeleted: 0, uploadsDeleted: 0 };
    for (const id of ids) {
      const r = await repo.discardUpload(tx, id);
      result.rowsDeleted += r.rowsDeleted;
      if (r.uploadDeleted) result.uploadsDeleted++;
    }
    await audit(tx, SYSTEM, { action: 'bulk_uploads.expire', recordType: 'bulk_upload', details: { days, ...result } });
    return result;
  });
}
