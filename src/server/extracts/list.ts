// The log of extracts (issue 14): who made which extract, when, for what purpose and for whom, and how
// much was released and suppressed. Row-level security shows an organisation's log to its holders of
// 'extracts.create' and to the privacy officers of its tree. No personal data: not audited as a read.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

const LIMIT = 500;

export async function listExtracts(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'extracts.read');
  return db.asActor(ctx.actor, async (tx) => ({ extracts: (await repo.listExtracts(tx, LIMIT)).map(viewOf) }));
}
