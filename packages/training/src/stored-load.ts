import { readHeartRateSeconds } from '@coach/db';
import { type ActivityEffort, type HeartRateProfile, internalLoad } from '@coach/metrics';

/** An activity's effort fields as stored: its heart-rate seconds still the column's JSON. */
export type StoredEffort = Omit<ActivityEffort, 'heartRateSeconds'> & { heartRateSeconds: unknown };

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
