import { randomUUID } from 'node:crypto';
import type { Database } from '@coach/db';
import { createTestAthlete, openTestDatabase } from '@coach/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONVERSATION_TITLE_MAX_CHARS,
  listConversations,
  loadHistory,
  MAX_CONVERSATIONS_PER_ATHLETE,
  MAX_STORED_MESSAGES,
  saveAnswer,
  saveQuestion,
} from './conversation-store';

const answer = (content: string) => ({
  content,
  status: 'done' as const,
  inputTokens: 1,
  outputTokens: 1,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  facts: [],
});

describe('the conversation store’s bounds', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  const athlete = async () => (await createTestAthlete(database.prisma)).id;

  it('keeps the most recently used conversations: a new one past the cap deletes the oldest', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const ask = (id: number | null, message: string) =>
      saveQuestion(prisma, userId, { id, universe: 'general', message, requestId: randomUUID() });
    const first = await ask(null, 'The very first');
    const second = await ask(null, 'The second');
    for (let i = 2; i < MAX_CONVERSATIONS_PER_ATHLETE; i++) await ask(null, `Question ${i}`);
    // using the first again makes the second the least recently used
    await ask(first, 'Back to the first');
    await ask(null, 'One too many');

    const kept = await listConversations(prisma, userId);
    expect(kept).toHaveLength(MAX_CONVERSATIONS_PER_ATHLETE);
    expect(kept.map((c) => c.id)).toContain(first);
    expect(kept.map((c) => c.id)).not.toContain(second);
    expect(kept[0]?.title).toBe('One too many');
  });

  it('keeps the last messages of a long conversation and gives them as the history', async () => {
    const { prisma } = database;
    const userId = await athlete();
    let id: number | null = null;
    const exchanges = MAX_STORED_MESSAGES / 2 + 5;
    for (let i = 0; i < exchanges; i++) {
      const requestId = randomUUID();
      id = await saveQuestion(prisma, userId, {
        id,
        universe: 'progress',
        message: `q${i}`,
        requestId,
      });
      await saveAnswer(prisma, id, requestId, answer(`a${i}`));
    }
    if (id === null) throw new Error('no conversation');
    const history = await loadHistory(prisma, userId, id, [randomUUID()]);
    expect(history).toHaveLength(MAX_STORED_MESSAGES);
    expect(history[0]).toEqual({ role: 'user', content: 'q5' });
    expect(history.at(-1)).toEqual({ role: 'assistant', content: `a${exchanges - 1}` });
  });

  it('titles a conversation with its first question, on one line and bounded', async () => {
    const { prisma } = database;
    const userId = await athlete();
    const long = `Why   is\nmy ${'very '.repeat(40)}long run slow?`;
    await saveQuestion(prisma, userId, {
      id: null,
      universe: 'general',
      message: long,
      requestId: randomUUID(),
    });
    const [conversation] = await listConversations(prisma, userId);
    expect(conversation?.title).toHaveLength(CONVERSATION_TITLE_MAX_CHARS);
    expect(conversation?.title.startsWith('Why is my very very')).toBe(true);
    expect(conversation?.title.endsWith('…')).toBe(true);
  });
});
