// An incident as the API shows it, with its linked alerts; and the checks create and update share.
import type { z } from 'zod';
import type { CreateIncidentBody, Incident } from '../../domain/api/incidents.ts';
import { incidentProblems, type IncidentMedium, type IncidentStatus, type SecondaryDamage } from '../../domain/privacy/incidents.ts';
import type { Tx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as repo from './repo.ts';

type Fields = Omit<z.infer<typeof CreateIncidentBody>, 'orgId' | 'alertIds'>;

/** The row's columns from the API's fields (reports flattened into their three dates). */
export function columnsOf(f: Partial<Fields>): Partial<repo.IncidentValues> {
  const { reports, occurredAt, discoveredAt, ...rest } = f;
  return {
    ...rest,
    ...(occurredAt !== undefined ? { occurredAt: occurredAt === null ? null : new Date(occurredAt) } : {}),
    ...(discoveredAt !== undefined ? { discoveredAt: new Date(discoveredAt) } : {}),
    ...(reports ? { reportedPrefectureOn: reports.prefecture, reportedMinistryOn: reports.ministry, reportedPpcOn: reports.ppc } : {}),
  };
}

/** 400 with every field the rules refuse (domain/privacy/incidents.ts). */
export function checkRules(row: repo.IncidentValues): void {
  const problems = incidentProblems(
    {
      occurredAt: row.occurredAt ? new Date(row.occurredAt).toISOString() : null,
      discoveredAt: new Date(row.discoveredAt).toISOString(),
      media: (row.media ?? []) as IncidentMedium[],
      mediaNote: row.mediaNote ?? null,
      secondaryDamage: (row.secondaryDamage ?? 'unknown') as SecondaryDamage,
      secondaryDamageNote: row.secondaryDamageNote ?? null,
      status: (row.status ?? 'open') as IncidentStatus,
      reports: { prefecture: row.reportedPrefectureOn ?? null, ministry: row.reportedMinistryOn ?? null, ppc: row.reportedPpcOn ?? null },
      notifiedOn: row.notifiedOn ?? null,
    },
    new Date(),
  );
  if (problems.length) throw new AppError(400, 'invalid_input', {}, problems.map((p) => ({ path: ['body', ...p.path], code: p.code })));
}

/** Evidence must be audit rows the officer can read; alerts must be confirmed, visible and not yet linked. */
export async function checkLinks(tx: Tx, evidenceSeqs: number[] | undefined, alertIds: string[] | undefined): Promise<void> {
  if (evidenceSeqs?.length) {
    const visible = await repo.visibleAuditSeqs(tx, evidenceSeqs);
    const missing = evidenceSeqs.findIndex((s) => !visible.has(s));
    if (missing >= 0) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'evidenceSeqs', missing], code: 'incident_evidence_unknown' }]);
  }
  if (alertIds?.length) {
    const free = new Set((await repo.confirmedAlertsWithoutIncident(tx, alertIds)).map((a) => a.id));
    const wrong = alertIds.findIndex((id) => !free.has(id));
    if (wrong >= 0) throw new AppError(422, 'incident_alert_not_confirmed', { alertId: alertIds[wrong] });
  }
}

export async function viewOf(tx: Tx, row: repo.IncidentRow): Promise<z.infer<typeof Incident>> {
  const alerts = await repo.alertsOf(tx, row.id);
  const names = await repo.orgNames(tx, [row.orgId]);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: names.get(row.orgId)?.ja ?? '',
    occurredAt: row.occurredAt?.toISOString() ?? null,
    discoveredAt: row.discoveredAt.toISOString(),
    summary: row.summary,
    dataKinds: row.dataKinds,
    recordCount: row.recordCount,
    personCount: row.personCount,
    media: row.media as IncidentMedium[],
    mediaNote: row.mediaNote,
    notification: row.notification,
    notifiedOn: row.notifiedOn,
    secondaryDamage: row.secondaryDamage as SecondaryDamage,
    secondaryDamageNote: row.secondaryDamageNote,
    cause: row.cause,
    prevention: row.prevention,
    reports: { prefecture: row.reportedPrefectureOn, ministry: row.reportedMinistryOn, ppc: row.reportedPpcOn },
    status: row.status as IncidentStatus,
    evidenceSeqs: row.evidenceSeqs,
    alerts: alerts.map((a) => ({ ...a, updatedAt: a.updatedAt.toISOString() })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
