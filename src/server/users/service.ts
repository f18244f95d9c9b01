// ID administration as the seeds describe it: an organisation's administrator issues, suspends,
// reactivates and deletes IDs for their own organisation and those it issues for, within quotas.
// Each use case is one transaction as the administrator (RLS applies) with its audit row.
import { issuesFor, rolesAllowedAt, type Role } from '../../domain/organizations.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { endSessionsOf } from '../auth/session-repo.ts';
import { generateInitialPassword, hashPassword } from '../auth/passwords.ts';
import { pgErrorCode, type Database, type Tx } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import * as orgRepo from '../orgs/repo.ts';
import * as repo from './repo.ts';
import type { UserRow } from './repo.ts';

export const toUser = (u: UserRow) => ({
  id: u.id,
  orgId: u.orgId,
  loginId: u.loginId,
  displayName: u.displayName,
  email: u.email,
  roles: u.roles as Role[],
  status: u.status as 'active' | 'suspended' | 'deleted',
  statusReason: u.statusReason,
  locked: u.lockedAt !== null,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
  version: u.version,
  contractorName: u.contractorName,
});

/** Deny unless the actor administers the organisation (403 with a reason the admin can act on). */
async function requireIssuerOf(tx: Tx, ctx: RequestContext, orgId: string) {
  requirePermission(ctx.actor, 'users.manage');
  const [mine, target] = await Promise.all([orgRepo.findOrg(tx, ctx.actor.orgId), orgRepo.findOrg(tx, orgId)]);
  if (!target) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'orgId'], code: 'not_found' }]);
  if (!mine || !issuesFor(orgRepo.orgRef(mine), orgRepo.orgRef(target))) throw new AppError(403, 'outside_issuing_scope');
  return target;
}

function checkRoles(roles: Role[], org: orgRepo.OrgRow) {
  const allowed = rolesAllowedAt(org.kind as never);
  const bad = roles.findIndex((r) => !allowed.includes(r));
  if (bad >= 0) throw new AppError(400, 'invalid_input', { allowed }, [{ path: ['body', 'roles', bad], code: 'role_not_allowed_at_org' }]);
}

/** A user the actor administers, not the actor: for suspension, deletion, resets and edits. */
async function managedUser(tx: Tx, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'users.manage');
  const user = await repo.findUser(tx, id);
  if (!user || user.status === 'deleted') throw notFound();
  const org = await requireIssuerOf(tx, ctx, user.orgId);
  if (user.id === ctx.actor.userId) throw new AppError(403, 'not_own_account');
  return { user, org };
}

export async function listUsers(db: Database, ctx: RequestContext, filter: repo.UserFilter) {
  requirePermission(ctx.actor, 'users.read');
  return db.asActor(ctx.actor, async (tx) => {
    const rows = await repo.listUsers(tx, filter);
    await audit(tx, ctx, { action: 'users.list', recordType: 'user', recordIds: rows.map((r) => r.id), details: { filter } });
    return rows.map(toUser);
  });
}

export async function issueUser(
  db: Database,
  ctx: RequestContext,
  body: { orgId: string; loginId: string; displayName: string; email?: string; roles: Role[]; contractorName?: string },
) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return db.asActor(ctx.actor, async (tx) => {
    const org = await requireIssuerOf(tx, ctx, body.orgId);
    checkRoles(body.roles, org);
    const locked = (await orgRepo.findOrg(tx, org.id, true))!; // serialise issuing against the quota
    if (locked.idQuota !== null && (await repo.idsInUse(tx, org.id)) >= locked.idQuota) {
      throw new AppError(409, 'quota_exceeded', { quota: locked.idQuota });
    }
    const user = await repo
      .insertUser(tx, {
        orgId: org.id,
        loginId: body.loginId,
        displayName: body.displayName,
        email: body.email ?? null,
        contractorName: body.contractorName ?? null,
        roles: body.roles,
        createdBy: ctx.actor.userId,
      })
      .catch((err) => {
        // Login IDs are unique across the whole system, also among IDs this admin cannot see.
        if (pgErrorCode(err) === '23505') {
          throw new AppError(409, 'login_id_taken', {}, [{ path: ['body', 'loginId'], code: 'login_id_taken' }]);
        }
        throw err;
      });
    await repo.issueCredentials(tx, user.id, passwordHash);
    await audit(tx, ctx, { action: 'users.issue', recordType: 'user', recordIds: [user.id], details: { orgId: org.id, roles: body.roles } });
    return { user: toUser(user), initialPassword };
  });
}

export async function updateUser(
  db: Database,
  ctx: RequestContext,
  id: string,
  body: { version: number; displayName?: string; email?: string | null; roles?: Role[]; contractorName?: string | null },
) {
  return db.asActor(ctx.actor, async (tx) => {
    const { user, org } = await managedUser(tx, ctx, id);
    if (body.roles) checkRoles(body.roles, org);
    const { version, ...changes } = body;
    const updated = await repo.updateUser(tx, id, version, changes);
    if (!updated) throw versionConflict(user.version);
    const diff = Object.fromEntries(
      Object.keys(changes).map((k) => [k, { from: user[k as keyof UserRow], to: changes[k as keyof typeof changes] }]),
    );
    // Role changes are permission changes: the audit row carries the old and new roles.
    await audit(tx, ctx, { action: body.roles ? 'users.roles_change' : 'users.update', recordType: 'user', recordIds: [id], details: { changes: diff } });
    return toUser(updated);
  });
}

export async function suspendUser(db: Database, ctx: RequestContext, id: string, reason: string) {
  return db.asActor(ctx.actor, async (tx) => {
    const { user } = await managedUser(tx, ctx, id);
    const updated = (await repo.updateUser(tx, id, null, { status: 'suspended', statusReason: reason, statusChangedAt: new Date() }))!;
    // Suspension takes effect at once: every open session of the ID ends in this transaction.
    const sessionsEnded = await endSessionsOf(tx, id, 'suspended');
    await audit(tx, ctx, { action: 'users.suspend', recordType: 'user', recordIds: [id], details: { reason, previousStatus: user.status, sessionsEnded } });
    return toUser(updated);
  });
}

/** Reopens a suspended or locked ID. */
export async function reactivateUser(db: Database, ctx: RequestContext, id: string) {
  return db.asActor(ctx.actor, async (tx) => {
    const { user } = await managedUser(tx, ctx, id);
    await repo.resetLoginFailures(tx, id);
    const updated = (await repo.updateUser(tx, id, null, { status: 'active', statusReason: null, statusChangedAt: new Date(), lockedAt: null }))!;
    await audit(tx, ctx, { action: 'users.reactivate', recordType: 'user', recordIds: [id], details: { previousStatus: user.status, wasLocked: user.lockedAt !== null } });
    return toUser(updated);
  });
}

/** A new one-time password for a user who forgot theirs or lost the authenticator. */
export async function resetCredentials(db: Database, ctx: RequestContext, id: string) {
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return db.asActor(ctx.actor, async (tx) => {
    await managedUser(tx, ctx, id);
    await repo.issueCredentials(tx, id, passwordHash);
    await repo.updateUser(tx, id, null, { lockedAt: null });
    const sessionsEnded = await endSessionsOf(tx, id, 'credentials_reset');
    await audit(tx, ctx, { action: 'users.reset_credentials', recordType: 'user', recordIds: [id], details: { sessionsEnded } });
    return { initialPassword };
  });
}

/** Deletes an ID: it can no longer log in and no longer counts against the quota; its history stays. */
export async function deleteUser(db: Database, ctx: RequestContext, id: string) {
  await db.asActor(ctx.actor, async (tx) => {
    const { user } = await managedUser(tx, ctx, id);
    await repo.updateUser(tx, id, null, { status: 'deleted', statusChangedAt: new Date() });
    const sessionsEnded = await endSessionsOf(tx, id, 'deleted');
    await audit(tx, ctx, { action: 'users.delete', recordType: 'user', recordIds: [id], details: { previousStatus: user.status, sessionsEnded } });
  });
}

export async function listSecurityFlags(db: Database, ctx: RequestContext, unreviewedOnly: boolean) {
  requirePermission(ctx.actor, 'users.read');
  return db.asActor(ctx.actor, async (tx) => {
    const rows = await repo.listFlags(tx, unreviewedOnly);
    await audit(tx, ctx, { action: 'security_flags.list', recordType: 'security_flag', recordIds: rows.map((r) => r.flag.id) });
    return rows.map(({ flag, loginId }) => ({
      id: flag.id,
      userId: flag.userId,
      loginId,
      kind: flag.kind,
      details: flag.details as Record<string, unknown>,
      createdAt: flag.createdAt.toISOString(),
      reviewedAt: flag.reviewedAt?.toISOString() ?? null,
    }));
  });
}

export async function reviewSecurityFlag(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'users.manage');
  await db.asActor(ctx.actor, async (tx) => {
    if (!(await repo.reviewFlag(tx, id, ctx.actor.userId))) throw notFound();
    await audit(tx, ctx, { action: 'security_flags.review', recordType: 'security_flag', recordIds: [id] });
  });
}
