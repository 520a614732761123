import { readAssessedMetrics } from '@coach/athlete-data';
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

/** The athlete's metrics on `date` (or the latest before it), assessed as the page assesses them. */
export async function metricsWithAssessment(
  prisma: PrismaClient,
  userId: number,
  date: LocalDate,
  thresholds: Thresholds,
): Promise<{ metrics: ReturnType<typeof metricsView>; assessment: Assessment } | null> {
  const assessed = await readAssessedMetrics(prisma, userId, date, thresholds);
  return assessed ? { metrics: metricsView(assessed.row), assessment: assessed.assessment } : null;
}
