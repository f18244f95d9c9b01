// A generated epidemic for the counting screens (issue 13): cases in waves over a period, spread
// over areas by weight, each with what the counts read — a notification (some withdrawn, some
// reclassified by 追加登録), the 記録タブ statuses from home, facility or hospital to release or
// death, the clinical course of inpatients (a quarter of them severe for a while), a positive test
// and sometimes an earlier negative one, and a few people notified twice in one episode. Written in
// SQL in a handful of statements, so a demo's thousands and a benchmark's millions take seconds to
// minutes. h(n, salt) is a deterministic hash, so a run is the same for the same numbering.
import { eq, sql } from 'drizzle-orm';
import { addDays } from '../../domain/contacts.ts';
import { rows, type Database } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';
import { MUNICIPALITIES } from '../../domain/statistics/municipality.ts';
import { populationOf } from '../../domain/statistics/population.ts';
import { PREFECTURES } from '../../domain/statistics/prefectures.ts';
import { organizations } from '../db/schema.ts';
import { refreshAllCounts } from '../statistics/refresh.ts';
import { freshNumberBodies, withCheckDigit } from './case-numbers-sql.ts';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES, weighted } from './japanese.ts';

export interface EpidemicArea {
  prefectureId: string;
  hcId: string;
  institutionId: string;
  /** The area's share of the cases, relative to the others (its population, say). */
  weight: number;
  /** Where its cases live, the address up to the municipality ('東京都新宿区'), drawn evenly; none: no address. */
  residences?: readonly string[];
}

export interface EpidemicOptions {
  areas: readonly EpidemicArea[];
  /** The first day (Japan date) and how many days. */
  from: string;
  days: number;
  cases: number;
  /** The user recorded as filing, confirming and keying in. */
  staff: { id: string; name: string; orgName: string };
  /** No status takes effect after this day (default: the last day). */
  today?: string;
}

/** Cases per day: a small first wave, a larger second one, a floor between. */
export function waveShape(days: number, cases: number): number[] {
  const w = Array.from({ length: days }, (_, d) => 0.08 + Math.exp(-(((d - 0.3 * days) / (0.07 * days)) ** 2)) + 1.8 * Math.exp(-(((d - 0.78 * days) / (0.09 * days)) ** 2)));
  const sum = w.reduce((a, b) => a + b, 0);
  const perDay = w.map((x) => Math.floor((cases * x) / sum));
  let rest = cases - perDay.reduce((a, b) => a + b, 0);
  for (let d = 0; rest > 0; d = (d + 1) % days, rest--) perDay[Math.round(0.78 * days + d) % days]++;
  return perDay;
}

/** Ages of the positives, in ten-year bands (young adults most): 1,000 slots to draw from. */
function ageSlots(): number[] {
  const bands = [9, 11, 17, 15, 15, 12, 8, 6, 5, 2];
  const total = bands.reduce((a, b) => a + b, 0);
  return bands.flatMap((share, band) => Array.from({ length: Math.round((share * 1000) / total) }, (_, i) => band * 10 + (i % 10)));
}

/** Area indexes (1-based) repeated by weight: 1,000 slots to draw from. */
function areaSlots(areas: readonly EpidemicArea[]): number[] {
  const total = areas.reduce((a, b) => a + b.weight, 0);
  return areas.flatMap((a, i) => Array(Math.max(1, Math.round((a.weight * 1000) / total))).fill(i + 1));
}

export async function generateEpidemic(db: Database, o: EpidemicOptions): Promise<{ cases: number }> {
  const perDay = waveShape(o.days, o.cases);
  const today = o.today ?? addDays(o.from, o.days - 1);
  const surnames = weighted(SURNAMES);
  const males = weighted(MALE_GIVEN_NAMES, 2000, 0.5);
  const females = weighted(FEMALE_GIVEN_NAMES, 2000, 0.5);
  const h = (salt: number) => sql.raw(`abs(hashint4(n::int # ${salt}))`);
  const [areaSlotList, ageSlotList] = [areaSlots(o.areas), ageSlots()];
  // Every area's residences in one list, with where each area's part starts (1-based) and its length.
  const residences = o.areas.flatMap((a) => a.residences ?? []);
  const residenceStart = o.areas.map((_, i) => 1 + o.areas.slice(0, i).reduce((k, a) => k + (a.residences?.length ?? 0), 0));
  const residenceCount = o.areas.map((a) => a.residences?.length ?? 0);
  const arr = (values: readonly (string | number)[], type: string) => sql`${pgArray(values)}::${sql.raw(type)}[]`;
  return db.asSystem(async (tx) => {
    // Bulk generation, not a request: the requests' statement timeout (DATABASE_STATEMENT_TIMEOUT_MS,
    // short in the fault tests) must not cut a seeding of thousands of rows on a busy machine.
    await tx.execute(sql`SET LOCAL statement_timeout = 0`);
    // One row per case: its day, area and the draws every later statement reads.
    await tx.execute(sql`
      CREATE TEMP TABLE epi ON COMMIT DROP AS
      SELECT x.n, x.day, x.area, x.age, gen_random_uuid() AS person_id, gen_random_uuid() AS case_id,
             (${arr(o.areas.map((a) => a.prefectureId), 'uuid')})[x.area] AS prefecture_id,
             (${arr(o.areas.map((a) => a.hcId), 'uuid')})[x.area] AS hc_id,
             (${arr(o.areas.map((a) => a.institutionId), 'uuid')})[x.area] AS institution_id,
             b.body
      FROM (SELECT n, day, (${arr(areaSlotList, 'int')})[1 + ${h(11)} % ${areaSlotList.length}] AS area,
                   (${arr(ageSlotList, 'int')})[1 + ${h(12)} % ${ageSlotList.length}] AS age
              FROM (SELECT row_number() OVER () AS n, ${o.from}::date + (d - 1)::int AS day
                      FROM unnest(${arr(perDay, 'int')}) WITH ORDINALITY AS p(cnt, d), generate_series(1, cnt)) numbered) x
      JOIN ${freshNumberBodies(o.cases)} b ON b.n = x.n`);
    await tx.execute(sql`
      INSERT INTO persons (id, name_kanji, name_kana, name_kana_key, sex, birth_date, residence_address)
      SELECT person_id, sur[s] || ' ' || CASE WHEN female THEN fk[g] ELSE mk[g] END,
             surk[s] || ' ' || CASE WHEN female THEN fkana[g] ELSE mkana[g] END,
             surk[s] || CASE WHEN female THEN fkana[g] ELSE mkana[g] END,
             CASE WHEN female THEN 'female' ELSE 'male' END,
             day - (age * 365 + ${h(13)} % 365 + age / 4)::int,
             CASE WHEN rcount[area] > 0 THEN rlist[rstart[area] + ${h(14)} % rcount[area]] || (1 + ${h(15)} % 5) || '丁目' || (1 + ${h(16)} % 20) || '番' || (1 + ${h(17)} % 15) || '号' END
      FROM epi,
      (SELECT ${arr(residences, 'text')} AS rlist, ${arr(residenceStart, 'int')} AS rstart, ${arr(residenceCount, 'int')} AS rcount) places,
      (SELECT ${arr(surnames.map(([k]) => k), 'text')} AS sur, ${arr(surnames.map(([, k]) => k), 'text')} AS surk,
              ${arr(males.map(([k]) => k), 'text')} AS mk, ${arr(males.map(([, k]) => k), 'text')} AS mkana,
              ${arr(females.map(([k]) => k), 'text')} AS fk, ${arr(females.map(([, k]) => k), 'text')} AS fkana) lists,
      LATERAL (SELECT n % 2 = 0 AS female, 1 + ${h(1)} % ${surnames.length} AS s, 1 + ${h(2)} % 2000 AS g) draw`);
    // 1 % are notified again a few days later, from the same area: the same episode (Q&A 7).
    await tx.execute(sql`
      INSERT INTO cases (id, person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, reporting_org_id, created_at)
      SELECT case_id, person_id, ${withCheckDigit(sql`body`)}, 'E' || body, prefecture_id, hc_id, institution_id,
             (day::timestamp + interval '9 hours' + make_interval(mins => ${h(3)} % 600)) AT TIME ZONE 'Asia/Tokyo'
      FROM epi`);
    await tx.execute(sql`
      CREATE TEMP TABLE epi_again ON COMMIT DROP AS
      SELECT n, gen_random_uuid() AS case_id, person_id, prefecture_id, hc_id, institution_id, day + 4 AS day, age
        FROM epi WHERE ${h(4)} % 100 = 0 AND day + 4 <= ${today}::date`);
    await tx.execute(sql`
      INSERT INTO cases (id, person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, reporting_org_id, created_at)
      SELECT a.case_id, a.person_id, ${withCheckDigit(sql`b.body`)}, 'EA' || b.body, a.prefecture_id, a.hc_id, a.institution_id,
             (a.day::timestamp + interval '10 hours') AT TIME ZONE 'Asia/Tokyo'
      FROM (SELECT *, row_number() OVER (ORDER BY n) AS k FROM epi_again) a JOIN ${freshNumberBodies(o.cases)} b ON b.n = a.k`);
    // Every case's notification: 2 % withdrawn, 2 % a suspected one superseded two days later by
    // the confirmed classification (追加登録); onset for seven in ten before the 2022-09-26 form.
    await tx.execute(sql`
      CREATE TEMP TABLE epi_all ON COMMIT DROP AS
      SELECT n, case_id, institution_id, day, age, false AS again FROM epi
      UNION ALL SELECT n, case_id, institution_id, day, age, true FROM epi_again`);
    const formVersion = sql.raw(`CASE WHEN day < '2022-01-24' THEN '2021-11' WHEN day < '2022-06-30' THEN '2022-01-24'
                                      WHEN day < '2022-09-26' THEN '2022-06-30' ELSE '2022-09-26' END`);
    await tx.execute(sql`
      INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, source, diagnosed_on, onset_on,
                                 death_on, first_submitted_at, submitted_by, confirmed_at, confirmed_by, withdrawn_at, withdrawn_by,
                                 withdrawn_reason, superseded_at, created_by, created_at)
      SELECT case_id, 'covid19', ${formVersion}, classification, CASE WHEN withdrawn THEN 'withdrawn' ELSE 'submitted' END,
             institution_id, 'direct', day - (${h(5)} % 3 = 0)::int,
             CASE WHEN ${h(6)} % 10 < 7 AND day < '2022-09-26' THEN day - 1 - ${h(7)} % 3 END, NULL,
             submitted_at, ${o.staff.id}::uuid, submitted_at + interval '3 hours', ${o.staff.id}::uuid,
             CASE WHEN withdrawn THEN submitted_at + interval '1 day' END, CASE WHEN withdrawn THEN ${o.staff.id}::uuid END,
             CASE WHEN withdrawn THEN '重複登録のため' END, NULL, ${o.staff.id}::uuid, submitted_at - interval '20 minutes'
      FROM (SELECT *, ${h(8)} % 100 < 2 AS withdrawn,
                   (day::timestamp + interval '9 hours' + make_interval(mins => ${h(9)} % 600)) AT TIME ZONE 'Asia/Tokyo' AS submitted_at,
                   CASE WHEN ${h(10)} % 100 < 84 THEN 'patient' WHEN ${h(10)} % 100 < 97 THEN 'asymptomatic_carrier'
                        WHEN ${h(10)} % 100 < 99 THEN 'suspected' ELSE 'deceased' END AS classification
              FROM epi_all) x`);
    await tx.execute(sql`
      INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, source, diagnosed_on,
                                 first_submitted_at, submitted_by, superseded_at, created_by, created_at)
      SELECT case_id, 'covid19', ${formVersion}, 'suspected', 'submitted', institution_id, 'direct', day - 2,
             (day - 2)::timestamp AT TIME ZONE 'Asia/Tokyo' + interval '12 hours', ${o.staff.id}::uuid,
             day::timestamp AT TIME ZONE 'Asia/Tokyo' + interval '9 hours', ${o.staff.id}::uuid,
             (day - 2)::timestamp AT TIME ZONE 'Asia/Tokyo' + interval '11 hours'
      FROM epi_all WHERE ${h(14)} % 100 < 2 AND NOT again`);
    // Where each stays: home 78 %, facility 10 %, hospital 9 % (awaiting a bed for a day), welfare
    // facility 3 %; released after 7 to 10 days; a fifth of inpatients of 70 and over die. One in
    // twenty has no status entered yet.
    await tx.execute(sql`
      CREATE TEMP TABLE epi_stay ON COMMIT DROP AS
      SELECT case_id, day, age, n,
             CASE WHEN ${h(15)} % 100 < 78 THEN 'home' WHEN ${h(15)} % 100 < 88 THEN 'accommodation'
                  WHEN ${h(15)} % 100 < 97 THEN 'hospitalized' ELSE 'welfare_facility' END AS stay,
             ${h(16)} % 100 < 25 AS severe,
             age >= 70 AND ${h(17)} % 5 = 0 AS dies
        FROM epi_all WHERE NOT again AND ${h(18)} % 20 <> 0`);
    await tx.execute(sql`
      INSERT INTO case_status_changes (case_id, from_status, status, effective_on, changed_by, changed_by_name, changed_by_org_name, changed_at)
      SELECT case_id, from_status, status, effective_on, ${o.staff.id}::uuid, ${o.staff.name}, ${o.staff.orgName},
             effective_on::timestamp AT TIME ZONE 'Asia/Tokyo' + make_interval(hours => 10 + k)
        FROM (
          SELECT case_id, NULL AS from_status, CASE WHEN stay = 'hospitalized' THEN 'awaiting_admission' ELSE stay END AS status, day AS effective_on, 0 AS k FROM epi_stay
          UNION ALL SELECT case_id, 'awaiting_admission', 'hospitalized', day + 1, 1 FROM epi_stay WHERE stay = 'hospitalized'
          UNION ALL SELECT case_id, stay, CASE WHEN dies AND stay = 'hospitalized' THEN 'died' ELSE 'released' END,
                           day + (7 + n % 4 + CASE WHEN stay = 'hospitalized' THEN 4 ELSE 0 END)::int, 2 FROM epi_stay) s
       WHERE effective_on <= ${today}::date`);
    await tx.execute(sql`
      UPDATE cases c SET current_status = s.status, status_effective_on = s.effective_on, status_changed_at = s.changed_at
        FROM (SELECT DISTINCT ON (case_id) case_id, status, effective_on, changed_at FROM case_status_changes
               WHERE case_id IN (SELECT case_id FROM epi_stay) ORDER BY case_id, changed_at DESC) s
       WHERE c.id = s.case_id`);
    await tx.execute(sql`
      INSERT INTO clinical_course (case_id, observed_on, severity, oxygen, icu, ventilator, ecmo, changed_by, changed_by_name, changed_by_org_name, changed_at)
      SELECT case_id, observed_on, severity, severity <> 'mild', severity = 'severe', severity = 'severe' AND n % 3 = 0, false,
             ${o.staff.id}::uuid, ${o.staff.name}, ${o.staff.orgName}, observed_on::timestamp AT TIME ZONE 'Asia/Tokyo' + interval '15 hours'
        FROM (SELECT case_id, n, day + 1 AS observed_on, 'moderate1' AS severity FROM epi_stay WHERE stay = 'hospitalized'
              UNION ALL SELECT case_id, n, day + 3, 'severe' FROM epi_stay WHERE stay = 'hospitalized' AND (severe OR dies)
              UNION ALL SELECT case_id, n, day + 8, 'moderate2' FROM epi_stay WHERE stay = 'hospitalized' AND severe AND NOT dies) x
       WHERE observed_on <= ${today}::date`);
    await tx.execute(sql`
      INSERT INTO lab_tests (case_id, entry_id, method, specimen, collected_on, result, result_on, created_by)
      SELECT case_id, gen_random_uuid(), CASE WHEN ${h(19)} % 3 = 0 THEN 'antigen_qualitative' ELSE 'naat' END, 'nasopharyngeal_swab',
             collected_on, result, collected_on + 1, ${o.staff.id}::uuid
        FROM (SELECT case_id, n, day - 1 AS collected_on, 'positive' AS result FROM epi_all
              UNION ALL SELECT case_id, n, day - 4, 'negative' FROM epi_all WHERE ${h(20)} % 10 < 3) t`);
    const [{ count }] = await rows<{ count: number }>(tx, sql`SELECT count(*)::int AS count FROM epi_all`);
    return { cases: count };
  });
}

/**
 * The demo world's epidemic: 120 days ending today over the whole country, so that the dashboards
 * have curves and the national map has every prefecture on first start (`npm start`). The demo's
 * Tokyo is its two centres; each other prefecture gets one centre and one clinic. Cases follow the
 * 2020 census population. Counted at once.
 */
export async function addDemoEpidemic(db: Database, world: { orgIds: Record<string, string> }, today: string, cases = 15_000) {
  const org = (key: string) => world.orgIds[key];
  const areas: EpidemicArea[] = await db.asSystem(async (tx) => {
    const out: EpidemicArea[] = [];
    for (const p of PREFECTURES) {
      const weight = populationOf(p.code, 2020)!.population;
      if (p.code === '13') {
        out.push({ prefectureId: org('tokyo'), hcId: org('shinjuku-hc'), institutionId: org('sakura-clinic'), weight: weight / 2, residences: ['東京都新宿区'] });
        out.push({ prefectureId: org('tokyo'), hcId: org('nakano-hc'), institutionId: org('midori-hospital'), weight: weight / 2, residences: ['東京都中野区'] });
        continue;
      }
      const [pref] = await tx
        .insert(organizations)
        .values({ kind: 'prefecture', code: `demo-${p.code}`, nameJa: p.ja, nameEn: p.en, parentId: org('mhlw'), areaCode: p.code })
        .returning({ id: organizations.id });
      await tx.update(organizations).set({ prefectureId: pref.id }).where(eq(organizations.id, pref.id));
      const [hc] = await tx
        .insert(organizations)
        .values({ kind: 'health_center', code: `demo-${p.code}-hc`, nameJa: `${p.ja}中央保健所`, nameEn: `${p.en} Central Health Centre`, parentId: pref.id, prefectureId: pref.id })
        .returning({ id: organizations.id });
      const [clinic] = await tx
        .insert(organizations)
        .values({ kind: 'medical_institution', code: `demo-${p.code}-mi`, nameJa: `${p.ja}中央病院`, nameEn: `${p.en} Central Hospital`, parentId: hc.id, prefectureId: pref.id })
        .returning({ id: organizations.id });
      out.push({ prefectureId: pref.id, hcId: hc.id, institutionId: clinic.id, weight, residences: largestCities(p) });
    }
    return out;
  });
  const [staff] = await db.asSystem((tx) => rows<{ id: string; display_name: string }>(tx, sql`SELECT id, display_name FROM users WHERE login_id = 'mhlw-stats'`));
  const generated = await generateEpidemic(db, {
    areas,
    from: addDays(today, -119),
    days: 120,
    cases,
    today,
    staff: { id: staff.id, name: staff.display_name, orgName: '厚生労働省' },
  });
  return { cases: generated.cases, counted: await refreshAllCounts(db) };
}

/** A demo prefecture's cases live in its first dozen municipalities by code: its cities, the capital first. */
const largestCities = (p: { code: string; ja: string }) =>
  MUNICIPALITIES.filter((m) => m.prefecture === p.code)
    .slice(0, 12)
    .map((m) => p.ja + m.ja);
