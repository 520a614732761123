import {
  formatActualDistance,
  formatDuration,
  formatPace,
  formatPaceRange,
  type LocalDate,
  type Units,
} from '@coach/metrics';
import type { HeartRateRange, PaceRange } from './paces';
import { isRunning } from './training-summary';
import type { SessionKind, WorkoutType } from './types';

/** What was prescribed for the day: a recommendation's numbers. */
export interface Prescription {
  workoutType: WorkoutType;
  /** finer than the workout type; derived from it when absent */
  kind?: SessionKind;
  prescribedWorkout: string;
  distanceMeters: number;
  minutes: number;
  pace: PaceRange | null;
  heartRate: HeartRateRange | null;
}

export interface DoneActivity {
  type: string;
  distanceMeters: number;
  movingTimeSeconds: number;
  averageHeartRate: number | null;
}

export interface AutopsyInput {
  date: LocalDate;
  prescription: Prescription;
  /** the activities of that local day */
  activities: readonly DoneActivity[];
  units?: Units;
}

interface AlignmentParts {
  /** 0–3: the right kind of session (a run for a run, no run on a rest or cross-training day) */
  type: number;
  /** 0–4: distance (or time) against the prescription */
  volume: number;
  /** 0–3: heart rate or pace against the prescribed band */
  intensity: number;
}

export interface Autopsy {
  date: LocalDate;
  prescribedAction: string;
  actualActivities: string;
  /** 1–10 */
  alignmentScore: number;
  /** null for rest days, scored as a whole */
  parts: AlignmentParts | null;
  autopsyAnalysis: string;
}

/** Volume within ±10% scores full marks, falling to 0 at ±50%. */
const VOLUME_FULL = 0.1;
const VOLUME_ZERO = 0.5;
/** Intensity with nothing to measure it by scores this (of 3). */
const INTENSITY_UNKNOWN = 2;
/** Non-running minutes that still count as a rest day respected. */
const LIGHT_CROSS_TRAINING_MINUTES = 45;

const QUALITY: ReadonlySet<SessionKind> = new Set(['tempo', 'intervals', 'race_pace', 'sharpener']);

const KIND_OF: Record<WorkoutType, SessionKind> = {
  rest: 'rest',
  easy: 'easy',
  long: 'long',
  tempo: 'tempo',
  intervals: 'intervals',
  recovery: 'recovery',
  race: 'race',
};

function describeActivity(a: DoneActivity, units: Units): string {
  const name = a.type.replace('_', ' ');
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  const pace =
    isRunning(a.type) && a.distanceMeters > 0
      ? ` (${formatPace(a.movingTimeSeconds / (a.distanceMeters / 1000), units)})`
      : '';
  const hr = a.averageHeartRate ? `, avg HR ${Math.round(a.averageHeartRate)}` : '';
  return `${label} ${formatActualDistance(a.distanceMeters, units)} in ${formatDuration(a.movingTimeSeconds)}${pace}${hr}`;
}

function volumeScore(ratio: number): number {
  const off = Math.abs(ratio - 1);
  if (off <= VOLUME_FULL) return 4;
  return Math.max(0, 4 * (1 - (off - VOLUME_FULL) / (VOLUME_ZERO - VOLUME_FULL)));
}

function bandMiss(value: number, low: number, high: number): number {
  return value < low ? low - value : value > high ? value - high : 0;
}

/**
 * Alignment of a day, 1–10. A rest day: 10 with nothing done, 8 with light cross-training
 * (≤ 45 min), 6 with more, 5 with a run up to 30 min, 3 up to 60, else 2. A cross-training day:
 * 7 when rested instead, 2 when run. A session: missed → 1; else type (3) + volume (4) +
 * intensity (3), rounded, at least 1.
 */
export function autopsyOf(input: AutopsyInput): Autopsy {
  const { prescription: p, activities, date } = input;
  const units = input.units ?? 'metric';
  const kind = p.kind ?? KIND_OF[p.workoutType];
  const runs = activities.filter((a) => isRunning(a.type));
  const other = activities.filter((a) => !isRunning(a.type));
  const runKm = runs.reduce((sum, a) => sum + a.distanceMeters, 0) / 1000;
  const runSeconds = runs.reduce((sum, a) => sum + a.movingTimeSeconds, 0);
  const otherMinutes = other.reduce((sum, a) => sum + a.movingTimeSeconds, 0) / 60;
  const actualActivities =
    activities.length === 0
      ? 'No activity recorded'
      : activities.map((a) => describeActivity(a, units)).join('; ');
  const result = (score: number, parts: AlignmentParts | null, sentences: string[]): Autopsy => ({
    date,
    prescribedAction: p.prescribedWorkout,
    actualActivities,
    alignmentScore: Math.min(10, Math.max(1, Math.round(score))),
    parts,
    autopsyAnalysis: sentences.join(' '),
  });

  if (kind === 'rest') {
    if (activities.length === 0) return result(10, null, ['Rest day taken as planned: 10/10.']);
    if (runs.length === 0) {
      const light = otherMinutes <= LIGHT_CROSS_TRAINING_MINUTES;
      return result(light ? 8 : 6, null, [
        `A rest day with ${Math.round(otherMinutes)} min of cross-training: ${light ? 8 : 6}/10.`,
        light
          ? 'Light movement keeps the rest day a rest day.'
          : 'More than light movement takes the edge off the recovery the day was for.',
      ]);
    }
    const minutes = runSeconds / 60;
    const score = minutes <= 30 ? 5 : minutes <= 60 ? 3 : 2;
    return result(score, null, [
      `A ${formatActualDistance(runKm * 1000, units)} run on a planned rest day: ${score}/10.`,
      'Rest days are part of the training; the next hard session pays for a skipped one.',
    ]);
  }

  if (kind === 'cross_training') {
    if (runs.length > 0) {
      return result(2, null, [
        `Ran ${formatActualDistance(runKm * 1000, units)} on a day prescribed as cross-training without running: 2/10.`,
        'The pain that set the day is the reason to hold off; run again once it has settled.',
      ]);
    }
    if (other.length === 0) {
      return result(7, null, [
        'Rested instead of cross-training: 7/10. With pain, resting is a sound choice.',
      ]);
    }
  }

  if (activities.length === 0) {
    return result(1, { type: 0, volume: 0, intensity: 0 }, [
      'The prescribed session was missed: 1/10.',
      'One missed session costs little fitness; do not squeeze it into the next days.',
    ]);
  }

  const running = runs.length > 0 && kind !== 'cross_training';
  const type = kind === 'cross_training' ? 3 : running ? 3 : 1;
  const ratio = running
    ? p.distanceMeters > 0
      ? runKm / (p.distanceMeters / 1000)
      : 1
    : p.minutes > 0
      ? otherMinutes / p.minutes
      : 1;
  const volume = volumeScore(ratio);

  const main = (running ? runs : other).reduce((a, b) =>
    b.movingTimeSeconds > a.movingTimeSeconds ? b : a,
  );
  let intensity = INTENSITY_UNKNOWN;
  let intensityText = 'no heart rate or pace band to judge intensity';
  let tooHard = false;
  if (p.heartRate && main.averageHeartRate && !QUALITY.has(kind)) {
    const miss = bandMiss(main.averageHeartRate, p.heartRate.low, p.heartRate.high);
    intensity = miss <= 3 ? 3 : miss <= 8 ? 2 : miss <= 15 ? 1 : 0;
    tooHard = main.averageHeartRate > p.heartRate.high;
    intensityText = `average HR ${Math.round(main.averageHeartRate)} against ${p.heartRate.low}–${p.heartRate.high}`;
  } else if (p.pace && running && main.distanceMeters > 0) {
    const pace = main.movingTimeSeconds / (main.distanceMeters / 1000);
    if (QUALITY.has(kind)) {
      // The average includes warm-up and cool-down: judge whether work faster than easy was done.
      const easySlow = p.pace.slow * 1.25;
      intensity = pace <= easySlow ? 3 : 1;
      intensityText = `average pace ${formatPace(pace, units)} with work at ${formatPaceRange(p.pace.fast, p.pace.slow, units)} prescribed`;
    } else {
      const miss = bandMiss(pace, p.pace.fast, p.pace.slow) / pace;
      intensity = miss <= 0.03 ? 3 : miss <= 0.06 ? 2 : miss <= 0.1 ? 1 : 0;
      tooHard = pace < p.pace.fast;
      intensityText = `pace ${formatPace(pace, units)} against ${formatPaceRange(p.pace.fast, p.pace.slow, units)}`;
    }
  }

  const parts = { type, volume: Math.round(volume * 10) / 10, intensity };
  const score = type + volume + intensity;
  const sentences = [
    `${running ? 'Run' : 'Cross-training'} ${Math.round(ratio * 100)}% of the prescribed ${running ? 'distance' : 'time'} (volume ${parts.volume}/4), ${intensityText} (intensity ${intensity}/3), session type ${type}/3: ${Math.min(10, Math.max(1, Math.round(score)))}/10.`,
  ];
  if (!running && kind !== 'cross_training') {
    sentences.push('Cross-training kept some aerobic work but missed the running stimulus.');
  } else if (ratio > 1 + VOLUME_FULL) {
    sentences.push('Extra distance adds up over a week and can blunt the next key session.');
  } else if (ratio < 1 - VOLUME_FULL) {
    sentences.push('Shorter than planned: fine now and then; the week as a whole counts.');
  }
  if (intensity <= 1 && tooHard && !QUALITY.has(kind) && kind !== 'race') {
    sentences.push('Easy days stay easy so the hard days can be hard.');
  }
  if (sentences.length === 1) sentences.push('Done as prescribed.');
  return result(score, parts, sentences);
}
