// `pnpm bench import [flags]`: the synthetic Strava export of @coach/seed imported into a new
// database, on PGlite and on PostgreSQL, by the real command line (`pnpm run import`,
// apps/server/src/cli/import.ts) and through the page's upload route on a running server: wall
// time, activities per second and the importing process's peak RSS.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSession, SESSION_COOKIE } from '@coach/auth';
import { createTestAthlete } from '@coach/db/testing';
import { todayIn } from '@coach/metrics';
import { planStravaExport, writeStravaExport } from '@coach/seed';
import { runEntry } from '@coach/server/testing/process';
import type { DatabaseKind } from '../streams/args';
import { killOnExit } from '../streams/children';
import { newDatabase, openBenchDatabase } from '../streams/database';
import { type ProcSnapshot, readProc } from '../streams/proc-stats';
import { type ImportRun, printRuns, writeImportResults } from './report';
import { viaUpload } from './upload';

const USAGE = `usage: pnpm bench import [flags]   (or: pnpm --filter @coach/bench run import [flags])

  --activities 5000     activities in the synthetic Strava export
  --db pglite,postgres  embedded database in a temporary DATA_DIR, and/or a new database on the local
                        PostgreSQL server (DATABASE_URL_TEST overrides)
  --via cli,upload      the command line in a process of its own, and/or a running server's upload
                        route (POST /api/activities/import), each into a new database
  --sample-seconds 10   seconds between two track points of the export's files
  --export PATH         reuse the export at PATH (written there first when absent)
  --cpu-prof DIR        the importing process writes a V8 CPU profile (.cpuprofile) into DIR
  --name NAME           bench/results/NAME.json (default import-<activities>)`;

const SEED = 2026;
const EMAIL = 'import-bench@example.com';

export interface ImportOptions {
  activities: number;
  databases: DatabaseKind[];
  routes: ImportRoute[];
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
      via: { type: 'string', default: 'cli,upload' },
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
  const routes = values.via.split(',');
  if (
    values.help ||
    !Number.isInteger(activities) ||
    activities < 1 ||
    !(sampleSeconds >= 1) ||
    !databases.every((kind): kind is DatabaseKind => kind === 'pglite' || kind === 'postgres') ||
    !routes.every((route): route is ImportRoute => route === 'cli' || route === 'upload')
  ) {
    return null;
  }
  return {
    activities,
    databases,
    routes,
    sampleSeconds,
    exportPath: values.export ? resolve(values.export) : null,
    cpuProfDir: values['cpu-prof'] ? resolve(values['cpu-prof']) : null,
    name: values.name ?? `import-${activities}`,
  };
}

/** How the import is run: as the athlete's command line, or uploaded to a running server. */
type ImportRoute = 'cli' | 'upload';

interface Measured {
  summary: { imported: number; alreadyThere: number; failed: number };
  seconds: number;
  /** of the importing process: the command line, or the server */
  cpuSeconds: number;
  rssPeakBytes: number;
  /** the server's before the upload */
  rssIdleBytes: number | null;
}

/** `pnpm run import` in a process of its own, from its start to its exit. */
async function viaCommandLine(
  env: Record<string, string>,
  zip: string,
  nodeArgs: string[],
): Promise<Measured> {
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
  const counts = /(\d+) imported, (\d+) already there, (\d+) failed/.exec(importer.output());
  if (code !== 0 || !counts) {
    throw new Error(`the import exited with ${code}:\n${importer.output().slice(-2000)}`);
  }
  return {
    summary: {
      imported: Number(counts[1]),
      alreadyThere: Number(counts[2]),
      failed: Number(counts[3]),
    },
    seconds,
    cpuSeconds: last.cpuSeconds,
    rssPeakBytes: last.hwmBytes,
    rssIdleBytes: null,
  };
}

/** One import of the export into a new database, and what the database holds afterwards. */
async function importInto(
  kind: DatabaseKind,
  route: ImportRoute,
  zip: string,
  expected: number,
  opts: ImportOptions,
  profile: Parameters<typeof createTestAthlete>[1],
): Promise<ImportRun> {
  const { env, remove } = await newDatabase(kind);
  try {
    const setup = await openBenchDatabase(env);
    const athlete = await createTestAthlete(setup.prisma, { ...profile, email: EMAIL });
    const { token } = await createSession(setup.prisma, athlete.id);
    await setup.close();

    const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
    const measured =
      route === 'cli'
        ? await viaCommandLine(env, zip, nodeArgs)
        : await viaUpload(env, zip, `${SESSION_COOKIE}=${token}`, nodeArgs);

    const check = await openBenchDatabase(env);
    const stored = await check.prisma.activity.count();
    const days = await check.prisma.dailyMetrics.count();
    await check.close();
    return {
      database: kind,
      route,
      activities: expected,
      ...measured.summary,
      stored,
      dailyMetricsDays: days,
      seconds: measured.seconds,
      activitiesPerSecond: expected / measured.seconds,
      cpuSeconds: measured.cpuSeconds,
      rssPeakBytes: measured.rssPeakBytes,
      rssIdleBytes: measured.rssIdleBytes,
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
      for (const route of opts.routes) {
        const run = await importInto(kind, route, zip, opts.activities, opts, athlete);
        runs.push(run);
        printRuns([run]);
      }
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
