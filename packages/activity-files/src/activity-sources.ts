import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type ActivityExport, type ExportItem, openExportAt } from './activity-export';
import { ActivityFileError, asActivityFileError } from './activity-file-error';
import { readFileBounded } from './bounded-read';
import { isActivityFileName } from './file-name';
import { MAX_ACTIVITY_FILE_BYTES } from './limits';
import { readActivityFile } from './read-activity-file';

function failed(origin: string, error: unknown): ExportItem {
  return {
    origin,
    stravaActivityId: null,
    error: asActivityFileError(error),
  };
}

/** One activity file as an export of one item. */
function singleFile(path: string): ActivityExport {
  return {
    total: 1,
    async *items() {
      try {
        const bytes = await readFileBounded(path, MAX_ACTIVITY_FILE_BYTES);
        yield { origin: path, stravaActivityId: null, activity: readActivityFile(path, bytes) };
      } catch (error) {
        yield failed(path, error);
      }
    },
  };
}

/** A path that could not be opened at all, as one failed item. */
function unusable(path: string, error: unknown): ActivityExport {
  return {
    total: 1,
    async *items() {
      yield failed(path, error);
    },
  };
}

/** An export's items named by their path through the zip or folder, as the athlete gave it. */
function inside(path: string, opened: ActivityExport): ActivityExport {
  return {
    total: opened.total,
    async *items() {
      for await (const item of opened.items()) yield { ...item, origin: `${path}/${item.origin}` };
    },
  };
}

async function openSource(path: string): Promise<ActivityExport> {
  try {
    const stats = await stat(path);
    if (stats.isDirectory() || /\.zip$/i.test(path)) return inside(path, await openExportAt(path));
    if (isActivityFileName(basename(path))) return singleFile(path);
    throw new ActivityFileError(
      'unsupported_format',
      'not an activity file (.fit, .gpx, .tcx, plain or .gz), a .zip or a folder',
    );
  } catch (error) {
    return unusable(path, error);
  }
}

/**
 * What an import is given: activity files, folders and zips (Strava exports or not), as one
 * stream of items. A path that cannot be read becomes one failed item; the others go on.
 */
export async function openActivitySources(paths: readonly string[]): Promise<ActivityExport> {
  const sources: ActivityExport[] = [];
  for (const path of paths) sources.push(await openSource(path));
  return {
    total: sources.reduce((sum, source) => sum + source.total, 0),
    async *items() {
      for (const source of sources) yield* source.items();
    },
  };
}
