// Backup and restore of the embedded database (PGlite in DATA_DIR). The file is PGlite's own dump of
// its data directory: a gzipped tar (dumpDataDir('gzip')), which `tar -xzf` also reads.
//
// PGlite runs inside the server's process, so nothing outside it can ask for a consistent copy: both
// commands take the data-directory lock, and a running server (which holds it) makes them refuse.
import { PGlite } from '@electric-sql/pglite';
import { createReadStream, existsSync, mkdirSync, openAsBlob, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.ts';
import { newPglite, openDatabase } from '../db/database.ts';
import { BackupError, fileStart, isGzip, isPgDump, writeBackupFile } from './backup-file.ts';
import { hasMigrations } from './repo.ts';

/** The lock file lockDataDir writes; a dump taken under the lock contains it. */
const LOCK_FILE = 'hersys.lock';

function lock(dataDir: string): () => void {
  try {
    return lockDataDir(dataDir);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    throw new BackupError(
      `${err.message}\nBackup and restore of the embedded database need its server stopped: stop it, run the command, start it again.`,
    );
  }
}

export async function backupPglite(dataDir: string, file: string): Promise<void> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new BackupError(`${resolve(dataDir)} holds no embedded database (no PG_VERSION): nothing to back up. Is DATA_DIR right?`);
  }
  await writeBackupFile(file, async (fd) => {
    const unlock = lock(dataDir);
    const pglite = newPglite(dataDir);
    try {
      await pglite.waitReady;
      // Dirty pages to disk first, so that the copy has next to no WAL to replay when it is opened.
      await pglite.exec('CHECKPOINT');
      const dump = await pglite.dumpDataDir('gzip');
      for await (const chunk of dump.stream()) writeFileSync(fd, chunk);
    } finally {
      await pglite.close();
      unlock();
    }
  });
}

/**
 * Checks the whole file before anything is touched: gzip ends with a CRC and the length, so a
 * truncated or altered file fails here, and a tar inside begins with a ustar header. Streamed, so
 * the data directory is not held in memory once more.
 */
async function checkTarGz(file: string): Promise<void> {
  const start = fileStart(file, 5);
  if (isPgDump(start)) throw new BackupError(`${file} is a PostgreSQL dump: restore it with DATABASE_URL set. Nothing was changed.`);
  if (!isGzip(start)) throw new BackupError(`${file} is not a hersys backup of an embedded database (not gzip). Nothing was changed.`);
  let head = Buffer.alloc(0);
  const firstBlock = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (head.length < 512) head = Buffer.concat([head, chunk]).subarray(0, 512);
      done();
    },
  });
  try {
    await pipeline(createReadStream(file), createGunzip(), firstBlock);
  } catch (err) {
    throw new BackupError(`${file} is truncated or damaged (${(err as Error).message}). Nothing was changed.`);
  }
  if (head.subarray(257, 262).toString('latin1') !== 'ustar') {
    throw new BackupError(`${file} holds no tar archive: not a hersys backup of an embedded database. Nothing was changed.`);
  }
}

/**
 * Restores into an empty or missing DATA_DIR. With `force` a non-empty one is restored too, its
 * contents moved to `<DATA_DIR>.before-restore-<time>` (returned), never deleted.
 */
export async function restorePglite(file: string, dataDir: string, options: { force?: boolean } = {}): Promise<{ keptAside?: string }> {
  await checkTarGz(file);
  const target = resolve(dataDir);
  const existed = existsSync(target);
  if (!existed) mkdirSync(target, { recursive: true, mode: 0o700 });
  const staging = `${target}.restoring-${process.pid}`;
  let unlock = () => {};
  let restored = false;
  try {
    unlock = lock(target);
    const old = readdirSync(target).filter((name) => name !== LOCK_FILE);
    if (old.length && !options.force) {
      throw new BackupError(
        `${target} is not empty: a restore goes into an empty or new DATA_DIR. ` +
          'Give another DATA_DIR, or add --force to restore here and keep the current contents aside.',
      );
    }
    await unpack(await openAsBlob(file, { type: 'application/x-gzip' }), staging);
    let keptAside: string | undefined;
    if (old.length) {
      keptAside = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      mkdirSync(keptAside, { mode: 0o700 });
      for (const name of old) renameSync(join(target, name), join(keptAside, name));
    }
    // Entry by entry, so that the lock file in the target stays in place throughout.
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(target, name));
    restored = true;
    return { keptAside };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    unlock();
    if (!existed && !restored) rmdirSync(target);
  }
}

/** PGlite unpacks the tar.gz into `dir` and opens it: a backup that does not open fails here. */
async function unpack(tarGz: Blob, dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  // Extensions load when SQL needs them; this check needs none.
  const pglite = new PGlite(dir, { loadDataDir: tarGz });
  try {
    const db = await openDatabase({ pglite });
    try {
      if (!(await db.asSystem(hasMigrations))) throw new Error('no hersys migrations in it');
    } finally {
      await db.close();
    }
  } catch (err) {
    if (!pglite.closed) await pglite.close().catch(() => {});
    throw new BackupError(`The backup does not open as a hersys database (${(err as Error).message}). Nothing was changed.`);
  }
  // The lock of the process that made the backup: moved along, it would replace this process's lock.
  rmSync(join(dir, LOCK_FILE), { force: true });
}
