import { loadConfig } from '@coach/config';
import { openMigratedDatabase } from '../database';
import { prepareDemo } from '../demo';
import { createLogger } from '../logger';

// `pnpm db:seed`: creates the demo athlete (or brings it up to date) and coaches it; a second run
// the same day changes nothing.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const database = await openMigratedDatabase(config, logger);
try {
  const result = await prepareDemo(database.prisma, config.demo);
  const unchanged = !result.created && result.added === 0 && result.coachedDays === 0;
  logger.info(
    { email: config.demo.email, ...result },
    result.created
      ? 'demo athlete seeded'
      : unchanged
        ? 'demo athlete already present: nothing changed'
        : 'demo athlete brought up to date',
  );
} finally {
  await database.close();
}
