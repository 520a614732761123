import { RunningDays, usageDay } from './athlete-day';
import { resolveLimits } from './limits';
import { recordUsage } from './record';
import { reserve } from './reserve';
import { SettleBatcher, settleStaleReservations } from './settle';
import type { RateLimiter, RateLimiterOptions } from './types';
import { toDailyStats, toUsageCheck } from './usage-report';
import { readDayUsage } from './usage-row';

/**
 * Daily chat usage per athlete, kept in the database (chat_usage, chat_reservations) so that it
 * stays exact across concurrent requests and across server instances sharing one PostgreSQL.
 * A usage day is the athlete's local calendar day, in the time zone it started in (see usageDay).
 */
export function createRateLimiter({
  prisma,
  limits: overrides,
  now = () => new Date(),
}: RateLimiterOptions): RateLimiter {
  const limits = Object.freeze(resolveLimits(overrides));
  const runningDays = new RunningDays();
  const settles = new SettleBatcher(prisma, now);

  async function today(userId: number) {
    const day = await usageDay(prisma, userId, now());
    return { ...day, usage: await readDayUsage(prisma, userId, day.date) };
  }

  return {
    limits,
    reserve: (request) => reserve(prisma, limits, runningDays, now(), request),
    settle: (reservation, billed, options) => settles.settle(reservation, billed, options),
    checkUsage: async (userId) => toUsageCheck((await today(userId)).usage, limits),
    recordUsage: (userId, inputTokens, outputTokens) =>
      recordUsage(prisma, userId, inputTokens, outputTokens, now()),
    getDailyStats: async (userId) => {
      const { usage, timeZone } = await today(userId);
      return toDailyStats(usage, limits, timeZone);
    },
    settleStaleReservations: (olderThanMs) => settleStaleReservations(prisma, olderThanMs, now()),
  };
}
