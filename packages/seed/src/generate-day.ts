/** One simulated activity: pace, heart rate, climbing and start time from effort and fitness. */
import { daysBetween, type LocalDate, mondayOf } from '@coach/metrics';
import type { RaceEvent, SessionStyle } from './generate-routine';
import type { Rng } from './random';
import type { GeneratedActivity } from './types';

type ActivityStyle = Exclude<SessionStyle, 'rest'> | 'ride';

export interface SimActivity {
  style: ActivityStyle;
  /** minutes after local midnight */
  startMinute: number;
  data: Omit<GeneratedActivity, 'sourceId' | 'startTime' | 'localDate'>;
  /** session RPE the athlete would give it */
  rpe: number;
}

interface Effort {
  /** average pace as a multiple of threshold pace */
  pace: readonly [number, number];
  /** average heart rate as a fraction of max */
  hr: readonly [number, number];
  /** max HR: bpm above the average, or (abs) a fraction of max */
  peak: readonly [number, number];
  peakIsFraction?: boolean;
  /** climbing, metres per km */
  climb: readonly [number, number];
  rpe: number;
}

const EFFORT: Record<Exclude<ActivityStyle, 'race' | 'ride'>, Effort> = {
  easy: { pace: [1.22, 1.29], hr: [0.7, 0.75], peak: [8, 14], climb: [3, 10], rpe: 3 },
  strides: {
    pace: [1.21, 1.28],
    hr: [0.7, 0.75],
    peak: [0.85, 0.88],
    peakIsFraction: true,
    climb: [3, 10],
    rpe: 4,
  },
  recovery: { pace: [1.32, 1.4], hr: [0.66, 0.7], peak: [6, 10], climb: [2, 8], rpe: 2 },
  shakeout: { pace: [1.25, 1.32], hr: [0.67, 0.71], peak: [8, 12], climb: [2, 6], rpe: 2 },
  long: { pace: [1.2, 1.27], hr: [0.715, 0.74], peak: [12, 18], climb: [4, 12], rpe: 5 },
  long_mp: { pace: [1.14, 1.19], hr: [0.76, 0.79], peak: [12, 16], climb: [4, 10], rpe: 7 },
  tempo: { pace: [0.995, 1.025], hr: [0.85, 0.88], peak: [6, 9], climb: [3, 8], rpe: 7 },
  intervals: {
    pace: [1.04, 1.07],
    hr: [0.82, 0.86],
    peak: [0.92, 0.95],
    peakIsFraction: true,
    climb: [2, 6],
    rpe: 8,
  },
  hills: {
    pace: [1.08, 1.14],
    hr: [0.79, 0.83],
    peak: [0.9, 0.93],
    peakIsFraction: true,
    climb: [15, 25],
    rpe: 7,
  },
  trail: { pace: [1.38, 1.52], hr: [0.74, 0.79], peak: [14, 22], climb: [28, 55], rpe: 5 },
};

const RACE_HR: Record<RaceEvent['kind'], number> = {
  '5k': 0.92,
  '10k': 0.905,
  half: 0.885,
  marathon: 0.85,
};

const SOUTHERN =
  /^(Australia|Antarctica)\/|^Pacific\/(Auckland|Chatham)|^America\/(Sao_Paulo|Argentina|Santiago|Montevideo)|^Africa\/Johannesburg/;

/** 0 in winter … 1 in high summer, for the athlete's hemisphere. */
export function summerHeat(date: LocalDate, timeZone: string): number {
  const dayOfYear = daysBetween(`${date.slice(0, 4)}-01-01`, date);
  const shift = SOUTHERN.test(timeZone) ? 182 : 0;
  return Math.max(0, Math.cos((2 * Math.PI * (dayOfYear - 200 - shift)) / 365));
}

interface Athlete {
  maxHeartRate: number;
  restingHeartRate: number;
}

export interface SimulateInput {
  rng: Rng;
  date: LocalDate;
  style: ActivityStyle;
  km: number;
  name: string;
  athlete: Athlete;
  /** threshold pace on the day, seconds per km */
  thresholdPace: number;
  heat: number;
  /** an easy day run too hard */
  tooFast?: boolean;
  race?: { event: RaceEvent; finishSeconds: number };
  /** bike commute (evening) rather than an easy spin */
  commute?: boolean;
}

export function simulateActivity(input: SimulateInput): SimActivity {
  const { rng, style, athlete, heat } = input;
  const maxHr = athlete.maxHeartRate;
  const ceiling = Math.floor(maxHr * 0.975);
  const form = rng.normal(0, 1);
  const hrShift = 3 * heat + 1.5 * form;
  const finishHr = (avgFraction: number, peakBpm: number) => {
    const avg = Math.round(Math.min(ceiling - 4, maxHr * avgFraction + hrShift));
    const floorAvg = Math.max(avg, athlete.restingHeartRate + 25);
    const max = Math.round(Math.min(ceiling, Math.max(floorAvg + 3, floorAvg + peakBpm)));
    return { avg: floorAvg, max };
  };
  const startMinute = pickStart(rng, input.date, style, input.race?.event ?? null, input.commute);

  if (style === 'ride') {
    const minutes = input.commute ? rng.uniform(25, 45) : rng.uniform(40, 70);
    const km = (rng.uniform(21, 27) * minutes) / 60;
    const hr = finishHr(rng.uniform(0.58, 0.67), rng.uniform(12, 20));
    return {
      style,
      startMinute,
      rpe: rng.chance(0.5) ? 2 : 3,
      data: {
        type: 'ride',
        workoutType: 'recovery',
        name: input.name,
        distanceMeters: Math.round(km * 1000),
        movingTimeSeconds: Math.round(minutes * 60),
        elevationGainMeters: Math.round(km * rng.uniform(5, 12)),
        averageHeartRate: hr.avg,
        maxHeartRate: hr.max,
        perceivedEffort: null,
      },
    };
  }

  if (style === 'race') {
    const race = input.race;
    if (!race) throw new Error('race activity without a race');
    const { event, finishSeconds } = race;
    const hr = finishHr(RACE_HR[event.kind] + rng.normal(0, 0.008), rng.uniform(8, 12));
    const meters = event.distanceMeters * rng.uniform(1.003, 1.012);
    return {
      style,
      startMinute,
      rpe: event.kind === 'marathon' ? 10 : 9,
      data: {
        type: 'run',
        workoutType: 'race',
        name: event.name,
        distanceMeters: Math.round(meters),
        movingTimeSeconds: finishSeconds - rng.int(0, 15),
        elevationGainMeters: Math.round((meters / 1000) * rng.uniform(2, 6)),
        averageHeartRate: hr.avg,
        maxHeartRate: hr.max,
        perceivedEffort: null,
      },
    };
  }

  const effort = EFFORT[style];
  const km = input.km * rng.normal(1, 0.025);
  let paceMultiple = rng.uniform(...effort.pace) * (1 + 0.012 * heat + 0.008 * rng.normal(0, 1));
  let hrFraction = rng.uniform(...effort.hr);
  if (style === 'long' || style === 'long_mp') hrFraction += 0.0018 * Math.max(0, km - 14);
  let rpe =
    effort.rpe + (style === 'long' && km > 24 ? 1 : 0) + (style === 'long' && km > 30 ? 1 : 0);
  if (input.tooFast) {
    paceMultiple *= 0.9;
    hrFraction += 0.07;
    rpe += 2;
  }
  const climb = km * rng.uniform(...effort.climb);
  const peakBpm = effort.peakIsFraction
    ? maxHr * rng.uniform(...effort.peak) - (maxHr * hrFraction + hrShift)
    : rng.uniform(...effort.peak) + (input.tooFast ? 4 : 0);
  const hr = finishHr(hrFraction, peakBpm);
  rpe = Math.min(10, Math.max(1, rpe + (rng.chance(0.3) ? rng.pick([-1, 1]) : 0)));
  return {
    style,
    startMinute,
    rpe,
    data: {
      type: style === 'trail' ? 'trail_run' : 'run',
      workoutType: workoutTypeOf(style),
      name: input.name,
      distanceMeters: Math.round(km * 1000),
      movingTimeSeconds: Math.round(km * input.thresholdPace * paceMultiple),
      elevationGainMeters: Math.round(climb),
      averageHeartRate: hr.avg,
      maxHeartRate: hr.max,
      perceivedEffort: null,
    },
  };
}

function workoutTypeOf(
  style: Exclude<ActivityStyle, 'race' | 'ride'>,
): GeneratedActivity['workoutType'] {
  switch (style) {
    case 'easy':
    case 'strides':
    case 'trail':
      return 'easy';
    case 'recovery':
    case 'shakeout':
      return 'recovery';
    case 'long':
    case 'long_mp':
      return 'long';
    case 'tempo':
      return 'tempo';
    case 'intervals':
    case 'hills':
      return 'intervals';
  }
}

const RACE_START: Record<RaceEvent['kind'], number> = {
  marathon: 7 * 60,
  half: 7 * 60 + 30,
  '10k': 8 * 60,
  '5k': 8 * 60 + 30,
};

/** Mostly early mornings, some evenings; weekends later; commutes after work. */
function pickStart(
  rng: Rng,
  date: LocalDate,
  style: ActivityStyle,
  race: RaceEvent | null,
  commute: boolean | undefined,
): number {
  if (race) return RACE_START[race.kind];
  if (commute) return rng.int(17 * 60, 17 * 60 + 45);
  const weekend = daysBetween(mondayOf(date), date) >= 5;
  if (weekend) {
    return style === 'long' || style === 'long_mp' || style === 'trail'
      ? rng.int(7 * 60, 8 * 60 + 30)
      : rng.int(7 * 60 + 30, 9 * 60 + 45);
  }
  return rng.chance(0.22) ? rng.int(17 * 60 + 15, 19 * 60) : rng.int(5 * 60 + 40, 7 * 60 + 10);
}
