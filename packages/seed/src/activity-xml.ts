import { XMLBuilder } from 'fast-xml-parser';
import type { TrackSample } from './activity-track';
import type { GeneratedActivity } from './types';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: true,
});
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

const GPX_TYPE: Record<GeneratedActivity['type'], string> = {
  run: 'running',
  trail_run: 'trail_running',
  ride: 'road_biking',
};
const TCX_SPORT: Record<GeneratedActivity['type'], string> = {
  run: 'Running',
  trail_run: 'Running',
  ride: 'Biking',
};

function iso(time: Date): string {
  return time.toISOString().replace('.000Z', 'Z');
}

/** A GPX track as Strava's app or Garmin Connect exports one, heart rate in Garmin's TrackPointExtension. */
export function activityGpx(activity: GeneratedActivity, track: readonly TrackSample[]): string {
  const trackPoint = (sample: TrackSample) => ({
    '@lat': sample.latitude.toFixed(7),
    '@lon': sample.longitude.toFixed(7),
    ele: sample.elevationMeters.toFixed(1),
    time: iso(sample.time),
    ...(sample.heartRate === null
      ? {}
      : { extensions: { 'gpxtpx:TrackPointExtension': { 'gpxtpx:hr': sample.heartRate } } }),
  });
  return (
    DECLARATION +
    builder.build({
      gpx: {
        '@creator': 'StravaGPX',
        '@version': '1.1',
        '@xmlns': 'http://www.topografix.com/GPX/1/1',
        '@xmlns:gpxtpx': 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1',
        metadata: { time: iso(activity.startTime) },
        trk: {
          name: activity.name,
          type: GPX_TYPE[activity.type],
          trkseg: { trkpt: track.map(trackPoint) },
        },
      },
    })
  );
}

/** A TCX activity of one lap, with the lap's totals and a trackpoint per sample, as Garmin Connect writes. */
export function activityTcx(activity: GeneratedActivity, track: readonly TrackSample[]): string {
  const heartRate = (value: number | null) => (value === null ? undefined : { Value: value });
  const trackPoint = (sample: TrackSample) => ({
    Time: iso(sample.time),
    Position: {
      LatitudeDegrees: sample.latitude.toFixed(7),
      LongitudeDegrees: sample.longitude.toFixed(7),
    },
    AltitudeMeters: sample.elevationMeters.toFixed(1),
    DistanceMeters: sample.distanceMeters.toFixed(1),
    HeartRateBpm: heartRate(sample.heartRate),
  });
  return (
    DECLARATION +
    builder.build({
      TrainingCenterDatabase: {
        '@xmlns': 'http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2',
        Activities: {
          Activity: {
            '@Sport': TCX_SPORT[activity.type],
            Id: activity.startTime.toISOString(),
            Lap: {
              '@StartTime': iso(activity.startTime),
              TotalTimeSeconds: activity.movingTimeSeconds,
              DistanceMeters: activity.distanceMeters,
              AverageHeartRateBpm: heartRate(activity.averageHeartRate),
              MaximumHeartRateBpm: heartRate(activity.maxHeartRate),
              Intensity: 'Active',
              TriggerMethod: 'Manual',
              Track: { Trackpoint: track.map(trackPoint) },
            },
          },
        },
      },
    })
  );
}
