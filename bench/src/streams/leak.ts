// `pnpm bench streams --leak N`: N streams against one server process, a tenth of them stopped by
// the client (chat.stop after the first token) and a tenth cut (the socket closed after the first
// token), at most LEAK_CONCURRENCY at a time, in two halves. After a warm-up and after each half,
// once every answer is over and out of the server's keep-finished window, the server's heap after
// a full collection, its active resources (sockets, timers…) and its process listeners are read
// through the inspector: they must come back to the warm baseline (within LEAK_TOLERANCE for the
// heap), or the figures say by how much they did not. After the baseline, ACTIVE_PROBE_STREAMS
// streams are held open mid-answer once, to weigh what an active stream holds.
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

/** One stream on a socket of its own; resolves with an error message, or null when it went as planned. */
async function oneStream(
  baseUrl: string,
  cookie: string,
  kind: StreamKind,
  onFirstToken?: () => void,
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
      const input = {
        universe: 'general' as const,
        message: question(requestId),
        conversation: [],
        requestId,
      };
      streamAnswer(made.client, input, ({ data }) => {
        if (data.type !== 'token' || spoke) return;
        spoke = true;
        onFirstToken?.();
        if (kind === 'cut') end(null); // the finally closes the socket mid-answer
        if (kind === 'stopped') {
          made.client.chat.stop.mutate({ requestId }).catch((error: unknown) => {
            end(`stop failed: ${error instanceof Error ? error.message : String(error)}`);
          });
        }
      }).then(
        (events) => {
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

/** Streams held open mid-answer at once to weigh what an active stream holds in the server's heap. */
const ACTIVE_PROBE_STREAMS = 200;
/** Their answers: long enough that every one of them is still running when the heap is read. */
const ACTIVE_PROBE_TOKENS = 400;
const ACTIVE_PROBE_RATE = 20;

/**
 * The server's figures (after a full collection) with ACTIVE_PROBE_STREAMS streams open, each
 * past its first token; the answers then run to their end.
 */
async function activeFigures(
  baseUrl: string,
  cookie: string,
  fake: FakeModel,
  inspector: Inspector,
  heapSnapshot: string | null,
): Promise<ServerFigures> {
  await fake.configure(ACTIVE_PROBE_TOKENS, 1000 / ACTIVE_PROBE_RATE);
  let spoke = 0;
  let allSpoke: () => void = () => {};
  const everyFirstToken = new Promise<void>((resolve) => {
    allSpoke = resolve;
  });
  const streams = Promise.all(
    Array.from({ length: ACTIVE_PROBE_STREAMS }, () =>
      oneStream(baseUrl, cookie, 'answered', () => {
        spoke += 1;
        if (spoke === ACTIVE_PROBE_STREAMS) allSpoke();
      }),
    ),
  );
  await everyFirstToken;
  const figures = await inspector.figures();
  if (heapSnapshot !== null) await inspector.heapSnapshot(heapSnapshot);
  await streams;
  await fake.collect();
  return figures;
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
  /** with ACTIVE_PROBE_STREAMS streams mid-answer, after a full collection */
  active: { streams: number; figures: ServerFigures };
  halves: Settled[];
  passed: boolean;
}

export async function runLeak(
  baseUrl: string,
  cookie: string,
  fake: FakeModel,
  inspector: Inspector,
  streams: number,
  answer: { tokens: number; intervalMs: number },
  heapSnapshot: string | null,
  log: (message: string) => void,
): Promise<LeakResult> {
  await fake.configure(answer.tokens, answer.intervalMs);
  log(`leak: warm-up, ${WARMUP_STREAMS} streams`);
  await runStreams(baseUrl, cookie, fake, 0, WARMUP_STREAMS);
  log('leak: waiting out the keep-finished window for the baseline');
  const baseline = (await settle(inspector, null)).figures;
  log(`leak: ${ACTIVE_PROBE_STREAMS} streams held open mid-answer`);
  const active = {
    streams: ACTIVE_PROBE_STREAMS,
    figures: await activeFigures(baseUrl, cookie, fake, inspector, heapSnapshot),
  };
  await fake.configure(answer.tokens, answer.intervalMs);
  const errors: string[] = [];
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
    active,
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

/** A figure's growth per stream held mid-answer, in KiB. */
function perActiveStream(
  result: LeakResult,
  figure: 'heapUsedBytes' | 'heapTotalBytes' | 'externalBytes' | 'rssBytes',
): string {
  return kib((result.active.figures[figure] - result.baseline[figure]) / result.active.streams);
}

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
    `With ${result.active.streams} streams mid-answer, per stream over the baseline (after a full GC): ` +
      `heap +${perActiveStream(result, 'heapUsedBytes')} KiB used, +${perActiveStream(result, 'heapTotalBytes')} KiB committed; ` +
      `external +${perActiveStream(result, 'externalBytes')} KiB; RSS +${perActiveStream(result, 'rssBytes')} KiB.`,
    `Back to baseline (heap within ${mib(result.toleranceBytes)} MiB, no more resources or listeners, 0 errors): ${result.passed ? 'yes' : 'NO'}`,
  ];
  return lines.join('\n');
}
