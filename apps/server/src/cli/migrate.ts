import { loadConfig } from '@coach/config';
import { openMigratedDatabase } from '../database';
import { createLogger } from '../logger';

// `pnpm db:migrate`: applies the committed migrations to the configured database.
const config = loadConfig();
const database = await openMigratedDatabase(config, createLogger(config.logLevel));
await database.close();
