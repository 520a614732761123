import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  it('refuses a second holder while the first lives, and frees the folder on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-lock-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another process \(pid \d+\).*DATABASE_URL/);
    release();
    expect(existsSync(join(dir, 'pglite.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that died', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-lock-'));
    // pid 2^22 + 1 is above Linux's pid_max limit, so no live process has it.
    writeFileSync(join(dir, 'pglite.lock'), String(2 ** 22 + 1));
    const release = lockDataDir(dir);
    release();
  });

  it.runIf(existsSync('/proc/self/stat'))(
    'takes over a lock whose pid now belongs to another process',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'coach-lock-'));
      // Our parent is alive, but it did not start at tick 1 after boot: the holder is gone.
      writeFileSync(join(dir, 'pglite.lock'), `${process.ppid} 1`);
      const release = lockDataDir(dir);
      expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
      release();
    },
  );
});
