import { encodeActivityFit, semicircles } from '@coach/activity-files/testing';
import type { SessionMesg } from '@garmin/fitsdk';
import type { TrackSample } from './activity-track';
import type { GeneratedActivity } from './types';

const SPORT: Record<GeneratedActivity['type'], Pick<SessionMesg, 'sport' | 'subSport'>> = {
  run: { sport: 'running', subSport: 'generic' },
  trail_run: { sport: 'running', subSport: 'trail' },
  ride: { sport: 'cycling', subSport: 'road' },
};

/** A FIT activity file as a watch writes one, one record per track sample, without a pause. */
export function activityFit(
  activity: GeneratedActivity,
  track: readonly TrackSample[],
  serialNumber: number,
): Uint8Array {
  return encodeActivityFit({
    serialNumber,
    start: activity.startTime,
    end: track.at(-1)?.time ?? activity.startTime,
    records: track.map((sample) => ({
      timestamp: sample.time,
      positionLat: semicircles(sample.latitude),
      positionLong: semicircles(sample.longitude),
      distance: sample.distanceMeters,
      enhancedAltitude: sample.elevationMeters,
      ...(sample.heartRate === null ? {} : { heartRate: sample.heartRate }),
    })),
    totals: {
      totalElapsedTime: activity.movingTimeSeconds,
      totalTimerTime: activity.movingTimeSeconds,
      totalDistance: activity.distanceMeters,
      totalAscent: activity.elevationGainMeters,
      totalDescent: activity.elevationGainMeters,
      ...(activity.averageHeartRate === null ? {} : { avgHeartRate: activity.averageHeartRate }),
      ...(activity.maxHeartRate === null ? {} : { maxHeartRate: activity.maxHeartRate }),
      ...SPORT[activity.type],
    },
  });
}
