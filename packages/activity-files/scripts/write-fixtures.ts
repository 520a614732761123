// Writes the sample activity files under fixtures/activities/ (see the README there): one run
// through each format, with known totals, laid out the way devices and services write them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { activityFixture, encodeActivityFit, type FitRecord, semicircles } from '../src/testing';

const OUT = dirname(activityFixture('README.md'));
/** Metres per degree of latitude on the mean Earth sphere (the readers' haversine radius). */
const METERS_PER_DEGREE = (6_371_008.8 * Math.PI) / 180;

/** Deterministic noise in [−amplitude, amplitude]. */
function jitter(i: number, amplitude: number): number {
  return amplitude * Math.sin(i * 12.9898) * Math.cos(i * 4.1414);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A trail run with a two-minute pause: 5,040 m in 1,800 s of timer time, 35 m of climb. */
function morningRunFit(): Uint8Array {
  const start = Date.parse('2026-09-20T06:30:00Z');
  const records: FitRecord[] = [];
  for (let moving = 0; moving <= 1800; moving += 2) {
    // The timer stops at 900 s for 120 s: no records while it is stopped.
    const elapsed = moving <= 900 ? moving : moving + 120;
    const meters = 2.8 * moving;
    records.push({
      timestamp: new Date(start + elapsed * 1000),
      positionLat: semicircles(46.5 + meters / METERS_PER_DEGREE),
      positionLong: semicircles(7.5),
      distance: meters,
      enhancedAltitude: 500 + 35 * (1 - Math.abs(moving - 900) / 900),
      heartRate: Math.round(130 + (30 * moving) / 1800),
    });
  }
  return encodeActivityFit({
    serialNumber: 3_912_345_678,
    start: new Date(start),
    end: new Date(start + 1_920_000),
    records,
    pauses: [{ from: new Date(start + 900_000), to: new Date(start + 1_020_000) }],
    totals: {
      totalElapsedTime: 1920,
      totalTimerTime: 1800,
      totalDistance: 5040,
      totalAscent: 35,
      totalDescent: 35,
      avgHeartRate: 145,
      maxHeartRate: 160,
      sport: 'running',
      subSport: 'trail',
    },
  });
}

interface GpxPoint {
  ms: number;
  latitude: number;
  elevation: number;
  heartRate: number;
}

function gpx(creator: string, prefix: string, name: string, points: GpxPoint[]): string {
  const trackPoints = points.map(
    (point) => `      <trkpt lat="${point.latitude.toFixed(7)}" lon="8.5400000">
        <ele>${point.elevation.toFixed(1)}</ele>
        <time>${iso(point.ms)}</time>
        <extensions>
          <${prefix}:TrackPointExtension>
            <${prefix}:hr>${point.heartRate}</${prefix}:hr>
          </${prefix}:TrackPointExtension>
        </extensions>
      </trkpt>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="${creator}" version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd http://www.garmin.com/xmlschemas/TrackPointExtension/v1 http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd" xmlns:${prefix}="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
  <metadata>
    <time>${iso(points[0]?.ms ?? 0)}</time>
  </metadata>
  <trk>
    <name>${name}</name>
    <type>running</type>
    <trkseg>
${trackPoints.join('\n')}
    </trkseg>
  </trk>
</gpx>
`;
}

/**
 * Hill repeats written with smart recording (irregular intervals) and a four-minute stop at the top:
 * 3,600 m in 1,200 s moving, 60 m of climb under ±1 m of noise, 140 bpm up and 160 bpm down.
 */
function hillRunGpx(): string {
  const start = Date.parse('2026-09-21T17:10:00Z');
  const intervals = [1, 3, 2, 5, 4, 3, 2];
  const points: GpxPoint[] = [];
  for (let moving = 0, i = 0; moving <= 1200; moving += intervals[i % intervals.length] ?? 1, i++) {
    const clamped = Math.min(moving, 1200);
    points.push({
      ms: start + (clamped + (clamped > 600 ? 240 : 0)) * 1000,
      latitude: 47.3 + (3 * clamped) / METERS_PER_DEGREE,
      elevation: 420 + 60 * (1 - Math.abs(clamped - 600) / 600) + jitter(i, 1),
      heartRate: clamped < 600 ? 140 : 160,
    });
    if (clamped < moving) break;
  }
  return gpx('Garmin Connect', 'gpxtpx', 'Hill repeats', points);
}

/** Laps on a flat track, as a service re-exports them (`ns3:` prefix): 4,800 m in 1,200 s, no climb. */
function trackRunGpx(): string {
  const start = Date.parse('2026-09-22T18:00:00Z');
  const points: GpxPoint[] = [];
  for (let moving = 0; moving <= 1200; moving += 2) {
    points.push({
      ms: start + moving * 1000,
      latitude: 47.1 + (4 * moving) / METERS_PER_DEGREE,
      elevation: 410 + jitter(moving, 1.2),
      heartRate: Math.round(150 + 5 * Math.sin(moving / 60)),
    });
  }
  return gpx('StravaGPX', 'ns3', 'Track session', points);
}

/** A ride in two laps of 600 s and 4,800 m with a three-minute stop between them; 30 m of climb. */
function longRideTcx(): string {
  const start = Date.parse('2026-09-19T07:00:00Z');
  const lap = (index: number) => {
    const lapStart = start + index * 780_000;
    const trackPoints: string[] = [];
    for (let second = 0; second <= 600; second += 10) {
      const meters = index * 4800 + 8 * second;
      const climb = index === 0 ? (30 * second) / 600 : 30 - (30 * second) / 600;
      trackPoints.push(`            <Trackpoint>
              <Time>${iso(lapStart + second * 1000)}</Time>
              <Position>
                <LatitudeDegrees>${(46.9 + meters / METERS_PER_DEGREE).toFixed(7)}</LatitudeDegrees>
                <LongitudeDegrees>7.4400000</LongitudeDegrees>
              </Position>
              <AltitudeMeters>${(100 + climb + jitter(second + index, 0.8)).toFixed(1)}</AltitudeMeters>
              <DistanceMeters>${meters.toFixed(1)}</DistanceMeters>
              <HeartRateBpm>
                <Value>${Math.round(125 + index * 10 + (10 * second) / 600)}</Value>
              </HeartRateBpm>
              <Extensions>
                <ns3:TPX>
                  <ns3:Speed>8.0</ns3:Speed>
                </ns3:TPX>
              </Extensions>
            </Trackpoint>`);
    }
    return `      <Lap StartTime="${iso(lapStart)}">
        <TotalTimeSeconds>600.0</TotalTimeSeconds>
        <DistanceMeters>4800.0</DistanceMeters>
        <MaximumSpeed>8.0</MaximumSpeed>
        <Calories>${110 + index * 10}</Calories>
        <AverageHeartRateBpm>
          <Value>${130 + index * 10}</Value>
        </AverageHeartRateBpm>
        <MaximumHeartRateBpm>
          <Value>${135 + index * 10}</Value>
        </MaximumHeartRateBpm>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
        <Track>
${trackPoints.join('\n')}
        </Track>
      </Lap>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd" xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns:ns2="http://www.garmin.com/xmlschemas/UserProfile/v2" xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <Activities>
    <Activity Sport="Biking">
      <Id>${new Date(start).toISOString()}</Id>
${lap(0)}
${lap(1)}
      <Creator xsi:type="Device_t">
        <Name>Edge 540</Name>
        <UnitId>3987654321</UnitId>
        <ProductID>3570</ProductID>
      </Creator>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
`;
}

mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'morning-run.fit'), morningRunFit());
writeFileSync(join(OUT, 'hill-run.gpx'), hillRunGpx());
writeFileSync(join(OUT, 'track-run.gpx.gz'), gzipSync(trackRunGpx()));
writeFileSync(join(OUT, 'long-ride.tcx'), longRideTcx());
