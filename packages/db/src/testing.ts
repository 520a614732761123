// Test support: a migrated PGlite template built once per migrations version and copied per test
// file (loading a dumped data folder takes about 1 s; a fresh initdb plus migrations about 5 s).
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { readMigrations } from './migrations';
import { type Database, openDatabase } from './open';

function templatePath(): string {
  const hash = createHash('sha256');
  for (const migration of readMigrations()) hash.update(migration.name).update(migration.checksum);
  return join(tmpdir(), `coach-pglite-template-${hash.digest('hex').slice(0, 16)}.tar.gz`);
}

async function buildTemplate(path: string): Promise<void> {
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  try {
    await database.migrate();
    const dump = await pglite.dumpDataDir('gzip');
    // Written aside then renamed, so parallel test files never read half a template.
    const partial = `${path}.${randomUUID()}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await database.close();
  }
}

/** A migrated, empty, in-memory database of this test file's own. */
export async function openTestDatabase(): Promise<Database> {
  const path = templatePath();
  if (!existsSync(path)) await buildTemplate(path);
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(path)]) });
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
