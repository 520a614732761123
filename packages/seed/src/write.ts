import type { PrismaClient } from '@coach/db';
import { toUtcMidnight } from '@coach/metrics';
import { recordActivities } from '@coach/training';
import type { AthleteHistory } from './types';

export interface AthleteLogin {
  email: string;
  passwordHash: string;
}

/**
 * Writes a generated athlete and all their records in one transaction (all or nothing), computing
 * loads and daily metrics as real imports do. The athlete is created at `now`. Returns the new
 * user's id.
 */
export async function writeAthlete(
  prisma: PrismaClient,
  history: AthleteHistory,
  login: AthleteLogin,
  now: Date = new Date(),
): Promise<{ userId: number }> {
  return prisma.$transaction(
    async (tx) => {
      const { id: userId } = await tx.user.create({
        data: { ...login, ...history.profile, createdAt: now },
      });
      await recordActivities(
        tx,
        userId,
        history.activities.map(({ localDate: _, workoutType: __, ...activity }) => ({
          ...activity,
          source: 'seed',
        })),
        now,
      );

      await tx.journalEntry.createMany({
        data: history.journal.map((entry) => ({
          ...entry,
          userId,
          entryDate: toUtcMidnight(entry.entryDate),
        })),
      });
      await tx.raceGoal.createMany({
        data: history.raceGoals.map((goal) => ({
          ...goal,
          userId,
          raceDate: toUtcMidnight(goal.raceDate),
        })),
      });
      await tx.raceResult.createMany({
        data: history.raceHistory.map((result) => ({
          ...result,
          userId,
          raceDate: toUtcMidnight(result.raceDate),
        })),
      });
      return { userId };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
