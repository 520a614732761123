// `pnpm bench streams --leak N`: N streams against one server process, a tenth of them stopped by
// the client (chat.stop after the first token) and a tenth cut (the socket closed after the first
// token), at most LEAK_CONCURRENCY at a time, in two halves. After a warm-up and after each half,
// once every answer is over and out of the server's keep-finished window, the server's heap after
// a full collection, its active resources (sockets, timers…) and its process listeners are read
// through the inspector: they must come back to the warm baseline (within LEAK_TOLERANCE for the
// heap), or the figures say by how much they did not. After the baseline, streams are held open
// mid-answer, growing to each of the `--hold` sizes in turn, to weigh what an active stream holds:
// on average over the baseline, and at the margin between two sizes, which leaves out fixed costs
// (the young generation growing to its maximum, pools at size).
import { randomUUID } from 'node:crypto';
import { streamAnswer } from '@coach/server/testing/chat-stream';
import { createClient } from '@coach/server/testing/trpc-client';
import { question } from './answer';
import { pool } from './client-load';
import type { FakeModel } from './fake';
import type { Inspector, ServerFigures } from './inspector';

const LEAK_CONCURRENCY = 200;
const WARMUP_STREAMS = 400;
/** Heap growth still counted as "back to baseline": allocation sites, JIT feedback, caches at size. */
export const LEAK_TOLERANCE_BYTES = 4 * 1024 * 1024;
/** The server keeps a finished answer 60 s for a reconnecting client; this waits past that. */
const SETTLE_TIMEOUT_MS = 120_000;
const SETTLE_POLL_MS = 5_000;
const STREAM_TIMEOUT_MS = 60_000;

export type StreamKind = 'answered' | 'stopped' | 'cut';

/** Stream i's kind: one in ten stopped, one in ten cut, the rest answered to the end. */
export function kindOf(index: number): StreamKind {
  if (index % 10 === 3) return 'stopped';
  if (index % 10 === 7) return 'cut';
  return 'answered';
}

/**
 * A stream held mid-answer: it calls `onFirstToken`, then is cut once `release` resolves; an
 * answer that ends before that is an error (the figures would not be of a running answer).
 */
interface Held {
  onFirstToken: () => void;
  release: Promise<void>;
}

/** One stream on a socket of its own; resolves with an error message, or null when it went as planned. */
async function oneStream(
  baseUrl: string,
  cookie: string,
  kind: StreamKind,
  held?: Held,
): Promise<string | null> {
  const made = createClient(baseUrl, cookie);
  const requestId = randomUUID();
  try {
    return await new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(`${kind}: timed out`), STREAM_TIMEOUT_MS);
      const end = (error: string | null) => {
        clearTimeout(timer);
        resolve(error);
      };
      let spoke = false;
      let released = false;
      const input = {
        universe: 'general' as const,
        message: question(requestId),
        conversation: [],
        requestId,
      };
      streamAnswer(made.client, input, ({ data }) => {
        if (data.type !== 'token' || spoke) return;
        spoke = true;
        if (held !== undefined) {
          clearTimeout(timer); // held for as long as the caller needs, however long that is
          held.onFirstToken();
          void held.release.then(() => {
            released = true;
            end(null); // the finally closes the socket mid-answer
          });
        }
        if (kind === 'cut') end(null);
        if (kind === 'stopped') {
          made.client.chat.stop.mutate({ requestId }).catch((error: unknown) => {
            end(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
          });
        }
      }).then(
        (events) => {
          if (held !== undefined && !released) {
            end('held: the answer ended before it was released');
            return;
          }
          const last = events.at(-1)?.data;
          end(last?.type === 'done' ? null : `${kind}: ended with ${last?.type ?? 'nothing'}`);
        },
        (error: unknown) =>
          end(`${kind}: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  } finally {
    await made.close();
  }
}

async function runStreams(
  baseUrl: string,
  cookie: string,
  fake: FakeModel,
  from: number,
  count: number,
): Promise<string[]> {
  const indexes = Array.from({ length: count }, (_, i) => from + i);
  const outcomes = await pool(indexes, LEAK_CONCURRENCY, (i) =>
    oneStream(baseUrl, cookie, kindOf(i)),
  );
  await fake.collect(); // the fake forgets the streams' schedules
  return outcomes.filter((error): error is string => error !== null);
}

/**
 * The held streams' answers: long enough that every one is still running when the last size is
 * read (the server's CHAT_MAX_RESPONSE_TOKENS must allow them). A slow rate, because what an
 * answer keeps grows with the tokens it has had (the replay buffer, the answer so far): the table
 * says when each size was read, so the tokens had by then are known (at most rate × seconds).
 */
export const HOLD_TOKENS = 4000;
const HOLD_RATE = 1;

/** A figure's cost per stream, in bytes. */
export interface StreamCosts {
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  rssBytes: number;
}

export interface HeldSize {
  streams: number;
  /** from the first held stream's start until these figures were read */
  seconds: number;
  /** after a full collection, once RSS settled (`settledFigures`) */
  figures: ServerFigures;
}

const COST_FIGURES = ['heapUsedBytes', 'heapTotalBytes', 'externalBytes', 'rssBytes'] as const;

function costsBetween(from: ServerFigures, to: ServerFigures, streams: number): StreamCosts {
  return Object.fromEntries(
    COST_FIGURES.map((figure) => [figure, (to[figure] - from[figure]) / streams]),
  ) as unknown as StreamCosts;
}

/**
 * Per held stream at each size: the average over the baseline, and the marginal cost (the slope
 * from the previous size; none for the first), which fixed costs do not inflate.
 */
export function perStreamCosts(
  baseline: ServerFigures,
  sizes: readonly HeldSize[],
): { streams: number; average: StreamCosts; marginal: StreamCosts | null }[] {
  return sizes.map((size, i) => {
    const previous = sizes[i - 1];
    return {
      streams: size.streams,
      average: costsBetween(baseline, size.figures, size.streams),
      marginal:
        previous === undefined
          ? null
          : costsBetween(previous.figures, size.figures, size.streams - previous.streams),
    };
  });
}

/**
 * Holds streams mid-answer, opening more to reach each of `sizes` (ascending) and reading the
 * server's settled figures there; then cuts them all. The heap snapshot, if asked, is taken at the
 * first size. A stream that fails before its first token counts as reached (and as an error), so
 * the hold never waits for it.
 */
async function holdStreams(
  baseUrl: string,
  cookie: string,
  fake: FakeModel,
  inspector: Inspector,
  sizes: readonly number[],
  heapSnapshot: string | null,
): Promise<{ held: HeldSize[]; errors: string[] }> {
  await fake.configure(HOLD_TOKENS, 1000 / HOLD_RATE);
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const streams: Promise<string | null>[] = [];
  const held: HeldSize[] = [];
  const started = performance.now();
  try {
    for (const size of sizes) {
      const opening = size - streams.length;
      let reached = 0;
      await new Promise<void>((allReached) => {
        const reach = () => {
          reached += 1;
          if (reached === opening) allReached();
        };
        for (let i = 0; i < opening; i++) {
          let spoke = false;
          const onFirstToken = () => {
            spoke = true;
            reach();
          };
          const stream = oneStream(baseUrl, cookie, 'answered', {
            onFirstToken,
            release: released,
          });
          streams.push(
            stream.then((error) => {
              if (!spoke) reach();
              return error;
            }),
          );
        }
      });
      const figures = await inspector.settledFigures();
      held.push({ streams: size, seconds: (performance.now() - started) / 1000, figures });
      if (heapSnapshot !== null && held.length === 1) await inspector.heapSnapshot(heapSnapshot);
    }
  } finally {
    release();
  }
  const outcomes = await Promise.all(streams);
  await fake.collect();
  return { held, errors: outcomes.filter((error): error is string => error !== null) };
}

interface Settled {
  figures: ServerFigures;
  /** from the last stream's end until the figures were back within bounds (or the timeout) */
  seconds: number;
  withinBaseline: boolean;
}

/** Whether `figures` are back to `baseline`: heap within the tolerance, no more resources or listeners. */
export function backToBaseline(baseline: ServerFigures, figures: ServerFigures): boolean {
  if (figures.heapUsedBytes > baseline.heapUsedBytes + LEAK_TOLERANCE_BYTES) return false;
  if (figures.processListeners > baseline.processListeners) return false;
  return Object.entries(figures.resources).every(
    ([kind, count]) => count <= (baseline.resources[kind] ?? 0),
  );
}

/** Polls the server's figures until they are back to `baseline` (or the timeout). */
async function settle(inspector: Inspector, baseline: ServerFigures | null): Promise<Settled> {
  const started = performance.now();
  let figures = await inspector.figures();
  // The baseline itself: after the keep-finished window, so no warm-up answer is still held.
  const waitAtLeastMs = baseline === null ? 65_000 : 0;
  for (;;) {
    const elapsed = performance.now() - started;
    const settled = baseline !== null && backToBaseline(baseline, figures);
    if (
      (settled && elapsed >= waitAtLeastMs) ||
      elapsed >= Math.max(SETTLE_TIMEOUT_MS, waitAtLeastMs)
    ) {
      return { figures, seconds: elapsed / 1000, withinBaseline: settled };
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    figures = await inspector.figures();
  }
}

export interface LeakResult {
  streams: number;
  stopped: number;
  cut: number;
  concurrency: number;
  toleranceBytes: number;
  errors: number;
  errorSamples: string[];
  streamSeconds: number;
  baseline: ServerFigures;
  /** streams held mid-answer, at each size */
  held: HeldSize[];
  halves: Settled[];
  passed: boolean;
}

export async function runLeak(
  baseUrl: string,
  cookie: string,
  fake: FakeModel,
  inspector: Inspector,
  streams: number,
  holdSizes: readonly number[],
  answer: { tokens: number; intervalMs: number },
  heapSnapshot: string | null,
  log: (message: string) => void,
): Promise<LeakResult> {
  await fake.configure(answer.tokens, answer.intervalMs);
  log(`leak: warm-up, ${WARMUP_STREAMS} streams`);
  await runStreams(baseUrl, cookie, fake, 0, WARMUP_STREAMS);
  log('leak: waiting out the keep-finished window for the baseline');
  const baseline = (await settle(inspector, null)).figures;
  log(`leak: streams held open mid-answer, ${holdSizes.join(', then ')}`);
  const { held, errors } = await holdStreams(
    baseUrl,
    cookie,
    fake,
    inspector,
    holdSizes,
    heapSnapshot,
  );
  await fake.configure(answer.tokens, answer.intervalMs);
  const halves: Settled[] = [];
  let streamSeconds = 0;
  const half = Math.ceil(streams / 2);
  for (const [from, count] of [
    [0, half],
    [half, streams - half],
  ] as const) {
    const started = performance.now();
    errors.push(...(await runStreams(baseUrl, cookie, fake, from, count)));
    streamSeconds += (performance.now() - started) / 1000;
    log(`leak: ${from + count} of ${streams} streams done, ${errors.length} errors; settling`);
    halves.push(await settle(inspector, baseline));
  }
  const indexes = Array.from({ length: streams }, (_, i) => kindOf(i));
  return {
    streams,
    stopped: indexes.filter((kind) => kind === 'stopped').length,
    cut: indexes.filter((kind) => kind === 'cut').length,
    concurrency: LEAK_CONCURRENCY,
    toleranceBytes: LEAK_TOLERANCE_BYTES,
    errors: errors.length,
    errorSamples: [...new Set(errors)].slice(0, 5),
    streamSeconds,
    baseline,
    held,
    halves,
    passed: errors.length === 0 && halves.every((settled) => settled.withinBaseline),
  };
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const kib = (bytes: number) => (bytes / 1024).toFixed(0);
const resourcesOf = (figures: ServerFigures) =>
  Object.entries(figures.resources)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');

const costsText = (costs: StreamCosts) =>
  COST_FIGURES.map((figure) => `${costs[figure] < 0 ? '' : '+'}${kib(costs[figure])}`).join(', ');

export function formatLeak(result: LeakResult): string {
  const rows = [
    ['warm baseline', result.baseline, ''],
    ...result.halves.map(
      (settled, i) =>
        [
          `after ${i === 0 ? 'the first' : 'the second'} half`,
          settled.figures,
          `${settled.seconds.toFixed(0)} s${settled.withinBaseline ? '' : ' (not back)'}`,
        ] as const,
    ),
  ] as const;
  const lines = [
    `${result.streams} streams (${result.stopped} stopped, ${result.cut} cut mid-answer), ` +
      `${result.concurrency} at a time, ${result.streamSeconds.toFixed(0)} s of streaming, ` +
      `${result.errors} errors${result.errorSamples.length ? ` (${result.errorSamples.join('; ')})` : ''}`,
    '| server after a full GC | heap used MiB | RSS MiB | process listeners | active resources | back after |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      ([label, figures, after]) =>
        `| ${label} | ${mib(figures.heapUsedBytes)} | ${mib(figures.rssBytes)} | ${figures.processListeners} | ${resourcesOf(figures)} | ${after} |`,
    ),
    '',
    '| streams held mid-answer | read after | RSS MiB | KiB per stream over the baseline: heap used, committed, external, RSS | marginal KiB per stream from the size before |',
    '|---|---|---|---|---|',
    ...perStreamCosts(result.baseline, result.held).map(
      ({ streams, average, marginal }, i) =>
        `| ${streams} | ${(result.held[i]?.seconds ?? 0).toFixed(0)} s | ${mib(result.held[i]?.figures.rssBytes ?? 0)} | ${costsText(average)} | ${marginal === null ? '' : costsText(marginal)} |`,
    ),
    '',
    `Back to baseline (heap within ${mib(result.toleranceBytes)} MiB, no more resources or listeners, 0 errors): ${result.passed ? 'yes' : 'NO'}`,
  ];
  return lines.join('\n');
}
