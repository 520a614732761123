// The import benchmark's table and bench/results/<name>.json, with the machine, versions and date.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { catalogVersions, gitCommit, machine } from '../streams/report';
import type { ImportOptions } from './cli';

export interface ImportRun {
  database: string;
  /** `cli`: the command line's process; `upload`: a running server's upload route */
  route: string;
  activities: number;
  imported: number;
  alreadyThere: number;
  failed: number;
  /** activities in the database afterwards, and days of daily metrics */
  stored: number;
  dailyMetricsDays: number;
  /** the importing process, from its start to its exit */
  seconds: number;
  activitiesPerSecond: number;
  cpuSeconds: number;
  rssPeakBytes: number;
  /** the server's RSS before the upload (null for the command line) */
  rssIdleBytes: number | null;
}

/** What the import path runs on. */
const IMPORT_PACKAGES = [
  '@electric-sql/pglite',
  '@garmin/fitsdk',
  '@prisma/client',
  'fast-xml-parser',
  'pg',
  'pglite-prisma-adapter',
  'tsx',
  'yauzl',
];

export function printRuns(runs: readonly ImportRun[]): void {
  for (const run of runs) {
    console.log(
      `${run.database.padEnd(8)} ${run.route.padEnd(6)} ${run.activities} activities in ${run.seconds.toFixed(1)} s ` +
        `(${run.activitiesPerSecond.toFixed(0)}/s, CPU ${run.cpuSeconds.toFixed(1)} s), ` +
        `RSS ${run.rssIdleBytes === null ? 'peak ' : `${(run.rssIdleBytes / 2 ** 20).toFixed(0)}→`}` +
        `${(run.rssPeakBytes / 2 ** 20).toFixed(0)} MiB; ${run.imported} imported, ` +
        `${run.alreadyThere} already there, ${run.failed} failed; ${run.stored} stored, ` +
        `${run.dailyMetricsDays} days of metrics`,
    );
  }
}

/** Writes bench/results/<name>.json and returns its path. */
export function writeImportResults(
  options: ImportOptions,
  exported: { bytes: number; reused: boolean; exportSeconds: number },
  runs: readonly ImportRun[],
  startedAt: Date,
): string {
  const directory = new URL('../../results/', import.meta.url);
  mkdirSync(directory, { recursive: true });
  const file = new URL(`${options.name}.json`, directory);
  const host = machine();
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        date: startedAt.toISOString(),
        seconds: (Date.now() - startedAt.getTime()) / 1000,
        machine: { ...host, loadAverageAfter: loadavg() },
        versions: {
          node: process.version,
          commit: gitCommit(),
          ...catalogVersions(IMPORT_PACKAGES),
        },
        options,
        export: exported,
        runs,
      },
      null,
      2,
    )}\n`,
  );
  return fileURLToPath(file);
}
