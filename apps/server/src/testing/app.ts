import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@coach/config';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { seedDemoAthlete } from '@coach/seed';
import { type App, type AppOptions, createApp } from '../app';
import { createLogger } from '../logger';

export const DEMO = { email: 'demo@example.com', password: 'demo-password' };

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
  await seedDemoAthlete(database.prisma, DEMO);
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
