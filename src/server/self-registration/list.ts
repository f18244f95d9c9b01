// The follow-up centre's list of registrations: masked identity and age band (DESIGN.md §5), the
// rows shown audited. Which rows: the reviewer's prefecture (row-level security).
import { japanToday } from '../../domain/calendar.ts';
import { ageBand, maskName } from '../../domain/masking.ts';
import type { SelfRegistrationStatus } from '../../domain/self-registration.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { requireReviewer } from './access.ts';
import * as repo from './repo.ts';

export async function listRegistrations(db: Database, ctx: RequestContext, q: { status: 'submitted' | 'accepted' | 'rejected'; limit: number }) {
  requireReviewer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => {
    const rows = await repo.listRegistrations(tx, q.status, q.limit);
    await audit(tx, ctx, { action: 'self_registrations.list', recordType: 'self_registration', recordIds: rows.map((r) => r.id), details: { status: q.status } });
    const today = japanToday(new Date());
    return {
      registrations: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        maskedName: maskName(r.nameKana),
        sex: r.sex as 'male' | 'female',
        ageBand: ageBand(r.birthDate, today),
        testDate: r.testDate,
        symptomatic: r.symptoms.length > 0,
        riskFactorCount: r.riskFactors.length,
        hasPhoto: r.hasPhoto,
        status: r.status as SelfRegistrationStatus,
        submittedAt: r.submittedAt?.toISOString() ?? null,
      })),
    };
  });
}

/** The health centres of the reviewer's prefecture, one of which becomes an accepted case's responsible centre. */
export async function healthCentreChoices(db: Database, ctx: RequestContext) {
  requireReviewer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => ({ healthCentres: await repo.healthCentresOf(tx, ctx.actor.prefectureId!) }));
}
