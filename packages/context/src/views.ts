import type { DailyMetrics, JournalEntry, PrismaClient } from '@coach/db';
import {
  type Assessment,
  assessTrainingState,
  fromUtcMidnight,
  type LocalDate,
  roundTo,
  type Thresholds,
  toUtcMidnight,
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

/** The athlete's metrics on `date` (or the latest before it), with the assessment against their thresholds. */
export async function metricsWithAssessment(
  prisma: PrismaClient,
  userId: number,
  date: LocalDate,
  thresholds: Thresholds,
): Promise<{ metrics: ReturnType<typeof metricsView>; assessment: Assessment } | null> {
  const [row, pain] = await Promise.all([
    prisma.dailyMetrics.findFirst({
      where: { userId, date: { lte: toUtcMidnight(date) } },
      orderBy: { date: 'desc' },
    }),
    prisma.journalEntry.findMany({
      where: { userId, entryDate: { lte: toUtcMidnight(date) } },
      orderBy: { entryDate: 'desc' },
      take: 2,
      select: { entryDate: true, painPercentage: true },
    }),
  ]);
  if (!row) return null;
  const assessment = assessTrainingState({
    today: { ...row, date: fromUtcMidnight(row.date) },
    thresholds,
    recentPain: pain.map((p) => ({
      date: fromUtcMidnight(p.entryDate),
      painPercentage: p.painPercentage,
    })),
  });
  return { metrics: metricsView(row), assessment };
}
