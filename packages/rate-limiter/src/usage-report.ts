// Pure: a day's usage against the limits, in the shapes callers show or act on.
import { nextMidnight } from './athlete-day';
import type { DailyLimits } from './limits';
import type { DailyStats, UsageCheck } from './types';
import type { DayUsage } from './usage-row';

/** Tokens counted against a limit: billed plus the estimates still in flight. */
function used(usage: DayUsage) {
  return {
    inputTokens: usage.inputTokens + usage.reservedInputTokens,
    outputTokens: usage.outputTokens + usage.reservedOutputTokens,
  };
}

export function toUsageCheck(usage: DayUsage, limits: DailyLimits): UsageCheck {
  const { inputTokens, outputTokens } = used(usage);
  return {
    allowed:
      usage.messageCount < limits.dailyMessages &&
      inputTokens < limits.dailyInputTokens &&
      outputTokens < limits.dailyOutputTokens,
    remainingMessages: Math.max(0, limits.dailyMessages - usage.messageCount),
    inputTokensUsed: inputTokens,
    outputTokensUsed: outputTokens,
    messageCount: usage.messageCount,
    limit: limits.dailyMessages,
  };
}

/** Share of a limit used, 0–1; a limit of 0 counts as fully used. */
function share(value: number, limit: number): number {
  return limit === 0 ? 1 : Math.min(1, value / limit);
}

export function toDailyStats(usage: DayUsage, limits: DailyLimits, timeZone: string): DailyStats {
  const { inputTokens, outputTokens } = used(usage);
  const mostUsed = Math.max(
    share(usage.messageCount, limits.dailyMessages),
    share(inputTokens, limits.dailyInputTokens),
    share(outputTokens, limits.dailyOutputTokens),
  );
  return {
    messagesUsed: usage.messageCount,
    messagesRemaining: Math.max(0, limits.dailyMessages - usage.messageCount),
    messageLimit: limits.dailyMessages,
    percentageUsed: Math.round(mostUsed * 1000) / 10,
    inputTokensUsed: inputTokens,
    outputTokensUsed: outputTokens,
    date: usage.date,
    resetsAt: nextMidnight(usage.date, timeZone).toISOString(),
  };
}
