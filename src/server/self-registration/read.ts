// Opening a registration: the full identity and the likely duplicates among the persons the
// reviewer may see, found by the same check as a clinic's registration (cases/service.ts
// duplicatesIn); the photo is its own read. Each read is audited in its transaction.
import type { z } from 'zod';
import type { SelfRegistrationDetail } from '../../domain/api/self-registration.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { duplicatesIn } from '../cases/service.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { requireReviewer } from './access.ts';
import * as repo from './repo.ts';

type Detail = z.infer<typeof SelfRegistrationDetail>;

export const detailOf = (r: repo.RegistrationRow): Omit<Detail, 'duplicates'> => ({
  id: r.id,
  reference: r.reference,
  prefectureId: r.prefectureId,
  status: r.status as Detail['status'],
  nameKanji: r.nameKanji,
  nameKana: r.nameKana,
  sex: r.sex as Detail['sex'],
  birthDate: r.birthDate,
  address: r.address,
  phone: r.phone,
  email: r.email,
  channel: r.channel as Detail['channel'],
  testKitName: r.testKitName,
  specimen: r.specimen as Detail['specimen'],
  testDate: r.testDate,
  photo: r.photo && r.photoType ? { contentType: r.photoType as 'image/jpeg' | 'image/png', bytes: r.photo.length } : null,
  symptoms: r.symptoms as Detail['symptoms'],
  onsetDate: r.onsetDate,
  riskFactors: r.riskFactors as Detail['riskFactors'],
  submittedAt: r.submittedAt?.toISOString() ?? null,
  reviewedAt: r.reviewedAt?.toISOString() ?? null,
  rejectReason: r.rejectReason as Detail['rejectReason'],
  acceptedCaseId: r.acceptedCaseId,
  version: r.version,
});

export async function readRegistration(db: Database, ctx: RequestContext, id: string): Promise<Detail> {
  requireReviewer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => {
    const r = await repo.findRegistration(tx, id);
    if (!r) throw notFound();
    requireReviewer(ctx.actor, r);
    await audit(tx, ctx, { action: 'self_registrations.read', recordType: 'self_registration', recordIds: [id] });
    const duplicates = r.status === 'submitted' ? await duplicatesIn(tx, ctx, { nameKana: r.nameKana, birthDate: r.birthDate, sex: r.sex as Detail['sex'], phone: r.phone }) : [];
    return { ...detailOf(r), duplicates };
  });
}

export async function registrationPhoto(db: Database, ctx: RequestContext, id: string) {
  requireReviewer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => {
    const r = await repo.findRegistration(tx, id);
    if (!r) throw notFound();
    requireReviewer(ctx.actor, r);
    if (!r.photo || !r.photoType) throw new AppError(404, 'registration_no_photo');
    await audit(tx, ctx, { action: 'self_registrations.photo', recordType: 'self_registration', recordIds: [id] });
    return { bytes: r.photo, contentType: r.photoType };
  });
}
