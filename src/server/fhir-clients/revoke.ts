// Revoking a FHIR client: at once, its tokens stop working (the bearer check joins the client) and
// its service-account ID is suspended, so nothing can act as it again. Audited.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { toClient } from './list.ts';
import * as repo from './repo.ts';

export async function revokeClient(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'fhir_clients.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.findClient(tx, id);
    if (!found) throw notFound();
    if (found.revokedAt) throw new AppError(409, 'fhir_client_revoked');
    const row = await repo.markRevoked(tx, id, ctx.actor.userId);
    if (!row) throw new AppError(409, 'fhir_client_revoked');
    await repo.suspendServiceAccount(tx, row.userId);
    await audit(tx, ctx, { action: 'fhir_clients.revoke', recordType: 'fhir_client', recordIds: [id, row.userId] });
    return toClient(row);
  });
}
