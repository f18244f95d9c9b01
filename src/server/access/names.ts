// Who did something, named as at the time: histories are read by people who may not see the users
// table (row-level security), and IDs and organisations outlive names.
import type { Tx } from '../db/database.ts';
import { findOrg } from '../orgs/repo.ts';
import { findUser } from '../users/repo.ts';
import type { Actor } from './actor.ts';

export interface ChangedBy {
  changedBy: string;
  changedByName: string;
  changedByOrgName: string;
}

export async function changedBy(tx: Tx, actor: Actor): Promise<ChangedBy> {
  const [user, org] = await Promise.all([findUser(tx, actor.userId), findOrg(tx, actor.orgId)]);
  return { changedBy: actor.userId, changedByName: user?.displayName ?? '', changedByOrgName: org?.nameJa ?? '' };
}
