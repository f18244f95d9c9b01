// A helpdesk request (issue 14, Q&A 24): for a support ticket, ask the responsible centres for
// read-only, time-boxed access to named cases — in one transaction with its audit row and the
// e-mails to the centres. The answer is the same whether a number names a case or not (no oracle:
// a request is kept for an unknown number too, and waits and lapses like one no centre answers).
// Row-level security does the rest once the centre approves, or the objection time passes.
import type { z } from 'zod';
import type { HelpdeskRequest } from '../../domain/api/helpdesk.ts';
import { helpdeskEmail, helpdeskPurpose, type HelpdeskMode } from '../../domain/privacy/helpdesk.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as repo from './repo.ts';
import { ownView } from './view.ts';

export interface HelpdeskOptions {
  /** config.HELPDESK_APPROVAL: the centre approves each request, or is told and may refuse in time. */
  mode: HelpdeskMode;
  /** config.HELPDESK_OBJECTION_MINUTES ('notify' mode). */
  objectionMinutes: number;
  /** config.HELPDESK_HOURS */
  hours: number;
  /** config.PUBLIC_URL, for the link in the centre's e-mail. */
  publicUrl: string;
}

export async function requestHelpdeskAccess(db: Database, ctx: RequestContext, body: z.infer<typeof HelpdeskRequest>, options: HelpdeskOptions) {
  requirePermission(ctx.actor, 'helpdesk.request');
  // Q&A 24 speaks of the ministry's staff and its contractor: the database holds to the same.
  if (ctx.actor.orgKind !== 'ministry') throw new AppError(403, 'forbidden', { permission: 'helpdesk.request' });
  const listUrl = `${options.publicUrl.replace(/\/+$/, '')}/helpdesk/centre`;
  const objection = options.mode === 'notify' ? options.objectionMinutes : null;
  return db.asActor(ctx.actor, async (tx) => {
    const contractorName = await repo.contractorOf(tx, ctx.actor.userId);
    const made: repo.AccessRow[] = [];
    for (const caseNumber of [...new Set(body.caseNumbers)]) {
      const found = await repo.findCase(tx, caseNumber);
      const access = await repo.insertAccess(
        tx,
        {
          userId: ctx.actor.userId,
          orgId: ctx.actor.orgId,
          caseNumber,
          caseId: found?.case_id ?? null,
          responsibleHcId: found?.responsible_hc_id ?? null,
          ticket: body.ticket,
          reason: body.reason,
          userName: ctx.actor.name,
          contractorName,
          mode: options.mode,
          hours: options.hours,
        },
        objection,
      );
      made.push(access);
      if (!found) continue;
      // The centre is told at once: the request is on its list (in the app), and by e-mail without personal data.
      const centre = await repo.centreOf(tx, found.responsible_hc_id);
      if (centre?.notificationEmail) {
        enqueueEmail(tx, {
          to: centre.notificationEmail,
          ...helpdeskEmail({ healthCentreNameJa: centre.nameJa, ticket: body.ticket, startsAt: access.startsAt, hours: options.hours, listUrl }),
        });
      }
    }
    // The audit names the requests, not the cases: nothing of a case was shown yet.
    await audit(tx, { ...ctx, purpose: helpdeskPurpose(body.ticket) }, {
      action: 'helpdesk.request',
      recordType: 'helpdesk_access',
      recordIds: made.map((a) => a.id),
      details: { ticket: body.ticket, mode: options.mode, requests: made.length, found: made.filter((a) => a.caseId !== null).length },
    });
    return { accesses: made.map((a) => ownView(a, null)) };
  });
}
