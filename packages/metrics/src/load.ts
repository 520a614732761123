import type { ActivityType } from './activity-types';
import { RPE_MAX, RPE_MIN } from './journal';

export const METERS_PER_MILE = 1609.344;
export const METERS_PER_FOOT = 0.3048;
/** 750 ft of climb counts as one flat mile. */
const FEET_OF_CLIMB_PER_MILE = 750;

/** Banister TRIMP weighting a·e^(b·HRr): the original (male) and the published female coefficients. */
const TRIMP_COEFFICIENTS = {
  male: { a: 0.64, b: 1.92 },
  female: { a: 0.86, b: 1.67 },
} as const;

/**
 * Turns session-RPE (RPE × minutes) into TRIMP units, so sessions without heart rate sit on the same scale.
 * 60 min at HRr 0.6 (male) = 60 × 0.6 × 0.64 × e^(1.92 × 0.6) = 23.04 × 3.1645 = 72.9 TRIMP;
 * 60 min at RPE 3.5 = 210 → 72.9 / 210 = 0.347, rounded to 0.35.
 */
export const SESSION_RPE_TO_TRIMP = 0.35;

export type Sex = 'female' | 'male';

/**
 * How far a unit of each sport's distance (and climb) goes in a runner's external load, in run
 * equivalents: the usual endurance-coaching rules of thumb (a ride's kilometre about a quarter of a
 * run's, a swim's about four, a walk or hike about half). Treadmill runs count as runs, without the
 * climb a treadmill does not record. `other` (cross-training: gym, rowing, skiing…) has no distance
 * that compares, so it counts by time instead (CROSS_TRAINING_MILES_PER_HOUR).
 */
const RUN_EQUIVALENT_DISTANCE: Readonly<Record<ActivityType, number>> = Object.freeze({
  run: 1,
  trail_run: 1,
  treadmill_run: 1,
  ride: 0.25,
  swim: 4,
  walk: 0.5,
  hike: 0.5,
  other: 0,
});

/** An hour of cross-training counts as three easy miles: about half an easy hour of running. */
const CROSS_TRAINING_MILES_PER_HOUR = 3;

/**
 * The effort assumed for a session with neither heart rate nor RPE (session-RPE, 1–10): easy for
 * each sport, so an estimate never makes a session look hard. Its internal load is then
 * RPE × minutes × SESSION_RPE_TO_TRIMP, marked as estimated.
 */
const DEFAULT_SESSION_RPE: Readonly<Record<ActivityType, number>> = Object.freeze({
  run: 4,
  trail_run: 5,
  treadmill_run: 4,
  ride: 3,
  swim: 4,
  walk: 2,
  hike: 3,
  other: 3,
});

/** A stored type the vocabulary does not know counts as cross-training; no type at all as a run. */
function sportOf(type: string | null | undefined): ActivityType {
  if (type === null || type === undefined) return 'run';
  return Object.hasOwn(RUN_EQUIVALENT_DISTANCE, type) ? (type as ActivityType) : 'other';
}

export interface ActivityDistance {
  distanceMeters: number;
  elevationGainMeters?: number | null;
  /** the sport (ACTIVITY_TYPES); absent counts as a run */
  type?: string | null;
  /** needed for cross-training, which counts by time */
  movingTimeSeconds?: number | null;
}

/** One heart-rate reading: seconds on the activity's moving clock (pauses left out), beats per minute. */
export interface HeartRateSample {
  seconds: number;
  bpm: number;
}

/**
 * Seconds spent at each heart rate (whole bpm) over an activity: all a heart-rate stream says about
 * load, whatever the athlete's resting and maximum heart rates, so it can be stored and loads
 * recomputed from it when those change.
 */
export type HeartRateSeconds = Readonly<Record<number, number>>;

export interface ActivityEffort {
  movingTimeSeconds: number;
  /** the sport (ACTIVITY_TYPES), for the effort assumed without heart rate or RPE; absent: a run */
  type?: string | null;
  averageHeartRate?: number | null;
  /** session RPE, 1-10 */
  perceivedEffort?: number | null;
  /** From the recorded stream, when the activity came from a file that has one. */
  heartRateSeconds?: HeartRateSeconds | null;
}

export interface HeartRateProfile {
  restingHeartRate?: number | null;
  maxHeartRate?: number | null;
  /** Unknown sex uses Banister's original (male) coefficients. */
  sex?: Sex | null;
}

type InternalLoadSource = 'trimp_stream' | 'trimp' | 'session_rpe' | 'estimated';

export interface InternalLoadResult {
  value: number;
  source: InternalLoadSource;
}

function requireNonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
  return value;
}

function isPositive(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/**
 * Work done, in flat running miles: (miles + feet of climb / 750) × the sport's run equivalent
 * (RUN_EQUIVALENT_DISTANCE); cross-training by its hours × CROSS_TRAINING_MILES_PER_HOUR.
 */
export function externalLoad({
  distanceMeters,
  elevationGainMeters,
  type,
  movingTimeSeconds,
}: ActivityDistance): number {
  const miles = requireNonNegative('distanceMeters', distanceMeters) / METERS_PER_MILE;
  const climbFeet =
    requireNonNegative('elevationGainMeters', elevationGainMeters ?? 0) / METERS_PER_FOOT;
  const sport = sportOf(type);
  if (sport === 'other') {
    const hours = requireNonNegative('movingTimeSeconds', movingTimeSeconds ?? 0) / 3600;
    return hours * CROSS_TRAINING_MILES_PER_HOUR;
  }
  const climb = sport === 'treadmill_run' ? 0 : climbFeet / FEET_OF_CLIMB_PER_MILE;
  return RUN_EQUIVALENT_DISTANCE[sport] * (miles + climb);
}

/** Heart-rate reserve used, clamped to [0, 1]: an average below resting or above max is sensor noise. */
function heartRateReserve(
  averageHeartRate: number,
  restingHeartRate: number,
  maxHeartRate: number,
): number {
  const ratio = (averageHeartRate - restingHeartRate) / (maxHeartRate - restingHeartRate);
  return Math.min(1, Math.max(0, ratio));
}

/**
 * A heart-rate stream stands in for the average only when it covers this share of the moving time;
 * a stream with long dropouts would undercount the session.
 */
const MIN_HEART_RATE_STREAM_COVERAGE = 0.9;

/** Banister's weighting of one heart rate, per minute spent at it. */
function trimpPerMinute(
  heartRate: number,
  restingHeartRate: number,
  maxHeartRate: number,
  sex: Sex | null | undefined,
): number {
  const hrr = heartRateReserve(heartRate, restingHeartRate, maxHeartRate);
  const { a, b } = TRIMP_COEFFICIENTS[sex ?? 'male'];
  return hrr * a * Math.exp(b * hrr);
}

/**
 * Time at each heart rate of a stream (samples in time order). Each interval between two samples is
 * split evenly between their two heart rates (the trapezoid rule), so TRIMP summed over these
 * seconds equals TRIMP integrated over the stream.
 */
export function heartRateSecondsOf(samples: readonly HeartRateSample[]): Record<number, number> {
  const seconds: Record<number, number> = {};
  for (let i = 1; i < samples.length; i++) {
    const previous = samples[i - 1] as HeartRateSample;
    const current = samples[i] as HeartRateSample;
    const half = Math.max(0, current.seconds - previous.seconds) / 2;
    for (const bpm of [Math.round(previous.bpm), Math.round(current.bpm)]) {
      seconds[bpm] = (seconds[bpm] ?? 0) + half;
    }
  }
  return seconds;
}

/** Banister TRIMP summed over the time spent at each heart rate. */
export function trimpFromHeartRateSeconds(
  heartRateSeconds: HeartRateSeconds,
  restingHeartRate: number,
  maxHeartRate: number,
  sex?: Sex | null,
): number {
  let total = 0;
  for (const [bpm, seconds] of Object.entries(heartRateSeconds)) {
    total += (seconds / 60) * trimpPerMinute(Number(bpm), restingHeartRate, maxHeartRate, sex);
  }
  return total;
}

function secondsCovered(heartRateSeconds: HeartRateSeconds): number {
  return Object.values(heartRateSeconds).reduce((sum, seconds) => sum + seconds, 0);
}

/**
 * What the session cost the body: Banister TRIMP summed over the heart-rate stream when there is one that
 * covers the session, else Banister TRIMP from the average heart rate (both need the athlete's resting/max
 * HR), else session-RPE scaled to TRIMP units, else an estimate from the duration and the sport's
 * DEFAULT_SESSION_RPE (source 'estimated': a session is never taken for rest for want of a sensor).
 */
export function internalLoad(
  { movingTimeSeconds, type, averageHeartRate, perceivedEffort, heartRateSeconds }: ActivityEffort,
  { restingHeartRate, maxHeartRate, sex }: HeartRateProfile,
): InternalLoadResult {
  const minutes = requireNonNegative('movingTimeSeconds', movingTimeSeconds) / 60;
  const hasRpe = perceivedEffort !== null && perceivedEffort !== undefined;
  if (hasRpe && !(perceivedEffort >= RPE_MIN && perceivedEffort <= RPE_MAX)) {
    throw new RangeError(
      `perceivedEffort must be between ${RPE_MIN} and ${RPE_MAX}, got ${perceivedEffort}`,
    );
  }

  const knowsHeartRateRange =
    isPositive(restingHeartRate) && isPositive(maxHeartRate) && maxHeartRate > restingHeartRate;
  if (
    knowsHeartRateRange &&
    heartRateSeconds &&
    movingTimeSeconds > 0 &&
    secondsCovered(heartRateSeconds) / movingTimeSeconds >= MIN_HEART_RATE_STREAM_COVERAGE
  ) {
    return {
      value: trimpFromHeartRateSeconds(heartRateSeconds, restingHeartRate, maxHeartRate, sex),
      source: 'trimp_stream',
    };
  }

  // An average HR of 0 is a sensor dropout, not a resting session.
  if (knowsHeartRateRange && isPositive(averageHeartRate)) {
    return {
      value: minutes * trimpPerMinute(averageHeartRate, restingHeartRate, maxHeartRate, sex),
      source: 'trimp',
    };
  }

  if (hasRpe) {
    return { value: perceivedEffort * minutes * SESSION_RPE_TO_TRIMP, source: 'session_rpe' };
  }

  return {
    value: DEFAULT_SESSION_RPE[sportOf(type)] * minutes * SESSION_RPE_TO_TRIMP,
    source: 'estimated',
  };
}
