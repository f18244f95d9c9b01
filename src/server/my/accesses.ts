// "Who opened my record" (issue 11): the staff accesses to the patient's cases, by organisation and
// role — never by name — with what was done and why, and 「このアクセスについて問い合わせる」, which
// goes to the administrators of that organisation (and to the privacy review of issue 12).
import { accessWhat, accessWhy, type CaseRelation } from '../../domain/access-explanation.ts';
import type { OrgKind, Role } from '../../domain/organizations.ts';
import { sql } from 'drizzle-orm';
import { byPatient, patientSource, type PatientContext } from '../access/patient.ts';
import { audit } from '../audit/audit.ts';
import { rows, type Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as repo from './repo.ts';

const PAGE = 50;

export async function patientAccesses(db: Database, ctx: PatientContext, before: number | null) {
  return db.asPatient(ctx.patient, async (tx) => {
    const found = await repo.accessesOf(tx, before, PAGE + 1);
    const page = found.slice(0, PAGE);
    const relations = await rows<{ org_id: string; kind: CaseRelation['kind']; from_at: string | null; until_at: string | null }>(tx, sql`SELECT * FROM app_patient_case_relations()`);
    const known: CaseRelation[] = relations.map((r) => ({
      orgId: r.org_id,
      kind: r.kind,
      from: r.from_at && new Date(r.from_at).toISOString(),
      until: r.until_at && new Date(r.until_at).toISOString(),
    }));
    const asked = await repo.askedSeqs(tx, page.map((a) => Number(a.seq)));
    await audit(tx, patientSource(ctx), { action: 'patient.accesses.read', recordType: 'case', recordIds: ctx.patient.caseIds, details: { ...byPatient(ctx), shown: page.length } });
    return {
      accesses: page.map((a) => {
        const at = new Date(a.at).toISOString();
        return {
          seq: Number(a.seq),
          at,
          action: a.action,
          caseIds: a.case_ids,
          organization: { id: a.org_id, kind: a.org_kind as OrgKind, nameJa: a.org_name_ja, nameEn: a.org_name_en },
          roles: (a.roles ?? []) as Role[],
          what: accessWhat(a.action),
          why: accessWhy({ at, orgId: a.org_id, purpose: a.purpose }, known),
          purpose: a.purpose,
          asked: asked.has(Number(a.seq)),
        };
      }),
      nextBefore: found.length > PAGE ? Number(page[page.length - 1].seq) : null,
    };
  });
}

/** Asks the organisation that made an access about it; the organisation's address hears that a question waits, nothing more. */
export async function askAboutAccess(db: Database, ctx: PatientContext, seq: number, question: string) {
  return db.asPatient(ctx.patient, async (tx) => {
    // Only an access the patient can see in their list can be asked about.
    const [access] = await rows<{ org_id: string; case_ids: string[] }>(
      tx,
      sql`SELECT org_id, case_ids FROM app_patient_accesses(${seq + 1}, 1) WHERE seq = ${seq}`,
    );
    if (!access) throw notFound();
    const asked = await repo.insertQuestion(tx, { caseId: access.case_ids[0] ?? ctx.patient.caseId, auditSeq: seq, orgId: access.org_id, question });
    if (!asked) throw new AppError(409, 'already_asked');
    // The same question lands in the privacy officers' queue of that organisation (issue 12).
    await repo.raiseQuestionAlert(tx, asked.id);
    const email = await repo.orgNotificationEmail(tx, access.org_id);
    if (email) {
      enqueueEmail(tx, {
        to: email,
        subject: '【HER-SYS】アクセスについての問い合わせ / A question about an access',
        text: '患者からアクセスについての問い合わせがありました。管理者はログインして「問い合わせ」を確認してください。\nA patient asked about an access by your organisation. Administrators: log in and see Questions.',
      });
    }
    await audit(tx, patientSource(ctx), { action: 'patient.access_question', recordType: 'access_question', recordIds: [asked.id, ...access.case_ids], details: { ...byPatient(ctx), auditSeq: seq, orgId: access.org_id } });
    return { id: asked.id, askedAt: asked.askedAt.toISOString() };
  });
}
