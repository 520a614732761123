import { randomUUID } from 'node:crypto';
import { DEFAULT_FAKE_TEXT } from '@coach/llm/testing';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from './testing/app-for-file';
import { type StreamInput, streamAnswer, type TrackedEvent } from './testing/chat-stream';
import { failureCode, signUp } from './testing/trpc-client';

// Saved conversations over a real tRPC client against the real server, database and fake model.
const file = testAppForFile();

async function newAthlete(email = `talk-${randomUUID()}@example.com`) {
  return file.client(await signUp(file.app.baseUrl, email));
}
type Api = Awaited<ReturnType<typeof newAthlete>>;

function send(
  api: Api,
  message: string,
  more: Partial<StreamInput> = {},
  onEvent?: (event: TrackedEvent) => void,
) {
  return streamAnswer(
    api,
    { universe: 'general', message, conversation: [], requestId: randomUUID(), ...more },
    onEvent,
  );
}

/** The id of the conversation the answer was stored in, from its final event. */
function storedIn(events: TrackedEvent[]): number {
  const final = events.at(-1)?.data;
  if (!final || final.type === 'token' || final.conversationId === undefined) {
    throw new Error('the answer says no conversation');
  }
  return final.conversationId;
}

const text = (events: TrackedEvent[]) =>
  events.map((e) => (e.data.type === 'token' ? e.data.content : '')).join('');

describe('saved conversations', () => {
  it('stores a new conversation and lists it, newest first', async () => {
    const api = await newAthlete();
    expect(await api.conversations.list.query()).toEqual([]);
    const first = storedIn(await send(api, 'How was my long run?', { conversationId: 'new' }));
    const second = storedIn(
      await send(api, '  Should I   rest\ntomorrow? ', {
        conversationId: 'new',
        universe: 'todays_workout',
      }),
    );
    // Without a conversationId nothing is stored.
    expect((await send(api, 'Not saved')).at(-1)?.data).not.toHaveProperty('conversationId');

    const list = await api.conversations.list.query();
    expect(list).toMatchObject([
      { id: second, universe: 'todays_workout', title: 'Should I rest tomorrow?', messageCount: 2 },
      { id: first, universe: 'general', title: 'How was my long run?', messageCount: 2 },
    ]);
    const stored = await api.conversations.get.query({ id: first });
    expect(stored.messages).toMatchObject([
      { role: 'user', content: 'How was my long run?', status: null },
      { role: 'assistant', content: DEFAULT_FAKE_TEXT, status: 'done' },
    ]);
    const [row] = await file.app.database.prisma.conversationMessage.findMany({
      where: { conversationId: first, role: 'assistant' },
    });
    const usage = file.app.fake.requests[0]?.usage;
    expect(row).toMatchObject({
      inputTokens: usage?.input_tokens,
      outputTokens: usage?.output_tokens,
      cacheReadTokens: usage?.cache_read_input_tokens,
      cacheWriteTokens: usage?.cache_creation_input_tokens,
    });
  });

  it('resumes from what it stored: the client’s conversation is ignored', async () => {
    const api = await newAthlete();
    const id = storedIn(await send(api, 'My calf is tight.', { conversationId: 'new' }));
    file.app.fake.reset();
    file.app.fake.setDefault({ text: 'Then rest it.' });
    const events = await send(api, 'What now?', {
      conversationId: id,
      conversation: [{ role: 'user', content: 'A made-up turn the server must not use' }],
    });
    expect(storedIn(events)).toBe(id);
    expect(file.app.fake.requests).toHaveLength(1);
    const messages = file.app.fake.requests[0]?.body.messages.map((m) => ({
      role: m.role,
      text: JSON.stringify(m.content),
    }));
    expect(messages?.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages?.[0]?.text).toContain('My calf is tight.');
    expect(messages?.[1]?.text).toContain(DEFAULT_FAKE_TEXT);
    expect(messages?.[2]?.text).toContain('What now?');
    expect(JSON.stringify(file.app.fake.requests[0]?.body)).not.toContain('made-up turn');

    const stored = await api.conversations.get.query({ id });
    expect(stored.messages.map((m) => m.content)).toEqual([
      'My calf is tight.',
      DEFAULT_FAKE_TEXT,
      'What now?',
      'Then rest it.',
    ]);
  });

  it('a repeated send is stored once', async () => {
    const api = await newAthlete();
    const requestId = randomUUID();
    const id = storedIn(await send(api, 'Once', { conversationId: 'new', requestId }));
    await send(api, 'Once', { conversationId: id, requestId });
    const stored = await api.conversations.get.query({ id });
    expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(file.app.fake.requests).toHaveLength(1);
  });

  it('stores a stopped answer as stopped, with its partial text', async () => {
    const api = await newAthlete();
    file.app.fake.setDefault({ tokenDelayMs: 30 });
    const requestId = randomUUID();
    const events = await send(api, 'Tell me', { conversationId: 'new', requestId }, (event) => {
      if (event.id.endsWith(':1')) void api.chat.stop.mutate({ requestId });
    });
    const id = storedIn(events);
    const answer = (await api.conversations.get.query({ id })).messages[1];
    expect(answer).toMatchObject({ role: 'assistant', status: 'stopped', content: text(events) });
    expect(answer?.content.length).toBeLessThan(DEFAULT_FAKE_TEXT.length);
    await file.app.fake.waitForIdle();
  });

  it('stores a failed answer as failed', async () => {
    const api = await newAthlete();
    file.app.fake.setDefault({ status: 400 });
    const events = await send(api, 'Hello?', { conversationId: 'new' });
    expect(events.at(-1)?.data.type).toBe('error');
    const stored = await api.conversations.get.query({ id: storedIn(events) });
    expect(stored.messages).toMatchObject([
      { role: 'user', content: 'Hello?' },
      { role: 'assistant', status: 'failed', content: '' },
    ]);
  });

  it('stores an answer the offline coach gave, the model being overloaded, as offline', async () => {
    const api = await newAthlete();
    file.app.fake.setDefault({ status: 529 });
    const events = await send(api, 'Am I on track?', { conversationId: 'new' });
    expect(events.at(-1)?.data).toMatchObject({ type: 'done', offline: true });
    const answer = (await api.conversations.get.query({ id: storedIn(events) })).messages[1];
    expect(answer).toMatchObject({ role: 'assistant', status: 'offline', content: text(events) });
    expect(answer?.content).not.toBe('');
  });

  it('deletes one conversation, then all', async () => {
    const api = await newAthlete();
    const one = storedIn(await send(api, 'One', { conversationId: 'new' }));
    const two = storedIn(await send(api, 'Two', { conversationId: 'new' }));
    const three = storedIn(await send(api, 'Three', { conversationId: 'new' }));
    expect(await api.conversations.delete.mutate({ id: two })).toEqual({ deleted: true });
    expect((await api.conversations.list.query()).map((c) => c.id)).toEqual([three, one]);
    expect(await failureCode(api.conversations.get.query({ id: two }))).toBe('NOT_FOUND');
    expect(await failureCode(api.conversations.delete.mutate({ id: two }))).toBe('NOT_FOUND');
    expect(await api.conversations.deleteAll.mutate()).toEqual({ deleted: 2 });
    expect(await api.conversations.list.query()).toEqual([]);
    expect(
      await file.app.database.prisma.conversationMessage.count({
        where: { conversationId: { in: [one, two, three] } },
      }),
    ).toBe(0);
  });

  it('keeps athletes apart: another athlete’s conversation is NOT_FOUND everywhere', async () => {
    const owner = await newAthlete();
    const other = await newAthlete();
    const id = storedIn(await send(owner, 'Private question', { conversationId: 'new' }));
    file.app.fake.reset();
    expect(await other.conversations.list.query()).toEqual([]);
    expect(await failureCode(other.conversations.get.query({ id }))).toBe('NOT_FOUND');
    expect(await failureCode(other.conversations.delete.mutate({ id }))).toBe('NOT_FOUND');
    expect(await failureCode(send(other, 'Sneak in', { conversationId: id }))).toBe('NOT_FOUND');
    expect(await other.conversations.deleteAll.mutate()).toEqual({ deleted: 0 });
    expect(file.app.fake.requests).toHaveLength(0);
    expect((await owner.conversations.get.query({ id })).messages).toHaveLength(2);
  });

  it('goes with the account', async () => {
    const email = `leaving-${randomUUID()}@example.com`;
    const api = await newAthlete(email);
    const id = storedIn(await send(api, 'Before I go', { conversationId: 'new' }));
    const { prisma } = file.app.database;
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.conversation.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.conversationMessage.count({ where: { conversationId: id } })).toBe(0);
  });
});
