// Who did something, named as at the time: histories are read by people who may not see the users
// table (row-level security), and IDs and organisations outlive names. The names come with the
// actor (the session check reads them in the request's first statement).
import type { Actor } from './actor.ts';

export interface ChangedBy {
  changedBy: string;
  changedByName: string;
  changedByOrgName: string;
}

export const changedBy = (actor: Actor): ChangedBy => ({ changedBy: actor.userId, changedByName: actor.name, changedByOrgName: actor.orgName });
