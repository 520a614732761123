import type { PrismaClient } from '@coach/db';
import { addDays, toUtcMidnight } from '@coach/metrics';
import { recordActivities } from '@coach/training';
import type { AthleteHistory } from './types';

export interface AthleteLogin {
  email: string;
  passwordHash: string;
}

/**
 * Writes a generated athlete and all their records in one transaction (all or nothing), computing
 * loads and daily metrics as real imports do. Returns the new user's id.
 */
export async function writeAthlete(
  prisma: PrismaClient,
  history: AthleteHistory,
  login: AthleteLogin,
  now: Date = new Date(),
): Promise<{ userId: number }> {
  return prisma.$transaction(
    async (tx) => {
      const { id: userId } = await tx.user.create({ data: { ...login, ...history.profile } });
      await recordActivities(
        tx,
        userId,
        history.activities.map(({ localDate: _, workoutType: __, ...activity }) => ({
          ...activity,
          source: 'seed',
        })),
        now,
      );

      // A recommendation is made in the morning, from the metrics as they stood the day before.
      const metrics = await tx.dailyMetrics.findMany({
        where: { userId },
        select: {
          date: true,
          externalAcwr: true,
          internalAcwr: true,
          normalizedDivergence: true,
          daysSinceRest: true,
        },
      });
      const snapshotFor = new Map(
        metrics.map(({ date, ...snapshot }) => [date.toISOString().slice(0, 10), snapshot]),
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
      await tx.weeklyProgram.createMany({
        data: history.weeklyPrograms.map((program) => ({
          ...program,
          userId,
          weekStart: toUtcMidnight(program.weekStart),
          days: program.days.map((day) => ({ ...day })),
        })),
      });
      await tx.dailyRecommendation.createMany({
        data: history.recommendations.map((recommendation) => ({
          ...recommendation,
          userId,
          date: toUtcMidnight(recommendation.date),
          metricsSnapshot: snapshotFor.get(addDays(recommendation.date, -1)) ?? {},
        })),
      });
      await tx.autopsy.createMany({
        data: history.autopsies.map((autopsy) => ({
          ...autopsy,
          userId,
          date: toUtcMidnight(autopsy.date),
        })),
      });
      return { userId };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
