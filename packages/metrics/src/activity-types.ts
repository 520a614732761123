/**
 * The product's activity types. Every sport is kept; each counts toward load in its own way
 * (RUN_EQUIVALENT_DISTANCE and DEFAULT_SESSION_RPE in load.ts; the README says why).
 */
export const ACTIVITY_TYPES = [
  'run',
  'trail_run',
  'treadmill_run',
  'ride',
  'swim',
  'walk',
  'hike',
  'other',
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Each type as the athlete reads it. */
export const ACTIVITY_TYPE_LABELS: Readonly<Record<ActivityType, string>> = Object.freeze({
  run: 'Run',
  trail_run: 'Trail run',
  treadmill_run: 'Treadmill run',
  ride: 'Ride',
  swim: 'Swim',
  walk: 'Walk',
  hike: 'Hike',
  other: 'Other',
});

export const ACTIVITY_NAME_MAX_CHARS = 120;
/** The athlete's notes on one activity (how it felt, what happened): a few sentences. */
export const ACTIVITY_NOTES_MAX_CHARS = 1000;

/** Bounds of an activity entered by hand, in the athlete's units (km or mi, m or ft) where they have some. */
export const MANUAL_ACTIVITY_BOUNDS = Object.freeze({
  maxDistance: 1000,
  maxDurationSeconds: 48 * 3600,
  maxClimb: 30_000,
  heartRate: Object.freeze({ min: 25, max: 250 }),
  perceivedEffort: Object.freeze({ min: 1, max: 10 }),
});
