/**
 * The product's activity types. Every sport is kept; today each counts toward load the same way
 * (distance and climb for external load, heart rate or RPE for internal load).
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
