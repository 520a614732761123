// Development only: diffs schema.prisma against the committed migrations, offline, with Prisma's
// schema engine compiled to WebAssembly on an in-memory PGlite (the native engine cannot be
// downloaded here). Needs `node --experimental-wasm-modules` on Node 20.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { MIGRATIONS_DIR, readMigrations } from '../src/migrations';

export const SCHEMA_PATH = fileURLToPath(new URL('../../../prisma/schema.prisma', import.meta.url));
const LOCKFILE = 'migration_lock.toml';

export interface SchemaDiff {
  /** true when the migrations do not yet produce what schema.prisma describes */
  drift: boolean;
  /** the SQL that would bring the migrations up to schema.prisma */
  sql: string;
}

export async function diffSchemaAgainstMigrations({
  schemaPath = SCHEMA_PATH,
  migrationsDir = MIGRATIONS_DIR,
} = {}): Promise<SchemaDiff> {
  const schema = { path: schemaPath, content: readFileSync(schemaPath, 'utf8') };
  const lockPath = join(migrationsDir, LOCKFILE);
  const pglite = new PGlite();
  const engine = await SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite)),
  );
  try {
    const result = await engine.diff({
      from: {
        tag: 'migrations',
        baseDir: migrationsDir,
        lockfile: {
          path: LOCKFILE,
          content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
        },
        shadowDbInitScript: '',
        migrationDirectories: readMigrations(migrationsDir).map((m) => ({
          path: m.name,
          migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
        })),
      },
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return { drift: result.exitCode === 2, sql: result.stdout ?? '' };
  } finally {
    engine.free();
    await pglite.close();
  }
}
