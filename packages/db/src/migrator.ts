import { randomUUID } from 'node:crypto';
import type { Migration } from './migrations';

/** The least a migrator needs: one session that runs multi-statement SQL and parameterised queries. */
export interface SqlSession {
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** applied earlier, but the file has changed since: a developer error worth a loud warning */
  changedAfterApply: string[];
}

/** Prisma's own lock id, so `prisma migrate deploy` and this migrator exclude each other. */
const ADVISORY_LOCK_ID = 72707369;

const LEDGER_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

class MigrationError extends Error {
  constructor(
    readonly migration: string,
    cause: unknown,
  ) {
    super(`Migration ${migration} failed and was rolled back: ${String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

/**
 * Applies the migrations not yet in Prisma's `_prisma_migrations` ledger, in order, each in its
 * own transaction, under an advisory lock so that instances starting together take turns.
 */
export async function applyMigrations(
  session: SqlSession,
  migrations: Migration[],
): Promise<MigrationReport> {
  await session.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_ID]);
  try {
    await session.exec(LEDGER_DDL);
    const ledger = await session.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const appliedChecksums = new Map(ledger.map((row) => [row.migration_name, row.checksum]));
    const report: MigrationReport = { applied: [], alreadyApplied: [], changedAfterApply: [] };

    for (const migration of migrations) {
      const recorded = appliedChecksums.get(migration.name);
      if (recorded !== undefined) {
        report.alreadyApplied.push(migration.name);
        if (recorded !== migration.checksum) report.changedAfterApply.push(migration.name);
        continue;
      }
      await applyOne(session, migration);
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_ID]);
  }
}

async function applyOne(session: SqlSession, migration: Migration): Promise<void> {
  await session.exec('BEGIN');
  try {
    await session.exec(migration.sql);
    await session.query(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK');
    throw new MigrationError(migration.name, error);
  }
}
