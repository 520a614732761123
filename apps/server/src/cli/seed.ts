import { loadConfig } from '@coach/config';
import { seedDemoAthlete } from '@coach/seed';
import { openMigratedDatabase } from '../database';
import { createLogger } from '../logger';

// `pnpm db:seed`: creates the demo athlete; a second run changes nothing.
const config = loadConfig();
const logger = createLogger(config.logLevel);
const database = await openMigratedDatabase(config, logger);
try {
  const result = await seedDemoAthlete(database.prisma, config.demo);
  logger.info(
    { email: config.demo.email, ...result },
    result.created ? 'demo athlete seeded' : 'demo athlete already present: nothing changed',
  );
} finally {
  await database.close();
}
