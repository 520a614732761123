import { describe, expect, it } from 'vitest';
import type { ServerFigures } from './inspector';
import { backToBaseline, kindOf, LEAK_TOLERANCE_BYTES, perStreamCosts } from './leak';

const baseline: ServerFigures = {
  heapUsedBytes: 50 * 1024 * 1024,
  heapTotalBytes: 70 * 1024 * 1024,
  externalBytes: 5 * 1024 * 1024,
  rssBytes: 200 * 1024 * 1024,
  resources: { TCPServerWrap: 1, PipeWrap: 2 },
  processListeners: 11,
};

describe('the leak scenario', () => {
  it('stops a tenth of the streams and cuts another tenth', () => {
    const kinds = Array.from({ length: 10_000 }, (_, i) => kindOf(i));
    expect(kinds.filter((kind) => kind === 'stopped')).toHaveLength(1_000);
    expect(kinds.filter((kind) => kind === 'cut')).toHaveLength(1_000);
  });

  it('is back to baseline only with the heap within tolerance and no extra resource or listener', () => {
    expect(backToBaseline(baseline, { ...baseline, resources: { TCPServerWrap: 1 } })).toBe(true);
    const heap = baseline.heapUsedBytes + LEAK_TOLERANCE_BYTES;
    expect(backToBaseline(baseline, { ...baseline, heapUsedBytes: heap })).toBe(true);
    expect(backToBaseline(baseline, { ...baseline, heapUsedBytes: heap + 1 })).toBe(false);
    expect(backToBaseline(baseline, { ...baseline, processListeners: 12 })).toBe(false);
    const socket = { ...baseline.resources, TCPSocketWrap: 1 };
    expect(backToBaseline(baseline, { ...baseline, resources: socket })).toBe(false);
  });

  it('weighs a held stream on average over the baseline and at the margin between sizes', () => {
    const kib = 1024;
    const at = (streams: number, rssBytes: number, heapUsedBytes: number) => ({
      streams,
      seconds: streams / 100,
      figures: { ...baseline, rssBytes, heapUsedBytes, heapTotalBytes: heapUsedBytes },
    });
    // 200 streams: +40 MiB RSS, of which 10 MiB fixed; 1,000 streams: 150 KiB more each.
    const costs = perStreamCosts(baseline, [
      at(200, baseline.rssBytes + 40 * 1024 * kib, baseline.heapUsedBytes + 200 * 60 * kib),
      at(
        1000,
        baseline.rssBytes + 40 * 1024 * kib + 800 * 150 * kib,
        baseline.heapUsedBytes + 1000 * 60 * kib,
      ),
    ]);
    expect(costs.map(({ streams }) => streams)).toEqual([200, 1000]);
    expect(costs[0]?.average.rssBytes).toBeCloseTo(204.8 * kib);
    expect(costs[0]?.marginal).toBeNull();
    expect(costs[1]?.average.rssBytes).toBeCloseTo((40 * 1024 * kib + 800 * 150 * kib) / 1000);
    expect(costs[1]?.marginal?.rssBytes).toBeCloseTo(150 * kib);
    expect(costs[1]?.marginal?.heapUsedBytes).toBeCloseTo(60 * kib);
    expect(costs[1]?.marginal?.externalBytes).toBe(0);
  });
});
