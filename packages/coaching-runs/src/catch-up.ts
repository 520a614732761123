import { getSettings } from '@coach/athlete-data';
import type { PrismaClient } from '@coach/db';
import { addDays, instantAt, type LocalDate, todayIn } from '@coach/metrics';
import { runCoachingDay } from './coaching-day';

/** When a past day is coached in a catch-up: its morning, as the athlete's first request would. */
const MORNING_HOUR = 7;

/**
 * Runs the coaching engines over the athlete's days from `from` to today in order, each as of that
 * day's morning: each day's plan, recommendation and the autopsies of the days before, as if the
 * athlete had come every day. Idempotent: a day already coached (by an earlier catch-up or the
 * athlete's own first request) is left as it is, so a second catch-up runs nothing. When today was
 * coached first (a request before the catch-up reached it), the older days leave its plan alone,
 * and a last `refresh` writes today's recommendation and the autopsies of the days coached now.
 * Returns the days it coached.
 */
export async function catchUpCoaching(
  prisma: PrismaClient,
  userId: number,
  from: LocalDate,
  now: Date = new Date(),
): Promise<LocalDate[]> {
  const { timezone } = await getSettings(prisma, userId, now);
  const today = todayIn(timezone, now);
  const coached: LocalDate[] = [];
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const at = day === today ? now : instantAt(day, MORNING_HOUR, 0, timezone);
    const run = await runCoachingDay(prisma, userId, 'ensure', at);
    if (run.ran) coached.push(day);
  }
  if (coached.length > 0 && coached.at(-1) !== today) {
    await runCoachingDay(prisma, userId, 'refresh', now);
  }
  return coached;
}
