import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { PrismaClient } from './generated/prisma/client';
import { readMigrations } from './migrations';
import { type PGliteThread, startPGliteThread } from './pglite-thread';
import { applyMigrations, type MigrationReport, type SqlSession } from './migrator';

export interface Database {
  kind: 'pglite' | 'postgres';
  prisma: PrismaClient;
  /** applies the committed migrations that this database has not seen yet */
  migrate(migrationsDir?: string): Promise<MigrationReport>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { databaseUrl: string }
  /**
   * embedded PostgreSQL (PGlite) with its files under `dataDir`; a new one starts from `template`
   * (see writeMigratedTemplate) when given
   */
  | { dataDir: string; template?: string }
  /** an already open PGlite, e.g. an in-memory copy of a test template; closed with the Database */
  | { pglite: PGlite };

/** A template's contents for PGlite's `loadDataDir`, or undefined when there is none. */
export function readTemplate(path: string | undefined): Blob | undefined {
  return path && existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('databaseUrl' in options) return openPostgres(options.databaseUrl);
  if ('pglite' in options) return wrapPGlite(options.pglite);
  const unlock = lockDataDir(options.dataDir);
  try {
    const directory = join(options.dataDir, 'pglite');
    const loadDataDir = existsSync(directory) ? undefined : readTemplate(options.template);
    return wrapPGliteThread(await startPGliteThread(directory, loadDataDir), unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * Prisma's errors without the code frame of the call that made them: with any other format it
 * captures a stack trace for every query to find that call (3% of the main thread in a burst of
 * athletes' first requests, measured), and an error is logged with a stack of its own.
 */
const ERROR_FORMAT = 'minimal';

/** A server's or a command's database: PGlite on a thread of its own, off the event loop. */
function wrapPGliteThread(thread: PGliteThread, unlock: () => void): Database {
  const prisma = new PrismaClient({ adapter: thread.adapter, errorFormat: ERROR_FORMAT });
  return pgliteDatabase(prisma, { exec: thread.exec, query: thread.rows }, async () => {
    await thread.close();
    unlock();
  });
}

/** A PGlite the caller opened (tests' in-memory copies), on this thread. */
async function wrapPGlite(pglite: PGlite): Promise<Database> {
  // Loaded here: a server on PostgreSQL, or with its database on a worker thread, never needs it.
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite), errorFormat: ERROR_FORMAT });
  const session: SqlSession = {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await pglite.query<Row>(sql, params)).rows,
  };
  return pgliteDatabase(prisma, session, () => pglite.close());
}

/** An embedded database, wherever its PGlite runs: migrated through `session`, closed after Prisma. */
function pgliteDatabase(
  prisma: PrismaClient,
  session: SqlSession,
  closeDriver: () => Promise<void>,
): Database {
  return {
    kind: 'pglite',
    prisma,
    migrate: (dir) => applyMigrations(session, readMigrations(dir)),
    close: async () => {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

function openPostgres(databaseUrl: string): Database {
  const prisma = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl }),
    errorFormat: ERROR_FORMAT,
  });
  return {
    kind: 'postgres',
    prisma,
    // The advisory lock is held per connection, so migrations get one connection of their own.
    migrate: async (dir) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const session: SqlSession = {
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async <Row>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params)).rows as Row[],
        };
        return await applyMigrations(session, readMigrations(dir));
      } finally {
        await client.end();
      }
    },
    close: () => prisma.$disconnect(),
  };
}
