import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { openDatabase } from './open';

/**
 * Writes an empty, migrated embedded database as a tarball. Loading one takes about 2 s where a
 * new database (initdb) plus migrations takes about 5 s: tests and first starts begin from it.
 */
export async function writeMigratedTemplate(path: string, migrationsDir?: string): Promise<void> {
  // Loaded here: a server on PostgreSQL, or with its database on a worker thread, never needs it.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create();
  const database = await openDatabase({ pglite });
  try {
    await database.migrate(migrationsDir);
    const dump = await pglite.dumpDataDir('gzip');
    // Written aside then renamed, so nobody reading it in parallel sees half a template.
    const partial = `${path}.${randomUUID()}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path);
  } finally {
    await database.close();
  }
}
