import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@coach/db';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm';
import { afterAll, describe, expect, it } from 'vitest';
import { runEntry, waitForPort } from './testing/process';
import { createClient, signIn } from './testing/trpc-client';

describe('SIGTERM with an answer in flight', () => {
  let fake: FakeAnthropic | undefined;
  afterAll(() => fake?.close());

  it('ends the model call, settles its usage, closes the database and exits 0', async () => {
    fake = await startFakeAnthropic();
    fake.setDefault({ tokenDelayMs: 100 });
    const dataDir = mkdtempSync(join(tmpdir(), 'coach-shutdown-'));
    const server = runEntry('src/main.ts', {
      PORT: '0',
      DATA_DIR: dataDir,
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
    });
    const url = `http://127.0.0.1:${await waitForPort(server)}`;
    const made = createClient(url, await signIn(url, 'demo@example.com', 'demo-password'));
    const requestId = randomUUID();

    await new Promise<void>((resolve) => {
      made.client.chat.stream.subscribe(
        { universe: 'general', message: 'A long answer, please', conversation: [], requestId },
        { onData: () => resolve(), onError: () => resolve() },
      );
    });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    made.close();
    await fake.waitForIdle();
    expect(fake.counts().aborted).toBe(1);

    // The embedded database was closed cleanly, so it opens again, with the usage settled.
    const database = await openDatabase({ dataDir });
    const reservation = await database.prisma.chatReservation.findFirstOrThrow({
      where: { requestId },
    });
    expect(reservation.status).toBe('settled');
    expect(reservation.inputTokens).toBeGreaterThan(0);
    await database.close();
  });
});
