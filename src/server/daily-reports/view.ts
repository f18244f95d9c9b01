// A stored report as the API shows it, and who may correct it now.
import type { z } from 'zod';
import type { DailyReport } from '../../domain/api/daily-reports.ts';
import { correctionProblem, isLate, totalOf, type Corrector } from '../../domain/daily-reports/rules.ts';
import type { Actor } from '../access/actor.ts';
import type { Tx } from '../db/database.ts';
import * as repo from './repo.ts';

/** How the actor corrects a report: as its institution, as the prefecture, or not at all. */
export function correctorFor(actor: Actor, report: Pick<repo.DailyReportRow, 'institutionId' | 'prefectureId'>): Corrector | null {
  const ownInstitution = actor.orgKind === 'medical_institution' && actor.orgId === report.institutionId;
  if (ownInstitution && (actor.roles.includes('doctor') || actor.roles.includes('clerk'))) return 'institution';
  if (actor.orgKind === 'prefecture' && actor.roles.includes('prefecture_staff') && actor.prefectureId === report.prefectureId) return 'prefecture';
  return null;
}

export function viewOf(
  actor: Actor,
  row: repo.DailyReportRow,
  names: Awaited<ReturnType<typeof repo.namesOf>>,
  now = new Date(),
): z.infer<typeof DailyReport> {
  const corrector = correctorFor(actor, row);
  return {
    id: row.id,
    institutionId: row.institutionId,
    institutionName: names.orgs.get(row.institutionId) ?? { ja: '', en: '' },
    healthCenterId: row.healthCenterId,
    reportDate: row.reportDate,
    formId: row.formId,
    formVersion: row.formVersion,
    counts: row.counts,
    total: totalOf(row.counts),
    filedAt: row.filedAt.toISOString(),
    filedByName: names.users.get(row.filedBy) ?? null,
    late: isLate(row.reportDate, row.filedAt),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    version: row.version,
    // The reason is asked on the form, so only the day decides here.
    correctable: corrector !== null && correctionProblem(corrector, row.reportDate, 'reason given', now) === null,
  };
}

/** Views of several reports with the names they show, read at once. */
export async function viewsOf(tx: Tx, actor: Actor, reports: repo.DailyReportRow[]) {
  const names = await repo.namesOf(tx, reports.map((r) => r.institutionId), reports.map((r) => r.filedBy));
  return reports.map((r) => viewOf(actor, r, names));
}
