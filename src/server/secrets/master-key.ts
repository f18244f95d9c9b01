// Where the master key comes from. Production (PostgreSQL at DATABASE_URL) takes it from
// HERSYS_MASTER_KEY and refuses to start without one. The embedded demo database (PGlite in
// DATA_DIR) must start with no configuration at all, so without HERSYS_MASTER_KEY a development key
// is generated once, and the start says so.
//
// The development key lives BESIDE the data directory (<DATA_DIR>.master-key, mode 0600), not in
// it: a backup of the embedded database is a tar of DATA_DIR (src/server/backup/pglite.ts), and a
// backup that carried its own key would hold its secrets in clear after all. Restoring into another
// DATA_DIR therefore needs the key too: copy the file beside it, or set HERSYS_MASTER_KEY.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigError, type Config } from '../config.ts';
import { keyIdOf, newKey, parseKey } from './envelope.ts';

export interface MasterKey {
  key: Buffer;
  /** 'environment', or the development key file's path. */
  source: string;
  /** The development key was made by this call. */
  generated: boolean;
}

export const devKeyFile = (dataDir: string) => `${resolve(dataDir)}.master-key`;

export function masterKeyFor(config: Config): MasterKey {
  if (config.HERSYS_MASTER_KEY) return { key: parseKey(config.HERSYS_MASTER_KEY), source: 'environment', generated: false };
  if (config.DATABASE_URL) {
    throw new ConfigError(
      'HERSYS_MASTER_KEY is required with DATABASE_URL: it encrypts the secrets the database keeps (see docs/OPERATIONS.md). ' +
        'Make one with `npm run hersys -- keys generate` and keep it apart from the database and its backups.',
    );
  }
  const file = devKeyFile(config.DATA_DIR);
  if (existsSync(file)) return { key: parseKey(readFileSync(file, 'utf8')), source: file, generated: false };
  mkdirSync(dirname(file), { recursive: true });
  const key = newKey();
  const fd = openSync(file, 'wx', 0o600); // 'wx': never over a key another process just wrote
  try {
    writeSync(fd, key.toString('base64') + '\n');
  } finally {
    closeSync(fd);
  }
  return { key, source: file, generated: true };
}

/** The log line of a start on the development key; null for a key from the environment. */
export function developmentKeyNotice(master: MasterKey): string | null {
  if (master.source === 'environment') return null;
  return (
    `DEVELOPMENT master key ${keyIdOf(master.key)} ${master.generated ? 'generated in' : 'read from'} ${master.source}: ` +
    'for trying hersys only; production sets HERSYS_MASTER_KEY. Backups of the data directory leave this file out: keep it to open them.'
  );
}
