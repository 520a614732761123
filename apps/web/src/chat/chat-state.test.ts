import { MAX_CONVERSATION_TURNS } from '@coach/prompts/universes';
import { describe, expect, it, vi } from 'vitest';
import {
  type ChatAction,
  type ChatState,
  chatErrorFor,
  chatReducer,
  conversationFrom,
  ERROR_MESSAGES,
  initialChatState,
  isStreaming,
  newRequestId,
  retryableTurn,
} from './chat-state';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function run(state: ChatState, ...actions: ChatAction[]): ChatState {
  return actions.reduce(chatReducer, state);
}

const token = (requestId: string, content: string, n?: number): ChatAction => ({
  type: 'event',
  requestId,
  event: { type: 'token', content },
  eventId: n === undefined ? undefined : `${requestId}:${n}`,
});
const done = (requestId: string): ChatAction => ({
  type: 'event',
  requestId,
  event: { type: 'done', usage: { inputTokens: 10, outputTokens: 5 } },
});

/** A state with `count` answered turns: questions q1…, answers a1…. */
function answered(count: number): ChatState {
  let state = initialChatState('progress');
  for (let i = 1; i <= count; i++) {
    const id = `r${i}`;
    state = run(
      state,
      { type: 'send', text: `q${i}`, requestId: id },
      token(id, `a${i}`),
      done(id),
    );
  }
  return state;
}

describe('chatReducer', () => {
  it('send starts streaming a turn with its own request', () => {
    const state = chatReducer(initialChatState('progress'), {
      type: 'send',
      text: '  Am I overdoing it?  ',
      requestId: 'r1',
    });
    expect(isStreaming(state)).toBe(true);
    expect(state.turns).toEqual([
      {
        id: 'r1',
        question: 'Am I overdoing it?',
        requestId: 'r1',
        answer: '',
        status: 'streaming',
        lastSeq: -1,
      },
    ]);
    expect(state.request).toEqual({
      universe: 'progress',
      message: 'Am I overdoing it?',
      conversationId: 'new',
      conversation: [],
      requestId: 'r1',
    });
  });

  it('ignores an empty message and a send while streaming', () => {
    const idle = initialChatState();
    expect(chatReducer(idle, { type: 'send', text: '  \n ', requestId: 'r1' })).toBe(idle);
    const streaming = chatReducer(idle, { type: 'send', text: 'one', requestId: 'r1' });
    expect(chatReducer(streaming, { type: 'send', text: 'two', requestId: 'r2' })).toBe(streaming);
  });

  it('accumulates tokens into one assistant answer', () => {
    const state = run(
      initialChatState(),
      { type: 'send', text: 'hi', requestId: 'r1' },
      token('r1', 'Easy '),
      token('r1', 'does '),
      token('r1', 'it.'),
    );
    expect(state.turns).toHaveLength(1);
    expect(state.turns[0]?.answer).toBe('Easy does it.');
    expect(isStreaming(state)).toBe(true);
  });

  it('keeps the request object while tokens arrive (the subscription stays put)', () => {
    const sent = chatReducer(initialChatState(), { type: 'send', text: 'hi', requestId: 'r1' });
    expect(chatReducer(sent, token('r1', 'x')).request).toBe(sent.request);
  });

  it('applies a replayed event once (by its tracked id)', () => {
    const state = run(
      initialChatState(),
      { type: 'send', text: 'hi', requestId: 'r1' },
      token('r1', 'A', 0),
      token('r1', 'B', 1),
      token('r1', 'A', 0),
      token('r1', 'B', 1),
      token('r1', 'C', 2),
    );
    expect(state.turns[0]?.answer).toBe('ABC');
  });

  it('ignores events of another request', () => {
    const sent = chatReducer(initialChatState(), { type: 'send', text: 'hi', requestId: 'r1' });
    expect(chatReducer(sent, token('old', 'x'))).toBe(sent);
    expect(chatReducer(sent, done('old'))).toBe(sent);
  });

  it('done ends streaming and keeps the answer', () => {
    const state = run(
      initialChatState(),
      { type: 'send', text: 'hi', requestId: 'r1' },
      token('r1', 'Hello'),
      done('r1'),
    );
    expect(isStreaming(state)).toBe(false);
    expect(state.turns[0]).toMatchObject({ answer: 'Hello', status: 'done' });
    expect(state.error).toBeNull();
    // the end of the subscription after `done` changes nothing
    expect(chatReducer(state, { type: 'ended', requestId: 'r1' })).toBe(state);
  });

  it('an error event shows its own message and allows a retry', () => {
    const state = run(
      initialChatState(),
      { type: 'send', text: 'hi', requestId: 'r1' },
      token('r1', 'Hel'),
      { type: 'event', requestId: 'r1', event: { type: 'error', message: 'The coach timed out.' } },
    );
    expect(isStreaming(state)).toBe(false);
    expect(state.error).toEqual({ message: 'The coach timed out.', retryable: true });
    expect(state.turns[0]?.status).toBe('failed');
    expect(retryableTurn(state)?.question).toBe('hi');
  });

  it('a transport error maps to the plan messages; the daily limit cannot be retried', () => {
    expect(chatErrorFor('TOO_MANY_REQUESTS')).toEqual({
      message: ERROR_MESSAGES.limit,
      retryable: false,
    });
    expect(chatErrorFor('INTERNAL_SERVER_ERROR').message).toBe(ERROR_MESSAGES.server);
    expect(chatErrorFor(null).message).toBe(ERROR_MESSAGES.network);

    const limited = run(
      initialChatState(),
      { type: 'send', text: 'hi', requestId: 'r1' },
      { type: 'failed', requestId: 'r1', error: chatErrorFor('TOO_MANY_REQUESTS') },
    );
    expect(limited.error?.message).toBe("You've reached your daily limit. Resets at midnight.");
    expect(retryableTurn(limited)).toBeUndefined();
    expect(chatReducer(limited, { type: 'retry', requestId: 'r2' })).toBe(limited);
  });

  it('a stream that ends without a final event is a connection error', () => {
    const state = run(
      initialChatState(),
      { type: 'send', text: 'hi', requestId: 'r1' },
      token('r1', 'Hel'),
      { type: 'ended', requestId: 'r1' },
    );
    expect(state.error?.message).toBe('Connection error. Please try again.');
    expect(state.turns[0]?.status).toBe('failed');
  });

  it('retry re-sends the failed question with a new requestId, the one it retries, and the same history', () => {
    const before = answered(2);
    const failed = run(
      before,
      { type: 'send', text: 'q3', requestId: 'r3' },
      token('r3', 'partial'),
      { type: 'failed', requestId: 'r3', error: chatErrorFor(null) },
    );
    const retried = chatReducer(failed, { type: 'retry', requestId: 'r3b' });
    expect(isStreaming(retried)).toBe(true);
    expect(retried.error).toBeNull();
    expect(retried.turns).toHaveLength(3);
    expect(retried.turns[2]).toMatchObject({
      id: 'r3',
      requestId: 'r3b',
      question: 'q3',
      answer: '',
      status: 'streaming',
    });
    expect(retried.request).toEqual({
      universe: 'progress',
      message: 'q3',
      requestId: 'r3b',
      retryOf: 'r3',
      conversationId: 'new',
      conversation: conversationFrom(before.turns),
    });
    // A retry of the retry names the attempt it retries.
    const again = run(
      retried,
      { type: 'failed', requestId: 'r3b', error: chatErrorFor(null) },
      { type: 'retry', requestId: 'r3c' },
    );
    expect(again.request).toMatchObject({ requestId: 'r3c', retryOf: 'r3b' });
    // events of the abandoned attempt are ignored
    expect(chatReducer(retried, token('r3', 'late'))).toBe(retried);
  });

  it('stop ends streaming and keeps the partial answer', () => {
    const state = run(
      initialChatState(),
      { type: 'send', text: 'hi', requestId: 'r1' },
      token('r1', 'Part'),
      { type: 'stop', requestId: 'r1' },
      token('r1', 'late'),
    );
    expect(isStreaming(state)).toBe(false);
    expect(state.turns[0]).toMatchObject({ answer: 'Part', status: 'stopped' });
    expect(state.error).toBeNull();
  });

  it('switching universe starts a new conversation', () => {
    const state = run(answered(2), { type: 'switchUniverse', universe: 'autopsy' });
    expect(state).toEqual(initialChatState('autopsy'));
  });

  it('the history is the last MAX_CONVERSATION_TURNS answered messages, without the intro or failed turns', () => {
    let state = answered(30);
    state = run(
      state,
      { type: 'send', text: 'failed question', requestId: 'f1' },
      token('f1', 'half an answer'),
      { type: 'event', requestId: 'f1', event: { type: 'error', message: 'boom' } },
      { type: 'send', text: 'stopped early', requestId: 's1' },
      { type: 'stop', requestId: 's1' },
      { type: 'send', text: 'next', requestId: 'r9' },
    );
    const conversation = state.request?.conversation ?? [];
    expect(conversation).toHaveLength(MAX_CONVERSATION_TURNS);
    expect(conversation[0]).toEqual({ role: 'user', content: 'q6' });
    expect(conversation.at(-1)).toEqual({ role: 'assistant', content: 'a30' });
    expect(conversation.map((m) => m.role)).toEqual(
      Array.from({ length: MAX_CONVERSATION_TURNS }, (_, i) =>
        i % 2 === 0 ? 'user' : 'assistant',
      ),
    );
    const contents = conversation.map((m) => m.content).join('|');
    expect(contents).not.toMatch(/failed question|half an answer|stopped early|next/);
    // the intro is never part of the conversation state
    expect(conversation.every((m) => m.role === 'user' || m.role === 'assistant')).toBe(true);
  });

  it('a stopped answer with some text counts as an answered turn', () => {
    const state = run(
      initialChatState(),
      { type: 'send', text: 'q', requestId: 'r1' },
      token('r1', 'partial'),
      { type: 'stop', requestId: 'r1' },
    );
    expect(conversationFrom(state.turns)).toEqual([
      { role: 'user', content: 'q' },
      { role: 'assistant', content: 'partial' },
    ]);
  });
});

describe('newRequestId', () => {
  it('makes a fresh v4 UUID each time', () => {
    const a = newRequestId();
    const b = newRequestId();
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it('works without crypto.randomUUID (plain HTTP is not a secure context)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', {
      getRandomValues: <T extends Uint8Array>(a: T) => real.getRandomValues(a),
    });
    try {
      expect(newRequestId()).toMatch(UUID);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('a saved conversation', () => {
  const at = '2026-11-26T10:00:00.000Z';
  const message = (
    id: number,
    role: 'user' | 'assistant',
    content: string,
    status: 'done' | 'stopped' | 'failed' | 'offline' | null = null,
  ) => ({ id, role, content, status, facts: [], createdAt: at });

  it('opens as its turns, each answer with how it ended, and the next send continues it', () => {
    const state = chatReducer(answered(1), {
      type: 'open',
      conversation: {
        id: 9,
        universe: 'autopsy',
        title: 'How did it go?',
        updatedAt: at,
        messages: [
          message(1, 'user', 'How did it go?'),
          message(2, 'assistant', 'Well paced.', 'done'),
          message(3, 'user', 'And the hills?'),
          message(4, 'assistant', 'You slowed', 'stopped'),
          message(5, 'user', 'Why?'),
          message(6, 'assistant', 'Offline answer.', 'offline'),
          message(7, 'user', 'Still there?'),
        ],
      },
    });
    expect(state.universe).toBe('autopsy');
    expect(state.conversationId).toBe(9);
    expect(
      state.turns.map(({ question, answer, status, offline }) => ({
        question,
        answer,
        status,
        offline,
      })),
    ).toEqual([
      { question: 'How did it go?', answer: 'Well paced.', status: 'done', offline: undefined },
      { question: 'And the hills?', answer: 'You slowed', status: 'stopped', offline: undefined },
      { question: 'Why?', answer: 'Offline answer.', status: 'done', offline: true },
      // a question whose answer was never stored
      { question: 'Still there?', answer: '', status: 'failed', offline: undefined },
    ]);
    const sent = chatReducer(state, { type: 'send', text: 'Next', requestId: 'r9' });
    expect(sent.request).toMatchObject({ conversationId: 9, conversation: [] });
  });

  it('takes the id the server gave the new conversation; New conversation forgets it', () => {
    const state = run(
      initialChatState('general'),
      { type: 'send', text: 'Hi', requestId: 'r1' },
      {
        type: 'event',
        requestId: 'r1',
        event: { type: 'done', usage: { inputTokens: 1, outputTokens: 1 }, conversationId: 4 },
      },
    );
    expect(state.conversationId).toBe(4);
    expect(chatReducer(state, { type: 'newConversation' })).toEqual(initialChatState('general'));
  });
});
