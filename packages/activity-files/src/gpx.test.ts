import { describe, expect, it } from 'vitest';
import { parseGpx } from './gpx';
import { parseXml } from './xml';

const TRACK_POINT_EXTENSION = 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1';

function gpxWithHeartRate(prefix: string, uri: string, type = ''): Uint8Array {
  const point = (seconds: number, hr: number) => `
      <trkpt lat="47.0" lon="8.0"><time>2026-05-01T06:00:${String(seconds).padStart(2, '0')}Z</time>
        <extensions><${prefix}:TrackPointExtension><${prefix}:hr>${hr}</${prefix}:hr></${prefix}:TrackPointExtension></extensions>
      </trkpt>`;
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1" xmlns:${prefix}="${uri}">
  <trk>${type}<trkseg>${point(0, 140)}${point(10, 150)}</trkseg></trk>
</gpx>`);
}

describe('parseGpx', () => {
  it('finds heart rate by the extension namespace, whatever its prefix', () => {
    for (const prefix of ['gpxtpx', 'ns3', 'tpx1']) {
      const run = parseGpx(parseXml(gpxWithHeartRate(prefix, TRACK_POINT_EXTENSION)));
      expect(run.heartRateSamples).toEqual([
        { seconds: 0, bpm: 140 },
        { seconds: 10, bpm: 150 },
      ]);
      expect(run.averageHeartRate).toBe(145);
    }
  });

  it('ignores a familiar prefix bound to another namespace', () => {
    const run = parseGpx(parseXml(gpxWithHeartRate('gpxtpx', 'urn:example:not-garmin')));
    expect(run.heartRateSamples).toEqual([]);
    expect(run.averageHeartRate).toBeNull();
  });

  it("maps the track's type to the product's activity types", () => {
    const typeOf = (type: string) =>
      parseGpx(parseXml(gpxWithHeartRate('ns3', TRACK_POINT_EXTENSION, `<type>${type}</type>`)))
        .type;
    expect(typeOf('trail_running')).toBe('trail_run');
    expect(typeOf('road_biking')).toBe('ride');
    expect(typeOf('hiking')).toBe('hike');
    expect(typeOf('kayaking')).toBe('other');
    expect(parseGpx(parseXml(gpxWithHeartRate('ns3', TRACK_POINT_EXTENSION))).type).toBe('run');
  });
});
