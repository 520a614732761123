import { once } from 'node:events';
import { hashesAtTestCost } from '@coach/auth';
import { ConfigError, loadConfig } from '@coach/config';
import { seedDemoAthlete } from '@coach/seed';
import { createApp } from './app';
import { openMigratedDatabase } from './database';
import { coachDemo } from './demo';
import { createLogger } from './logger';

// Starts the product: configuration, database (migrated), the demo athlete (created on an empty
// database, brought up to date where it exists), HTTP.
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // A stray rejection is a bug to fix, not a reason to drop every athlete's connection; a thrown
  // exception may have left state half-changed, so the process says why and stops.
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled rejection'),
  );
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception; stopping');
    process.exit(1);
  });
  const database = await openMigratedDatabase(config, logger);

  const demo = await database.prisma.user.findUnique({
    where: { email: config.demo.email },
    select: { id: true },
  });
  const seeded =
    demo || (await database.prisma.user.count()) === 0
      ? await seedDemoAthlete(database.prisma, config.demo)
      : null;
  if (seeded) {
    const { created, activities, added } = seeded;
    logger.info(
      { email: config.demo.email, activities, added },
      created ? 'demo athlete seeded' : 'demo athlete brought up to date',
    );
  }

  const app = createApp(config, database, logger);
  await app.ready();
  const { server } = app;
  server.listen(config.port);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port }, `Coach is listening on http://localhost:${port}`);
  if (hashesAtTestCost()) {
    logger.warn('PASSWORD_HASH_COST=test: new password hashes are weak; it is for the tests only');
  }

  // The engines coach the demo's recent days once the server is up: its first request of the day
  // makes today's coaching anyway, under the same per-day lock.
  if (seeded) {
    coachDemo(database.prisma, seeded.userId).then(
      (coachedDays) => logger.info({ coachedDays }, 'demo athlete coached'),
      (error: unknown) => logger.warn({ err: error }, 'demo coaching stopped'),
    );
  }

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await database.close();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => void shutdown(signal));
  }
}

main().catch((error: unknown) => {
  // A bad setting gets its own clear message; anything else, the error itself.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
