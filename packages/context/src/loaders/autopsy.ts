import type { AthleteProfile } from '@coach/athlete-data';
import { dayAndMonth, fromUtcMidnight, toUtcMidnight } from '@coach/metrics';
import { listSection, type LoaderDeps, noData, section, type UniverseLoad } from '../sections';
import {
  journalLabel,
  journalView,
  metricsLabel,
  metricsLine,
  metricsWithAssessment,
} from '../views';

/** The latest workout autopsy, with that day's journal and metrics, and the recent alignment trend. */
export async function loadAutopsyContext(
  { prisma }: LoaderDeps,
  athlete: AthleteProfile,
): Promise<UniverseLoad> {
  const recent = await prisma.autopsy.findMany({
    where: { userId: athlete.id, date: { lte: toUtcMidnight(athlete.today) } },
    orderBy: { date: 'desc' },
    take: 7,
  });
  const latest = recent[0];
  if (!latest) {
    return noData(
      'No autopsy data available yet. Complete a workout and check back tomorrow for AI analysis.',
    );
  }
  const date = fromUtcMidnight(latest.date);
  const [journal, metrics] = await Promise.all([
    prisma.journalEntry.findUnique({
      where: { userId_entryDate: { userId: athlete.id, entryDate: latest.date } },
    }),
    metricsWithAssessment(prisma, athlete.id, date, athlete.thresholds, athlete.today),
  ]);
  return {
    status: 'ok',
    sections: [
      section(
        'latestAutopsy',
        {
          date,
          alignmentScore: `${latest.alignmentScore}/10`,
          prescribedAction: latest.prescribedAction,
          actualActivities: latest.actualActivities,
          analysis: latest.autopsyAnalysis,
        },
        1,
        `Autopsy ${dayAndMonth(date)}: ${latest.alignmentScore}/10`,
      ),
      section(
        'observationsThatDay',
        journal ? journalView(journal) : 'No journal entry that day',
        2,
        journal ? journalLabel(journal) : `No journal ${dayAndMonth(date)}`,
      ),
      section(
        'metricsAtTime',
        metrics ? metricsLine(metrics.metrics) : 'No metrics for that day',
        2,
        metrics ? metricsLabel(metrics.metrics) : `No metrics ${dayAndMonth(date)}`,
      ),
      // One fact for the week's scores: a trend is read as a whole, and a fact per day repeats its label.
      {
        ...listSection(
          'recentAlignmentScores',
          recent.map((a) => `${fromUtcMidnight(a.date)}: ${a.alignmentScore}/10`),
          3,
        ),
        label: `Alignment scores since ${dayAndMonth(fromUtcMidnight(recent.at(-1)?.date ?? latest.date))}`,
      },
    ],
  };
}
