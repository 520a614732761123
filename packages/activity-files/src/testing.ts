import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { Profile } from '@garmin/fitsdk';
import yazl from 'yazl';

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
