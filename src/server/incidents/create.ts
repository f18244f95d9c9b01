// Registering a leak incident, from scratch or from alerts an officer confirmed as misuse.
import type { z } from 'zod';
import type { CreateIncidentBody } from '../../domain/api/incidents.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { isUniqueViolation, type Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as repo from './repo.ts';
import { checkLinks, checkRules, columnsOf, viewOf } from './view.ts';

export async function createIncident(db: Database, ctx: RequestContext, body: z.infer<typeof CreateIncidentBody>) {
  requirePermission(ctx.actor, 'incidents.manage');
  const { orgId = ctx.actor.orgId, alertIds, ...fields } = body;
  const values = { ...columnsOf(fields), orgId, createdBy: ctx.actor.userId } as repo.IncidentValues;
  checkRules(values);
  try {
    return await db.asActor(ctx.actor, async (tx) => {
      if (!(await repo.orgInReviewTree(tx, orgId))) throw new AppError(403, 'incident_org_outside');
      await checkLinks(tx, fields.evidenceSeqs, alertIds);
      const row = await repo.insertIncident(tx, values);
      await repo.linkAlerts(tx, row.id, alertIds);
      await repo.addHistory(tx, { incidentId: row.id, version: row.version, changedBy: ctx.actor.userId, fields: ['created'] });
      await audit(tx, ctx, { action: 'incidents.create', recordType: 'leak_incident', recordIds: [row.id, ...alertIds], details: { orgId, alerts: alertIds.length } });
      return viewOf(tx, row);
    });
  } catch (err) {
    // Another officer linked the same alert meanwhile (or one of an incident this officer cannot see).
    if (isUniqueViolation(err, 'leak_incident_alerts_alert_key')) throw new AppError(422, 'incident_alert_not_confirmed');
    throw err;
  }
}
