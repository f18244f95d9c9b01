// The demo's sentinel surveillance (定点把握): Tokyo's staff designated the clinic and the hospital
// as influenza/COVID-19 sentinels long ago, and they filed the 12 weeks before this one, with an
// influenza season rising through 注意報 (10 per sentinel) to 警報 (30) and a small COVID-19 wave
// passing; this week is left for the demo doctor (sakura-dr1) to file. On `npm start` each other
// prefecture's hospital and three more clinics per prefecture become sentinels too, each
// prefecture a few weeks ahead or behind, so the ministry's table has every prefecture. Counts come
// from a hash of the site, week and cell: the same every time.
import { eq, sql } from 'drizzle-orm';
import { japanToday } from '../../domain/calendar.ts';
import { addWeeks, isoWeekOf, weekStart } from '../../domain/iso-week.ts';
import { sentinelCellsOf, sentinelDefinitionFor } from '../../domain/sentinel/definition.ts';
import type { SentinelCounts } from '../../domain/sentinel/rules.ts';
import { rows, type Database, type Tx } from '../db/database.ts';
import { organizations, sentinelDesignations, sentinelReportChanges, sentinelReports } from '../db/schema.ts';

export const DEMO_SENTINEL_WEEKS = 12;
/** The day the demo designations start: when COVID-19 joined the influenza sentinels. */
const DESIGNATED_FROM = '2023-05-08';

interface Site {
  institutionId: string;
  healthCenterId: string;
  prefectureId: string;
  /** Who filed (the institution's doctor; for sites without users, the prefecture's staff member is not used: see below). */
  filedBy: string;
  /** Weeks this prefecture's season runs ahead (+) or behind (−) Tokyo's. */
  shift: number;
  /** Relative size of the site. */
  scale: number;
}

/** A deterministic number in [0, 1) from a few integers. */
const unit = (...xs: number[]) => {
  let h = 2166136261;
  for (const x of xs) h = Math.imul(h ^ (x & 0xffff), 16777619) ^ (x >>> 16);
  return ((h >>> 0) % 10_000) / 10_000;
};
const hashOf = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

// How the patients of each disease spread over the weekly bands (0-5m … 80plus): influenza in
// school children, COVID-19 in adults and the old.
const SPREAD: Record<string, number[]> = {
  influenza: [0.3, 0.6, 1.5, 2, 2.5, 3, 3.5, 4, 4, 4, 3.5, 9, 4, 3.5, 4, 4.5, 2.5, 1.5, 1, 0.8],
  covid19: [0.3, 0.3, 0.6, 0.6, 0.6, 0.6, 0.5, 0.5, 0.5, 0.5, 0.5, 2, 2.5, 5, 5, 5.5, 5.5, 6, 7, 8],
};

/** Patients per sentinel `weeksAgo` weeks before this one: influenza rising to ~35 (警報), COVID-19 a wave six weeks ago. */
const perSentinel = (disease: string, weeksAgo: number) =>
  disease === 'influenza' ? 38 * Math.exp(-0.3 * (weeksAgo - 1)) : 2 + 7 * Math.exp(-(((weeksAgo - 6) / 2.5) ** 2));

export function demoCounts(site: { key: number; shift: number; scale: number }, weeksAgo: number, def: NonNullable<ReturnType<typeof sentinelDefinitionFor>>): SentinelCounts {
  const cells = sentinelCellsOf(def);
  return Object.fromEntries(
    def.diseases.map(({ code }, d) => {
      const spread = SPREAD[code] ?? cells.map(() => 1);
      // The site's week total, then shared out over the cells by the spread (largest remainders), so small weeks keep their patients.
      const total = Math.round(perSentinel(code, weeksAgo - site.shift) * site.scale * (0.7 + 0.6 * unit(site.key, weeksAgo, d)));
      const weights = cells.map((_, i) => spread[Math.floor(i / 2)] * (0.5 + unit(site.key, weeksAgo, d, i)));
      const sum = weights.reduce((a, b) => a + b, 0);
      const exact = weights.map((w) => (total * w) / sum);
      const counts = exact.map(Math.floor);
      const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      const left = total - counts.reduce((a, b) => a + b, 0);
      for (let k = 0; k < left; k++) counts[order[k][1]]++;
      return [code, Object.fromEntries(cells.map((c, i) => [c.id, counts[i]]))];
    }),
  );
}

async function seedSites(tx: Tx, sites: Site[], designatedBy: string, now: Date): Promise<void> {
  const current = isoWeekOf(japanToday(now));
  for (const site of sites) {
    await tx.insert(sentinelDesignations).values({
      institutionId: site.institutionId,
      healthCenterId: site.healthCenterId,
      prefectureId: site.prefectureId,
      kind: 'influenza_covid',
      fromDate: DESIGNATED_FROM,
      designatedBy,
      designatedAt: new Date(`${DESIGNATED_FROM}T00:00:00Z`),
    });
    for (let weeksAgo = DEMO_SENTINEL_WEEKS; weeksAgo >= 1; weeksAgo--) {
      const w = addWeeks(current, -weeksAgo);
      const def = sentinelDefinitionFor('influenza_covid', weekStart(w));
      if (!def) continue;
      const counts = demoCounts({ key: hashOf(site.institutionId), shift: site.shift, scale: site.scale }, weeksAgo, def);
      // Filed on the Monday after the week, 10:00 JST (01:00 UTC), or just now if that is still to come.
      const filedAt = new Date(Math.min(Date.parse(`${weekStart(addWeeks(w, 1))}T01:00:00Z`), now.getTime() - 60_000));
      const [row] = await tx
        .insert(sentinelReports)
        .values({ institutionId: site.institutionId, healthCenterId: site.healthCenterId, prefectureId: site.prefectureId, kind: 'influenza_covid', weekStart: weekStart(w), formId: def.reportId, formVersion: def.version, counts, filedBy: site.filedBy, filedAt })
        .returning({ id: sentinelReports.id });
      await tx.insert(sentinelReportChanges).values({ reportId: row.id, version: 1, kind: 'filed', counts, changedBy: site.filedBy, changedByOrgId: site.institutionId, changedAt: filedAt });
    }
  }
}

/** The demo world's two Tokyo sentinels (in every test database too). */
export async function seedDemoSentinels(
  tx: Tx,
  tokyo: { prefectureId: string; staffId: string; sites: { institutionId: string; healthCenterId: string; doctorId: string; scale: number }[] },
  now = new Date(),
): Promise<void> {
  await seedSites(
    tx,
    tokyo.sites.map((s) => ({ ...s, prefectureId: tokyo.prefectureId, filedBy: s.doctorId, shift: 0 })),
    tokyo.staffId,
    now,
  );
}

/**
 * `npm start`: three more sentinel clinics in Tokyo and in every demo prefecture (after
 * addDemoEpidemic made them), plus each prefecture's central hospital. Clinics without users: their
 * reports are recorded as filed by the ministry's statistician of the demo (as the generated epidemic's cases are).
 */
export async function addDemoSentinels(db: Database, world: { orgIds: Record<string, string> }, now = new Date()): Promise<number> {
  return db.asSystem(async (tx) => {
    const [staff] = await rows<{ id: string }>(tx, sql`SELECT id FROM users WHERE login_id = 'mhlw-stats'`);
    const prefectures = await rows<{ id: string; code: string; name_ja: string; name_en: string; hc: string; hospital: string | null }>(
      tx,
      sql`SELECT p.id, p.area_code AS code, p.name_ja, p.name_en,
                 (SELECT h.id FROM organizations h WHERE h.parent_id = p.id AND h.kind = 'health_center' ORDER BY h.code LIMIT 1) AS hc,
                 (SELECT m.id FROM organizations m WHERE m.prefecture_id = p.id AND m.kind = 'medical_institution' AND m.code LIKE 'demo-%' LIMIT 1) AS hospital
            FROM organizations p WHERE p.kind = 'prefecture' AND p.area_code IS NOT NULL ORDER BY p.area_code`,
    );
    const sites: Site[] = [];
    for (const p of prefectures) {
      const shift = p.id === world.orgIds.tokyo ? 0 : Math.round(unit(Number(p.code)) * 6) - 3;
      if (p.hospital) sites.push({ institutionId: p.hospital, healthCenterId: p.hc, prefectureId: p.id, filedBy: staff.id, shift, scale: 1.1 });
      for (let i = 1; i <= 3; i++) {
        const [clinic] = await tx
          .insert(organizations)
          .values({ kind: 'medical_institution', code: `demo-${p.code}-sentinel-${i}`, nameJa: `${p.name_ja}定点クリニック${i}`, nameEn: `${p.name_en} Sentinel Clinic ${i}`, parentId: p.hc, prefectureId: p.id })
          .returning({ id: organizations.id });
        sites.push({ institutionId: clinic.id, healthCenterId: p.hc, prefectureId: p.id, filedBy: staff.id, shift, scale: 0.6 + unit(Number(p.code), i) });
      }
    }
    await seedSites(tx, sites, staff.id, now);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(sentinelDesignations).where(eq(sentinelDesignations.kind, 'influenza_covid'));
    return n;
  });
}
