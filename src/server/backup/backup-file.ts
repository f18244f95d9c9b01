// What both engines' backups share: the error an operator reads, and how a backup file is written.
// A backup holds every person's data, so the file is created readable by its owner only (0600). It
// is written beside its final name and renamed into place when complete, so a file with the final
// name is never half a backup; an existing file is never replaced.
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';

/** A backup or restore that cannot go on; the message says why and what to do, and names no person. */
export class BackupError extends Error {}

export async function writeBackupFile(file: string, write: (fd: number) => Promise<void>): Promise<void> {
  if (existsSync(file)) throw new BackupError(`${file} already exists; a backup never replaces a file: give a new name.`);
  const partial = `${file}.partial-${process.pid}`;
  let fd: number;
  try {
    fd = openSync(partial, 'wx', 0o600);
  } catch (err) {
    throw new BackupError(`Cannot create the backup file: ${(err as Error).message}`);
  }
  let open = true;
  try {
    await write(fd);
    fsyncSync(fd);
    closeSync(fd);
    open = false;
    if (existsSync(file)) throw new BackupError(`${file} appeared while the backup was written; it was left as it is.`);
    renameSync(partial, file);
  } catch (err) {
    if (open) closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
}

/** The first bytes of a file, to tell the two formats apart before a tool is given it. */
export function fileStart(file: string, length: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new BackupError(`Cannot read the backup file: ${(err as Error).message}`);
  }
  try {
    const start = Buffer.alloc(length);
    return start.subarray(0, readSync(fd, start, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

export const isGzip = (start: Buffer) => start[0] === 0x1f && start[1] === 0x8b;
/** pg_dump's custom format begins with these five bytes. */
export const isPgDump = (start: Buffer) => start.subarray(0, 5).toString('latin1') === 'PGDMP';
