import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ActivityFileError, type ActivityFileErrorReason } from './activity-file-error';
import { MAX_ACTIVITY_FILE_BYTES } from './limits';
import { readActivityFile } from './read-activity-file';
import { activityFixture } from './testing';

// The sample files and how they were made: fixtures/activities/README.md.
const fixture = (name: string) => readFileSync(activityFixture(name));

function reasonOf(read: () => unknown): ActivityFileErrorReason | 'no error' {
  try {
    read();
    return 'no error';
  } catch (error) {
    if (error instanceof ActivityFileError) return error.reason;
    throw error;
  }
}

describe('readActivityFile on the sample files', () => {
  it('reads the FIT run from its session totals', () => {
    const run = readActivityFile('morning-run.fit', fixture('morning-run.fit'));
    expect(run).toMatchObject({
      format: 'fit',
      fileActivityId: '3912345678-2026-09-20T06:30:00.000Z',
      startTime: new Date('2026-09-20T06:30:00Z'),
      type: 'trail_run',
      distanceMeters: 5040,
      // total_timer_time: the two-minute stop is not moving time
      movingTimeSeconds: 1800,
      elevationGainMeters: 35,
      averageHeartRate: 145,
      maxHeartRate: 160,
    });
    // one record every 2 s over 1,800 s; the stop is left out of the stream's clock
    expect(run.heartRateSamples).toHaveLength(901);
    expect(run.heartRateSamples.at(-1)?.seconds).toBeGreaterThanOrEqual(1790);
  });

  it('computes a GPX run from its points, with the pause left out', () => {
    const run = readActivityFile('hill-run.gpx', fixture('hill-run.gpx'));
    expect(run).toMatchObject({
      format: 'gpx',
      fileActivityId: null,
      startTime: new Date('2026-09-21T17:10:00Z'),
      type: 'run',
      name: 'Hill repeats',
      maxHeartRate: 160,
    });
    // 1,200 s at 3 m/s along a meridian: 3,600 m, within 0.5%
    expect(run.distanceMeters).toBeGreaterThan(3600 * 0.995);
    expect(run.distanceMeters).toBeLessThan(3600 * 1.005);
    // 1,200 s moving; the 240 s stop (one gap, with the interval it ends) is left out: within 5 s
    expect(Math.abs(run.movingTimeSeconds - 1200)).toBeLessThanOrEqual(5);
    // 60 m of climb under ±1 m of noise: within 2 m
    expect(Math.abs(run.elevationGainMeters - 60)).toBeLessThanOrEqual(2);
    // half the moving time at 140 bpm, half at 160: 150 within 1 bpm
    expect(Math.abs((run.averageHeartRate ?? 0) - 150)).toBeLessThanOrEqual(1);
  });

  it('reads heart rate under the ns3: prefix of a gzipped GPX, and no climb from noise', () => {
    const run = readActivityFile('track-run.gpx.gz', fixture('track-run.gpx.gz'));
    expect(run).toMatchObject({ format: 'gpx', name: 'Track session', movingTimeSeconds: 1200 });
    // 1,200 s at 4 m/s: 4,800 m within 0.5%
    expect(Math.abs(run.distanceMeters - 4800)).toBeLessThan(24);
    // flat track, ±1.2 m of noise: no climb
    expect(run.elevationGainMeters).toBe(0);
    // 150 ± 5 bpm around a sine: mean 150 within 1 bpm, max 155
    expect(Math.abs((run.averageHeartRate ?? 0) - 150)).toBeLessThanOrEqual(1);
    expect(run.maxHeartRate).toBe(155);
    expect(run.heartRateSamples).toHaveLength(601);
  });

  it("takes a TCX ride's time, distance and heart rate from its laps and the climb from its track", () => {
    const ride = readActivityFile('long-ride.tcx', fixture('long-ride.tcx'));
    expect(ride).toMatchObject({
      format: 'tcx',
      fileActivityId: '2026-09-19T07:00:00.000Z',
      startTime: new Date('2026-09-19T07:00:00Z'),
      type: 'ride',
      distanceMeters: 9600,
      // two laps of 600 s; the 180 s stop between them is not in the laps' totals
      movingTimeSeconds: 1200,
      // laps of 600 s at 130 and 140 bpm; maxima 135 and 145
      averageHeartRate: 135,
      maxHeartRate: 145,
    });
    // 30 m up then 30 m down under ±0.8 m of noise: 30 within 2 m
    expect(Math.abs(ride.elevationGainMeters - 30)).toBeLessThanOrEqual(2);
  });

  it('reads the same file gzipped', () => {
    const plain = readActivityFile('long-ride.tcx', fixture('long-ride.tcx'));
    expect(readActivityFile('long-ride.tcx.gz', gzipSync(fixture('long-ride.tcx')))).toEqual(plain);
    const fit = readActivityFile('morning-run.fit', fixture('morning-run.fit'));
    expect(readActivityFile('MORNING-RUN.FIT.GZ', gzipSync(fixture('morning-run.fit')))).toEqual(
      fit,
    );
  });
});

describe('readActivityFile on bad files', () => {
  const gpx = fixture('hill-run.gpx');
  const fit = fixture('morning-run.fit');
  const gpxText = gpx.toString('utf8');

  it.each<[string, string, () => Uint8Array, ActivityFileErrorReason]>([
    ['an empty file', 'run.gpx', () => new Uint8Array(), 'empty'],
    ['an empty file, gzipped', 'run.fit.gz', () => gzipSync(Buffer.alloc(0)), 'empty'],
    ['another kind of file', 'notes.txt', () => gpx, 'unsupported_format'],
    ['a name without an extension', 'activity', () => fit, 'unsupported_format'],
    ['a FIT file named .gpx', 'run.gpx', () => fit, 'wrong_format'],
    ['a GPX file named .fit', 'run.fit', () => gpx, 'wrong_format'],
    ['a GPX file named .tcx', 'run.tcx', () => gpx, 'wrong_format'],
    ['a plain file named .gz', 'run.gpx.gz', () => gpx, 'wrong_format'],
    ['a FIT file cut short', 'run.fit', () => fit.subarray(0, fit.length / 2), 'truncated'],
    ['a GPX file cut short', 'run.gpx', () => gpx.subarray(0, gpx.length / 2), 'truncated'],
    [
      'a gzipped file cut short',
      'run.gpx.gz',
      () => {
        const zipped = gzipSync(gpx);
        return zipped.subarray(0, zipped.length / 2);
      },
      'truncated',
    ],
    [
      'a FIT file with a damaged byte',
      'run.fit',
      () => {
        const damaged = Buffer.from(fit);
        const middle = Math.floor(fit.length / 2);
        damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
        return damaged;
      },
      'corrupt',
    ],
    [
      'GPX that is not well-formed',
      'run.gpx',
      () => Buffer.from(gpxText.replace('</ele>', '</el>')),
      'corrupt',
    ],
    [
      'XML with entity expansion',
      'run.gpx',
      () =>
        Buffer.from(`<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><name>&b;</name></trk></gpx>`),
      'unsafe_xml',
    ],
    [
      'GPX without a track',
      'run.gpx',
      () => Buffer.from('<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"></gpx>'),
      'no_activity',
    ],
    [
      'TCX without an activity',
      'run.tcx',
      () =>
        Buffer.from(
          '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"/>',
        ),
      'no_activity',
    ],
    [
      'bytes that are not text',
      'run.tcx',
      () => Buffer.from([0x3c, 0xff, 0xfe, 0x00]),
      'wrong_format',
    ],
  ])('refuses %s', (_, name, bytes, reason) => {
    expect(reasonOf(() => readActivityFile(name, bytes()))).toBe(reason);
  });

  it('refuses a gzip bomb without inflating it all', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_ACTIVITY_FILE_BYTES + 1));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(reasonOf(() => readActivityFile('bomb.gpx.gz', bomb))).toBe('too_large');
  });

  it('throws only ActivityFileError on random bytes', () => {
    let seed = 1;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 60; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 400) }, () =>
        Math.floor(random() * 256),
      );
      // Half of them keep a real file's first bytes, so the readers get past the magic numbers.
      if (i % 2 === 0) bytes.set(fit.subarray(0, Math.min(bytes.length, 40)));
      for (const name of ['x.fit', 'x.gpx', 'x.tcx', 'x.fit.gz']) {
        expect(reasonOf(() => readActivityFile(name, bytes))).not.toBe('no error');
      }
    }
  });
});
