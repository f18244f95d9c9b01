// Every database test runs on both engines: embedded PGlite and a real PostgreSQL server started
// by test/run.ts. Each call of `freshDatabase` gives a new database with the migrations applied
// and the demo world seeded with known passwords, copied from a per-engine template so that a
// suite starts in about a second. The demo world is dated relative to today (daily reports, work
// lists), so a template is made per Japan day: a run crossing midnight JST seeds a new one.
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { japanToday } from '../../src/domain/calendar.ts';
import { newPglite, openDatabase, rows, type Database } from '../../src/server/db/database.ts';
import { seedDemoIfEmpty, type DemoWorld } from '../../src/server/demo/seed.ts';

export type Engine = 'pglite' | 'postgres';

/** The password each demo account has in tests (passes the password policy, contains no ID). */
export const testPassword = (loginId: string) =>
  'Tst-' + createHash('sha256').update(loginId).digest('base64url').slice(0, 14);

export interface TestDatabase {
  engine: Engine;
  db: Database;
  world: DemoWorld;
  /** The application's connection string (PostgreSQL only), e.g. for running the CLI against it. */
  url?: string;
  /** Runs SQL as a superuser, outside the application: for tampering and RLS checks. */
  superuser(query: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.HERSYS_TEST_PG_ADMIN_URL;
const PG_APP_URL = process.env.HERSYS_TEST_PG_APP_URL; // ends in /, the database name follows
const pgTemplate = (day: string) => `hersys_template_${day.replaceAll('-', '')}`;

/** The engines this run tests; PostgreSQL is left out only when test/run.ts found no server. */
export const ENGINES: Engine[] = PG_ADMIN_URL ? ['pglite', 'postgres'] : ['pglite'];

const pgliteTemplates = new Map<string, Promise<{ pglite: PGlite; world: DemoWorld }>>();

async function makePgliteTemplate() {
  const pglite = newPglite();
  const db = await openDatabase({ pglite });
  await db.migrate();
  const world = (await seedDemoIfEmpty(db, testPassword))!;
  return { pglite, world };
}

/**
 * Today's PostgreSQL template, made by test/run.ts before the first suite and again by the first
 * suite after midnight JST; test files run in parallel, so the making is under an advisory lock.
 */
export async function preparePostgresTemplate(adminUrl: string, appUrlBase: string): Promise<string> {
  const name = pgTemplate(japanToday(new Date()));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(7420001)');
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      // Made under another name and renamed when seeded, so that no suite copies a half-made one.
      await admin.query(`DROP DATABASE IF EXISTS ${name}_making`);
      await admin.query(`CREATE DATABASE ${name}_making OWNER hersys`);
      const db = await openDatabase({ url: appUrlBase + name + '_making' });
      await db.migrate();
      await seedDemoIfEmpty(db, testPassword);
      await db.close();
      await admin.query(`ALTER DATABASE ${name}_making RENAME TO ${name}`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(7420001)');
    await admin.end();
  }
  return name;
}

async function worldOf(db: Database): Promise<DemoWorld> {
  // Same shape seedDemoIfEmpty returns, read from the database (the template was seeded elsewhere).
  const { organizations, users } = await import('../../src/server/db/schema.ts');
  return db.asSystem(async (tx) => {
    const orgs = await tx.select().from(organizations);
    const orgIds = Object.fromEntries(orgs.map((o) => [o.code, o.id]));
    const people = await tx.select().from(users);
    return {
      orgIds,
      accounts: people.map((u) => {
        const org = orgs.find((o) => o.id === u.orgId)!;
        return { loginId: u.loginId, password: testPassword(u.loginId), roles: u.roles as never, orgKey: org.code, orgNameJa: org.nameJa };
      }),
      patients: (
        await rows<Record<string, string>>(tx, sql`SELECT c.id, c.self_report_id, p.birth_date::text, p.name_kanji FROM patient_access a JOIN cases c ON c.id = a.case_id JOIN persons p ON p.id = c.person_id`)
      ).map((r) => ({ caseId: r.id, selfReportId: r.self_report_id, birthDate: r.birth_date, nameJa: r.name_kanji })),
    };
  });
}

/** A new, empty PostgreSQL database (no migrations) for the application role; its URL. */
export async function emptyPostgresDatabase(): Promise<string> {
  if (!PG_ADMIN_URL || !PG_APP_URL) throw new Error('PostgreSQL is not running for this test run');
  const name = `e_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} OWNER hersys`);
  await admin.end();
  return PG_APP_URL + name;
}

export async function freshDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const day = japanToday(new Date());
    if (!pgliteTemplates.has(day)) pgliteTemplates.set(day, makePgliteTemplate());
    const { pglite } = await pgliteTemplates.get(day)!;
    const clone = (await pglite.clone()) as PGlite;
    const db = await openDatabase({ pglite: clone });
    return {
      engine,
      db,
      world: await worldOf(db),
      // exec runs several statements (for SET … ; UPDATE … ;), query one with parameters.
      superuser: async (query, params) =>
        (params ? await clone.query(query, params) : (await clone.exec(query)).at(-1)!) as never,
      close: () => db.close(),
    };
  }
  if (!PG_ADMIN_URL || !PG_APP_URL) throw new Error('PostgreSQL is not running for this test run');
  const template = await preparePostgresTemplate(PG_ADMIN_URL, PG_APP_URL);
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} OWNER hersys`);
  await admin.end();
  const url = PG_APP_URL + name;
  const db = await openDatabase({ url });
  const superPool = new pg.Pool({ connectionString: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`), max: 2 });
  return {
    engine,
    db,
    url,
    world: await worldOf(db),
    superuser: (query, params) => superPool.query(query, params as unknown[]) as never,
    async close() {
      await db.close();
      await superPool.end();
    },
  };
}
