import { describe, expect, it } from 'vitest';
import { DEFAULT_DAILY_LIMITS } from './limits';
import { toDailyStats, toUsageCheck } from './usage-report';
import { type DayUsage, toDayUsage } from './usage-row';

function day(overrides: Partial<DayUsage> = {}): DayUsage {
  return { ...toDayUsage('2026-03-31', undefined), ...overrides };
}

const LIMITS = { dailyInputTokens: 10_000, dailyOutputTokens: 2_000, dailyMessages: 10 };

describe('toUsageCheck', () => {
  it('counts billed and in-flight tokens as used', () => {
    expect(
      toUsageCheck(
        day({
          inputTokens: 3_000,
          reservedInputTokens: 1_500,
          outputTokens: 400,
          reservedOutputTokens: 500,
          messageCount: 4,
        }),
        LIMITS,
      ),
    ).toEqual({
      allowed: true,
      remainingMessages: 6,
      inputTokensUsed: 4_500,
      outputTokensUsed: 900,
      messageCount: 4,
      limit: 10,
    });
  });

  it('is not allowed once any one of the three limits is reached', () => {
    expect(toUsageCheck(day({ messageCount: 10 }), LIMITS).allowed).toBe(false);
    expect(toUsageCheck(day({ messageCount: 10 }), LIMITS).remainingMessages).toBe(0);
    expect(toUsageCheck(day({ inputTokens: 9_000, reservedInputTokens: 1_000 }), LIMITS)).toEqual(
      expect.objectContaining({ allowed: false, remainingMessages: 10 }),
    );
    expect(toUsageCheck(day({ outputTokens: 2_000 }), LIMITS).allowed).toBe(false);
    expect(toUsageCheck(day({ outputTokens: 1_999 }), LIMITS).allowed).toBe(true);
  });
});

describe('toDailyStats', () => {
  it('reports the most used of the three limits, to one decimal', () => {
    // messages 1 / 100 = 1 %, input 100,000 / 600,000 = 16.67 %, output 7,500 / 150,000 = 5 %
    const stats = toDailyStats(
      day({
        messageCount: 1,
        inputTokens: 60_000,
        reservedInputTokens: 40_000,
        outputTokens: 7_500,
      }),
      DEFAULT_DAILY_LIMITS,
      'America/Denver',
    );
    expect(stats).toEqual({
      messagesUsed: 1,
      messagesRemaining: 99,
      messageLimit: 100,
      percentageUsed: 16.7,
      inputTokensUsed: 100_000,
      outputTokensUsed: 7_500,
      date: '2026-03-31',
      // midnight of 2026-04-01 in Denver (MDT, UTC−6)
      resetsAt: '2026-04-01T06:00:00.000Z',
    });
    expect(
      toDailyStats(day({ messageCount: 37 }), DEFAULT_DAILY_LIMITS, 'UTC').percentageUsed,
    ).toBe(37);
  });

  it('caps the percentage at 100 and treats a zero limit as used up', () => {
    expect(toDailyStats(day({ outputTokens: 9_000 }), LIMITS, 'UTC').percentageUsed).toBe(100);
    const none = { ...LIMITS, dailyMessages: 0 };
    expect(toDailyStats(day(), none, 'UTC')).toEqual(
      expect.objectContaining({ percentageUsed: 100, messagesRemaining: 0 }),
    );
  });

  it('resets at the local midnight across daylight-saving changes', () => {
    // Denver switches to MDT at 02:00 on 2026-03-08: that midnight is still MST (UTC−7) ...
    const before = toDailyStats(day({ date: '2026-03-07' }), LIMITS, 'America/Denver');
    expect(before.resetsAt).toBe('2026-03-08T07:00:00.000Z');
    // ... and the next one is MDT (UTC−6). The day between is 23 hours long.
    const during = toDailyStats(day({ date: '2026-03-08' }), LIMITS, 'America/Denver');
    expect(during.resetsAt).toBe('2026-03-09T06:00:00.000Z');
    // Back to MST on 2026-11-01: the day is 25 hours long.
    const autumn = toDailyStats(day({ date: '2026-11-01' }), LIMITS, 'America/Denver');
    expect(autumn.resetsAt).toBe('2026-11-02T07:00:00.000Z');
  });
});
