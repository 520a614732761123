import { type Dispatch, useEffect, useRef } from 'react';
import { type ChatAction, type ChatStreamRequest, chatErrorFor } from './chat-state';
import type { ChatTransport } from './transport';

/**
 * Holds the `chat.stream` subscription of the request in progress open, feeding its events to the
 * reducer (tokens accumulate in state: a subscription hook would keep only the last event).
 *
 * The subscription is keyed by the request object, which the reducer creates once per send with
 * its own requestId: re-running the effect (StrictMode's double mount, a re-render) subscribes
 * again with the SAME requestId, which the server attaches to the same answer, resuming after the
 * last event seen here. A dropped WebSocket is the wsLink's business: it reconnects and resumes
 * by itself, so nothing here resets on reconnect.
 *
 * `onFinished` runs once the answer has ended (done, error event or transport error).
 */
export function useChatStream(
  transport: ChatTransport,
  request: ChatStreamRequest | null,
  dispatch: Dispatch<ChatAction>,
  onFinished: () => void,
): void {
  const lastSeen = useRef<{ requestId: string; eventId: string } | null>(null);
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });

  useEffect(() => {
    if (!request) return;
    const { requestId } = request;
    let closed = false;
    const seen = lastSeen.current;
    const input =
      seen?.requestId === requestId ? { ...request, lastEventId: seen.eventId } : request;
    const unsubscribe = transport.subscribe(input, {
      onEvent(event, eventId) {
        if (closed) return;
        if (eventId) lastSeen.current = { requestId, eventId };
        dispatch({ type: 'event', requestId, event, eventId });
        if (event.type !== 'token') finished.current();
      },
      onError(error) {
        if (closed) return;
        dispatch({ type: 'failed', requestId, error: chatErrorFor(error.code) });
        finished.current();
      },
      onComplete() {
        if (closed) return;
        dispatch({ type: 'ended', requestId });
      },
    });
    return () => {
      closed = true;
      unsubscribe();
    };
  }, [transport, request, dispatch]);
}
