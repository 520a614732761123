import { type Database, openDatabase } from '@coach/db';
import { createPostgresDatabase, TEST_POSTGRES_URL } from '@coach/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry } from '../testing/process';

const postgres = await createPostgresDatabase();
if (!postgres) {
  console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping its tests.`);
}

async function run(entry: string, env: Record<string, string>): Promise<string> {
  const process = runEntry(entry, env);
  const code = await process.exited;
  expect(code, process.output()).toBe(0);
  return process.output();
}

describe.skipIf(!postgres)('pnpm db:migrate and db:seed on a PostgreSQL server', () => {
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
    await postgres?.drop();
  });

  it('migrate, then seed twice: one demo athlete with their data, the second run a no-op', async () => {
    const env = { DATABASE_URL: postgres?.url ?? '' };
    expect(await run('src/cli/migrate.ts', env)).toContain('migrations applied');
    expect(await run('src/cli/seed.ts', env)).toContain('demo athlete seeded');
    expect(await run('src/cli/seed.ts', env)).toContain('already present: nothing changed');

    database = await openDatabase({ databaseUrl: postgres?.url ?? '' });
    const demo = await database.prisma.user.findUniqueOrThrow({
      where: { email: 'demo@example.com' },
      include: {
        _count: { select: { activities: true, dailyMetrics: true, journalEntries: true } },
      },
    });
    expect(await database.prisma.user.count()).toBe(1);
    expect(demo._count.activities).toBeGreaterThan(100);
    expect(demo._count.dailyMetrics).toBeGreaterThan(150);
    expect(demo._count.journalEntries).toBeGreaterThan(100);
  });
});
