import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../src/migrations';
import { diffSchemaAgainstMigrations, SCHEMA_PATH } from './schema-diff';

describe('schema.prisma and prisma/migrations', () => {
  it('agree: every schema change has its committed migration', async () => {
    const { drift, sql } = await diffSchemaAgainstMigrations();
    expect(drift, `schema.prisma needs a migration (pnpm db:diff <name>):\n${sql}`).toBe(false);
  });

  it('a schema change without a migration is caught, with the SQL it needs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-drift-'));
    const schemaPath = join(dir, 'schema.prisma');
    const changed = readFileSync(SCHEMA_PATH, 'utf8').replace(
      'model ChatUsage {',
      'model ChatUsage {\n  reservedMessages Int @default(0) @map("reserved_messages")',
    );
    writeFileSync(schemaPath, changed);
    cpSync(MIGRATIONS_DIR, join(dir, 'migrations'), { recursive: true });

    const { drift, sql } = await diffSchemaAgainstMigrations({
      schemaPath,
      migrationsDir: join(dir, 'migrations'),
    });
    expect(drift).toBe(true);
    expect(sql).toMatch(/ALTER TABLE "chat_usage" ADD COLUMN\s+"reserved_messages" INTEGER/);
  });
});
