// 受理: a doctor of the follow-up centre accepts a registration. In one transaction: the person
// (new, or a likely duplicate the doctor recognised), a case whose reporter is the centre and whose
// responsible centre is the health centre of where the person stays, the self-test as its test
// record, and a 発生届 filed by the doctor — checked by the same rules as any 「報告」 (legal
// minimum, logic checks) and announced to the health centre like any other — then the My HER-SYS
// invitation (by the channel the person confirmed their code with). Accepting twice does nothing twice: the registration's status and version decide.
//
// Why the centre's doctor: the law asks the doctor who diagnosed to notify, and the 2022 registration
// centres had doctors who confirmed each registration and notified. The doctor is a user with the role
// `doctor` at the follow-up centre (organizations.ts); the centre is the notification's reporting
// institution (its name, address and phone are the reporter's), and the case is in the scope of the
// centre's doctors as a clinic's cases are in its doctors' (reporting_org_id, row-level security).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AcceptSelfRegistrationBody } from '../../domain/api/self-registration.ts';
import { japanToday } from '../../domain/calendar.ts';
import { classificationOf, diagnosisDateProblem, type SelfRegistrationStatus } from '../../domain/self-registration.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import * as cases from '../cases/repo.ts';
import { newCase, personValues } from '../cases/service.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { inviteIn } from '../my/invite.ts';
import { checkCollected, formInForce } from '../notifications/forms.ts';
import * as notifications from '../notifications/repo.ts';
import { notifyCentre, type Links } from '../notifications/submit.ts';
import { blockers, evaluate } from '../notifications/view.ts';
import { requireAcceptor, requireReviewer } from './access.ts';
import * as repo from './repo.ts';

type Body = z.infer<typeof AcceptSelfRegistrationBody>;

export async function acceptRegistration(db: Database, ctx: RequestContext, id: string, body: Body, links: Links) {
  requireReviewer(ctx.actor);
  const { actor } = ctx;
  return db.asActor(actor, async (tx) => {
    const r = await repo.findRegistration(tx, id, true);
    if (!r) throw notFound();
    requireAcceptor(actor, r);
    if (r.status !== 'submitted') throw new AppError(409, 'registration_decided', { status: r.status as SelfRegistrationStatus, caseId: r.acceptedCaseId });
    if (body.version !== r.version) throw versionConflict(r.version);

    const now = new Date();
    const today = japanToday(now);
    const diagnosedOn = body.diagnosedOn ?? today;
    const dateProblem = diagnosisDateProblem(diagnosedOn, r.testDate, today);
    if (dateProblem) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'diagnosedOn'], code: dateProblem }]);
    const centre = await repo.findOrg(tx, body.healthCentreId);
    if (!centre || centre.kind !== 'health_center' || centre.prefectureId !== r.prefectureId) {
      throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'healthCentreId'], code: 'health_centre_outside_prefecture' }]);
    }
    const form = formInForce('covid19', diagnosedOn);
    const sex = r.sex as 'male' | 'female';

    let personId: string;
    if (body.person.kind === 'existing_person') {
      const person = await cases.findPerson(tx, body.person.personId); // a person the doctor may see (RLS)
      if (!person) throw notFound();
      personId = person.id;
    } else {
      personId = randomUUID();
      const values = personValues({ nameKanji: r.nameKanji, nameKana: r.nameKana, sex, birthDate: r.birthDate, residenceAddress: r.address, phone: r.phone, email: r.email ?? undefined });
      await cases.insertPerson(tx, { id: personId, ...values, createdBy: actor.userId });
    }
    const kase = await newCase(tx, { personId, prefectureId: r.prefectureId, responsibleHcId: centre.id, reportingOrgId: actor.orgId });
    await cases.insertTests(tx, [
      {
        caseId: kase.id,
        entryId: randomUUID(),
        createdBy: actor.userId,
        method: 'antigen_qualitative',
        specimen: r.specimen,
        collectedOn: r.testDate,
        result: 'positive',
        resultOn: r.testDate,
        labName: null,
      },
    ]);

    const classification = classificationOf(r.symptoms);
    const fields = {
      diagnosedOn,
      specimenCollectedOn: r.testDate,
      onsetOn: form.core.onsetDate === 'not_collected' ? null : r.onsetDate,
      symptomatic: r.symptoms.length > 0,
      admitted: false,
    };
    checkCollected(form, fields);
    const draft = await notifications.insertNotification(tx, {
      ...fields,
      caseId: kase.id,
      formId: form.formId,
      formVersion: form.version,
      classification,
      institutionId: actor.orgId,
      source: 'direct',
      doctorUserId: actor.userId,
      doctorName: actor.name,
      answers: {},
      createdBy: actor.userId,
    });
    // The same rules as any 「報告」: what the registration cannot give blocks, and nothing is kept.
    const c = (await notifications.contextOf(tx, draft.id, true))!;
    const e = evaluate(c, draft, today, body.acknowledgedWarnings);
    const blocking = blockers(e, body.acknowledgedWarnings);
    if (blocking.length) throw new AppError(422, 'registration_notification_blocked', { missing: e.missing, findings: e.findings }, blocking);
    const warnings = new Set(e.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId));
    await notifications.updateNotification(tx, draft.id, draft.version, {
      status: 'submitted',
      firstSubmittedAt: now,
      submittedBy: actor.userId,
      reporterInstitutionName: e.reporter.name,
      reporterAddress: e.reporter.address,
      reporterPhone: e.reporter.phone,
      acknowledgedWarnings: body.acknowledgedWarnings.filter((w) => warnings.has(w)),
    });
    await notifications.recordFirstSubmission(tx, { notificationId: draft.id, classification, submittedOn: today, submittedAt: now, submittedBy: actor.userId });
    const emailed = notifyCentre(tx, c, links);

    const updated = await repo.updateRegistration(tx, id, r.version, { status: 'accepted', reviewedBy: actor.userId, reviewedAt: now, acceptedCaseId: kase.id });
    if (!updated) throw versionConflict(r.version); // the row is locked: cannot happen
    await audit(tx, ctx, {
      action: 'self_registrations.accept',
      recordType: 'self_registration',
      recordIds: [id, kase.id, personId, draft.id],
      details: { person: body.person.kind, healthCentreId: centre.id, classification, formVersion: form.version, emailed },
    });
    // My HER-SYS at once, by the channel the person confirmed their code with.
    // Refused (observe_until_past: the isolation is over and the doctor set no later day), the whole
    // acceptance is refused with it: nothing is written.
    await inviteIn(tx, ctx, kase.id, { channel: r.channel as 'email' | 'sms', ...(body.observeUntil ? { observeUntil: body.observeUntil } : {}) }, links);
    return {
      id,
      status: 'accepted' as const,
      caseId: kase.id,
      caseNumber: kase.caseNumber,
      personId,
      notificationId: draft.id,
      invited: true,
      version: updated.version,
    };
  });
}
