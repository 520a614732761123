import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by another process (pid ${pid}). ` +
        'Stop that process, or set DATABASE_URL so that several processes share one PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** An embedded database belongs to one process; a lock file with its pid and start time says which. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid} ${startTimeOf(process.pid) ?? ''}`.trim());
      closeSync(fd);
      return () => unlinkSync(lockPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pid, startTime] = readFileSync(lockPath, 'utf8').trim().split(' ');
      const holder = Number.parseInt(pid ?? '', 10);
      if (isAlive(holder, startTime)) throw new DataDirLockedError(dataDir, holder);
      unlinkSync(lockPath); // left behind by a process that died
    }
  }
  throw new Error(`Could not lock ${dataDir}: another process keeps taking the lock`);
}

/**
 * When a process started, in clock ticks since boot (Linux's /proc/<pid>/stat, field 22); undefined
 * where there is no /proc. With the pid it names one process: pids are reused, start times are not.
 */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain anything: state is 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
  } catch {
    return undefined;
  }
}

/** Whether the lock's holder still runs: its pid is alive and, when known, started when it did. */
function isAlive(pid: number, startTime: string | undefined): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const current = startTimeOf(pid);
  return startTime === undefined || current === undefined || current === startTime;
}
