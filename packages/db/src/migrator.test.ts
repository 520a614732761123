import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import { readMigrations } from './migrations';
import { type Database, openDatabase } from './open';

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'coach-migrations-'));
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function freshDatabase(): Promise<Database> {
  database = await openDatabase({ pglite: await PGlite.create() });
  return database;
}

describe('applyMigrations', () => {
  it('applies the committed migrations once and records them in Prisma’s ledger', async () => {
    const db = await freshDatabase();
    const committed = readMigrations().map((m) => m.name);
    expect(committed.length).toBeGreaterThan(0);

    expect(await db.migrate()).toEqual({
      applied: committed,
      alreadyApplied: [],
      changedAfterApply: [],
    });
    expect(await db.migrate()).toEqual({
      applied: [],
      alreadyApplied: committed,
      changedAfterApply: [],
    });

    const ledger = await db.prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(ledger).toEqual(
      readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })),
    );
    const tables = await db.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`;
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'users',
        'chat_usage',
        'ai_autopsies',
        'journal_entries',
        'activities',
      ]),
    );
  });

  it('applies only what is new, in name order', async () => {
    const db = await freshDatabase();
    const dir = migrationsDir({
      '20260101000000_a': 'CREATE TABLE t (x int);',
      '20260102000000_b': 'ALTER TABLE t ADD COLUMN y int;',
    });
    expect((await db.migrate(dir)).applied).toEqual(['20260101000000_a', '20260102000000_b']);
    mkdirSync(join(dir, '20260103000000_c'));
    writeFileSync(join(dir, '20260103000000_c', 'migration.sql'), 'INSERT INTO t VALUES (1, 2);');
    const report = await db.migrate(dir);
    expect(report.applied).toEqual(['20260103000000_c']);
    expect(report.alreadyApplied).toEqual(['20260101000000_a', '20260102000000_b']);
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    const db = await freshDatabase();
    const dir = migrationsDir({
      '20260101000000_ok': 'CREATE TABLE t (x int);',
      '20260102000000_broken': 'CREATE TABLE half (x int); INSERT INTO missing VALUES (1);',
    });
    await expect(db.migrate(dir)).rejects.toThrow(
      /20260102000000_broken failed and was rolled back/,
    );
    const half = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'half'`;
    expect(Number(half[0]?.n)).toBe(0);
    const ledger = await db.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations"`;
    expect(ledger.map((r) => r.migration_name)).toEqual(['20260101000000_ok']);
  });

  it('reports an applied migration whose file changed afterwards', async () => {
    const db = await freshDatabase();
    const dir = migrationsDir({ '20260101000000_a': 'CREATE TABLE t (x int);' });
    await db.migrate(dir);
    writeFileSync(join(dir, '20260101000000_a', 'migration.sql'), 'CREATE TABLE t (x bigint);');
    expect((await db.migrate(dir)).changedAfterApply).toEqual(['20260101000000_a']);
  });
});
