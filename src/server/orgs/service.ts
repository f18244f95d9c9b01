// The organisation tree: everyone reads it; an administrator registers organisations directly
// below their own, edits those they issue IDs for, and sets their ID quotas.
import { randomUUID } from 'node:crypto';
import { issuesFor, liesInAreaOf, registersBelow, type OrgKind } from '../../domain/organizations.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { pgErrorCode, type Database, type Tx } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { idsInUse, idsInUseByOrg } from '../users/repo.ts';
import * as repo from './repo.ts';

const toOrganization = (o: repo.OrgRow, issuedByMe: boolean, activeIds: number | null) => ({
  id: o.id,
  kind: o.kind as OrgKind,
  code: o.code,
  nameJa: o.nameJa,
  nameEn: o.nameEn,
  parentId: o.parentId,
  prefectureId: o.prefectureId,
  address: o.address,
  phone: o.phone,
  idQuota: o.idQuota,
  activeIds,
  issuedByMe,
  version: o.version,
});

export async function listOrganizations(db: Database, ctx: RequestContext) {
  return db.asActor(ctx.actor, async (tx) => {
    const orgs = await repo.listOrgs(tx);
    const mine = orgs.find((o) => o.id === ctx.actor.orgId)!;
    const isAdmin = ctx.actor.roles.includes('org_admin');
    const inUse = isAdmin ? await idsInUseByOrg(tx) : new Map<string, number>();
    return orgs.map((o) => {
      const issuedByMe = isAdmin && issuesFor(repo.orgRef(mine), repo.orgRef(o));
      return toOrganization(o, issuedByMe, issuedByMe ? (inUse.get(o.id) ?? 0) : null);
    });
  });
}

/** The actor's organisation and `orgId`, which the actor must issue IDs for (own included unless excluded). */
async function issuedOrg(tx: Tx, ctx: RequestContext, orgId: string, options: { notOwn: boolean }) {
  requirePermission(ctx.actor, 'users.manage');
  const [mine, target] = await Promise.all([repo.findOrg(tx, ctx.actor.orgId), repo.findOrg(tx, orgId)]);
  if (!target) throw notFound();
  if (!mine || (options.notOwn && target.id === mine.id) || !issuesFor(repo.orgRef(mine), repo.orgRef(target))) {
    throw new AppError(403, 'outside_issuing_scope');
  }
  return target;
}

export async function registerOrganization(
  db: Database,
  ctx: RequestContext,
  body: { kind: OrgKind; code: string; nameJa: string; nameEn: string; notificationEmail?: string; address?: string; phone?: string; idQuota?: number },
) {
  requirePermission(ctx.actor, 'users.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const mine = (await repo.findOrg(tx, ctx.actor.orgId))!;
    if (!registersBelow(repo.orgRef(mine), body.kind)) {
      throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'kind'], code: 'org_kind_not_below' }]);
    }
    const id = randomUUID();
    const values = {
      id,
      kind: body.kind,
      code: body.code,
      nameJa: body.nameJa,
      nameEn: body.nameEn,
      parentId: mine.id,
      prefectureId: body.kind === 'prefecture' ? id : mine.prefectureId,
      notificationEmail: body.notificationEmail ?? null,
      address: body.address ?? null,
      phone: body.phone ?? null,
      idQuota: body.idQuota ?? null,
    };
    await repo.insertOrg(tx, values).catch((err) => {
      if (pgErrorCode(err) === '23505') throw new AppError(409, 'org_code_taken', {}, [{ path: ['body', 'code'], code: 'org_code_taken' }]);
      throw err;
    });
    await audit(tx, ctx, { action: 'orgs.register', recordType: 'organization', recordIds: [id], details: { kind: body.kind, parentId: mine.id } });
    const created = (await repo.findOrg(tx, id))!;
    return toOrganization(created, true, 0);
  });
}

export async function updateOrganization(
  db: Database,
  ctx: RequestContext,
  orgId: string,
  body: { version: number } & repo.OrgChanges,
) {
  return db.asActor(ctx.actor, async (tx) => {
    const target = await issuedOrg(tx, ctx, orgId, { notOwn: false });
    const { version, ...changes } = body;
    const updated = await repo.updateOrg(tx, orgId, version, changes);
    if (!updated) throw versionConflict(target.version);
    await audit(tx, ctx, { action: 'orgs.update', recordType: 'organization', recordIds: [orgId], details: { fields: Object.keys(changes) } });
    return toOrganization(updated, true, null);
  });
}

/** The issuing organisation sets how many IDs an organisation it issues for may hold; not its own. */
export async function setQuota(db: Database, ctx: RequestContext, orgId: string, version: number, idQuota: number | null) {
  await db.asActor(ctx.actor, async (tx) => {
    const target = await issuedOrg(tx, ctx, orgId, { notOwn: true });
    // A quota below the IDs already issued would be broken at once: delete IDs first. The row
    // lock serialises this count against issuing (users/service.ts locks the same row).
    if (idQuota !== null) {
      await repo.findOrg(tx, orgId, true);
      const inUse = await idsInUse(tx, orgId);
      if (idQuota < inUse) {
        throw new AppError(409, 'quota_below_ids_in_use', { inUse }, [{ path: ['body', 'idQuota'], code: 'quota_below_ids_in_use' }]);
      }
    }
    if (!(await repo.updateQuota(tx, orgId, version, idQuota))) throw versionConflict(target.version);
    await audit(tx, ctx, { action: 'orgs.quota', recordType: 'organization', recordIds: [orgId], details: { from: target.idQuota, to: idQuota } });
  });
}

/** A medical institution in the area of health centre `hcId` (Q&A 4), for entry on its behalf; 403 otherwise. */
export async function institutionInArea(tx: Tx, hcId: string, institutionId: string) {
  const org = await repo.findOrg(tx, institutionId);
  if (!org || !liesInAreaOf(org, hcId)) throw new AppError(403, 'institution_outside_area');
  return org;
}
