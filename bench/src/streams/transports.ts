// How the client talks to each side, behind one small interface: one WebSocket per stream socket,
// one stream at a time on it. The relay gets its JSON frames; the server, the real tRPC client
// (the server's own test helper: wsLink with the session cookie, as a browser would).
import { randomUUID } from 'node:crypto';
import { createClient } from '@coach/server/testing/trpc-client';
import WebSocket from 'ws';
import type { RelayFrame, RelayQuestion } from './answer';

export interface StreamHandlers {
  token(content: string): void;
  done(): void;
  error(message: string): void;
}

export interface StreamSocket {
  /** sends one question; the answer comes to `handlers` */
  start(message: string, handlers: StreamHandlers): void;
  close(): void;
}

/** Opens stream socket number `index` (which athlete it belongs to is the connector's business). */
export type Connect = (index: number) => Promise<StreamSocket>;

const OPEN_TIMEOUT_MS = 30_000;
const UNIVERSE = 'general';

export function relayConnector(url: string, maxTokens: number): Connect {
  return async () => {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('relay socket: open timed out')),
        OPEN_TIMEOUT_MS,
      );
      socket.once('open', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    let handlers: StreamHandlers | null = null;
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as RelayFrame;
      if (frame.type === 'token') handlers?.token(frame.content);
      else if (frame.type === 'done') handlers?.done();
      else handlers?.error(frame.message);
    });
    socket.on('close', () => handlers?.error('relay socket closed'));
    socket.on('error', () => {}); // 'close' follows
    return {
      start(message, next) {
        handlers = next;
        const question: RelayQuestion = { message, maxTokens };
        socket.send(JSON.stringify(question));
      },
      close() {
        handlers = null;
        socket.terminate();
      },
    };
  };
}

export function serverConnector(baseUrl: string, cookies: readonly string[]): Connect {
  return async (index) => {
    const made = createClient(baseUrl, cookies[index % cookies.length]);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.unsubscribe();
        reject(new Error('server socket: open timed out'));
      }, OPEN_TIMEOUT_MS);
      const subscription = made.wsClient.connectionState.subscribe({
        next: (state) => {
          if (state.state !== 'pending') return;
          clearTimeout(timer);
          queueMicrotask(() => subscription.unsubscribe());
          resolve();
        },
      });
    });
    let ended = true;
    return {
      start(message, handlers) {
        ended = false;
        const finish = (end: () => void) => {
          if (ended) return;
          ended = true;
          subscription.unsubscribe();
          end();
        };
        const subscription = made.client.chat.stream.subscribe(
          { universe: UNIVERSE, message, conversation: [], requestId: randomUUID() },
          {
            onData: ({ data: event }) => {
              if (event.type === 'token') handlers.token(event.content);
              else if (event.type === 'done') finish(handlers.done);
              else finish(() => handlers.error(event.message));
            },
            onError: (error) => finish(() => handlers.error(error.message)),
            onComplete: () => finish(() => handlers.error('stream ended before its last event')),
          },
        );
      },
      close() {
        ended = true;
        void made.close();
      },
    };
  };
}
