import { Decoder, type RecordMesg, type SessionMesg, Stream } from '@garmin/fitsdk';
import { ActivityFileError } from './activity-file-error';
import type { ParsedFile } from './parsed-activity';
import { activityTypeOfFitSport } from './sport-type';
import {
  elevationGainMeters,
  heartRateSamples,
  heartRateSummary,
  movingClock,
  requireTrackSize,
  type TrackPoint,
  trackDistanceMeters,
} from './track';

const CRC_BYTES = 2;
/** Positions are stored as semicircles: 2^31 of them make 180 degrees. */
const DEGREES_PER_SEMICIRCLE = 180 / 2 ** 31;

function timeOf(value: unknown): number | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value.getTime() : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function degreesOf(semicircles: unknown): number | undefined {
  const value = numberOf(semicircles);
  return value === undefined ? undefined : value * DEGREES_PER_SEMICIRCLE;
}

/** The header says how long the file should be; a shorter one was cut off in transfer. */
function isTruncated(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) return true;
  const headerSize = view.getUint8(0);
  const dataSize = view.getUint32(4, true);
  return bytes.byteLength < headerSize + dataSize + CRC_BYTES;
}

function trackPointOf(record: RecordMesg): TrackPoint | undefined {
  const time = timeOf(record.timestamp);
  if (time === undefined) return undefined;
  return {
    time,
    latitude: degreesOf(record.positionLat),
    longitude: degreesOf(record.positionLong),
    elevation: numberOf(record.enhancedAltitude) ?? numberOf(record.altitude),
    heartRate: numberOf(record.heartRate),
  };
}

/** A field of every session, or undefined when there are none or one of them lacks it. */
function fieldOfEverySession(
  sessions: readonly SessionMesg[],
  field: keyof SessionMesg,
): number[] | undefined {
  const values = sessions.flatMap((session) => {
    const value = numberOf(session[field]);
    return value === undefined ? [] : [value];
  });
  return values.length > 0 && values.length === sessions.length ? values : undefined;
}

function sum(sessions: readonly SessionMesg[], field: keyof SessionMesg): number | undefined {
  return fieldOfEverySession(sessions, field)?.reduce((total, value) => total + value, 0);
}

/** Distance from the records' own odometer, else from their positions. */
function recordedDistance(records: readonly RecordMesg[], points: readonly TrackPoint[]): number {
  const odometer = records.reduce<number | undefined>((furthest, record) => {
    const distance = numberOf(record.distance);
    return distance === undefined ? furthest : Math.max(furthest ?? 0, distance);
  }, undefined);
  return odometer ?? trackDistanceMeters(points);
}

/**
 * A FIT activity file. The device's own totals (sessions' `total_timer_time`, `total_distance`,
 * `total_ascent`, heart rate) win; the records fill in what the sessions lack. A multisport file's
 * sessions are added up into one activity.
 */
export function parseFit(bytes: Uint8Array): ParsedFile {
  const stream = Stream.fromByteArray(bytes);
  if (!Decoder.isFIT(stream)) {
    throw new ActivityFileError('wrong_format', 'named .fit but not a FIT file');
  }
  const decoder = new Decoder(stream);
  if (!decoder.checkIntegrity()) {
    throw isTruncated(bytes)
      ? new ActivityFileError('truncated', 'the FIT file ends before its data does')
      : new ActivityFileError('corrupt', "the FIT file's checksum does not match its content");
  }
  const { messages, errors } = decoder.read();
  if (errors.length > 0) {
    throw new ActivityFileError('corrupt', `the FIT file could not be decoded (${errors[0]})`);
  }

  const records = messages.recordMesgs ?? [];
  requireTrackSize(records.length);
  const points = records
    .map(trackPointOf)
    .filter((point): point is TrackPoint => point !== undefined);
  const sessions = messages.sessionMesgs ?? [];
  const first = sessions[0];
  const startTime = timeOf(first?.startTime) ?? points[0]?.time;
  if (startTime === undefined) {
    throw new ActivityFileError('no_activity', 'a FIT file without a session or timed records');
  }

  const sports = new Set(sessions.map((session) => session.sport));
  const samples = heartRateSamples(points);
  const fromRecords = heartRateSummary(samples);
  const fileId = messages.fileIdMesgs?.[0];
  const serialNumber = numberOf(fileId?.serialNumber);
  const timeCreated = timeOf(fileId?.timeCreated);
  return {
    format: 'fit',
    fileActivityId:
      serialNumber !== undefined && timeCreated !== undefined
        ? `${serialNumber}-${new Date(timeCreated).toISOString()}`
        : null,
    startTime: new Date(startTime),
    type: sports.size === 1 ? activityTypeOfFitSport(first?.sport, first?.subSport) : 'other',
    name: null,
    distanceMeters: sum(sessions, 'totalDistance') ?? recordedDistance(records, points),
    movingTimeSeconds: Math.round(
      sum(sessions, 'totalTimerTime') ?? movingClock(points).at(-1) ?? 0,
    ),
    elevationGainMeters: sum(sessions, 'totalAscent') ?? elevationGainMeters(points),
    averageHeartRate:
      sessions.length === 1
        ? (numberOf(first?.avgHeartRate) ?? fromRecords.averageHeartRate)
        : fromRecords.averageHeartRate,
    maxHeartRate:
      fieldOfEverySession(sessions, 'maxHeartRate')?.reduce((max, value) => Math.max(max, value)) ??
      fromRecords.maxHeartRate,
    heartRateSamples: samples,
  };
}
