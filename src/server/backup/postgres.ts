// Backup and restore on PostgreSQL with its own tools: pg_dump's custom format (compressed, taken from
// one consistent snapshot while the server keeps running) and pg_restore.
//
// What a restore of this schema needs, and how it is met without a superuser:
// - the roles hersys_app and hersys_patient: roles belong to the cluster, not to a dump, so it is created (or granted to
//   the restoring user) first, as migration 0001 does; that needs CREATEROLE, or a DBA beforehand;
// - owners: --no-owner, so the restoring user (DATABASE_URL, the user the server migrates as) owns
//   every object as the user who ran the migrations did, and the SECURITY DEFINER functions run as
//   that owner again; grants to hersys_app and the row-level-security policies come back as dumped;
// - the append-only triggers, the policies and the foreign keys are created in pg_restore's
//   post-data step, after the rows are copied in, so they neither block the load nor need disabling;
// - --single-transaction: a damaged or truncated file leaves the database as empty as it was.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { BackupError, fileStart, isGzip, isPgDump, writeBackupFile } from './backup-file.ts';
import { APP_ROLES, ensureAppRole, userObjectCount } from './repo.ts';

/** pg_dump or pg_restore: Debian keeps them per version off PATH (the newest can dump every older server). */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin', name) : name;
}

/** libpq's arguments for a URL, the password in the environment rather than in the process list. */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs a PostgreSQL program; resolves with its exit code and what it said on stderr. */
function run(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv, stdout: number | 'ignore' = 'ignore') {
  return new Promise<{ code: number; stderr: string }>((resolvePromise, reject) => {
    const child = spawn(pgTool(name), args, { env, stdio: ['ignore', stdout, 'pipe'] });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new BackupError(`${name} was not found: install PostgreSQL's client programs (Debian: postgresql-client), as new as the server.`)
          : err,
      ),
    );
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stderr }));
  });
}

/** A tool's complaint without the DETAIL and CONTEXT lines, which can quote a row's values. */
const withoutRowData = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => !/^\s*(DETAIL|CONTEXT):/.test(line))
    .join('\n')
    .trim();

export async function backupPostgres(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await writeBackupFile(file, async (fd) => {
    const { code, stderr } = await run('pg_dump', ['--format=custom', '--no-password', `--dbname=${dbname}`], env, fd);
    if (code !== 0) throw new BackupError(`pg_dump failed; no backup was written:\n${withoutRowData(stderr)}`);
  });
}

/** Restores into an empty database (one just made with CREATE DATABASE … OWNER <the DATABASE_URL user>). */
export async function restorePostgres(file: string, url: string): Promise<void> {
  const start = fileStart(file, 5);
  if (isGzip(start)) throw new BackupError(`${file} is a backup of an embedded database: restore it without DATABASE_URL, into DATA_DIR. Nothing was changed.`);
  if (!isPgDump(start)) throw new BackupError(`${file} is not a pg_dump custom-format file. Nothing was changed.`);
  const { dbname, env } = connection(url);
  const listed = await run('pg_restore', ['--list', file], env);
  if (listed.code !== 0) throw new BackupError(`${file} is truncated or damaged:\n${withoutRowData(listed.stderr)}\nNothing was changed.`);

  const db = await openDatabase({ url });
  try {
    if ((await db.asSystem(userObjectCount)) > 0) {
      throw new BackupError(
        'The database is not empty: a restore goes into a new, empty database only. ' +
          'Create one (CREATE DATABASE … OWNER <the DATABASE_URL user>) and point DATABASE_URL at it.',
      );
    }
    await db.asSystem(ensureAppRole).catch((err: Error) => {
      throw new BackupError(
        `The roles ${APP_ROLES.join(' and ')} are missing in this PostgreSQL cluster or not granted to the DATABASE_URL user, who may not ` +
          `create or grant them (${err.message}). A superuser can: ` +
          APP_ROLES.map((r) => `CREATE ROLE ${r} NOLOGIN NOBYPASSRLS; GRANT ${r} TO <that user>;`).join(' '),
      );
    });
  } finally {
    await db.close();
  }

  const restored = await run('pg_restore', ['--no-owner', '--single-transaction', '--exit-on-error', '--no-password', `--dbname=${dbname}`, file], env);
  if (restored.code !== 0) {
    throw new BackupError(`pg_restore failed and was rolled back; the database is empty as before:\n${withoutRowData(restored.stderr)}`);
  }
}
