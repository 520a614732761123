// Test support: a migrated PGlite template built once per migrations version and loaded by each
// test file, which then isolates its tests by athlete.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Prisma, PrismaClient, User } from './generated/prisma/client';
import { readMigrations } from './migrations';
import { type Database, openDatabase, readTemplate } from './open';
import { writeMigratedTemplate } from './template';

function templatePath(): string {
  const hash = createHash('sha256');
  for (const migration of readMigrations()) hash.update(migration.name).update(migration.checksum);
  return join(tmpdir(), `coach-pglite-template-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

/** The migrated, empty template of the current migrations: built once, kept in the temp folder. */
export async function migratedTemplatePath(): Promise<string> {
  const path = templatePath();
  if (!existsSync(path)) await writeMigratedTemplate(path);
  return path;
}

/** A migrated, empty, in-memory database of this test file's own. */
export async function openTestDatabase(): Promise<Database> {
  const pglite = await PGlite.create({ loadDataDir: readTemplate(await migratedTemplatePath()) });
  return openDatabase({ pglite });
}

export interface TestPostgres {
  url: string;
  /** drops the database made for this test */
  drop(): Promise<void>;
}

/** The PostgreSQL server tests may use: DATABASE_URL_TEST, else the local default. */
export const TEST_POSTGRES_URL =
  process.env.DATABASE_URL_TEST ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A new, empty database on the test PostgreSQL server, or null when no server answers
 * (callers skip and say so).
 */
export async function createPostgresDatabase(): Promise<TestPostgres | null> {
  const admin = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 2000,
  });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `coach_test_${randomUUID().replaceAll('-', '')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestBackend {
  name: 'PGlite' | 'PostgreSQL';
  /** A migrated, empty database of the caller's own; closing it also drops a PostgreSQL one. */
  open(): Promise<Database>;
}

/**
 * The databases a test file runs on: PGlite always, and PostgreSQL when the test server answers
 * (else it says so once and the file runs on PGlite only).
 */
export async function testBackends(): Promise<TestBackend[]> {
  const postgres = await createPostgresDatabase();
  if (!postgres) {
    console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: testing on PGlite only.`);
    return [{ name: 'PGlite', open: openTestDatabase }];
  }
  return [
    { name: 'PGlite', open: openTestDatabase },
    {
      name: 'PostgreSQL',
      async open() {
        const database = await openDatabase({ databaseUrl: postgres.url });
        await database.migrate();
        return {
          ...database,
          async close() {
            await database.close();
            await postgres.drop();
          },
        };
      },
    },
  ];
}

/** A new athlete with a unique email, for tests that isolate themselves by athlete. */
export function createTestAthlete(
  prisma: PrismaClient,
  data: Partial<Prisma.UserCreateInput> = {},
): Promise<User> {
  return prisma.user.create({
    data: {
      email: `athlete-${randomUUID()}@example.com`,
      passwordHash: 'not a password hash',
      displayName: 'Test runner',
      ...data,
    },
  });
}
