// `pnpm bench import [flags]`: the synthetic Strava export of @coach/seed imported by the real
// command line (`pnpm run import`, apps/server/src/cli/import.ts) into a new database, on PGlite and
// on PostgreSQL: wall time, activities per second and the importing process's peak RSS.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestAthlete } from '@coach/db/testing';
import { todayIn } from '@coach/metrics';
import { planStravaExport, writeStravaExport } from '@coach/seed';
import { runEntry } from '@coach/server/testing/process';
import { killOnExit } from '../streams/children';
import type { DatabaseKind } from '../streams/args';
import { newDatabase, openBenchDatabase } from '../streams/database';
import { type ProcSnapshot, readProc } from '../streams/proc-stats';
import { type ImportRun, printRuns, writeImportResults } from './report';

export const USAGE = `usage: pnpm bench import [flags]   (or: pnpm --filter @coach/bench run import [flags])

  --activities 5000     activities in the synthetic Strava export
  --db pglite,postgres  embedded database in a temporary DATA_DIR, and/or a new database on the local
                        PostgreSQL server (DATABASE_URL_TEST overrides)
  --sample-seconds 10   seconds between two track points of the export's files
  --export PATH         reuse the export at PATH (written there first when absent)
  --cpu-prof DIR        the importing process writes a V8 CPU profile (.cpuprofile) into DIR
  --name NAME           bench/results/NAME.json (default import-<activities>)`;

const SEED = 2026;
const EMAIL = 'import-bench@example.com';

export interface ImportOptions {
  activities: number;
  databases: DatabaseKind[];
  sampleSeconds: number;
  exportPath: string | null;
  cpuProfDir: string | null;
  name: string;
}

function options(args: string[]): ImportOptions | null {
  const { values } = parseArgs({
    args,
    options: {
      activities: { type: 'string', default: '5000' },
      db: { type: 'string', default: 'pglite,postgres' },
      'sample-seconds': { type: 'string', default: '10' },
      export: { type: 'string' },
      'cpu-prof': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const activities = Number(values.activities);
  const sampleSeconds = Number(values['sample-seconds']);
  const databases = values.db.split(',');
  if (
    values.help ||
    !Number.isInteger(activities) ||
    activities < 1 ||
    !(sampleSeconds >= 1) ||
    !databases.every((kind): kind is DatabaseKind => kind === 'pglite' || kind === 'postgres')
  ) {
    return null;
  }
  return {
    activities,
    databases,
    sampleSeconds,
    exportPath: values.export ? resolve(values.export) : null,
    cpuProfDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : null,
    name: values.name ?? `import-${activities}`,
  };
}

/** One import of the export into a new database, by the command line in a process of its own. */
async function importInto(
  kind: DatabaseKind,
  zip: string,
  expected: number,
  opts: ImportOptions,
  profile: Parameters<typeof createTestAthlete>[1],
): Promise<ImportRun> {
  const { env, remove } = await newDatabase(kind);
  try {
    const setup = await openBenchDatabase(env);
    await createTestAthlete(setup.prisma, { ...profile, email: EMAIL });
    await setup.close();

    const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
    const started = performance.now();
    const importer = runEntry(
      'src/cli/import.ts',
      { ...env, LOG_LEVEL: 'warn' },
      [zip, '--email', EMAIL],
      nodeArgs,
    );
    killOnExit(importer.child);
    // The last reading before the process ends (/proc/<pid> goes with it); VmHWM is its peak RSS.
    let last: ProcSnapshot = { cpuSeconds: 0, rssBytes: 0, hwmBytes: 0 };
    const sampler = setInterval(() => {
      try {
        const reading = readProc(importer.child.pid ?? 0);
        // A process that has exited but not been reaped has no memory lines.
        if (Number.isFinite(reading.hwmBytes)) last = reading;
      } catch {
        clearInterval(sampler);
      }
    }, 50);
    const code = await importer.exited;
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const summary = /(\d+) imported, (\d+) already there, (\d+) failed/.exec(importer.output());
    if (code !== 0 || !summary) {
      throw new Error(`the import exited with ${code}:\n${importer.output().slice(-2000)}`);
    }

    const check = await openBenchDatabase(env);
    const stored = await check.prisma.activity.count();
    const days = await check.prisma.dailyMetrics.count();
    await check.close();
    return {
      database: kind,
      activities: expected,
      imported: Number(summary[1]),
      alreadyThere: Number(summary[2]),
      failed: Number(summary[3]),
      stored,
      dailyMetricsDays: days,
      seconds,
      activitiesPerSecond: expected / seconds,
      cpuSeconds: last.cpuSeconds,
      rssPeakBytes: last.hwmBytes,
    };
  } finally {
    await remove();
  }
}

export async function main(args: string[]): Promise<void> {
  const opts = options(args);
  if (!opts) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date();
  const scratch = await mkdtemp(join(tmpdir(), 'coach-bench-import-'));
  try {
    const zip = opts.exportPath ?? join(scratch, 'export.zip');
    const exportOptions = {
      seed: SEED,
      today: todayIn('America/Denver'),
      activities: opts.activities,
      sampleSeconds: opts.sampleSeconds,
    };
    const writeStarted = performance.now();
    const reused = existsSync(zip);
    const { profile } = reused
      ? // Only the athlete is needed: planning is cheap, writing the files is not.
        planStravaExport(exportOptions)
      : await writeStravaExport(zip, exportOptions);
    const exportSeconds = (performance.now() - writeStarted) / 1000;
    const exportBytes = (await stat(zip)).size;
    console.log(
      `export: ${opts.activities} activities, ${(exportBytes / 2 ** 20).toFixed(0)} MiB (${
        reused ? `reused ${zip}` : `written in ${exportSeconds.toFixed(1)} s`
      })`,
    );
    const athlete = {
      timezone: profile.timezone,
      restingHeartRate: profile.restingHeartRate,
      maxHeartRate: profile.maxHeartRate,
      sex: profile.sex,
    };
    const runs: ImportRun[] = [];
    for (const kind of opts.databases) {
      const run = await importInto(kind, zip, opts.activities, opts, athlete);
      runs.push(run);
      printRuns([run]);
    }
    printRuns(runs);
    const file = writeImportResults(
      opts,
      { bytes: exportBytes, reused, exportSeconds },
      runs,
      startedAt,
    );
    console.log(`results: ${file}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
