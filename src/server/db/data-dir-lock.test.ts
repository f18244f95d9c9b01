// PGlite's data directory is refused to a second process with a clear message; a lock left by a
// process that died is taken over.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

describe('data directory lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-lock-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first lives, and frees the directory on release', () => {
    const release = lockDataDir(dir);
    assert.throws(() => lockDataDir(dir), (err: Error) => err instanceof DataDirLockedError && /in use by another hersys process/.test(err.message));
    release();
    assert.equal(existsSync(join(dir, 'hersys.lock')), false);
    lockDataDir(dir)();
  });

  it('refuses another process with a clear message and exit code 1', () => {
    const release = lockDataDir(dir);
    try {
      const other = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'migrate'], {
        env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
        encoding: 'utf8',
      });
      assert.equal(other.status, 1);
      assert.match(other.stderr, new RegExp(`in use by another hersys process \\(pid ${process.pid}\\)`));
    } finally {
      release();
    }
  });

  it('takes over a lock naming our own pid, left by an earlier life of a container whose processes get the same pids', () => {
    writeFileSync(join(dir, 'hersys.lock'), String(process.pid));
    const release = lockDataDir(dir);
    assert.throws(() => lockDataDir(dir), DataDirLockedError, 'a lock this process holds is still refused');
    release();
  });

  it('takes over a lock whose process is gone', () => {
    writeFileSync(join(dir, 'hersys.lock'), '999999999');
    const release = lockDataDir(dir);
    release();
  });
});
