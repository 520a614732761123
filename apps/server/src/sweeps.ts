import { deleteExpiredSessions, pruneThrottleAttempts } from '@coach/auth';
import type { PrismaClient } from '@coach/db';
import type { RateLimiter } from '@coach/rate-limiter';
import type { Logger } from './logger';

/** A reservation still pending after this long belonged to a process that died: settle it. */
const STALE_RESERVATION_MS = 10 * 60_000;
const SWEEP_INTERVAL_MS = 60_000;

export interface SweepDependencies {
  prisma: PrismaClient;
  limiter: Pick<RateLimiter, 'settleStaleReservations'>;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * The housekeeping every instance runs: usage left pending by a dead process is settled, expired
 * sessions and throttle attempts too old to count are deleted. Each job is a single idempotent
 * statement (or one per stale reservation), so instances sweeping at once do no harm; one job
 * failing does not stop the others.
 */
export async function sweepOnce({ prisma, limiter, logger }: SweepDependencies): Promise<void> {
  // A stale reservation means a process died mid-answer: worth a warning, not just a count.
  const jobs = [
    {
      name: 'stale reservations settled',
      level: 'warn',
      run: () => limiter.settleStaleReservations(STALE_RESERVATION_MS),
    },
    { name: 'expired sessions deleted', level: 'info', run: () => deleteExpiredSessions(prisma) },
    {
      name: 'old throttle attempts pruned',
      level: 'info',
      run: () => pruneThrottleAttempts(prisma),
    },
  ] as const;
  await Promise.all(
    jobs.map(async ({ name, level, run }) => {
      try {
        const count = await run();
        if (count > 0) logger[level]({ count }, name);
      } catch (error) {
        logger.error({ err: error, job: name }, 'sweep job failed');
      }
    }),
  );
}

/** Sweeps every minute until the returned function is called. */
export function startSweeps(deps: SweepDependencies): () => void {
  const timer = setInterval(() => void sweepOnce(deps), SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
