import type { AthleteProfile } from '@coach/athlete-data';
import { addDays, dayAndMonth, fromUtcMidnight, toUtcMidnight, weekdayOf } from '@coach/metrics';
import { type ContextSection, listSection, section, type LoaderDeps } from '../sections';
import { METRICS_AS_OF_TEXT, metricsLabel, metricsWithAssessment } from '../views';
import { raceGoalLabel, raceGoalView } from './training-plan';

/** How many days of journal entries with pain the facts of the day show. */
const PAIN_DAYS = 7;
/** The key of the facts-of-the-day section that lists recent pain. */
export const RECENT_PAIN_KEY = `painInTheLast${PAIN_DAYS}Days`;
const NO_PAIN = 'none reported';

/** The recent pain entries ("2026-11-25: 20%") in facts-of-the-day sections, newest first. */
export function recentPainOf(sections: readonly ContextSection[]): string[] {
  const found = sections.find((s) => s.key === RECENT_PAIN_KEY)?.value;
  return Array.isArray(found) ? found.filter((p) => typeof p === 'string' && p !== NO_PAIN) : [];
}

/** Says which day the metrics are of, unless they are today's. */
function metricsAsOfNote(asOf: string | undefined): string {
  return asOf === undefined || asOf === METRICS_AS_OF_TEXT.today ? '' : ` (metrics as of ${asOf})`;
}

/**
 * The athlete's facts of the day, the same in every universe (so they sit in the cached prefix):
 * the date, today's load and assessment, today's recommendation, recent pain, the A race.
 */
export async function loadFactsOfTheDay(
  { prisma }: LoaderDeps,
  athlete: AthleteProfile,
): Promise<ContextSection[]> {
  const today = toUtcMidnight(athlete.today);
  const [metrics, recommendation, pain, aRace] = await Promise.all([
    metricsWithAssessment(prisma, athlete.id, athlete.today, athlete.thresholds, athlete.today),
    prisma.dailyRecommendation.findUnique({
      where: { userId_date: { userId: athlete.id, date: today } },
      select: { workoutType: true },
    }),
    prisma.journalEntry.findMany({
      where: {
        userId: athlete.id,
        entryDate: { gte: toUtcMidnight(addDays(athlete.today, -(PAIN_DAYS - 1))), lte: today },
        painPercentage: { gt: 0 },
      },
      orderBy: { entryDate: 'desc' },
      select: { entryDate: true, painPercentage: true },
    }),
    prisma.raceGoal.findFirst({
      where: { userId: athlete.id, priority: 'A', raceDate: { gte: today } },
      orderBy: { raceDate: 'asc' },
    }),
  ]);
  return [
    section(
      'today',
      `${weekdayOf(athlete.today)} ${athlete.today}`,
      1,
      `Today: ${dayAndMonth(athlete.today)}`,
    ),
    section(
      'trainingState',
      // one line: this block is in every prompt
      metrics
        ? `${metrics.assessment.status}; external ACWR ${metrics.metrics.externalAcwr ?? 'none'}, internal ACWR ${metrics.metrics.internalAcwr ?? 'none'}; ${metrics.metrics.daysSinceRest} days since rest${metricsAsOfNote(metrics.metrics.asOf)}`
        : 'No metrics yet',
      1,
      metrics ? metricsLabel(metrics.metrics) : 'No metrics yet',
    ),
    section(
      'todaysWorkoutType',
      recommendation?.workoutType ?? 'No recommendation today',
      1,
      `Today's workout: ${recommendation?.workoutType ?? 'none'}`,
    ),
    listSection(
      RECENT_PAIN_KEY,
      pain.length > 0
        ? pain.map((p) => `${fromUtcMidnight(p.entryDate)}: ${p.painPercentage}%`)
        : [NO_PAIN],
      1,
      1,
      pain.length > 0
        ? pain.map(
            (p) =>
              `Journal ${dayAndMonth(fromUtcMidnight(p.entryDate))}: pain ${p.painPercentage}%`,
          )
        : [`No pain in the last ${PAIN_DAYS} days`],
    ),
    section(
      'aRace',
      aRace ? raceGoalView(aRace, athlete) : 'No A race set',
      2,
      aRace ? `A race: ${raceGoalLabel(aRace)}` : 'No A race',
    ),
  ];
}
