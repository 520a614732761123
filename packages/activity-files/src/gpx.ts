import { ActivityFileError } from './activity-file-error';
import type { ParsedFile } from './parsed-activity';
import { activityTypeOfName } from './sport-type';
import {
  elevationGainMeters,
  heartRateSamples,
  heartRateSummary,
  movingClock,
  requireTrackSize,
  type TrackPoint,
  trackDistanceMeters,
} from './track';
import { childElement, childElements, childText, toNumber, toTime, type XmlElement } from './xml';

const GPX = new Set(['http://www.topografix.com/GPX/1/1', 'http://www.topografix.com/GPX/1/0']);
/** Garmin's TrackPointExtension, whatever prefix the writer gave it (`gpxtpx:`, `ns3:`, …). */
const TRACK_POINT_EXTENSION = new Set([
  'http://www.garmin.com/xmlschemas/TrackPointExtension/v1',
  'http://www.garmin.com/xmlschemas/TrackPointExtension/v2',
]);

function heartRateOf(trackPoint: XmlElement): number | undefined {
  const extensions = childElement(trackPoint, GPX, 'extensions');
  if (!extensions) return undefined;
  for (const extension of childElements(extensions, TRACK_POINT_EXTENSION, 'TrackPointExtension')) {
    const heartRate = toNumber(childText(extension, TRACK_POINT_EXTENSION, 'hr'));
    if (heartRate !== undefined) return heartRate;
  }
  return undefined;
}

function trackPointOf(trackPoint: XmlElement): TrackPoint | undefined {
  const time = toTime(childText(trackPoint, GPX, 'time'));
  const latitude = toNumber(trackPoint.attributes.lat);
  const longitude = toNumber(trackPoint.attributes.lon);
  if (time === undefined || latitude === undefined || longitude === undefined) return undefined;
  return {
    time,
    latitude,
    longitude,
    elevation: toNumber(childText(trackPoint, GPX, 'ele')),
    heartRate: heartRateOf(trackPoint),
  };
}

/** A GPX file's first track: GPX has no totals, so everything is computed from the points. */
export function parseGpx(root: XmlElement): ParsedFile {
  if (root.name !== 'gpx' || !GPX.has(root.namespace)) {
    throw new ActivityFileError('wrong_format', 'named .gpx but not a GPX document');
  }
  const track = childElement(root, GPX, 'trk');
  if (!track) throw new ActivityFileError('no_activity', 'a GPX file without a track');

  const trackPoints = childElements(track, GPX, 'trkseg').flatMap((segment) =>
    childElements(segment, GPX, 'trkpt'),
  );
  requireTrackSize(trackPoints.length);
  const points = trackPoints
    .map(trackPointOf)
    .filter((point): point is TrackPoint => point !== undefined);
  const first = points[0];
  if (!first) throw new ActivityFileError('no_activity', 'a GPX track without timed points');

  const samples = heartRateSamples(points);
  return {
    format: 'gpx',
    fileActivityId: null,
    startTime: new Date(first.time),
    type: activityTypeOfName(childText(track, GPX, 'type')),
    name: childText(track, GPX, 'name') ?? null,
    distanceMeters: trackDistanceMeters(points),
    movingTimeSeconds: Math.round(movingClock(points).at(-1) ?? 0),
    elevationGainMeters: elevationGainMeters(points),
    ...heartRateSummary(samples),
    heartRateSamples: samples,
  };
}
