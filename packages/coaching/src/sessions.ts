import {
  formatPaceRange,
  formatPlanDistance,
  formatRaceDistance,
  formatRaceTime,
  type LocalDate,
  type Units,
  weekdayOf,
} from '@coach/metrics';
import {
  type HeartRateRange,
  type Intensity,
  type PaceRange,
  type Paces,
  racePaceFor,
} from './paces';
import type { Phase, PlannedSession, RaceGoal, SessionKind, WorkoutType } from './types';

const WORKOUT_TYPE_OF: Record<SessionKind, WorkoutType> = {
  rest: 'rest',
  easy: 'easy',
  strides: 'easy',
  recovery: 'recovery',
  shakeout: 'recovery',
  long: 'long',
  tempo: 'tempo',
  intervals: 'intervals',
  race_pace: 'tempo',
  sharpener: 'intervals',
  cross_training: 'recovery',
  race: 'race',
};

/** The intensity whose pace and heart-rate bands a session's main effort uses. */
const INTENSITY_OF: Partial<Record<SessionKind, Intensity>> = {
  easy: 'easy',
  strides: 'easy',
  recovery: 'recovery',
  shakeout: 'easy',
  long: 'long',
  tempo: 'threshold',
  intervals: 'interval',
  cross_training: 'recovery',
};

export interface SessionContext {
  paces: Paces;
  units: Units;
  stage: Phase;
  /** the race the block builds to: race-pace work and sharpeners use its pace */
  targetRace: RaceGoal | null;
}

function mid(range: PaceRange): number {
  return (range.fast + range.slow) / 2;
}

/** Pace band of a race: the goal (or predicted) pace ± 1%. */
function raceBand(paces: Paces, race: RaceGoal): PaceRange {
  const pace = racePaceFor(paces, race);
  return { fast: pace * 0.99, slow: pace * 1.01 };
}

function raceIntensity(race: RaceGoal | null): Intensity {
  if (!race) return 'threshold';
  if (race.distanceMeters > 30_000) return 'marathon';
  if (race.distanceMeters > 15_000) return 'threshold';
  return 'interval';
}

const TEMPO_SET: Record<Phase, string> = {
  base: '20 min',
  build: '2×15 min',
  peak: '30 min',
  taper: '15 min',
  recovery: '15 min',
};

const INTERVAL_SET: Record<Phase, string> = {
  base: '6×400 m',
  build: '5×1 km',
  peak: '6×1 km',
  taper: '4×1 km',
  recovery: '6×400 m',
};

/** A planned session of `kind` and `km` on `date`, with paces, heart rates and a description. */
export function makeSession(
  date: LocalDate,
  kind: SessionKind,
  km: number,
  ctx: SessionContext,
  race: RaceGoal | null = null,
): PlannedSession {
  const { paces, units } = ctx;
  const intensity = INTENSITY_OF[kind];
  const raceForPace = race ?? ctx.targetRace;
  let pace: PaceRange | null = intensity ? paces.pace[intensity] : null;
  let heartRate: HeartRateRange | null = intensity ? (paces.heartRate?.[intensity] ?? null) : null;
  if ((kind === 'race_pace' || kind === 'sharpener') && raceForPace) {
    pace = raceBand(paces, raceForPace);
    heartRate = paces.heartRate?.[raceIntensity(raceForPace)] ?? null;
  }
  if (kind === 'race' && race) {
    pace = raceBand(paces, race);
    heartRate = null;
  }
  if (kind === 'cross_training') pace = null;

  const dist = formatPlanDistance(km, units);
  const band = pace ? formatPaceRange(pace.fast, pace.slow, units) : '';
  const hr = heartRate ? `HR ${heartRate.low}–${heartRate.high}` : '';
  const hrTail = hr ? `, ${hr}` : '';
  const easy = formatPaceRange(paces.pace.easy.fast, paces.pace.easy.slow, units);

  let description: string;
  let minutes: number;
  const easyMinutes = (distance: number) => (distance * mid(paces.pace.easy)) / 60;
  switch (kind) {
    case 'rest':
      description = 'Rest day: no running; easy mobility or a walk if you like';
      minutes = 0;
      break;
    case 'cross_training':
      description = `30–40 min of easy cross-training (bike, swim or elliptical), no running${hrTail}`;
      minutes = 35;
      break;
    case 'easy':
      description = `${dist} easy at ${band}${hrTail}`;
      minutes = easyMinutes(km);
      break;
    case 'strides':
      description = `${dist} easy at ${band}${hrTail}, with 6×20 s relaxed strides at the end`;
      minutes = easyMinutes(km);
      break;
    case 'recovery':
      description = `${dist} recovery run at ${band}${hrTail}`;
      minutes = (km * mid(paces.pace.recovery)) / 60;
      break;
    case 'shakeout':
      description = `${dist} shakeout at ${band} with 4 relaxed strides`;
      minutes = easyMinutes(km);
      break;
    case 'long':
      description = `${dist} long run at ${band}${hrTail}; take fuel every 40 min`;
      minutes = (km * mid(paces.pace.long)) / 60;
      break;
    case 'tempo':
      description = `${dist} with tempo ${TEMPO_SET[ctx.stage]} at threshold ${band}${hrTail}, easy warm-up and cool-down at ${easy}`;
      minutes = (km * (mid(paces.pace.easy) + mid(paces.pace.threshold))) / 2 / 60;
      break;
    case 'intervals':
      description = `${dist} with ${INTERVAL_SET[ctx.stage]} at ${band}${hrTail} (equal-time jog recoveries), easy warm-up and cool-down`;
      minutes = (km * (mid(paces.pace.easy) + mid(paces.pace.interval))) / 2 / 60;
      break;
    case 'race_pace':
    case 'sharpener': {
      const reps = kind === 'sharpener' ? '4×1 km' : `${Math.max(2, Math.round(km * 0.4))} km`;
      const goal = raceForPace ? `${raceForPace.name} pace` : 'race pace';
      description = `${dist} with ${reps} at ${goal} ${band}${hrTail}, easy warm-up and cool-down`;
      minutes =
        (km * (mid(paces.pace.easy) + (pace ? mid(pace) : mid(paces.pace.threshold)))) / 2 / 60;
      break;
    }
    case 'race': {
      const event = race as RaceGoal;
      const seconds = event.targetTimeSeconds ?? paces.predictSeconds(event.distanceMeters);
      const plan =
        event.targetTimeSeconds === null
          ? `predicted ${formatRaceTime(seconds)} at ${band}: start controlled, push over the last quarter`
          : `target ${formatRaceTime(seconds)} at ${band}: start controlled, push over the last quarter`;
      description = `Race: ${event.name} (${formatRaceDistance(event.distanceMeters, units)}, ${event.priority} race), ${plan}`;
      minutes = seconds / 60;
      break;
    }
  }
  const distanceKm = kind === 'race' && race ? race.distanceMeters / 1000 : km;
  return {
    date,
    workoutType: WORKOUT_TYPE_OF[kind],
    description,
    plannedDistanceMeters: Math.round(distanceKm * 1000),
    plannedMinutes: Math.round(minutes),
    weekday: weekdayOf(date),
    kind,
    pace,
    heartRate,
    race: kind === 'race' ? race : null,
  };
}
