// A real PostgreSQL server for the test run: initdb + pg_ctl from the machine's PostgreSQL
// binaries into a temporary directory, on a free port, removed afterwards. The application
// connects as `hersys`, a login role that is neither superuser nor allowed to bypass RLS; the
// harness keeps the superuser for creating databases and for tampering tests.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.ts';

export interface PostgresServer {
  /** Superuser connection to the `postgres` database. */
  adminUrl: string;
  /** Connection for the application role to database `name`. */
  appUrl(name: string): string;
  /** Stops the server at once (as a crash would) and removes its files. */
  stop(): void;
  /** For outage tests: stop at once keeping the data, start again, freeze every process of it (SIGSTOP), thaw. */
  halt(): void;
  start(): void;
  freeze(): void;
  thaw(): void;
}

/** The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function findPostgresBin(): string | null {
  // Debian keeps them in a versioned directory, off PATH; other systems put them on PATH.
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length) return join(root, versions[0], 'bin');
  return ['/usr/local/bin', '/usr/bin'].find((d) => existsSync(join(d, 'pg_ctl'))) ?? null;
}


export async function startPostgres(bin: string): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-pg-'));
  const dataDir = join(dir, 'data');
  // PostgreSQL refuses to run as root: run its programs as the `postgres` user then.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) => {
    const [cmd, cmdArgs] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
      : [join(bin, program), args];
    execFileSync(cmd, cmdArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const port = await freePort();
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = () =>
    run('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
  start();
  /** The postmaster and every backend and helper process it started. */
  const processes = () => {
    const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('pgrep', ['-P', String(postmaster)]).toString().split('\n').filter(Boolean).map(Number);
    return [postmaster, ...children];
  };
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query('CREATE ROLE hersys LOGIN CREATEROLE NOSUPERUSER NOBYPASSRLS');
  await admin.end();
  return {
    adminUrl,
    appUrl: (name) => `postgres://hersys@127.0.0.1:${port}/${name}`,
    halt: () => run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']),
    start,
    freeze: () => processes().forEach((pid) => process.kill(pid, 'SIGSTOP')),
    thaw: () => processes().forEach((pid) => process.kill(pid, 'SIGCONT')),
    stop() {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
