import type { GeneratedActivity } from './types';

/** One point of a synthetic track, as a device would record it. */
export interface TrackSample {
  time: Date;
  distanceMeters: number;
  latitude: number;
  longitude: number;
  elevationMeters: number;
  heartRate: number | null;
}

/** Metres per degree of latitude on the mean Earth sphere (the readers' haversine radius). */
const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;
const START = { latitude: 39.74, longitude: -104.99, elevationMeters: 1600 };

/**
 * A track that adds up to the activity's own figures: an even pace due north for its distance and
 * moving time, one climb to the halfway point and back down by its elevation gain (a single rise,
 * so a reader's hysteresis counts it whole), and heart rate rising evenly from below the average to
 * the maximum, so that the samples' mean is the average. A point every `sampleSeconds`, and one at
 * the end; no pauses.
 */
export function syntheticTrack(activity: GeneratedActivity, sampleSeconds: number): TrackSample[] {
  const duration = activity.movingTimeSeconds;
  const start = activity.startTime.getTime();
  const { averageHeartRate: average, maxHeartRate: max } = activity;
  const low = average === null ? null : 2 * average - (max ?? average);
  const samples: TrackSample[] = [];
  for (let second = 0; ; second = Math.min(second + sampleSeconds, duration)) {
    const share = duration === 0 ? 0 : second / duration;
    const distanceMeters = activity.distanceMeters * share;
    samples.push({
      time: new Date(start + second * 1000),
      distanceMeters,
      latitude: START.latitude + distanceMeters / METERS_PER_DEGREE,
      longitude: START.longitude,
      elevationMeters:
        START.elevationMeters + activity.elevationGainMeters * (1 - Math.abs(2 * share - 1)),
      heartRate:
        average === null || low === null
          ? null
          : Math.round(low + ((max ?? average) - low) * share),
    });
    if (second >= duration) return samples;
  }
}
