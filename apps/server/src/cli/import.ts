import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openActivitySources } from '@coach/activity-files';
import { type ImportOutcome, importActivities } from '@coach/activity-import';
import { Cluster } from '@coach/cluster';
import { type CoachingRun, CoachingDays } from '@coach/coaching-runs';
import { type Config, type Logger, loadConfig } from '@coach/config';
import cliProgress from 'cli-progress';
import { openMigratedDatabase } from '../database';
import { createLogger } from '../logger';

// `pnpm run import <path…> --email <athlete>`: imports activity files, folders and Strava export
// zips for one athlete, one line per activity, then reruns their coaching as an upload does. A bad
// file is reported on its line; the exit code is non-zero only when the import could not run (no
// paths, no such athlete, no database).
const USAGE = 'usage: pnpm run import <file|folder|zip>… --email <athlete>';

function commandLine(): { paths: string[]; email: string } | null {
  try {
    const { values, positionals } = parseArgs({
      options: { email: { type: 'string' } },
      allowPositionals: true,
    });
    return values.email && positionals.length > 0
      ? { paths: positionals, email: values.email }
      : null;
  } catch {
    return null;
  }
}

/** Paths as the athlete typed them: relative to where pnpm was started, not to this package. */
const startedIn = process.env.INIT_CWD ?? process.cwd();

function shown(origin: string): string {
  const inside = relative(startedIn, origin);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : origin;
}

function lineOf(outcome: ImportOutcome): string {
  const where = shown(outcome.origin);
  if (outcome.status === 'failed') return `${where}: failed: ${outcome.reason}`;
  const status = outcome.status === 'imported' ? 'imported' : 'already there';
  return `${where}: ${status}${outcome.note ? ` (${outcome.note})` : ''}`;
}

/** What the rerun after the import wrote, as the athlete reads it. */
function coachingLine(run: CoachingRun | null): string {
  if (!run) return 'Coaching not rerun (the log says why): the athlete’s next request runs it.';
  const autopsies = Object.keys(run.autopsyScores).length;
  const plan = run.replanned
    ? 'the coming weeks planned on the training base now recorded'
    : 'the plan kept (its training base did not move)';
  return `Coaching rerun for ${run.date}: today’s recommendation and ${autopsies} ${
    autopsies === 1 ? 'autopsy' : 'autopsies'
  } written, ${plan}.`;
}

/**
 * Servers on the same database cache the athlete's chat context: with Redis they are told of the
 * change, as after an upload (without it, their cache expires on its own).
 */
async function announceChange(config: Config, logger: Logger, userId: number): Promise<void> {
  if (!config.redis) return;
  const cluster = new Cluster({
    ...config.redis,
    logger,
    onAthleteChanged: () => {},
    onSignedOut: () => {},
  });
  try {
    await cluster.ready();
    await cluster.announceAthleteChanged(userId);
  } finally {
    await cluster.close();
  }
}

async function main(): Promise<number> {
  const args = commandLine();
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const database = await openMigratedDatabase(config, logger);
  try {
    const athlete = await database.prisma.user.findUnique({
      where: { email: args.email },
      select: { id: true },
    });
    if (!athlete) {
      console.error(`No athlete signed up with ${args.email}.`);
      return 1;
    }
    const sources = await openActivitySources(args.paths.map((path) => resolve(startedIn, path)));

    // The bar draws on stderr; on a terminal the lines go through it so that it redraws below them.
    const bars = new cliProgress.MultiBar(
      { format: ' {bar} {value}/{total} activities', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    );
    const bar = bars.create(sources.total, 0);
    // The bar counts activities read; their lines come as each batch is written.
    async function* counted<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
      for await (const item of items) {
        bar.increment();
        yield item;
      }
    }
    const interactive = process.stdout.isTTY && process.stderr.isTTY;
    const summary = await importActivities(
      database.prisma,
      athlete.id,
      counted(sources.items()),
      (outcome) => {
        if (interactive) bars.log(`${lineOf(outcome)}\n`);
        else process.stdout.write(`${lineOf(outcome)}\n`);
      },
    ).finally(() => {
      bars.update(); // writes the lines logged since the last redraw
      bars.stop();
    });
    console.log(
      `${summary.imported} imported, ${summary.alreadyThere} already there, ${summary.failed} failed`,
    );
    // The same rerun an upload ends with: today's recommendation, the autopsies of the days the
    // activities fell on, and the plan again when they moved its training base.
    if (summary.imported > 0) {
      const coaching = new CoachingDays(database.prisma, logger);
      console.log(coachingLine(await coaching.rerun(athlete.id, 'activities')));
      await announceChange(config, logger, athlete.id);
    }
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
