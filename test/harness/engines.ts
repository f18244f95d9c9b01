// Every database test runs on both engines: embedded PGlite and a real PostgreSQL server started
// by test/run.ts. Each call of `freshDatabase` gives a new database with the migrations applied
// and the demo world seeded with known passwords, copied from a per-engine template so that a
// suite starts in about a second.
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
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
const PG_TEMPLATE = 'hersys_template';

/** The engines this run tests; PostgreSQL is left out only when test/run.ts found no server. */
export const ENGINES: Engine[] = PG_ADMIN_URL ? ['pglite', 'postgres'] : ['pglite'];

let pgliteTemplate: Promise<{ pglite: PGlite; world: DemoWorld }> | undefined;

async function makePgliteTemplate() {
  const pglite = newPglite();
  const db = await openDatabase({ pglite });
  await db.migrate();
  const world = (await seedDemoIfEmpty(db, testPassword))!;
  return { pglite, world };
}

/** The PostgreSQL template is made once per run by test/run.ts; its world is read back here. */
export async function preparePostgresTemplate(adminUrl: string, appUrlBase: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE} OWNER hersys`);
  await admin.end();
  const db = await openDatabase({ url: appUrlBase + PG_TEMPLATE });
  await db.migrate();
  await seedDemoIfEmpty(db, testPassword);
  await db.close();
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
    pgliteTemplate ??= makePgliteTemplate();
    const { pglite } = await pgliteTemplate;
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
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE} OWNER hersys`);
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
