import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import {
  type ActivityMesg,
  Encoder,
  type EventMesg,
  type FileIdMesg,
  type LapMesg,
  Profile,
  type RecordMesg,
  type SessionMesg,
} from '@garmin/fitsdk';
import { addDays, type LocalDate } from '@coach/metrics';
import yazl from 'yazl';
import { STRAVA_MONTHS } from './strava-csv';

/** The path of a sample file under fixtures/activities/ (see the README there). */
export function activityFixture(name: string): string {
  return fileURLToPath(new URL(`../../../fixtures/activities/${name}`, import.meta.url));
}

/** A FIT message's global number, by the SDK's name for it (`RECORD`, `SESSION`, …). */
export function fitMessageNumber(name: string): number {
  const number = Profile.MesgNum[name];
  if (number === undefined) throw new Error(`no FIT message ${name}`);
  return number;
}

const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;

/** A latitude or longitude as FIT records carry it. */
export function semicircles(degrees: number): number {
  return Math.round(degrees * SEMICIRCLES_PER_DEGREE);
}

/** A record of a FIT activity: at a time, like every record a device writes. */
export type FitRecord = RecordMesg & { timestamp: Date };

export interface FitActivity {
  serialNumber: number;
  start: Date;
  /** when the timer stopped for good */
  end: Date;
  records: readonly FitRecord[];
  /** the timer stood still from `from` to `to`: written before the first record after `from` */
  pauses?: readonly { from: Date; to: Date }[];
  /** the device's totals, as the lap and the session carry them */
  totals: Omit<LapMesg & SessionMesg, 'timestamp' | 'startTime' | 'messageIndex' | 'numLaps'> & {
    totalTimerTime: number;
  };
}

/**
 * A FIT activity file as a watch writes one, with Garmin's own encoder: file id, a timer start,
 * the records (with the timer's stops and starts between them), the timer's last stop, then one lap
 * and a session carrying the device's totals, and the activity.
 */
export function encodeActivityFit({
  serialNumber,
  start,
  end,
  records,
  pauses = [],
  totals,
}: FitActivity): Uint8Array {
  const encoder = new Encoder();
  const fileId: FileIdMesg = {
    type: 'activity',
    manufacturer: 'development',
    product: 1,
    serialNumber,
    timeCreated: start,
  };
  encoder.onMesg(fitMessageNumber('FILE_ID'), fileId);
  const timer = (timestamp: Date, eventType: EventMesg['eventType']) => {
    const event: EventMesg = { timestamp, event: 'timer', eventType };
    encoder.onMesg(fitMessageNumber('EVENT'), event);
  };
  timer(start, 'start');
  const pausesAhead = [...pauses];
  for (const record of records) {
    for (
      let pause = pausesAhead[0];
      pause && record.timestamp > pause.from;
      pause = pausesAhead[0]
    ) {
      timer(pause.from, 'stop');
      timer(pause.to, 'start');
      pausesAhead.shift();
    }
    encoder.onMesg(fitMessageNumber('RECORD'), record);
  }
  timer(end, 'stopAll');
  const lapAndSession: LapMesg & SessionMesg = { timestamp: end, startTime: start, ...totals };
  const lap: LapMesg = { ...lapAndSession, messageIndex: 0 };
  encoder.onMesg(fitMessageNumber('LAP'), lap);
  const session: SessionMesg = { ...lapAndSession, messageIndex: 0, numLaps: 1 };
  encoder.onMesg(fitMessageNumber('SESSION'), session);
  const activity: ActivityMesg = {
    timestamp: end,
    totalTimerTime: totals.totalTimerTime,
    numSessions: 1,
    type: 'manual',
    event: 'activity',
    eventType: 'stop',
  };
  encoder.onMesg(fitMessageNumber('ACTIVITY'), activity);
  return encoder.close();
}

/** The English header of a Strava bulk export's activities.csv, as far as the columns the readers use. */
const HEADER = [
  'Activity ID',
  'Activity Date',
  'Activity Name',
  'Activity Type',
  'Activity Description',
  'Elapsed Time',
  'Distance',
  'Max Heart Rate',
  'Relative Effort',
  'Commute',
  'Activity Private Note',
  'Activity Gear',
  'Filename',
  'Athlete Weight',
  'Bike Weight',
  'Elapsed Time',
  'Moving Time',
  'Distance',
  'Max Speed',
  'Average Speed',
  'Elevation Gain',
  'Elevation Loss',
  'Elevation Low',
  'Elevation High',
  'Max Grade',
  'Average Grade',
  'Average Positive Grade',
  'Average Negative Grade',
  'Max Cadence',
  'Average Cadence',
  'Max Heart Rate',
  'Average Heart Rate',
];

export interface StravaCsvRow {
  id: string;
  date: string;
  name?: string;
  type?: string;
  description?: string;
  privateNote?: string;
  fileName?: string;
  elapsedSeconds: number;
  movingSeconds?: number;
  /** the first Distance column: km or miles, as the athlete reads them */
  displayDistance?: string;
  meters: number;
  climbMeters?: number;
  displayMaxHeartRate?: string;
  maxHeartRate?: number;
  averageHeartRate?: number;
}

function quoted(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** An activities.csv in Strava's layout (with a byte-order mark, as Strava writes it). */
export function stravaCsv(rows: readonly StravaCsvRow[]): Buffer {
  const lines = rows.map((row) => {
    const cells: (string | number | undefined)[] = new Array(HEADER.length).fill(undefined);
    cells[0] = row.id;
    cells[1] = row.date;
    cells[2] = row.name;
    cells[3] = row.type ?? 'Run';
    cells[4] = row.description;
    cells[5] = row.elapsedSeconds;
    cells[6] = row.displayDistance ?? (row.meters / 1000).toFixed(2);
    cells[7] = row.displayMaxHeartRate;
    cells[10] = row.privateNote;
    cells[12] = row.fileName;
    cells[15] = row.elapsedSeconds;
    cells[16] = row.movingSeconds;
    cells[17] = row.meters;
    cells[20] = row.climbMeters;
    cells[30] = row.maxHeartRate;
    cells[31] = row.averageHeartRate;
    return cells.map(quoted).join(',');
  });
  return Buffer.from(`\ufeff${[HEADER.join(','), ...lines].join('\n')}\n`);
}

/** `Sep 20, 2026, 2:05:01 PM`: an instant, in UTC, as Strava's activities.csv writes `Activity Date`. */
export function stravaActivityDate(time: Date): string {
  const hours = time.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${STRAVA_MONTHS[time.getUTCMonth()]} ${time.getUTCDate()}, ${time.getUTCFullYear()}, ${
    hours % 12 || 12
  }:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
}

/** The day `daysAgo` days before now (in UTC) at `hour`:00 UTC: an export dated from the test's today. */
export function utcDaysAgoAt(daysAgo: number, hour: number): Date {
  const day = new Date(Date.now() - daysAgo * 86_400_000);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour));
}

/** Writes a zip with a real zip writer (yazl), deflating each entry unless it says otherwise. */
export async function writeZip(
  path: string,
  entries: readonly { name: string; data: Uint8Array; compress?: boolean }[],
): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const { name, data, compress = true } of entries) {
    zip.addBuffer(Buffer.from(data), name, { compress, mtime: new Date('2026-09-30T00:00:00Z') });
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

/**
 * Writes a Strava export (its activities.csv, no files) of a 10 km run every other day, 42 to 2
 * days before `today`, at noon UTC: six weeks of history for an athlete who has none.
 */
export async function writeSixWeeksExport(path: string, today: LocalDate): Promise<void> {
  const rows: StravaCsvRow[] = [];
  for (let day = 42; day >= 2; day -= 2) {
    rows.push({
      id: String(1000 + day),
      date: stravaActivityDate(new Date(`${addDays(today, -day)}T12:00:00Z`)),
      name: 'Easy run',
      elapsedSeconds: 55 * 60,
      movingSeconds: 55 * 60,
      meters: 10_000,
      averageHeartRate: 145,
    });
  }
  await writeZip(path, [{ name: 'activities.csv', data: stravaCsv(rows) }]);
}
