import type { ParsedActivity } from '@coach/activity-files';
import { heartRateSecondsOf } from '@coach/metrics';
import type { NewActivity } from '@coach/training';

/**
 * Where an imported activity is keyed, so the same activity arriving again is known: by the
 * file's own activity id where it has one (the same FIT file alone or inside a Strava export),
 * else by the file's content, else (a Strava row without a file) by Strava's activity id.
 */
function importKeyOf(
  activity: ParsedActivity,
  stravaActivityId: string | null,
): { source: string; sourceId: string } {
  if (activity.fileActivityId !== null) {
    return { source: 'file', sourceId: `${activity.format}:${activity.fileActivityId}` };
  }
  if (activity.fileDigest !== null) {
    return { source: 'file', sourceId: `sha256:${activity.fileDigest}` };
  }
  if (stravaActivityId !== null) return { source: 'strava', sourceId: stravaActivityId };
  return { source: 'file', sourceId: `start:${activity.startTime.toISOString()}` };
}

/** `trail_run` → `Trail run`: the name of an activity the file left unnamed. */
function nameOfType(type: string): string {
  const words = type.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The one mapping from what a file says to what training records. */
export function toNewActivity(
  activity: ParsedActivity,
  stravaActivityId: string | null,
): NewActivity {
  return {
    ...importKeyOf(activity, stravaActivityId),
    startTime: activity.startTime,
    type: activity.type,
    name: activity.name ?? nameOfType(activity.type),
    distanceMeters: activity.distanceMeters,
    movingTimeSeconds: activity.movingTimeSeconds,
    elevationGainMeters: activity.elevationGainMeters,
    averageHeartRate: activity.averageHeartRate,
    maxHeartRate: activity.maxHeartRate,
    perceivedEffort: null,
    notes: activity.notes,
    heartRateSeconds:
      activity.heartRateSamples.length > 1 ? heartRateSecondsOf(activity.heartRateSamples) : null,
  };
}
