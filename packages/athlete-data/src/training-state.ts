import type { DailyMetrics as DailyMetricsRow, DbClient, Prisma } from '@coach/db';
import {
  ACWR_DANGER_ZONE,
  ACWR_OPTIMAL_ZONE,
  type Assessment,
  addDays,
  assessTrainingState,
  daysBetween,
  fromUtcMidnight,
  type LocalDate,
  type RiskTolerance,
  roundTo,
  type Thresholds,
  type TrainingStatus,
  toUtcMidnight,
} from '@coach/metrics';
import { loadAthleteProfile } from './athlete';

// Rounding of what the page shows (the stored rows keep full precision):
// ratios (ACWR, EWMA ACWR) to 2 decimals, the precision the assessment compares them at;
// normalized divergence to 3 decimals (its thresholds sit 0.02 to 0.05 apart);
// loads (daily, acute, chronic) to 1 decimal.
export const RATIO_DECIMALS = 2;
export const DIVERGENCE_DECIMALS = 3;
export const LOAD_DECIMALS = 1;

/** Journal answers from today and the two days before count as recent pain for the assessment. */
const RECENT_PAIN_DAYS = 3;

/** The ACWR chart's range of days: the API's input schema and getAcwrSeries share it. */
export const MIN_SERIES_DAYS = 7;
export const MAX_SERIES_DAYS = 365;
export const DEFAULT_SERIES_DAYS = 90;

const ACWR_DISCLAIMER =
  'ACWR is a guide to how fast your load is changing, not an injury prediction or a diagnosis.';

/** One plain-language sentence per training status. */
export const STATUS_TEXT: Readonly<Record<TrainingStatus, string>> = Object.freeze({
  mandatory_rest: 'Time for a rest day.',
  overtraining: 'Your body is struggling with the load: back off and recover.',
  high_acwr: 'Your load has jumped sharply: ease off for a few days.',
  recovery_needed: 'Take it easy: your body needs some recovery.',
  undertraining: 'Your load is falling away: there is room to build.',
  insufficient_history: 'Keep logging: ratios need four weeks of training history.',
  normal: 'Load is in your optimal range.',
});

/**
 * Which day the metrics shown are of, seen from the athlete's today: today once it has an activity,
 * yesterday (the last complete day) before that, or an earlier day when nothing is stored since.
 */
export type MetricsAsOf = 'today' | 'yesterday' | 'earlier';

export function metricsAsOf(metricsDate: LocalDate, today: LocalDate): MetricsAsOf {
  if (metricsDate >= today) return 'today';
  return metricsDate === addDays(today, -1) ? 'yesterday' : 'earlier';
}

/** The training state: the ratios and loads of a point of the chart (`date`: see asOf), and more. */
export interface CurrentMetrics extends AcwrPoint {
  /** the day the metrics are of: today only once today has an activity */
  asOf: MetricsAsOf;
  /** true when the metrics are today's (asOf is 'today') */
  upToDate: boolean;
  daysSinceRest: number;
  externalAcuteLoad: number;
  externalChronicLoad: number;
  internalAcuteLoad: number;
  internalChronicLoad: number;
  riskTolerance: RiskTolerance;
  thresholds: Thresholds;
  optimalZone: { min: number; max: number };
  dangerZone: number;
  assessment: Assessment;
  statusText: string;
  disclaimer: string;
  /** days of training history up to `date`, first activity and `date` included (ratios need 28) */
  historyDays: number;
}

export interface AcwrPoint {
  date: LocalDate;
  externalAcwr: number | null;
  internalAcwr: number | null;
  externalAcwrEwma: number | null;
  internalAcwrEwma: number | null;
  normalizedDivergence: number | null;
  externalLoad: number;
  internalLoad: number;
}

function load(value: number): number {
  return Number(value.toFixed(LOAD_DECIMALS));
}

/** The columns of a point of the ACWR chart, which the current metrics show too. */
const acwrPointSelect = {
  date: true,
  externalAcwr: true,
  internalAcwr: true,
  externalAcwrEwma: true,
  internalAcwrEwma: true,
  normalizedDivergence: true,
  externalLoad: true,
  internalLoad: true,
} as const satisfies Prisma.DailyMetricsSelect;

/** A metrics row's ratios and loads, rounded as the page shows them. */
function acwrPointOf(
  row: Prisma.DailyMetricsGetPayload<{ select: typeof acwrPointSelect }>,
): AcwrPoint {
  return {
    date: fromUtcMidnight(row.date),
    externalAcwr: roundTo(row.externalAcwr, RATIO_DECIMALS),
    internalAcwr: roundTo(row.internalAcwr, RATIO_DECIMALS),
    externalAcwrEwma: roundTo(row.externalAcwrEwma, RATIO_DECIMALS),
    internalAcwrEwma: roundTo(row.internalAcwrEwma, RATIO_DECIMALS),
    normalizedDivergence: roundTo(row.normalizedDivergence, DIVERGENCE_DECIMALS),
    externalLoad: load(row.externalLoad),
    internalLoad: load(row.internalLoad),
  };
}

export interface AssessedMetricsRow {
  /** the stored metrics the assessment rests on (see readAssessedMetrics for which day's) */
  row: DailyMetricsRow;
  assessment: Assessment;
}

/**
 * The one read of metrics plus assessment that the page, the chat context and the coaching engines
 * share: the stored metrics of `date` (or of the latest day before it), assessed against the
 * thresholds with the pain answers of `date` and the RECENT_PAIN_DAYS − 1 days before it. Pain is
 * checked up to `date` even when the latest metrics row is older; older pain is not recent.
 *
 * Today while it is still going on: when `date` is the athlete's `today` and nothing is recorded
 * on it yet, its row (a day of zero load so far) is not used: the metrics are the last complete
 * day's, yesterday's, until today's first activity (see @coach/metrics' README).
 * Null when no metrics are stored yet.
 */
export async function readAssessedMetrics(
  prisma: DbClient,
  userId: number,
  date: LocalDate,
  thresholds: Thresholds,
  today: LocalDate,
): Promise<AssessedMetricsRow | null> {
  const inProgress =
    date >= today &&
    (await prisma.activity.findFirst({
      where: { userId, localDate: toUtcMidnight(date) },
      select: { id: true },
    })) === null;
  const [row, pain] = await Promise.all([
    prisma.dailyMetrics.findFirst({
      where: { userId, date: { lte: toUtcMidnight(inProgress ? addDays(date, -1) : date) } },
      orderBy: { date: 'desc' },
    }),
    prisma.journalEntry.findMany({
      where: {
        userId,
        entryDate: {
          gte: toUtcMidnight(addDays(date, 1 - RECENT_PAIN_DAYS)),
          lte: toUtcMidnight(date),
        },
        painPercentage: { not: null },
      },
      orderBy: { entryDate: 'desc' },
      select: { entryDate: true, painPercentage: true },
    }),
  ]);
  if (!row) return null;
  // Assessed on the stored (unrounded) values; the assessment rounds to 2 decimals itself.
  const assessment = assessTrainingState({
    today: {
      date,
      externalAcwr: row.externalAcwr,
      internalAcwr: row.internalAcwr,
      normalizedDivergence: row.normalizedDivergence,
      daysSinceRest: row.daysSinceRest,
    },
    thresholds,
    recentPain: pain.map((entry) => ({
      date: fromUtcMidnight(entry.entryDate),
      painPercentage: entry.painPercentage,
    })),
  });
  return { row, assessment };
}

/**
 * The athlete's training state: the stored daily metrics of today (or of the latest day before it),
 * rounded for display, assessed against their thresholds. Null when no metrics are stored yet.
 */
export async function getCurrentMetrics(
  prisma: DbClient,
  userId: number,
  now: Date = new Date(),
): Promise<CurrentMetrics | null> {
  const athlete = await loadAthleteProfile(prisma, userId, now);
  const [assessed, first] = await Promise.all([
    readAssessedMetrics(prisma, userId, athlete.today, athlete.thresholds, athlete.today),
    prisma.activity.findFirst({
      where: { userId },
      orderBy: { localDate: 'asc' },
      select: { localDate: true },
    }),
  ]);
  if (!assessed) return null;
  const { row, assessment } = assessed;

  const point = acwrPointOf(row);
  const firstDate = first ? fromUtcMidnight(first.localDate) : null;

  const asOf = metricsAsOf(point.date, athlete.today);
  return {
    ...point,
    asOf,
    upToDate: asOf === 'today',
    daysSinceRest: row.daysSinceRest,
    externalAcuteLoad: load(row.externalAcuteLoad),
    externalChronicLoad: load(row.externalChronicLoad),
    internalAcuteLoad: load(row.internalAcuteLoad),
    internalChronicLoad: load(row.internalChronicLoad),
    riskTolerance: athlete.riskTolerance,
    thresholds: { ...athlete.thresholds },
    optimalZone: { min: ACWR_OPTIMAL_ZONE.min, max: ACWR_OPTIMAL_ZONE.max },
    dangerZone: ACWR_DANGER_ZONE,
    assessment,
    statusText: STATUS_TEXT[assessment.status],
    disclaimer: ACWR_DISCLAIMER,
    historyDays: firstDate === null ? 0 : Math.max(0, daysBetween(firstDate, point.date) + 1),
  };
}

/**
 * The last `days` days of ratios and loads, oldest first, ending today in the athlete's timezone.
 * Days without a stored metrics row are left out. Rounded as getCurrentMetrics.
 */
export async function getAcwrSeries(
  prisma: DbClient,
  userId: number,
  days: number = DEFAULT_SERIES_DAYS,
  now: Date = new Date(),
): Promise<AcwrPoint[]> {
  if (!Number.isInteger(days) || days < MIN_SERIES_DAYS || days > MAX_SERIES_DAYS) {
    throw new RangeError(
      `days must be a whole number from ${MIN_SERIES_DAYS} to ${MAX_SERIES_DAYS}, got ${days}`,
    );
  }
  const athlete = await loadAthleteProfile(prisma, userId, now);
  const rows = await prisma.dailyMetrics.findMany({
    where: {
      userId,
      date: {
        gte: toUtcMidnight(addDays(athlete.today, 1 - days)),
        lte: toUtcMidnight(athlete.today),
      },
    },
    orderBy: { date: 'asc' },
    select: acwrPointSelect,
  });
  return rows.map(acwrPointOf);
}
