/**
 * Two records of one run that reached the import by different routes (a watch's FIT file and the
 * same run's row in a Strava export, which recomputes distance from the GPS track) start within
 * this long of each other…
 */
export const SAME_START_TOLERANCE_SECONDS = 120;
/** …and agree on distance within this share, or within SAME_DISTANCE_TOLERANCE_METERS for short ones. */
const SAME_DISTANCE_TOLERANCE = 0.05;
const SAME_DISTANCE_TOLERANCE_METERS = 100;

export interface ActivityFootprint {
  startTime: Date;
  distanceMeters: number;
}

/** Whether two activities are one session recorded twice: one athlete does not start two alike at once. */
export function isSameActivity(a: ActivityFootprint, b: ActivityFootprint): boolean {
  const startsApart = Math.abs(a.startTime.getTime() - b.startTime.getTime()) / 1000;
  const distanceApart = Math.abs(a.distanceMeters - b.distanceMeters);
  const distanceTolerance = Math.max(
    SAME_DISTANCE_TOLERANCE * Math.max(a.distanceMeters, b.distanceMeters),
    SAME_DISTANCE_TOLERANCE_METERS,
  );
  return startsApart <= SAME_START_TOLERANCE_SECONDS && distanceApart <= distanceTolerance;
}
