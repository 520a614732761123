import { hashPassword } from '@coach/auth';
import { Prisma, type PrismaClient } from '@coach/db';
import { todayIn } from '@coach/metrics';
import { generateAthleteHistory } from './generate';
import { writeAthlete } from './write';

/** The demo athlete's data is the same on every machine: one seed, one timezone. */
export const DEMO_SEED = 20_260_101;
export const DEMO_TIMEZONE = 'America/Denver';
export const DEMO_HISTORY_DAYS = 182;

export interface DemoSeedResult {
  created: boolean;
  userId: number;
  activities: number;
}

/** Creates the demo athlete with six months of training ending today; a second run changes nothing. */
export async function seedDemoAthlete(
  prisma: PrismaClient,
  login: { email: string; password: string },
  now: Date = new Date(),
): Promise<DemoSeedResult> {
  const existing = await findDemo(prisma, login.email);
  if (existing) return existing;

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
    return { created: true, userId, activities: history.activities.length };
  } catch (error) {
    // Another process seeded the same athlete first: theirs stands.
    const isDuplicate =
      error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
    const winner = isDuplicate ? await findDemo(prisma, login.email) : null;
    if (winner) return winner;
    throw error;
  }
}

async function findDemo(prisma: PrismaClient, email: string): Promise<DemoSeedResult | null> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, _count: { select: { activities: true } } },
  });
  return user ? { created: false, userId: user.id, activities: user._count.activities } : null;
}
