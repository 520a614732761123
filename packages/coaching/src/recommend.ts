import {
  type AssessedMetrics,
  type Assessment,
  addDays,
  daysBetween,
  type LocalDate,
  PAIN_REST_THRESHOLD,
  type Thresholds,
  type TrainingStatus,
  type Units,
} from '@coach/metrics';
import type { HeartRateRange, PaceRange, Paces } from './paces';
import { makeSession } from './sessions';
import { HARD_KINDS, type PlannedSession, type SessionKind, type WorkoutType } from './types';

/** Pain at or above this (today or yesterday) swaps running for cross-training. */
export const PAIN_CROSS_TRAINING_THRESHOLD = 40;
/** Energy at or below this (1–5 scale) turns a hard session easy. */
const LOW_ENERGY_MAX = 2;
/** Statuses that call for backing off: no hard session, a short recovery run at most. */
export const BACK_OFF_STATUSES: ReadonlySet<TrainingStatus> = new Set([
  'overtraining',
  'high_acwr',
]);
/** Easy instead of hard when the body needs recovery, low energy, or after a hard day. */
const EASY_SHARE = 0.7;
const EASY_CAP_KM = 10;
/** A back-off recovery run: half the planned distance, at most this. */
const RECOVERY_CAP_KM = 6;
/** Without a plan: an easy run of this long. */
const UNPLANNED_EASY_MINUTES = 35;
/** A current injury that started this many days ago or less (today counts as 0) means rest. */
const INJURY_REST_DAYS = 2;

export interface JournalDay {
  date: LocalDate;
  energyLevel: number | null;
  painPercentage: number | null;
}

/** An injury the athlete keeps in their memory and has not marked resolved. */
export interface CurrentInjury {
  /** the athlete's own words ("left calf tight"); kept out of the rationale (see injuryFlag) */
  text: string;
  /** the local day it started, when the athlete said */
  since: LocalDate | null;
}

interface RecentDay {
  date: LocalDate;
  /** what was planned or recommended that day */
  plannedKind: SessionKind | null;
  /** running km done that day */
  distanceKm: number;
}

export interface RecommendationInput {
  date: LocalDate;
  /** today's session in the plan; null without a plan */
  planned: PlannedSession | null;
  /** the metrics the assessment rests on: as of yesterday, the last complete day */
  metrics: AssessedMetrics;
  /** `assessTrainingState` of those metrics: the same assessment the page shows */
  assessment: Assessment;
  thresholds: Thresholds;
  /** recent journal entries; today's and yesterday's are read */
  journal: readonly JournalDay[];
  /** the last days, yesterday included */
  lastDays: readonly RecentDay[];
  paces: Paces;
  units?: Units;
  /** the athlete's current injuries (resolved ones are left out); none when absent */
  injuries?: readonly CurrentInjury[];
}

export interface Recommendation {
  date: LocalDate;
  workoutType: WorkoutType;
  kind: SessionKind;
  prescribedWorkout: string;
  distanceMeters: number;
  minutes: number;
  pace: PaceRange | null;
  heartRate: HeartRateRange | null;
  rationale: string;
  /** true when the planned session was changed; `rationale` says why */
  changed: boolean;
  planned: PlannedSession | null;
  /** what the recommendation rests on, for daily_recommendations.metrics_snapshot */
  metricsSnapshot: AssessedMetrics & { status: TrainingStatus };
}

const two = (value: number) => value.toFixed(2);
/** Ends `text` with a full stop unless it has one (an assessment reason may). */
const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The numbers the day rests on, in one sentence. */
function numbersSentence(input: RecommendationInput): string {
  const { metrics, thresholds } = input;
  const parts: string[] = [];
  const ratios: string[] = [];
  if (metrics.externalAcwr !== null) ratios.push(`external ACWR ${two(metrics.externalAcwr)}`);
  if (metrics.internalAcwr !== null) ratios.push(`internal ACWR ${two(metrics.internalAcwr)}`);
  if (ratios.length > 0) {
    parts.push(
      `${ratios.join(' and ')} (your range ${two(thresholds.undertrainingAcwr)}–${two(thresholds.acwrHighRisk)})`,
    );
  }
  if (metrics.normalizedDivergence !== null) {
    parts.push(`divergence ${metrics.normalizedDivergence.toFixed(3)}`);
  }
  parts.push(
    `${metrics.daysSinceRest} day${metrics.daysSinceRest === 1 ? '' : 's'} since rest (max ${thresholds.maxDaysWithoutRest})`,
  );
  return `As of ${metrics.date}: ${parts.join(', ')}.`;
}

/** The worst pain and lowest energy logged today or yesterday. */
function journalFlags(date: LocalDate, journal: readonly JournalDay[]) {
  const recent = journal.filter((j) => j.date === date || j.date === addDays(date, -1));
  let pain: JournalDay | null = null;
  let energy: JournalDay | null = null;
  for (const entry of recent) {
    if (entry.painPercentage !== null && entry.painPercentage > (pain?.painPercentage ?? -1)) {
      pain = entry;
    }
    if (entry.energyLevel !== null && entry.energyLevel < (energy?.energyLevel ?? 99)) {
      energy = entry;
    }
  }
  return { pain, energy };
}

/**
 * The current injury that weighs most (the latest started; undated ones last). The reason names
 * it by its start day, not its words: the rationale reaches the prompt as engine text, and the
 * athlete's own words go there only fenced (the prompt's memory section carries them).
 */
function injuryFlag(date: LocalDate, injuries: readonly CurrentInjury[]) {
  const latest = [...injuries].sort((a, b) => (b.since ?? '').localeCompare(a.since ?? ''))[0];
  if (!latest) return null;
  const which = latest.since ? `the injury you noted since ${latest.since}` : 'an injury you noted';
  return {
    recent: latest.since !== null && daysBetween(latest.since, date) <= INJURY_REST_DAYS,
    reason: `${which} is current (in what your coach knows); mark it resolved there once it has healed`,
  };
}

interface Decision {
  kind: SessionKind;
  km: number;
  reason: string;
}

/**
 * Today's session: the planned one unless a rule changes it, first that applies: mandatory rest,
 * pain (rest at 60, cross-training at 40), a current injury started in the last INJURY_REST_DAYS
 * (rest), days without rest at the maximum, a back-off status (recovery run), an older current
 * injury, recovery needed, low energy or a hard day yesterday (easy instead of hard).
 * It never prescribes a hard session against a back-off or rest.
 */
export function recommendToday(input: RecommendationInput): Recommendation {
  const { date, planned, assessment, metrics, thresholds, paces } = input;
  const units = input.units ?? 'metric';
  const plannedKind: SessionKind = planned?.kind ?? 'easy';
  const plannedKm = planned
    ? planned.plannedDistanceMeters / 1000
    : Math.round((UNPLANNED_EASY_MINUTES * 60 * 2) / (paces.pace.easy.fast + paces.pace.easy.slow));
  const hard = HARD_KINDS.has(plannedKind);
  const { pain, energy } = journalFlags(date, input.journal);
  const injury = injuryFlag(date, input.injuries ?? []);
  const yesterday = input.lastDays.find((d) => d.date === addDays(date, -1)) ?? null;
  const yesterdayHard =
    yesterday !== null &&
    yesterday.plannedKind !== null &&
    HARD_KINDS.has(yesterday.plannedKind) &&
    yesterday.distanceKm > 0;
  const status = assessment.status;
  const reasons = assessment.reasons.join('; ');
  const easyKm = Math.min(plannedKm * EASY_SHARE, EASY_CAP_KM);

  let decision: Decision | null = null;
  if (status === 'mandatory_rest') {
    decision = { kind: 'rest', km: 0, reason: `your assessment calls for rest: ${reasons}` };
  } else if (pain && (pain.painPercentage ?? 0) >= PAIN_REST_THRESHOLD) {
    decision = {
      kind: 'rest',
      km: 0,
      reason: `you logged pain at ${pain.painPercentage}% on ${pain.date}, at or above ${PAIN_REST_THRESHOLD}%`,
    };
  } else if (pain && (pain.painPercentage ?? 0) >= PAIN_CROSS_TRAINING_THRESHOLD) {
    decision = {
      kind: plannedKind === 'rest' ? 'rest' : 'cross_training',
      km: 0,
      reason: `you logged pain at ${pain.painPercentage}% on ${pain.date}, at or above ${PAIN_CROSS_TRAINING_THRESHOLD}%: no running until it settles`,
    };
  } else if (injury?.recent && plannedKind !== 'rest') {
    decision = { kind: 'rest', km: 0, reason: injury.reason };
  } else if (metrics.daysSinceRest >= thresholds.maxDaysWithoutRest && plannedKind !== 'rest') {
    decision = {
      kind: 'rest',
      km: 0,
      reason: `${metrics.daysSinceRest} days in a row without rest; another would pass your maximum of ${thresholds.maxDaysWithoutRest}`,
    };
  } else if (BACK_OFF_STATUSES.has(status) && plannedKind !== 'rest') {
    decision = {
      kind: 'recovery',
      km: Math.min(plannedKm * 0.5, RECOVERY_CAP_KM),
      reason: `your assessment says back off: ${reasons}`,
    };
  } else if (injury && hard) {
    decision = { kind: 'easy', km: easyKm, reason: injury.reason };
  } else if (status === 'recovery_needed' && hard) {
    decision = { kind: 'easy', km: easyKm, reason: `your body needs some recovery: ${reasons}` };
  } else if (energy && (energy.energyLevel ?? 5) <= LOW_ENERGY_MAX && hard) {
    decision = {
      kind: 'easy',
      km: easyKm,
      reason: `you logged energy ${energy.energyLevel}/5 on ${energy.date}, at or below ${LOW_ENERGY_MAX}`,
    };
  } else if (yesterdayHard && hard) {
    decision = {
      kind: 'easy',
      km: easyKm,
      reason: `yesterday's ${yesterday?.plannedKind?.replace('_', ' ')} was a hard day; two in a row blunt both`,
    };
  }

  const session =
    decision === null && planned
      ? planned
      : makeSession(
          date,
          decision?.kind ?? 'easy',
          Math.floor((decision?.km ?? plannedKm) * 2) / 2,
          { paces, units, stage: 'base', targetRace: null },
        );
  const changed = decision !== null;

  const sentences: string[] = [];
  if (!planned) sentences.push('There is no plan for today, so an easy run keeps the routine.');
  else if (changed && decision) {
    const what = session.kind === 'rest' ? 'rest' : session.description;
    sentences.push(
      sentence(`Planned: ${planned.description}. Changed to ${what}, because ${decision.reason}`),
    );
  } else sentences.push(`As planned: ${planned.description}.`);
  sentences.push(numbersSentence(input));
  if (!changed && status !== 'normal') sentences.push(sentence(assessment.reasons.join('; ')));
  if (
    yesterday?.plannedKind &&
    HARD_KINDS.has(yesterday.plannedKind) &&
    yesterday.distanceKm === 0
  ) {
    sentences.push(`Yesterday's session was missed: do not make it up today.`);
  }
  if (session.pace) sentences.push(`Paces from ${paces.basis}.`);
  if ((pain?.painPercentage ?? 0) >= PAIN_CROSS_TRAINING_THRESHOLD) {
    sentences.push('Pain that changes your stride means stop; see a professional if it persists.');
  }

  return {
    date,
    workoutType: session.workoutType,
    kind: session.kind,
    prescribedWorkout: session.description,
    distanceMeters: session.plannedDistanceMeters,
    minutes: session.plannedMinutes,
    pace: session.pace,
    heartRate: session.heartRate,
    rationale: sentences.join(' '),
    changed,
    planned,
    metricsSnapshot: { ...metrics, status },
  };
}
