import { ACTIVITY_NOTES_MAX_CHARS } from '@coach/metrics';
import { parse } from 'csv-parse/sync';
import { ActivityFileError } from './activity-file-error';
import { MAX_EXPORT_ENTRIES } from './limits';

/** One row of a Strava export's `activities.csv`, in base units. */
export interface StravaCsvActivity {
  activityId: string;
  startTime: Date;
  name: string;
  /** Strava's own type name, e.g. `Run`, `Trail Run`, `Ride` */
  type: string;
  /** path inside the export, e.g. `activities/1234567890.fit.gz`; null for a manual activity */
  fileName: string | null;
  distanceMeters: number;
  elapsedTimeSeconds: number;
  movingTimeSeconds: number | null;
  elevationGainMeters: number | null;
  averageHeartRate: number | null;
  maxHeartRate: number | null;
  /** The description and the private note, within ACTIVITY_NOTES_MAX_CHARS; null when both are empty. */
  notes: string | null;
}

/** Month names as Strava's activities.csv writes them (English whatever the athlete's language). */
export const STRAVA_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
/** `Sep 20, 2026, 2:05:01 PM`, in UTC; newer exports put a narrow no-break space before PM. */
const ACTIVITY_DATE =
  /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d{2}):(\d{2})[\s\u202f]?([AP]M)$/;

function parseActivityDate(text: string): Date | null {
  const match = ACTIVITY_DATE.exec(text.trim());
  if (!match) return null;
  const [, month, day, year, hour, minute, second, half] = match;
  const monthIndex = STRAVA_MONTHS.indexOf(month as string);
  if (monthIndex === -1) return null;
  const hour24 = (Number(hour) % 12) + (half === 'PM' ? 12 : 0);
  return new Date(
    Date.UTC(Number(year), monthIndex, Number(day), hour24, Number(minute), Number(second)),
  );
}

/**
 * The athlete's words on an activity: Strava's public description, then the private note, each
 * trimmed, cut with an ellipsis to the length the page allows for notes (never between the two
 * halves of a surrogate pair).
 */
function notesOf(description: string | undefined, privateNote: string | undefined): string | null {
  const text = [description, privateNote]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join('\n\n');
  if (text === '') return null;
  if (text.length <= ACTIVITY_NOTES_MAX_CHARS) return text;
  const cut = text.slice(0, ACTIVITY_NOTES_MAX_CHARS - 1).replace(/[\uD800-\uDBFF]$/, '');
  return `${cut.trimEnd()}…`;
}

function numberOrNull(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Where each column is. Strava repeats some names: the first `Distance`, `Elapsed Time` and
 * `Max Heart Rate` are for display (distance in the athlete's km or miles), the later ones in base
 * units (metres, seconds), so a repeated name is read at its last position.
 */
function columnsOf(header: string[]) {
  const last = (name: string) => header.lastIndexOf(name);
  const required = (name: string) => {
    const index = last(name);
    if (index === -1) {
      throw new ActivityFileError(
        'wrong_format',
        `activities.csv has no "${name}" column (Strava's English export is expected)`,
      );
    }
    return index;
  };
  if (header.indexOf('Distance') === last('Distance')) {
    throw new ActivityFileError(
      'wrong_format',
      'activities.csv has one "Distance" column; the one in metres (the second) is missing',
    );
  }
  return {
    activityId: required('Activity ID'),
    date: required('Activity Date'),
    name: required('Activity Name'),
    type: required('Activity Type'),
    fileName: required('Filename'),
    distance: required('Distance'),
    elapsedTime: required('Elapsed Time'),
    movingTime: last('Moving Time'),
    elevationGain: last('Elevation Gain'),
    averageHeartRate: last('Average Heart Rate'),
    maxHeartRate: last('Max Heart Rate'),
    // absent from some exports (older ones have no private note)
    description: last('Activity Description'),
    privateNote: last('Activity Private Note'),
  };
}

/** A row's problem (rows counted from 1 after the header), reported alone: the other rows still import. */
export interface StravaCsvProblem {
  row: number;
  activityId: string | null;
  error: ActivityFileError;
}

/** Reads `activities.csv` with a real CSV parser (quoted commas and line breaks in descriptions). */
export function readStravaCsv(bytes: Uint8Array): {
  activities: StravaCsvActivity[];
  problems: StravaCsvProblem[];
} {
  let rows: string[][];
  try {
    rows = parse(Buffer.from(bytes), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 1024 * 1024,
      to: MAX_EXPORT_ENTRIES + 2,
    });
  } catch (error) {
    throw new ActivityFileError('corrupt', `activities.csv: ${(error as Error).message}`);
  }
  const [header, ...records] = rows;
  if (!header) throw new ActivityFileError('empty', 'activities.csv is empty');
  if (records.length > MAX_EXPORT_ENTRIES) {
    throw new ActivityFileError(
      'too_large',
      `activities.csv lists more than ${MAX_EXPORT_ENTRIES}`,
    );
  }
  const column = columnsOf(header);
  const cell = (record: string[], index: number) => (index === -1 ? undefined : record[index]);

  const activities: StravaCsvActivity[] = [];
  const problems: StravaCsvProblem[] = [];
  records.forEach((record, i) => {
    const activityId = cell(record, column.activityId)?.trim() || null;
    const startTime = parseActivityDate(cell(record, column.date) ?? '');
    const distanceMeters = numberOrNull(cell(record, column.distance)) ?? 0;
    const elapsedTimeSeconds = numberOrNull(cell(record, column.elapsedTime));
    if (activityId === null || startTime === null || elapsedTimeSeconds === null) {
      problems.push({
        row: i + 1,
        activityId,
        error: new ActivityFileError(
          'corrupt',
          `activities.csv row ${i + 1}: no activity id, date or elapsed time`,
        ),
      });
      return;
    }
    activities.push({
      activityId,
      startTime,
      name: cell(record, column.name)?.trim() ?? '',
      type: cell(record, column.type)?.trim() ?? '',
      fileName: cell(record, column.fileName)?.trim() || null,
      distanceMeters,
      elapsedTimeSeconds,
      movingTimeSeconds: numberOrNull(cell(record, column.movingTime)),
      elevationGainMeters: numberOrNull(cell(record, column.elevationGain)),
      averageHeartRate: numberOrNull(cell(record, column.averageHeartRate)),
      maxHeartRate:
        numberOrNull(cell(record, column.maxHeartRate)) ??
        numberOrNull(cell(record, header.indexOf('Max Heart Rate'))),
      notes: notesOf(cell(record, column.description), cell(record, column.privateNote)),
    });
  });
  return { activities, problems };
}
