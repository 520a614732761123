import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import { type StravaCsvRow, stravaActivityDate, stravaCsv } from '@coach/activity-files/testing';
import type { LocalDate } from '@coach/metrics';
import yazl from 'yazl';
import { activityFit } from './activity-fit';
import { syntheticTrack } from './activity-track';
import { activityGpx, activityTcx } from './activity-xml';
import { generateAthleteHistory } from './generate';
import { hashSeed, rngFor } from './random';
import type { AthleteProfile, GeneratedActivity } from './types';

export interface StravaExportOptions {
  seed: number;
  /** the day after the last activity, in the athlete's time zone */
  today: LocalDate;
  /** how many activities: the latest of the generator's history */
  activities: number;
  /** seconds between two track points (devices' smart recording: a few seconds); default 10 */
  sampleSeconds?: number;
}

/** How an activity reached Strava, which decides its file in the export. */
type ExportFileKind = 'fit.gz' | 'gpx' | 'gpx.gz' | 'tcx.gz' | 'none';

export interface ExportedActivity {
  activity: GeneratedActivity;
  stravaActivityId: string;
  kind: ExportFileKind;
  /** the CSV's `Filename`: `activities/<upload id>.<kind>`, null for a manual entry */
  fileName: string | null;
}

/** Watches' FIT files most, the app's GPX, older devices' TCX, and a few entered by hand. */
const FILE_KINDS: readonly (readonly [ExportFileKind, number])[] = [
  ['fit.gz', 55],
  ['gpx', 10],
  ['gpx.gz', 15],
  ['tcx.gz', 15],
  ['none', 5],
];
const STRAVA_TYPE: Record<GeneratedActivity['type'], string> = {
  run: 'Run',
  trail_run: 'Trail Run',
  ride: 'Ride',
};
/** The generator records about 0.74 activities a day. */
const DAYS_PER_ACTIVITY = 1.5;
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

/** What an export holds: the athlete it belongs to, and their activities with their files. */
export interface StravaExport {
  profile: AthleteProfile;
  activities: ExportedActivity[];
}

/** The generator's athlete for this seed, with the latest `count` activities of their history. */
function latestActivities(
  seed: number,
  today: LocalDate,
  count: number,
): { profile: AthleteProfile; activities: GeneratedActivity[] } {
  for (let days = Math.ceil(count * DAYS_PER_ACTIVITY) + 30; ; days *= 2) {
    const { profile, activities } = generateAthleteHistory({ seed, today, days });
    if (activities.length >= count) {
      return { profile, activities: activities.slice(activities.length - count) };
    }
  }
}

/** Which activities the export holds and under which files: a pure function of the options. */
export function planStravaExport(options: StravaExportOptions): StravaExport {
  const kinds = rngFor(options.seed, 'strava-export-files');
  const { profile, activities } = latestActivities(options.seed, options.today, options.activities);
  return {
    profile,
    activities: activities.map((activity, i) => {
      const kind = kinds.weighted(FILE_KINDS);
      const uploadId = 10_000_000_000 + i * 7919;
      return {
        activity,
        stravaActivityId: String(9_000_000_000 + i * 104_729),
        kind,
        fileName: kind === 'none' ? null : `activities/${uploadId}.${kind}`,
      };
    }),
  };
}

function csvRow({ activity, stravaActivityId, fileName }: ExportedActivity): StravaCsvRow {
  return {
    id: stravaActivityId,
    date: stravaActivityDate(activity.startTime),
    name: activity.name,
    type: STRAVA_TYPE[activity.type],
    ...(fileName === null ? {} : { fileName }),
    elapsedSeconds: activity.movingTimeSeconds,
    movingSeconds: activity.movingTimeSeconds,
    meters: activity.distanceMeters,
    climbMeters: activity.elevationGainMeters,
    ...(activity.maxHeartRate === null ? {} : { maxHeartRate: activity.maxHeartRate }),
    ...(activity.averageHeartRate === null ? {} : { averageHeartRate: activity.averageHeartRate }),
  };
}

/** The activity's file as the export holds it. */
function exportFileOf(
  { activity, kind, stravaActivityId }: ExportedActivity,
  sampleSeconds: number,
): Uint8Array {
  const track = syntheticTrack(activity, sampleSeconds);
  switch (kind) {
    case 'fit.gz':
      return gzipSync(activityFit(activity, track, hashSeed('fit-serial', stravaActivityId)));
    case 'gpx':
      return Buffer.from(activityGpx(activity, track));
    case 'gpx.gz':
      return gzipSync(activityGpx(activity, track));
    case 'tcx.gz':
      return gzipSync(activityTcx(activity, track));
    case 'none':
      throw new Error('a manual activity has no file');
  }
}

/**
 * Writes a Strava bulk export (`activities.csv` and the files under `activities/`) of the
 * generator's latest activities, deterministically from the options. The zip is streamed: each
 * file is made only when the writer reaches it, so memory stays small at any size. Returns what it
 * holds, for the caller to compare with what an import reads.
 */
export async function writeStravaExport(
  path: string,
  options: StravaExportOptions,
): Promise<StravaExport> {
  const sampleSeconds = options.sampleSeconds ?? 10;
  const planned = planStravaExport(options);
  const exported = planned.activities;
  const zip = new yazl.ZipFile();
  zip.addBuffer(stravaCsv(exported.map(csvRow)), 'activities.csv', { mtime: ZIP_TIME });
  for (const item of exported) {
    if (item.fileName === null) continue;
    const lazyFile = Readable.from(
      (function* () {
        yield exportFileOf(item, sampleSeconds);
      })(),
      { objectMode: false },
    );
    // A gzipped file would not shrink again: stored as Strava stores it.
    zip.addReadStream(lazyFile, item.fileName, {
      mtime: ZIP_TIME,
      compress: !item.kind.endsWith('.gz'),
    });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
  return planned;
}
