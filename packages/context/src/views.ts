import { type MetricsAsOf, metricsAsOf, readAssessedMetrics } from '@coach/athlete-data';
import type { DailyMetrics, JournalEntry, PrismaClient } from '@coach/db';
import {
  type Assessment,
  fromUtcMidnight,
  type LocalDate,
  roundTo,
  type Thresholds,
} from '@coach/metrics';
import { athleteText } from '@coach/prompts';

// Plain, rounded views of stored rows: what the prompt shows, in the athlete's terms.

export function metricsView(row: DailyMetrics) {
  return {
    date: fromUtcMidnight(row.date),
    externalAcwr: roundTo(row.externalAcwr, 2),
    internalAcwr: roundTo(row.internalAcwr, 2),
    normalizedDivergence: roundTo(row.normalizedDivergence, 3),
    daysSinceRest: row.daysSinceRest,
    externalAcuteLoad: roundTo(row.externalAcuteLoad, 1),
    externalChronicLoad: roundTo(row.externalChronicLoad, 1),
    internalAcuteLoad: roundTo(row.internalAcuteLoad, 1),
    internalChronicLoad: roundTo(row.internalChronicLoad, 1),
    monotony: roundTo(row.monotony, 2),
  };
}

export function journalView(entry: JournalEntry) {
  return {
    date: fromUtcMidnight(entry.entryDate),
    energyLevel: entry.energyLevel === null ? null : `${entry.energyLevel}/5`,
    rpeScore: entry.rpeScore === null ? null : `${entry.rpeScore}/10`,
    painPercentage: entry.painPercentage === null ? null : `${entry.painPercentage}%`,
    notes: entry.notes ? athleteText(entry.notes) : null,
  };
}

/** How the prompt says which day the current metrics are of (the page says the same). */
export const METRICS_AS_OF_TEXT: Readonly<Record<MetricsAsOf, string>> = Object.freeze({
  today: 'today',
  yesterday: 'yesterday: today has no activity yet, so it counts from its first activity',
  earlier: 'the latest day with metrics: nothing recorded since',
});

/**
 * The athlete's metrics on `date` (or the latest before it), assessed as the page assesses them.
 * For today, they say which day they are of (`asOf`): yesterday's until today has an activity.
 */
export async function metricsWithAssessment(
  prisma: PrismaClient,
  userId: number,
  date: LocalDate,
  thresholds: Thresholds,
  today: LocalDate,
): Promise<{
  metrics: ReturnType<typeof metricsView> & { asOf?: string };
  assessment: Assessment;
} | null> {
  const assessed = await readAssessedMetrics(prisma, userId, date, thresholds, today);
  if (!assessed) return null;
  const view = metricsView(assessed.row);
  const asOf = date === today ? METRICS_AS_OF_TEXT[metricsAsOf(view.date, today)] : undefined;
  return {
    metrics: asOf === undefined ? view : { asOf, ...view },
    assessment: assessed.assessment,
  };
}
