// GET /fhir/QuestionnaireResponse/:id and ?patient= / ?subject=: a notification's answers as the
// QuestionnaireResponse to its form version, under row-level security and audited as the JSON
// API's notification read (notifications.read), so access review explains it the same way.
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import type { NotificationAnswers } from '../../domain/fhir-forms/response.ts';
import { questionnaireResponseOf } from '../../domain/fhir-forms/response.ts';
import type { Classification } from '../../domain/logic-checks.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { formOf } from '../notifications/forms.ts';
import * as notifications from '../notifications/repo.ts';
import * as repo from './repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATUS: Record<string, QuestionnaireResponse['status']> = { draft: 'in-progress', submitted: 'completed', withdrawn: 'entered-in-error' };

async function responseOf(tx: Tx, id: string): Promise<{ qr: QuestionnaireResponse; caseId: string } | null> {
  const c = await notifications.contextOf(tx, id);
  if (!c) return null;
  const n = c.notification;
  const def = formOf(n);
  const given = <T>(v: T | null) => (v === null ? undefined : v);
  const answers: NotificationAnswers = {
    classification: n.classification as Classification,
    diagnosedOn: given(n.diagnosedOn),
    initialConsultationOn: given(n.initialConsultationOn),
    specimenCollectedOn: given(n.specimenCollectedOn),
    onsetOn: given(n.onsetOn),
    estimatedInfectionOn: given(n.estimatedInfectionOn),
    deathOn: given(n.deathOn),
    occupation: given(n.occupation),
    admitted: given(n.admitted),
    symptomatic: given(n.symptomatic),
    clinicalDiagnosis: def.allowsClinicalDiagnosis ? n.clinicalDiagnosis : undefined,
    answers: (n.answers ?? {}) as Record<string, unknown>,
  };
  const caseNumber = (await repo.caseNumberOf(tx, n.caseId)) ?? undefined;
  const qr = questionnaireResponseOf(def, answers, {
    id: n.id,
    notificationId: n.id,
    caseNumber,
    status: STATUS[n.status] ?? 'completed',
    subject: { reference: `Patient/${c.kase.personId}` },
    author: { reference: `Organization/${n.institutionId}`, display: n.reporterInstitutionName ?? c.institution.nameJa },
    authored: (n.firstSubmittedAt ?? n.createdAt).toISOString(),
  });
  return { qr, caseId: n.caseId };
}

/** One notification as a QuestionnaireResponse; 404 when it does not exist or is out of the actor's scope. */
export async function questionnaireResponseFor(db: Database, ctx: RequestContext, notificationId: string): Promise<QuestionnaireResponse> {
  requirePermission(ctx.actor, 'cases.read');
  if (!UUID.test(notificationId)) throw notFound();
  return db.asActor(ctx.actor, async (tx) => {
    const found = await responseOf(tx, notificationId);
    if (!found) throw notFound();
    await audit(tx, ctx, { action: 'notifications.read', recordType: 'notification', recordIds: [notificationId], details: { caseId: found.caseId, format: 'fhir' } });
    return found.qr;
  });
}

/**
 * The QuestionnaireResponses of a patient (`patient` = the person id, as ?patient= or
 * ?subject=Patient/<id>) or of one case, that the actor may see (at most 200, oldest first); one
 * audit row names them all. An id that is not a UUID finds nothing.
 */
export async function searchQuestionnaireResponses(db: Database, ctx: RequestContext, by: { patient: string } | { caseId: string }): Promise<QuestionnaireResponse[]> {
  requirePermission(ctx.actor, 'cases.read');
  const key = 'patient' in by ? by.patient.replace(/^Patient\//, '') : by.caseId;
  if (!UUID.test(key)) return [];
  return db.asActor(ctx.actor, async (tx) => {
    const ids = await repo.notificationIdsOf(tx, 'patient' in by ? { personId: key } : { caseId: key });
    // One after another: a transaction is one connection.
    const found: { qr: QuestionnaireResponse; caseId: string }[] = [];
    for (const id of ids) {
      const r = await responseOf(tx, id);
      if (r) found.push(r);
    }
    if (found.length) {
      await audit(tx, ctx, {
        action: 'notifications.read',
        recordType: 'notification',
        recordIds: ids,
        details: { caseIds: [...new Set(found.map((f) => f.caseId))], format: 'fhir', search: 'patient' in by ? 'patient' : 'case' },
      });
    }
    return found.map((f) => f.qr);
  });
}
