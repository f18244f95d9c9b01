// 医療タブ: a case's stays in hospital and its clinical course. Hospitals enter their inpatients'
// state, admission and discharge (Q&A 9; 実施要綱 2(3)ア), and the ministry then reads the counts
// instead of a separate report. A health centre keys in a hospital's course from paper, and an
// admission is an admission whoever keys it in: an open one makes the case 入院中 and a discharge
// moves it on, by the actor's own status rules (case-status.ts, through applyStatusChange), and the
// stay gives the hospital the case until the day of discharge, as a 居所 does (stay-access.ts).
// A stay keyed in after it ended never rewrites where the case stands now.
import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { ADMISSION_OUTCOMES, AdmissionBody, AdmissionUpdateBody, ClinicalCourseBody } from '../../domain/api/hospital.ts';
import type { CaseStatus } from '../../domain/case-status.ts';
import { severityOf, type Severity } from '../../domain/severity.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { changedBy } from '../access/names.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { admissions, cases, clinicalCourse, organizations } from '../db/schema.ts';
import { AppError, fieldError, notFound, versionConflict } from '../errors.ts';
import { applyStatusChange, statusActorOf, type StatusChangeInput } from '../followup/status.ts';
import { grantStayAccess, setStayAccessEnd } from '../followup/stay-access.ts';
import { findOrg } from '../orgs/repo.ts';

type AdmissionRow = typeof admissions.$inferSelect;
type Outcome = (typeof ADMISSION_OUTCOMES)[number];

/** A hospital records its own inpatients; a health centre any hospital's, for the cases it sees. */
function courseActor(ctx: RequestContext): 'hospital' | 'health_centre' {
  const who = statusActorOf(ctx.actor);
  if (who === 'hospital' || who === 'health_centre') return who;
  throw new AppError(403, 'forbidden');
}

const toAdmission = (a: AdmissionRow, hospitalNameJa: string) => ({
  id: a.id,
  caseId: a.caseId,
  hospital: { id: a.hospitalId, nameJa: hospitalNameJa },
  admittedOn: a.admittedOn,
  dischargedOn: a.dischargedOn,
  ward: a.ward,
  attendingDoctor: a.attendingDoctor,
  outcome: a.outcome as Outcome | null,
  note: a.note,
  version: a.version,
});

const toEntry = (e: typeof clinicalCourse.$inferSelect) => ({
  id: e.id,
  caseId: e.caseId,
  admissionId: e.admissionId,
  observedOn: e.observedOn,
  severity: e.severity as Severity,
  oxygen: e.oxygen,
  icu: e.icu,
  ventilator: e.ventilator,
  ecmo: e.ecmo,
  note: e.note,
  changedByName: e.changedByName,
  changedByOrgName: e.changedByOrgName,
  changedAt: e.changedAt.toISOString(),
});

/** The case locked for the request (admissions of one case are decided one at a time); 404 unless seen. */
async function lockCase(tx: Tx, caseId: string) {
  const [c] = await tx
    .select({ id: cases.id, status: cases.currentStatus })
    .from(cases)
    .where(eq(cases.id, caseId))
    .for('update');
  if (!c) throw notFound();
  return c;
}

async function caseStatusNow(tx: Tx, caseId: string) {
  const [c] = await tx
    .select({ status: cases.currentStatus, effectiveOn: cases.statusEffectiveOn, version: cases.version })
    .from(cases)
    .where(eq(cases.id, caseId));
  return { status: c.status as CaseStatus | null, effectiveOn: c.effectiveOn, version: c.version };
}

/**
 * The status change that goes with an admission or a discharge. Its date is the admission's or
 * discharge's, so a refusal of that date is reported at the body's own field; a released or dead
 * case is reopened in the record tab, with the reason, before a stay is recorded on it.
 */
async function moveStatus(tx: Tx, ctx: RequestContext, caseId: string, change: StatusChangeInput, dateField: string) {
  try {
    await applyStatusChange(tx, ctx, caseId, change);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const at = (path: string) => err.fields.some((f) => f.path.join('.') === path);
    if (at('body.effectiveOn')) {
      throw new AppError(err.status, err.code, err.details, err.fields.map((f) => ({ ...f, path: ['body', dateField] })));
    }
    if (at('body.reason')) throw new AppError(409, 'admission_case_closed');
    throw err;
  }
}

/** Where the admission is: a hospital's own (no other), or the medical institution a centre names. */
async function admittingHospital(tx: Tx, ctx: RequestContext, who: 'hospital' | 'health_centre', hospitalId: string | undefined) {
  if (who === 'hospital') {
    if (hospitalId && hospitalId !== ctx.actor.orgId) throw new AppError(403, 'admission_other_hospital');
    return (await findOrg(tx, ctx.actor.orgId))!;
  }
  if (!hospitalId) throw fieldError(['body', 'hospitalId'], 'admission_needs_hospital');
  const org = await findOrg(tx, hospitalId);
  if (!org || org.kind !== 'medical_institution') throw fieldError(['body', 'hospitalId'], 'not_a_hospital');
  return org;
}

/**
 * 入院: one open admission per case and hospital. An open admission makes the case 入院中 from that
 * day unless it already is (another hospital's transfer); when the status rules refuse (a released
 * case, a day before the current status), nothing is written. A stay keyed in with its discharge
 * already known is history: it leaves the status alone.
 */
export async function admit(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof AdmissionBody>) {
  requirePermission(ctx.actor, 'hospital_course.write');
  const who = courseActor(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const theCase = await lockCase(tx, caseId);
    const hospital = await admittingHospital(tx, ctx, who, body.hospitalId);
    const dischargedOn = body.dischargedOn ?? null;
    if (dischargedOn && dischargedOn < body.admittedOn) throw fieldError(['body', 'dischargedOn'], 'discharge_before_admission');
    if (!dischargedOn) {
      const [open] = await tx
        .select({ id: admissions.id })
        .from(admissions)
        .where(and(eq(admissions.caseId, caseId), eq(admissions.hospitalId, hospital.id), isNull(admissions.dischargedOn)));
      if (open) throw new AppError(409, 'admission_already_open', { admissionId: open.id });
    }

    const assignmentId = await grantStayAccess(tx, ctx, { caseId, orgId: hospital.id, kind: 'admission', startsOn: body.admittedOn, endsOn: dischargedOn });
    const [row] = await tx
      .insert(admissions)
      .values({
        caseId,
        hospitalId: hospital.id,
        admittedOn: body.admittedOn,
        dischargedOn,
        outcome: body.outcome ?? null,
        ward: body.ward ?? null,
        attendingDoctor: body.attendingDoctor ?? null,
        note: body.note ?? null,
        assignmentId,
        createdBy: ctx.actor.userId,
      })
      .returning();
    // After the insert: the status rules let a hospital move only its own inpatients.
    if (!dischargedOn && theCase.status !== 'hospitalized') {
      await moveStatus(tx, ctx, caseId, { to: 'hospitalized', effectiveOn: body.admittedOn }, 'admittedOn');
    }
    await audit(tx, ctx, {
      action: 'admissions.create',
      recordType: 'admission',
      recordIds: [row.id],
      details: { caseId, hospitalId: hospital.id, admittedOn: body.admittedOn, dischargedOn, proxy: who === 'health_centre' },
    });
    return { admission: toAdmission(row, hospital.nameJa), caseStatus: await caseStatusNow(tx, caseId) };
  });
}

/** The status a discharge leads to; null: the case stays 入院中 (transferred to another hospital). */
function statusAfterDischarge(outcome: Outcome, statusAfter: CaseStatus | undefined): CaseStatus | null {
  if (outcome === 'died') return 'died';
  if (outcome === 'transferred') return null;
  if (!statusAfter) throw fieldError(['body', 'statusAfter'], 'discharge_needs_status');
  return statusAfter;
}

/** Whether the case has an open admission besides this one (it is still in hospital elsewhere). */
async function openElsewhere(tx: Tx, a: AdmissionRow) {
  const [other] = await tx
    .select({ id: admissions.id })
    .from(admissions)
    .where(and(eq(admissions.caseId, a.caseId), ne(admissions.id, a.id), isNull(admissions.dischargedOn)));
  return Boolean(other);
}

/**
 * Corrects the ward or the attending doctor, or records the discharge (once). A hospital edits only
 * its own admissions. A discharge that ends the case's stay in hospital (入院中, no other admission
 * open) moves the status first, while the case is still the hospital's inpatient; keyed in after
 * the case has moved on, it leaves the status as it is. The hospital's access ends with the stay.
 */
export async function updateAdmission(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof AdmissionUpdateBody>) {
  requirePermission(ctx.actor, 'hospital_course.write');
  const who = courseActor(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const [before] = await tx.select().from(admissions).where(eq(admissions.id, id)).for('update');
    if (!before) throw notFound();
    if (who === 'hospital' && before.hospitalId !== ctx.actor.orgId) throw new AppError(403, 'admission_other_hospital');
    const theCase = await lockCase(tx, before.caseId);
    if (body.version !== before.version) throw versionConflict(before.version);

    const changes: Partial<AdmissionRow> = {};
    if (body.ward !== undefined) changes.ward = body.ward;
    if (body.attendingDoctor !== undefined) changes.attendingDoctor = body.attendingDoctor;
    if (body.note !== undefined) changes.note = body.note;
    if (body.dischargedOn !== undefined && body.outcome !== undefined) {
      if (before.dischargedOn) throw new AppError(409, 'admission_already_discharged');
      if (body.dischargedOn < before.admittedOn) throw fieldError(['body', 'dischargedOn'], 'discharge_before_admission');
      if (theCase.status === 'hospitalized' && !(await openElsewhere(tx, before))) {
        const to = statusAfterDischarge(body.outcome, body.statusAfter);
        if (to) await moveStatus(tx, ctx, before.caseId, { to, effectiveOn: body.dischargedOn }, 'dischargedOn');
      }
      changes.dischargedOn = body.dischargedOn;
      changes.outcome = body.outcome;
    }
    if (!Object.keys(changes).length) throw new AppError(400, 'nothing_changed');

    const [after] = await tx
      .update(admissions)
      .set({ ...changes, updatedAt: new Date(), version: before.version + 1 })
      .where(eq(admissions.id, id))
      .returning();
    await audit(tx, ctx, {
      action: changes.dischargedOn ? 'admissions.discharge' : 'admissions.update',
      recordType: 'admission',
      recordIds: [id],
      details: { caseId: before.caseId, fields: Object.keys(changes), outcome: changes.outcome ?? null },
    });
    const hospital = (await findOrg(tx, after.hospitalId))!;
    const result = { admission: toAdmission(after, hospital.nameJa), caseStatus: await caseStatusNow(tx, before.caseId) };
    if (changes.dischargedOn) await setStayAccessEnd(tx, ctx, before.assignmentId, before.admittedOn, changes.dischargedOn);
    return result;
  });
}

/**
 * A clinical-course entry. The stored severity is derived (重症 exactly with ICU, ventilator or ECMO),
 * so the database check always holds. A hospital records for its own inpatients only: on its open
 * admission, or on a past stay of its own named by admissionId.
 */
export async function recordClinicalCourse(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof ClinicalCourseBody>) {
  requirePermission(ctx.actor, 'hospital_course.write');
  const who = courseActor(ctx);
  return db.asActor(ctx.actor, async (tx) => {
    const [theCase] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
    if (!theCase) throw notFound();

    let stay: AdmissionRow | undefined;
    if (body.admissionId) {
      [stay] = await tx.select().from(admissions).where(and(eq(admissions.id, body.admissionId), eq(admissions.caseId, caseId)));
      if (!stay) throw fieldError(['body', 'admissionId'], 'admission_not_of_case');
      if (who === 'hospital' && stay.hospitalId !== ctx.actor.orgId) throw new AppError(403, 'admission_other_hospital');
    } else if (who === 'hospital') {
      [stay] = await tx
        .select()
        .from(admissions)
        .where(and(eq(admissions.caseId, caseId), eq(admissions.hospitalId, ctx.actor.orgId), isNull(admissions.dischargedOn)));
      if (!stay) throw new AppError(403, 'not_an_inpatient');
    }
    if (stay && (body.observedOn < stay.admittedOn || (stay.dischargedOn && body.observedOn > stay.dischargedOn))) {
      throw fieldError(['body', 'observedOn'], 'observed_outside_stay');
    }

    const [row] = await tx
      .insert(clinicalCourse)
      .values({
        caseId,
        admissionId: stay?.id ?? null,
        observedOn: body.observedOn,
        severity: severityOf({ stated: body.severity, oxygen: body.oxygen, icu: body.icu, ventilator: body.ventilator, ecmo: body.ecmo }),
        oxygen: body.oxygen,
        icu: body.icu,
        ventilator: body.ventilator,
        ecmo: body.ecmo,
        note: body.note ?? null,
        ...changedBy(ctx.actor),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'clinical_course.record',
      recordType: 'clinical_course',
      recordIds: [row.id],
      details: { caseId, admissionId: row.admissionId, severity: row.severity, stated: body.severity },
    });
    return toEntry(row);
  });
}

/** The 医療タブ: stays (with the hospital's name) and the clinical course, newest first; audited. */
export async function hospitalCourse(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const [theCase] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId));
    if (!theCase) throw notFound();
    const stays = await tx
      .select({ a: admissions, hospitalNameJa: organizations.nameJa })
      .from(admissions)
      .innerJoin(organizations, eq(organizations.id, admissions.hospitalId))
      .where(eq(admissions.caseId, caseId))
      .orderBy(desc(admissions.admittedOn), desc(admissions.createdAt));
    // The same order as the inpatient statistics read the newest entry in (migration 0015).
    const entries = await tx
      .select()
      .from(clinicalCourse)
      .where(eq(clinicalCourse.caseId, caseId))
      .orderBy(desc(clinicalCourse.observedOn), desc(clinicalCourse.changedAt));
    await audit(tx, ctx, { action: 'hospital_course.read', recordType: 'case', recordIds: [caseId] });
    return {
      caseId,
      currentSeverity: (entries[0]?.severity as Severity | undefined) ?? null,
      admissions: stays.map(({ a, hospitalNameJa }) => toAdmission(a, hospitalNameJa)),
      clinicalCourse: entries.map(toEntry),
    };
  });
}
