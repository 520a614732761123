import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@coach/config';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { type App, type AppOptions, createApp } from '../app';
import { prepareDemo } from '../demo';
import { createLogger } from '../logger';

export const DEMO = { email: 'demo@example.com', password: 'demo-password' };
const TEST_COACHED_DAYS = 3;

export interface TestApp {
  app: App;
  database: Database;
  baseUrl: string;
  close(): Promise<void>;
}

/** A real app on a loopback port 0, on a test database with the demo athlete, configured by `env`. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  // The demo as the product prepares it, coached over its last few days only: enough for
  // today's recommendation and recent autopsies, without a month of runs before each test file.
  await prepareDemo(database.prisma, DEMO, new Date(), TEST_COACHED_DAYS);
  const app = createApp(loadConfig(env), database, createLogger('silent'), options);
  app.server.listen(0, '127.0.0.1');
  await once(app.server, 'listening');
  return {
    app,
    database,
    baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
