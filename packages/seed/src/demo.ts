import { hashPassword } from '@coach/auth';
import { Prisma, type PrismaClient } from '@coach/db';
import { addDays, fromUtcMidnight, type LocalDate, todayIn, toUtcMidnight } from '@coach/metrics';
import { recordActivities } from '@coach/training';
import { generateAthleteHistory } from './generate';
import { writeAthlete } from './write';

/** The demo athlete's data is the same on every machine: one seed, one timezone. */
export const DEMO_SEED = 20_260_101;
export const DEMO_TIMEZONE = 'America/Denver';
const DEMO_HISTORY_DAYS = 182;

export interface DemoSeedResult {
  created: boolean;
  userId: number;
  activities: number;
  /** activities added to an existing demo to bring it up to yesterday */
  added: number;
}

/**
 * Creates the demo athlete with six months of training ending today. On a database that has it,
 * brings it up to date instead: when its activities end before yesterday, the days since are
 * added from the same generator, continuing the history it was created with. A second run on the
 * same day changes nothing.
 */
export async function seedDemoAthlete(
  prisma: PrismaClient,
  login: { email: string; password: string },
  now: Date = new Date(),
): Promise<DemoSeedResult> {
  const existing = await findDemo(prisma, login.email);
  if (existing) return topUpDemo(prisma, existing.userId, now);

  const history = generateAthleteHistory({
    seed: DEMO_SEED,
    days: DEMO_HISTORY_DAYS,
    today: todayIn(DEMO_TIMEZONE, now),
    timezone: DEMO_TIMEZONE,
  });
  try {
    const { userId } = await writeAthlete(
      prisma,
      history,
      { email: login.email, passwordHash: await hashPassword(login.password) },
      now,
    );
    return { created: true, userId, activities: history.activities.length, added: 0 };
  } catch (error) {
    // Another process seeded the same athlete first: theirs stands.
    const isDuplicate =
      error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
    const winner = isDuplicate ? await findDemo(prisma, login.email) : null;
    if (winner) return { ...winner, created: false, added: 0 };
    throw error;
  }
}

/**
 * Adds the days after the demo's last activity up to yesterday (and today's morning journal),
 * generated as if the demo had been created on the day it was (its `createdAt`) and the history
 * had run on since. Under a lock per athlete, so two starting instances add them once.
 */
async function topUpDemo(prisma: PrismaClient, userId: number, now: Date): Promise<DemoSeedResult> {
  return prisma.$transaction(
    async (tx) => {
      // The same two-key space as the coaching runs, with a day number no real day has.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${userId}::int4, -1::int4)`;
      const user = await tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: { createdAt: true },
      });
      const seededOn = todayIn(DEMO_TIMEZONE, user.createdAt);
      const today = todayIn(DEMO_TIMEZONE, now);
      const last = await tx.activity.findFirst({
        where: { userId, source: 'seed' },
        orderBy: { localDate: 'desc' },
        select: { localDate: true },
      });
      const lastDay: LocalDate = last ? fromUtcMidnight(last.localDate) : addDays(seededOn, -1);
      const total = () => tx.activity.count({ where: { userId } });
      if (today <= seededOn || lastDay >= addDays(today, -1)) {
        return { created: false, userId, activities: await total(), added: 0 };
      }

      const history = generateAthleteHistory({
        seed: DEMO_SEED,
        days: DEMO_HISTORY_DAYS,
        today: seededOn,
        through: today,
        timezone: DEMO_TIMEZONE,
      });
      const { added } = await recordActivities(
        tx,
        userId,
        history.activities
          .filter((activity) => activity.localDate > lastDay)
          .map(({ localDate: _, workoutType: __, ...activity }) => ({
            ...activity,
            source: 'seed',
          })),
        now,
      );
      await tx.journalEntry.createMany({
        data: history.journal
          .filter((entry) => entry.entryDate > lastDay)
          .map((entry) => ({ ...entry, userId, entryDate: toUtcMidnight(entry.entryDate) })),
        skipDuplicates: true,
      });
      const races = await tx.raceGoal.findMany({
        where: { userId },
        select: { name: true, raceDate: true },
      });
      const results = await tx.raceResult.findMany({
        where: { userId },
        select: { name: true, raceDate: true },
      });
      const known = (rows: { name: string; raceDate: Date }[]) =>
        new Set(rows.map((row) => `${fromUtcMidnight(row.raceDate)} ${row.name}`));
      const knownGoals = known(races);
      const knownResults = known(results);
      await tx.raceGoal.createMany({
        data: history.raceGoals
          .filter((goal) => !knownGoals.has(`${goal.raceDate} ${goal.name}`))
          .map((goal) => ({ ...goal, userId, raceDate: toUtcMidnight(goal.raceDate) })),
      });
      await tx.raceResult.createMany({
        data: history.raceHistory
          .filter((result) => !knownResults.has(`${result.raceDate} ${result.name}`))
          .map((result) => ({ ...result, userId, raceDate: toUtcMidnight(result.raceDate) })),
      });
      return { created: false, userId, activities: await total(), added };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function findDemo(
  prisma: PrismaClient,
  email: string,
): Promise<{ userId: number; activities: number } | null> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, _count: { select: { activities: true } } },
  });
  return user ? { userId: user.id, activities: user._count.activities } : null;
}
