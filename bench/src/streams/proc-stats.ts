// A process's CPU time and memory, from Linux's /proc: utime + stime of /proc/<pid>/stat (clock
// ticks) and VmRSS / VmHWM of /proc/<pid>/status. Sampled while a run lasts, for the peak RSS.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcSnapshot {
  cpuSeconds: number;
  rssBytes: number;
  /** the peak RSS since the process started */
  hwmBytes: number;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export function readProc(pid: number): ProcSnapshot {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return {
    cpuSeconds: ticks / CLOCK_TICKS,
    rssBytes: kib('VmRSS') * 1024,
    hwmBytes: kib('VmHWM') * 1024,
  };
}

export interface ProcUsage {
  /** CPU seconds used during the window, and as a share of one core (1 = one core busy) */
  cpuSeconds: number;
  cpuCores: number;
  /** RSS when the window opened, and the highest sampled during it */
  rssStartBytes: number;
  rssPeakBytes: number;
}

/** Samples a process every `intervalMs` until stopped. */
export function sampleProc(pid: number, intervalMs = 100): { stop(): ProcUsage } {
  const first = readProc(pid);
  const startedAt = performance.now();
  let peak = first.rssBytes;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, readProc(pid).rssBytes);
    } catch {
      // the process has gone; stop() reports what was seen
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      const last = readProc(pid);
      peak = Math.max(peak, last.rssBytes);
      const seconds = (performance.now() - startedAt) / 1000;
      const cpuSeconds = last.cpuSeconds - first.cpuSeconds;
      return {
        cpuSeconds,
        cpuCores: seconds > 0 ? cpuSeconds / seconds : 0,
        rssStartBytes: first.rssBytes,
        rssPeakBytes: peak,
      };
    },
  };
}
