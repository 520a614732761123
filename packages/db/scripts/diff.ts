// Development only: turns schema.prisma into a new migration, offline.
//   pnpm db:diff <name>   writes prisma/migrations/<timestamp>_<name>/migration.sql
//   pnpm db:diff --check  exits 2 when schema.prisma and the migrations disagree
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR } from '../src/migrations';
import { diffSchemaAgainstMigrations } from './schema-diff';

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

async function main(args: string[]): Promise<number> {
  const { drift, sql } = await diffSchemaAgainstMigrations();
  if (args[0] === '--check') {
    if (!drift) {
      console.log('schema.prisma and prisma/migrations agree.');
      return 0;
    }
    console.error(`schema.prisma differs from prisma/migrations; a migration would need:\n${sql}`);
    console.error('Run `pnpm db:diff <name>` to write it.');
    return 2;
  }
  const name = args[0];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: pnpm db:diff <name_in_snake_case> | --check');
    return 1;
  }
  if (!drift) {
    console.log('No schema changes: nothing to write.');
    return 0;
  }
  const dir = join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  console.log(`Wrote ${join(dir, 'migration.sql')}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
