// The benchmark's database, made before the server starts: a temporary PGlite data folder or a
// new database on the local PostgreSQL server, migrated, with the athletes seeded through
// @coach/seed and a session for each (so no sign-in's password hashing runs during the load).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession, hashPassword, SESSION_COOKIE } from '@coach/auth';
import { type Database, openDatabase } from '@coach/db';
import { createPostgresDatabase, migratedTemplatePath, TEST_POSTGRES_URL } from '@coach/db/testing';
import { todayIn } from '@coach/metrics';
import { generateAthletes, writeAthlete } from '@coach/seed';
import type { DatabaseKind } from './args';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** DATA_DIR or DATABASE_URL, for the server */
  env: { DATA_DIR: string } | { DATABASE_URL: string };
  /** one `Cookie` header value per athlete */
  cookies: string[];
  seedSeconds: number;
  /** removes the data folder or drops the database */
  remove(): Promise<void>;
}

const PASSWORD = 'bench-athlete-password';

async function seed(database: Database, athletes: number, historyDays: number): Promise<string[]> {
  const passwordHash = await hashPassword(PASSWORD);
  const histories = generateAthletes(athletes, {
    today: todayIn('America/Denver'),
    days: historyDays,
  });
  const cookies: string[] = [];
  for (const [i, history] of histories.entries()) {
    const { userId } = await writeAthlete(database.prisma, history, {
      email: `athlete-${i + 1}@bench.example.com`,
      passwordHash,
    });
    const { token } = await createSession(database.prisma, userId);
    cookies.push(`${SESSION_COOKIE}=${token}`);
  }
  return cookies;
}

/** An empty, migrated database for a benchmark: a temporary PGlite folder or a new PostgreSQL database. */
export async function newDatabase(
  kind: DatabaseKind,
): Promise<{ env: BenchDatabase['env']; remove(): Promise<void> }> {
  let env: BenchDatabase['env'];
  let remove: () => Promise<void>;
  if (kind === 'pglite') {
    const dataDir = await mkdtemp(join(tmpdir(), 'coach-bench-'));
    env = { DATA_DIR: dataDir };
    remove = () => rm(dataDir, { recursive: true, force: true });
  } else {
    const created = await createPostgresDatabase();
    if (!created) throw new Error(`no PostgreSQL server answers at ${TEST_POSTGRES_URL}`);
    env = { DATABASE_URL: created.url };
    remove = created.drop;
  }
  return { env, remove };
}

/** Opens a benchmark's database (a new data folder starts from the migrated template, as the server's first start does). */
export async function openBenchDatabase(env: BenchDatabase['env']): Promise<Database> {
  const database = await openDatabase(
    'DATA_DIR' in env
      ? { dataDir: env.DATA_DIR, template: await migratedTemplatePath() }
      : { databaseUrl: env.DATABASE_URL },
  );
  await database.migrate();
  return database;
}

export async function prepareDatabase(
  kind: DatabaseKind,
  athletes: number,
  historyDays: number,
): Promise<BenchDatabase> {
  const started = performance.now();
  const { env, remove } = await newDatabase(kind);
  try {
    const database = await openBenchDatabase(env);
    try {
      const cookies = await seed(database, athletes, historyDays);
      return { kind, env, cookies, seedSeconds: (performance.now() - started) / 1000, remove };
    } finally {
      await database.close();
    }
  } catch (error) {
    await remove();
    throw error;
  }
}
