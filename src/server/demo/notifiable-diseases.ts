// Cases of the other notifiable diseases for the weekly report (issue 16): over the last 16 weeks
// and the same weeks a year before, across the demo's prefectures by population — tuberculosis and
// syphilis many, pertussis and invasive pneumococcal disease some, measles, rubella, SFTS and
// imported dengue a few, EHEC in this year's summer weeks. Each a case of its disease with one
// submitted notification under the disease's newest form; 2 % withdrawn, 1 % left as drafts, 2 %
// first notified as another classification and superseded by 追加登録 (none of which may count
// twice or at all). COVID-19 is epidemic.ts's. Deterministic: a seeded generator draws everything,
// and the rows go in with a handful of statements (jsonb), like epidemic.ts.
import { sql } from 'drizzle-orm';
import { addDays } from '../../domain/contacts.ts';
import { populationOf } from '../../domain/statistics/population.ts';
import { rows, type Database } from '../db/database.ts';
import { newestForm } from '../notifications/forms.ts';
import { freshNumberBodies, withCheckDigit } from './case-numbers-sql.ts';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from './japanese.ts';

interface Plan {
  disease: string;
  /** Cases in the last 16 weeks, and in the same weeks a year before. */
  now: number;
  lastYear: number;
  /** Ages drawn from [from, to] ranges with weights. */
  ages: readonly (readonly [from: number, to: number, weight: number])[];
  male: number;
  /** EHEC: the summer weeks of this year instead of the last 16. */
  summer?: boolean;
}

const PLANS: readonly Plan[] = [
  { disease: 'tuberculosis', now: 520, lastYear: 560, ages: [[20, 39, 2], [40, 69, 3], [70, 99, 6]], male: 0.62 },
  { disease: 'syphilis', now: 480, lastYear: 430, ages: [[15, 19, 1], [20, 39, 6], [40, 69, 3]], male: 0.66 },
  { disease: 'pertussis', now: 160, lastYear: 40, ages: [[0, 0, 2], [1, 14, 6], [15, 59, 2]], male: 0.48 },
  { disease: 'invasive_pneumococcal', now: 90, lastYear: 80, ages: [[0, 4, 2], [60, 99, 6]], male: 0.55 },
  { disease: 'ehec', now: 140, lastYear: 0, ages: [[1, 14, 5], [15, 89, 4]], male: 0.5, summer: true },
  { disease: 'measles', now: 7, lastYear: 3, ages: [[1, 4, 2], [5, 39, 3]], male: 0.5 },
  { disease: 'rubella', now: 4, lastYear: 6, ages: [[20, 49, 1]], male: 0.7 },
  { disease: 'sfts', now: 9, lastYear: 8, ages: [[50, 89, 1]], male: 0.5 },
  { disease: 'dengue', now: 12, lastYear: 10, ages: [[20, 59, 1]], male: 0.55 },
];

const DAYS = 16 * 7;

/** mulberry32: the same stream for the same seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Area {
  prefecture_id: string;
  code: string;
  /** Each health centre of the prefecture with the institutions under it (or the prefecture's first). */
  centres: { hc_id: string; institution_ids: string[] }[];
}

export async function addDemoNotifiableDiseases(db: Database, today: string): Promise<{ cases: number }> {
  return db.asSystem(async (tx) => {
    await tx.execute(sql`SET LOCAL statement_timeout = 0`); // seeding, not a request
    const areas = await rows<Area>(
      tx,
      sql`SELECT p.id AS prefecture_id, p.area_code AS code, centres
            FROM organizations p
            JOIN LATERAL (SELECT id FROM organizations WHERE kind = 'medical_institution' AND prefecture_id = p.id ORDER BY code LIMIT 1) first ON TRUE
            JOIN LATERAL (
              SELECT jsonb_agg(jsonb_build_object('hc_id', hc.id, 'institution_ids', coalesce(mi.ids, jsonb_build_array(first.id))) ORDER BY hc.code) AS centres
                FROM organizations hc
                LEFT JOIN LATERAL (SELECT jsonb_agg(id ORDER BY code) AS ids FROM organizations WHERE kind = 'medical_institution' AND parent_id = hc.id) mi ON TRUE
               WHERE hc.kind = 'health_center' AND hc.prefecture_id = p.id) c ON c.centres IS NOT NULL
           WHERE p.kind = 'prefecture' AND p.area_code IS NOT NULL ORDER BY p.area_code, p.id`,
    );
    const [staff] = await rows<{ id: string }>(tx, sql`SELECT id FROM users WHERE login_id = 'mhlw-stats'`);
    if (!areas.length || !staff) return { cases: 0 };
    const random = generator(16);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
    const weights = areas.map((a) => populationOf(a.code, 2020)?.population ?? 1_000_000);
    const total = weights.reduce((x, y) => x + y, 0);
    const areaOf = () => {
      let r = random() * total;
      for (let i = 0; i < areas.length; i++) if ((r -= weights[i]) < 0) return areas[i];
      return areas.at(-1)!;
    };
    // Spread over the prefecture's health centres, each case reported by an institution of its area.
    const placeOf = (a: Area) => {
      const centre = pick(a.centres);
      return { prefecture_id: a.prefecture_id, hc_id: centre.hc_id, institution_id: pick(centre.institution_ids) };
    };
    const year = Number(today.slice(0, 4));
    const made = [];
    for (const plan of PLANS) {
      const form = newestForm(plan.disease);
      const ageTotal = plan.ages.reduce((x, [, , w]) => x + w, 0);
      const windows: [from: string, days: number, count: number][] = plan.summer
        ? [[`${year}-06-20`, 100, plan.now]]
        : [[addDays(today, -(DAYS - 1)), DAYS, plan.now], [addDays(today, -(DAYS - 1) - 364), DAYS, plan.lastYear]];
      for (const [from, days, count] of windows) {
        for (let k = 0; k < count; k++) {
          const day = addDays(from, Math.floor(random() * days));
          if (day > today) continue;
          let r = random() * ageTotal;
          const [lo, hi] = plan.ages.find(([, , w]) => (r -= w) < 0) ?? plan.ages[0];
          const age = lo + Math.floor(random() * (hi - lo + 1));
          const female = random() >= plan.male;
          const fate = random();
          const classification = random() < 0.88 || form.classifications.length < 2 ? form.classifications[0] : pick(form.classifications.slice(1));
          made.push({
            disease: plan.disease,
            version: form.version,
            ...placeOf(areaOf()),
            day,
            // Born on a drawn day so that the age on the diagnosis day is `age`.
            birth: addDays(day, -Math.floor((age + random() * 0.99) * 365.25)),
            female,
            kanji: `${pick(SURNAMES)[0]} ${pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES)[0]}`,
            kana: `${pick(SURNAMES)[1]} ${pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES)[1]}`,
            classification,
            status: fate < 0.02 ? 'withdrawn' : fate < 0.03 ? 'draft' : 'submitted',
            // 追加登録: an earlier notification a week before, superseded by this one.
            superseded: fate >= 0.03 && fate < 0.05 && form.classifications.length > 1,
            earlierClassification: form.classifications.find((c) => c !== classification) ?? classification,
            hour: 9 + Math.floor(random() * 9),
          });
        }
      }
    }
    const json = JSON.stringify(made.map((m, i) => ({ ...m, n: i + 1 })));
    await tx.execute(sql`
      CREATE TEMP TABLE nd ON COMMIT DROP AS
      SELECT (x->>'n')::int AS n, x->>'disease' AS disease, x->>'version' AS version, (x->>'prefecture_id')::uuid AS prefecture_id,
             (x->>'hc_id')::uuid AS hc_id, (x->>'institution_id')::uuid AS institution_id, (x->>'day')::date AS day,
             (x->>'birth')::date AS birth, (x->>'female')::boolean AS female, x->>'kanji' AS kanji, x->>'kana' AS kana,
             x->>'classification' AS classification, x->>'status' AS status, (x->>'superseded')::boolean AS superseded,
             x->>'earlierClassification' AS earlier, (x->>'hour')::int AS hour,
             gen_random_uuid() AS person_id, gen_random_uuid() AS case_id, b.body
        FROM jsonb_array_elements(${json}::jsonb) x JOIN ${freshNumberBodies(made.length)} b ON b.n = (x->>'n')::int`);
    await tx.execute(sql`
      INSERT INTO persons (id, name_kanji, name_kana, name_kana_key, sex, birth_date)
      SELECT person_id, kanji, kana, replace(kana, ' ', ''), CASE WHEN female THEN 'female' ELSE 'male' END, birth FROM nd`);
    await tx.execute(sql`
      INSERT INTO cases (id, person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, reporting_org_id, disease, created_at)
      SELECT case_id, person_id, ${withCheckDigit(sql`body`)}, 'W' || body, prefecture_id, hc_id, institution_id, disease,
             (day::timestamp + make_interval(hours => hour)) AT TIME ZONE 'Asia/Tokyo'
        FROM nd`);
    // The superseded first notifications, a week before and then replaced.
    await tx.execute(sql`
      INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, source, diagnosed_on,
                                 first_submitted_at, submitted_by, superseded_at, created_by, created_at)
      SELECT case_id, disease, version, earlier, 'submitted', institution_id, 'direct', day - 7,
             (day - 7)::timestamp AT TIME ZONE 'Asia/Tokyo' + interval '12 hours', ${staff.id}::uuid,
             (day::timestamp + make_interval(hours => hour)) AT TIME ZONE 'Asia/Tokyo', ${staff.id}::uuid,
             (day - 7)::timestamp AT TIME ZONE 'Asia/Tokyo' + interval '11 hours'
        FROM nd WHERE superseded`);
    await tx.execute(sql`
      INSERT INTO notifications (case_id, form_id, form_version, classification, status, institution_id, source, diagnosed_on,
                                 first_submitted_at, submitted_by, confirmed_at, confirmed_by, withdrawn_at, withdrawn_by, withdrawn_reason,
                                 created_by, created_at)
      SELECT case_id, disease, version, classification, status, institution_id, 'direct', day,
             CASE WHEN status <> 'draft' THEN at END, CASE WHEN status <> 'draft' THEN ${staff.id}::uuid END,
             CASE WHEN status = 'submitted' THEN at + interval '3 hours' END, CASE WHEN status = 'submitted' THEN ${staff.id}::uuid END,
             CASE WHEN status = 'withdrawn' THEN at + interval '1 day' END, CASE WHEN status = 'withdrawn' THEN ${staff.id}::uuid END,
             CASE WHEN status = 'withdrawn' THEN '重複登録のため' END, ${staff.id}::uuid, at - interval '20 minutes'
        FROM (SELECT *, (day::timestamp + make_interval(hours => hour)) AT TIME ZONE 'Asia/Tokyo' AS at FROM nd) x`);
    // Thousands of rows just written: fresh statistics, or the planner takes these tables for
    // nearly empty and the first weekly count (the open-data publication at start) nests loops.
    await tx.execute(sql`ANALYZE notifications, cases, persons`);
    return { cases: made.length };
  });
}
