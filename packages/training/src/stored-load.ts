import { type Prisma, readHeartRateSeconds } from '@coach/db';
import { type ActivityEffort, type HeartRateProfile, internalLoad } from '@coach/metrics';

/** An activity's effort fields as stored: its heart-rate seconds still the column's JSON. */
export type StoredEffort = Omit<ActivityEffort, 'heartRateSeconds'> & { heartRateSeconds: unknown };

/**
 * The columns internalLoadOfStored reads, for the select of the activities it is given: its inputs
 * are optional (a missing sport counts as a run), so a select that left one out would still compile.
 */
export const storedEffortSelect = {
  type: true,
  movingTimeSeconds: true,
  averageHeartRate: true,
  perceivedEffort: true,
  heartRateSeconds: true,
} as const satisfies Prisma.ActivitySelect;

/** The internal load of a stored activity for this heart-rate profile, and whether it is an estimate. */
export function internalLoadOfStored(
  activity: StoredEffort,
  profile: HeartRateProfile,
): { value: number; estimated: boolean } {
  const { value, source } = internalLoad(
    { ...activity, heartRateSeconds: readHeartRateSeconds(activity.heartRateSeconds) },
    profile,
  );
  return { value, estimated: source === 'estimated' };
}
