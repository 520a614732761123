import { type Dispatch, useEffect, useRef } from 'react';
import { type ChatAction, type ChatStreamRequest, chatErrorFor } from './chat-state';
import type { ChatTransport } from './transport';

/**
 * A subscription that fails with no error code never got the server's answer (tRPC's client can
 * fail a send made while its socket is being replaced): it is asked again, as often and as late as
 * this, before the athlete sees a connection error. The same requestId attaches to the same answer
 * on the server, so asking again never makes a second one.
 */
const CONNECTION_RETRIES = 2;
const CONNECTION_RETRY_MS = 500;

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
    let unsubscribe = () => {};
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const subscribe = (retriesLeft: number) => {
      const seen = lastSeen.current;
      const input =
        seen?.requestId === requestId ? { ...request, lastEventId: seen.eventId } : request;
      unsubscribe = transport.subscribe(input, {
        onEvent(event, eventId) {
          if (closed) return;
          if (eventId) lastSeen.current = { requestId, eventId };
          dispatch({ type: 'event', requestId, event, eventId });
          if (event.type !== 'token') finished.current();
        },
        onError(error) {
          if (closed) return;
          if (error.code === null && retriesLeft > 0) {
            retryTimer = setTimeout(() => subscribe(retriesLeft - 1), CONNECTION_RETRY_MS);
            return;
          }
          dispatch({ type: 'failed', requestId, error: chatErrorFor(error.code) });
          finished.current();
        },
        onComplete() {
          if (closed) return;
          dispatch({ type: 'ended', requestId });
        },
      });
    };
    subscribe(CONNECTION_RETRIES);
    return () => {
      closed = true;
      clearTimeout(retryTimer);
      unsubscribe();
    };
  }, [transport, request, dispatch]);
}
