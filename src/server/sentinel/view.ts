// Designations and reports as the API shows them, and who may correct a report now.
import type { z } from 'zod';
import type { SentinelDesignation, SentinelReport } from '../../domain/api/sentinel.ts';
import { isoWeekOf, weekKey } from '../../domain/iso-week.ts';
import { correctionProblem, isLate, patientsOf, type Corrector } from '../../domain/sentinel/rules.ts';
import type { Actor } from '../access/actor.ts';
import type { Tx } from '../db/database.ts';
import * as repo from './repo.ts';

/** How the actor corrects a report: as its institution, as its prefecture, or not at all (as the daily report). */
export function correctorFor(actor: Actor, report: Pick<repo.SentinelReportRow, 'institutionId' | 'prefectureId'>): Corrector | null {
  const ownInstitution = actor.orgKind === 'medical_institution' && actor.orgId === report.institutionId;
  if (ownInstitution && (actor.roles.includes('doctor') || actor.roles.includes('clerk'))) return 'institution';
  if (actor.orgKind === 'prefecture' && actor.roles.includes('prefecture_staff') && actor.prefectureId === report.prefectureId) return 'prefecture';
  return null;
}

type Names = Awaited<ReturnType<typeof repo.namesOf>>;

export function reportView(actor: Actor, row: repo.SentinelReportRow, names: Names, now = new Date()): z.infer<typeof SentinelReport> {
  const w = isoWeekOf(row.weekStart);
  const corrector = correctorFor(actor, row);
  return {
    id: row.id,
    institutionId: row.institutionId,
    institutionName: names.orgs.get(row.institutionId) ?? { ja: '', en: '' },
    healthCenterId: row.healthCenterId,
    prefectureId: row.prefectureId,
    kind: row.kind,
    week: weekKey(w),
    weekStart: row.weekStart,
    formId: row.formId,
    formVersion: row.formVersion,
    counts: row.counts,
    totals: Object.fromEntries(Object.keys(row.counts).map((d) => [d, patientsOf(row.counts, d)])),
    filedAt: row.filedAt.toISOString(),
    filedByName: names.users.get(row.filedBy) ?? null,
    late: isLate(w, row.filedAt),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    version: row.version,
    // The reason is asked on the form, so only the week decides here.
    correctable: corrector !== null && correctionProblem(corrector, w, 'reason given', now) === null,
  };
}

export async function reportViews(tx: Tx, actor: Actor, reports: repo.SentinelReportRow[]) {
  const names = await repo.namesOf(tx, reports.map((r) => r.institutionId), reports.map((r) => r.filedBy));
  return reports.map((r) => reportView(actor, r, names));
}

export function designationView(row: repo.DesignationRow, names: Names): z.infer<typeof SentinelDesignation> {
  return {
    id: row.id,
    institutionId: row.institutionId,
    institutionName: names.orgs.get(row.institutionId) ?? { ja: '', en: '' },
    healthCenterId: row.healthCenterId,
    prefectureId: row.prefectureId,
    kind: row.kind,
    fromDate: row.fromDate,
    untilDate: row.untilDate,
    designatedAt: row.designatedAt.toISOString(),
    designatedByName: names.users.get(row.designatedBy) ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedByName: row.endedBy ? (names.users.get(row.endedBy) ?? null) : null,
    version: row.version,
  };
}

export async function designationViews(tx: Tx, rows: repo.DesignationRow[]) {
  const names = await repo.namesOf(tx, rows.map((r) => r.institutionId), rows.flatMap((r) => [r.designatedBy, ...(r.endedBy ? [r.endedBy] : [])]));
  return rows.map((r) => designationView(r, names));
}
