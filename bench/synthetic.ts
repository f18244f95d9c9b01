// A synthetic country for benchmarks: 5 prefectures of 10 health centres, 3 medical institutions
// per centre, and `cases` cases (with persons) spread over them, 3 % shared with a related centre.
// Generated in SQL, so a million cases take seconds, not minutes.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/server/db/database.ts';
import { organizations, users } from '../src/server/db/schema.ts';

export interface Country {
  sample: { prefecture: string; hc: string; institution: string };
  users: { hcStaff: string; doctor: string; prefectureStaff: string };
}

const PREFECTURES = 5;
const HCS_PER_PREFECTURE = 10;
const INSTITUTIONS_PER_HC = 3;

const uuidArray = (ids: string[]) => sql.raw(`ARRAY[${ids.map((id) => `'${id}'`).join(',')}]::uuid[]`);

export async function generateCountry(db: Database, cases: number): Promise<Country> {
  const ministry = randomUUID();
  const prefectures: string[] = [];
  const hcs: string[] = [];
  const institutions: string[] = [];
  const orgRows: (typeof organizations.$inferInsert)[] = [
    { id: ministry, kind: 'ministry', code: 'bench-mhlw', nameJa: '厚生労働省', nameEn: 'MHLW', parentId: null, prefectureId: null },
  ];
  for (let p = 0; p < PREFECTURES; p++) {
    const pid = randomUUID();
    prefectures.push(pid);
    orgRows.push({ id: pid, kind: 'prefecture', code: `bench-p${p}`, nameJa: `県${p}`, nameEn: `Prefecture ${p}`, parentId: ministry, prefectureId: pid });
    for (let h = 0; h < HCS_PER_PREFECTURE; h++) {
      const hid = randomUUID();
      hcs.push(hid);
      orgRows.push({ id: hid, kind: 'health_center', code: `bench-p${p}-hc${h}`, nameJa: `保健所${p}-${h}`, nameEn: `HC ${p}-${h}`, parentId: pid, prefectureId: pid });
      for (let i = 0; i < INSTITUTIONS_PER_HC; i++) {
        const iid = randomUUID();
        institutions.push(iid);
        orgRows.push({ id: iid, kind: 'medical_institution', code: `bench-p${p}-hc${h}-mi${i}`, nameJa: `医療機関${p}-${h}-${i}`, nameEn: `MI ${p}-${h}-${i}`, parentId: hid, prefectureId: pid });
      }
    }
  }
  const nHc = hcs.length;
  return db.asSystem(async (tx) => {
    await tx.insert(organizations).values(orgRows);
    const [hcStaff, doctor, prefectureStaff] = await tx
      .insert(users)
      .values([
        { orgId: hcs[0], loginId: 'bench-hc', displayName: 'bench', roles: ['hc_staff'] },
        { orgId: institutions[0], loginId: 'bench-dr', displayName: 'bench', roles: ['doctor'] },
        { orgId: prefectures[0], loginId: 'bench-sg', displayName: 'bench', roles: ['prefecture_staff'] },
      ])
      .returning({ id: users.id });
    // Case n belongs to centre k = n mod 50 (so the sample centre has 1/50 of the cases), reported
    // by one of its institutions, in its prefecture; created over the last two years.
    await tx.execute(sql`
      WITH p AS (
        INSERT INTO persons (name_kanji, name_kana, sex, birth_date)
        SELECT '患者' || g, 'カンジャ' || g, CASE WHEN g % 2 = 0 THEN 'male' ELSE 'female' END, date '1930-01-01' + (g % 30000)
        FROM generate_series(1, ${cases}) g
        RETURNING id),
      numbered AS (SELECT id, row_number() OVER () AS n FROM p)
      INSERT INTO cases (person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, reporting_org_id, created_at)
      SELECT id, lpad(n::text, 8, '0'), 'S' || n,
             (${uuidArray(prefectures)})[1 + (n % ${nHc}) / ${HCS_PER_PREFECTURE}],
             (${uuidArray(hcs)})[1 + n % ${nHc}],
             (${uuidArray(institutions)})[1 + (n % ${nHc}) * ${INSTITUTIONS_PER_HC} + (n / ${nHc}) % ${INSTITUTIONS_PER_HC}],
             now() - make_interval(secs => (n * 631) % (2 * 365 * 86400))
      FROM numbered`);
    await tx.execute(sql`
      INSERT INTO case_related_hcs (case_id, hc_id)
      SELECT id, (${uuidArray(hcs)})[1 + array_position(${uuidArray(hcs)}, responsible_hc_id) % ${nHc}]
      FROM cases WHERE abs(hashtext(case_number)) % 33 = 0`);
    await tx.execute(sql`ANALYZE`);
    return {
      sample: { prefecture: prefectures[0], hc: hcs[0], institution: institutions[0] },
      users: { hcStaff: hcStaff.id, doctor: doctor.id, prefectureStaff: prefectureStaff.id },
    };
  });
}
