import {
  DIVERGENCE_DECIMALS,
  LOAD_DECIMALS,
  type MetricsAsOf,
  metricsAsOf,
  RATIO_DECIMALS,
  readAssessedMetrics,
} from '@coach/athlete-data';
import type { DailyMetrics, JournalEntry, PrismaClient } from '@coach/db';
import {
  type Assessment,
  dayAndMonth,
  fromUtcMidnight,
  type LocalDate,
  roundTo,
  type Thresholds,
} from '@coach/metrics';
import { athleteText } from '@coach/prompts';
import { type ContextSection, renderedSection, section } from './sections';

// Plain, rounded views of stored rows: what the prompt shows, in the athlete's terms, rounded as
// the page rounds them.

export function metricsView(row: DailyMetrics) {
  return {
    date: fromUtcMidnight(row.date),
    externalAcwr: roundTo(row.externalAcwr, RATIO_DECIMALS),
    internalAcwr: roundTo(row.internalAcwr, RATIO_DECIMALS),
    normalizedDivergence: roundTo(row.normalizedDivergence, DIVERGENCE_DECIMALS),
    daysSinceRest: row.daysSinceRest,
    externalAcuteLoad: roundTo(row.externalAcuteLoad, LOAD_DECIMALS),
    externalChronicLoad: roundTo(row.externalChronicLoad, LOAD_DECIMALS),
    internalAcuteLoad: roundTo(row.internalAcuteLoad, LOAD_DECIMALS),
    internalChronicLoad: roundTo(row.internalChronicLoad, LOAD_DECIMALS),
    monotony: roundTo(row.monotony, RATIO_DECIMALS),
  };
}

/** "ACWR 1.15 · 26 Nov": the external ratio of the day's metrics, as a fact's label. */
export function metricsLabel(metrics: ReturnType<typeof metricsView>): string {
  return `ACWR ${metrics.externalAcwr ?? 'none'} · ${dayAndMonth(metrics.date)}`;
}

/** "Journal 25 Nov: energy 3/5, pain 20%": a journal day as a fact's label. */
export function journalLabel(entry: JournalEntry): string {
  const parts = [
    entry.energyLevel === null ? '' : `energy ${entry.energyLevel}/5`,
    entry.painPercentage ? `pain ${entry.painPercentage}%` : '',
  ].filter(Boolean);
  const date = dayAndMonth(fromUtcMidnight(entry.entryDate));
  return parts.length > 0 ? `Journal ${date}: ${parts.join(', ')}` : `Journal ${date}`;
}

/**
 * A journal day on one line, "2026-11-25: energy 4/5, RPE 3/10, pain 0%" (what was not recorded
 * left out), then its notes, fenced: a line of fields costs far fewer tokens than a block of
 * labelled ones.
 */
export function journalView(entry: JournalEntry) {
  const fields = [
    entry.energyLevel === null ? '' : `energy ${entry.energyLevel}/5`,
    entry.rpeScore === null ? '' : `RPE ${entry.rpeScore}/10`,
    entry.painPercentage === null ? '' : `pain ${entry.painPercentage}%`,
  ].filter(Boolean);
  const line = `${fromUtcMidnight(entry.entryDate)}: ${fields.join(', ') || 'nothing recorded'}`;
  return entry.notes ? [`${line}, notes:`, athleteText(entry.notes)] : line;
}

/**
 * A day's metrics on one line: "2026-11-25: external ACWR 1.19, internal ACWR 1.3; divergence
 * -0.088; 2 days since rest; acute load 6.5 external, 97.9 internal; chronic load 5.4 external,
 * 75.1 internal; monotony 1.1".
 */
export function metricsLine(metrics: ReturnType<typeof metricsView>): string {
  const pair = (external: number | null, internal: number | null) =>
    `${external ?? 'none'} external, ${internal ?? 'none'} internal`;
  return [
    `${metrics.date}: external ACWR ${metrics.externalAcwr ?? 'none'}, internal ACWR ${metrics.internalAcwr ?? 'none'}`,
    `divergence ${metrics.normalizedDivergence ?? 'none'}`,
    `${metrics.daysSinceRest} days since rest`,
    `acute load ${pair(metrics.externalAcuteLoad, metrics.internalAcuteLoad)}`,
    `chronic load ${pair(metrics.externalChronicLoad, metrics.internalChronicLoad)}`,
    `monotony ${metrics.monotony ?? 'none'}`,
  ].join('; ');
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

/**
 * The current metrics with their assessment (status and reasons), shown on one line: "Current
 * Metrics: 2026-11-25: external ACWR 1.19, …; status recovery_needed; <reason>". A reason that
 * `quotedIn` already holds (today's rationale) is not repeated in the prompt.
 */
export function currentMetricsSection(
  assessed: Awaited<ReturnType<typeof metricsWithAssessment>>,
  priority: 1 | 2,
  quotedIn = '',
): ContextSection {
  if (!assessed) return section('currentMetrics', 'No metrics yet', priority, 'No metrics yet');
  const { metrics, assessment } = assessed;
  return renderedSection(
    'currentMetrics',
    { ...metrics, status: assessment.status, reasons: assessment.reasons },
    priority,
    metricsLabel(metrics),
    (value) =>
      [
        metricsLine(value),
        `status ${value.status}`,
        ...value.reasons.filter((reason) => !quotedIn.includes(reason)),
      ].join('; '),
  );
}
