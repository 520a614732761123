import { randomUUID } from 'node:crypto';
import { DEFAULT_FAKE_TEXT } from '@coach/llm/testing';
import { describe, expect, it } from 'vitest';
import { testAppForFile } from './testing/app-for-file';
import { type StreamInput, streamAnswer, type TrackedEvent } from './testing/chat-stream';
import { signUp } from './testing/trpc-client';

// Retrying a send whose answer the client did not get, over a real tRPC client against the real
// server, database and fake model: the retry continues the same saved conversation in its place.
const file = testAppForFile();

async function newAthlete() {
  return file.client(await signUp(file.app.baseUrl, `retry-${randomUUID()}@example.com`));
}
type Api = Awaited<ReturnType<typeof newAthlete>>;

function send(api: Api, message: string, more: Partial<StreamInput> = {}) {
  return streamAnswer(api, {
    universe: 'general',
    message,
    conversation: [],
    requestId: randomUUID(),
    ...more,
  });
}

/** The id of the conversation the answer was stored in, from its final event. */
function storedIn(events: TrackedEvent[]): number {
  const final = events.at(-1)?.data;
  if (!final || final.type === 'token' || final.conversationId === undefined) {
    throw new Error('the answer says no conversation');
  }
  return final.conversationId;
}

/** Starts a send and drops it after its first event, as a lost connection would. */
function sendAndDrop(api: Api, input: StreamInput): Promise<void> {
  return new Promise((resolve, reject) => {
    const subscription = api.chat.stream.subscribe(input, {
      onData: () => {
        subscription.unsubscribe();
        resolve();
      },
      onError: reject,
    });
  });
}

describe('retrying a send', () => {
  it('a retry after a dropped first send continues the same conversation, its question stored once', async () => {
    const api = await newAthlete();
    // The first attempt is slow: it is still answering when the retry comes.
    file.app.fake.script({ tokenDelayMs: 200 }, { text: 'Rest it today.' });
    const first = randomUUID();
    // The connection drops after the first word: the final event, which names the conversation,
    // never reaches the client, whose retry is then a new send of the same question.
    await sendAndDrop(api, {
      universe: 'general',
      message: 'My calf is tight',
      conversationId: 'new',
      requestId: first,
    });
    const events = await send(api, 'My calf is tight', { conversationId: 'new', retryOf: first });

    // The first attempt was stopped before the retry answered, not left to store its answer after.
    expect(file.app.fake.requests[0]?.aborted).toBe(true);
    expect(await api.conversations.list.query()).toMatchObject([
      { id: storedIn(events), messageCount: 2 },
    ]);
    const stored = await api.conversations.get.query({ id: storedIn(events) });
    expect(stored.messages).toMatchObject([
      { role: 'user', content: 'My calf is tight' },
      { role: 'assistant', content: 'Rest it today.', status: 'done' },
    ]);
    const retried = file.app.fake.requests.at(-1)?.body.messages;
    expect(retried?.map((m) => m.role)).toEqual(['user']);
  });

  it('a retry replaces an answer that was stored but never reached the client', async () => {
    const api = await newAthlete();
    const first = randomUUID();
    await sendAndDrop(api, {
      universe: 'general',
      message: 'Long run on Sunday?',
      conversationId: 'new',
      requestId: first,
    });
    await expect.poll(async () => (await api.conversations.list.query())[0]?.messageCount).toBe(2);
    file.app.fake.setDefault({ text: 'Yes, 90 minutes easy.' });
    const events = await send(api, 'Long run on Sunday?', {
      conversationId: 'new',
      retryOf: first,
    });

    expect(await api.conversations.list.query()).toHaveLength(1);
    const stored = await api.conversations.get.query({ id: storedIn(events) });
    expect(stored.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Long run on Sunday?'],
      ['assistant', 'Yes, 90 minutes easy.'],
    ]);
  });

  it('a retry of a send the server never stored starts the conversation', async () => {
    const api = await newAthlete();
    const events = await send(api, 'First words', { conversationId: 'new', retryOf: randomUUID() });
    const stored = await api.conversations.get.query({ id: storedIn(events) });
    expect(stored.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it('a retry of a failed send in a saved conversation stores its question once', async () => {
    const api = await newAthlete();
    const id = storedIn(await send(api, 'How was my week?', { conversationId: 'new' }));
    file.app.fake.setDefault({ status: 400 });
    const failed = randomUUID();
    const events = await send(api, 'And my long run?', { conversationId: id, requestId: failed });
    expect(events.at(-1)?.data.type).toBe('error');
    file.app.fake.setDefault({ text: 'It went well.' });
    await send(api, 'And my long run?', { conversationId: id, retryOf: failed });

    const stored = await api.conversations.get.query({ id });
    expect(stored.messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'How was my week?', null],
      ['assistant', DEFAULT_FAKE_TEXT, 'done'],
      ['user', 'And my long run?', null],
      ['assistant', 'It went well.', 'done'],
    ]);
    const history = file.app.fake.requests.at(-1)?.body.messages;
    expect(history?.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });
});
