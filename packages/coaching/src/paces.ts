import { daysBetween, formatRaceDistance, formatRaceTime, type LocalDate } from '@coach/metrics';

/** Riegel's fatigue exponent: T2 = T1 × (D2 / D1)^1.06. */
const RIEGEL_EXPONENT = 1.06;
/** Race results older than this do not set paces (fitness moves on). */
const RACE_RESULT_MAX_AGE_DAYS = 180;
/** Threshold pace when nothing else is known: a cautious 5:30/km. */
export const DEFAULT_THRESHOLD_PACE = 330;
/** Threshold effort is what can be held for about an hour. */
const THRESHOLD_SECONDS = 3600;

export interface PaceRange {
  /** seconds per km, the fast end */
  fast: number;
  /** seconds per km, the slow end */
  slow: number;
}

export interface HeartRateRange {
  low: number;
  high: number;
}

const INTENSITIES = ['recovery', 'easy', 'long', 'marathon', 'threshold', 'interval'] as const;
export type Intensity = (typeof INTENSITIES)[number];

/** Pace bands as multiples of threshold pace (slower is larger); race paces come from Riegel. */
const PACE_BANDS: Record<Exclude<Intensity, 'marathon' | 'interval'>, readonly [number, number]> = {
  recovery: [1.3, 1.4],
  easy: [1.2, 1.32],
  long: [1.18, 1.3],
  threshold: [0.98, 1.02],
};

/** Heart-rate bands as fractions of heart-rate reserve (Karvonen): resting + f × (max − resting). */
const HEART_RATE_RESERVE_BANDS: Record<Intensity, readonly [number, number]> = {
  recovery: [0.5, 0.6],
  easy: [0.6, 0.72],
  long: [0.62, 0.75],
  marathon: [0.75, 0.84],
  threshold: [0.84, 0.9],
  interval: [0.9, 0.97],
};

interface RaceResultInput {
  date: LocalDate;
  distanceMeters: number;
  finishTimeSeconds: number;
}

export interface PaceInput {
  today: LocalDate;
  raceResults?: readonly RaceResultInput[];
  /** a threshold pace the athlete or a test gave, seconds per km */
  thresholdPaceSecondsPerKm?: number | null;
  /** the A race's goal, used when neither a recent result nor a threshold is known */
  goal?: { distanceMeters: number; targetTimeSeconds: number | null } | null;
  restingHeartRate?: number | null;
  maxHeartRate?: number | null;
}

type PaceSource = 'race_result' | 'threshold' | 'goal' | 'default';

export interface Paces {
  source: PaceSource;
  /** what the paces rest on, for rationales: "10 km in 45:00 on 2026-10-04" */
  basis: string;
  thresholdSecondsPerKm: number;
  pace: Record<Intensity, PaceRange>;
  /** null without both resting and maximum heart rate */
  heartRate: Record<Intensity, HeartRateRange> | null;
  /** predicted race time for a distance at today's fitness, seconds */
  predictSeconds(distanceMeters: number): number;
}

/** Riegel: the time for `toMeters` from a time over `fromMeters`. */
export function riegelSeconds(fromMeters: number, fromSeconds: number, toMeters: number): number {
  return fromSeconds * (toMeters / fromMeters) ** RIEGEL_EXPONENT;
}

/** Threshold pace (s/km) from one performance: the pace of the distance Riegel says lasts an hour. */
export function thresholdPaceFrom(distanceMeters: number, seconds: number): number {
  const hourMeters = distanceMeters * (THRESHOLD_SECONDS / seconds) ** (1 / RIEGEL_EXPONENT);
  return THRESHOLD_SECONDS / (hourMeters / 1000);
}

function describeResult(result: RaceResultInput): string {
  return `${formatRaceDistance(result.distanceMeters, 'metric')} in ${formatRaceTime(result.finishTimeSeconds)} on ${result.date}`;
}

/**
 * The athlete's training paces and heart-rate bands. Threshold pace comes from, in order: the best
 * race result of the last 180 days (Riegel equivalent), a given threshold pace, the A race's goal
 * time, else a cautious default.
 */
export function derivePaces(input: PaceInput): Paces {
  let source: PaceSource = 'default';
  let threshold = DEFAULT_THRESHOLD_PACE;
  let basis = 'a cautious default (no recent race, threshold or goal time)';

  const recent = (input.raceResults ?? []).filter((r) => {
    const age = daysBetween(r.date, input.today);
    return age >= 0 && age <= RACE_RESULT_MAX_AGE_DAYS && r.distanceMeters > 0;
  });
  if (recent.length > 0) {
    const best = recent
      .map((r) => ({ r, pace: thresholdPaceFrom(r.distanceMeters, r.finishTimeSeconds) }))
      .sort((a, b) => a.pace - b.pace)[0] as { r: RaceResultInput; pace: number };
    source = 'race_result';
    threshold = best.pace;
    basis = `your race result ${describeResult(best.r)}`;
  } else if (input.thresholdPaceSecondsPerKm && input.thresholdPaceSecondsPerKm > 0) {
    source = 'threshold';
    threshold = input.thresholdPaceSecondsPerKm;
    basis = 'your threshold pace estimate';
  } else if (input.goal?.targetTimeSeconds && input.goal.distanceMeters > 0) {
    source = 'goal';
    threshold = thresholdPaceFrom(input.goal.distanceMeters, input.goal.targetTimeSeconds);
    basis = 'your A race goal time';
  }

  // A threshold pace is run for an hour, so an hour's distance anchors Riegel's predictions.
  const hourMeters = (THRESHOLD_SECONDS / threshold) * 1000;
  const predictSeconds = (meters: number) => riegelSeconds(hourMeters, THRESHOLD_SECONDS, meters);
  const racePace = (meters: number) => predictSeconds(meters) / (meters / 1000);
  const band = ([fast, slow]: readonly [number, number]): PaceRange => ({
    fast: threshold * fast,
    slow: threshold * slow,
  });
  const marathon = racePace(42_195);
  const fiveK = racePace(5000);
  const pace: Record<Intensity, PaceRange> = {
    recovery: band(PACE_BANDS.recovery),
    easy: band(PACE_BANDS.easy),
    long: band(PACE_BANDS.long),
    marathon: { fast: marathon * 0.99, slow: marathon * 1.01 },
    threshold: band(PACE_BANDS.threshold),
    interval: { fast: fiveK * 0.98, slow: fiveK * 1.02 },
  };

  return {
    source,
    basis,
    thresholdSecondsPerKm: threshold,
    pace,
    heartRate: heartRateBands(input.restingHeartRate, input.maxHeartRate),
    predictSeconds,
  };
}

/** Karvonen bands; null unless both heart rates are known and max is above resting. */
export function heartRateBands(
  resting: number | null | undefined,
  max: number | null | undefined,
): Record<Intensity, HeartRateRange> | null {
  if (!resting || !max || max <= resting) return null;
  const reserve = max - resting;
  const at = (fraction: number) => Math.round(resting + fraction * reserve);
  const bands = {} as Record<Intensity, HeartRateRange>;
  for (const intensity of INTENSITIES) {
    const [low, high] = HEART_RATE_RESERVE_BANDS[intensity];
    bands[intensity] = { low: at(low), high: at(high) };
  }
  return bands;
}

/** Goal race pace (s/km): the target time when there is one, else the prediction. */
export function racePaceFor(
  paces: Paces,
  race: { distanceMeters: number; targetTimeSeconds: number | null },
): number {
  const seconds = race.targetTimeSeconds ?? paces.predictSeconds(race.distanceMeters);
  return seconds / (race.distanceMeters / 1000);
}
