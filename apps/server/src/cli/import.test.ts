import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSixWeeksExport } from '@coach/activity-files/testing';
import { Cluster } from '@coach/cluster';
import { openTestRedis } from '@coach/cluster/testing';
import { catchUpCoaching } from '@coach/coaching-runs';
import { openDatabase } from '@coach/db';
import { createPostgresDatabase } from '@coach/db/testing';
import { todayIn } from '@coach/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { runEntry } from '../testing/process';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

let folder: string;
let dataDir: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'import-cli-'));
  dataDir = join(folder, 'data');
  const database = await openDatabase({ dataDir });
  await database.migrate();
  await database.prisma.user.create({
    data: { email: 'runner@example.com', passwordHash: 'unused', displayName: 'Runner' },
  });
  await database.close();
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function runImport(...args: string[]): Promise<{ code: number | null; output: string }> {
  return runImportWith({ DATA_DIR: dataDir }, args);
}

async function runImportWith(
  env: Record<string, string>,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  const cli = runEntry(
    'src/cli/import.ts',
    // INIT_CWD: where `pnpm run import` was started; the paths are relative to it.
    { ...env, LOG_LEVEL: 'warn', INIT_CWD: REPO_ROOT },
    args,
  );
  const code = await cli.exited;
  return { code, output: cli.output() };
}

/** The training base each of the athlete's weekly programs was planned on, in km. */
async function trainingBases(email: string): Promise<(number | null)[]> {
  const database = await openDatabase({ dataDir });
  try {
    const weeks = await database.prisma.weeklyProgram.findMany({
      where: { user: { email } },
      select: { trainingBaseKm: true },
    });
    return weeks.map((week) => week.trainingBaseKm);
  } finally {
    await database.close();
  }
}

describe('pnpm run import', () => {
  it('reports each file, imports what it can, and knows it the second time', async () => {
    const notes = join(folder, 'notes.txt');
    await writeFile(notes, 'not an activity');
    const args = ['fixtures/activities', notes, '--email', 'runner@example.com'];

    const first = await runImport(...args);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('fixtures/activities/morning-run.fit: imported');
    expect(first.output).toContain('fixtures/activities/hill-run.gpx: imported');
    expect(first.output).toContain(`${notes}: failed: not an activity file`);
    expect(first.output).toContain('4 imported, 0 already there, 1 failed');

    const second = await runImport(...args);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('fixtures/activities/long-ride.tcx: already there');
    expect(second.output).toContain('0 imported, 4 already there, 1 failed');
  }, 120_000); // two runs, each opening the embedded database

  it('ends with the rerun an upload makes: a plan made before the import grows from it', async () => {
    const email = 'planned@example.com';
    const database = await openDatabase({ dataDir });
    let today: string;
    try {
      const athlete = await database.prisma.user.create({
        data: { email, passwordHash: 'unused', displayName: 'Planned' },
        select: { id: true, timezone: true },
      });
      today = todayIn(athlete.timezone);
      // Coached before the import: planned on no history.
      expect(await catchUpCoaching(database.prisma, athlete.id, today)).toEqual([today]);
    } finally {
      await database.close();
    }
    expect(await trainingBases(email)).toContain(0);
    const zip = join(folder, 'six-weeks.zip');
    await writeSixWeeksExport(zip, today);

    const imported = await runImport(zip, '--email', email);
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toContain('21 imported, 0 already there, 0 failed');
    expect(imported.output).toContain(
      `Coaching rerun for ${today}: today’s recommendation and 0 autopsies written, the coming weeks planned on the training base now recorded.`,
    );
    const rebuilt = await trainingBases(email);
    expect(rebuilt.length).toBeGreaterThan(0);
    // Six weeks of 30 to 40 km: every week now rests on about that.
    for (const km of rebuilt) expect(km).toBeGreaterThan(25);

    // Nothing new the second time: no rerun.
    const again = await runImport(zip, '--email', email);
    expect(again.output).toContain('0 imported, 21 already there, 0 failed');
    expect(again.output).not.toContain('Coaching rerun');
  }, 120_000);

  it('exits non-zero only when it cannot run', async () => {
    const stranger = await runImport('fixtures/activities', '--email', 'nobody@example.com');
    expect(stranger.code).toBe(1);
    expect(stranger.output).toContain('No athlete signed up with nobody@example.com');

    const noPaths = await runImport('--email', 'runner@example.com');
    expect(noPaths.code).toBe(2);
    expect(noPaths.output).toContain('usage: pnpm run import');
  }, 120_000);
});

const postgres = await createPostgresDatabase();
const redis = await openTestRedis();

describe.skipIf(!postgres || !redis)(
  'pnpm run import beside servers on PostgreSQL and Redis',
  () => {
    afterAll(async () => {
      await postgres?.drop();
      await redis?.drop();
    });

    it('tells the servers the athlete changed, so they drop the chat context they cached', async () => {
      if (!postgres || !redis) return;
      const database = await openDatabase({ databaseUrl: postgres.url });
      let id: number;
      try {
        await database.migrate();
        ({ id } = await database.prisma.user.create({
          data: {
            email: 'clustered@example.com',
            passwordHash: 'unused',
            displayName: 'Clustered',
          },
          select: { id: true },
        }));
      } finally {
        await database.close();
      }
      // What a server hears on its Redis channel.
      const heard: number[] = [];
      const server = new Cluster({
        url: redis.url,
        keyPrefix: redis.keyPrefix,
        logger: createLogger('silent'),
        onAthleteChanged: (userId) => heard.push(userId),
        onSignedOut: () => {},
      });
      try {
        await server.ready();
        const env = {
          DATABASE_URL: postgres.url,
          REDIS_URL: redis.url,
          REDIS_KEY_PREFIX: redis.keyPrefix,
        };
        const args = ['fixtures/activities', '--email', 'clustered@example.com'];
        const imported = await runImportWith(env, args);
        expect(imported.code, imported.output).toBe(0);
        expect(imported.output).toContain('Coaching rerun for');
        await expect.poll(() => heard).toEqual([id]);
      } finally {
        await server.close();
      }
    }, 120_000);
  },
);
