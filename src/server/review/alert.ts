// One alert for its officer: the subject, the rule hits with their weights, the decisions so far,
// the report or the patient's question it carries — and, apart, the evidence: the audit rows with
// the cases they touched, the explanation tried and the person's identity. The officer sees
// personal data only there (DESIGN.md §5), and reading it writes 'access_review.evidence' naming
// the cases and persons shown.
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { requireOfficer, reviewable } from './access.ts';
import * as repo from './repo.ts';
import { iso, toAlertRow } from './view.ts';

export async function readAlert(db: Database, ctx: RequestContext, id: string) {
  requireOfficer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => {
    const alert = reviewable(ctx.actor, await repo.findAlert(tx, id));
    const actions = await repo.actionsOf(tx, id);
    const report = alert.report_id ? await repo.reportOf(tx, alert.report_id) : undefined;
    const question = alert.question_id ? await repo.questionOf(tx, alert.question_id) : undefined;
    await audit(tx, ctx, {
      action: 'access_review.read',
      recordType: 'review_alert',
      recordIds: [id],
      details: { source: alert.source, ...(report ? { reportId: report.id } : {}), ...(question ? { questionId: question.id } : {}) },
    });
    return {
      ...toAlertRow(alert),
      hits: alert.hits,
      actions: actions.map((a) => ({
        action: a.action as never,
        at: iso(a.at)!,
        by: a.by_name,
        text: a.text,
        toOrg: a.to_org_id ? { id: a.to_org_id, nameJa: a.to_org_ja!, nameEn: a.to_org_en! } : null,
      })),
      report: report
        ? {
            id: report.id,
            what: report.what,
            happened: report.happened,
            suspect: report.suspect,
            suspectOrg: report.suspect_org_id ? { id: report.suspect_org_id, nameJa: report.suspect_org_ja!, nameEn: report.suspect_org_en! } : null,
            reporter: {
              signedIn: report.reporter_user_id !== null,
              displayName: report.reporter_display_name,
              org: report.reporter_org_id ? { id: report.reporter_org_id, nameJa: report.reporter_org_ja!, nameEn: report.reporter_org_en! } : null,
              name: report.reporter_name,
              contact: report.reporter_contact,
            },
            createdAt: iso(report.created_at)!,
          }
        : null,
      patientQuestion: question ? { id: question.id, question: question.question, askedAt: iso(question.asked_at)!, answeredAt: iso(question.answered_at) } : null,
      canEscalate: ctx.actor.orgParentId !== null,
    };
  });
}

export async function alertEvidence(db: Database, ctx: RequestContext, id: string) {
  requireOfficer(ctx.actor);
  return db.asActor(ctx.actor, async (tx) => {
    reviewable(ctx.actor, await repo.findAlert(tx, id));
    const found = await repo.evidenceOf(tx, id);
    const caseIds = [...new Set(found.flatMap((r) => (r.case_id ? [r.case_id] : [])))];
    const personIds = [...new Set(found.flatMap((r) => (r.person_id ? [r.person_id] : [])))];
    await audit(tx, ctx, {
      action: 'access_review.evidence',
      recordType: 'review_alert',
      recordIds: [id, ...caseIds, ...personIds],
      details: { seqs: [...new Set(found.map((r) => Number(r.seq)))], cases: caseIds.length },
    });
    return {
      rows: found.map((r) => ({
        seq: Number(r.seq),
        at: iso(r.at)!,
        action: r.action,
        purpose: r.purpose,
        clientAddr: r.client_addr,
        outcome: r.outcome,
        case: r.case_id
          ? {
              caseId: r.case_id,
              caseNumber: r.case_number,
              personId: r.person_id,
              nameKanji: r.name_kanji,
              nameKana: r.name_kana,
              birthDate: r.birth_date,
              examined: r.examined,
              template: r.template,
              purposeOnly: r.purpose_only,
            }
          : null,
      })),
    };
  });
}
