// The organisation tree as a user sees it, and the ID quotas an issuing organisation sets.
import { issuesFor, type OrgKind } from '../../domain/organizations.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import * as repo from '../users/repo.ts';

export async function listOrganizations(db: Database, ctx: RequestContext) {
  return db.asActor(ctx.actor, async (tx) => {
    const orgs = await repo.listOrgs(tx);
    const mine = orgs.find((o) => o.id === ctx.actor.orgId)!;
    const isAdmin = ctx.actor.roles.includes('org_admin');
    const inUse = isAdmin ? await repo.idsInUseByOrg(tx) : new Map<string, number>();
    return orgs.map((o) => {
      const issuedByMe = isAdmin && issuesFor(repo.orgRef(mine), repo.orgRef(o));
      return {
        id: o.id,
        kind: o.kind as OrgKind,
        code: o.code,
        nameJa: o.nameJa,
        nameEn: o.nameEn,
        parentId: o.parentId,
        prefectureId: o.prefectureId,
        idQuota: o.idQuota,
        activeIds: issuedByMe ? (inUse.get(o.id) ?? 0) : null,
        issuedByMe,
        version: o.version,
      };
    });
  });
}

/** The issuing organisation sets how many IDs an organisation it issues for may hold; not its own. */
export async function setQuota(db: Database, ctx: RequestContext, orgId: string, version: number, idQuota: number | null) {
  requirePermission(ctx.actor, 'users.manage');
  await db.asActor(ctx.actor, async (tx) => {
    const [mine, target] = await Promise.all([repo.findOrg(tx, ctx.actor.orgId), repo.findOrg(tx, orgId)]);
    if (!target) throw notFound();
    if (!mine || target.id === mine.id || !issuesFor(repo.orgRef(mine), repo.orgRef(target))) {
      throw new AppError(403, 'outside_issuing_scope');
    }
    if (!(await repo.updateQuota(tx, orgId, version, idQuota))) throw versionConflict(target.version);
    await audit(tx, ctx, { action: 'orgs.quota', recordType: 'organization', recordIds: [orgId], details: { from: target.idQuota, to: idQuota } });
  });
}
