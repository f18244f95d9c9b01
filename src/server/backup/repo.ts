// The SQL a backup or restore asks the database itself.
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';

/** Whether the database has hersys' migrations table with at least one migration in it. */
export async function hasMigrations(tx: Tx): Promise<boolean> {
  const [{ present }] = await rows<{ present: boolean }>(tx, sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`);
  if (!present) return false;
  const [{ n }] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  return n > 0;
}

/**
 * What the database holds besides PostgreSQL's own catalogues: relations, functions, schemas other
 * than public, extensions other than plpgsql. A new database (CREATE DATABASE) has none.
 */
export async function userObjectCount(tx: Tx): Promise<number> {
  const [{ n }] = await rows<{ n: number }>(
    tx,
    sql`SELECT ((SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
                  WHERE s.nspname !~ '^pg_' AND s.nspname <> 'information_schema')
              + (SELECT count(*) FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
                  WHERE s.nspname !~ '^pg_' AND s.nspname <> 'information_schema')
              + (SELECT count(*) FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname NOT IN ('information_schema', 'public'))
              + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'))::int AS n`,
  );
  return n;
}

/**
 * The role every request switches to, granted to the connecting user, as migration 0001 makes it.
 * Roles belong to the cluster, not to a dump, and a restore replays no migration.
 */
export async function ensureAppRole(tx: Tx): Promise<void> {
  // The application's roles: staff (hersys_app) and My HER-SYS patients (hersys_patient, migration 0021).
  for (const role of APP_ROLES) {
    await tx.execute(
      sql.raw(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
    CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT pg_has_role(current_user, '${role}', 'MEMBER') THEN
    EXECUTE format('GRANT ${role} TO %I', current_user);
  END IF;
END $$`),
    );
  }
}

/** The roles the application acts as; created with the schema, needed again on another cluster. */
export const APP_ROLES = ['hersys_app', 'hersys_patient'] as const;
