import type { Logger } from '@coach/config';
import type { BilledTokens, RateLimiter, Reservation, SettleOptions } from '@coach/rate-limiter';

/**
 * Waits between attempts to settle an answer's usage (about four minutes in all). Past them, or if
 * the process dies, the stale sweep settles the reservation at its estimate: the last resort.
 */
const SETTLE_RETRY_DELAYS_MS: readonly number[] = [
  1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000,
];

/**
 * Settles a reservation with the tokens billed. The first attempt is awaited; when it fails, the
 * billed counts are kept here and the settle is retried after each of `delaysMs` in the background,
 * so a passing database fault does not turn an answer's real usage into the sweep's estimate.
 */
export async function settleUsage(
  limiter: Pick<RateLimiter, 'settle'>,
  reservation: Reservation,
  billed: BilledTokens,
  logger: Logger,
  delaysMs: readonly number[] = SETTLE_RETRY_DELAYS_MS,
  options: SettleOptions = {},
): Promise<void> {
  const attempt = async (failures: number): Promise<void> => {
    try {
      await limiter.settle(reservation, billed, options);
      if (failures > 0) logger.info({ reservation, failures }, 'usage settled after a retry');
    } catch (error) {
      const delay = delaysMs[failures];
      if (delay === undefined) {
        logger.error(
          { err: error, reservation, billed },
          'usage could not be settled; the stale sweep will',
        );
        return;
      }
      logger.warn({ err: error, reservation, retryInMs: delay }, 'usage not settled yet; retrying');
      setTimeout(() => void attempt(failures + 1), delay).unref();
    }
  };
  await attempt(0);
}
