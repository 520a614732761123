import type { Universe } from '@coach/prompts/universes';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ChatWidget } from './ChatWidget';
import type { ChatEvent, ChatStreamRequest, SavedConversation } from './chat-state';
import {
  type ChatStreamHandlers,
  type ChatTransport,
  ChatTransportProvider,
  type ChatUsage,
} from './transport';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Subscription {
  input: ChatStreamRequest;
  handlers: ChatStreamHandlers;
  closed: boolean;
  seq: number;
}

/** A transport the test drives by hand: it records subscriptions and emits what it is told. */
function scriptedTransport(initialUsage?: ChatUsage) {
  const subscriptions: Subscription[] = [];
  /** what the server has saved, by id (tests fill it as the server would) */
  const saved = new Map<number, SavedConversation>();
  let usage: ChatUsage = initialUsage ?? { messagesUsed: 3, messageLimit: 100, percentageUsed: 3 };
  const transport = {
    subscribe: vi.fn((input: ChatStreamRequest, handlers: ChatStreamHandlers) => {
      const subscription: Subscription = { input, handlers, closed: false, seq: 0 };
      subscriptions.push(subscription);
      return () => {
        subscription.closed = true;
      };
    }),
    stop: vi.fn(async (_requestId: string) => ({ stopped: true })),
    intro: vi.fn(async (universe: Universe) => `Intro for ${universe}.`),
    usage: vi.fn(async () => usage),
    conversation: vi.fn(async (id: number) => saved.get(id) ?? null),
    conversations: vi.fn(async () => [...saved.values()].reverse()),
    deleteConversation: vi.fn(async (id: number) => saved.delete(id)),
    deleteAllConversations: vi.fn(async () => saved.clear()),
  } satisfies ChatTransport;

  /** The subscription still open (the one the widget listens to). */
  const open = (): Subscription => {
    const subscription = subscriptions.filter((s) => !s.closed).at(-1);
    if (!subscription) throw new Error('no open subscription');
    return subscription;
  };
  const emit = (event: ChatEvent) => {
    const subscription = open();
    act(() =>
      subscription.handlers.onEvent(event, `${subscription.input.requestId}:${subscription.seq++}`),
    );
  };
  return {
    transport,
    subscriptions,
    saved,
    open,
    setUsage: (next: ChatUsage) => {
      usage = next;
    },
    token: (content: string) => emit({ type: 'token', content }),
    done: ({
      offline = false,
      grounding = {},
      conversationId,
    }: {
      conversationId?: number;
      offline?: boolean;
      grounding?: Pick<Extract<ChatEvent, { type: 'done' }>, 'facts' | 'unsupportedNumbers'>;
    } = {}) => {
      const subscription = open();
      emit({
        type: 'done',
        usage: { inputTokens: offline ? 0 : 100, outputTokens: offline ? 0 : 20 },
        ...(offline ? { offline } : {}),
        ...grounding,
        ...(conversationId === undefined ? {} : { conversationId }),
      });
      act(() => subscription.handlers.onComplete());
    },
    errorEvent: (message: string) => emit({ type: 'error', message }),
    fail: (code: string | null) => {
      const subscription = open();
      act(() => subscription.handlers.onError({ code }));
    },
  };
}

type Scripted = ReturnType<typeof scriptedTransport>;

function renderWidget(scripted: Scripted, { strict = false } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const ui = (
    <QueryClientProvider client={queryClient}>
      <ChatTransportProvider transport={scripted.transport}>
        <ChatWidget />
      </ChatTransportProvider>
    </QueryClientProvider>
  );
  const user = userEvent.setup();
  render(strict ? <StrictMode>{ui}</StrictMode> : ui);
  return { user };
}

async function renderOpen(scripted: Scripted, options?: { strict?: boolean }) {
  const { user } = renderWidget(scripted, options);
  await user.click(screen.getByTestId('chat-toggle'));
  await screen.findByText('Intro for general.');
  return { user };
}

const input = () => screen.getByTestId<HTMLTextAreaElement>('chat-input');
const messages = () => screen.queryAllByTestId('chat-message');
const lastAssistant = () =>
  messages()
    .filter((m) => m.dataset.role === 'assistant')
    .at(-1);

async function ask(user: ReturnType<typeof userEvent.setup>, question: string) {
  await user.type(input(), question);
  await user.keyboard('{Enter}');
}

describe('ChatWidget', () => {
  it('opens and closes from a floating button', async () => {
    const scripted = scriptedTransport();
    const { user } = renderWidget(scripted);
    const toggle = screen.getByTestId('chat-toggle');
    expect(toggle).toHaveProperty('textContent', 'Ask Your Coach+');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(panel?.hidden).toBe(true);
    expect(scripted.transport.intro).not.toHaveBeenCalled();

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(panel?.hidden).toBe(false);
    expect(document.activeElement).toBe(input());
    // the universe's intro is the first message; the usage line is loaded
    await screen.findByText('Intro for general.');
    expect(messages()[0]?.textContent).toBe('Intro for general.');
    expect(scripted.transport.intro).toHaveBeenCalledWith('general');
    expect((await screen.findByTestId('chat-usage')).textContent).toBe(
      '3 of 100 messages used today',
    );
    expect(screen.getByRole('log').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByLabelText('Ask about:')).toBe(screen.getByTestId('chat-universe'));
    expect(screen.getByLabelText('Your question')).toBe(input());

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(panel?.hidden).toBe(true);

    // Escape closes too, and gives the focus back to the toggle
    await user.click(toggle);
    await user.keyboard('{Escape}');
    expect(panel?.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });

  it('Enter sends; Shift+Enter adds a line', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await user.type(input(), 'Line one{Shift>}{Enter}{/Shift}line two');
    expect(scripted.transport.subscribe).not.toHaveBeenCalled();
    expect(input().value).toBe('Line one\nline two');

    await user.keyboard('{Enter}');
    expect(scripted.transport.subscribe).toHaveBeenCalledTimes(1);
    const { input: sent } = scripted.open();
    expect(sent).toEqual({
      universe: 'general',
      message: 'Line one\nline two',
      conversationId: 'new',
      conversation: [],
      requestId: expect.stringMatching(UUID),
    });
    expect(input().value).toBe('');
    const user1 = messages().find((m) => m.dataset.role === 'user');
    expect(user1?.textContent).toBe('Line one\nline two');
  });

  it('the Send button sends too, and is disabled with nothing to send', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    const send = screen.getByTestId<HTMLButtonElement>('chat-send');
    expect(send.disabled).toBe(true);
    await user.type(input(), 'Hello coach');
    expect(send.disabled).toBe(false);
    await user.click(send);
    expect(scripted.open().input.message).toBe('Hello coach');
  });

  it('disables the input while streaming and enables it again after', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'How was my week?');
    expect(input().disabled).toBe(true);
    expect(screen.getByTestId<HTMLButtonElement>('chat-send').disabled).toBe(true);
    expect(screen.getByTestId<HTMLSelectElement>('chat-universe').disabled).toBe(true);
    expect(screen.getByRole('log').getAttribute('aria-busy')).toBe('true');

    scripted.token('Solid.');
    scripted.done();
    expect(input().disabled).toBe(false);
    expect(screen.getByTestId<HTMLSelectElement>('chat-universe').disabled).toBe(false);
    expect(screen.queryByTestId('chat-stop')).toBeNull();
    expect(document.activeElement).toBe(input());
  });

  it('shows tokens as they arrive, in one assistant message', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Am I overdoing it?');
    expect(lastAssistant()?.dataset.streaming).toBe('true');
    expect(lastAssistant()?.textContent).toBe('Coach is typing…');

    scripted.token('Your load ');
    expect(lastAssistant()?.textContent).toBe('Your load');
    scripted.token('is **fine**.');
    expect(lastAssistant()?.textContent).toBe('Your load is fine.');
    expect(lastAssistant()?.querySelector('strong')?.textContent).toBe('fine');
    expect(
      messages().filter((m) => m.dataset.role === 'assistant' && !m.dataset.intro),
    ).toHaveLength(1);

    scripted.setUsage({ messagesUsed: 4, messageLimit: 100, percentageUsed: 4 });
    scripted.done();
    expect(lastAssistant()?.dataset.streaming).toBeUndefined();
    // the usage line is refreshed after each answer
    await waitFor(() =>
      expect(screen.getByTestId('chat-usage').textContent).toBe('4 of 100 messages used today'),
    );
  });

  it('sends the previous turns as the conversation', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'First?');
    scripted.token('First answer.');
    scripted.done();
    await ask(user, 'Second?');
    expect(scripted.open().input.conversation).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'assistant', content: 'First answer.' },
    ]);
    expect(scripted.subscriptions[0]?.input.requestId).not.toBe(scripted.open().input.requestId);
  });

  it('Stop stops the answer by its requestId and keeps the partial text', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Tell me everything.');
    scripted.token('Part one');
    const { requestId } = scripted.open().input;

    await user.click(screen.getByTestId('chat-stop'));
    expect(scripted.transport.stop).toHaveBeenCalledWith(requestId);
    expect(scripted.subscriptions.every((s) => s.closed)).toBe(true);
    expect(lastAssistant()?.textContent).toBe('Part oneStopped.');
    expect(lastAssistant()?.dataset.streaming).toBeUndefined();
    expect(input().disabled).toBe(false);
    expect(screen.queryByTestId('chat-error')).toBeNull();
    await waitFor(() => expect(scripted.transport.usage).toHaveBeenCalledTimes(2));
  });

  it('Stop is reachable by keyboard', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Tell me everything.');
    const stop = screen.getByTestId('chat-stop');
    stop.focus();
    await user.keyboard('{Enter}');
    expect(scripted.transport.stop).toHaveBeenCalledWith(
      scripted.subscriptions[0]?.input.requestId,
    );
  });

  it('shows the daily-limit message for TOO_MANY_REQUESTS, without Retry', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'One more?');
    scripted.fail('TOO_MANY_REQUESTS');
    expect(screen.getByTestId('chat-error').textContent).toBe(
      "You've reached your daily limit. Resets at midnight.",
    );
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.queryByTestId('chat-retry')).toBeNull();
    expect(input().disabled).toBe(false);
  });

  it('shows the generic message for other server errors, and an error event as it is', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Q1');
    scripted.fail('INTERNAL_SERVER_ERROR');
    expect(screen.getByTestId('chat-error').textContent).toBe(
      'Something went wrong. Please try again later.',
    );
    await ask(user, 'Q2');
    expect(screen.queryByTestId('chat-error')).toBeNull();
    scripted.token('Half');
    scripted.errorEvent('The coach is not answering right now.');
    expect(screen.getByTestId('chat-error').textContent).toBe(
      'The coach is not answering right now.',
    );
  });

  it('Retry re-sends the last question with a new requestId, naming the one it retries', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Earlier?');
    scripted.token('Earlier answer.');
    scripted.done();
    await ask(user, 'Will it work?');
    const first = scripted.open().input;
    scripted.fail('INTERNAL_SERVER_ERROR');
    expect(screen.getByTestId('chat-error').textContent).toBe(
      'Something went wrong. Please try again later.',
    );

    await user.click(screen.getByTestId('chat-retry'));
    expect(scripted.transport.subscribe).toHaveBeenCalledTimes(3);
    const second = scripted.open().input;
    expect(second.requestId).toMatch(UUID);
    expect(second.requestId).not.toBe(first.requestId);
    expect(second.retryOf).toBe(first.requestId);
    expect(second.message).toBe('Will it work?');
    expect(second.conversation).toEqual(first.conversation);
    expect(screen.queryByTestId('chat-error')).toBeNull();
    // the question is not repeated on screen
    expect(messages().filter((m) => m.textContent === 'Will it work?')).toHaveLength(1);

    scripted.token('Yes.');
    scripted.done();
    expect(lastAssistant()?.textContent).toBe('Yes.');
  });

  it('offers three suggested questions until the first question; clicking one sends it', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    const suggestions = within(screen.getByRole('list', { name: 'Suggested questions' }));
    const buttons = suggestions.getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'How should I fuel a long run?',
      'How do I balance easy and hard running?',
      'When is a niggle a reason to stop?',
    ]);
    await user.click(buttons[1] as HTMLElement);
    expect(scripted.open().input.message).toBe('How do I balance easy and hard running?');
    expect(screen.queryByRole('list', { name: 'Suggested questions' })).toBeNull();
  });

  it('switching universe starts a new conversation with its intro and suggestions', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'General question');
    scripted.token('General answer');
    scripted.done();

    await user.selectOptions(screen.getByTestId('chat-universe'), 'autopsy');
    await screen.findByText('Intro for autopsy.');
    expect(messages().map((m) => m.textContent)).toEqual(['Intro for autopsy.']);
    expect(screen.getByRole('option', { name: 'Latest workout analysis' })).toHaveProperty(
      'selected',
      true,
    );
    expect(screen.getByRole('button', { name: 'What did my last autopsy find?' })).toBeTruthy();

    await ask(user, 'Autopsy question');
    expect(scripted.open().input).toMatchObject({ universe: 'autopsy', conversation: [] });
  });

  it('says in the usage line that an offline answer was free', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'My knee hurts');
    scripted.token('(Offline coach: …)');
    scripted.done({ offline: true });
    await waitFor(() =>
      expect(screen.getByTestId('chat-usage').textContent).toBe(
        '3 of 100 messages used today · Offline answers are free',
      ),
    );
    await ask(user, 'And tomorrow?');
    scripted.token('Easy.');
    scripted.done();
    await waitFor(() =>
      expect(screen.getByTestId('chat-usage').textContent).toBe('3 of 100 messages used today'),
    );
  });

  it('marks the usage line as a warning above 80%', async () => {
    const high = scriptedTransport({ messagesUsed: 85, messageLimit: 100, percentageUsed: 85 });
    await renderOpen(high);
    const usage = await screen.findByTestId('chat-usage');
    expect(usage.textContent).toBe('85 of 100 messages used today');
    expect(usage.classList.contains('warning')).toBe(true);
  });

  it('does not warn at 80% or below', async () => {
    const edge = scriptedTransport({ messagesUsed: 80, messageLimit: 100, percentageUsed: 80 });
    await renderOpen(edge);
    const usage = await screen.findByTestId('chat-usage');
    expect(usage.classList.contains('warning')).toBe(false);
  });

  it('keeps the conversation when closed and opened again', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Remember me?');
    scripted.token('Yes');
    await user.click(screen.getByTestId('chat-toggle'));
    scripted.token(' I do.');
    scripted.done();
    await user.click(screen.getByTestId('chat-toggle'));
    expect(lastAssistant()?.textContent).toBe('Yes I do.');
  });

  it('under StrictMode, a send subscribes with one requestId only and shows each token once', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted, { strict: true });
    await ask(user, 'Strict?');
    const ids = new Set(scripted.subscriptions.map((s) => s.input.requestId));
    expect(ids.size).toBe(1);
    expect(scripted.subscriptions.filter((s) => !s.closed)).toHaveLength(1);
    scripted.token('Once');
    scripted.token(' only.');
    scripted.done();
    expect(lastAssistant()?.textContent).toBe('Once only.');
  });

  it('falls back to the built-in intro when the intro cannot be loaded', async () => {
    const scripted = scriptedTransport();
    scripted.transport.intro.mockRejectedValue(new Error('offline'));
    const { user } = renderWidget(scripted);
    await user.click(screen.getByTestId('chat-toggle'));
    await screen.findByText(/Ask me general coaching questions/);
  });

  it('shows under a finished answer a "Based on" line that opens the list of its facts', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Should I run today?');
    scripted.token('Keep it easy: your ACWR is 1.15.');
    expect(screen.queryByTestId('based-on')).toBeNull(); // not while it streams
    scripted.done({
      grounding: {
        facts: [
          { number: 2, label: 'ACWR 1.15 · 26 Nov' },
          { number: 5, label: 'Journal 25 Nov: pain 20%' },
        ],
        unsupportedNumbers: ['42.7'],
      },
    });
    const toggle = await screen.findByRole('button', {
      name: /^Based on: ACWR 1\.15 · 26 Nov \+1 more$/,
    });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    const list = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    expect(list?.hidden).toBe(true);
    // the answer itself stays the answer
    expect(lastAssistant()?.textContent).toBe('Keep it easy: your ACWR is 1.15.');

    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(list?.hidden).toBe(false);
    expect(
      within(list as HTMLElement)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['ACWR 1.15 · 26 Nov', 'Journal 25 Nov: pain 20%']);
    expect(screen.getByTestId('unsupported-numbers').textContent).toBe('Not in your data: 42.7');
  });

  it('shows no "Based on" line when the answer cited nothing', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'Hi');
    scripted.token('Hello.');
    scripted.done();
    await waitFor(() => expect(lastAssistant()?.dataset.streaming).toBeUndefined());
    expect(screen.queryByTestId('based-on')).toBeNull();
  });
});

/** A saved conversation as the server would give it back. */
function savedConversation(
  id: number,
  universe: Universe,
  exchanges: [question: string, answer: string][],
): SavedConversation {
  const at = '2026-11-26T10:00:00.000Z';
  return {
    id,
    universe,
    title: exchanges[0]?.[0] ?? '',
    updatedAt: at,
    messages: exchanges.flatMap(([question, answer], i) => [
      {
        id: 2 * i + 1,
        role: 'user' as const,
        content: question,
        status: null,
        facts: [],
        createdAt: at,
      },
      {
        id: 2 * i + 2,
        role: 'assistant' as const,
        content: answer,
        status: 'done' as const,
        facts: [],
        createdAt: at,
      },
    ]),
  };
}

const shownTexts = () => messages().map((m) => m.textContent);

describe('saved conversations in the ChatWidget', () => {
  it('reopens the current conversation after a reload and continues it on the server', async () => {
    const scripted = scriptedTransport();
    const first = await renderOpen(scripted);
    await ask(first.user, 'My calf is tight');
    scripted.token('Rest it.');
    scripted.done({ conversationId: 7 });
    scripted.saved.set(7, savedConversation(7, 'general', [['My calf is tight', 'Rest it.']]));

    cleanup(); // the reload
    const { user } = await renderOpen(scripted);
    await waitFor(() => expect(shownTexts()).toContain('Rest it.'));
    expect(scripted.transport.conversation).toHaveBeenCalledWith(7);
    expect(shownTexts()).toContain('My calf is tight');

    await ask(user, 'And now?');
    // the server holds the history: only the conversation's id is sent
    expect(scripted.open().input).toMatchObject({ conversationId: 7, conversation: [] });
  });

  it('New conversation starts afresh, and a reload then reopens nothing', async () => {
    const scripted = scriptedTransport();
    const { user } = await renderOpen(scripted);
    await ask(user, 'First question');
    scripted.token('First answer.');
    scripted.done({ conversationId: 3 });
    scripted.saved.set(3, savedConversation(3, 'general', [['First question', 'First answer.']]));

    await user.click(screen.getByTestId('chat-new'));
    expect(shownTexts()).toEqual(['Intro for general.']);
    await ask(user, 'Another topic');
    expect(scripted.open().input).toMatchObject({ conversationId: 'new', conversation: [] });
    scripted.fail(null);

    cleanup();
    await renderOpen(scripted);
    expect(scripted.transport.conversation).not.toHaveBeenCalled();
    expect(shownTexts()).toEqual(['Intro for general.']);
  });

  it('lists earlier conversations to reopen one, delete one, or delete them all', async () => {
    const scripted = scriptedTransport();
    scripted.saved.set(1, savedConversation(1, 'progress', [['Am I fitter?', 'Yes, a little.']]));
    scripted.saved.set(2, savedConversation(2, 'general', [['Shoes?', 'Any that fit.']]));
    const { user } = await renderOpen(scripted);

    await user.click(screen.getByTestId('chat-earlier-toggle'));
    const items = await screen.findAllByTestId('chat-earlier-item');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Shoes?'),
      expect.stringContaining('Am I fitter?'),
    ]);
    await user.click(within(items[1] as HTMLElement).getByText('Am I fitter?'));
    await waitFor(() => expect(shownTexts()).toContain('Yes, a little.'));
    expect(screen.getByTestId<HTMLSelectElement>('chat-universe').value).toBe('progress');

    await user.click(screen.getByTestId('chat-earlier-toggle'));
    await user.click(await screen.findByRole('button', { name: 'Delete “Am I fitter?”' }));
    expect(scripted.transport.deleteConversation).toHaveBeenCalledWith(1);
    // the conversation shown was the one deleted: the chat starts afresh
    expect(shownTexts()).not.toContain('Yes, a little.');
    await waitFor(() => expect(screen.getAllByTestId('chat-earlier-item')).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Delete all conversations' }));
    expect(scripted.transport.deleteAllConversations).toHaveBeenCalled();
    await screen.findByText('No saved conversations yet.');
  });
});
