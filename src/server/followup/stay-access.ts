// The access a stay gives: a 居所 at an accommodation facility or a hospital, or an admission to a
// hospital (whoever keyed it in), is an assignment of the case to that organisation for the days
// of the stay, so its staff see only the people staying with them (row-level security reads it:
// app_assigned_case_ids, migrations 0015 and 0020). Both kinds of stay give and end it here.
import { eq } from 'drizzle-orm';
import { accessPeriod } from '../../domain/residence.ts';
import type { RequestContext } from '../access/actor.ts';
import type { Tx } from '../db/database.ts';
import { caseAssignments } from '../db/schema.ts';

export interface Stay {
  caseId: string;
  orgId: string;
  kind: 'residence' | 'admission';
  startsOn: string;
  endsOn: string | null;
}

/** Gives the organisation the case for the stay; the assignment's id, for the stay to keep. */
export async function grantStayAccess(tx: Tx, ctx: RequestContext, stay: Stay): Promise<string> {
  const [a] = await tx
    .insert(caseAssignments)
    .values({ caseId: stay.caseId, orgId: stay.orgId, kind: stay.kind, ...accessPeriod(stay.startsOn, stay.endsOn), createdBy: ctx.actor.userId })
    .returning({ id: caseAssignments.id });
  return a.id;
}

/**
 * Ends (or moves the end of) a stay's access with the stay's own end. It can take the case out of
 * the caller's own sight (a hospital discharging its inpatient yesterday): call it last.
 */
export async function setStayAccessEnd(tx: Tx, ctx: RequestContext, assignmentId: string | null, startsOn: string, endsOn: string | null) {
  if (!assignmentId) return;
  const { endsAt } = accessPeriod(startsOn, endsOn);
  await tx.update(caseAssignments).set({ endsAt, endedBy: endsAt ? ctx.actor.userId : null }).where(eq(caseAssignments.id, assignmentId));
}
