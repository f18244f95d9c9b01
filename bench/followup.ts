// The synthetic country after a wave (issue 4), for the work-list and chain benchmark only: run
// after the other benchmarks, so that they read the country as bench/synthetic.ts leaves it.
//
// Of the cases with a submitted notification, 3 % have no status yet, 85 % are released, 1 % died
// and 11 % are still followed (home 4 %, accommodation 3 %, hospital 3 %, awaiting admission 1 %).
// Statuses changed over the past six weeks (the followed ones over the past three), and most
// followed cases had a 健康観察 entry in the past two days, so about a fifth of them are stale.
// 0.5 % of the followed cases have an open red-flag alert, and 2 % of all cases with a status an
// acknowledged one, each with the entry that raised it. Transmission chains: binary trees of 511
// cases, eight generations below the first, a quarter of their cases in the neighbouring centre,
// each case with a contact who did not fall ill (some exposed to two cases of a household).
// One UPDATE of the cases and a few INSERT … SELECT, in SQL as bench/synthetic.ts does.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { rows, type Database } from '../src/server/db/database.ts';
import { credentials, users } from '../src/server/db/schema.ts';
import type { BenchUser, Country } from './synthetic.ts';

/** Chains: a binary tree of 2^GENERATIONS − 1 cases each (generations 0 … GENERATIONS − 1). */
const CHAINS = 4;
const CHAIN_GENERATIONS = 9;
const CHAIN_CASES = 2 ** CHAIN_GENERATIONS - 1;
/** Cases of the tree at index i ≡ 3 (mod 4) belong to the next centre: the chain crosses centres. */
const CROSSING = 4;

export interface FollowUp {
  /** Centres by their own cases: the one with the most, and the median one. */
  centres: { largest: string; typical: string; chain: string };
  users: { largest: BenchUser; typical: BenchUser; chain: BenchUser };
  /** A case of chain 0 at generation 2 of its tree: two generations above it, six below. */
  chainCase: string | null;
}

export async function generateFollowUp(db: Database, country: Country, cases: number): Promise<FollowUp> {
  const nHc = country.hcs.length;
  const hcs = sql.raw(`ARRAY[${country.hcs.map((id) => `'${id}'`).join(',')}]::uuid[]`);
  const createdBy = country.users.hcStaff.id;
  // A hash of the case in 0..9999, one per salt: the same shares on both engines (of other cases,
  // their ids being random).
  const h = (salt: string) => sql.raw(`(abs(hashtext(c.id::text || '${salt}')) % 10000)`);
  const ago = (days: number, salt: string) => sql.raw(`now() - interval '1 second' * ${days * 86400} * (abs(hashtext(c.id::text || '${salt}')) % 100000) / 100000.0`);

  return db.asSystem(async (tx) => {
    await tx.execute(sql`
      UPDATE cases c SET current_status = v.status,
                         status_changed_at = v.changed_at,
                         status_effective_on = (v.changed_at AT TIME ZONE 'Asia/Tokyo')::date,
                         last_observed_at = v.observed_at
      FROM (SELECT c.id, s.status,
                   CASE WHEN s.status IN ('released', 'died') THEN ${ago(42, 'changed')} ELSE ${ago(21, 'changed')} END AS changed_at,
                   CASE WHEN s.status = 'died' THEN NULL
                        WHEN s.status = 'released' THEN ${ago(42, 'changed')} - interval '1 day'
                        WHEN ${h('observed')} < 7500 THEN ${ago(2, 'observed-at')}
                        WHEN ${h('observed')} < 8500 THEN NULL
                        ELSE ${ago(21, 'observed-at')} END AS observed_at
            FROM cases c,
            LATERAL (SELECT CASE WHEN ${h('status')} < 300 THEN NULL WHEN ${h('status')} < 8800 THEN 'released'
                                 WHEN ${h('status')} < 8900 THEN 'died' WHEN ${h('status')} < 9300 THEN 'home'
                                 WHEN ${h('status')} < 9600 THEN 'accommodation' WHEN ${h('status')} < 9900 THEN 'hospitalized'
                                 ELSE 'awaiting_admission' END AS status) s
            WHERE c.responsible_hc_id = ANY (${hcs}) AND s.status IS NOT NULL
              AND EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = c.id AND n.status = 'submitted')) v
      WHERE c.id = v.id`);

    // Alerts, each with the entry that raised it: open for 0.5 % of the followed cases,
    // acknowledged for 2 % of the cases with a status.
    await tx.execute(sql`
      CREATE TEMP TABLE bench_alerts ON COMMIT DROP AS
      SELECT c.id AS case_id, gen_random_uuid() AS observation_id, coalesce(c.last_observed_at, c.status_changed_at) AS observed_at,
             c.current_status NOT IN ('released', 'died') AND ${h('open-alert')} < 50 AS open
      FROM cases c
      WHERE c.responsible_hc_id = ANY (${hcs}) AND c.current_status IS NOT NULL
        AND ((c.current_status NOT IN ('released', 'died') AND ${h('open-alert')} < 50) OR ${h('acknowledged-alert')} < 200)`);
    await tx.execute(sql`
      INSERT INTO health_observations (id, case_id, observed_on, observed_at, source, method, temperature, spo2, symptoms,
                                       recorded_by, recorded_by_name, recorded_by_org_name, created_at)
      SELECT observation_id, case_id, (observed_at AT TIME ZONE 'Asia/Tokyo')::date, observed_at, 'staff', 'phone', 37.8, 92,
             '{breathlessness}', ${createdBy}::uuid, 'bench', 'bench', observed_at
      FROM bench_alerts`);
    await tx.execute(sql`
      INSERT INTO case_alerts (case_id, observation_id, rule, observed_on, message, raised_at, acknowledged_at, acknowledged_by,
                               acknowledged_by_name, acknowledgement_note)
      SELECT case_id, observation_id, 'low_spo2', (observed_at AT TIME ZONE 'Asia/Tokyo')::date,
             '{"ja":"SpO2 が 92% です（93% 以下）。","en":"SpO2 is 92 % (at or below 93 %)."}'::jsonb, observed_at,
             CASE WHEN NOT open THEN observed_at + interval '2 hours' END, CASE WHEN NOT open THEN ${createdBy}::uuid END,
             CASE WHEN NOT open THEN 'bench' END, CASE WHEN NOT open THEN '受診調整済み' END
      FROM bench_alerts`);

    // Chain c in centre (12c + 3) mod 50; case i of its tree (1 … 511) is the synthetic case
    // n = 50 (512c + i) + centre, its source the case of i / 2. Needs 100,000 cases or so.
    const chains = Math.min(CHAINS, Math.floor(cases / (nHc * (CHAIN_CASES + 1) + nHc)));
    let chainCase: string | null = null;
    if (chains > 0) {
      await tx.execute(sql`
        CREATE TEMP TABLE bench_chain ON COMMIT DROP AS
        SELECT t.chain, t.i, c.id AS case_id, c.person_id, c.responsible_hc_id, c.prefecture_id,
               (c.created_at AT TIME ZONE 'Asia/Tokyo')::date AS created_on
        FROM (SELECT chain, i, (12 * chain + 3 + (i % ${CROSSING} = 3)::int) % ${nHc} AS k
              FROM generate_series(0, ${chains - 1}) chain, generate_series(1, ${CHAIN_CASES}) i) t
        JOIN cases c ON c.self_report_id = 'S' || (${nHc} * (${CHAIN_CASES + 1} * t.chain + t.i) + t.k)`);
      const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM bench_chain`);
      if (n !== chains * CHAIN_CASES) throw new Error(`chains: ${n} of ${chains * CHAIN_CASES} cases found`);
      // Each contact: who, followed by which centre, exposed to which case(s), and what became of it.
      await tx.execute(sql`
        CREATE TEMP TABLE bench_contacts ON COMMIT DROP AS
        SELECT gen_random_uuid() AS contact_id, child.person_id, NULL::uuid AS copy_of, child.responsible_hc_id, child.prefecture_id,
               child.case_id AS became_case_id, parent.case_id AS source_case_id, NULL::uuid AS second_source_id,
               child.created_on - 2 AS last_contact_on, child.i
        FROM bench_chain child JOIN bench_chain parent ON parent.chain = child.chain AND parent.i = child.i / 2
        UNION ALL
        SELECT gen_random_uuid(), gen_random_uuid(), oc.person_id, node.responsible_hc_id, node.prefecture_id,
               NULL, node.case_id, CASE WHEN node.i % 8 = 0 THEN sibling.case_id END, node.created_on - 1, node.i
        FROM bench_chain node
        JOIN cases oc ON oc.self_report_id = 'S' || (${nHc} * (${CHAIN_CASES + 1} * node.chain + node.i) - 1)
        LEFT JOIN bench_chain sibling ON sibling.chain = node.chain AND sibling.i = node.i + 1`);
      await tx.execute(sql`
        INSERT INTO persons (id, name_kanji, name_kana, name_kana_key, sex, birth_date, residence_address, registered_address, phone, phone_key, created_by)
        SELECT b.person_id, p.name_kanji, p.name_kana, p.name_kana_key, p.sex, p.birth_date, p.residence_address, p.registered_address,
               p.phone, p.phone_key, ${createdBy}::uuid
        FROM bench_contacts b JOIN persons p ON p.id = b.copy_of`);
      await tx.execute(sql`
        INSERT INTO contacts (id, person_id, responsible_hc_id, prefecture_id, monitoring_ends_on, outcome, became_case_id, created_by)
        SELECT contact_id, person_id, responsible_hc_id, prefecture_id, last_contact_on + 7,
               CASE WHEN became_case_id IS NOT NULL THEN 'became_case' WHEN i % 5 = 0 THEN 'lost_to_follow_up' ELSE 'completed' END,
               became_case_id, ${createdBy}::uuid
        FROM bench_contacts`);
      await tx.execute(sql`
        INSERT INTO contact_exposures (contact_id, source_case_id, setting, relation, last_contact_on, created_by)
        SELECT contact_id, source, (ARRAY['household','workplace','school','medical','facility','other'])[1 + i % 6],
               CASE WHEN i % 6 = 0 THEN '同居家族' END, last_contact_on, ${createdBy}::uuid
        FROM bench_contacts, LATERAL (VALUES (source_case_id), (second_source_id)) s(source)
        WHERE source IS NOT NULL`);
      [{ case_id: chainCase }] = await rows<{ case_id: string }>(tx, sql`SELECT case_id FROM bench_chain WHERE chain = 0 AND i = 4`);
    }

    // The centres to measure, by their own cases (the work list lists only those).
    const sizes = await rows<{ hc: string; n: number }>(
      tx,
      sql`SELECT responsible_hc_id AS hc, count(*)::int AS n FROM cases WHERE responsible_hc_id = ANY (${hcs})
          GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    // bench/synthetic.ts gives every centre 1/50 of the cases: the largest is first by id among equals.
    const centres = { largest: sizes[0].hc, typical: sizes[Math.floor(sizes.length / 2)].hc, chain: country.hcs[3] }; // chain 0's
    const accounts = Object.entries(centres).map(([name, orgId]) => ({ name, orgId, loginId: `bench-wl-${name}`, password: `Bench-${randomUUID().slice(0, 13)}` }));
    const inserted = await tx
      .insert(users)
      .values(accounts.map((a) => ({ orgId: a.orgId, loginId: a.loginId, displayName: 'bench', roles: ['hc_staff'] })))
      .returning({ id: users.id });
    const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
    await tx.insert(credentials).values(inserted.map((u, i) => ({ userId: u.id, passwordHash: hashes[i], mustChangePassword: true })));
    const user = (i: number): BenchUser => ({ id: inserted[i].id, loginId: accounts[i].loginId, password: accounts[i].password });
    return { centres, users: { largest: user(0), typical: user(1), chain: user(2) }, chainCase };
  });
}
