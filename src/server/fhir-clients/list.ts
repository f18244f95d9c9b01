// The FHIR clients of the institutions whose IDs one administers (RLS), revoked ones too: what was once allowed.
import type { z } from 'zod';
import type { FhirClient } from '../../domain/api/fhir-clients.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import * as repo from './repo.ts';

export const toClient = (c: repo.FhirClientRow): z.infer<typeof FhirClient> => ({
  id: c.id,
  orgId: c.orgId,
  name: c.name,
  alg: c.alg as 'RS384' | 'ES384',
  scopes: c.scopes as z.infer<typeof FhirClient>['scopes'],
  serviceAccountUserId: c.userId,
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
});

export async function listClients(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'fhir_clients.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const rows = await repo.listClients(tx);
    await audit(tx, ctx, { action: 'fhir_clients.list', recordType: 'fhir_client', recordIds: rows.map((r) => r.id) });
    return rows.map(toClient);
  });
}
