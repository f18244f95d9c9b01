// The user's own exports, and the organisation's exports waiting for a second person.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

const LIMIT = 100;

export async function myExports(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'export');
  return db.asActor(ctx.actor, async (tx) => (await repo.mine(tx, ctx.actor.userId, LIMIT)).map((r) => viewOf(r)));
}

export async function pendingApprovals(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'export');
  return db.asActor(ctx.actor, async (tx) => (await repo.pendingOf(tx, ctx.actor.orgId, ctx.actor.userId, LIMIT)).map((r) => viewOf(r)));
}
