import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportItem } from './activity-export';
import { openActivitySources } from './activity-sources';
import { activityFixture, writeZip } from './testing';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'activity-sources-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe('openActivitySources', () => {
  it('takes files, folders and zips, and reports paths it cannot use as items', async () => {
    const watchFolder = join(folder, 'watch');
    await mkdir(watchFolder);
    await copyFile(activityFixture('long-ride.tcx'), join(watchFolder, 'ride.tcx'));
    await copyFile(activityFixture('track-run.gpx.gz'), join(watchFolder, 'track.gpx.gz'));
    const zip = join(folder, 'runs.zip');
    await writeZip(zip, [
      { name: 'hill.gpx', data: Buffer.from('<gpx') },
      { name: 'notes.txt', data: Buffer.from('ignored') },
    ]);
    const notes = join(folder, 'notes.txt');
    await writeFile(notes, 'not an activity');

    const sources = await openActivitySources([
      activityFixture('morning-run.fit'),
      watchFolder,
      zip,
      join(folder, 'missing.gpx'),
      notes,
    ]);
    const items: ExportItem[] = [];
    for await (const item of sources.items()) items.push(item);

    expect(sources.total).toBe(6);
    expect(
      items.map((item) => [
        item.origin,
        'activity' in item ? item.activity.format : item.error.reason,
      ]),
    ).toEqual([
      [activityFixture('morning-run.fit'), 'fit'],
      [`${watchFolder}/ride.tcx`, 'tcx'],
      [`${watchFolder}/track.gpx.gz`, 'gpx'],
      [`${zip}/hill.gpx`, 'truncated'],
      [join(folder, 'missing.gpx'), 'unreadable'],
      [notes, 'unsupported_format'],
    ]);
  });
});
