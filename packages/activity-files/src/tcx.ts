import { ActivityFileError } from './activity-file-error';
import type { ParsedFile } from './parsed-activity';
import { activityTypeOfTcxSport } from './sport-type';
import {
  elevationGainMeters,
  heartRateSamples,
  heartRateSummary,
  requireTrackSize,
  type TrackPoint,
} from './track';
import { childElement, childElements, childText, toNumber, toTime, type XmlElement } from './xml';

const TCX = new Set(['http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2']);

interface LapTotals {
  seconds: number;
  meters: number;
  averageHeartRate: number | undefined;
  maxHeartRate: number | undefined;
}

function heartRateValue(element: XmlElement, name: string): number | undefined {
  const heartRate = childElement(element, TCX, name);
  return heartRate ? toNumber(childText(heartRate, TCX, 'Value')) : undefined;
}

function lapTotalsOf(lap: XmlElement): LapTotals {
  return {
    seconds: toNumber(childText(lap, TCX, 'TotalTimeSeconds')) ?? 0,
    meters: toNumber(childText(lap, TCX, 'DistanceMeters')) ?? 0,
    averageHeartRate: heartRateValue(lap, 'AverageHeartRateBpm'),
    maxHeartRate: heartRateValue(lap, 'MaximumHeartRateBpm'),
  };
}

function trackPointOf(trackPoint: XmlElement): TrackPoint | undefined {
  const time = toTime(childText(trackPoint, TCX, 'Time'));
  if (time === undefined) return undefined;
  const position = childElement(trackPoint, TCX, 'Position');
  return {
    time,
    latitude: position && toNumber(childText(position, TCX, 'LatitudeDegrees')),
    longitude: position && toNumber(childText(position, TCX, 'LongitudeDegrees')),
    elevation: toNumber(childText(trackPoint, TCX, 'AltitudeMeters')),
    heartRate: heartRateValue(trackPoint, 'HeartRateBpm'),
  };
}

/** The laps' own heart-rate summary, time-weighted, when every lap has one. */
function lapsHeartRate(laps: readonly LapTotals[]): {
  averageHeartRate: number | null;
  maxHeartRate: number | null;
} {
  const seconds = laps.reduce((sum, lap) => sum + lap.seconds, 0);
  if (seconds === 0 || laps.some((lap) => lap.averageHeartRate === undefined)) {
    return { averageHeartRate: null, maxHeartRate: null };
  }
  const weighted = laps.reduce((sum, lap) => sum + lap.seconds * (lap.averageHeartRate ?? 0), 0);
  const maxima = laps.flatMap((lap) => (lap.maxHeartRate === undefined ? [] : [lap.maxHeartRate]));
  return {
    averageHeartRate: weighted / seconds,
    maxHeartRate: maxima.length === laps.length ? Math.max(...maxima) : null,
  };
}

/** A TCX file's first activity: the laps' totals for time and distance, the track for climb. */
export function parseTcx(root: XmlElement): ParsedFile {
  if (root.name !== 'TrainingCenterDatabase' || !TCX.has(root.namespace)) {
    throw new ActivityFileError('wrong_format', 'named .tcx but not a Training Center document');
  }
  const activities = childElement(root, TCX, 'Activities');
  const activity = activities && childElement(activities, TCX, 'Activity');
  if (!activity) throw new ActivityFileError('no_activity', 'a TCX file without an activity');

  const lapElements = childElements(activity, TCX, 'Lap');
  const trackPointElements = lapElements.flatMap((lap) =>
    childElements(lap, TCX, 'Track').flatMap((track) => childElements(track, TCX, 'Trackpoint')),
  );
  requireTrackSize(trackPointElements.length);
  const laps = lapElements.map(lapTotalsOf);
  const points = trackPointElements
    .map(trackPointOf)
    .filter((point): point is TrackPoint => point !== undefined);

  const id = childText(activity, TCX, 'Id');
  const startTime =
    toTime(id) ?? toTime(lapElements[0]?.attributes.StartTime) ?? points[0]?.time ?? undefined;
  if (startTime === undefined || laps.length === 0) {
    throw new ActivityFileError('no_activity', 'a TCX activity without laps or a start time');
  }

  const samples = heartRateSamples(points);
  const fromLaps = lapsHeartRate(laps);
  const fromTrack = heartRateSummary(samples);
  return {
    format: 'tcx',
    fileActivityId: id ?? null,
    startTime: new Date(startTime),
    type: activityTypeOfTcxSport(activity.attributes.Sport),
    name: childText(activity, TCX, 'Notes') ?? null,
    distanceMeters: laps.reduce((sum, lap) => sum + lap.meters, 0),
    movingTimeSeconds: Math.round(laps.reduce((sum, lap) => sum + lap.seconds, 0)),
    elevationGainMeters: elevationGainMeters(points),
    averageHeartRate: fromLaps.averageHeartRate ?? fromTrack.averageHeartRate,
    maxHeartRate: fromLaps.maxHeartRate ?? fromTrack.maxHeartRate,
    heartRateSamples: samples,
  };
}
