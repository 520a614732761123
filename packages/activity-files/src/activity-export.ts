import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import { ActivityFileError, asActivityFileError } from './activity-file-error';
import type { ArchiveEntry, ExportArchive } from './export-archive';
import { isActivityFileName } from './file-name';
import { openFolderArchive } from './folder-archive';
import { MAX_ACTIVITY_FILE_BYTES, MAX_EXPORT_BYTES, MAX_EXPORT_CSV_BYTES } from './limits';
import type { ParsedActivity } from './parsed-activity';
import { readActivityFile } from './read-activity-file';
import { activityTypeOfName } from './sport-type';
import { readStravaCsv, type StravaCsvActivity } from './strava-csv';
import { openZipArchive } from './zip-archive';

/** One activity of an export, read or not; `origin` names it for the athlete (a path, or a CSV row). */
export type ExportItem =
  | {
      origin: string;
      stravaActivityId: string | null;
      activity: ParsedActivity;
      /** Set when the activity's file could not be read and its CSV row stood in for it. */
      fileError?: ActivityFileError;
    }
  | { origin: string; stravaActivityId: string | null; error: ActivityFileError };

export interface ActivityExport {
  /** How many items `items()` yields, for a progress bar. */
  total: number;
  /** Reads the activities one at a time; the archive is closed when the loop ends or is left. */
  items(): AsyncGenerator<ExportItem>;
}

const STRAVA_CSV = 'activities.csv';

/**
 * A Strava row's own words win over the file's: the athlete may have renamed or retyped it, and
 * wrote the notes there.
 */
function withStravaDetails(activity: ParsedActivity, row: StravaCsvActivity): ParsedActivity {
  return {
    ...activity,
    name: row.name || activity.name,
    type: row.type ? activityTypeOfName(row.type) : activity.type,
    notes: row.notes,
  };
}

/** An activity with no readable file (a manual entry, or a lost or damaged file), from its row. */
function fromStravaColumns(row: StravaCsvActivity): ParsedActivity {
  return {
    format: 'strava_csv',
    fileDigest: null,
    fileActivityId: null,
    startTime: row.startTime,
    type: activityTypeOfName(row.type),
    name: row.name || null,
    distanceMeters: row.distanceMeters,
    movingTimeSeconds: Math.round(row.movingTimeSeconds ?? row.elapsedTimeSeconds),
    elevationGainMeters: row.elevationGainMeters ?? 0,
    averageHeartRate: row.averageHeartRate,
    maxHeartRate: row.maxHeartRate,
    heartRateSamples: [],
    notes: row.notes,
  };
}

/** A zip made on a Mac holds `__MACOSX/…/._name` copies of each file's metadata: not activities. */
function isMacOsMetadata(name: string): boolean {
  return name.startsWith('__MACOSX/') || posix.basename(name).startsWith('._');
}

/** The shallowest `activities.csv`: some tools wrap the export in a top folder. */
function stravaCsvEntry(entries: readonly ArchiveEntry[]): ArchiveEntry | undefined {
  return entries
    .filter((entry) => posix.basename(entry.name) === STRAVA_CSV)
    .sort((a, b) => a.name.split('/').length - b.name.split('/').length)[0];
}

/**
 * Reads an export: a Strava bulk export (its `activities.csv` joined to the files under
 * `activities/` by the CSV's `Filename`), or any zip or folder of activity files. A row without a
 * file, or whose file cannot be read, imports from the CSV's columns; a file the CSV does not name
 * imports alone. Each file is read and parsed on its own, so one bad file fails only itself.
 */
async function openActivityExport(archive: ExportArchive): Promise<ActivityExport> {
  const csvEntry = stravaCsvEntry(archive.entries);
  const base = csvEntry ? posix.dirname(csvEntry.name).replace(/^\.$/, '') : '';
  const { activities: rows, problems } = csvEntry
    ? readStravaCsv(await archive.read(csvEntry, MAX_EXPORT_CSV_BYTES))
    : { activities: [], problems: [] };

  const files = new Map(
    archive.entries
      .filter((entry) => isActivityFileName(entry.name) && !isMacOsMetadata(entry.name))
      .map((entry) => [entry.name, entry]),
  );
  const joined = rows.map((row) => {
    const name = row.fileName === null ? null : posix.join(base, row.fileName);
    const entry = name === null ? undefined : files.get(name);
    if (name !== null) files.delete(name);
    return { row, name, entry };
  });
  const unlisted = [...files.values()];
  let bytesRead = csvEntry?.size ?? 0;

  async function readFile(entry: ArchiveEntry): Promise<ParsedActivity> {
    bytesRead += entry.size;
    if (bytesRead > MAX_EXPORT_BYTES) {
      throw new ActivityFileError(
        'too_large',
        `the export holds more than ${MAX_EXPORT_BYTES} bytes`,
      );
    }
    return readActivityFile(entry.name, await archive.read(entry, MAX_ACTIVITY_FILE_BYTES));
  }

  async function* items(): AsyncGenerator<ExportItem> {
    try {
      for (const { name, error } of archive.refused) {
        yield { origin: name, stravaActivityId: null, error };
      }
      for (const { row, activityId, error } of problems) {
        yield { origin: `${STRAVA_CSV} row ${row}`, stravaActivityId: activityId, error };
      }
      for (const { row, name, entry } of joined) {
        const origin = name ?? `${STRAVA_CSV}: ${row.name || row.activityId}`;
        const stravaActivityId = row.activityId;
        if (name === null) {
          yield { origin, stravaActivityId, activity: fromStravaColumns(row) };
          continue;
        }
        try {
          if (!entry)
            throw new ActivityFileError('missing_file', 'named in activities.csv but absent');
          yield {
            origin,
            stravaActivityId,
            activity: withStravaDetails(await readFile(entry), row),
          };
        } catch (error) {
          const fileError = asActivityFileError(error);
          yield { origin, stravaActivityId, activity: fromStravaColumns(row), fileError };
        }
      }
      for (const entry of unlisted) {
        try {
          yield { origin: entry.name, stravaActivityId: null, activity: await readFile(entry) };
        } catch (error) {
          yield { origin: entry.name, stravaActivityId: null, error: asActivityFileError(error) };
        }
      }
    } finally {
      await archive.close();
    }
  }

  return {
    total: archive.refused.length + problems.length + joined.length + unlisted.length,
    items,
  };
}

/** Opens a `.zip` or a folder as an export. */
export async function openExportAt(path: string): Promise<ActivityExport> {
  const archive = (await stat(path)).isDirectory()
    ? await openFolderArchive(path)
    : await openZipArchive(path);
  try {
    return await openActivityExport(archive);
  } catch (error) {
    await archive.close();
    throw error;
  }
}
