// Entitlements as data: what one athlete may use per local day. Callers (configuration, a plan
// tier) pass overrides; anything they leave out keeps the plan's default.
import { DEFAULT_DAILY_LIMITS } from '@coach/config';

export { DEFAULT_DAILY_LIMITS };

export interface DailyLimits {
  /** input tokens billed per day: uncached + cache reads + cache writes */
  dailyInputTokens: number;
  /** output tokens billed per day */
  dailyOutputTokens: number;
  /** chat messages (requests to the model) per day */
  dailyMessages: number;
}

/** The largest value a limit may take: counters are PostgreSQL `integer` columns. */
export const MAX_LIMIT = 2_147_483_647;

/** `overrides` over the defaults; throws RangeError unless every limit is a whole number ≥ 0. */
export function resolveLimits(overrides: Partial<DailyLimits> = {}): DailyLimits {
  const limits: DailyLimits = { ...DEFAULT_DAILY_LIMITS };
  for (const key of Object.keys(DEFAULT_DAILY_LIMITS) as (keyof DailyLimits)[]) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
    if (!Number.isInteger(limits[key]) || limits[key] < 0 || limits[key] > MAX_LIMIT) {
      throw new RangeError(`${key} must be a whole number from 0 to ${MAX_LIMIT}: ${limits[key]}`);
    }
  }
  return limits;
}
