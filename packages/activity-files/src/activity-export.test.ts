import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExportItem, openExportAt } from './activity-export';
import { activityFixture, stravaCsv, writeZip } from './testing';

const fixture = (name: string) => readFile(activityFixture(name));

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'activity-export-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function itemsOf(path: string): Promise<{ total: number; items: ExportItem[] }> {
  const opened = await openExportAt(path);
  const items: ExportItem[] = [];
  for await (const item of opened.items()) items.push(item);
  return { total: opened.total, items };
}

/** A Strava export's files: four activities in the CSV (one manual, one whose file is lost). */
async function stravaExportFiles() {
  const csv = stravaCsv([
    {
      id: '101',
      date: 'Sep 20, 2026, 6:30:00 AM',
      name: 'Trail loop',
      type: 'Trail Run',
      description: 'Muddy after the rain',
      privateNote: 'Left knee twinged on the descent',
      fileName: 'activities/9001.fit.gz',
      elapsedSeconds: 1920,
      movingSeconds: 1800,
      meters: 5040,
    },
    {
      id: '102',
      date: 'Sep 21, 2026, 5:10:00 PM',
      name: 'Hill repeats',
      type: 'Run',
      fileName: 'activities/9002.gpx',
      elapsedSeconds: 1440,
      movingSeconds: 1200,
      meters: 3600,
    },
    {
      id: '103',
      date: 'Sep 22, 2026, 7:00:00 AM',
      name: 'Treadmill, hotel gym',
      type: 'Run',
      description: 'Jet-lagged, kept it easy',
      elapsedSeconds: 2400,
      movingSeconds: 2350,
      meters: 8000,
      averageHeartRate: 141,
      maxHeartRate: 158,
    },
    {
      id: '104',
      date: 'Sep 23, 2026, 7:00:00 AM',
      name: 'Lost file',
      type: 'Ride',
      fileName: 'activities/9004.tcx.gz',
      elapsedSeconds: 3000,
      movingSeconds: 2900,
      meters: 20000,
      climbMeters: 150,
    },
  ]);
  return [
    { name: 'activities.csv', data: csv },
    { name: 'activities/9001.fit.gz', data: gzipSync(await fixture('morning-run.fit')) },
    { name: 'activities/9002.gpx', data: await fixture('hill-run.gpx') },
    // not in the CSV: read on its own
    { name: 'activities/9005.tcx', data: await fixture('long-ride.tcx') },
    { name: 'profile.csv', data: Buffer.from('not an activity') },
    // what a Mac's zip adds beside each file: not an activity
    { name: '__MACOSX/activities/._9002.gpx', data: Buffer.from([0, 5, 22, 7]) },
  ];
}

function byOrigin(items: ExportItem[]) {
  return Object.fromEntries(items.map((item) => [item.origin, item]));
}

describe('openExportAt on a Strava export', () => {
  it('joins activities.csv to the files and reads rows without a file from the CSV', async () => {
    const path = join(folder, 'export.zip');
    await writeZip(path, await stravaExportFiles());
    const { total, items } = await itemsOf(path);
    expect(total).toBe(5);
    expect(items).toHaveLength(5);
    const found = byOrigin(items);

    expect(found['activities/9001.fit.gz']).toMatchObject({
      stravaActivityId: '101',
      activity: {
        format: 'fit',
        fileActivityId: '3912345678-2026-09-20T06:30:00.000Z',
        name: 'Trail loop',
        type: 'trail_run',
        distanceMeters: 5040,
        movingTimeSeconds: 1800,
        notes: 'Muddy after the rain\n\nLeft knee twinged on the descent',
      },
    });
    expect(found['activities/9002.gpx']).toMatchObject({
      stravaActivityId: '102',
      activity: { format: 'gpx', name: 'Hill repeats', type: 'run', notes: null },
    });
    expect(found['activities.csv: Treadmill, hotel gym']).toEqual({
      origin: 'activities.csv: Treadmill, hotel gym',
      stravaActivityId: '103',
      activity: {
        format: 'strava_csv',
        fileDigest: null,
        fileActivityId: null,
        startTime: new Date('2026-09-22T07:00:00Z'),
        type: 'run',
        name: 'Treadmill, hotel gym',
        distanceMeters: 8000,
        movingTimeSeconds: 2350,
        elevationGainMeters: 0,
        averageHeartRate: 141,
        maxHeartRate: 158,
        heartRateSamples: [],
        notes: 'Jet-lagged, kept it easy',
      },
    });
    // the file is named but absent: the row stands in, and the reason is kept
    expect(found['activities/9004.tcx.gz']).toMatchObject({
      stravaActivityId: '104',
      activity: {
        format: 'strava_csv',
        type: 'ride',
        distanceMeters: 20000,
        elevationGainMeters: 150,
      },
      fileError: { reason: 'missing_file' },
    });
    expect(found['activities/9005.tcx']).toMatchObject({
      stravaActivityId: null,
      activity: { format: 'tcx', distanceMeters: 9600, notes: null },
    });
  });

  it('reads the same export unpacked into a folder', async () => {
    const unpacked = join(folder, 'unpacked');
    for (const { name, data } of await stravaExportFiles()) {
      await mkdir(join(unpacked, name, '..'), { recursive: true });
      await writeFile(join(unpacked, name), data);
    }
    const fromFolder = await itemsOf(unpacked);
    const fromZip = await itemsOf(join(folder, 'export.zip'));
    expect(byOrigin(fromFolder.items)).toEqual(byOrigin(fromZip.items));
  });

  it('uses the CSV row when a named file is damaged', async () => {
    const path = join(folder, 'damaged.zip');
    const files = await stravaExportFiles();
    const fit = files.find((file) => file.name === 'activities/9001.fit.gz');
    if (fit) fit.data = gzipSync(Buffer.from('not a FIT file at all'));
    await writeZip(path, files);
    const found = byOrigin((await itemsOf(path)).items);
    expect(found['activities/9001.fit.gz']).toMatchObject({
      stravaActivityId: '101',
      activity: { format: 'strava_csv', name: 'Trail loop', distanceMeters: 5040 },
      fileError: { reason: 'wrong_format' },
    });
  });
});

describe('openExportAt on hostile archives', () => {
  it('refuses an entry that climbs out of the folder and reads the rest', async () => {
    const path = join(folder, 'climbing.zip');
    const gpx = await fixture('hill-run.gpx');
    // yazl refuses such names, so the zip is written with a stand-in of the same length, then patched.
    await writeZip(path, [
      { name: 'xx/evil.gpx', data: gpx },
      { name: 'activities/ok.gpx', data: gpx },
    ]);
    const bytes = await readFile(path);
    await writeFile(
      path,
      Buffer.from(bytes.toString('latin1').replaceAll('xx/evil.gpx', '../evil.gpx'), 'latin1'),
    );
    const found = byOrigin((await itemsOf(path)).items);
    expect(found['../evil.gpx']).toMatchObject({ error: { reason: 'unsafe_path' } });
    expect(found['activities/ok.gpx']).toMatchObject({ activity: { format: 'gpx' } });
  });

  it('refuses a zip bomb entry without inflating it', async () => {
    const path = join(folder, 'bomb.zip');
    await writeZip(path, [
      { name: 'activities/bomb.gpx', data: Buffer.alloc(20 * 1024 * 1024) },
      { name: 'activities/ok.gpx', data: await fixture('hill-run.gpx') },
    ]);
    const found = byOrigin((await itemsOf(path)).items);
    expect(found['activities/bomb.gpx']).toMatchObject({ error: { reason: 'too_large' } });
    expect(found['activities/ok.gpx']).toMatchObject({ activity: { format: 'gpx' } });
  });

  it('reports a bad file inside and goes on', async () => {
    const path = join(folder, 'bad-file.zip');
    await writeZip(path, [
      { name: 'activities/empty.fit', data: new Uint8Array() },
      { name: 'activities/ok.gpx', data: await fixture('hill-run.gpx') },
    ]);
    const found = byOrigin((await itemsOf(path)).items);
    expect(found['activities/empty.fit']).toMatchObject({ error: { reason: 'empty' } });
    expect(found['activities/ok.gpx']).toMatchObject({ activity: { format: 'gpx' } });
  });

  it('refuses a file that is not a zip', async () => {
    const path = join(folder, 'not.zip');
    await writeFile(path, 'plain text');
    await expect(openExportAt(path)).rejects.toMatchObject({ reason: 'corrupt' });
  });
});
