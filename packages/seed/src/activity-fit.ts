import { fitMessageNumber } from '@coach/activity-files/testing';
import {
  type ActivityMesg,
  Encoder,
  type EventMesg,
  type FileIdMesg,
  type LapMesg,
  type RecordMesg,
  type SessionMesg,
} from '@garmin/fitsdk';
import type { TrackSample } from './activity-track';
import type { GeneratedActivity } from './types';

const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

const SPORT: Record<GeneratedActivity['type'], Pick<SessionMesg, 'sport' | 'subSport'>> = {
  run: { sport: 'running', subSport: 'generic' },
  trail_run: { sport: 'running', subSport: 'trail' },
  ride: { sport: 'cycling', subSport: 'road' },
};

/**
 * A FIT activity file as a watch writes one, with Garmin's own encoder: file id, a timer start,
 * one record per track sample, the timer's stop, then a lap and a session carrying the device's
 * totals, and the activity.
 */
export function activityFit(
  activity: GeneratedActivity,
  track: readonly TrackSample[],
  serialNumber: number,
): Uint8Array {
  const encoder = new Encoder();
  const start = activity.startTime;
  const end = track.at(-1)?.time ?? start;
  const fileId: FileIdMesg = {
    type: 'activity',
    manufacturer: 'development',
    product: 1,
    serialNumber,
    timeCreated: start,
  };
  encoder.onMesg(fitMessageNumber('FILE_ID'), fileId);
  const timer = (timestamp: Date, eventType: EventMesg['eventType']) => {
    const event: EventMesg = { timestamp, event: 'timer', eventType };
    encoder.onMesg(fitMessageNumber('EVENT'), event);
  };
  timer(start, 'start');
  for (const sample of track) {
    const record: RecordMesg = {
      timestamp: sample.time,
      positionLat: Math.round(sample.latitude * SEMICIRCLES_PER_DEGREE),
      positionLong: Math.round(sample.longitude * SEMICIRCLES_PER_DEGREE),
      distance: sample.distanceMeters,
      enhancedAltitude: sample.elevationMeters,
      ...(sample.heartRate === null ? {} : { heartRate: sample.heartRate }),
    };
    encoder.onMesg(fitMessageNumber('RECORD'), record);
  }
  timer(end, 'stopAll');
  const totals: LapMesg & SessionMesg = {
    timestamp: end,
    startTime: start,
    totalElapsedTime: activity.movingTimeSeconds,
    totalTimerTime: activity.movingTimeSeconds,
    totalDistance: activity.distanceMeters,
    totalAscent: activity.elevationGainMeters,
    totalDescent: activity.elevationGainMeters,
    ...(activity.averageHeartRate === null ? {} : { avgHeartRate: activity.averageHeartRate }),
    ...(activity.maxHeartRate === null ? {} : { maxHeartRate: activity.maxHeartRate }),
    ...SPORT[activity.type],
  };
  const lap: LapMesg = { ...totals, messageIndex: 0 };
  encoder.onMesg(fitMessageNumber('LAP'), lap);
  const session: SessionMesg = { ...totals, messageIndex: 0, numLaps: 1 };
  encoder.onMesg(fitMessageNumber('SESSION'), session);
  const summary: ActivityMesg = {
    timestamp: end,
    totalTimerTime: activity.movingTimeSeconds,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  };
  encoder.onMesg(fitMessageNumber('ACTIVITY'), summary);
  return encoder.close();
}
