import { fileURLToPath } from 'node:url';
import type { Config } from '@coach/config';
import { type Database, openDatabase } from '@coach/db';
import { estimateMissingInternalLoads } from '@coach/training';
import type { Logger } from './logger';

/** Written by `pnpm build`; a new embedded database starts from it instead of running initdb. */
export const PGLITE_TEMPLATE = fileURLToPath(
  new URL('../dist/pglite-template.tar.gz', import.meta.url),
);

/**
 * PostgreSQL when DATABASE_URL is set, else the embedded database under DATA_DIR; migrated, then
 * with the data fixes no SQL migration can make (they use the metrics package's own rules).
 */
export async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { dataDir: config.dataDir, template: PGLITE_TEMPLATE },
  );
  try {
    const report = await database.migrate();
    if (report.applied.length > 0) logger.info({ applied: report.applied }, 'migrations applied');
    if (report.changedAfterApply.length > 0) {
      logger.warn(
        { migrations: report.changedAfterApply },
        'applied migrations were edited afterwards; add a new migration instead',
      );
    }
    // Activities stored before sensorless sessions had an estimated load; a no-op once done.
    const estimated = await estimateMissingInternalLoads(database.prisma);
    if (estimated > 0) logger.info({ activities: estimated }, 'internal loads estimated');
    logger.info({ database: database.kind }, 'database ready');
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}
