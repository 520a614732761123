import { randomUUID } from 'node:crypto';
import { ContextManager } from '@coach/context';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { createAnthropicModel } from '@coach/llm';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { createRateLimiter } from '@coach/rate-limiter';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatService } from './chat-service';
import type { ChatEvent } from './events';
import type { ChatMemory } from './remember';

// A save that fails must not cost the athlete the answer, nor leak the text to the log.
let database: Database;
let fake: FakeAnthropic;

beforeAll(async () => {
  database = await openTestDatabase();
  fake = await startFakeAnthropic();
}, 120_000);
afterAll(async () => {
  await fake.close();
  await database.close();
});

it('answers all the same when the save fails, says it was not saved, and logs no text', async () => {
  const lines: string[] = [];
  // Errors written out as a real logger writes them (JSON.stringify alone drops their message).
  const log = (object: object, message: string) =>
    lines.push(
      JSON.stringify({ object, message }, (_key, value: unknown) =>
        value instanceof Error ? { name: value.name, message: value.message } : value,
      ),
    );
  const memory: ChatMemory = {
    remember: async (_userId, request) => {
      throw new Error(`database refused ${request.text}`);
    },
    propose: async () => null,
  };
  const service = new ChatService({
    contexts: new ContextManager({ prisma: database.prisma }),
    limiter: createRateLimiter({ prisma: database.prisma }),
    model: createAnthropicModel({
      apiKey: 'test-key',
      baseURL: fake.url,
      model: 'claude-haiku-4-5',
    }),
    settings: {
      maxResponseTokens: 500,
      temperature: 0.7,
      maxConversationMessages: 10,
      maxConcurrentStreams: 3,
    },
    logger: { info: log, warn: log, error: log },
    memory,
  });
  const { id: userId } = await createTestAthlete(database.prisma);
  const events: ChatEvent[] = [];
  for await (const { event } of service.streamChat({
    userId,
    universe: 'general',
    message: 'Remember that my left calf is tight.',
    conversation: [],
    requestId: randomUUID(),
  })) {
    events.push(event);
  }
  expect(events.some((event) => event.type === 'token')).toBe(true);
  const done = events.at(-1);
  expect(done).toMatchObject({ type: 'done', remembered: { saved: false } });
  expect(lines.some((line) => line.includes('chat remember failed'))).toBe(true);
  expect(lines.join('\n')).not.toContain('calf');
});
