import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@coach/db';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { streamAnswer, type TrackedEvent } from './testing/chat-stream';
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

describe('an answer cut by a restart', () => {
  let fake: FakeAnthropic | undefined;
  afterAll(() => fake?.close());

  it('ends with a final event saying so, and a resume after the restart ends cleanly', async () => {
    fake = await startFakeAnthropic();
    fake.setDefault({ tokenDelayMs: 100 });
    const dataDir = mkdtempSync(join(tmpdir(), 'coach-restart-'));
    const env = {
      PORT: '0',
      DATA_DIR: dataDir,
      ANTHROPIC_API_KEY: 'test-key',
      ANTHROPIC_BASE_URL: fake.url,
    };
    const first = runEntry('src/main.ts', env);
    const firstUrl = `http://127.0.0.1:${await waitForPort(first)}`;
    const before = createClient(
      firstUrl,
      await signIn(firstUrl, 'demo@example.com', 'demo-password'),
    );
    const requestId = randomUUID();
    const input = {
      universe: 'general' as const,
      message: 'A long answer',
      conversation: [],
      requestId,
    };
    const events: TrackedEvent[] = [];
    void streamAnswer(before.client, input, (event) => {
      events.push(event);
      if (events.length === 1) first.child.kill('SIGTERM');
    });
    expect(await first.exited).toBe(0);
    before.close();
    expect(events.at(-1)?.data).toEqual({
      type: 'error',
      message: 'The server restarted; your answer was interrupted. Please send it again.',
    });

    const second = runEntry('src/main.ts', env);
    try {
      const secondUrl = `http://127.0.0.1:${await waitForPort(second)}`;
      const after = createClient(
        secondUrl,
        await signIn(secondUrl, 'demo@example.com', 'demo-password'),
      );
      const resumed = await streamAnswer(after.client, {
        ...input,
        lastEventId: events.at(-1)?.id,
      });
      after.close();
      expect(resumed.map((event) => event.data)).toEqual([
        {
          type: 'error',
          message: 'This answer is no longer available. Please send your message again.',
        },
      ]);
      expect(fake.requests).toHaveLength(1);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
