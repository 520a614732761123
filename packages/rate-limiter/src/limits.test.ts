import { describe, expect, it } from 'vitest';
import { DEFAULT_DAILY_LIMITS, resolveLimits } from './limits';

describe('daily limits', () => {
  it("defaults to the plan's values", () => {
    expect(DEFAULT_DAILY_LIMITS).toEqual({
      dailyInputTokens: 600_000,
      dailyOutputTokens: 150_000,
      dailyMessages: 100,
    });
    expect(resolveLimits()).toEqual(DEFAULT_DAILY_LIMITS);
  });

  it('takes overrides from configuration and keeps the rest', () => {
    expect(resolveLimits({ dailyMessages: 20 })).toEqual({
      dailyInputTokens: 600_000,
      dailyOutputTokens: 150_000,
      dailyMessages: 20,
    });
    expect(resolveLimits({ dailyMessages: 0 }).dailyMessages).toBe(0);
  });

  it('refuses limits that are not whole numbers the counters can hold', () => {
    expect(() => resolveLimits({ dailyMessages: -1 })).toThrow(RangeError);
    expect(() => resolveLimits({ dailyInputTokens: 1.5 })).toThrow(RangeError);
    expect(() => resolveLimits({ dailyOutputTokens: Number.NaN })).toThrow(RangeError);
    expect(() => resolveLimits({ dailyInputTokens: 2 ** 31 })).toThrow(RangeError);
  });
});
