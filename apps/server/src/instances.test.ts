import { randomUUID } from 'node:crypto';
import { createPostgresDatabase, TEST_POSTGRES_URL } from '@coach/db/testing';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningProcess, runEntry, waitForPort } from './testing/process';
import { createClient, signIn } from './testing/trpc-client';

const postgres = await createPostgresDatabase();
if (!postgres) {
  console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping its tests.`);
}

describe.skipIf(!postgres)('two server processes on one PostgreSQL', () => {
  const servers: RunningProcess[] = [];
  const closers: (() => void)[] = [];
  let fake: FakeAnthropic | undefined;
  afterAll(async () => {
    for (const close of closers) close();
    for (const server of servers) server.child.kill('SIGKILL');
    await fake?.close();
    await postgres?.drop();
  });

  it('enforce one daily limit together', async () => {
    fake = await startFakeAnthropic();
    fake.setDefault({ tokenDelayMs: 5 });
    const env = {
      PORT: '0',
      DATABASE_URL: postgres?.url ?? '',
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
      CHAT_DAILY_MESSAGE_LIMIT: '10',
      // The per-instance cap on answers in progress must not be what refuses them.
      CHAT_MAX_CONCURRENT_STREAMS: '100',
    };
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const server = runEntry('src/main.ts', env);
      servers.push(server);
      urls.push(`http://127.0.0.1:${await waitForPort(server)}`);
    }

    const apis = await Promise.all(
      urls.map(async (url) => {
        const made = createClient(url, await signIn(url, 'demo@example.com', 'demo-password'));
        closers.push(made.close);
        return made.client;
      }),
    );
    // Sixty sends at once, thirty to each instance, with ten messages left for the day.
    const outcomes = await Promise.all(
      Array.from(
        { length: 60 },
        (_, i) =>
          new Promise<string>((resolve) => {
            const api = apis[i % 2];
            api?.chat.stream.subscribe(
              {
                universe: 'general',
                message: `Question ${i}`,
                conversation: [],
                requestId: randomUUID(),
              },
              {
                onData: (event) => {
                  const data = (event as unknown as { data: { type: string } }).data;
                  if (data.type !== 'token') resolve(data.type);
                },
                onError: (error) =>
                  resolve(error instanceof TRPCClientError ? String(error.data?.code) : 'unknown'),
              },
            );
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'TOO_MANY_REQUESTS')).toHaveLength(50);
    expect(fake.requests).toHaveLength(10);
  });
});
