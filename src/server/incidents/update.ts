// Editing an incident as the facts come in (optimistic version); each change leaves a history entry.
import type { z } from 'zod';
import type { UpdateIncidentBody } from '../../domain/api/incidents.ts';
import { changedFields } from '../../domain/privacy/incidents.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { isUniqueViolation, type Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import * as repo from './repo.ts';
import { checkLinks, checkRules, columnsOf, viewOf } from './view.ts';

export async function updateIncident(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof UpdateIncidentBody>) {
  requirePermission(ctx.actor, 'incidents.manage');
  const { version, alertIds = [], ...fields } = body;
  try {
    return await db.asActor(ctx.actor, async (tx) => {
      const before = await repo.findIncident(tx, id, true);
      if (!before) throw notFound();
      if (before.version !== version) throw versionConflict(before.version);
      const change = columnsOf(fields);
      checkRules({ ...before, ...change });
      await checkLinks(tx, fields.evidenceSeqs, alertIds);
      const changed = changedFields(before as Record<string, unknown>, change as Record<string, unknown>);
      if (alertIds.length) changed.push('alerts');
      if (!changed.length) return viewOf(tx, before);
      const row = await repo.updateIncident(tx, id, change);
      await repo.linkAlerts(tx, id, alertIds);
      await repo.addHistory(tx, { incidentId: id, version: row.version, changedBy: ctx.actor.userId, fields: changed });
      await audit(tx, ctx, { action: 'incidents.update', recordType: 'leak_incident', recordIds: [id, ...alertIds], details: { fields: changed, version: row.version } });
      return viewOf(tx, row);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'leak_incident_alerts_alert_key')) throw new AppError(422, 'incident_alert_not_confirmed');
    throw err;
  }
}
