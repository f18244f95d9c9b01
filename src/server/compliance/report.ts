// The compliance report (seed 000 §2–4) for an organisation of the officer's tree and a period:
// counted from the audit log, the explanations beside it, the alerts and their review, the IDs and
// the incident register; each section with the sentence saying how it was checked.
import type { z } from 'zod';
import type { ComplianceQuery, ComplianceReport } from '../../domain/api/compliance.ts';
import type { Role } from '../../domain/organizations.ts';
import { complianceMethods, percent, periodBounds } from '../../domain/privacy/compliance.ts';
import { summarizeCampaigns } from '../../domain/privacy/permission-reviews.ts';
import type { IncidentStatus } from '../../domain/privacy/incidents.ts';
import { can } from '../../domain/permissions.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as incidents from '../incidents/repo.ts';
import * as reviews from '../permission-reviews/repo.ts';
import * as repo from './repo.ts';

type Report = z.infer<typeof ComplianceReport>;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function complianceReport(
  db: Database,
  ctx: RequestContext,
  query: z.infer<typeof ComplianceQuery>,
  options: { unusedIdDays: number; now?: Date },
): Promise<Report> {
  requirePermission(ctx.actor, 'compliance.read');
  const { since, until } = periodBounds(query.from, query.to);
  const now = options.now ?? new Date();
  const orgId = query.orgId ?? ctx.actor.orgId;
  return db.asActor(ctx.actor, async (tx) => {
    const orgIds = await repo.subtree(tx, orgId);
    if (!orgIds.length) throw new AppError(403, 'forbidden', { orgId });
    const scope = { orgIds, since, until };
    // One after another: a transaction's connection runs one statement at a time.
    const access = await repo.auditedAccesses(tx, scope);
    const explanations = await repo.explanationCounts(tx, scope);
    const alerts = await repo.alertCounts(tx, scope);
    const actions = await repo.reviewActionCounts(tx, scope);
    const ids = await repo.idsOf(tx, scope);
    const suspended = await repo.autoSuspended(tx, scope);
    const contractors = await repo.contractorAccesses(tx, scope);
    const campaigns = await reviews.campaignsInPeriod(tx, orgIds, since, until);
    const found = await incidents.incidentsFoundBetween(tx, orgIds, since, until);
    const names = await incidents.orgNames(tx, [orgId, ...new Set(campaigns.map((c) => c.org_id))]);
    await audit(tx, ctx, { action: 'compliance.report', recordType: 'organization', recordIds: [orgId], details: { from: query.from, to: query.to } });

    const total = explanations.reduce((n, e) => n + e.n, 0);
    const unexplained = explanations.filter((e) => e.template === null).reduce((n, e) => n + e.n, 0);
    const purposeOnly = explanations.filter((e) => e.template !== null && e.purpose_only).reduce((n, e) => n + e.n, 0);
    const byTemplate = new Map<string, number>();
    for (const e of explanations) if (e.template !== null) byTemplate.set(e.template, (byTemplate.get(e.template) ?? 0) + e.n);
    const status = (s: string) => alerts.find((a) => a.status === s)?.n ?? 0;
    const acted = (a: string) => actions.find((x) => x.action === a)?.n ?? 0;
    const unusedSince = now.getTime() - options.unusedIdDays * 86_400_000;
    const idViews = ids.map((u) => ({
      id: u.id,
      loginId: u.login_id,
      displayName: u.display_name,
      orgId: u.org_id,
      orgName: u.org_name,
      roles: u.roles as Role[],
      status: u.status,
      lastLoginAt: iso(u.last_login_at),
      contractorName: u.contractor_name,
      unused: u.status === 'active' && new Date(u.last_login_at ?? u.created_at).getTime() < unusedSince,
    }));
    const byOrg = new Map<string, Report['permissions']['byOrg'][number]>();
    for (const u of idViews) {
      const o = byOrg.get(u.orgId) ?? { orgId: u.orgId, orgName: u.orgName, ids: 0, active: 0, byRole: {} };
      o.ids++;
      if (u.status === 'active') o.active++;
      for (const r of u.roles) o.byRole[r] = (o.byRole[r] ?? 0) + 1;
      byOrg.set(u.orgId, o);
    }
    const org = names.get(orgId)!;
    return {
      organization: { id: orgId, nameJa: org.ja, nameEn: org.en },
      from: query.from,
      to: query.to,
      generatedAt: now.toISOString(),
      unusedIdDays: options.unusedIdDays,
      accesses: {
        audited: access.audited,
        examined: access.examined,
        explanations: total,
        explained: total - unexplained,
        purposeOnly,
        unexplained,
        explainedShare: percent(total - unexplained, total),
        byTemplate: [...byTemplate].map(([template, count]) => ({ template, count })).sort((a, b) => b.count - a.count),
      },
      alerts: {
        raised: alerts.reduce((n, a) => n + a.n, 0),
        reviewed: { dismiss: acted('dismiss'), ask: acted('ask'), answer: acted('answer'), escalate: acted('escalate'), confirm: acted('confirm') },
        confirmed: status('confirmed'),
        open: status('open') + status('asked') + status('answered') + status('escalated'),
      },
      permissions: {
        ids: idViews,
        byOrg: [...byOrg.values()],
        autoSuspended: suspended,
        reviews: [...new Set(campaigns.map((c) => c.org_id))].map((id) => ({
          orgId: id,
          orgName: names.get(id)!.ja,
          ...summarizeCampaigns(
            campaigns
              .filter((c) => c.org_id === id)
              .map((c) => ({ dueAt: new Date(c.due_at), completedAt: c.completed_at === null ? null : new Date(c.completed_at), suspended: c.suspended, rolesRevoked: c.roles_revoked })),
            now,
          ),
        })),
      },
      // No export function exists yet (seed 000 §2, 持ち出し): nothing can have been taken out through hersys.
      takeOut: { exports: 0 },
      contractors: contractors.map((c) => ({ userId: c.id, loginId: c.login_id, contractorName: c.contractor_name, orgName: c.org_name, accesses: c.accesses, unexplained: c.unexplained })),
      incidents: found.map((i) => ({
        id: i.id,
        discoveredAt: i.discoveredAt.toISOString(),
        summary: i.summary,
        status: i.status as IncidentStatus,
        personCount: i.personCount,
        reportedOn: [i.reportedPrefectureOn, i.reportedMinistryOn, i.reportedPpcOn].filter((d): d is string => d !== null).sort()[0] ?? null,
      })),
      methods: complianceMethods(options.unusedIdDays),
    };
  });
}

/** The organisations of the officer's tree: the report's choice, and the incident form's. */
export async function reviewedOrganizations(db: Database, ctx: RequestContext) {
  if (!can(ctx.actor.roles, 'incidents.manage')) requirePermission(ctx.actor, 'compliance.read');
  return db.asActor(ctx.actor, async (tx) => ({
    organizations: (await repo.reviewedOrganizations(tx)).map((o) => ({ id: o.id, nameJa: o.name_ja, nameEn: o.name_en, parentId: o.parent_id })),
  }));
}
