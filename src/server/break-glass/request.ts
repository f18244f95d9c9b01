// Breaking the glass (issue 14): find a case outside one's scope by HER-SYS ID or exact identity,
// state a reason, and get a time-limited grant on each case found — all in one transaction with its
// audit row and the e-mail to the responsible centre. Row-level security does the rest: the grant is
// what lets the case be read (and written, when the reason allows) until it expires.
import type { z } from 'zod';
import type { BreakGlassRequest } from '../../domain/api/break-glass.ts';
import { isKanaName, kanaKey } from '../../domain/kana.ts';
import { breakGlassEmail, breakGlassPurpose, reasonAllowsWriting, squeezeName } from '../../domain/privacy/break-glass.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

export interface BreakGlassOptions {
  /** config.BREAK_GLASS_HOURS */
  hours: number;
  /** config.PUBLIC_URL, for the link in the centre's e-mail. */
  publicUrl: string;
}

export async function requestBreakGlass(db: Database, ctx: RequestContext, body: z.infer<typeof BreakGlassRequest>, options: BreakGlassOptions) {
  requirePermission(ctx.actor, 'break_glass.request');
  const s = body.search;
  const search =
    s.by === 'case_number'
      ? { caseNumber: s.caseNumber, name: null, kanaKey: null, birthDate: null }
      : { caseNumber: null, name: squeezeName(s.fullName), kanaKey: isKanaName(s.fullName) ? kanaKey(s.fullName) : null, birthDate: s.birthDate };
  const writes = reasonAllowsWriting(body.reason);
  const listUrl = `${options.publicUrl.replace(/\/+$/, '')}/break-glass/centre`;

  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.findCases(tx, search);
    const outside = found.filter((f) => !f.in_scope);
    const grants: repo.GrantRow[] = [];
    for (const f of outside) {
      const centre = await repo.centreOf(tx, f.responsible_hc_id);
      const grant = await repo.insertGrant(
        tx,
        {
          caseId: f.case_id,
          userId: ctx.actor.userId,
          orgId: ctx.actor.orgId,
          responsibleHcId: f.responsible_hc_id,
          caseNumber: f.case_number,
          userName: ctx.actor.name,
          orgName: ctx.actor.orgName,
          responsibleHcName: centre?.nameJa ?? '',
          reason: body.reason,
          note: body.note,
          writes,
        },
        options.hours,
      );
      grants.push(grant);
      // The centre is told at once: the grant is on its list (in the app), and by e-mail without personal data.
      const selfReportId = await repo.selfReportIdOf(tx, f.case_id);
      if (centre?.notificationEmail && selfReportId) {
        enqueueEmail(tx, {
          to: centre.notificationEmail,
          ...breakGlassEmail({ selfReportId, healthCentreNameJa: centre.nameJa, orgNameJa: ctx.actor.orgName, reason: body.reason, expiresAt: grant.expiresAt, listUrl }),
        });
      }
    }
    // The search is audited whatever it found (an identity search that finds nothing is a signal too);
    // the identity typed is not: it is personal data, and the log keeps ids.
    // The purpose is the reason's label, as the case page's reads under the grant carry it; the free
    // text stays with the grant (the centre and the reviewers read it there), out of the patient's view.
    await audit(tx, { ...ctx, purpose: breakGlassPurpose(body.reason) }, {
      action: grants.length > 0 ? 'break_glass.grant' : 'break_glass.search',
      recordType: 'case',
      recordIds: found.map((f) => f.case_id),
      outcome: found.length > 0 ? 'ok' : 'denied',
      details: {
        by: s.by,
        reason: body.reason,
        writes,
        grantIds: grants.map((g) => g.id),
        expiresAt: grants[0]?.expiresAt ?? null,
      },
    });
    return { grants: grants.map((g) => viewOf(g)), inScopeCaseIds: found.filter((f) => f.in_scope).map((f) => f.case_id) };
  });
}
