import { AUTOPSY_DAYS, catchUpCoaching } from '@coach/coaching-runs';
import type { PrismaClient } from '@coach/db';
import { addDays, todayIn } from '@coach/metrics';
import { DEMO_TIMEZONE, type DemoSeedResult, seedDemoAthlete } from '@coach/seed';

/**
 * How far back the engines coach the demo: the window of autopsies a run writes, so the demo
 * opens with two weeks of recommendations and their autopsies.
 */
export const DEMO_COACHED_DAYS = AUTOPSY_DAYS;

export interface DemoReady extends DemoSeedResult {
  /** the days the engines coached now (none when the demo was already current) */
  coachedDays: number;
}

/**
 * The demo athlete as the product shows it: created with six months of what an athlete records,
 * or brought up to yesterday, then coached by the engines over its last `coachedDays` days (only
 * the days not coached yet). The seed knows nothing of the engines; this is where the two meet.
 */
export async function prepareDemo(
  prisma: PrismaClient,
  login: { email: string; password: string },
  now: Date = new Date(),
  coachedDays: number = DEMO_COACHED_DAYS,
): Promise<DemoReady> {
  const seeded = await seedDemoAthlete(prisma, login, now);
  const coached = await coachDemo(prisma, seeded.userId, now, coachedDays);
  return { ...seeded, coachedDays: coached };
}

/** The engines over the demo's days not coached yet among its last `coachedDays`; returns how many. */
export async function coachDemo(
  prisma: PrismaClient,
  userId: number,
  now: Date = new Date(),
  coachedDays: number = DEMO_COACHED_DAYS,
): Promise<number> {
  const from = addDays(todayIn(DEMO_TIMEZONE, now), 1 - coachedDays);
  return (await catchUpCoaching(prisma, userId, from, now)).length;
}
