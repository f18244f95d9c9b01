// PGlite does not lock its data directory, and two processes writing one directory corrupt it.
// So the process that opens it writes its pid to a lock file; another process that finds a live
// pid there is refused with a clear message. A lock left by a process that died is taken over —
// also when the dead process had our own pid: in a container every start gets the same low pid, so
// a lock file naming us was left by a previous life (this process's own locks are kept in `held`).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is in use by another hersys process (pid ${pid}). ` +
        'Stop that process, or give this one another DATA_DIR, or use PostgreSQL (DATABASE_URL) to run several processes.',
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock files this process holds. */
const held = new Set<string>();

/** Takes the lock or throws DataDirLockedError; returns the function that releases it. */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, 'hersys.lock');
  if (held.has(file)) throw new DataDirLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      let released = false;
      return () => {
        if (!released) rmSync(file, { force: true });
        held.delete(file);
        released = true;
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && alive(pid)) throw new DataDirLockedError(dir, pid);
      rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
