import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@coach/config';
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { pino } from 'pino';
import { type App, type AppOptions, createApp } from '../app';
import { prepareDemo } from '../demo';

export const DEMO = { email: 'demo@example.com', password: 'demo-password' };
const TEST_COACHED_DAYS = 3;

export interface TestApp {
  app: App;
  /** the app's own database, for tests that check what it wrote */
  database: Database;
  fake: FakeAnthropic;
  baseUrl: string;
  port: number;
  /** every log line so far, parsed */
  logs: { level: number; msg: string }[];
  close(): Promise<void>;
}

/** What startTestApp takes: the app's environment and its options. */
export type StartOptions = [env?: Record<string, string>, options?: AppOptions];

/** The real app on a test database with the demo athlete, the fake model and captured logs. */
export async function startTestApp(...[env = {}, options = {}]: StartOptions): Promise<TestApp> {
  const database: Database = await openTestDatabase();
  // The demo as the product prepares it, coached over its last few days only: enough for
  // today's recommendation and recent autopsies, without a month of runs before each test file.
  await prepareDemo(database.prisma, DEMO, new Date(), TEST_COACHED_DAYS);
  const fake = await startFakeAnthropic();
  const logs: TestApp['logs'] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
  const config = loadConfig({
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.url,
    ...env,
  });
  const app = createApp(config, database, logger, options);
  app.server.listen(0, '127.0.0.1');
  await once(app.server, 'listening');
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    database,
    fake,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    logs,
    close: async () => {
      await app.close();
      await fake.close();
      await database.close();
    },
  };
}
