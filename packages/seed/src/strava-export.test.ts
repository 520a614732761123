import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ExportItem, openExportAt } from '@coach/activity-files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportedActivity, writeStravaExport } from './strava-export';

const OPTIONS = { seed: 11, today: '2026-11-20', activities: 40 } as const;

describe('a synthetic Strava export', () => {
  let directory: string;
  let exported: ExportedActivity[];
  let items: ExportItem[];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'strava-export-'));
    exported = (await writeStravaExport(join(directory, 'export.zip'), OPTIONS)).activities;
    const opened = await openExportAt(join(directory, 'export.zip'));
    items = [];
    for await (const item of opened.items()) items.push(item);
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  it('holds every kind of file Strava exports, and rows without one', () => {
    expect(exported).toHaveLength(OPTIONS.activities);
    expect(new Set(exported.map((item) => item.kind))).toEqual(
      new Set(['fit.gz', 'gpx', 'gpx.gz', 'tcx.gz', 'none']),
    );
  });

  it('reads back, through the importers, as the activities the generator made', () => {
    expect(items).toHaveLength(exported.length);
    for (const [i, item] of items.entries()) {
      const { activity, kind, stravaActivityId } = exported[i] as ExportedActivity;
      if (!('activity' in item)) throw new Error(`${item.origin}: ${item.error.message}`);
      expect(item.fileError).toBeUndefined();
      expect(item.stravaActivityId).toBe(stravaActivityId);
      const read = item.activity;
      expect(read.format).toBe(kind === 'none' ? 'strava_csv' : kind.slice(0, 3));
      expect(read.startTime).toEqual(activity.startTime);
      expect(read.type).toBe(activity.type);
      expect(read.name).toBe(activity.name);
      // GPX is measured from its points (rounded to 1e-7°, about a centimetre), the others carry totals.
      expect(read.distanceMeters).toBeCloseTo(activity.distanceMeters, -1);
      expect(Math.abs(read.distanceMeters - activity.distanceMeters)).toBeLessThan(2);
      expect(read.movingTimeSeconds).toBe(activity.movingTimeSeconds);
      // A climb measured from the track loses at most the readers' 3 m hysteresis.
      expect(read.elevationGainMeters).toBeLessThanOrEqual(activity.elevationGainMeters + 0.5);
      expect(read.elevationGainMeters).toBeGreaterThanOrEqual(activity.elevationGainMeters - 3);
      if (activity.averageHeartRate === null) {
        expect(read.averageHeartRate).toBeNull();
      } else {
        expect(Math.abs((read.averageHeartRate ?? 0) - activity.averageHeartRate)).toBeLessThan(1);
        expect(read.maxHeartRate).toBe(activity.maxHeartRate);
      }
      expect(read.heartRateSamples.length > 0).toBe(
        kind !== 'none' && activity.averageHeartRate !== null,
      );
    }
  });

  it('is the same file, byte for byte, from the same options', async () => {
    const again = join(directory, 'again.zip');
    await writeStravaExport(again, OPTIONS);
    expect(await readFile(again)).toEqual(await readFile(join(directory, 'export.zip')));
  });
});
