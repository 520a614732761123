import type { LocalDate, Weekday } from '@coach/metrics';
import type { HeartRateRange, PaceRange } from './paces';

/** The contract's vocabulary for a day's session (`coach.todaysWorkout.workoutType`). */
export const WORKOUT_TYPES = [
  'rest',
  'easy',
  'long',
  'tempo',
  'intervals',
  'recovery',
  'race',
] as const;
export type WorkoutType = (typeof WORKOUT_TYPES)[number];

/** Training stages as stored (weekly_programs.stage). */
const PHASES = ['base', 'build', 'peak', 'taper', 'recovery'] as const;
export type Phase = (typeof PHASES)[number];

type RacePriority = 'A' | 'B' | 'C';

export interface RaceGoal {
  name: string;
  date: LocalDate;
  distanceMeters: number;
  targetTimeSeconds: number | null;
  priority: RacePriority;
}

/** What a planned session is, finer than its workout type. */
export type SessionKind =
  | 'rest'
  | 'easy'
  | 'strides'
  | 'recovery'
  | 'shakeout'
  | 'long'
  | 'tempo'
  | 'intervals'
  | 'race_pace'
  | 'sharpener'
  | 'cross_training'
  | 'race';

/** Sessions that load the body hard: never two days in a row, never against a back-off. */
export const HARD_KINDS: ReadonlySet<SessionKind> = new Set([
  'long',
  'tempo',
  'intervals',
  'race_pace',
  'sharpener',
  'race',
]);

export const HARD_WORKOUT_TYPES: ReadonlySet<WorkoutType> = new Set([
  'long',
  'tempo',
  'intervals',
  'race',
]);

/**
 * One planned day. Its first five fields are what weekly_programs.days stores and the page reads
 * (`plannedDaySchema` in @coach/db); the rest ride along in the same JSON.
 */
export interface PlannedSession {
  date: LocalDate;
  workoutType: WorkoutType;
  description: string;
  plannedDistanceMeters: number;
  plannedMinutes: number;
  weekday: Weekday;
  kind: SessionKind;
  pace: PaceRange | null;
  heartRate: HeartRateRange | null;
  /** the race run that day, if any */
  race: RaceGoal | null;
}
