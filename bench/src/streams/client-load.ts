// The client side of a run, in this process (the servers, relay and fake each run in their own):
// open one socket per stream, then send every question at once and time each token's arrival.
import { randomUUID } from 'node:crypto';
import { epochNow, expectedAnswer, question, TOKEN_CHARS } from './answer';
import type { Connect, StreamSocket } from './transports';

export interface StreamOutcome {
  id: string;
  /** performance.now() when the question was sent (and as epoch ms), and when the first token arrived */
  sentAt: number;
  sentAtEpoch: number;
  firstTokenAt: number | null;
  /** epoch ms at which token i arrived (all of a frame's tokens arrive with it) */
  arrivals: number[];
  /** null when the whole expected answer and then `done` arrived */
  error: string | null;
}

export interface ConcurrentRun {
  outcomes: StreamOutcome[];
  /** sockets that would not open (their streams are not in `outcomes`) */
  openErrors: string[];
  /** performance.now() when the first question went out and when the last stream ended */
  startedAt: number;
  endedAt: number;
}

/** Sends one question on `socket` (one stream at a time per socket) and resolves when its answer has ended (or `timeoutMs` passed). */
export function streamOnce(
  socket: StreamSocket,
  tokens: number,
  timeoutMs: number,
): Promise<StreamOutcome> {
  const id = randomUUID();
  const expected = expectedAnswer(tokens);
  return new Promise((resolve) => {
    const outcome: StreamOutcome = {
      id,
      sentAt: 0,
      sentAtEpoch: 0,
      firstTokenAt: null,
      arrivals: [],
      error: null,
    };
    let text = '';
    let ended = false;
    const end = (error: string | null) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      outcome.error = error;
      resolve(outcome);
    };
    const timer = setTimeout(() => end('timed out'), timeoutMs);
    outcome.sentAtEpoch = epochNow();
    outcome.sentAt = performance.now();
    socket.start(question(id), {
      token(content) {
        const now = performance.now();
        outcome.firstTokenAt ??= now;
        text += content;
        const complete = Math.floor(text.length / TOKEN_CHARS);
        if (complete > outcome.arrivals.length) {
          const at = epochNow();
          while (outcome.arrivals.length < complete) outcome.arrivals.push(at);
        }
      },
      done() {
        // Anything but the scripted answer (an offline fallback, a cut) is an error.
        end(
          text === expected
            ? null
            : `unexpected answer (${text.length} of ${expected.length} chars)`,
        );
      },
      error: (message) => end(message),
    });
  });
}

/** Runs `items` through `work`, at most `limit` at a time. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** `count` streams at once, each on its own socket; sockets are all open before the first send. */
export async function runConcurrent(
  connect: Connect,
  count: number,
  tokens: number,
  timeoutMs: number,
): Promise<ConcurrentRun> {
  const openErrors: string[] = [];
  const opened = await pool(
    Array.from({ length: count }, (_, i) => i),
    50,
    async (i): Promise<StreamSocket | null> => {
      try {
        return await connect(i);
      } catch (error) {
        openErrors.push(error instanceof Error ? error.message : String(error));
        return null;
      }
    },
  );
  const sockets = opened.filter((socket): socket is StreamSocket => socket !== null);
  await new Promise((resolve) => setTimeout(resolve, 250)); // let the connections settle
  try {
    const startedAt = performance.now();
    const outcomes = await Promise.all(
      sockets.map((socket) => streamOnce(socket, tokens, timeoutMs)),
    );
    return { outcomes, openErrors, startedAt, endedAt: performance.now() };
  } finally {
    for (const socket of sockets) socket.close();
  }
}
