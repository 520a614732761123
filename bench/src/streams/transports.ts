// How the client talks to each side, behind one small interface: one WebSocket per stream socket,
// one stream at a time on it. The relay gets its JSON frames; the server, the real tRPC client
// (the server's own test helpers: wsLink with the session cookie, as a browser would).
import { randomUUID } from 'node:crypto';
import { streamAnswer } from '@coach/server/testing/chat-stream';
import { createClient } from '@coach/server/testing/trpc-client';
import WebSocket from 'ws';
import type { RelayFrame, RelayQuestion } from './answer';

interface StreamHandlers {
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
const UNIVERSE = 'general' as const;

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
    return {
      start(message, handlers) {
        const input = { universe: UNIVERSE, message, conversation: [], requestId: randomUUID() };
        streamAnswer(made.client, input, ({ data }) => {
          if (data.type === 'token') handlers.token(data.content);
        }).then(
          (events) => {
            const last = events.at(-1)?.data;
            if (last?.type === 'done') handlers.done();
            else if (last?.type === 'error') handlers.error(last.message);
            else handlers.error('stream ended before its last event');
          },
          (error: unknown) =>
            handlers.error(error instanceof Error ? error.message : String(error)),
        );
      },
      close() {
        void made.close();
      },
    };
  };
}
