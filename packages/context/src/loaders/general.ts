import type { AthleteProfile } from '@coach/athlete-data';
import { mondayOf, toUtcMidnight } from '@coach/metrics';
import { section, type UniverseLoad, type LoaderDeps } from '../sections';
import { raceGoalLabel, raceGoalView } from './training-plan';

/** Minimal context for general questions: the A race (distance and target time too) and the training stage. */
export async function loadGeneralContext(
  { prisma }: LoaderDeps,
  athlete: AthleteProfile,
): Promise<UniverseLoad> {
  const [aRace, program] = await Promise.all([
    prisma.raceGoal.findFirst({
      where: { userId: athlete.id, priority: 'A', raceDate: { gte: toUtcMidnight(athlete.today) } },
      orderBy: { raceDate: 'asc' },
    }),
    prisma.weeklyProgram.findUnique({
      where: {
        userId_weekStart: { userId: athlete.id, weekStart: toUtcMidnight(mondayOf(athlete.today)) },
      },
      select: { stage: true, focus: true },
    }),
  ]);
  return {
    status: 'ok',
    sections: [
      section(
        'aRace',
        aRace ? raceGoalView(aRace, athlete) : 'No A race set',
        1,
        aRace ? `A race: ${raceGoalLabel(aRace)}` : 'No A race',
      ),
      section(
        'trainingStage',
        program ? `${program.stage}: ${program.focus}` : 'Not in a planned cycle',
        1,
        `Stage: ${program?.stage ?? 'none'}`,
      ),
    ],
  };
}
