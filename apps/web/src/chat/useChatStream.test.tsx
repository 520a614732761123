import { act, renderHook } from '@testing-library/react';
import { useReducer } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ChatStreamRequest, chatReducer, initialChatState } from './chat-state';
import type { ChatStreamHandlers, ChatTransport } from './transport';
import { useChatStream } from './useChatStream';

function recordingTransport() {
  const calls: { input: ChatStreamRequest; handlers: ChatStreamHandlers; closed: boolean }[] = [];
  const transport: ChatTransport = {
    subscribe: (input, handlers) => {
      const call = { input, handlers, closed: false };
      calls.push(call);
      return () => {
        call.closed = true;
      };
    },
    stop: async () => undefined,
    intro: async () => '',
    usage: async () => ({ messagesUsed: 0, messageLimit: 100, percentageUsed: 0 }),
    conversation: async () => null,
    conversations: async () => [],
    deleteConversation: async () => undefined,
    deleteAllConversations: async () => undefined,
  };
  return { transport, calls };
}

function useChat(transport: ChatTransport, onFinished: () => void) {
  const [state, dispatch] = useReducer(chatReducer, undefined, () => initialChatState());
  useChatStream(transport, state.request, dispatch, onFinished);
  return { state, dispatch };
}

const REQUEST_ID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';

describe('useChatStream', () => {
  it('resubscribes the same requestId from the last event seen, and applies nothing twice', () => {
    const first = recordingTransport();
    const second = recordingTransport();
    const onFinished = vi.fn();
    const { result, rerender } = renderHook(({ transport }) => useChat(transport, onFinished), {
      initialProps: { transport: first.transport },
    });
    act(() => result.current.dispatch({ type: 'send', text: 'hi', requestId: REQUEST_ID }));
    expect(first.calls).toHaveLength(1);
    expect(first.calls[0]?.input.lastEventId).toBeUndefined();
    act(() => first.calls[0]?.handlers.onEvent({ type: 'token', content: 'A' }, `${REQUEST_ID}:0`));

    // the effect runs again for the same send (here: a new transport object)
    rerender({ transport: second.transport });
    expect(first.calls[0]?.closed).toBe(true);
    expect(second.calls).toHaveLength(1);
    expect(second.calls[0]?.input).toMatchObject({
      requestId: REQUEST_ID,
      lastEventId: `${REQUEST_ID}:0`,
    });

    const handlers = second.calls[0]?.handlers;
    act(() => {
      // a late event of the closed subscription is ignored; a replayed one is applied once
      first.calls[0]?.handlers.onEvent({ type: 'token', content: 'late' }, `${REQUEST_ID}:1`);
      handlers?.onEvent({ type: 'token', content: 'A' }, `${REQUEST_ID}:0`);
      handlers?.onEvent({ type: 'token', content: 'B' }, `${REQUEST_ID}:1`);
    });
    expect(result.current.state.turns[0]?.answer).toBe('AB');
    expect(onFinished).not.toHaveBeenCalled();

    act(() => {
      handlers?.onEvent(
        { type: 'done', usage: { inputTokens: 1, outputTokens: 1 } },
        `${REQUEST_ID}:2`,
      );
      handlers?.onComplete();
    });
    expect(result.current.state.request).toBeNull();
    expect(result.current.state.turns[0]?.status).toBe('done');
    expect(result.current.state.error).toBeNull();
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(second.calls[0]?.closed).toBe(true);
  });

  it('a transport error fails the turn with the mapped message', () => {
    const { transport, calls } = recordingTransport();
    const onFinished = vi.fn();
    const { result } = renderHook(() => useChat(transport, onFinished));
    act(() => result.current.dispatch({ type: 'send', text: 'hi', requestId: REQUEST_ID }));
    act(() => calls[0]?.handlers.onError({ code: 'UNAUTHORIZED' }));
    expect(result.current.state.error?.message).toBe(
      'Something went wrong. Please try again later.',
    );
    expect(onFinished).toHaveBeenCalledTimes(1);
  });

  describe('when the connection fails a subscription (an error with no code)', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A chat with one question sent, on a transport that records its subscriptions. */
    function sent() {
      const { transport, calls } = recordingTransport();
      const onFinished = vi.fn();
      const hook = renderHook(() => useChat(transport, onFinished));
      act(() => hook.result.current.dispatch({ type: 'send', text: 'hi', requestId: REQUEST_ID }));
      return { calls, onFinished, ...hook };
    }

    it('asks again from the last event seen, and the answer completes with no error shown', () => {
      const { calls, onFinished, result } = sent();
      act(() => {
        calls[0]?.handlers.onEvent({ type: 'token', content: 'A' }, `${REQUEST_ID}:0`);
        calls[0]?.handlers.onError({ code: null });
      });
      expect(result.current.state.error).toBeNull();
      expect(calls).toHaveLength(1);
      act(() => vi.advanceTimersByTime(500));
      expect(calls).toHaveLength(2);
      expect(calls[1]?.input).toMatchObject({
        requestId: REQUEST_ID,
        lastEventId: `${REQUEST_ID}:0`,
      });
      act(() => {
        calls[1]?.handlers.onEvent({ type: 'token', content: 'B' }, `${REQUEST_ID}:1`);
        calls[1]?.handlers.onEvent(
          { type: 'done', usage: { inputTokens: 1, outputTokens: 1 } },
          `${REQUEST_ID}:2`,
        );
      });
      expect(result.current.state.turns[0]).toMatchObject({ answer: 'AB', status: 'done' });
      expect(result.current.state.error).toBeNull();
      expect(onFinished).toHaveBeenCalledTimes(1);
    });

    it('shows the connection error once asking again has failed twice more', () => {
      const { calls, onFinished, result } = sent();
      for (let attempt = 0; attempt < 3; attempt++) {
        expect(result.current.state.error).toBeNull();
        act(() => calls[attempt]?.handlers.onError({ code: null }));
        act(() => vi.advanceTimersByTime(500));
      }
      expect(calls).toHaveLength(3);
      expect(result.current.state.error?.message).toBe('Connection error. Please try again.');
      expect(onFinished).toHaveBeenCalledTimes(1);
    });

    it('does not ask again once the chat is gone', () => {
      const { calls, unmount } = sent();
      act(() => calls[0]?.handlers.onError({ code: null }));
      unmount();
      vi.advanceTimersByTime(5_000);
      expect(calls).toHaveLength(1);
    });
  });
});
