import { LOAD_DECIMALS, type AthleteProfile } from '@coach/athlete-data';
import type { Activity, DailyMetrics, PrismaClient } from '@coach/db';
import {
  addDays,
  dayAndMonth,
  daysBetween,
  earlierOf,
  formatActualDistance,
  formatDuration,
  formatPace,
  fromUtcMidnight,
  type LocalDate,
  mondayOf,
  roundTo,
  toUtcMidnight,
  type Units,
} from '@coach/metrics';
import {
  listSection,
  type LoaderDeps,
  noData,
  renderedSection,
  section,
  type UniverseLoad,
} from '../sections';
import { currentMetricsSection, metricsWithAssessment } from '../views';

/** Weeks the trends and flags are computed over. */
const TREND_WEEKS = 12;
/** Weeks the prompt lists, newest first: the fitness trend covers the quarter. */
const LISTED_WEEKS = 8;
/** Easy running: average heart rate between these fractions of maximum, for pace-at-heart-rate. */
const EASY_HR_BAND = [0.65, 0.78] as const;
/** Foster: weekly monotony above 2 goes with illness and staleness. */
const HIGH_MONOTONY = 2;

interface WeekTrend {
  weekStart: LocalDate;
  runs: number;
  distanceMeters: number;
  movingSeconds: number;
  externalLoad: number;
  internalLoad: number;
  longestRunMeters: number;
  easyPaceSecondsPerKm: number | null;
  endOfWeek: DailyMetrics | undefined;
}

function weeklyTrends(
  athlete: AthleteProfile,
  activities: Activity[],
  metrics: DailyMetrics[],
): WeekTrend[] {
  const firstWeek = mondayOf(addDays(athlete.today, -7 * (TREND_WEEKS - 1)));
  const metricsByDate = new Map(metrics.map((m) => [fromUtcMidnight(m.date), m]));
  return Array.from({ length: TREND_WEEKS }, (_, i) => {
    const weekStart = addDays(firstWeek, 7 * i);
    const weekEnd = earlierOf(addDays(weekStart, 6), athlete.today);
    const week = activities.filter((a) => mondayOf(fromUtcMidnight(a.localDate)) === weekStart);
    const runs = week.filter((a) => a.type.includes('run'));
    const easy = runs.filter((a) => isEasy(a, athlete.maxHeartRate));
    const easyMeters = easy.reduce((sum, a) => sum + a.distanceMeters, 0);
    return {
      weekStart,
      runs: runs.length,
      distanceMeters: runs.reduce((sum, a) => sum + a.distanceMeters, 0),
      movingSeconds: week.reduce((sum, a) => sum + a.movingTimeSeconds, 0),
      externalLoad: week.reduce((sum, a) => sum + a.externalLoad, 0),
      internalLoad: week.reduce((sum, a) => sum + a.internalLoad, 0),
      longestRunMeters: Math.max(0, ...runs.map((a) => a.distanceMeters)),
      easyPaceSecondsPerKm:
        easyMeters > 0
          ? easy.reduce((sum, a) => sum + a.movingTimeSeconds, 0) / (easyMeters / 1000)
          : null,
      endOfWeek: metricsByDate.get(weekEnd),
    };
  });
}

function isEasy(activity: Activity, maxHeartRate: number | null): boolean {
  if (activity.averageHeartRate === null || maxHeartRate === null) return false;
  const fraction = activity.averageHeartRate / maxHeartRate;
  return fraction >= EASY_HR_BAND[0] && fraction <= EASY_HR_BAND[1];
}

/** Plain-language patterns worth a coach's attention, from the weekly trends and recent days. */
function patternFlags(
  weeks: WeekTrend[],
  recent: DailyMetrics[],
  athlete: AthleteProfile,
): string[] {
  const flags: string[] = [];
  const complete = weeks.filter((w) => daysBetween(w.weekStart, athlete.today) >= 6);
  const rises = complete
    .slice(-3)
    .map((w, i, all) =>
      i === 0 ? 0 : w.distanceMeters / Math.max(1, all[i - 1]?.distanceMeters ?? 1) - 1,
    );
  if (rises.length === 3 && rises.slice(1).every((r) => r > 0.1)) {
    flags.push('Weekly distance rose by more than 10% two weeks running.');
  }
  const cautionDays = recent.filter(
    (m) =>
      m.normalizedDivergence !== null &&
      m.normalizedDivergence <= athlete.thresholds.divergenceCaution,
  ).length;
  if (cautionDays >= 4) {
    flags.push(
      `Internal strain outpaced the work done on ${cautionDays} of the last ${recent.length} days (negative divergence).`,
    );
  }
  const latest = recent[0];
  if (latest && latest.daysSinceRest > athlete.thresholds.maxDaysWithoutRest) {
    flags.push(
      `${latest.daysSinceRest} days without a rest day (your maximum is ${athlete.thresholds.maxDaysWithoutRest}).`,
    );
  }
  if (latest?.monotony && latest.monotony > HIGH_MONOTONY) {
    flags.push(
      `Training monotony is ${latest.monotony.toFixed(2)}: the days are too alike; vary hard and easy.`,
    );
  }
  const paces = complete.map((w) => w.easyPaceSecondsPerKm).filter((p): p is number => p !== null);
  if (paces.length >= 8) {
    const early = average(paces.slice(0, 4));
    const late = average(paces.slice(-4));
    const change = (early - late) / early;
    if (change > 0.02)
      flags.push(
        `Easy pace at the same heart rate improved by ${(change * 100).toFixed(1)}% over the period: aerobic fitness is building.`,
      );
    if (change < -0.02)
      flags.push(
        `Easy pace at the same heart rate slowed by ${(-change * 100).toFixed(1)}%: fatigue, heat or illness may be at play.`,
      );
  }
  const lastWeek = complete.at(-1);
  if (
    lastWeek &&
    lastWeek.distanceMeters > 0 &&
    lastWeek.longestRunMeters / lastWeek.distanceMeters > 0.35
  ) {
    flags.push('The long run was over 35% of last week’s distance.');
  }
  return flags;
}

/** Fitness as chronic (28-day) load, now against a month and a quarter ago. */
const FITNESS_TREND_DAYS_AGO = { now: 0, 'a month ago': 28, 'a quarter ago': 91 } as const;

/** Chronic load on each day of FITNESS_TREND_DAYS_AGO (or the latest day before it), as the page rounds it. */
async function fitnessTrend(prisma: PrismaClient, athlete: AthleteProfile) {
  const points = await Promise.all(
    Object.entries(FITNESS_TREND_DAYS_AGO).map(async ([when, daysAgo]) => {
      const row = await prisma.dailyMetrics.findFirst({
        where: {
          userId: athlete.id,
          date: { lte: toUtcMidnight(addDays(athlete.today, -daysAgo)) },
        },
        orderBy: { date: 'desc' },
        select: { date: true, externalChronicLoad: true, internalChronicLoad: true },
      });
      return `${when} ${
        row
          ? `${roundTo(row.externalChronicLoad, LOAD_DECIMALS)} external, ${roundTo(row.internalChronicLoad, LOAD_DECIMALS)} internal (on ${fromUtcMidnight(row.date)})`
          : 'no metrics yet'
      }`;
    }),
  );
  return points.join('; ');
}

/** Says how the week lines give load and ACWR, once above them rather than on each line. */
const WEEK_LINES_LEGEND = 'load and ACWR as external/internal';

/**
 * A week of the trend on one line (a line costs far fewer tokens than a block of labelled fields;
 * there are eight, so every word counts): "week of 2026-11-23: 5 runs, 42.1 km in 4:02:11, load
 * 40.2/310, ACWR 0.99/1.15, easy pace 5:40/km" (WEEK_LINES_LEGEND).
 */
function weekLine(week: WeekTrend, units: Units): string {
  const { endOfWeek } = week;
  return [
    `week of ${week.weekStart}: ${week.runs} runs, ${formatActualDistance(week.distanceMeters, units)} in ${formatDuration(week.movingSeconds)}`,
    `load ${week.externalLoad.toFixed(1)}/${Math.round(week.internalLoad)}`,
    endOfWeek?.externalAcwr != null && endOfWeek.internalAcwr != null
      ? `ACWR ${endOfWeek.externalAcwr.toFixed(2)}/${endOfWeek.internalAcwr.toFixed(2)}`
      : '',
    week.easyPaceSecondsPerKm === null
      ? ''
      : `easy pace ${formatPace(week.easyPaceSecondsPerKm, units)}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function average(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Recent training, the fitness trend (chronic load now, a month and a quarter ago), the last 8 weeks' volume, load, both ACWRs and pace at heart rate, and flags from the last 12. */
export async function loadProgressContext(
  { prisma }: LoaderDeps,
  athlete: AthleteProfile,
): Promise<UniverseLoad> {
  const since = toUtcMidnight(mondayOf(addDays(athlete.today, -7 * (TREND_WEEKS - 1))));
  const until = toUtcMidnight(athlete.today);
  const [activities, metrics, current, trend] = await Promise.all([
    prisma.activity.findMany({
      where: { userId: athlete.id, localDate: { gte: since, lte: until } },
      orderBy: { startTime: 'asc' },
    }),
    prisma.dailyMetrics.findMany({
      where: { userId: athlete.id, date: { gte: since, lte: until } },
      orderBy: { date: 'desc' },
    }),
    metricsWithAssessment(prisma, athlete.id, athlete.today, athlete.thresholds, athlete.today),
    fitnessTrend(prisma, athlete),
  ]);
  if (activities.length === 0) {
    return noData(
      'No activities in the last 12 weeks yet: log some training to see your progress.',
    );
  }

  const weeks = weeklyTrends(athlete, activities, metrics);
  const last28 = activities.filter(
    (a) => daysBetween(fromUtcMidnight(a.localDate), athlete.today) < 28,
  );
  const runs28 = last28.filter((a) => a.type.includes('run'));
  const units = athlete.units;
  return {
    status: 'ok',
    sections: [
      renderedSection(
        'lastFourWeeks',
        {
          activities: last28.length,
          runs: runs28.length,
          runningDistance: formatActualDistance(
            runs28.reduce((s, a) => s + a.distanceMeters, 0),
            units,
          ),
          totalTime: formatDuration(last28.reduce((s, a) => s + a.movingTimeSeconds, 0)),
          longestRun: formatActualDistance(
            Math.max(0, ...runs28.map((a) => a.distanceMeters)),
            units,
          ),
        },
        1,
        `Last 4 weeks: ${formatActualDistance(
          runs28.reduce((s, a) => s + a.distanceMeters, 0),
          units,
        )} of running`,
        (weeks) =>
          `${weeks.activities} activities, ${weeks.runs} of them runs: ${weeks.runningDistance} of running, ${weeks.totalTime} in all, longest run ${weeks.longestRun}`,
      ),
      currentMetricsSection(current, 1),
      section('fitnessTrendChronicLoad', trend, 1, `Fitness trend · ${dayAndMonth(athlete.today)}`),
      section(
        'patternFlags',
        patternFlags(weeks, metrics.slice(0, 7), athlete),
        1,
        'Patterns in your training',
      ),
      {
        ...listSection(
          'weeklyTrendsNewestFirst',
          weeks
            .slice(-LISTED_WEEKS)
            .reverse()
            .map((w) => weekLine(w, units)),
          2,
          4,
        ),
        render: (lines) =>
          [`(${WEEK_LINES_LEGEND})`, ...(lines as string[]).map((line) => `- ${line}`)].join('\n'),
      },
    ],
  };
}
