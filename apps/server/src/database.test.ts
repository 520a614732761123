import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@coach/config';
import { openDatabase } from '@coach/db';
import { createTestAthlete, migratedTemplatePath } from '@coach/db/testing';
import { recordActivities } from '@coach/training';
import { testRun } from '@coach/training/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openMigratedDatabase } from './database';
import { createLogger } from './logger';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'migrated-database-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

it('estimates the internal load of activities stored before the estimate existed', async () => {
  const dataDir = join(folder, 'data');
  const old = await openDatabase({ dataDir, template: await migratedTemplatePath() });
  await old.migrate();
  const athlete = await createTestAthlete(old.prisma);
  const sensorless = { averageHeartRate: null, maxHeartRate: null, perceivedEffort: null };
  await recordActivities(old.prisma, athlete.id, [testRun('2026-03-03', sensorless)]);
  // As the import wrote it before: counted as rest.
  await old.prisma.activity.updateMany({
    where: { userId: athlete.id },
    data: { internalLoad: 0, internalLoadEstimated: false },
  });
  await old.close();

  const database = await openMigratedDatabase(
    loadConfig({ DATA_DIR: dataDir }),
    createLogger('silent'),
  );
  try {
    const activity = await database.prisma.activity.findFirstOrThrow({
      where: { userId: athlete.id },
    });
    expect(activity.internalLoadEstimated).toBe(true);
    expect(activity.internalLoad).toBeGreaterThan(0);
  } finally {
    await database.close();
  }
});
