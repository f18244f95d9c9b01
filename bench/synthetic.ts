// A synthetic country for benchmarks: 5 prefectures of 10 health centres, 3 medical institutions
// per centre, and `cases` cases spread over them, 3 % shared with a related centre. Persons have
// common Japanese names with their kana (Zipf-like, so サトウ is frequent and ハットリ rare), a
// birth date, an address in their centre's area and mostly a phone. Most cases carry a
// notification (submitted, many confirmed, some drafts, a few with a superseded earlier one), so
// the case list's notification filters and join see realistic data.
// Generated in SQL from arrays passed in once, so a million cases take about a minute, not hours.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { isValidCaseNumber } from '../src/domain/case-number.ts';
import { kanaKey } from '../src/domain/kana.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { rows, type Database } from '../src/server/db/database.ts';
import { credentials, organizations, users } from '../src/server/db/schema.ts';
import { freshNumberBodies, withCheckDigit } from '../src/server/demo/case-numbers-sql.ts';
import { AREA_CODES, AREAS, CHOME, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES, weighted, type Name } from '../src/server/demo/japanese.ts';

export interface BenchUser {
  id: string;
  loginId: string;
  /** Initial password: the first login changes it and enrols TOTP, as for any new ID. */
  password: string;
}

export interface Country {
  sample: { prefecture: string; hc: string; institution: string };
  /** Every health centre, in order: case n belongs to hcs[n mod 50] (bench/followup.ts). */
  hcs: string[];
  users: { hcStaff: BenchUser; doctor: BenchUser; prefectureStaff: BenchUser };
}

const PREFECTURES = 5;
const HCS_PER_PREFECTURE = 10;
const INSTITUTIONS_PER_HC = 3;
const TOWNS_PER_HC = 4;
const INSTITUTION_KINDS = ['中央病院', '内科クリニック', '医療センター'];

const uuidArray = (ids: string[]) => sql.raw(`ARRAY[${ids.map((id) => `'${id}'`).join(',')}]::uuid[]`);
/** A text[] from a JS array, sent as one JSON parameter (works the same on both drivers). */
const textArray = (values: readonly string[]) => sql`ARRAY(SELECT json_array_elements_text(${JSON.stringify(values)}::json))`;

/** Kana as the application stores the search key (src/domain/kana.ts); the lists are already folded. */
function kanaOf(names: readonly Name[]): string[] {
  return names.map(([, kana]) => {
    if (kanaKey(kana) !== kana) throw new Error(`${kana} is not a folded kana key`);
    return kana;
  });
}

/** 厚生労働省 → 東京都 → 新宿区保健所 → 新宿中央病院 …, from the areas in src/server/demo/japanese.ts. */
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
    const prefName = AREAS[p * HCS_PER_PREFECTURE].prefecture;
    orgRows.push({ id: pid, kind: 'prefecture', code: `bench-p${p}`, nameJa: prefName, nameEn: `Prefecture ${p}`, parentId: ministry, prefectureId: pid });
    for (let h = 0; h < HCS_PER_PREFECTURE; h++) {
      const hid = randomUUID();
      hcs.push(hid);
      const centre = AREAS[p * HCS_PER_PREFECTURE + h].centre;
      orgRows.push({ id: hid, kind: 'health_center', code: `bench-p${p}-hc${h}`, nameJa: `${centre}保健所`, nameEn: `HC ${p}-${h}`, parentId: pid, prefectureId: pid });
      for (let i = 0; i < INSTITUTIONS_PER_HC; i++) {
        const iid = randomUUID();
        institutions.push(iid);
        const nameJa = centre.replace(/[区市]$/, '') + INSTITUTION_KINDS[i];
        orgRows.push({ id: iid, kind: 'medical_institution', code: `bench-p${p}-hc${h}-mi${i}`, nameJa, nameEn: `MI ${p}-${h}-${i}`, parentId: hid, prefectureId: pid });
      }
    }
  }
  const nHc = hcs.length;
  const accounts = [
    { loginId: 'bench-hc', orgId: hcs[0], roles: ['hc_staff'] },
    { loginId: 'bench-dr', orgId: institutions[0], roles: ['doctor'] },
    { loginId: 'bench-sg', orgId: prefectures[0], roles: ['prefecture_staff'] },
  ];
  const passwords = accounts.map(() => `Bench-${randomUUID().slice(0, 13)}`);
  const hashes = await Promise.all(passwords.map(hashPassword));

  // Names drawn by weight: each list becomes 2,000 slots, the common names taking more of them.
  const surnames = weighted(SURNAMES);
  const males = weighted(MALE_GIVEN_NAMES, 2000, 0.5);
  const females = weighted(FEMALE_GIVEN_NAMES, 2000, 0.5);
  const towns = AREAS.flatMap((a) => a.towns.slice(0, TOWNS_PER_HC));
  if (AREAS.length !== nHc || towns.length !== nHc * TOWNS_PER_HC) throw new Error('japanese.ts: one area of 4 towns per centre');

  return db.asSystem(async (tx) => {
    await tx.insert(organizations).values(orgRows);
    const inserted = await tx
      .insert(users)
      .values(accounts.map((a) => ({ orgId: a.orgId, loginId: a.loginId, displayName: 'bench', roles: a.roles })))
      .returning({ id: users.id });
    await tx.insert(credentials).values(inserted.map((u, i) => ({ userId: u.id, passwordHash: hashes[i], mustChangePassword: true })));
    const [hcStaff, doctor, prefectureStaff] = inserted.map((u, i) => ({ id: u.id, loginId: accounts[i].loginId, password: passwords[i] }));

    // Case n belongs to centre k = n mod 50 (so the sample centre has 1/50 of the cases), reported
    // by one of its institutions, in its prefecture; created from 2022-01 to 2023-05 (when
    // COVID-19 notification under the law ended). h(n, salt) is a deterministic hash in 0..2^31.
    // Case numbers: 7 digits from a permutation of n, skipping those the database already has (the
    // throughput benchmark's, say), then a Luhn digit, as the application makes them.
    await tx.execute(sql`
      CREATE TEMP TABLE bench_src ON COMMIT DROP AS
      SELECT s.n, gen_random_uuid() AS person_id, gen_random_uuid() AS case_id, s.n % ${nHc} AS k, b.body AS number_body
      FROM generate_series(1, ${cases}) s(n)
      JOIN ${freshNumberBodies(cases)} b ON b.n = s.n`);
    const h = (salt: number) => sql.raw(`abs(hashint4(n # ${salt}))`);
    await tx.execute(sql`
      INSERT INTO persons (id, name_kanji, name_kana, name_kana_key, sex, birth_date, residence_address, registered_address, phone, phone_key)
      SELECT person_id,
             sur[s] || ' ' || CASE WHEN female THEN fk[gi] ELSE mk[gi] END,
             surk[s] || ' ' || CASE WHEN female THEN fkana[gi] ELSE mkana[gi] END,
             surk[s] || CASE WHEN female THEN fkana[gi] ELSE mkana[gi] END,
             CASE WHEN female THEN 'female' ELSE 'male' END,
             date '1930-01-01' + ${h(4242)} % 33000,
             address, address,
             phone, regexp_replace(phone, '[^0-9]', '', 'g')
      FROM bench_src,
      (SELECT ${textArray(surnames.map(([kanji]) => kanji))} AS sur, ${textArray(kanaOf(surnames))} AS surk,
              ${textArray(males.map(([kanji]) => kanji))} AS mk, ${textArray(kanaOf(males))} AS mkana,
              ${textArray(females.map(([kanji]) => kanji))} AS fk, ${textArray(kanaOf(females))} AS fkana,
              ${textArray(AREAS.map((a) => a.prefecture))} AS prefs, ${textArray(towns)} AS towns,
              ${textArray(AREAS.map((a) => AREA_CODES[a.prefecture]))} AS codes, ${textArray(CHOME)} AS chome) lists,
      LATERAL (
        SELECT n % 2 = 1 AS female, 1 + ${h(1)} % 2000 AS s, 1 + ${h(7777)} % 2000 AS gi,
               prefs[1 + k] || towns[1 + k * ${TOWNS_PER_HC} + ${h(99)} % ${TOWNS_PER_HC}]
                 || chome[1 + ${h(5)} % 5] || '丁目' || (1 + ${h(6)} % 30) || '番' || (1 + ${h(7)} % 20) || '号' AS address,
               CASE WHEN ${h(8)} % 10 < 6 THEN '090-' || lpad((${h(9)} % 10000)::text, 4, '0') || '-' || lpad((${h(10)} % 10000)::text, 4, '0')
                    WHEN ${h(8)} % 10 < 8 THEN codes[1 + k] || '-' || lpad((${h(9)} % 10000)::text, 4, '0') || '-' || lpad((${h(10)} % 10000)::text, 4, '0')
               END AS phone) person`);
    await tx.execute(sql`
      INSERT INTO cases (id, person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, reporting_org_id, created_at)
      SELECT case_id, person_id,
             ${withCheckDigit(sql`number_body`)},
             'S' || n,
             (${uuidArray(prefectures)})[1 + k / ${HCS_PER_PREFECTURE}],
             (${uuidArray(hcs)})[1 + k],
             (${uuidArray(institutions)})[1 + k * ${INSTITUTIONS_PER_HC} + (n / ${nHc}) % ${INSTITUTIONS_PER_HC}],
             timestamptz '2022-01-01 00:00+09' + make_interval(secs => (n::bigint * 631) % (492 * 86400))
      FROM bench_src`);
    const sample = await rows<{ case_number: string }>(tx, sql`SELECT case_number FROM bench_src JOIN cases ON id = case_id LIMIT 1000`);
    if (!sample.every((c) => isValidCaseNumber(c.case_number))) throw new Error('synthetic case numbers fail their check digit');
    // 8 % no notification yet, 5 % a draft, 27 % submitted, 60 % submitted and confirmed; 2 % also
    // have an earlier, superseded one (追加登録). The form version is the one in force on the
    // diagnosis date.
    const formVersion = sql.raw(`CASE WHEN diagnosed_on < '2022-01-24' THEN '2021-11' WHEN diagnosed_on < '2022-06-30' THEN '2022-01-24'
                                      WHEN diagnosed_on < '2022-09-26' THEN '2022-06-30' ELSE '2022-09-26' END`);
    await tx.execute(sql`
      INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, source, diagnosed_on,
                                 first_submitted_at, submitted_by, confirmed_at, confirmed_by, superseded_at, created_by, created_at)
      SELECT case_id, 'covid19', ${formVersion}, classification, CASE WHEN state < 13 THEN 'draft' ELSE 'submitted' END,
             reporting_org_id, 'direct', diagnosed_on,
             CASE WHEN state >= 13 THEN created_at + interval '1 hour' END, CASE WHEN state >= 13 THEN ${doctor.id}::uuid END,
             CASE WHEN state >= 40 THEN created_at + interval '1 day' END, CASE WHEN state >= 40 THEN ${hcStaff.id}::uuid END,
             superseded_at, ${doctor.id}::uuid, created_at
      FROM (
        SELECT case_id, c.reporting_org_id, ${h(31337)} % 100 AS state,
               (c.created_at AT TIME ZONE 'Asia/Tokyo')::date - n % 3 AS diagnosed_on,
               c.created_at + interval '10 minutes' AS created_at, NULL::timestamptz AS superseded_at,
               CASE WHEN ${h(4711)} % 100 < 84 THEN 'patient' WHEN ${h(4711)} % 100 < 96 THEN 'asymptomatic_carrier'
                    WHEN ${h(4711)} % 100 < 98 THEN 'suspected' WHEN ${h(4711)} % 100 < 99 THEN 'deceased' ELSE 'suspected_deceased' END AS classification
        FROM bench_src JOIN cases c ON c.id = case_id
        UNION ALL
        SELECT case_id, c.reporting_org_id, 100, (c.created_at AT TIME ZONE 'Asia/Tokyo')::date - 3,
               c.created_at, c.created_at + interval '10 minutes', 'asymptomatic_carrier'
        FROM bench_src JOIN cases c ON c.id = case_id WHERE ${h(31337)} % 100 >= 13 AND ${h(2024)} % 50 = 0) x
      WHERE state >= 8`);
    await tx.execute(sql`
      INSERT INTO case_related_hcs (case_id, hc_id)
      SELECT id, (${uuidArray(hcs)})[1 + array_position(${uuidArray(hcs)}, responsible_hc_id) % ${nHc}]
      FROM bench_src JOIN cases c ON c.id = case_id WHERE abs(hashtext(case_number)) % 33 = 0`);
    return {
      sample: { prefecture: prefectures[0], hc: hcs[0], institution: institutions[0] },
      hcs,
      users: { hcStaff, doctor, prefectureStaff },
    };
  });
}
