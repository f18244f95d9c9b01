// Uploading a file: read, its headings matched to the template's columns, its rows kept unchecked
// (checking follows in chunks, check.ts, so that the screen shows progress). The same file (its
// SHA-256) uploaded again by the same organisation answers the upload it made, and makes nothing.
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { UploadBody } from '../../domain/api/bulk-uploads.ts';
import { parseDate } from '../../domain/bulk-upload/cells.ts';
import { matchHeaders } from '../../domain/bulk-upload/columns.ts';
import { isHealthCentreStaff, requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { institutionInArea } from '../orgs/service.ts';
import { readUploadedFile } from './file.ts';
import * as repo from './repo.ts';
import { bulkColumns, summaryOf, templateColumns } from './rows.ts';

export async function uploadFile(db: Database, ctx: RequestContext, body: z.infer<typeof UploadBody>) {
  requirePermission(ctx.actor, 'cases.register');
  const { actor } = ctx;
  const proxy = isHealthCentreStaff(actor);
  if (!proxy && actor.orgKind !== 'medical_institution') throw new AppError(403, 'forbidden', { permission: 'cases.register' });
  if (proxy && !body.institutionId) throw new AppError(400, 'bulk_upload_institution_needed', {}, [{ path: ['body', 'institutionId'], code: 'bulk_upload_institution_needed' }]);
  const bytes = Buffer.from(body.contentBase64, 'base64');
  const contentHash = createHash('sha256').update(bytes).digest('hex');

  return db.asActor(actor, async (tx) => {
    const institutionId = proxy ? (await institutionInArea(tx, actor.orgId, body.institutionId!)).id : actor.orgId;
    const answerExisting = async (u: repo.UploadRow) => {
      await audit(tx, ctx, { action: 'bulk_uploads.upload', recordType: 'bulk_upload', recordIds: [u.id], details: { existing: true } });
      return { ...summaryOf(u, (await repo.countsOf(tx, [u.id])).get(u.id)!), existing: true };
    };
    const before = await repo.findUploadByHash(tx, actor.orgId, contentHash);
    if (before) return answerExisting(before);

    const file = await readUploadedFile(bytes);
    const { columns: template } = templateColumns(body.disease);
    const match = matchHeaders(file.headings, bulkColumns(body.disease), template.filter((c) => c.required));
    if (!match.ok) {
      throw new AppError(
        400,
        'bulk_upload_wrong_headers',
        { unknown: match.unknown, missing: match.missing.map((c) => ({ key: c.key, label: c.label })), duplicate: match.duplicate },
        [{ path: ['body', 'contentBase64'], code: 'bulk_upload_wrong_headers' }],
      );
    }
    const columns = bulkColumns(body.disease);
    // Excel keeps a date as a serial day (a number, unless the cell has a date format): shown as the date it is.
    const asTyped = (key: string, value: string) =>
      file.format === 'xlsx' && columns.get(key)?.kind === 'date' && /^\d{5}$/.test(value) ? (parseDate(value) ?? value) : value;
    const rows = file.rows.map((r) => ({
      rowNo: r.rowNo,
      cells: Object.fromEntries(match.keys.flatMap((key, i) => (key && r.values[i]?.trim() ? [[key, asTyped(key, r.values[i].trim())]] : []))),
    }));
    const id = randomUUID();
    const made = await repo.insertUpload(tx, {
      id,
      orgId: actor.orgId,
      uploadedBy: actor.userId,
      fileName: body.fileName,
      fileFormat: file.format,
      contentHash,
      institutionId,
      disease: body.disease,
      source: proxy ? (body.source ?? 'fax') : 'direct',
      rowCount: rows.length,
    });
    // Another request of the organisation made it in the meantime.
    if (!made) return answerExisting((await repo.findUploadByHash(tx, actor.orgId, contentHash))!);
    await repo.insertRows(tx, id, actor.orgId, rows);
    await audit(tx, ctx, { action: 'bulk_uploads.upload', recordType: 'bulk_upload', recordIds: [id], details: { rows: rows.length, format: file.format, institutionId, disease: body.disease } });
    const u = (await repo.findUpload(tx, id))!;
    return { ...summaryOf(u, (await repo.countsOf(tx, [id])).get(id)!), existing: false };
  });
}
