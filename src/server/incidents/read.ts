// The register (incidents and the confirmed alerts still waiting for one) and one incident with
// its history; every read audited.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import type { IncidentStatus } from '../../domain/privacy/incidents.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

export async function incidentRegister(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'incidents.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.listIncidents(tx);
    const waiting = await repo.confirmedAlertsWithoutIncident(tx);
    const names = await repo.orgNames(tx, found.map((i) => i.orgId));
    await audit(tx, ctx, { action: 'incidents.list', recordType: 'leak_incident', recordIds: found.map((i) => i.id) });
    return {
      incidents: found.map((i) => ({
        id: i.id,
        orgId: i.orgId,
        orgName: names.get(i.orgId)?.ja ?? '',
        discoveredAt: i.discoveredAt.toISOString(),
        summary: i.summary,
        status: i.status as IncidentStatus,
        personCount: i.personCount,
        version: i.version,
      })),
      confirmedWithoutIncident: waiting.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() })),
    };
  });
}

export async function readIncident(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'incidents.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const row = await repo.findIncident(tx, id);
    if (!row) throw notFound();
    const history = await repo.historyOf(tx, id);
    await audit(tx, ctx, { action: 'incidents.read', recordType: 'leak_incident', recordIds: [id] });
    return {
      incident: await viewOf(tx, row),
      history: history.map((h) => ({ ...h, changedAt: h.changedAt.toISOString() })),
    };
  });
}
