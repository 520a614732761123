import type { DailyMetrics, JournalEntry, PrismaClient } from '@coach/db';
import {
  type Assessment,
  assessTrainingState,
  fromUtcMidnight,
  type LocalDate,
  type Thresholds,
  toUtcMidnight,
} from '@coach/metrics';
import { athleteText } from '@coach/prompts';

// Plain, rounded views of stored rows: what the prompt shows, in the athlete's terms.

function round(value: number | null, digits: number): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}

export function metricsView(row: DailyMetrics) {
  return {
    date: fromUtcMidnight(row.date),
    externalAcwr: round(row.externalAcwr, 2),
    internalAcwr: round(row.internalAcwr, 2),
    normalizedDivergence: round(row.normalizedDivergence, 3),
    daysSinceRest: row.daysSinceRest,
    externalAcuteLoad: round(row.externalAcuteLoad, 1),
    externalChronicLoad: round(row.externalChronicLoad, 1),
    internalAcuteLoad: round(row.internalAcuteLoad, 1),
    internalChronicLoad: round(row.internalChronicLoad, 1),
    monotony: round(row.monotony, 2),
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
