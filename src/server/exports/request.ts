// Asking for an export (issue 14): the export permission, a reason, the allowed network; the rows are
// counted under the user's scope (row-level security), and above the threshold the export waits for
// a second person of the organisation, who is told in the app and by an e-mail without personal data.
// The export's key is made here and kept only sealed under the envelope (src/server/secrets/).
// Its own transactions (the key is sealed by the owner first), so a retry with the same
// Idempotency-Key finds the export it made instead of the request transaction's stored answer.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ExportRequest } from '../../domain/api/exports.ts';
import { approvalEmail, exportPurpose, needsApproval } from '../../domain/privacy/exports.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { centreOf } from '../break-glass/repo.ts';
import { isUniqueViolation, type Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { keyringOf } from '../secrets/keyring.ts';
import { exportKeyPlace, newExportKey } from './fingerprint.ts';
import { requireAllowedNetwork } from './network-refusal.ts';
import type { ExportOptions } from './options.ts';
import * as repo from './repo.ts';
import { countRows } from './rows.ts';
import { viewOf } from './view.ts';
import { MAX_ENCRYPTED_ROWS } from './write.ts';

export async function requestExport(db: Database, ctx: RequestContext, body: z.infer<typeof ExportRequest>, clientKey: string | null, options: ExportOptions) {
  requirePermission(ctx.actor, 'export');
  await requireAllowedNetwork(db, ctx, options, { action: 'exports.request', reason: body.reason });
  if (clientKey) {
    const known = await db.asActor(ctx.actor, (tx) => repo.byClientKey(tx, ctx.actor.userId, clientKey));
    if (known) return viewOf(known);
  }
  const id = randomUUID();
  const sealedKey = await db.asSystem((tx) => keyringOf(db).seal(tx, newExportKey(), exportKeyPlace(id)));
  try {
    return await db.asActor(ctx.actor, async (tx) => {
      const asOf = new Date();
      const rows = await countRows(tx, body.filters, asOf);
      if (rows === 0) throw new AppError(422, 'export_empty');
      if (body.encrypted && rows > MAX_ENCRYPTED_ROWS) throw new AppError(422, 'export_xlsx_too_large', { max: MAX_ENCRYPTED_ROWS });
      const waits = needsApproval(rows, options.threshold);
      const row = await repo.insertExport(
        tx,
        {
          id,
          requesterId: ctx.actor.userId,
          requesterName: ctx.actor.name,
          orgId: ctx.actor.orgId,
          orgName: ctx.actor.orgName,
          kind: body.kind,
          format: body.format,
          encrypted: body.encrypted,
          filters: body.filters,
          reason: body.reason,
          note: body.note,
          rowCount: rows,
          needsApproval: waits,
          status: waits ? 'pending_approval' : 'ready',
          createdAt: asOf,
          sealedKey,
          clientKey,
        },
        options.readyHours,
      );
      if (waits) {
        const org = await centreOf(tx, ctx.actor.orgId);
        if (org?.notificationEmail) {
          const listUrl = `${options.publicUrl.replace(/\/+$/, '')}/exports/approvals`;
          enqueueEmail(tx, { to: org.notificationEmail, ...approvalEmail({ orgNameJa: org.nameJa, requesterName: ctx.actor.name, rows, listUrl }) });
        }
      }
      await audit(tx, { ...ctx, purpose: exportPurpose(body.reason) }, {
        action: 'exports.request',
        recordType: 'export',
        recordIds: [id],
        details: { kind: body.kind, format: body.format, encrypted: body.encrypted, filters: body.filters, reason: body.reason, rows, needsApproval: waits },
      });
      return viewOf(row);
    });
  } catch (err) {
    // The same key sent twice at once: the other request made the export.
    if (clientKey && isUniqueViolation(err, 'exports_client_key_idx')) {
      const known = await db.asActor(ctx.actor, (tx) => repo.byClientKey(tx, ctx.actor.userId, clientKey));
      if (known) return viewOf(known);
    }
    throw err;
  }
}
