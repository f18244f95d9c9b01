// Counts for the ministry and the prefectures, without personal data. Inpatients by prefecture and
// current severity come from the 医療タブ, so no separate report is needed (Q&A 9): a case is an
// inpatient while its status is 入院中, which an admission sets whoever keys it in, and its severity
// is the newest clinical-course entry's. The count is of now, not by date, so a stay keyed in after
// its discharge counts for nothing. The SQL function counts across cases the reader could never
// open and returns numbers only.
import { asc, eq, sql } from 'drizzle-orm';
import { SEVERITIES, type Severity } from '../../domain/severity.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { rows, type Database } from '../db/database.ts';
import { organizations } from '../db/schema.ts';

type Counts = Record<Severity | 'unknown', number>;
const zero = (): Counts => ({ mild: 0, moderate1: 0, moderate2: 0, severe: 0, unknown: 0 });

/** Inpatients (current status 入院中) by prefecture and newest severity: the ministry every prefecture, a prefecture its own. */
export async function inpatientStatistics(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'statistics.read');
  return db.asActor(ctx.actor, async (tx) => {
    const counted = await rows<{ prefecture_id: string; severity: string; inpatients: string | number }>(
      tx,
      sql`SELECT prefecture_id, severity, inpatients FROM inpatient_statistics()`,
    );
    // Every prefecture the reader is answerable for is listed, with zeros where none are in hospital.
    const national = ctx.actor.roles.includes('ministry_staff');
    const own = ctx.actor.prefectureId;
    const prefectures =
      national || own
        ? await tx
            .select({ id: organizations.id, nameJa: organizations.nameJa })
            .from(organizations)
            .where(national ? eq(organizations.kind, 'prefecture') : eq(organizations.id, own!))
            .orderBy(asc(organizations.code))
        : [];
    const table = prefectures.map((p) => {
      const bySeverity = zero();
      for (const c of counted) {
        if (c.prefecture_id !== p.id) continue;
        const key = (SEVERITIES as readonly string[]).includes(c.severity) ? (c.severity as Severity) : 'unknown';
        bySeverity[key] += Number(c.inpatients);
      }
      const total = Object.values(bySeverity).reduce((a, b) => a + b, 0);
      return { prefectureId: p.id, prefectureNameJa: p.nameJa, total, bySeverity };
    });
    await audit(tx, ctx, {
      action: 'statistics.read',
      recordType: 'statistics',
      details: { report: 'inpatients', prefectures: table.map((p) => p.prefectureId) },
    });
    return {
      asOf: new Date().toISOString(),
      total: table.reduce((a, p) => a + p.total, 0),
      severe: table.reduce((a, p) => a + p.bySeverity.severe, 0),
      prefectures: table,
    };
  });
}
