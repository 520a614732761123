import type { HeartRateSample } from '@coach/metrics';
import { ActivityFileError } from './activity-file-error';
import {
  ELEVATION_HYSTERESIS_METERS,
  MAX_TRACK_POINTS,
  PAUSE_GAP_SECONDS,
  PLAUSIBLE_HEART_RATE,
} from './limits';

/** One point of a recorded track, whatever the format; fields the device did not record are absent. */
export interface TrackPoint {
  /** milliseconds since the epoch */
  time: number;
  latitude?: number;
  longitude?: number;
  elevation?: number;
  heartRate?: number;
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_METERS = 6_371_008.8;

export function requireTrackSize(count: number): void {
  if (count > MAX_TRACK_POINTS) {
    throw new ActivityFileError(
      'too_large',
      `more than ${MAX_TRACK_POINTS.toLocaleString('en')} track points`,
    );
  }
}

/** Seconds on the moving clock at each point: a gap longer than PAUSE_GAP_SECONDS adds nothing. */
export function movingClock(points: readonly TrackPoint[]): number[] {
  const clock: number[] = [];
  let seconds = 0;
  let previous: number | undefined;
  for (const { time } of points) {
    if (previous !== undefined) {
      const gap = (time - previous) / 1000;
      if (gap > 0 && gap <= PAUSE_GAP_SECONDS) seconds += gap;
    }
    clock.push(seconds);
    previous = time;
  }
  return clock;
}

function radians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** Great-circle distance between two positions (haversine), metres. */
function haversineMeters(
  from: { latitude: number; longitude: number },
  to: { latitude: number; longitude: number },
): number {
  const dLat = radians(to.latitude - from.latitude);
  const dLon = radians(to.longitude - from.longitude);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Length of the track along its positions; points without a position are skipped. */
export function trackDistanceMeters(points: readonly TrackPoint[]): number {
  let total = 0;
  let previous: { latitude: number; longitude: number } | undefined;
  for (const { latitude, longitude } of points) {
    if (latitude === undefined || longitude === undefined) continue;
    const position = { latitude, longitude };
    if (previous) total += haversineMeters(previous, position);
    previous = position;
  }
  return total;
}

/**
 * Climb along the track, counted from each confirmed low to the next confirmed high: a turn counts only
 * once the track has moved ELEVATION_HYSTERESIS_METERS the other way, so noise smaller than that adds
 * nothing. Points without elevation are skipped.
 */
export function elevationGainMeters(points: readonly TrackPoint[]): number {
  let gain = 0;
  let climbing = false;
  let low: number | undefined;
  let extreme: number | undefined;
  for (const { elevation } of points) {
    if (elevation === undefined) continue;
    if (low === undefined || extreme === undefined) {
      low = extreme = elevation;
    } else if (climbing) {
      if (elevation > extreme) extreme = elevation;
      else if (extreme - elevation >= ELEVATION_HYSTERESIS_METERS) {
        gain += extreme - low;
        climbing = false;
        extreme = elevation;
      }
    } else if (elevation < extreme) {
      extreme = elevation;
    } else if (elevation - extreme >= ELEVATION_HYSTERESIS_METERS) {
      low = extreme;
      climbing = true;
      extreme = elevation;
    }
  }
  return climbing && low !== undefined && extreme !== undefined ? gain + extreme - low : gain;
}

function isPlausibleHeartRate(bpm: number | undefined): bpm is number {
  return (
    bpm !== undefined &&
    Number.isFinite(bpm) &&
    bpm >= PLAUSIBLE_HEART_RATE.min &&
    bpm <= PLAUSIBLE_HEART_RATE.max
  );
}

/** The heart-rate stream on the moving clock, implausible readings dropped. */
export function heartRateSamples(points: readonly TrackPoint[]): HeartRateSample[] {
  const clock = movingClock(points);
  const samples: HeartRateSample[] = [];
  points.forEach(({ heartRate }, i) => {
    if (isPlausibleHeartRate(heartRate)) samples.push({ seconds: clock[i] ?? 0, bpm: heartRate });
  });
  return samples;
}

/** Time-weighted average (trapezoid rule, as the load maths) and maximum of a stream; null when empty. */
export function heartRateSummary(samples: readonly HeartRateSample[]): {
  averageHeartRate: number | null;
  maxHeartRate: number | null;
} {
  if (samples.length === 0) return { averageHeartRate: null, maxHeartRate: null };
  let weighted = 0;
  let seconds = 0;
  for (let i = 1; i < samples.length; i++) {
    const previous = samples[i - 1] as HeartRateSample;
    const current = samples[i] as HeartRateSample;
    const interval = current.seconds - previous.seconds;
    weighted += (interval * (previous.bpm + current.bpm)) / 2;
    seconds += interval;
  }
  const bpms = samples.map((sample) => sample.bpm);
  const averageHeartRate =
    seconds > 0 ? weighted / seconds : bpms.reduce((sum, bpm) => sum + bpm, 0) / bpms.length;
  return { averageHeartRate, maxHeartRate: bpms.reduce((max, bpm) => Math.max(max, bpm)) };
}
