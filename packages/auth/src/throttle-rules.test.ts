import { describe, expect, it } from 'vitest';
import { backoffUntil, lockedUntil } from './throttle-rules';

const MINUTE = 60_000;
const T0 = new Date('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const times = (...minutes: number[]) => minutes.map((m) => at(m * MINUTE));

describe('lockedUntil', () => {
  const rule = { maxAttempts: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE };

  it('locks for the lockout from the attempt that made 5 within the window', () => {
    expect(lockedUntil(times(0, 1, 2, 3), rule, at(4 * MINUTE))).toBeNull();
    expect(lockedUntil(times(0, 1, 2, 3, 4), rule, at(4 * MINUTE))).toEqual(at(19 * MINUTE));
    // Still locked after the first attempt left the window: the lock runs its 15 minutes.
    expect(lockedUntil(times(0, 1, 2, 3, 14), rule, at(16 * MINUTE))).toEqual(at(29 * MINUTE));
    expect(lockedUntil(times(0, 1, 2, 3, 14), rule, at(29 * MINUTE))).toBeNull();
  });

  it('uses a window open at its start: attempts exactly a window apart are not in one window', () => {
    expect(lockedUntil(times(0, 5, 10, 14, 15), rule, at(15 * MINUTE))).toBeNull();
    expect(lockedUntil(times(0.001, 5, 10, 14, 15), rule, at(15 * MINUTE))).toEqual(
      at(30 * MINUTE),
    );
  });

  it('ignores attempts stamped after now', () => {
    expect(lockedUntil(times(0, 1, 2, 3, 4), rule, at(3 * MINUTE))).toBeNull();
  });

  it('takes the lockout from the rule', () => {
    const hourly = { maxAttempts: 2, windowMs: 60 * MINUTE, lockoutMs: 60 * MINUTE };
    expect(lockedUntil(times(0, 50), hourly, at(51 * MINUTE))).toEqual(at(110 * MINUTE));
  });
});

describe('backoffUntil', () => {
  const rule = { freeAttempts: 3, windowMs: 15 * MINUTE, baseDelayMs: 1000, maxDelayMs: 8000 };
  const seconds = (...s: number[]) => s.map((x) => at(x * 1000));

  it('lets the free attempts through, then doubles the wait after the latest, up to the cap', () => {
    expect(backoffUntil(seconds(0, 1), rule, at(1000))).toBeNull();
    expect(backoffUntil(seconds(0, 1, 2), rule, at(2000))).toEqual(at(3000));
    expect(backoffUntil(seconds(0, 1, 2), rule, at(3000))).toBeNull();
    expect(backoffUntil(seconds(0, 1, 2, 3), rule, at(3000))).toEqual(at(5000));
    expect(backoffUntil(seconds(0, 1, 2, 3, 5), rule, at(5000))).toEqual(at(9000));
    expect(backoffUntil(seconds(0, 1, 2, 3, 5, 9), rule, at(9000))).toEqual(at(17_000));
    expect(backoffUntil(seconds(0, 1, 2, 3, 5, 9, 17), rule, at(17_000))).toEqual(at(25_000));
  });

  it('counts only attempts within the window up to now', () => {
    expect(backoffUntil(times(0, 1, 16), rule, at(16 * MINUTE))).toBeNull();
    expect(backoffUntil(times(0, 1, 2), rule, at(1 * MINUTE))).toBeNull();
  });
});
