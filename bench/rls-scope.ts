// What row-level security costs: the same scoped queries run as a user under RLS, and as the
// owner with the scope written out by hand (the "raw PostgreSQL" baseline), on the synthetic
// country (bench/synthetic.ts). Run by bench/run.ts on both engines.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../src/server/access/actor.ts';
import { loadActor } from '../src/server/auth/session-repo.ts';
import { rows, type Database } from '../src/server/db/database.ts';
import type { Country } from './synthetic.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);

export interface Measure {
  name: string;
  rlsMs: number;
  rawMs: number;
  rows: number;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  await work(); // warm
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

async function actorOf(db: Database, userId: string): Promise<Actor> {
  return db.asSystem(async (tx) => (await loadActor(tx, userId))!);
}

export async function rlsScope(db: Database, country: Country): Promise<Measure[]> {
  const { hc, institution, prefecture } = country.sample;
  const hcActor = await actorOf(db, country.users.hcStaff.id);
  const doctor = await actorOf(db, country.users.doctor.id);
  const sg = await actorOf(db, country.users.prefectureStaff.id);

  const cases: [string, Actor, SQL, SQL][] = [
    [
      'health centre: count its cases',
      hcActor,
      sql`SELECT count(*)::int AS n FROM cases`,
      sql`SELECT count(*)::int AS n FROM cases WHERE responsible_hc_id = ${hc}
            OR id = ANY (ARRAY(SELECT case_id FROM case_related_hcs WHERE hc_id = ${hc}))`,
    ],
    [
      'health centre: newest 50 of its cases',
      hcActor,
      sql`SELECT id FROM cases ORDER BY created_at DESC LIMIT 50`,
      sql`SELECT id FROM cases WHERE responsible_hc_id = ${hc}
            OR id = ANY (ARRAY(SELECT case_id FROM case_related_hcs WHERE hc_id = ${hc})) ORDER BY created_at DESC LIMIT 50`,
    ],
    [
      'health centre: newest 50 of its cases with the persons (two policies)',
      hcActor,
      sql`SELECT c.id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id ORDER BY c.created_at DESC LIMIT 50`,
      sql`SELECT c.id, p.name_kana FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.responsible_hc_id = ${hc}
            OR c.id = ANY (ARRAY(SELECT case_id FROM case_related_hcs WHERE hc_id = ${hc})) ORDER BY c.created_at DESC LIMIT 50`,
    ],
    [
      'clinic: count the cases it reported',
      doctor,
      sql`SELECT count(*)::int AS n FROM cases`,
      sql`SELECT count(*)::int AS n FROM cases WHERE reporting_org_id = ${institution}`,
    ],
    [
      'prefecture: count its cases',
      sg,
      sql`SELECT count(*)::int AS n FROM cases`,
      sql`SELECT count(*)::int AS n FROM cases WHERE prefecture_id = ${prefecture}`,
    ],
  ];

  const results: Measure[] = [];
  for (const [name, actor, scoped, raw] of cases) {
    process.stderr.write(`  ${name}…\n`);
    let n = 0;
    const rlsMs = await time(async () => {
      const r = await db.asActor(actor, (tx) => rows<{ n?: number }>(tx, scoped));
      n = r[0]?.n ?? r.length;
    });
    let m = 0;
    const rawMs = await time(async () => {
      const r = await db.asSystem((tx) => rows<{ n?: number }>(tx, raw));
      m = r[0]?.n ?? r.length;
    });
    if (n !== m) throw new Error(`${name}: RLS returned ${n} rows, the explicit query ${m}`);
    results.push({ name, rlsMs, rawMs, rows: n });
  }
  return results;
}

export function rlsTable(engine: string, cases: number, results: Measure[]): string {
  const lines = [
    `### ${engine}: row-level security, ${cases.toLocaleString('en')} cases (median of ${RUNS} runs)`,
    '',
    '| query | rows | under RLS (ms) | owner, scope by hand (ms) | ratio |',
    '|---|---:|---:|---:|---:|',
    ...results.map(
      (r) => `| ${r.name} | ${r.rows.toLocaleString('en')} | ${r.rlsMs.toFixed(2)} | ${r.rawMs.toFixed(2)} | ${(r.rlsMs / r.rawMs).toFixed(2)} |`,
    ),
  ];
  return lines.join('\n');
}

