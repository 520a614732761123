import { ActivityFileError } from './activity-file-error';
import type { ActivityFileFormat } from './parsed-activity';

const ACTIVITY_FILE_NAME = /\.(fit|gpx|tcx)(\.gz)?$/i;

/** The format and compression a file's name declares; its content is checked against it when read. */
export function activityFileKind(fileName: string): {
  format: ActivityFileFormat;
  gzipped: boolean;
} {
  const match = ACTIVITY_FILE_NAME.exec(fileName);
  if (!match) {
    throw new ActivityFileError(
      'unsupported_format',
      'not an activity file: expected .fit, .gpx or .tcx, plain or .gz',
    );
  }
  return { format: (match[1] as string).toLowerCase() as ActivityFileFormat, gzipped: !!match[2] };
}

/** Whether a name looks like an activity file, to pick them out of a folder or an archive. */
export function isActivityFileName(fileName: string): boolean {
  return ACTIVITY_FILE_NAME.test(fileName);
}
