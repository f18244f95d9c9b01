// 通報窓口: anyone may report suspected misuse — signed in (the reporter is the session's user, the
// report goes to their prefecture's officers) or through the public form (no login; the prefecture
// chosen on the form; a name and contact only if given). The report becomes a 'report' alert; the
// ministry's officers see it through their tree. The reporter's identity is kept in the report for
// the officer only: the audit row names the report, not who filed it or what it says.
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { fieldError } from '../errors.ts';
import * as repo from './repo.ts';

export interface ReportFields {
  what: string;
  happened?: string;
  suspect?: string;
  suspectOrgId?: string;
}

async function checkSuspectOrg(tx: Tx, id: string | undefined) {
  if (id && !(await repo.orgExists(tx, id))) throw fieldError(['body', 'suspectOrgId'], 'invalid_input');
}

const fields = (body: ReportFields) => ({ what: body.what, happened: body.happened ?? null, suspect: body.suspect ?? null, suspectOrgId: body.suspectOrgId ?? null });

export async function fileReport(db: Database, ctx: RequestContext, body: ReportFields) {
  return db.asActor(ctx.actor, async (tx) => {
    await checkSuspectOrg(tx, body.suspectOrgId);
    const filed = await repo.fileReport(tx, { ...fields(body), prefectureId: null, name: null, contact: null });
    await audit(tx, ctx, { action: 'misuse_reports.file', recordType: 'misuse_report', recordIds: [filed.report_id, filed.alert_id] });
    return { received: new Date().toISOString() };
  });
}

export async function filePublicReport(db: Database, clientAddr: string | null, body: ReportFields & { prefectureId: string; name?: string; contact?: string }) {
  return db.asSystem(async (tx) => {
    if ((await repo.orgExists(tx, body.prefectureId)) !== 'prefecture') throw fieldError(['body', 'prefectureId'], 'invalid_input');
    await checkSuspectOrg(tx, body.suspectOrgId);
    const filed = await repo.fileReport(tx, { ...fields(body), prefectureId: body.prefectureId, name: body.name ?? null, contact: body.contact ?? null });
    await audit(tx, { actor: null, clientAddr }, { action: 'misuse_reports.file_public', recordType: 'misuse_report', recordIds: [filed.report_id, filed.alert_id] });
    return { received: new Date().toISOString() };
  });
}

/** The prefectures a report can go to and the organisations it can name: public facts. */
export async function reportOrganizations(db: Database) {
  const found = await db.asSystem((tx) => repo.organizationsForReports(tx));
  const ref = (o: (typeof found)[number]) => ({ id: o.id, nameJa: o.name_ja, nameEn: o.name_en });
  return {
    prefectures: found.filter((o) => o.kind === 'prefecture').map(ref),
    organizations: found.map((o) => ({ ...ref(o), prefectureId: o.prefecture_id })),
  };
}
