import type { AthleteProfile } from '@coach/athlete-data';
import { readPlannedDays } from '@coach/db';
import {
  addDays,
  dayAndMonth,
  distanceIn,
  distanceUnitOf,
  formatDuration,
  fromUtcMidnight,
  mondayOf,
  toUtcMidnight,
} from '@coach/metrics';
import { athleteText } from '@coach/prompts';
import { listSection, type LoaderDeps, noData, section, type UniverseLoad } from '../sections';
import { currentMetricsSection, journalLabel, journalView, metricsWithAssessment } from '../views';
import { plannedDayView } from './training-plan';

/** Today's recommendation and why, the planned session, current metrics and the last few days. */
export async function loadTodaysWorkoutContext(
  { prisma }: LoaderDeps,
  athlete: AthleteProfile,
): Promise<UniverseLoad> {
  const today = toUtcMidnight(athlete.today);
  const [recommendation, program, metrics, journal, activities] = await Promise.all([
    prisma.dailyRecommendation.findUnique({
      where: { userId_date: { userId: athlete.id, date: today } },
    }),
    prisma.weeklyProgram.findUnique({
      where: {
        userId_weekStart: { userId: athlete.id, weekStart: toUtcMidnight(mondayOf(athlete.today)) },
      },
    }),
    metricsWithAssessment(prisma, athlete.id, athlete.today, athlete.thresholds, athlete.today),
    prisma.journalEntry.findMany({
      where: {
        userId: athlete.id,
        entryDate: { gte: toUtcMidnight(addDays(athlete.today, -6)), lte: today },
      },
      orderBy: { entryDate: 'desc' },
    }),
    prisma.activity.findMany({
      where: {
        userId: athlete.id,
        localDate: { gte: toUtcMidnight(addDays(athlete.today, -6)), lte: today },
      },
      orderBy: { startTime: 'desc' },
    }),
  ]);
  const planned = readPlannedDays(program?.days).find((day) => day.date === athlete.today);
  if (!recommendation && !planned) {
    return noData(
      'No recommendation for today yet. Log a few activities and check back: recommendations start once there is training history.',
      ...(metrics ? [currentMetricsSection(metrics, 2)] : []),
    );
  }

  return {
    status: 'ok',
    sections: [
      section(
        'todaysRecommendation',
        recommendation
          ? // the day and the workout type are facts of the day
            {
              prescription: recommendation.prescribedWorkout,
              rationale: recommendation.rationale,
              // The model's words on the engine's (COACHING_NARRATIVES), as the page shows them.
              ...(recommendation.narrative ? { narrative: recommendation.narrative } : {}),
            }
          : 'No recommendation made today',
        1,
        `Today's workout: ${recommendation?.workoutType ?? 'none'}`,
      ),
      currentMetricsSection(metrics, 1, recommendation?.rationale),
      section(
        'plannedSession',
        planned
          ? plannedDayView(
              planned,
              athlete.units,
              athlete.today,
              // a changed session's rationale quotes the plan's description already
              !recommendation?.rationale.includes(planned.description),
            )
          : 'Nothing planned',
        2,
        `Planned today: ${planned?.workoutType ?? 'nothing'}`,
      ),
      listSection('journal', journal.map(journalView), 2, 1, journal.map(journalLabel)),
      listSection(
        'activity',
        // One line: the figures, then the athlete's name and notes for it, fenced.
        activities.map((a) => [
          [
            // to two decimals, as the activities list shows it
            `${fromUtcMidnight(a.localDate)}: ${a.type} ${distanceIn(a.distanceMeters, athlete.units).toFixed(2)} ${distanceUnitOf(athlete.units)} in ${formatDuration(a.movingTimeSeconds)}`,
            a.averageHeartRate === null ? '' : `avg HR ${Math.round(a.averageHeartRate)}`,
            a.internalLoadEstimated ? 'effort estimated: no heart rate or RPE recorded' : '',
            'named',
          ]
            .filter(Boolean)
            .join(', '),
          athleteText(a.name),
          ...(a.notes ? ['notes:', athleteText(a.notes)] : []),
        ]),
        3,
        1,
        activities.map(
          (a) =>
            `${a.type} ${distanceIn(a.distanceMeters, athlete.units).toFixed(2)} ${distanceUnitOf(athlete.units)} · ${dayAndMonth(fromUtcMidnight(a.localDate))}`,
        ),
      ),
    ],
  };
}
