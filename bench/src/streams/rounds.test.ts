import { describe, expect, it } from 'vitest';
import { timesOverRounds } from './report';
import { median, roundOf, sideOrder, sizeResult, spreadOf } from './rounds';
import type { RunSummary } from './stats';

function run(latenessP99Ms: number, figures: Partial<RunSummary> = {}): RunSummary {
  return {
    streams: 10,
    errors: 0,
    errorSamples: [],
    firstTokenP50Ms: 100,
    firstTokenP99Ms: 200,
    latenessP50Ms: latenessP99Ms / 2,
    latenessP99Ms,
    latenessMaxMs: latenessP99Ms,
    latenessP99OpeningMs: latenessP99Ms,
    latenessP99AfterOpeningMs: latenessP99Ms,
    fromSendP99Ms: 300,
    tokens: 200,
    tokensPerSecond: 50,
    durationSeconds: 4,
    process: { cpuSeconds: 1, cpuCores: 0.5, rssStartBytes: 100, rssPeakBytes: 200 },
    harness: { fakeCpuCores: 0.1, clientCpuCores: 0.2 },
    ...figures,
  };
}

describe('sideOrder', () => {
  it('runs the relay first in even rounds and the server first in odd ones', () => {
    expect([0, 1, 2, 3].map(sideOrder)).toEqual([
      ['relay', 'server'],
      ['server', 'relay'],
      ['relay', 'server'],
      ['server', 'relay'],
    ]);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the two middle ones, of unsorted values', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([9, 1, 5, 3])).toBe(4);
    expect(median([7])).toBe(7);
  });

  it('leaves out what is not a number (a run without tokens), and is NaN with nothing left', () => {
    expect(median([Number.NaN, 2, 4, Number.POSITIVE_INFINITY])).toBe(3);
    expect(median([Number.NaN])).toBeNaN();
    expect(median([])).toBeNaN();
  });
});

describe('spreadOf', () => {
  it('is the median with the lowest and highest finite values', () => {
    expect(spreadOf([1.6, 0.8, 1.1])).toEqual({ median: 1.1, lowest: 0.8, highest: 1.6 });
    expect(spreadOf([Number.NaN])).toEqual({
      median: Number.NaN,
      lowest: Number.NaN,
      highest: Number.NaN,
    });
  });
});

describe('sizeResult', () => {
  // Three rounds whose relay swings (10, 40, 100 ms) while the server stays near 60 ms.
  const rounds = [
    roundOf(['relay', 'server'], run(10), run(60, { errors: 1 })),
    roundOf(['server', 'relay'], run(40), run(50)),
    roundOf(['relay', 'server'], run(100), run(70, { errors: 2 })),
  ];
  const result = sizeResult(100, rounds);

  it('keeps every round, and gives each side the median of each figure and its errors summed', () => {
    expect(result.rounds).toBe(rounds);
    expect(result.relay.latenessP99Ms).toBe(40);
    expect(result.server.latenessP99Ms).toBe(60);
    expect(result.server.errors).toBe(3);
    expect(result.relay.rssPeakBytes).toBe(200);
  });

  it('gives the median of the per-round ratios, not the ratio of the medians, with their range', () => {
    // Per-round lateness ratios 6, 1.25 and 0.7: median 1.25, where the medians' ratio is 1.5.
    expect(result.ratios.latenessP99).toEqual({ median: 1.25, lowest: 0.7, highest: 6 });
    expect(result.ratios.firstTokenP50).toEqual({ median: 1, lowest: 1, highest: 1 });
  });

  it('compares CPU per token delivered, so a side that delivered fewer tokens is not flattered', () => {
    // The server used twice the CPU seconds for half the tokens: 4× the relay's per token.
    const round = roundOf(
      ['relay', 'server'],
      run(10, { tokens: 200, process: { ...run(10).process, cpuSeconds: 1 } }),
      run(10, { tokens: 100, process: { ...run(10).process, cpuSeconds: 2 } }),
    );
    expect(round.ratios.cpuPerToken).toBe(4);
  });
});

describe('timesOverRounds', () => {
  it('prints one round’s ratio as before, and several rounds’ median with their range', () => {
    expect(timesOverRounds({ median: 1.1, lowest: 1.1, highest: 1.1 }, 1)).toBe('1.10×');
    expect(timesOverRounds({ median: 1.1, lowest: 0.8, highest: 1.6 }, 3)).toBe(
      '1.10× (0.80–1.60)',
    );
    expect(
      timesOverRounds({ median: Number.NaN, lowest: Number.NaN, highest: Number.NaN }, 2),
    ).toBe('-');
  });
});
