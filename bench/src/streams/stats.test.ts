import { describe, expect, it } from 'vitest';
import type { ConcurrentRun, StreamOutcome } from './client-load';
import { OPENING_MS, percentile, summarize, summarizeOverhead } from './stats';

const usage = { cpuSeconds: 1, cpuCores: 0.5, rssStartBytes: 100, rssPeakBytes: 200 };
const harness = { fakeCpuCores: 0.1, clientCpuCores: 0.2 };

function outcome(id: string, sentAt: number, arrivals: number[], error: string | null = null) {
  const first = arrivals[0];
  return {
    id,
    sentAt,
    sentAtEpoch: 1_000_000 + sentAt,
    firstTokenAt: first === undefined ? null : first - 1_000_000,
    arrivals,
    error,
  } satisfies StreamOutcome;
}

describe('percentile', () => {
  it('is the nearest rank of the sorted values', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarize', () => {
  it('measures lateness against each stream’s schedule at the fake, and from the send', () => {
    // Stream a: sent at 0, schedule began at the fake 10 ms later; tokens due at +10, +30, +50.
    // They arrive 5 ms late each.  Stream b: an error after one token, unknown to the fake.
    const run: ConcurrentRun = {
      outcomes: [
        outcome('a', 0, [1_000_015, 1_000_035, 1_000_055]),
        outcome('b', 0, [1_000_100], 'timed out'),
      ],
      openErrors: ['refused'],
      startedAt: 0,
      endedAt: 2_000,
    };
    const summary = summarize(run, new Map([['a', 1_000_010]]), 20, usage, harness);
    expect(summary.latenessP50Ms).toBeCloseTo(5);
    expect(summary.latenessMaxMs).toBeCloseTo(5);
    expect(summary.fromSendP99Ms).toBeCloseTo(100); // b's first token, 100 ms after its send
    expect(summary.firstTokenP50Ms).toBeCloseTo(15);
    expect(summary.streams).toBe(3);
    expect(summary.errors).toBe(2);
    expect(summary.errorSamples).toEqual(['1× open: refused', '1× timed out']);
    expect(summary.tokens).toBe(4);
    expect(summary.tokensPerSecond).toBeCloseTo(2);
  });

  it('splits the p99 lateness by whether the token fell due while the streams were starting', () => {
    // Sent at 0 (epoch 1_000_000), schedule began at +100 with 100 ms between tokens: tokens 0–3
    // fall due in the first 500 ms (1 ms late each), tokens 4–5 after (50 ms late each).
    const due = [0, 1, 2, 3, 4, 5].map((i) => 1_000_100 + i * 100);
    const arrivals = due.map((at, i) => at + (i < 4 ? 1 : 50));
    const run: ConcurrentRun = {
      outcomes: [outcome('a', 0, arrivals)],
      openErrors: [],
      startedAt: 0,
      endedAt: 1_000,
    };
    const summary = summarize(run, new Map([['a', 1_000_100]]), 100, usage, harness);
    expect(OPENING_MS).toBe(500);
    expect(summary.latenessP99OpeningMs).toBeCloseTo(1);
    expect(summary.latenessP99AfterOpeningMs).toBeCloseTo(50);
    expect(summary.latenessP99Ms).toBeCloseTo(50);
  });

  it('counts a complete stream the fake never saw as an error', () => {
    const run: ConcurrentRun = {
      outcomes: [outcome('c', 0, [1_000_001])],
      openErrors: [],
      startedAt: 0,
      endedAt: 1_000,
    };
    expect(summarize(run, new Map(), 20, usage, harness).errorSamples).toEqual([
      '1× the model never saw this stream',
    ]);
  });
});

describe('summarizeOverhead', () => {
  it('is the server’s percentile minus the relay’s', () => {
    const relay = Array.from({ length: 100 }, (_, i) => i + 1);
    const server = relay.map((ms) => ms + 10);
    expect(summarizeOverhead(relay, server, [10, 12], 0)).toMatchObject({
      sends: 100,
      overheadP50Ms: 10,
      overheadP99Ms: 10,
      pairedP50Ms: 10,
      pairedP99Ms: 12,
    });
  });
});
