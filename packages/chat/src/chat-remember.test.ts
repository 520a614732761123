import { randomUUID } from 'node:crypto';
import { proposeMemory } from '@coach/athlete-data';
import { ContextManager } from '@coach/context';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { createAnthropicModel } from '@coach/llm';
import { type FakeAnthropic, startFakeAnthropic } from '@coach/llm/testing';
import { createRateLimiter } from '@coach/rate-limiter';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChatService } from './chat-service';
import type { ChatEvent } from './events';
import type { ChatMemory } from './remember';

// The athlete's memory in chat, through the real SDK, the fake model and the real database: a
// "remember that …" whose save fails, and what the coach proposes to keep.
let database: Database;
let fake: FakeAnthropic;
/** What the service logged, written out as a real logger writes it. */
const lines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  fake = await startFakeAnthropic();
}, 120_000);
afterAll(async () => {
  await fake.close();
  await database.close();
});
beforeEach(() => {
  fake.reset();
  lines.length = 0;
});

/** Proposals stored as the API stores them; "remember that …" saves nothing here. */
const storedMemory: ChatMemory = {
  remember: async () => ({ saved: false, message: 'not in this test' }),
  propose: (userId, proposal, answer) => proposeMemory(database.prisma, userId, proposal, answer),
};

function service(memory: ChatMemory = storedMemory, withModel = true): ChatService {
  // Errors as a real logger writes them (JSON.stringify alone drops their message).
  const log = (object: object, message: string) =>
    lines.push(
      JSON.stringify({ object, message }, (_key, value: unknown) =>
        value instanceof Error ? { name: value.name, message: value.message } : value,
      ),
    );
  return new ChatService({
    contexts: new ContextManager({ prisma: database.prisma }),
    limiter: createRateLimiter({ prisma: database.prisma }),
    model: withModel
      ? createAnthropicModel({ apiKey: 'test-key', baseURL: fake.url, model: 'claude-haiku-4-5' })
      : null,
    settings: {
      maxResponseTokens: 500,
      temperature: 0.7,
      maxConversationMessages: 10,
      maxConcurrentStreams: 3,
    },
    logger: { info: log, warn: log, error: log },
    memory,
  });
}

/** Asks once; the text the client was sent, and the final event. */
async function ask(chat: ChatService, userId: number, message: string) {
  const events: ChatEvent[] = [];
  for await (const { event } of chat.streamChat({
    userId,
    universe: 'general',
    message,
    conversation: [],
    requestId: randomUUID(),
  })) {
    events.push(event);
  }
  const text = events.map((event) => (event.type === 'token' ? event.content : '')).join('');
  return { text, final: events.at(-1) };
}

it('answers all the same when a "remember that …" save fails, says it was not saved, and logs no text', async () => {
  const failing: ChatMemory = {
    ...storedMemory,
    remember: async (_userId, request) => {
      throw new Error(`database refused ${request.text}`);
    },
  };
  const { id: userId } = await createTestAthlete(database.prisma);
  const { text, final } = await ask(
    service(failing),
    userId,
    'Remember that my left calf is tight.',
  );
  expect(text).not.toBe('');
  expect(final).toMatchObject({ type: 'done', remembered: { saved: false } });
  expect(lines.some((line) => line.includes('chat remember failed'))).toBe(true);
  expect(lines.join('\n')).not.toContain('calf');
});

describe('a memory item the coach proposes', () => {
  const TOLD = 'My left calf has been tight since Friday.';

  it('never reaches the client as text, split over tokens; the done event carries it, pending', async () => {
    const { id: userId } = await createTestAthlete(database.prisma);
    fake.script({
      tokens: [
        'Ease off ',
        'for a few days.\n',
        '[rem',
        'ember: inj',
        'ury | Left calf ti',
        'ght since 20 Nov]',
        '\n[fac',
        'ts: none]',
      ],
    });
    const { text, final } = await ask(service(), userId, TOLD);

    expect(text).toBe('Ease off for a few days.');
    const stored = await database.prisma.memoryProposal.findMany({ where: { userId } });
    expect(stored).toMatchObject([
      { kind: 'injury', text: 'Left calf tight since 20 Nov', status: 'pending' },
    ]);
    expect(final).toEqual({
      type: 'done',
      usage: expect.any(Object),
      proposal: { id: stored[0]?.id, kind: 'injury', text: 'Left calf tight since 20 Nov' },
    });
    // Pending is not memory.
    expect(await database.prisma.athleteMemory.count({ where: { userId } })).toBe(0);
    expect(lines.join('\n')).not.toContain('calf');
  });

  it('proposes nothing from a line of an unknown kind, or a text the athlete already keeps', async () => {
    const { id: userId } = await createTestAthlete(database.prisma);
    await database.prisma.athleteMemory.create({
      data: { userId, kind: 'preference', text: 'Prefers trails' },
    });
    for (const line of [
      '[remember: mood | Happy today]',
      '[remember: preference | prefers TRAILS]',
    ]) {
      fake.script({ text: `Noted.\n${line}\n[facts: none]` });
      const { text, final } = await ask(service(), userId, TOLD);
      expect(text).toBe('Noted.');
      expect(final).toMatchObject({ type: 'done' });
      expect(final && 'proposal' in final).toBe(false);
    }
    expect(await database.prisma.memoryProposal.count({ where: { userId } })).toBe(0);
  });

  it('the offline coach proposes nothing', async () => {
    const { id: userId } = await createTestAthlete(database.prisma);
    const { final } = await ask(service(storedMemory, false), userId, TOLD);
    expect(final).toMatchObject({ type: 'done', offline: true });
    expect(final && 'proposal' in final).toBe(false);
    expect(await database.prisma.memoryProposal.count({ where: { userId } })).toBe(0);
  });
});
