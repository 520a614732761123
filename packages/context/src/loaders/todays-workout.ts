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
import { listSection, noData, section, type UniverseLoad, type LoaderDeps } from '../sections';
import { journalLabel, journalView, metricsLabel, metricsWithAssessment } from '../views';
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
      ...(metrics ? [section('currentMetrics', metrics.metrics, 2)] : []),
    );
  }

  return {
    status: 'ok',
    sections: [
      section(
        'todaysRecommendation',
        recommendation
          ? {
              date: athlete.today,
              workout: recommendation.workoutType,
              prescription: recommendation.prescribedWorkout,
              rationale: recommendation.rationale,
              // The model's words on the engine's (COACHING_NARRATIVES), as the page shows them.
              ...(recommendation.narrative ? { narrative: recommendation.narrative } : {}),
            }
          : 'No recommendation made today',
        1,
        `Today's workout: ${recommendation?.workoutType ?? 'none'}`,
      ),
      section(
        'currentMetrics',
        metrics
          ? {
              ...metrics.metrics,
              status: metrics.assessment.status,
              reasons: metrics.assessment.reasons,
            }
          : 'No metrics yet',
        1,
        metrics ? metricsLabel(metrics.metrics) : 'No metrics yet',
      ),
      section(
        'plannedSession',
        planned ? plannedDayView(planned, athlete.units, athlete.today) : 'Nothing planned',
        2,
        `Planned today: ${planned?.workoutType ?? 'nothing'}`,
      ),
      listSection('recentJournal', journal.map(journalView), 2, 1, journal.map(journalLabel)),
      listSection(
        'lastSevenDaysOfActivities',
        activities.map((a) => ({
          date: fromUtcMidnight(a.localDate),
          name: athleteText(a.name),
          type: a.type,
          // to two decimals, as the activities list shows it
          distance: `${distanceIn(a.distanceMeters, athlete.units).toFixed(2)} ${distanceUnitOf(athlete.units)}`,
          time: formatDuration(a.movingTimeSeconds),
          averageHr: a.averageHeartRate === null ? null : Math.round(a.averageHeartRate),
          ...(a.internalLoadEstimated
            ? { effort: 'estimated: no heart rate or RPE recorded' }
            : {}),
          ...(a.notes ? { notes: athleteText(a.notes) } : {}),
        })),
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
