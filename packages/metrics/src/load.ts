import { RPE_MAX, RPE_MIN } from './journal';

export const METERS_PER_MILE = 1609.344;
export const METERS_PER_FOOT = 0.3048;
/** 750 ft of climb counts as one flat mile. */
export const FEET_OF_CLIMB_PER_MILE = 750;

/** Banister TRIMP weighting a·e^(b·HRr): the original (male) and the published female coefficients. */
export const TRIMP_COEFFICIENTS = {
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

export interface ActivityDistance {
  distanceMeters: number;
  elevationGainMeters?: number | null;
}

export interface ActivityEffort {
  movingTimeSeconds: number;
  averageHeartRate?: number | null;
  /** session RPE, 1-10 */
  perceivedEffort?: number | null;
}

export interface HeartRateProfile {
  restingHeartRate?: number | null;
  maxHeartRate?: number | null;
  /** Unknown sex uses Banister's original (male) coefficients. */
  sex?: Sex | null;
}

export type InternalLoadSource = 'trimp' | 'session_rpe' | 'none';

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

/** Work done, in flat-mile equivalents: miles + feet of climb / 750. */
export function externalLoad({ distanceMeters, elevationGainMeters }: ActivityDistance): number {
  const miles = requireNonNegative('distanceMeters', distanceMeters) / METERS_PER_MILE;
  const climbFeet =
    requireNonNegative('elevationGainMeters', elevationGainMeters ?? 0) / METERS_PER_FOOT;
  return miles + climbFeet / FEET_OF_CLIMB_PER_MILE;
}

/** Heart-rate reserve used, clamped to [0, 1]: an average below resting or above max is sensor noise. */
export function heartRateReserve(
  averageHeartRate: number,
  restingHeartRate: number,
  maxHeartRate: number,
): number {
  const ratio = (averageHeartRate - restingHeartRate) / (maxHeartRate - restingHeartRate);
  return Math.min(1, Math.max(0, ratio));
}

/**
 * What the session cost the body: Banister TRIMP when heart rate and the athlete's resting/max HR are known,
 * else session-RPE scaled to TRIMP units, else 0 with source 'none'.
 */
export function internalLoad(
  { movingTimeSeconds, averageHeartRate, perceivedEffort }: ActivityEffort,
  { restingHeartRate, maxHeartRate, sex }: HeartRateProfile,
): InternalLoadResult {
  const minutes = requireNonNegative('movingTimeSeconds', movingTimeSeconds) / 60;
  const hasRpe = perceivedEffort !== null && perceivedEffort !== undefined;
  if (hasRpe && !(perceivedEffort >= RPE_MIN && perceivedEffort <= RPE_MAX)) {
    throw new RangeError(
      `perceivedEffort must be between ${RPE_MIN} and ${RPE_MAX}, got ${perceivedEffort}`,
    );
  }

  // An average HR of 0 is a sensor dropout, not a resting session.
  if (
    isPositive(averageHeartRate) &&
    isPositive(restingHeartRate) &&
    isPositive(maxHeartRate) &&
    maxHeartRate > restingHeartRate
  ) {
    const hrr = heartRateReserve(averageHeartRate, restingHeartRate, maxHeartRate);
    const { a, b } = TRIMP_COEFFICIENTS[sex ?? 'male'];
    return { value: minutes * hrr * a * Math.exp(b * hrr), source: 'trimp' };
  }

  if (hasRpe) {
    return { value: perceivedEffort * minutes * SESSION_RPE_TO_TRIMP, source: 'session_rpe' };
  }

  return { value: 0, source: 'none' };
}
