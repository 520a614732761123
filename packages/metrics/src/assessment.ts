import { daysBetween, isLocalDate, type LocalDate } from './calendar';
import { type DailyMetrics, MIN_HISTORY_DAYS } from './daily-metrics';
import type { Thresholds } from './thresholds';

/** Pain at or above this on two consecutive journal days calls for rest. */
export const PAIN_REST_THRESHOLD = 60;

const TRAINING_STATUSES = [
  'mandatory_rest',
  'overtraining',
  'high_acwr',
  'recovery_needed',
  'undertraining',
  'insufficient_history',
  'normal',
] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export interface Assessment {
  status: TrainingStatus;
  reasons: string[];
}

export interface PainReport {
  date: LocalDate;
  painPercentage: number | null;
}

export type AssessedMetrics = Pick<
  DailyMetrics,
  'date' | 'externalAcwr' | 'internalAcwr' | 'normalizedDivergence' | 'daysSinceRest'
>;

export interface AssessmentInput {
  today: AssessedMetrics;
  thresholds: Thresholds;
  /** Journal pain answers the caller counts as recent; the two latest on or before today are checked. */
  recentPain: readonly PainReport[];
}

// Rules compare the value the athlete sees (2 decimals), so a reason never reads "1.30 is above 1.30".
function shown(value: number): number {
  return Number(value.toFixed(2));
}

function format(value: number): string {
  return shown(value).toFixed(2);
}

/** The two latest pain answers, if they are on consecutive days and both at or above the threshold. */
function sustainedPain(
  today: LocalDate,
  reports: readonly PainReport[],
): [PainReport, PainReport] | null {
  const worstByDate = new Map<LocalDate, number>();
  for (const { date, painPercentage } of reports) {
    if (!isLocalDate(date))
      throw new RangeError(`Pain report date must be YYYY-MM-DD, got ${date}`);
    if (painPercentage === null || date > today) continue;
    worstByDate.set(date, Math.max(painPercentage, worstByDate.get(date) ?? 0));
  }
  const [previous, latest] = [...worstByDate.keys()].sort().slice(-2);
  if (previous === undefined || latest === undefined || daysBetween(previous, latest) !== 1)
    return null;
  const first = { date: previous, painPercentage: worstByDate.get(previous) ?? 0 };
  const second = { date: latest, painPercentage: worstByDate.get(latest) ?? 0 };
  return first.painPercentage >= PAIN_REST_THRESHOLD && second.painPercentage >= PAIN_REST_THRESHOLD
    ? [first, second]
    : null;
}

/**
 * Where the athlete stands today, first matching rule wins: mandatory rest, overtraining, high ACWR,
 * recovery needed, undertraining, then insufficient history or normal. Null metrics never trigger a rule.
 */
export function assessTrainingState({
  today,
  thresholds,
  recentPain,
}: AssessmentInput): Assessment {
  const { externalAcwr, internalAcwr, normalizedDivergence: divergence, daysSinceRest } = today;
  const ratios = [
    { label: 'External ACWR', value: externalAcwr },
    { label: 'Internal ACWR', value: internalAcwr },
  ];
  const highRisk = shown(thresholds.acwrHighRisk);

  const restReasons: string[] = [];
  if (daysSinceRest > thresholds.maxDaysWithoutRest) {
    restReasons.push(
      `${daysSinceRest} days in a row without a rest day, more than your maximum of ${thresholds.maxDaysWithoutRest}`,
    );
  }
  const pain = sustainedPain(today.date, recentPain);
  if (pain !== null) {
    const [first, second] = pain;
    restReasons.push(
      `Pain at ${first.painPercentage}% on ${first.date} and ${second.painPercentage}% on ${second.date}: ` +
        `two days in a row at ${PAIN_REST_THRESHOLD}% or more`,
    );
  }
  if (restReasons.length > 0) return { status: 'mandatory_rest', reasons: restReasons };

  if (divergence !== null && shown(divergence) <= shown(thresholds.divergenceOvertraining)) {
    return {
      status: 'overtraining',
      reasons: [
        `Normalized divergence ${format(divergence)} is at or below your overtraining threshold of ` +
          `${format(thresholds.divergenceOvertraining)}: internal strain is outpacing the work done`,
      ],
    };
  }

  const aboveHighRisk = ratios.filter(
    (r): r is { label: string; value: number } => r.value !== null && shown(r.value) > highRisk,
  );
  const aboveReasons = aboveHighRisk.map(
    (r) => `${r.label} ${format(r.value)} is above your high-risk threshold of ${format(highRisk)}`,
  );
  if (aboveHighRisk.length === 2) return { status: 'high_acwr', reasons: aboveReasons };

  const recoveryReasons: string[] = [];
  if (divergence !== null && shown(divergence) <= shown(thresholds.divergenceCaution)) {
    recoveryReasons.push(
      `Normalized divergence ${format(divergence)} is at or below your caution threshold of ` +
        `${format(thresholds.divergenceCaution)}: your body is working harder than the load suggests`,
    );
  }
  recoveryReasons.push(...aboveReasons);
  if (recoveryReasons.length > 0) return { status: 'recovery_needed', reasons: recoveryReasons };

  const floor = shown(thresholds.undertrainingAcwr);
  if (
    externalAcwr !== null &&
    internalAcwr !== null &&
    shown(externalAcwr) < floor &&
    shown(internalAcwr) < floor
  ) {
    return {
      status: 'undertraining',
      reasons: ratios.map(
        (r) =>
          `${r.label} ${format(r.value ?? 0)} is below your undertraining threshold of ${format(floor)}`,
      ),
    };
  }

  if (externalAcwr === null && internalAcwr === null) {
    return {
      status: 'insufficient_history',
      reasons: [
        `Not enough history for ACWR yet: it needs ${MIN_HISTORY_DAYS} days of training history and ` +
          'some load in the last 4 weeks. Daily loads are still tracked.',
      ],
    };
  }

  return {
    status: 'normal',
    reasons: ratios.map((r) => {
      if (r.value === null) return `${r.label} is not available`;
      return shown(r.value) < floor
        ? `${r.label} ${format(r.value)} is below your undertraining threshold of ${format(floor)}`
        : `${r.label} ${format(r.value)} is within your range of ${format(floor)} to ${format(highRisk)}`;
    }),
  };
}
