import { describe, expect, it } from 'vitest';
import type { ServerFigures } from './inspector';
import { backToBaseline, kindOf, LEAK_TOLERANCE_BYTES } from './leak';

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
});
