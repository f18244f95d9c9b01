// The demo's daily reports (日次報告): the two institutions are expected to report daily and have
// filed the two weeks before today, so that a newcomer finds both screens filled. Today is left for
// the institution to file. The Nakano hospital forgot two days and filed one late; the clinic put an
// octogenarian in its aggregate once (an overlap flag for the centre).
import { japanToday } from '../../domain/calendar.ts';
import { cellsOf, dailyReportDefinitionOn } from '../../domain/daily-reports/definition.ts';
import type { Tx } from '../db/database.ts';
import { dailyReportChanges, dailyReportExpected, dailyReports } from '../db/schema.ts';

const DAY = 86_400_000;
export const DEMO_DAILY_REPORT_DAYS = 14;

interface Reporter {
  institutionId: string;
  healthCenterId: string;
  prefectureId: string;
  /** The institution's doctor files; the centre's staff marked it as reporting daily. */
  doctorId: string;
  hcStaffId: string;
  /** Days before today that were not filed, and those filed the next morning. */
  missing: number[];
  late: number[];
  /** Typical positives a day in the busiest band. */
  scale: number;
  octogenarianOn?: number;
}

/** A plausible count: most positives are young adults; varies by day without randomness (stable demo). */
const countFor = (band: number, daysAgo: number, scale: number) => Math.max(0, Math.round(scale * [0.4, 0.7, 1, 0.9, 0.8, 0.6, 0.3, 0, 0, 0, 0.1][band] * (1 + 0.3 * Math.sin(daysAgo * 1.7 + band))));

export async function seedDailyReports(tx: Tx, reporters: Reporter[], now = new Date()): Promise<void> {
  for (const r of reporters) {
    await tx.insert(dailyReportExpected).values({ institutionId: r.institutionId, healthCenterId: r.healthCenterId, prefectureId: r.prefectureId, setBy: r.hcStaffId, setAt: new Date(now.getTime() - (DEMO_DAILY_REPORT_DAYS + 1) * DAY) });
    for (let daysAgo = DEMO_DAILY_REPORT_DAYS; daysAgo >= 1; daysAgo--) {
      if (r.missing.includes(daysAgo)) continue;
      const reportDate = japanToday(new Date(now.getTime() - daysAgo * DAY));
      const def = dailyReportDefinitionOn(reportDate);
      if (!def) continue;
      const counts = Object.fromEntries(cellsOf(def).map((c, band) => [c.id, countFor(band, daysAgo, r.scale)]));
      if (r.octogenarianOn === daysAgo) counts['80s'] = 1;
      // Filed in the evening of the day (18:00 JST = 09:00 UTC), or at 09:30 JST the next morning.
      const filedAt = new Date(Date.parse(`${reportDate}T09:00:00Z`) + (r.late.includes(daysAgo) ? 15.5 * 3_600_000 : 0));
      const [row] = await tx
        .insert(dailyReports)
        .values({ institutionId: r.institutionId, healthCenterId: r.healthCenterId, prefectureId: r.prefectureId, reportDate, formId: def.reportId, formVersion: def.version, counts, filedBy: r.doctorId, filedAt })
        .returning({ id: dailyReports.id });
      await tx.insert(dailyReportChanges).values({ reportId: row.id, version: 1, kind: 'filed', counts, changedBy: r.doctorId, changedByOrgId: r.institutionId, changedAt: filedAt });
    }
  }
}

export const DEMO_REPORTERS = {
  'sakura-clinic': { hc: 'shinjuku-hc', doctor: 'sakura-dr1', hcStaff: 'shinjuku-h1', missing: [], late: [], scale: 4, octogenarianOn: 2 },
  'midori-hospital': { hc: 'nakano-hc', doctor: 'midori-dr1', hcStaff: 'nakano-h1', missing: [3, 9], late: [5], scale: 9 },
} as const;
